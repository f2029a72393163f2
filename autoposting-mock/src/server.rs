//! The shared server state, the listener (which can drop a connection on purpose), and the
//! gate every request passes: body capture and logging, faults, auth, rate limit, and the
//! clock's tick, in that order.

use std::collections::{HashMap, HashSet};
use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::serve::{IncomingStream, Listener};
use serde::Serialize;
use serde_json::Value;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

use crate::auth::{self, Principal};
use crate::clock::Clock;
use crate::envelope::ApiError;
use crate::faults::{self, Fault, FaultRule};
use crate::state::Store;

/// A configured rate limit: `limit` requests per `window`, per credential.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// Requests allowed in one window.
    pub limit: u32,
    /// The window's length.
    pub window: Duration,
}

/// The server's fixed settings.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    pub root_keys: Vec<String>,
    pub step: Duration,
    pub rate_limit: Option<RateLimit>,
    pub max_body: usize,
    pub max_object: usize,
    pub max_upload: usize,
    pub min_part_size: usize,
    pub webhook_retries: Vec<Duration>,
    pub webhook_timeout: Duration,
    pub state_file: Option<PathBuf>,
}

/// One request as the server received it, with credentials and secrets redacted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct RecordedRequest {
    /// The method, e.g. `POST`.
    pub method: String,
    /// The path and query, e.g. `/posts?limit=20`.
    pub path: String,
    /// The headers, in order; `authorization`, `x-api-key` and `cookie` read `[redacted]`.
    pub headers: Vec<(String, String)>,
    /// The body as text (lossy UTF-8); JSON fields named like secrets (`secret`, `password`,
    /// `accessToken`, `refreshToken`, `token`, `code`, `key`) read `[redacted]`; storage
    /// uploads are summarised by their size.
    pub body: String,
}

impl RecordedRequest {
    /// A header's (redacted) value, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body parsed as JSON, if it is JSON.
    pub fn json(&self) -> Option<Value> {
        serde_json::from_str(&self.body).ok()
    }
}

pub(crate) struct Inner {
    pub store: Mutex<Store>,
    pub clock: Clock,
    pub config: Config,
    pub base_url: String,
    pub faults: Mutex<Vec<FaultRule>>,
    pub log: Mutex<Vec<RecordedRequest>>,
    pub kills: Arc<Mutex<HashSet<SocketAddr>>>,
    pub windows: Mutex<HashMap<String, (u64, u32)>>,
    /// The webhook sender's HTTP client, built on the first delivery: building one sets up
    /// TLS, which would cost every start-up several milliseconds for servers that never
    /// deliver a webhook.
    pub http: std::sync::OnceLock<reqwest::Client>,
    pub wake: tokio::sync::Notify,
    pub shutdown: watch::Receiver<bool>,
}

/// The handle every handler gets: cheap to clone.
#[derive(Clone)]
pub(crate) struct App(pub Arc<Inner>);

fn relock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl App {
    /// The store, after moving it to the clock's present. Writing through the guard tells the
    /// store to look at everything again on its next tick (see [`Store::tick`]).
    pub fn store(&self) -> StoreGuard<'_> {
        let mut store = relock(&self.0.store);
        store.tick(self.0.clock.now(), self.0.config.step);
        StoreGuard(store)
    }

    /// The store as is (for snapshots and inspection).
    pub fn raw_store(&self) -> MutexGuard<'_, Store> {
        relock(&self.0.store)
    }

    /// The webhook sender's HTTP client (no proxy), built on first use.
    pub fn http(&self) -> &reqwest::Client {
        self.0.http.get_or_init(|| {
            reqwest::Client::builder()
                .no_proxy()
                .build()
                .unwrap_or_default()
        })
    }

    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.clock.now()
    }

    pub fn faults(&self) -> MutexGuard<'_, Vec<FaultRule>> {
        relock(&self.0.faults)
    }

    pub fn log(&self) -> MutexGuard<'_, Vec<RecordedRequest>> {
        relock(&self.0.log)
    }

    /// A presigned storage URL for `key`, served by this server.
    pub fn storage_url(&self, key: &str) -> String {
        format!("{}/__storage/{key}?X-Amz-Signature=mock", self.0.base_url)
    }

    /// After a state change: wake the webhook sender and write the snapshot, if configured.
    pub fn changed(&self) {
        self.0.wake.notify_one();
        if let Some(path) = &self.0.config.state_file {
            let snapshot = serde_json::to_vec_pretty(&*self.raw_store());
            if let Ok(bytes) = snapshot
                && let Err(error) = crate::persist::write_atomically(path, &bytes)
            {
                eprintln!(
                    "autoposting-mock: could not write {}: {error}",
                    path.display()
                );
            }
        }
    }
}

