//! Carousels: slides, AI copy (15 credits) and design (15 credits), assets, and a post draft.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::{multipart_file, required};
use crate::clock;
use crate::envelope::{ApiError, ApiResult, done, ok, parse, parse_or_default};
use crate::server::App;
use crate::state::{Paging, Store, page, public, str_of};

pub(crate) fn routes() -> Router<App> {
    Router::new()
        .route("/carousels", get(list).post(create))
        .route("/carousels/generate", post(generate))
        .route("/carousels/{id}", get(one).patch(update).delete(remove))
        .route("/carousels/{id}/generate-design", post(design))
        .route("/carousels/{id}/assets", post(assets))
        .route("/carousels/{id}/create-draft", post(draft))
}

const COPY_CREDITS: i64 = 15;
const DESIGN_CREDITS: i64 = 15;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SlideInput {
    title: Option<String>,
    body: Option<String>,
    image_url: Option<String>,
}

fn slides(store: &mut Store, input: Vec<SlideInput>) -> Result<Value, ApiError> {
    if input.len() > 20 {
        return Err(ApiError::validation("A carousel has at most 20 slides."));
    }
    Ok(input
        .into_iter()
        .enumerate()
        .map(|(order, slide)| {
            json!({
                "id": store.id("slide"), "title": slide.title.unwrap_or_default(),
                "body": slide.body.unwrap_or_default(), "imageUrl": slide.image_url, "order": order,
            })
        })
        .collect())
}

