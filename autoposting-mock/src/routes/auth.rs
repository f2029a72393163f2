//! Sign-in: password login and social exchange (both give session tokens the server then
//! accepts), the caller's profile, and the CLI's device-code flow.

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::routing::{get, post};
use axum::{Extension, Router};
use serde::Deserialize;
use serde_json::{Map, json};

use super::required;
use crate::auth::Principal;
use crate::envelope::{ApiError, ApiResult, ok, parse};
use crate::server::App;
use crate::state::{Store, str_of};

pub(crate) fn routes() -> Router<App> {
    Router::new()
        .route("/auth/login", post(login))
        .route("/auth/social/exchange", post(social))
        .route("/auth/profile", get(profile).patch(update_profile))
        .route("/auth/cli/device-code", post(device_code))
        .route("/auth/cli/poll", get(poll))
}

#[derive(Deserialize)]
struct Login {
    email: Option<String>,
    password: Option<String>,
}

async fn login(State(app): State<App>, body: Bytes) -> ApiResult {
    let request: Login = parse(&body)?;
    let email = required(request.email, "email")?;
    required(request.password, "password")?;
    if !email.contains('@') {
        return Err(ApiError::validation(format!(
            "`email` is not an email address: `{email}`."
        )));
    }
    let mut store = app.store();
    let token = format!("eyJhbGciOiJIUzI1NiJ9.mock.{}", Store::random(24));
    store.sessions.push(token.clone());
    if let Some(map) = store.user.as_object_mut() {
        map.insert("email".into(), json!(email));
    }
    ok(json!({"token": token}))
}

#[derive(Deserialize)]
struct Social {
    provider: Option<String>,
    code: Option<String>,
}

async fn social(State(app): State<App>, body: Bytes) -> ApiResult {
    let request: Social = parse(&body)?;
    let provider = required(request.provider, "provider")?;
    if !matches!(provider.as_str(), "google" | "github") {
        return Err(ApiError::validation(format!(
            "`provider` must be google or github (got `{provider}`)."
        )));
    }
    required(request.code, "code")?;
    let mut store = app.store();
    let token = format!("sk-social-{}", Store::random(32));
    store.sessions.push(token.clone());
    let user = &store.user;
    ok(json!({
        "token": token,
        "user": {"id": user["id"], "email": user["email"], "name": user["name"], "emailVerified": user["emailVerified"]},
    }))
}

async fn profile(State(app): State<App>, Extension(principal): Extension<Principal>) -> ApiResult {
    let store = app.store();
    match principal {
        Principal::Session => ok(json!({
            "id": store.user["id"], "orgId": Store::ORG_ID, "name": store.user["name"],
            "email": store.user["email"], "authType": "session",
        })),
        Principal::Root => ok(json!({
            "id": Store::ORG_ID, "orgId": Store::ORG_ID, "name": "API Key", "email": "", "authType": "api_key",
        })),
        Principal::Key { id, .. } => {
            let name = store
                .api_keys
                .iter()
                .find(|k| str_of(k, "id") == id)
                .map(|k| k["name"].clone());
            ok(json!({
                "id": id, "orgId": Store::ORG_ID, "name": name.unwrap_or_else(|| json!("API Key")),
                "email": "", "authType": "api_key",
            }))
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UpdateProfile {
    name: Option<String>,
    avatar_url: Option<String>,
}

async fn update_profile(State(app): State<App>, body: Bytes) -> ApiResult {
    let request: UpdateProfile = parse(&body)?;
    let mut patch = Map::new();
    if let Some(name) = request.name {
        patch.insert("name".into(), json!(required(Some(name), "name")?));
    }
    if let Some(url) = request.avatar_url {
        super::url(&url, "avatarUrl")?;
        patch.insert("avatarUrl".into(), json!(url));
    }
    let mut store = app.store();
    crate::state::merge(&mut store.user, &patch);
    ok(store.user.clone())
}

async fn device_code(State(app): State<App>) -> ApiResult {
    let mut store = app.store();
    let code = Store::random(32);
    let user_code = format!("{}-{}", Store::random(4), Store::random(4)).to_uppercase();
    store
        .device_codes
        .push(json!({"deviceCode": code, "polls": 0}));
    ok(json!({
        "deviceCode": code, "userCode": user_code,
        "verificationUri": format!("{}/cli/verify", app.0.base_url), "expiresIn": 900, "interval": 5,
    }))
}

#[derive(Deserialize)]
struct PollQuery {
    device_code: Option<String>,
}

/// The first poll of a device code is pending; the next completes it with a session.
async fn poll(State(app): State<App>, Query(query): Query<PollQuery>) -> ApiResult {
    let code = required(query.device_code, "device_code")?;
    let mut store = app.store();
    let Some(entry) = store
        .device_codes
        .iter_mut()
        .find(|d| str_of(d, "deviceCode") == code)
    else {
        return ok(json!({"status": "expired_token"}));
    };
    let polls = entry["polls"].as_u64().unwrap_or(0);
    if let Some(map) = entry.as_object_mut() {
        map.insert("polls".into(), json!(polls + 1));
    }
    if polls == 0 {
        return ok(json!({"status": "authorization_pending", "interval": 5}));
    }
    store
        .device_codes
        .retain(|d| str_of(d, "deviceCode") != code);
    let token = format!("eyJhbGciOiJIUzI1NiJ9.cli.{}", Store::random(24));
    store.sessions.push(token.clone());
    ok(json!({"status": "complete", "sessionToken": token, "orgId": Store::ORG_ID}))
}
