//! The one error type of the client: every failure, from a bad argument to an API error
//! envelope, is an [`Error`] with a [`ErrorKind`] and accessors for what is known.

use std::fmt;

use std::time::Duration;

use reqwest::StatusCode;

use crate::runtime::rate_limit::RateLimit;

/// Shorthand for `std::result::Result<T, autoposting_client::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// What kind of failure an [`Error`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The API answered with an error envelope `{"success": false, "error": ..., "message": ...}`,
    /// whatever the HTTP status (200 included). [`Error::code`] and [`Error::message`] say why.
    Api,
    /// The server answered an error status with a body that is not an API error envelope,
    /// such as an HTML 502 page from a proxy. [`Error::body_snippet`] shows the start of it.
    Status,
    /// A success response whose body could not be decoded as the declared type: not JSON,
    /// not an envelope, or `data` of another shape. [`Error::decode_path`] names the field.
    Decode,
    /// The request did not finish within the configured timeout (connecting, sending or
    /// reading the body).
    Timeout,
    /// No connection could be made to the server (DNS, refused, TLS handshake).
    Connect,
    /// The connection failed while the request or response was in flight, or redirects did
    /// not end. For a request that is not retried (POST, PATCH), check
    /// [`Error::is_outcome_unknown`]: the server may have acted on it.
    Transport,
    /// A redirect was not followed: a loop or more than 10 hops, a target that is not
    /// `http`/`https`, or another origin for a request whose body would be resent there
    /// (the body and the API key never leave the configured origin). Not retried.
    Redirect,
    /// The response body is larger than the client's limit
    /// ([`ClientBuilder::max_response_bytes`](crate::ClientBuilder::max_response_bytes),
    /// 32 MiB by default). A declared `Content-Length` over the limit is refused before reading.
    ResponseTooLarge,
    /// An argument could not be put into the request: an empty, `.` or `..` path segment, a
    /// query value that is not a scalar, a header value with invalid bytes, or a body that
    /// failed to serialize. Nothing was sent.
    InvalidArgument,
    /// The client configuration is invalid (base URL, API key, environment). Raised by
    /// [`ClientBuilder::build`](crate::ClientBuilder::build) and [`Client::from_env`](crate::Client::from_env).
    Config,
}

/// An error from the Autoposting client.
///
/// `Display` shows the HTTP status, the API's error code and message where there are any,
/// and the operation that failed, e.g.
/// `get_agent_run: HTTP 401 Unauthorized: unauthorized: Authentication required.`
/// No error ever contains the API key.
#[derive(thiserror::Error)]
#[error(transparent)]
pub struct Error {
    inner: Box<Inner>,
}

#[derive(Debug, thiserror::Error)]
#[error("{}", Summary(self))]
struct Inner {
    kind: ErrorKind,
    operation: Option<&'static str>,
    status: Option<StatusCode>,
    code: Option<String>,
    message: Option<String>,
    decode_path: Option<String>,
    body_snippet: Option<String>,
    detail: Option<String>,
    attempts: u32,
    rate_limit: Option<RateLimit>,
    outcome_unknown: bool,
    retryable: bool,
    /// The connection closed before any response came, as a pooled connection the server
    /// has just closed does: resent at once rather than after the backoff.
    stale_connection: bool,
    #[source]
    source: Option<BoxError>,
}

/// How many bytes of a response body an error keeps for diagnosis.
pub(crate) const SNIPPET_BYTES: usize = 256;

impl Error {
    /// Replaces every occurrence of `secret` (the configured API key) in the message, code,
    /// body snippet and detail with `[redacted]`: a server may echo the key in an error.
    pub(crate) fn redacting(mut self, secret: Option<&str>) -> Self {
        let Some(secret) = secret.filter(|secret| !secret.is_empty()) else {
            return self;
        };
        let inner = &mut *self.inner;
        for text in [
            &mut inner.code,
            &mut inner.message,
            &mut inner.body_snippet,
            &mut inner.detail,
        ]
        .into_iter()
        .flatten()
        {
            if text.contains(secret) {
                *text = text.replace(secret, "[redacted]");
            }
        }
        self
    }

    pub(crate) fn new(kind: ErrorKind) -> Self {
        Error {
            inner: Box::new(Inner {
                kind,
                operation: None,
                status: None,
                code: None,
                message: None,
                decode_path: None,
                body_snippet: None,
                detail: None,
                attempts: 0,
                rate_limit: None,
                outcome_unknown: false,
                retryable: false,
                stale_connection: false,
                source: None,
            }),
        }
    }

