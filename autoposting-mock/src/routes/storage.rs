//! The object storage presigned URLs point at (`PUT /__storage/{key}`): it keeps each
//! object's size and answers an `ETag`, which `POST /clips/upload/complete` checks. No API
//! credential is needed, as with real presigned URLs.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::put;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::envelope::{ApiError, ApiResult};
use crate::server::App;
use crate::state::str_of;

pub(crate) fn routes() -> Router<App> {
    Router::new().route("/__storage/{*key}", put(store).get(fetch))
}

async fn store(State(app): State<App>, Path(key): Path<String>, body: Bytes) -> ApiResult {
    let digest = Sha256::digest(&body);
    let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    let etag = format!("\"{hex}\"");
    let mut store = app.store();
    if let Some(rest) = key.strip_prefix("clips/") {
        let upload = rest.split('/').next().unwrap_or("");
        let open = store
            .uploads
            .iter()
            .any(|u| str_of(u, "uploadId") == upload && str_of(u, "_state") == "open");
        if !open {
            return Err(ApiError::new(
                StatusCode::NOT_FOUND,
                "no_such_upload",
                "The multipart upload does not exist or is finished.",
            ));
        }
    }
    store.objects.retain(|o| str_of(o, "key") != key);
    store
        .objects
        .push(json!({"key": key, "size": body.len(), "etag": etag}));
    let mut response = StatusCode::OK.into_response();
    if let Ok(value) = HeaderValue::from_str(&etag) {
        response.headers_mut().insert(header::ETAG, value);
    }
    Ok(response)
}

async fn fetch(State(app): State<App>, Path(key): Path<String>) -> ApiResult {
    let store = app.store();
    let object = store
        .objects
        .iter()
        .find(|o| str_of(o, "key") == key)
        .ok_or_else(|| ApiError::not_found("Object"))?;
    let mut response = StatusCode::OK.into_response();
    if let Ok(value) = HeaderValue::from_str(str_of(object, "etag")) {
        response.headers_mut().insert(header::ETAG, value);
    }
    Ok(response)
}
