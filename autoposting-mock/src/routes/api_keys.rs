//! API keys: the full key is shown once, at creation; lists show `keyHint` only.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::routing::{get, patch};
use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::required;
use crate::clock;
use crate::envelope::{ApiError, ApiResult, ok, parse};
use crate::server::App;
use crate::state::{Store, str_of};

pub(crate) fn routes() -> Router<App> {
    Router::new()
        .route("/api-keys", get(list).post(create))
        .route("/api-keys/{key_id}", patch(update))
}

/// Every scope name of both documented lists.
const SCOPES: [&str; 17] = [
    "posts:read",
    "posts:write",
    "brands:read",
    "brands:write",
    "clips:read",
    "clips:write",
    "carousels:read",
    "carousels:write",
    "agents:read",
    "agents:write",
    "kbs:read",
    "kbs:write",
    "usage:read",
    "kb:read",
    "kb:write",
    "webhooks:read",
    "webhooks:write",
];

fn check_scopes(scopes: &[String]) -> Result<(), ApiError> {
    if scopes.is_empty() {
        return Err(ApiError::validation(
            "`scopes` must name at least one scope.",
        ));
    }
    match scopes.iter().find(|s| !SCOPES.contains(&s.as_str())) {
        Some(bad) => Err(ApiError::validation(format!(
            "`scopes`: unknown scope `{bad}`."
        ))),
        None => Ok(()),
    }
}

fn listed(key: &Value) -> Value {
    json!({
        "id": key["id"], "name": key["name"], "keyHint": key["keyHint"], "scopes": key["scopes"],
        "lastUsedAt": key["lastUsedAt"], "expiresAt": key["expiresAt"], "createdAt": key["createdAt"],
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CreateKey {
    name: Option<String>,
    scopes: Option<Vec<String>>,
    expires_at: Option<String>,
}

fn expiry(text: Option<String>) -> Result<Value, ApiError> {
    match text {
        None => Ok(Value::Null),
        Some(text) => clock::parse(&text)
            .map(|at| json!(clock::format(at)))
            .ok_or_else(|| {
                ApiError::validation(format!(
                    "`expiresAt` is not an ISO 8601 date-time: `{text}`."
                ))
            }),
    }
}

async fn create(State(app): State<App>, body: Bytes) -> ApiResult {
    let request: CreateKey = parse(&body)?;
    let name = required(request.name, "name")?;
    let scopes = request.scopes.unwrap_or_default();
    check_scopes(&scopes)?;
    let expires = expiry(request.expires_at)?;
    let now = clock::format(app.now());
    let mut store = app.store();
    let id = store.id("key");
    let secret = format!("sk-social-{}", Store::random(32));
    let hint = format!("{}...{}", &secret[..14], &secret[secret.len() - 4..]);
    store.api_keys.push(json!({
        "id": id, "name": name, "keyHint": hint, "scopes": scopes, "lastUsedAt": null,
        "expiresAt": expires, "createdAt": now, "_key": secret,
    }));
    ok(
        json!({"id": id, "name": name, "key": secret, "scopes": scopes, "expiresAt": expires, "createdAt": now}),
    )
}

async fn list(State(app): State<App>) -> ApiResult {
    let store = app.store();
    ok(Value::Array(store.api_keys.iter().map(listed).collect()))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UpdateKey {
    name: Option<String>,
    expires_at: Option<Option<String>>,
    scopes: Option<Vec<String>>,
}

async fn update(State(app): State<App>, Path(id): Path<String>, body: Bytes) -> ApiResult {
    let request: UpdateKey = parse(&body)?;
    let mut patch = Map::new();
    if let Some(name) = request.name {
        patch.insert("name".into(), json!(required(Some(name), "name")?));
    }
    if let Some(expires) = request.expires_at {
        patch.insert("expiresAt".into(), expiry(expires)?);
    }
    if let Some(scopes) = request.scopes {
        check_scopes(&scopes)?;
        patch.insert("scopes".into(), json!(scopes));
    }
    let now = clock::format(app.now());
    let mut store = app.store();
    let key = store
        .api_keys
        .iter_mut()
        .find(|k| str_of(k, "id") == id)
        .ok_or_else(|| ApiError::not_found("API key"))?;
    crate::state::merge(key, &patch);
    let mut shown = listed(key);
    if let Some(map) = shown.as_object_mut() {
        map.insert("updatedAt".into(), json!(now));
    }
    ok(shown)
}