/// The store, locked, as [`App::store`] gives it: a write through it (any `&mut` use) marks
/// the store as changed, so that the next [`Store::tick`] does not skip its full pass.
pub(crate) struct StoreGuard<'a>(MutexGuard<'a, Store>);

impl StoreGuard<'_> {
    /// For a handler whose only writes since `quiet` was read were to add one object falling
    /// due at `due` (if ever): keeps the tick's skip (see [`Store::tick`]) instead of forcing a
    /// full pass, moved earlier to `due`.
    pub fn only_added(
        &mut self,
        quiet: Option<chrono::DateTime<chrono::Utc>>,
        due: Option<chrono::DateTime<chrono::Utc>>,
    ) {
        self.0.quiet_until = quiet.map(|quiet| due.map_or(quiet, |due| quiet.min(due)));
    }
}

impl std::ops::Deref for StoreGuard<'_> {
    type Target = Store;

    fn deref(&self) -> &Store {
        &self.0
    }
}

impl std::ops::DerefMut for StoreGuard<'_> {
    fn deref_mut(&mut self) -> &mut Store {
        self.0.touched();
        &mut self.0
    }
}

/// The address a connection came from; handlers use it to drop their own connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Peer(pub SocketAddr);

impl axum::extract::connect_info::Connected<IncomingStream<'_, MockListener>> for Peer {
    fn connect_info(stream: IncomingStream<'_, MockListener>) -> Self {
        Peer(*stream.remote_addr())
    }
}

/// A TCP listener whose connections can be cut by the [`Fault::DropConnection`] fault.
pub(crate) struct MockListener {
    pub inner: TcpListener,
    pub kills: Arc<Mutex<HashSet<SocketAddr>>>,
}

impl Listener for MockListener {
    type Io = KillableStream;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            match self.inner.accept().await {
                Ok((stream, peer)) => {
                    let _ = stream.set_nodelay(true);
                    relock(&self.kills).remove(&peer);
                    let io = KillableStream {
                        stream,
                        peer,
                        kills: self.kills.clone(),
                    };
                    return (io, peer);
                }
                // Out of descriptors and the like: back off briefly, as axum's own loop does.
                Err(_) => tokio::time::sleep(Duration::from_millis(5)).await,
            }
        }
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.inner.local_addr()
    }
}

/// A connection that fails its writes once marked for dropping, so hyper closes it without
/// sending the response.
pub(crate) struct KillableStream {
    stream: TcpStream,
    peer: SocketAddr,
    kills: Arc<Mutex<HashSet<SocketAddr>>>,
}

impl KillableStream {
    fn killed(&self) -> bool {
        relock(&self.kills).contains(&self.peer)
    }
}

