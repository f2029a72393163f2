//! The run-time description of one declared endpoint.

use reqwest::Method;

/// One endpoint declared with [`api`](crate::api): what it sends and what it is called.
///
/// Every `#[api]` trait exposes its endpoints as `<dyn Trait>::ENDPOINTS`, in declaration
/// order, so code can list what a client covers:
///
/// ```
/// use autoposting_client::agents::Agents;
///
/// let run = &<dyn Agents>::ENDPOINTS[0];
/// assert_eq!(run.method, autoposting_client::Method::GET);
/// assert_eq!(run.path, "/agents/{agent_id}/runs/{run_id}");
/// assert_eq!(run.operation, "get_agent_run");
/// assert!(run.idempotent);
/// assert!(!run.sensitive);
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub struct Endpoint {
    /// The HTTP method.
    pub method: Method,
    /// The path template relative to the base URL, placeholders written `{name}` after the
    /// method argument they bind: `/agents/{agent_id}/runs/{run_id}`.
    pub path: &'static str,
    /// The operation name: the Rust method's name, the API's `operationId` in snake_case
    /// where one is published (`get_agent_run`).
    pub operation: &'static str,
    /// Whether automatic retries may send the request again after any retryable failure:
    /// true for GET, PUT and DELETE, and for a POST or PATCH declared
    /// `#[post("/path", idempotent)]`. A 429 is retried either way.
    pub idempotent: bool,
    /// Whether responses carry secrets (a new API key, a session token, a webhook secret):
    /// declared `#[post("/path", sensitive)]`. Errors of such an endpoint keep no body
    /// snippet, so a secret never reaches a log through an error message.
    pub sensitive: bool,
    /// The literal text between placeholders; one more piece than placeholders.
    pub(crate) pieces: &'static [&'static str],
}

impl Endpoint {
    /// Used by code that `#[api]` generates; not a stable API.
    #[doc(hidden)]
    pub const fn __new(
        method: Method,
        path: &'static str,
        operation: &'static str,
        pieces: &'static [&'static str],
        idempotent: bool,
        sensitive: bool,
    ) -> Self {
        Endpoint {
            method,
            path,
            operation,
            idempotent,
            sensitive,
            pieces,
        }
    }
}
