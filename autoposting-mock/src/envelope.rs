//! The API's envelopes: `{"success": true, "data": …}` and
//! `{"success": false, "error": "<code>", "message": "<text>"}`, and the parsing of request
//! bodies into the documented error when they are malformed.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// An error answer in the documented envelope.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The machine code, e.g. `not_found`.
    pub code: &'static str,
    /// The human-readable message.
    pub message: String,
}

impl ApiError {
    /// An error with any status and code.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }

    /// 400 `validation_error`: a field breaks a documented rule.
    pub fn validation(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "validation_error", message)
    }

    /// 400 `invalid_request`: the body or query cannot be read at all.
    pub fn invalid(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "invalid_request", message)
    }

    /// 404 `not_found` for a resource of kind `what` (e.g. `Post`).
    pub fn not_found(what: &str) -> ApiError {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("{what} not found."),
        )
    }

    /// 409 `conflict`.
    pub fn conflict(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::CONFLICT, "conflict", message)
    }

    /// 402 `insufficient_credits`.
    pub fn credits(needed: i64, balance: i64) -> ApiError {
        ApiError::new(
            StatusCode::PAYMENT_REQUIRED,
            "insufficient_credits",
            format!("This needs {needed} credits; the balance is {balance}."),
        )
    }

    /// The envelope as JSON.
    pub fn body(&self) -> Value {
        json!({"success": false, "error": self.code, "message": self.message})
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, axum::Json(self.body())).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

/// What a handler returns.
pub type ApiResult = Result<Response, ApiError>;

/// A 200 `{"success": true, "data": data}`.
pub fn ok(data: Value) -> ApiResult {
    Ok(axum::Json(json!({"success": true, "data": data})).into_response())
}

/// A 200 `{"success": true}` with no data, as void operations answer.
pub fn done() -> ApiResult {
    Ok(axum::Json(json!({"success": true})).into_response())
}

/// Parses a JSON request body into `T`, or answers the documented 400 naming what is wrong:
/// an empty body, malformed JSON (with line and column), a missing field, or a field of the
/// wrong type (with its path, e.g. `platforms[1]`).
pub fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::invalid(
            "The request body is empty; a JSON object is required.",
        ));
    }
    let value: Value = serde_json::from_slice(body).map_err(|error| {
        ApiError::invalid(format!("The request body is not valid JSON: {error}."))
    })?;
    if !value.is_object() {
        return Err(ApiError::invalid("The request body must be a JSON object."));
    }
    serde_path_to_error::deserialize(value).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        if path == "." {
            ApiError::validation(format!("Invalid request body: {inner}."))
        } else {
            ApiError::validation(format!("Invalid field `{path}`: {inner}."))
        }
    })
}

/// Parses an optional JSON body: an empty body is `T::default()`.
pub fn parse_or_default<T: DeserializeOwned + Default>(body: &[u8]) -> Result<T, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        Ok(T::default())
    } else {
        parse(body)
    }
}