    pub(crate) fn config(detail: impl Into<String>) -> Self {
        Error::new(ErrorKind::Config).with_detail(detail)
    }

    pub(crate) fn invalid_argument(detail: impl Into<String>) -> Self {
        Error::new(ErrorKind::InvalidArgument).with_detail(detail)
    }

    /// Says that the body was cut at `kept` bytes, its size limit (an error body longer
    /// than the client allows): a body that did not read as JSON is then explained by the cut.
    pub(crate) fn with_body_cut_at(mut self, kept: usize) -> Self {
        let cut = format!(
            "the body was cut at {kept} bytes, the limit for error bodies \
             (`ClientBuilder::max_response_bytes`, at most 64 KiB unless it is JSON)"
        );
        let detail = match self.inner.detail.take() {
            Some(detail) if detail == crate::runtime::envelope::NOT_JSON => {
                format!("{cut}, before its JSON ended")
            }
            Some(detail) => format!("{detail}; {cut}"),
            None => cut,
        };
        self.inner.detail = Some(detail);
        self
    }

    pub(crate) fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.inner.detail = Some(detail.into());
        self
    }

    pub(crate) fn with_operation(mut self, operation: &'static str) -> Self {
        self.inner.operation = Some(operation);
        self
    }

    pub(crate) fn with_status(mut self, status: StatusCode) -> Self {
        self.inner.status = Some(status);
        self
    }

    pub(crate) fn with_api(mut self, code: Option<String>, message: Option<String>) -> Self {
        self.inner.code = code;
        self.inner.message = message;
        self
    }

    pub(crate) fn with_decode_path(mut self, path: String) -> Self {
        self.inner.decode_path = Some(path);
        self
    }

    /// Drops the body snippet, for endpoints whose responses carry secrets.
    pub(crate) fn without_body(mut self) -> Self {
        self.inner.body_snippet = None;
        self
    }

    pub(crate) fn with_body(mut self, body: &[u8]) -> Self {
        self.inner.body_snippet = Some(snippet(body));
        self
    }

    /// Replaces the body snippet, if the error keeps one, with one of `body`: for an error
    /// found in a repaired body, which shows the body as it came.
    pub(crate) fn with_body_if_kept(mut self, body: &[u8]) -> Self {
        if self.inner.body_snippet.is_some() {
            self.inner.body_snippet = Some(snippet(body));
        }
        self
    }

    pub(crate) fn with_retryable(mut self, retryable: bool) -> Self {
        self.inner.retryable = retryable;
        self
    }

    pub(crate) fn with_attempts(mut self, attempts: u32) -> Self {
        self.inner.attempts = attempts;
        self
    }

    pub(crate) fn with_rate_limit(mut self, rate_limit: Option<RateLimit>) -> Self {
        self.inner.rate_limit = rate_limit;
        self
    }

    pub(crate) fn stale_connection(mut self) -> Self {
        self.inner.stale_connection = true;
        self
    }

    pub(crate) fn is_stale_connection(&self) -> bool {
        self.inner.stale_connection
    }

    pub(crate) fn outcome_unknown(mut self) -> Self {
        self.inner.outcome_unknown = true;
        self
    }

    pub(crate) fn with_source(mut self, source: impl Into<BoxError>) -> Self {
        self.inner.source = Some(source.into());
        self
    }

    /// Classifies a transport error from reqwest.
    pub(crate) fn from_reqwest(error: reqwest::Error) -> Self {
        let kind = if error.is_timeout() {
            ErrorKind::Timeout
        } else if error.is_connect() {
            ErrorKind::Connect
        } else if error.is_builder() {
            ErrorKind::InvalidArgument
        } else {
            ErrorKind::Transport
        };
        // reqwest's message names the URL, which may hold query values; keep it only as the
        // source, and say plainly what failed.
        Error::new(kind).with_source(error.without_url())
    }

    /// An API error as the server would report it, for test doubles that implement an
    /// `#[api]` trait by hand: `Error::api(StatusCode::NOT_FOUND, "not_found", "Run not found.")`.
    ///
    /// Its [`is_retryable`](Self::is_retryable) is what it would be for a GET answered with
    /// `status`: true for 408, 429, 500, 502, 503 and 504.
    pub fn api(status: StatusCode, code: impl Into<String>, message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Api)
            .with_status(status)
            .with_api(Some(code.into()), Some(message.into()))
            .with_retryable(crate::runtime::retry::is_retryable_status(status))
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// The API operation that failed (`get_agent_run`), if the error came from a call.
    pub fn operation(&self) -> Option<&'static str> {
        self.inner.operation
    }

    /// The HTTP status of the response, if one was received.
    pub fn status(&self) -> Option<StatusCode> {
        self.inner.status
    }

    /// The API's machine-readable error code (`unauthorized`, `insufficient_credits`, ...).
    ///
    /// The body's `code` field where there is one: at the top level, else in a nested
    /// `error` object (`{"error": {"code": …, "message": …}}`), else in the first entry of
    /// an `errors` list. Otherwise the `error` string of the documented envelope
    /// `{"success": false, "error": "<code>", "message": …}` (and of framework bodies such
    /// as NestJS's `{"statusCode": 400, "message": […], "error": "Bad Request"}`, whose code
    /// is then `Bad Request`). So with both, as in `{"error": "Unauthorized", "code":
    /// "UNAUTHORIZED"}`, the code is `UNAUTHORIZED` and `Unauthorized` becomes the message
    /// if there is no other.
    pub fn code(&self) -> Option<&str> {
        self.inner.code.as_deref()
    }

    /// The API's human-readable error message.
    ///
    /// Every message the body holds, joined with `; ` without repeats, at most 2 KiB: the
    /// `message` field (a string, or a list of strings as NestJS sends), the nested
    /// `error` object's message, each `errors` entry's message (as `field: message` where
    /// the entry names its field, also for Laravel's `{"errors": {"text": […]}}`), then
    /// `detail` (RFC 7807 problem details), `error_description` (OAuth 2) and `msg`;
    /// failing all of those, the problem's `title`.
    pub fn message(&self) -> Option<&str> {
        self.inner.message.as_deref()
    }

    /// For [`ErrorKind::Decode`]: the path of the field that failed, such as `data.startedAt`.
    pub fn decode_path(&self) -> Option<&str> {
        self.inner.decode_path.as_deref()
    }

    /// The first bytes (at most 256, cut at a character boundary) of the response body,
    /// decoded as UTF-8 with replacement characters: kept for every error that came with a
    /// body ([`ErrorKind::Api`] included, whose body may hold more than its code and
    /// message), except on endpoints declared `sensitive`, whose bodies may hold secrets.
    pub fn body_snippet(&self) -> Option<&str> {
        self.inner.body_snippet.as_deref()
    }

    /// Whether the request timed out.
    pub fn is_timeout(&self) -> bool {
        self.inner.kind == ErrorKind::Timeout
    }

    /// Whether no connection could be made.
    pub fn is_connect(&self) -> bool {
        self.inner.kind == ErrorKind::Connect
    }

    /// Whether the API answered with an error envelope.
    pub fn is_api(&self) -> bool {
        self.inner.kind == ErrorKind::Api
    }

    /// How many times the request was sent (1 plus the retries; 0 if it never was, as for
    /// an invalid argument).
    pub fn attempts(&self) -> u32 {
        self.inner.attempts
    }

    /// The rate-limit headers of the response, if it carried any: the same value as
    /// [`ApiResponse::rate_limit`](crate::ApiResponse::rate_limit) gives for a success.
    pub fn rate_limit(&self) -> Option<RateLimit> {
        self.inner.rate_limit
    }

    /// The `Retry-After` of the last response (seconds or an HTTP-date, as a wait from when
    /// it was read), if it had one, whatever its status: a 429 or 503 that was not retried
    /// because the retries ran out, because the demand exceeded the policy's
    /// [`max_delay`](crate::RetryPolicy::max_delay), or because the retry policy is
    /// [`never`](crate::RetryPolicy::never). Shorthand for
    /// `error.rate_limit().and_then(|rate| rate.retry_after)`.
    pub fn retry_after(&self) -> Option<Duration> {
        self.inner.rate_limit.and_then(|rate| rate.retry_after)
    }

    /// Whether the retry policy retries a failure like this one: a caller that queues its
    /// own retries (after [`RetryPolicy::never`](crate::RetryPolicy::never), or after the
    /// automatic ones ran out) may send the same request again, after
    /// [`retry_after`](Self::retry_after) if it is set.
    ///
    /// True for a 429 (the server refused the request without doing it) on any method, and,
    /// for idempotent requests only (GET, PUT, DELETE, HEAD and endpoints declared
    /// `idempotent`), for the statuses 408, 500, 502, 503, 504 and for connection failures
    /// and timeouts. False for everything else, among them every other failure of a POST
    /// or PATCH, API errors of other statuses, decode errors and invalid arguments. See
    /// [`RetryPolicy`](crate::RetryPolicy) for the table.
    pub fn is_retryable(&self) -> bool {
        self.inner.retryable
    }

    /// Whether the request may have reached the server even though no response came back:
    /// a POST or PATCH (not retried automatically) whose connection failed or timed out after
    /// it was established. The operation may or may not have happened; check before
    /// resending (for example, list the posts before creating one again). A
    /// [`ErrorKind::Connect`] error is never outcome-unknown: nothing was sent.
    pub fn is_outcome_unknown(&self) -> bool {
        self.inner.outcome_unknown
    }
}

fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(SNIPPET_BYTES)]);
    let mut text = text.into_owned();
    // A multi-byte character cut by the byte limit decodes as U+FFFD; drop it.
    if body.len() > SNIPPET_BYTES {
        if text.ends_with('\u{FFFD}') {
            text.pop();
        }
        text.push('…');
    }
    text
}

/// Text from the server with control characters (newlines, escape codes) escaped.
struct Sanitized<'a>(&'a str);

impl fmt::Display for Sanitized<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            if c.is_control() {
                write!(f, "{}", c.escape_default())?;
            } else {
                fmt::Write::write_char(f, c)?;
            }
        }
        Ok(())
    }
}

/// The `Display` text of an error; see [`Error`].
struct Summary<'a>(&'a Inner);

impl fmt::Display for Summary<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = self.0;
        if let Some(operation) = inner.operation {
            write!(f, "{operation}: ")?;
        }
        let what = match inner.kind {
            ErrorKind::Api => "API error",
            ErrorKind::Status => "unexpected response",
            ErrorKind::Decode => "could not decode the response",
            ErrorKind::Timeout => "request timed out",
            ErrorKind::Connect => "could not connect",
            ErrorKind::Transport => "connection failed",
            ErrorKind::InvalidArgument => "invalid argument",
            ErrorKind::ResponseTooLarge => "response too large",
            ErrorKind::Redirect => "redirect not followed",
            ErrorKind::Config => "invalid client configuration",
        };
        match inner.status {
            Some(status) => write!(f, "HTTP {status}")?,
            None => f.write_str(what)?,
        }
        // Server text is shown with control characters escaped, so it cannot forge log lines.
        if let Some(code) = &inner.code {
            write!(f, ": {}", Sanitized(code))?;
        }
        if let Some(message) = &inner.message {
            write!(f, ": {}", Sanitized(message))?;
        }
        if inner.status.is_some() && inner.kind != ErrorKind::Api {
            write!(f, ": {what}")?;
        }
        if let Some(path) = &inner.decode_path {
            write!(f, " at `{path}`")?;
        }
        if let Some(detail) = &inner.detail {
            write!(f, ": {detail}")?;
        }
        // Transport errors nest their cause (`error sending request` → `connection refused`);
        // show the whole chain, which names no URL or secret.
        if let Some(source) = &inner.source
            && inner.detail.is_none()
            && inner.kind != ErrorKind::Api
        {
            let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(source.as_ref());
            while let Some(error) = cause {
                write!(f, ": {error}")?;
                cause = error.source();
            }
        }
        if inner.outcome_unknown {
            f.write_str(" (the request may have been processed: outcome unknown)")?;
        }
        if inner.attempts > 1 {
            write!(f, " after {} attempts", inner.attempts)?;
        }
        if let Some(wait) = inner.rate_limit.and_then(|rate| rate.retry_after) {
            write!(f, " (retry after {} s)", wait.as_secs())?;
        }
        // An API error shows its body only if the body said neither code nor message.
        let said =
            inner.kind == ErrorKind::Api && (inner.code.is_some() || inner.message.is_some());
        if let Some(snippet) = &inner.body_snippet
            && !said
        {
            write!(f, " (body: {snippet:?})")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.inner, f)
    }
}
