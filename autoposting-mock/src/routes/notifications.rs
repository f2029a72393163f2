//! In-app notifications (note the documented `/api` prefix), newest first.

use axum::Router;
use axum::extract::{Query, State};
use axum::routing::get;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::envelope::{ApiResult, ok};
use crate::server::App;
use crate::state::{Paging, page};

pub(crate) fn routes() -> Router<App> {
    Router::new().route("/api/notifications", get(list))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ListQuery {
    unread_only: Option<bool>,
    limit: Option<i64>,
    offset: Option<i64>,
}

async fn list(State(app): State<App>, Query(query): Query<ListQuery>) -> ApiResult {
    let (limit, offset) = Paging {
        limit: query.limit,
        offset: query.offset,
    }
    .checked()?;
    let store = app.store();
    let matching: Vec<Value> = store
        .notifications
        .iter()
        .filter(|n| query.unread_only != Some(true) || n["read"] == json!(false))
        .cloned()
        .collect();
    let (items, total) = page(matching, limit, offset);
    ok(json!({"notifications": items, "total": total}))
}
