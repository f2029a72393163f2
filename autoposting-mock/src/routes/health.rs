//! `GET /health`: no auth, `{"success": true}`.

use axum::Router;
use axum::routing::get;

use crate::envelope::{ApiResult, done};
use crate::server::App;

pub(crate) fn routes() -> Router<App> {
    Router::new().route("/health", get(health))
}

async fn health() -> ApiResult {
    done()
}
