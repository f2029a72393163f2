//! Brands, addressed by their unique, immutable slug.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::routing::get;
use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::{platform, required};
use crate::clock;
use crate::envelope::{ApiError, ApiResult, done, ok, parse};
use crate::server::App;
use crate::state::{public, str_of};

pub(crate) fn routes() -> Router<App> {
    Router::new()
        .route("/brands", get(list).post(create))
        .route(
            "/brands/{brand_slug}",
            get(one).patch(update).delete(remove),
        )
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CreateBrand {
    name: Option<String>,
    slug: Option<String>,
    timezone: Option<String>,
    platforms: Option<Vec<String>>,
    description: Option<String>,
    logo_url: Option<String>,
}

/// `Acme Corp!` → `acme-corp`.
fn slugify(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

fn check_slug(slug: &str) -> Result<(), ApiError> {
    let valid = !slug.is_empty()
        && slug.len() <= 64
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !slug.starts_with('-')
        && !slug.ends_with('-');
    if valid {
        Ok(())
    } else {
        Err(ApiError::validation(format!(
            "`slug` must be 1-64 lowercase letters, digits and inner hyphens (got `{slug}`)."
        )))
    }
}

async fn create(State(app): State<App>, body: Bytes) -> ApiResult {
    let request: CreateBrand = parse(&body)?;
    let name = required(request.name, "name")?;
    let slug = match request.slug {
        Some(slug) => slug.trim().to_owned(),
        None => slugify(&name),
    };
    check_slug(&slug)?;
    let platforms = request.platforms.unwrap_or_default();
    for name in &platforms {
        platform(name, "platforms")?;
    }
    if let Some(tz) = &request.timezone
        && !(tz == "UTC" || tz.contains('/'))
    {
        return Err(ApiError::validation(format!(
            "`timezone` must be an IANA zone such as America/New_York (got `{tz}`)."
        )));
    }
    let now = clock::format(app.now());
    let mut store = app.store();
    if store.brand(&slug).is_some() {
        return Err(ApiError::conflict(format!(
            "A brand with the slug `{slug}` already exists."
        )));
    }
    let id = store.id("brand");
    let order = store.brands.len();
    let brand = json!({
        "id": id, "name": name, "slug": slug, "description": request.description.unwrap_or_default(),
        "logoUrl": request.logo_url, "order": order, "connectedPlatforms": platforms,
        "createdAt": now, "updatedAt": now,
        "_timezone": request.timezone.unwrap_or_else(|| "UTC".into()),
    });
    store.brands.push(brand.clone());
    ok(public(&brand))
}

async fn list(State(app): State<App>) -> ApiResult {
    let store = app.store();
    ok(Value::Array(store.brands.iter().map(public).collect()))
}

async fn one(State(app): State<App>, Path(slug): Path<String>) -> ApiResult {
    let store = app.store();
    let brand = store
        .brand(&slug)
        .ok_or_else(|| ApiError::not_found("Brand"))?;
    ok(public(brand))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UpdateBrand {
    name: Option<String>,
    slug: Option<String>,
    description: Option<String>,
    logo_url: Option<Option<String>>,
    timezone: Option<String>,
}

async fn update(State(app): State<App>, Path(slug): Path<String>, body: Bytes) -> ApiResult {
    let request: UpdateBrand = parse(&body)?;
    if request.slug.as_deref().is_some_and(|s| s != slug) {
        return Err(ApiError::validation("`slug` cannot be changed."));
    }
    let now = clock::format(app.now());
    let mut store = app.store();
    let brand = store
        .brand_mut(&slug)
        .ok_or_else(|| ApiError::not_found("Brand"))?;
    let mut patch = Map::new();
    if let Some(name) = request.name {
        patch.insert("name".into(), json!(required(Some(name), "name")?));
    }
    if let Some(description) = request.description {
        patch.insert("description".into(), json!(description));
    }
    if let Some(logo) = request.logo_url {
        patch.insert("logoUrl".into(), json!(logo));
    }
    if let Some(tz) = request.timezone {
        patch.insert("_timezone".into(), json!(tz));
    }
    patch.insert("updatedAt".into(), json!(now));
    crate::state::merge(brand, &patch);
    ok(public(brand))
}

async fn remove(State(app): State<App>, Path(slug): Path<String>) -> ApiResult {
    let mut store = app.store();
    let before = store.brands.len();
    store.brands.retain(|b| str_of(b, "slug") != slug);
    if store.brands.len() == before {
        return Err(ApiError::not_found("Brand"));
    }
    store.posts.retain(|p| str_of(p, "brandSlug") != slug);
    store.tokens.retain(|t| str_of(t, "brandSlug") != slug);
    done()
}
