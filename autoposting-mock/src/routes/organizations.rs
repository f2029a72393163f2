//! Organisations: session-only, as the SDK records (an API key is bound to one organisation
//! and gets a 401 here).

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, put};
use axum::{Extension, Router};
use serde::Deserialize;
use serde_json::json;

use super::required;
use crate::auth::Principal;
use crate::envelope::{ApiError, ApiResult, done, ok, parse};
use crate::server::App;
use crate::state::Store;

pub(crate) fn routes() -> Router<App> {
    Router::new()
        .route("/orgs", get(list))
        .route("/orgs/active", put(switch))
}

const ORGS: [(&str, &str, &str); 2] = [
    (Store::ORG_ID, "Mock Org", "mock-org"),
    ("org_sandbox", "Sandbox", "sandbox"),
];

fn session_only(principal: &Principal) -> Result<(), ApiError> {
    match principal {
        Principal::Session => Ok(()),
        _ => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "Organisations are managed with a session token; an API key is bound to one organisation.",
        )),
    }
}

async fn list(State(app): State<App>, Extension(principal): Extension<Principal>) -> ApiResult {
    session_only(&principal)?;
    let store = app.store();
    let active = store
        .plan
        .get("activeOrgId")
        .cloned()
        .unwrap_or_else(|| json!(Store::ORG_ID));
    let items: Vec<_> = ORGS
        .iter()
        .map(|(id, name, slug)| json!({"id": id, "name": name, "slug": slug, "createdAt": "2024-01-01T00:00:00Z"}))
        .collect();
    ok(json!({"items": items, "total": items.len(), "activeOrgId": active}))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Switch {
    organization_id: Option<String>,
    org_id: Option<String>,
}

async fn switch(
    State(app): State<App>,
    Extension(principal): Extension<Principal>,
    body: Bytes,
) -> ApiResult {
    session_only(&principal)?;
    let request: Switch = parse(&body)?;
    let id = required(request.organization_id.or(request.org_id), "organizationId")?;
    if !ORGS.iter().any(|(org, _, _)| *org == id) {
        return Err(ApiError::not_found("Organisation"));
    }
    let mut store = app.store();
    if let Some(map) = store.plan.as_object_mut() {
        map.insert("activeOrgId".into(), json!(id));
    }
    done()
}