fn find(store: &Store, id: &str) -> Result<usize, ApiError> {
    store
        .carousels
        .iter()
        .position(|c| str_of(c, "id") == id)
        .ok_or_else(|| ApiError::not_found("Carousel"))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CreateCarousel {
    brand_slug: Option<String>,
    title: Option<String>,
    slides: Option<Vec<SlideInput>>,
}

async fn create(State(app): State<App>, body: Bytes) -> ApiResult {
    let request: CreateCarousel = parse(&body)?;
    let slug = required(request.brand_slug, "brandSlug")?;
    let title = required(request.title, "title")?;
    let now = clock::format(app.now());
    let mut store = app.store();
    if store.brand(&slug).is_none() {
        return Err(ApiError::not_found(&format!("Brand `{slug}`")));
    }
    let slides = slides(&mut store, request.slides.unwrap_or_default())?;
    let id = store.id("car");
    let carousel = json!({
        "id": id, "brandSlug": slug, "title": title, "slides": slides, "design": null,
        "status": "draft", "createdAt": now, "updatedAt": now,
    });
    store.carousels.push(carousel.clone());
    ok(carousel)
}

async fn list(State(app): State<App>, Query(paging): Query<Paging>) -> ApiResult {
    let (limit, offset) = paging.checked()?;
    let store = app.store();
    let (items, total) = page(store.carousels.iter().map(public).collect(), limit, offset);
    ok(json!({"items": items, "total": total, "limit": limit, "offset": offset}))
}

async fn one(State(app): State<App>, Path(id): Path<String>) -> ApiResult {
    let store = app.store();
    let index = find(&store, &id)?;
    ok(public(&store.carousels[index]))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UpdateCarousel {
    title: Option<String>,
    slides: Option<Vec<SlideInput>>,
}

async fn update(State(app): State<App>, Path(id): Path<String>, body: Bytes) -> ApiResult {
    let request: UpdateCarousel = parse(&body)?;
    let now = clock::format(app.now());
    let mut store = app.store();
    let index = find(&store, &id)?;
    let mut patch = Map::new();
    if let Some(title) = request.title {
        patch.insert("title".into(), json!(required(Some(title), "title")?));
    }
    if let Some(input) = request.slides {
        patch.insert("slides".into(), slides(&mut store, input)?);
    }
    patch.insert("updatedAt".into(), json!(now));
    crate::state::merge(&mut store.carousels[index], &patch);
    ok(public(&store.carousels[index]))
}

async fn remove(State(app): State<App>, Path(id): Path<String>) -> ApiResult {
    let mut store = app.store();
    let index = find(&store, &id)?;
    store.carousels.remove(index);
    done()
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Design {
    template: Option<String>,
    color_scheme: Option<String>,
}

async fn design(State(app): State<App>, Path(id): Path<String>, body: Bytes) -> ApiResult {
    let request: Design = parse_or_default(&body)?;
    let now = app.now();
    let mut store = app.store();
    let index = find(&store, &id)?;
    store.spend("aiGeneration", DESIGN_CREDITS)?;
    store.use_tokens("carouselGeneration", 1200, now);
    let carousel = &mut store.carousels[index];
    if let Some(map) = carousel.as_object_mut() {
        map.insert(
            "design".into(),
            json!({"template": request.template.unwrap_or_else(|| "minimal".into()), "colorScheme": request.color_scheme.unwrap_or_else(|| "brand".into())}),
        );
        map.insert("status".into(), json!("ready"));
        map.insert("updatedAt".into(), json!(clock::format(now)));
    }
    ok(public(carousel))
}

async fn assets(
    State(app): State<App>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult {
    let (_, filename, kind, size) = multipart_file(&headers, &body)?;
    if !kind.starts_with("image/") {
        return Err(ApiError::validation(format!(
            "Carousel assets must be images (got `{kind}`)."
        )));
    }
    let limit = app.0.config.max_upload;
    if size > limit {
        return Err(ApiError::new(
            axum::http::StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            format!("`file` is larger than the limit of {limit} bytes."),
        ));
    }
    let mut store = app.store();
    find(&store, &id)?;
    let asset = store.id("asset");
    let url = format!(
        "{}/__storage/carousels/{id}/{asset}/{filename}",
        app.0.base_url
    );
    ok(
        json!({"assets": [{"id": asset, "url": url, "filename": filename, "type": kind, "size": size}]}),
    )
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Generate {
    topic: Option<String>,
    platform_preset: Option<String>,
    slide_count: Option<i64>,
    brand_slug: Option<String>,
}

async fn generate(State(app): State<App>, body: Bytes) -> ApiResult {
    let request: Generate = parse(&body)?;
    let topic = required(request.topic, "topic")?;
    let count = request.slide_count.unwrap_or(7);
    if !(2..=20).contains(&count) {
        return Err(ApiError::validation(format!(
            "`slideCount` must be between 2 and 20 (got {count})."
        )));
    }
    if let Some(preset) = &request.platform_preset {
        super::platform(preset, "platformPreset")?;
    }
    let now = app.now();
    let stamp = clock::format(now);
    let mut store = app.store();
    let slug = request.brand_slug.unwrap_or_default();
    if !slug.is_empty() && store.brand(&slug).is_none() {
        return Err(ApiError::not_found(&format!("Brand `{slug}`")));
    }
    store.spend("aiGeneration", COPY_CREDITS)?;
    store.use_tokens("carouselGeneration", 2000, now);
    let input = (1..=count)
        .map(|n| SlideInput {
            title: Some(if n == 1 {
                topic.clone()
            } else {
                format!("Point {}", n - 1)
            }),
            body: Some(format!("Slide {n} of {count} about {topic}.")),
            image_url: None,
        })
        .collect();
    let slides = slides(&mut store, input)?;
    let id = store.id("car");
    let carousel = json!({
        "id": id, "brandSlug": slug, "title": topic, "slides": slides, "design": null,
        "status": "draft", "createdAt": stamp, "updatedAt": stamp,
    });
    store.carousels.push(carousel.clone());
    ok(carousel)
}

async fn draft(State(app): State<App>, Path(id): Path<String>) -> ApiResult {
    let now = clock::format(app.now());
    let mut store = app.store();
    let index = find(&store, &id)?;
    let carousel = store.carousels[index].clone();
    let slug = str_of(&carousel, "brandSlug").to_owned();
    let platforms = store
        .brand(&slug)
        .map(|b| b["connectedPlatforms"].clone())
        .unwrap_or_else(|| json!([]));
    let post_id = store.id("post");
    let text: String = format!("{} — a carousel.", str_of(&carousel, "title"))
        .chars()
        .take(280)
        .collect();
    let results: Vec<Value> = platforms
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| json!({"platform": p, "status": "pending", "error": null, "url": null, "publishedAt": null}))
        .collect();
    store.posts.push(json!({
        "id": post_id, "brandSlug": slug, "text": text, "platforms": platforms, "status": "draft",
        "scheduledAt": null, "publishedAt": null, "createdAt": now, "updatedAt": now, "media": [],
        "score": null, "source": "api", "platformResults": results, "_carouselId": id,
    }));
    let carousel = &mut store.carousels[index];
    if let Some(map) = carousel.as_object_mut() {
        map.insert("postId".into(), json!(post_id));
        map.insert("updatedAt".into(), json!(now));
    }
    ok(public(carousel))
}
