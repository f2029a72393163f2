//! The API's operations, one module per API area, each answering from the contract in
//! `shared/api` (the documented example shapes; list shapes per resource as the catalogue
//! records them).

use axum::Router;
use axum::extract::Request;
use axum::http::HeaderMap;

use crate::envelope::{ApiError, ApiResult};
use crate::server::App;

mod agents;
mod api_keys;
mod auth;
mod billing;
mod brands;
mod carousels;
mod clips;
mod health;
mod knowledge_base;
mod notifications;
mod organizations;
mod platform_oauth;
mod posts;
mod storage;
mod usage;
mod webhooks;

/// Every operation of the API, plus the storage endpoint presigned URLs point at.
pub(crate) fn api() -> Router<App> {
    Router::new()
        .merge(agents::routes())
        .merge(api_keys::routes())
        .merge(auth::routes())
        .merge(billing::routes())
        .merge(brands::routes())
        .merge(carousels::routes())
        .merge(clips::routes())
        .merge(health::routes())
        .merge(knowledge_base::routes())
        .merge(notifications::routes())
        .merge(organizations::routes())
        .merge(platform_oauth::routes())
        .merge(posts::routes())
        .merge(storage::routes())
        .merge(usage::routes())
        .merge(webhooks::routes())
        .fallback(unknown)
}

async fn unknown(request: Request) -> ApiResult {
    Err(ApiError::new(
        axum::http::StatusCode::NOT_FOUND,
        "not_found",
        format!(
            "No such endpoint: {} {}.",
            request.method(),
            request.uri().path()
        ),
    ))
}

/// A required, non-empty string field's value, trimmed.
pub(crate) fn required(value: Option<String>, field: &str) -> Result<String, ApiError> {
    match value.map(|v| v.trim().to_owned()) {
        Some(v) if !v.is_empty() => Ok(v),
        Some(_) => Err(ApiError::validation(format!(
            "`{field}` must not be empty."
        ))),
        None => Err(ApiError::validation(format!("`{field}` is required."))),
    }
}

/// Checks a platform name against the documented list.
pub(crate) fn platform(name: &str, field: &str) -> Result<(), ApiError> {
    if crate::state::text_limit(name).is_some() {
        Ok(())
    } else {
        Err(ApiError::validation(format!(
            "`{field}`: unknown platform `{name}`; expected one of x, linkedin, instagram, threads, youtube."
        )))
    }
}

/// Checks that a URL is absolute http(s).
pub(crate) fn url(value: &str, field: &str) -> Result<(), ApiError> {
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.starts_with('/') => Ok(()),
        _ => Err(ApiError::validation(format!(
            "`{field}` must be an absolute http(s) URL (got `{value}`)."
        ))),
    }
}

/// The first file part of a `multipart/form-data` body: `(field name, file name, content type,
/// size)`; a clear 400 when the body is not multipart or has no file.
pub(crate) fn multipart_file(
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(String, String, String, usize), ApiError> {
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let boundary = content_type
        .split(';')
        .map(str::trim)
        .find_map(|p| p.strip_prefix("boundary="))
        .map(|b| b.trim_matches('"').to_owned())
        .filter(|_| content_type.starts_with("multipart/form-data"))
        .ok_or_else(|| ApiError::invalid("Expected a multipart/form-data body with a boundary."))?;
    let delimiter = format!("--{boundary}");
    // Split on the delimiter as bytes: the file's content need not be text, and its size is
    // counted in bytes.
    let mut parts = Vec::new();
    let mut rest = body;
    while let Some(at) = find(rest, delimiter.as_bytes()) {
        parts.push(&rest[..at]);
        rest = &rest[at + delimiter.len()..];
    }
    parts.push(rest);
    for part in parts.into_iter().skip(1) {
        let Some(split) = find(part, b"\r\n\r\n") else {
            continue;
        };
        let head = String::from_utf8_lossy(&part[..split]);
        let content = &part[split + 4..];
        let head_lower = head.to_ascii_lowercase();
        let Some(disposition) = head_lower
            .lines()
            .find(|l| l.starts_with("content-disposition"))
        else {
            continue;
        };
        let attr = |name: &str| {
            let key = format!("{name}=\"");
            let start = disposition.find(&key)? + key.len();
            let end = disposition[start..].find('"')? + start;
            // Read from the original-case header at the same offsets.
            let original = head
                .lines()
                .find(|l| l.to_ascii_lowercase().starts_with("content-disposition"))?;
            original.get(start..end).map(str::to_owned)
        };
        let Some(filename) = attr("filename") else {
            continue;
        };
        let field = attr("name").unwrap_or_default();
        let kind = head
            .lines()
            .find(|l| l.to_ascii_lowercase().starts_with("content-type:"))
            .and_then(|l| l.split_once(':'))
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_else(|| "application/octet-stream".to_owned());
        // The content ends with the CRLF before the next delimiter.
        let size = content.strip_suffix(b"\r\n").unwrap_or(content).len();
        return Ok((field, filename, kind, size));
    }
    Err(ApiError::validation(
        "The multipart body has no file part (a part with a filename).",
    ))
}

/// The first position of `needle` in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}
