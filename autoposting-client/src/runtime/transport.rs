//! Sends a prepared request: attempts and retries, redirects that never carry the API key
//! off its origin, response bodies read up to a size limit, and one tracing span per call.
//!
//! Longer than most files here, and kept whole: attempts, redirects and body limits share
//! one loop and its state, and splitting them would scatter that loop over several files.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use bytes::{Bytes, BytesMut};
use reqwest::header::{self, HeaderMap, HeaderValue, LOCATION};
use reqwest::{Method, StatusCode, Url};
use tracing::Instrument;

use crate::runtime::client::Client;
use crate::runtime::endpoint::Endpoint;
use crate::runtime::error::{Error, ErrorKind, Result};
use crate::runtime::multipart::Part;
use crate::runtime::rate_limit::RateLimit;
use crate::runtime::retry::{self, RetryPolicy};

/// Redirects followed before giving up, as browsers and reqwest do.
const MAX_REDIRECTS: usize = 10;

static APPLICATION_JSON: HeaderValue = HeaderValue::from_static("application/json");

/// What a request carries after its headers. Kept so that every attempt and every
/// redirect can send it again.
pub(crate) enum Body {
    Empty,
    Json(Bytes),
    Multipart(Vec<(&'static str, Part)>),
    /// Bytes sent as they are, with whatever `Content-Type` the headers say.
    Raw(Bytes),
}

/// A request ready to send, as many times as the retry policy allows.
pub(crate) struct Prepared {
    pub(crate) url: Url,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Body,
    /// Whether this is a request to the API: the API key goes with it (to the configured
    /// origin only), with `Accept: application/json`. False for uploads to presigned storage
    /// URLs, which carry their own authorisation.
    pub(crate) credentials: bool,
}

/// A response received in full.
pub(crate) struct Received {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: ReceivedBody,
    pub(crate) attempts: u32,
    /// `Some(bytes kept)` for an error body longer than its limit, cut there.
    pub(crate) cut_at: Option<usize>,
}

impl Received {
    /// The body, taken out to be decoded by value; an empty body is left in its place.
    pub(crate) fn take_body(&mut self) -> ReceivedBody {
        std::mem::replace(&mut self.body, ReceivedBody::Whole(Bytes::new()))
    }
}

/// Success bodies longer than this many bytes are kept as the chunks they arrived in, and
/// decoded from them, releasing each chunk once it is read: the body and the value decoded
/// from it are then never both whole in memory. Shorter bodies are decoded from one
/// contiguous buffer, which is faster.
pub(crate) const CHUNKED_FROM: usize = 8 * 1024 * 1024;

/// A long body being received, copied into blocks of [`Blocks::SIZE`] bytes that this task
/// allocates, each chunk from the connection released as soon as it is copied.
///
/// The connection's chunks are allocated by whichever thread runs the connection; freed
/// from another, glibc keeps their memory in the first thread's arena, where the value
/// decoded on this thread cannot reuse it (a 50 MB list sent chunked then peaked at 2.26×
/// its size instead of 1.43×). Blocks allocated here are freed here, as they are decoded,
/// and the decoded value reuses them.
#[derive(Default)]
struct Blocks {
    full: VecDeque<Bytes>,
    open: BytesMut,
}

impl Blocks {
    const SIZE: usize = 1024 * 1024;

    fn push(&mut self, mut data: &[u8]) {
        while !data.is_empty() {
            if self.open.capacity() == self.open.len() {
                if !self.open.is_empty() {
                    self.full.push_back(std::mem::take(&mut self.open).freeze());
                }
                self.open.reserve(Self::SIZE);
            }
            let n = data.len().min(self.open.capacity() - self.open.len());
            self.open.extend_from_slice(&data[..n]);
            data = &data[n..];
        }
    }

    fn finish(mut self) -> VecDeque<Bytes> {
        if !self.open.is_empty() {
            self.full.push_back(self.open.freeze());
        }
        self.full
    }
}

/// A response body as received.
pub(crate) enum ReceivedBody {
    /// The whole body in one buffer: every error response, and successes of up to
    /// [`CHUNKED_FROM`] bytes.
    Whole(Bytes),
    /// A longer success body, in pieces, in order.
    Chunks(VecDeque<Bytes>),
}

impl ReceivedBody {
    /// The body, or its first chunk: enough for an error's snippet.
    pub(crate) fn head(&self) -> &[u8] {
        match self {
            ReceivedBody::Whole(body) => body,
            ReceivedBody::Chunks(chunks) => chunks.front().map_or(&[], |chunk| chunk),
        }
    }
}

/// Sends `prepared` to `endpoint`, retrying per the client's policy. A non-success response
/// is returned as `Ok`: decoding it into an error is the caller's job.
pub(crate) async fn send(
    client: &Client,
    endpoint: &'static Endpoint,
    prepared: &Prepared,
) -> Result<Received> {
    let span = tracing::debug_span!(
        "autoposting.request",
        operation = endpoint.operation,
        method = %endpoint.method,
        path = endpoint.path,
        status = tracing::field::Empty,
        attempts = tracing::field::Empty,
        duration_ms = tracing::field::Empty,
    );
    if span.is_disabled() {
        // No subscriber wants the span: no clock, no instrumentation wrapper.
        send_with_retries(client, endpoint, prepared).await
    } else {
        // Boxed, so that the future of the common, untraced call stays small.
        Box::pin(send_traced(client, endpoint, prepared, span)).await
    }
}

/// [`send`] within its span, which receives the outcome once it is known.
async fn send_traced(
    client: &Client,
    endpoint: &'static Endpoint,
    prepared: &Prepared,
    span: tracing::Span,
) -> Result<Received> {
    let started = Instant::now();
    let result = send_with_retries(client, endpoint, prepared)
        .instrument(span.clone())
        .await;
    span.record("duration_ms", started.elapsed().as_millis() as u64);
    match &result {
        Ok(received) => {
            span.record("status", received.status.as_u16());
            span.record("attempts", received.attempts);
        }
        Err(error) => {
            span.record("attempts", error.attempts());
            if let Some(status) = error.status() {
                span.record("status", status.as_u16());
            }
        }
    }
    result
}

async fn send_with_retries(
    client: &Client,
    endpoint: &'static Endpoint,
    prepared: &Prepared,
) -> Result<Received> {
    let policy: RetryPolicy = client.retry_policy();
    let idempotent = endpoint.idempotent;
    let mut attempt: u32 = 0;
    // Whether the last wait was skipped for a stale connection: only one in a row is.
    let mut resent_at_once = false;
    loop {
        attempt += 1;
        let result = send_once(client, endpoint, prepared).await;
        let may_retry = attempt <= policy.max_retries;
        let wait = match &result {
            Ok(received) if may_retry && retry::retries_status(idempotent, received.status) => {
                match RateLimit::from_headers(&received.headers).and_then(|rate| rate.retry_after) {
                    // The server wants longer than we may wait: hand its error back now.
                    Some(demand) if demand > policy.max_delay => None,
                    Some(demand) => Some(demand),
                    None => Some(policy.backoff(attempt - 1)),
                }
            }
            Err(error) if may_retry && retry::retries_failure(idempotent, error) => {
                if error.is_stale_connection() && !resent_at_once {
                    Some(Duration::ZERO)
                } else {
                    Some(policy.backoff(attempt - 1))
                }
            }
            _ => None,
        };
        match wait {
            Some(wait) => {
                let stale = matches!(&result, Err(error) if error.is_stale_connection());
                // Not kept across the wait: the future stays smaller.
                drop(result);
                resent_at_once = stale && wait.is_zero();
                tracing::debug!(
                    attempt,
                    wait_ms = wait.as_millis() as u64,
                    stale_connection = stale,
                    "retrying"
                );
                if !wait.is_zero() {
                    tokio::time::sleep(wait).await;
                }
            }
            None => {
                return match result {
                    Ok(mut received) => {
                        received.attempts = attempt;
                        Ok(received)
                    }
                    Err(error) => {
                        let retryable = retry::retries_failure(idempotent, &error);
                        Err(error.with_attempts(attempt).with_retryable(retryable))
                    }
                };
            }
        }
    }
}

/// Whether `url` is on the configured origin: same scheme, host and port.
fn same_origin(a: &Url, b: &Url) -> bool {
    a.scheme() == b.scheme()
        && a.host_str() == b.host_str()
        && a.port_or_known_default() == b.port_or_known_default()
}

/// One attempt: the final response of the request and its redirects, read in full.
///
/// Two steps awaited one after the other, so that the future holds the redirect loop's
/// state or the body being read, never both. reqwest's timeout bounds each request from
/// its start to the end of its body; once a redirect is followed, the attempt as a whole
/// is also held to the client's timeout, so hops cannot add up past it.
async fn send_once(
    client: &Client,
    endpoint: &'static Endpoint,
    prepared: &Prepared,
) -> Result<Received> {
    let (mut response, deadline) = follow_redirects(client, endpoint, prepared).await?;
    match deadline {
        None => read_body(client, endpoint, &mut response).await,
        // Boxed: the common attempt, without redirects, carries no timer of its own.
        Some(deadline) => {
            let read =
                tokio::time::timeout_at(deadline, read_body(client, endpoint, &mut response));
            match Box::pin(read).await {
                Ok(result) => result,
                Err(_) => Err(attempt_timeout(client, endpoint)),
            }
        }
    }
}

/// The error of an attempt whose redirects took longer than the client's timeout in all.
fn attempt_timeout(client: &Client, endpoint: &Endpoint) -> Error {
    let error = Error::new(ErrorKind::Timeout).with_detail(format!(
        "no complete response within {} ms, redirects included",
        client.timeout().as_millis()
    ));
    // A response to an earlier hop proved that the request arrived.
    if endpoint.idempotent {
        error
    } else {
        error.outcome_unknown()
    }
}

/// Whether `status` is a redirect the client follows.
fn is_followed_redirect(status: StatusCode) -> bool {
    matches!(status.as_u16(), 301 | 302 | 303 | 307 | 308)
}

/// Sends the request and follows redirects by hand, so that credentials go only to the
/// configured origin (reqwest strips `Authorization` on its own redirects, but not
/// `x-api-key`). Returns the first response that is not a redirect to follow and, if a
/// redirect was followed, the deadline of the attempt as a whole.
///
/// Any response proves that the server received the request: once one has been followed,
/// a later failure of a request that is not idempotent has an unknown outcome.
async fn follow_redirects(
    client: &Client,
    endpoint: &'static Endpoint,
    prepared: &Prepared,
) -> Result<(reqwest::Response, Option<tokio::time::Instant>)> {
    // `None` when the timeout is too long to be a point in time (`Duration::MAX`): no limit.
    let deadline = tokio::time::Instant::now().checked_add(client.timeout());
    let origin = &prepared.url;
    // Set once a redirect is followed; until then the request goes to `origin`.
    let mut redirected: Option<Url> = None;
    let mut method = endpoint.method.clone();
    let mut keep_body = true;
    let redirect_error = |status: Option<StatusCode>, detail: String| {
        let mut error = Error::new(ErrorKind::Redirect).with_detail(detail);
        if let Some(status) = status {
            error = error.with_status(status);
        }
        if endpoint.idempotent {
            error
        } else {
            error.outcome_unknown()
        }
    };
    for _ in 0..=MAX_REDIRECTS {
        let url = redirected.as_ref().unwrap_or(origin);
        let mut request = client.http().request(method.clone(), url.clone());
        // Credentials and default headers go to the configured origin only.
        let on_origin = prepared.credentials && (redirected.is_none() || same_origin(origin, url));
        if prepared.credentials {
            request = request.header(header::ACCEPT, APPLICATION_JSON.clone());
        }
        if on_origin && !client.default_headers().is_empty() {
            request = request.headers(client.default_headers().clone());
        }
        // After the defaults: an endpoint's own header of the same name replaces them.
        if !prepared.headers.is_empty() {
            request = request.headers(prepared.headers.clone());
        }
        if on_origin && let Some((name, value)) = client.auth_header() {
            request = request.header(name.clone(), value.clone());
        }
        if keep_body {
            request = match &prepared.body {
                Body::Empty => request,
                Body::Json(body) => request
                    .header(header::CONTENT_TYPE, APPLICATION_JSON.clone())
                    .body(body.clone()),
                Body::Multipart(parts) => request.multipart(multipart_form(parts)?),
                Body::Raw(body) => request.body(body.clone()),
            };
        }
        let delivered = redirected.is_some();
        let sent = match deadline {
            // Boxed: only attempts that follow redirects carry this timer.
            Some(deadline) if delivered => {
                match Box::pin(tokio::time::timeout_at(deadline, request.send())).await {
                    Ok(sent) => sent,
                    Err(_) => return Err(attempt_timeout(client, endpoint)),
                }
            }
            _ => request.send().await,
        };
        let response = sent.map_err(|error| transport_error(error, endpoint, delivered))?;
        let status = response.status();
        let location = is_followed_redirect(status)
            .then(|| response.headers().get(LOCATION))
            .flatten()
            .and_then(|value| value.to_str().ok())
            .filter(|value| !value.trim().is_empty())
            .and_then(|value| url.join(value).ok());
        let Some(next) = location else {
            return Ok((response, deadline.filter(|_| delivered)));
        };
        if !matches!(next.scheme(), "http" | "https") {
            return Err(redirect_error(
                Some(status),
                format!("redirected to an unsupported `{}:` URL", next.scheme()),
            ));
        }
        // 303, and 301/302 after a POST, continue as a GET without the body (RFC 9110 §15.4).
        if status == StatusCode::SEE_OTHER
            || (matches!(status, StatusCode::MOVED_PERMANENTLY | StatusCode::FOUND)
                && method == Method::POST)
        {
            method = Method::GET;
            keep_body = false;
        }
        let has_body = !matches!(prepared.body, Body::Empty);
        if keep_body && has_body && !same_origin(origin, &next) {
            // A 307/308 would resend the body; it never leaves the configured origin either.
            let target = next.origin().ascii_serialization();
            return Err(redirect_error(
                Some(status),
                format!(
                    "redirected to another origin ({target}); the request body is not sent there"
                ),
            ));
        }
        tracing::debug!(
            status = status.as_u16(),
            cross_origin = !same_origin(origin, &next),
            "following redirect"
        );
        redirected = Some(next);
    }
    Err(redirect_error(
        None,
        format!("more than {MAX_REDIRECTS} redirects"),
    ))
}

/// Whether a request failed because its connection closed before any response came back,
/// as when the server closes an idle pooled connection just as the request is written:
/// hyper's "connection closed before message completed", or a reset or broken pipe.
fn closed_before_response(error: &reqwest::Error) -> bool {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(error);
    while let Some(current) = cause {
        if let Some(hyper) = current.downcast_ref::<hyper::Error>()
            && hyper.is_incomplete_message()
        {
            return true;
        }
        if let Some(io) = current.downcast_ref::<std::io::Error>()
            && matches!(
                io.kind(),
                std::io::ErrorKind::ConnectionReset
                    | std::io::ErrorKind::ConnectionAborted
                    | std::io::ErrorKind::BrokenPipe
            )
        {
            return true;
        }
        cause = current.source();
    }
    false
}

fn transport_error(error: reqwest::Error, endpoint: &Endpoint, delivered: bool) -> Error {
    let connected = delivered || !error.is_connect();
    let stale =
        !delivered && !error.is_connect() && !error.is_timeout() && closed_before_response(&error);
    let mut error = Error::from_reqwest(error);
    if stale && error.kind() == ErrorKind::Transport {
        error = error.stale_connection();
    }

    // Past the connect phase the server may have received a request we will not resend.
    if connected
        && !endpoint.idempotent
        && matches!(
            error.kind(),
            ErrorKind::Timeout | ErrorKind::Transport | ErrorKind::Connect
        )
    {
        error.outcome_unknown()
    } else {
        error
    }
}

/// The most of an error response's body that is read unless it is JSON: enough for a
/// snippet, never a proxy's multi-megabyte page.
const ERROR_BODY_LIMIT: u64 = 64 * 1024;

/// Whether the response says its body is JSON (`application/json`, or any `+json` type).
fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .map(|mime| {
            let mime = mime.trim().to_ascii_lowercase();
            mime == "application/json" || mime.ends_with("+json")
        })
        .unwrap_or(false)
}

/// Reads the body, never holding more than the client's limit. An error response's body is
/// cut (at the limit if it is JSON, and at [`ERROR_BODY_LIMIT`] otherwise) instead of
/// failing, so that its status still decides the outcome and its start is kept as the
/// error's snippet; the error then says where the body was cut.
///
/// A body that arrives in one chunk is kept as it is; a longer one is copied chunk by chunk
/// into one buffer of the declared length, so a large response is held once (not as its
/// chunks plus a contiguous copy, as collecting it would).
async fn read_body(
    client: &Client,
    endpoint: &Endpoint,
    response: &mut reqwest::Response,
) -> Result<Received> {
    let status = response.status();
    let success = status.is_success();
    let limit = if success || is_json(response.headers()) {
        client.max_response_bytes()
    } else {
        client.max_response_bytes().min(ERROR_BODY_LIMIT)
    };
    let too_large = |detail: String| {
        Error::new(ErrorKind::ResponseTooLarge)
            .with_status(status)
            .with_detail(detail)
    };
    let declared = response.content_length();
    if success
        && let Some(length) = declared
        && length > limit
    {
        return Err(too_large(format!(
            "Content-Length is {length} bytes, over the limit of {limit} bytes"
        )));
    }
    let read_error =
        |error: reqwest::Error| transport_error(error, endpoint, true).with_status(status);
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    let declared = declared.and_then(|n| usize::try_from(n).ok());
    let mut first: Option<Bytes> = None;
    let mut rest = BytesMut::new();
    let mut chunks: Option<Blocks> = None;
    let mut length: usize = 0;
    let mut cut_at = None;
    while let Some(mut chunk) = response.chunk().await.map_err(read_error)? {
        let room = limit - length;
        let cut = chunk.len() > room;
        if cut {
            if success {
                return Err(too_large(format!(
                    "the body exceeds the limit of {limit} bytes"
                )));
            }
            chunk.truncate(room);
        }
        length += chunk.len();
        if let Some(chunks) = &mut chunks {
            chunks.push(&chunk);
        } else if success && declared.unwrap_or(length) > CHUNKED_FROM {
            // A long success: kept in blocks (what came before, then each chunk).
            let mut kept = Blocks::default();
            if !rest.is_empty() {
                kept.full.push_back(std::mem::take(&mut rest).freeze());
            }
            if let Some(head) = first.take() {
                kept.push(&head);
            }
            kept.push(&chunk);
            chunks = Some(kept);
        } else {
            match first.take() {
                None if rest.is_empty() => first = Some(chunk),
                None => rest.extend_from_slice(&chunk),
                Some(head) => {
                    rest.reserve(declared.unwrap_or(0).clamp(length, limit));
                    rest.extend_from_slice(&head);
                    rest.extend_from_slice(&chunk);
                }
            }
        }
        if cut {
            cut_at = Some(length);
            break;
        }
    }
    let body = match chunks {
        Some(chunks) => ReceivedBody::Chunks(chunks.finish()),
        None => ReceivedBody::Whole(first.unwrap_or_else(|| rest.freeze())),
    };
    let headers = std::mem::take(response.headers_mut());
    Ok(Received {
        status,
        headers,
        body,
        attempts: 0,
        cut_at,
    })
}

/// Builds reqwest's form from the parts; the bytes are shared, not copied.
fn multipart_form(parts: &[(&'static str, Part)]) -> Result<reqwest::multipart::Form> {
    let mut form = reqwest::multipart::Form::new();
    for (name, part) in parts {
        let length = part.data.len() as u64;
        let mut field = reqwest::multipart::Part::stream_with_length(part.data.clone(), length);
        if let Some(file_name) = &part.file_name {
            if file_name.chars().any(char::is_control) {
                let detail = format!("part `{name}`: the file name has control characters");
                return Err(Error::invalid_argument(detail));
            }
            field = field.file_name(file_name.clone());
        }
        if let Some(mime) = &part.content_type {
            field = field.mime_str(mime).map_err(|_| {
                Error::invalid_argument(format!(
                    "part `{name}`: {mime:?} is not a valid content type"
                ))
            })?;
        }
        form = form.part(*name, field);
    }
    Ok(form)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_keep_every_byte_in_order_in_blocks_of_their_size() {
        let data: Vec<u8> = (0..3 * 700 * 1024).map(|i| (i % 251) as u8).collect();
        let mut blocks = Blocks::default();
        for piece in data.chunks(700 * 1024).chain([&[][..]]) {
            blocks.push(piece);
        }
        let blocks = blocks.finish();
        let sizes: Vec<usize> = blocks.iter().map(Bytes::len).collect();
        assert_eq!(
            sizes,
            [
                Blocks::SIZE,
                Blocks::SIZE,
                3 * 700 * 1024 - 2 * Blocks::SIZE
            ]
        );
        assert_eq!(blocks.iter().flatten().copied().collect::<Vec<u8>>(), data);
    }
}