impl AsyncRead for KillableStream {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for KillableStream {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        if self.killed() {
            return Poll::Ready(Err(io::Error::new(
                io::ErrorKind::ConnectionReset,
                "dropped by a fault",
            )));
        }
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

impl Drop for KillableStream {
    fn drop(&mut self) {
        relock(&self.kills).remove(&self.peer);
    }
}

const SECRET_FIELDS: [&str; 8] = [
    "secret",
    "password",
    "accessToken",
    "refreshToken",
    "token",
    "code",
    "key",
    "sessionToken",
];

fn redact_json(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (name, field) in map.iter_mut() {
                if SECRET_FIELDS.contains(&name.as_str()) && field.is_string() {
                    *field = Value::String("[redacted]".into());
                } else {
                    redact_json(field);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact_json),
        _ => {}
    }
}

fn record(request: &Request, body: &Bytes) -> RecordedRequest {
    let path = request
        .uri()
        .path_and_query()
        .map(|pq| pq.as_str().to_owned())
        .unwrap_or_else(|| request.uri().path().to_owned());
    let headers = request
        .headers()
        .iter()
        .map(|(name, value)| {
            let shown = if matches!(name.as_str(), "authorization" | "x-api-key" | "cookie") {
                "[redacted]".to_owned()
            } else {
                String::from_utf8_lossy(value.as_bytes()).into_owned()
            };
            (name.as_str().to_owned(), shown)
        })
        .collect();
    let body = if request.uri().path().starts_with("/__storage/") {
        format!("<{} bytes>", body.len())
    } else {
        match serde_json::from_slice::<Value>(body) {
            Ok(mut json) => {
                redact_json(&mut json);
                json.to_string()
            }
            Err(_) if body.len() > 64 * 1024 => format!("<{} bytes>", body.len()),
            Err(_) => String::from_utf8_lossy(body).into_owned(),
        }
    };
    RecordedRequest {
        method: request.method().as_str().to_owned(),
        path,
        headers,
        body,
    }
}

fn status_code_name(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "invalid_request",
        401 => "unauthorized",
        402 => "insufficient_credits",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        409 => "conflict",
        413 => "payload_too_large",
        415 => "unsupported_media_type",
        422 => "validation_error",
        429 => "rate_limited",
        503 => "service_unavailable",
        s if s >= 500 => "internal_error",
        _ => "error",
    }
}

fn rate_headers(response: &mut Response, limit: u32, remaining: u32, reset: u64) {
    let headers = response.headers_mut();
    headers.insert("x-ratelimit-limit", HeaderValue::from(limit));
    headers.insert("x-ratelimit-remaining", HeaderValue::from(remaining));
    headers.insert("x-ratelimit-reset", HeaderValue::from(reset));
}

fn rate_limited(limit: u32, reset: u64, retry_after: u64) -> Response {
    let mut response = ApiError::new(
        StatusCode::TOO_MANY_REQUESTS,
        "rate_limited",
        format!("Rate limit of {limit} requests exceeded; retry in {retry_after} s."),
    )
    .into_response();
    rate_headers(&mut response, limit, 0, reset);
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
    response
}

async fn fault_response(app: &App, fault: Fault, peer: Option<Peer>) -> Option<Response> {
    match fault {
        Fault::Status(code) => {
            let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let mut response = ApiError::new(
                status,
                status_code_name(status),
                format!("Injected fault: status {code}."),
            )
            .into_response();
            if code == 429 {
                let reset = crate::state::wall_ms() / 1000 + 1;
                response = rate_limited(1, reset, 1);
            }
            Some(response)
        }
        Fault::Delay(delay) => {
            let mut stop = app.0.shutdown.clone();
            tokio::select! {
                () = tokio::time::sleep(delay) => {}
                _ = stop.changed() => {}
            }
            None
        }
        Fault::StallBody => {
            let mut stop = app.0.shutdown.clone();
            let start = futures_util::stream::once(async {
                Ok::<_, io::Error>(Bytes::from_static(b"{\"success\": true, \"data\": {"))
            });
            let rest = futures_util::stream::once(async move {
                let _ = stop.changed().await;
                Err::<Bytes, _>(io::Error::new(io::ErrorKind::BrokenPipe, "server stopped"))
            });
            let body = Body::from_stream(futures_util::StreamExt::chain(start, rest));
            Some(
                Response::builder()
                    .status(StatusCode::OK)
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(body)
                    .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response()),
            )
        }
        Fault::DropConnection => {
            if let Some(Peer(peer)) = peer {
                relock(&app.0.kills).insert(peer);
            }
            Some(StatusCode::INTERNAL_SERVER_ERROR.into_response())
        }
    }
}

