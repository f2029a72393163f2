//! Who is calling, and what they may do: the configured keys have every right; keys made
//! with `POST /api-keys` carry scopes; session tokens from `POST /auth/login` act as the user.

use axum::http::{HeaderMap, Method, StatusCode};
use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::clock;
use crate::envelope::ApiError;
use crate::state::{Store, str_of};

/// The caller of an authenticated request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    /// One of the keys the server was started with: every scope.
    Root,
    /// A session token from `POST /auth/login`: the user's rights.
    Session,
    /// A key created with `POST /api-keys`, with its scopes.
    Key {
        /// The key's id (`key_…`).
        id: String,
        /// Its scopes, e.g. `posts:read`.
        scopes: Vec<String>,
    },
}

/// Paths that answer without a credential.
pub fn is_public(path: &str) -> bool {
    matches!(
        path,
        "/health"
            | "/auth/login"
            | "/auth/social/exchange"
            | "/auth/cli/device-code"
            | "/auth/cli/poll"
    ) || path.starts_with("/__storage/")
        || path.starts_with("/__admin/")
}

/// The credential presented: `Authorization: Bearer …` or `x-api-key: …`.
pub fn presented(headers: &HeaderMap) -> Option<&str> {
    headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim)
        .or_else(|| {
            headers
                .get("x-api-key")
                .and_then(|v| v.to_str().ok())
                .map(str::trim)
        })
        .filter(|key| !key.is_empty())
}

/// Resolves a credential, or the documented 401.
pub fn authenticate(
    root_keys: &[String],
    store: &mut Store,
    credential: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Principal, ApiError> {
    let unauthorized = || {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "Authentication required.",
        )
    };
    let credential = credential.ok_or_else(unauthorized)?;
    if root_keys.iter().any(|key| key == credential) {
        return Ok(Principal::Root);
    }
    if store.sessions.iter().any(|token| token == credential) {
        return Ok(Principal::Session);
    }
    let key = store
        .api_keys
        .iter_mut()
        .find(|key| str_of(key, "_key") == credential)
        .ok_or_else(unauthorized)?;
    if let Some(expires) = key
        .get("expiresAt")
        .and_then(Value::as_str)
        .and_then(clock::parse)
        && expires <= now
    {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "This API key has expired.",
        ));
    }
    if let Some(map) = key.as_object_mut() {
        map.insert("lastUsedAt".into(), Value::String(clock::format(now)));
    }
    let scopes = key
        .get("scopes")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    Ok(Principal::Key {
        id: str_of(key, "id").to_owned(),
        scopes,
    })
}

/// The scope an operation needs, by its path's area: reads need `<area>:read`, anything
/// else `<area>:write`. `None` for operations any credential may call.
pub fn required_scope(method: &Method, path: &str) -> Option<(&'static str, bool)> {
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    let area = match first {
        "posts" | "media" => "posts",
        "brands" | "oauth" => "brands",
        "clips" => "clips",
        "carousels" => "carousels",
        "agents" => "agents",
        "kbs" | "kb" | "ideas" => "kbs",
        "usage" | "billing" => "usage",
        "webhooks" => "webhooks",
        "api-keys" => "api-keys",
        _ => return None,
    };
    let write = !(method == Method::GET || method == Method::HEAD);
    Some((area, write))
}

/// Checks a principal against the scope an operation needs; the documented 403 otherwise.
/// Scope names of both documented lists are honoured (`kbs:*` and `kb:*`); a write scope
/// also grants reading.
pub fn authorize(principal: &Principal, method: &Method, path: &str) -> Result<(), ApiError> {
    let Principal::Key { scopes, .. } = principal else {
        return Ok(());
    };
    let Some((area, write)) = required_scope(method, path) else {
        return Ok(());
    };
    if area == "api-keys" {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "Managing API keys needs a session token or a full-access key, not a scoped key.",
        ));
    }
    let names: &[&str] = match area {
        "kbs" => &["kbs", "kb"],
        other => &[other][..],
    };
    let has = |level: &str| {
        names
            .iter()
            .any(|name| scopes.iter().any(|s| *s == format!("{name}:{level}")))
    };
    if has("write") || (!write && has("read")) {
        return Ok(());
    }
    let needed = format!("{area}:{}", if write { "write" } else { "read" });
    Err(ApiError::new(
        StatusCode::FORBIDDEN,
        "forbidden",
        format!("This API key lacks the `{needed}` scope."),
    ))
}
