//! Connecting social accounts to brands: OAuth URLs and code exchange, stored tokens, and
//! each brand's connection status. A brand's `connectedPlatforms` follows its tokens, also as
//! they expire ([`crate::state::Store::tick`] renews the refreshable ones 10 min ahead and
//! expires the others, sending `token.expired`).

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{platform, required};
use crate::clock;
use crate::envelope::{ApiError, ApiResult, done, ok, parse, parse_or_default};
use crate::server::App;
use crate::state::{PLATFORMS, Store, public, str_of};

pub(crate) fn routes() -> Router<App> {
    Router::new()
        .route("/oauth/{platform}/authorize", get(authorize))
        .route("/oauth/exchange", post(exchange))
        .route("/brands/{slug}/tokens", post(store_token))
        .route("/brands/{slug}/tokens/{platform}", get(list).patch(refresh))
        .route(
            "/brands/{slug}/tokens/{platform}/{platform_user_id}",
            axum::routing::delete(remove),
        )
        .route(
            "/brands/{slug}/tokens/{platform}/{platform_user_id}/move",
            post(move_token),
        )
        .route("/brands/{slug}/auth/status", get(status))
}

fn connect(store: &mut Store, slug: &str, name: &str) {
    if let Some(Value::Array(list)) = store
        .brand_mut(slug)
        .and_then(|b| b.get_mut("connectedPlatforms"))
        && !list.iter().any(|p| p.as_str() == Some(name))
    {
        list.push(json!(name));
    }
}

fn disconnect_if_unused(store: &mut Store, slug: &str, name: &str) {
    let used = store
        .tokens
        .iter()
        .any(|t| str_of(t, "brandSlug") == slug && str_of(t, "_platform") == name);
    if !used
        && let Some(Value::Array(list)) = store
            .brand_mut(slug)
            .and_then(|b| b.get_mut("connectedPlatforms"))
    {
        list.retain(|p| p.as_str() != Some(name));
    }
}