/// How far past the limit an oversized body is still read (and thrown away) after the 413
/// is sent, so that a client still writing it reads the answer instead of a connection reset.
const DRAIN_BYTES: usize = 64 * 1024 * 1024;
/// Room for a multipart form's boundaries and part headers above the file size limit.
const UPLOAD_FRAMING: usize = 16 * 1024;
/// How long an oversized body is drained at most.
const DRAIN_TIME: Duration = Duration::from_secs(10);

/// The body size limit of one route, and how its 413 names it.
#[derive(Debug, Clone, Copy)]
struct Limit {
    /// The most bytes of body read.
    bytes: usize,
    /// What the 413's message names: the body's limit, or the file's for the multipart
    /// uploads (whose body may be a little larger, for the form's framing).
    file: Option<usize>,
}

/// The largest body accepted on `path`: presigned storage PUTs have their own limit, the
/// multipart media uploads theirs, every other route the API's.
fn body_limit(config: &Config, method: &axum::http::Method, path: &str) -> Limit {
    if path.starts_with("/__storage/") {
        Limit {
            bytes: config.max_object,
            file: None,
        }
    } else if *method == axum::http::Method::POST
        && (path == "/media/upload" || path.starts_with("/carousels/") && path.ends_with("/assets"))
    {
        Limit {
            bytes: config.max_upload.saturating_add(UPLOAD_FRAMING),
            file: Some(config.max_upload),
        }
    } else {
        Limit {
            bytes: config.max_body,
            file: None,
        }
    }
}

/// The 413 for a body over `limit`; `Connection: close`, as the rest of the body is not read.
fn too_large(limit: Limit) -> Response {
    let message = match limit.file {
        Some(file) => format!("The uploaded file is larger than the limit of {file} bytes."),
        None => format!(
            "The request body is larger than the limit of {} bytes.",
            limit.bytes
        ),
    };
    let mut response =
        ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", message).into_response();
    response
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
}

/// Reads and discards what is left of an oversized body in the background, at most
/// [`DRAIN_BYTES`] within [`DRAIN_TIME`] (and never past the server's stop): the connection
/// then closes with nothing unread, so the client's kernel does not reset it before the client
/// has read the 413.
fn drain(app: &App, mut rest: axum::body::BodyDataStream) {
    let mut stop = app.0.shutdown.clone();
    tokio::spawn(async move {
        let discard = async {
            let mut seen = 0usize;
            while let Some(Ok(chunk)) = futures_util::StreamExt::next(&mut rest).await {
                seen = seen.saturating_add(chunk.len());
                if seen > DRAIN_BYTES {
                    break;
                }
            }
        };
        tokio::select! {
            _ = tokio::time::timeout(DRAIN_TIME, discard) => {}
            _ = stop.changed() => {}
        }
    });
}

/// The whole body, or the answer to give instead: 413 as soon as the declared
/// `Content-Length` or the bytes received (a chunked body growing mid-stream) pass `limit`,
/// 400 when the body cannot be read. A client that sent `Expect: 100-continue` with an
/// oversized length is answered without being asked for the body at all.
async fn read_body(
    app: &App,
    headers: &axum::http::HeaderMap,
    body: Body,
    limit: Limit,
) -> Result<Bytes, Box<Response>> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|length| length > u64::try_from(limit.bytes).unwrap_or(u64::MAX)) {
        let expects_continue = headers
            .get(header::EXPECT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("100-continue"));
        if !expects_continue {
            drain(app, body.into_data_stream());
        }
        return Err(Box::new(too_large(limit)));
    }
    let mut stream = body.into_data_stream();
    let mut buffer = Vec::with_capacity(declared.map_or(0, |n| usize::try_from(n).unwrap_or(0)));
    while let Some(chunk) = futures_util::StreamExt::next(&mut stream).await {
        let chunk = match chunk {
            Ok(chunk) => chunk,
            Err(error) => {
                return Err(Box::new(
                    ApiError::invalid(format!("The request body could not be read: {error}."))
                        .into_response(),
                ));
            }
        };
        if buffer.len() + chunk.len() > limit.bytes {
            drain(app, stream);
            return Err(Box::new(too_large(limit)));
        }
        buffer.extend_from_slice(&chunk);
    }
    Ok(Bytes::from(buffer))
}

/// Every request's path through the server before its handler.
pub(crate) async fn gate(State(app): State<App>, request: Request, next: Next) -> Response {
    let peer = request.extensions().get::<ConnectInfo<Peer>>().map(|c| c.0);
    let path = request.uri().path().to_owned();
    let method = request.method().clone();
    let limit = body_limit(&app.0.config, &method, &path);
    let (parts, body) = request.into_parts();
    let bytes = match read_body(&app, &parts.headers, body, limit).await {
        Ok(bytes) => bytes,
        Err(response) => return *response,
    };
    let request = Request::from_parts(parts, Body::from(bytes.clone()));
    if !path.starts_with("/__admin/") {
        let entry = record(&request, &bytes);
        app.log().push(entry);
    }
    if !path.starts_with("/__admin/") {
        let fault = faults::take(&mut app.faults(), method.as_str(), &path);
        if let Some(fault) = fault
            && let Some(response) = fault_response(&app, fault, peer).await
        {
            return response;
        }
    }
    let mut request = request;
    let mut window = None;
    if !auth::is_public(&path) {
        let credential = auth::presented(request.headers()).map(str::to_owned);
        let principal = {
            let mut store = app.raw_store();
            auth::authenticate(
                &app.0.config.root_keys,
                &mut store,
                credential.as_deref(),
                app.now(),
            )
        };
        let principal = match principal {
            Ok(principal) => principal,
            Err(error) => return error.into_response(),
        };
        if let Err(error) = auth::authorize(&principal, &method, &path) {
            return error.into_response();
        }
        if let (Some(rate), Some(credential)) = (app.0.config.rate_limit, credential) {
            let window_ms = u64::try_from(rate.window.as_millis())
                .unwrap_or(u64::MAX)
                .max(1);
            let now = crate::state::wall_ms();
            let start = now - now % window_ms;
            let reset = (start + window_ms).div_ceil(1000);
            let mut windows = relock(&app.0.windows);
            let entry = windows.entry(credential).or_insert((start, 0));
            if entry.0 != start {
                *entry = (start, 0);
            }
            if entry.1 >= rate.limit {
                let retry_after = (start + window_ms - now).div_ceil(1000).max(1);
                return rate_limited(rate.limit, reset, retry_after);
            }
            entry.1 += 1;
            window = Some((rate.limit, rate.limit - entry.1, reset));
        }
        request.extensions_mut().insert::<Principal>(principal);
    }
    let mutating = method != axum::http::Method::GET;
    let mut response = next.run(request).await;
    if let Some((limit, remaining, reset)) = window {
        rate_headers(&mut response, limit, remaining, reset);
    }
    if mutating && response.status().is_success() {
        app.changed();
    }
    response
}

/// Turns any answer that is not already the API's JSON (axum's own 405, 413, 415 and
/// rejection texts) into the documented error envelope, keeping the status and the text.
pub(crate) async fn envelope_errors(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    if status.is_success() {
        return response;
    }
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if is_json || status == StatusCode::INTERNAL_SERVER_ERROR && response.headers().is_empty() {
        return response;
    }
    let (parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, 64 * 1024)
        .await
        .unwrap_or_default();
    let text = String::from_utf8_lossy(&text).trim().to_owned();
    let message = if text.is_empty() {
        status.canonical_reason().unwrap_or("Error").to_owned()
    } else {
        text
    };
    let mut rebuilt = ApiError::new(status, status_code_name(status), message).into_response();
    for (name, value) in &parts.headers {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            rebuilt.headers_mut().insert(name.clone(), value.clone());
        }
    }
    rebuilt
}