fn scopes_of(name: &str) -> Value {
    match name {
        "x" => json!(["tweet.read", "tweet.write"]),
        "linkedin" => json!(["r_liteprofile", "w_member_social"]),
        "youtube" => json!(["youtube.upload"]),
        _ => json!(["content_publish"]),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AuthorizeQuery {
    brand_slug: Option<String>,
    redirect_uri: Option<String>,
    state: Option<String>,
}

async fn authorize(
    State(app): State<App>,
    Path(name): Path<String>,
    Query(query): Query<AuthorizeQuery>,
) -> ApiResult {
    platform(&name, "platform")?;
    let state = query.state.unwrap_or_else(|| Store::random(16));
    let redirect = query
        .redirect_uri
        .unwrap_or_else(|| format!("{}/oauth/callback", app.0.base_url));
    let brand = query.brand_slug.unwrap_or_default();
    ok(json!({
        "url": format!("https://auth.{name}.example/authorize?client_id=autoposting&redirect_uri={redirect}&state={state}&brand={brand}"),
        "state": state,
    }))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Exchange {
    platform: Option<String>,
    code: Option<String>,
    brand_slug: Option<String>,
}

async fn exchange(State(app): State<App>, body: Bytes) -> ApiResult {
    let request: Exchange = parse(&body)?;
    let name = required(request.platform, "platform")?;
    platform(&name, "platform")?;
    required(request.code, "code")?;
    let slug = required(request.brand_slug, "brandSlug")?;
    let now = app.now();
    let mut store = app.store();
    if store.brand(&slug).is_none() {
        return Err(ApiError::not_found("Brand"));
    }
    let id = store.id("tok");
    let user = format!("{name}_{}", store.seq);
    let expires = clock::format(now + chrono::Duration::days(60));
    store.tokens.push(json!({
        "tokenId": id, "platformUserId": user, "username": format!("@{slug}"), "scopes": scopes_of(&name),
        "expiresAt": expires, "lastUsedAt": null, "status": "active",
        "brandSlug": slug, "_platform": name, "_refreshable": true,
    }));
    connect(&mut store, &slug, &name);
    ok(json!({
        "tokenId": id, "platform": name, "platformUserId": user, "platformUsername": format!("@{slug}"),
        "brandSlug": slug, "scopes": scopes_of(&name), "expiresAt": expires,
    }))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoreToken {
    platform: Option<String>,
    access_token: Option<String>,
    platform_user_id: Option<String>,
    refresh_token: Option<String>,
    expires_at: Option<String>,
    username: Option<String>,
}

fn shown(token: &Value) -> Value {
    let mut token = public(token);
    if let Some(map) = token.as_object_mut() {
        map.remove("brandSlug");
    }
    token
}

async fn store_token(State(app): State<App>, Path(slug): Path<String>, body: Bytes) -> ApiResult {
    let request: StoreToken = parse(&body)?;
    let name = required(request.platform, "platform")?;
    platform(&name, "platform")?;
    required(request.access_token, "accessToken")?;
    let user = required(request.platform_user_id, "platformUserId")?;
    // X, LinkedIn and YouTube renew through a refresh token; Instagram and Threads through a
    // long-lived token exchange, which needs nothing more (concepts: platforms).
    let refreshable = request.refresh_token.is_some_and(|t| !t.is_empty())
        || matches!(name.as_str(), "instagram" | "threads");
    let now = app.now();
    let expires = match request.expires_at {
        Some(at) => clock::format(
            clock::parse(&at)
                .ok_or_else(|| ApiError::validation("`expiresAt` is not an ISO 8601 date-time."))?,
        ),
        None => clock::format(now + chrono::Duration::days(60)),
    };
    let mut store = app.store();
    if store.brand(&slug).is_none() {
        return Err(ApiError::not_found("Brand"));
    }
    store.tokens.retain(|t| {
        !(str_of(t, "brandSlug") == slug
            && str_of(t, "_platform") == name
            && str_of(t, "platformUserId") == user)
    });
    let id = store.id("tok");
    let token = json!({
        "tokenId": id, "platformUserId": user, "username": request.username.unwrap_or_else(|| format!("@{user}")),
        "scopes": scopes_of(&name), "expiresAt": expires, "lastUsedAt": null, "status": "active",
        "brandSlug": slug, "_platform": name, "_refreshable": refreshable,
    });
    store.tokens.push(token.clone());
    connect(&mut store, &slug, &name);
    ok(shown(&token))
}

async fn list(State(app): State<App>, Path((slug, name)): Path<(String, String)>) -> ApiResult {
    platform(&name, "platform")?;
    let store = app.store();
    if store.brand(&slug).is_none() {
        return Err(ApiError::not_found("Brand"));
    }
    let tokens: Vec<Value> = store
        .tokens
        .iter()
        .filter(|t| str_of(t, "brandSlug") == slug && str_of(t, "_platform") == name)
        .map(shown)
        .collect();
    ok(Value::Array(tokens))
}

async fn refresh(State(app): State<App>, Path((slug, name)): Path<(String, String)>) -> ApiResult {
    platform(&name, "platform")?;
    let now = app.now();
    let mut store = app.store();
    let token = store
        .tokens
        .iter_mut()
        .find(|t| str_of(t, "brandSlug") == slug && str_of(t, "_platform") == name)
        .ok_or_else(|| ApiError::not_found(&format!("A {name} token for brand `{slug}`")))?;
    let expires = clock::format(now + crate::state::TOKEN_LIFETIME);
    if let Some(map) = token.as_object_mut() {
        map.insert("expiresAt".into(), json!(expires));
        map.insert("status".into(), json!("active"));
    }
    let answer = json!({"tokenId": token["tokenId"], "expiresAt": expires, "refreshedAt": clock::format(now)});
    // A refreshed (perhaps expired) token connects its platform again.
    connect(&mut store, &slug, &name);
    ok(answer)
}

async fn remove(
    State(app): State<App>,
    Path((slug, name, user)): Path<(String, String, String)>,
) -> ApiResult {
    let mut store = app.store();
    let before = store.tokens.len();
    store.tokens.retain(|t| {
        !(str_of(t, "brandSlug") == slug
            && str_of(t, "_platform") == name
            && str_of(t, "platformUserId") == user)
    });
    if store.tokens.len() == before {
        return Err(ApiError::not_found("Token"));
    }
    disconnect_if_unused(&mut store, &slug, &name);
    done()
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Move {
    target_brand_slug: Option<String>,
    brand_slug: Option<String>,
}

async fn move_token(
    State(app): State<App>,
    Path((slug, name, user)): Path<(String, String, String)>,
    body: Bytes,
) -> ApiResult {
    let request: Move = parse_or_default(&body)?;
    let target = required(
        request.target_brand_slug.or(request.brand_slug),
        "targetBrandSlug",
    )?;
    let mut store = app.store();
    if store.brand(&target).is_none() {
        return Err(ApiError::not_found(&format!("Brand `{target}`")));
    }
    let token = store
        .tokens
        .iter_mut()
        .find(|t| {
            str_of(t, "brandSlug") == slug
                && str_of(t, "_platform") == name
                && str_of(t, "platformUserId") == user
        })
        .ok_or_else(|| ApiError::not_found("Token"))?;
    if let Some(map) = token.as_object_mut() {
        map.insert("brandSlug".into(), json!(target));
    }
    connect(&mut store, &target, &name);
    disconnect_if_unused(&mut store, &slug, &name);
    done()
}

async fn status(State(app): State<App>, Path(slug): Path<String>) -> ApiResult {
    let store = app.store();
    let brand = store
        .brand(&slug)
        .ok_or_else(|| ApiError::not_found("Brand"))?;
    let connected: Vec<&str> = brand["connectedPlatforms"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let list: Vec<Value> = PLATFORMS
        .iter()
        .map(|(name, _)| {
            let mine = || store.tokens.iter().filter(|t| str_of(t, "brandSlug") == slug && str_of(t, "_platform") == *name);
            // The account in use: an active one, else the latest expired one.
            let token = mine().find(|t| str_of(t, "status") == "active").or_else(|| mine().next_back());
            let expired = token.is_some_and(|t| str_of(t, "status") == "expired");
            json!({
                "platform": name,
                "connected": connected.contains(name),
                "platformUsername": token.map(|t| t["username"].clone()).unwrap_or(Value::Null),
                "platformUserId": token.map(|t| t["platformUserId"].clone()).unwrap_or(Value::Null),
                "platformAccountType": if connected.contains(name) { json!("personal") } else { Value::Null },
                "profileImageUrl": null,
                "expiresAt": token.map(|t| t["expiresAt"].clone()).unwrap_or(Value::Null),
                "refreshError": if expired { json!("The token expired; refresh or reconnect the account.") } else { Value::Null },
            })
        })
        .collect();
    ok(Value::Array(list))
}
