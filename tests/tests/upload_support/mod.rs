//! Two real servers on 127.0.0.1 for the upload tests: a small API (clip multipart upload,
//! knowledge-base documents, post media) and a storage server that records every `PUT`,
//! with the headers that must never reach it.

#![allow(dead_code)]

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use autoposting_client::{Client, RetryPolicy};
use axum::Router;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{post, put};
use futures_util::StreamExt;
use serde_json::{Value, json};

/// The API key of the test clients; storage must never see it.
pub const KEY: &str = "sk-social-upload-test-key";
pub const MIB: u64 = 1024 * 1024;

/// What a part's `PUT` is answered, in turn; once the list is used up, 200 with an ETag.
#[derive(Debug, Clone)]
pub enum Answer {
    Status(u16),
    /// 200 without an `ETag` header.
    NoEtag,
    /// Never answers (the request hangs until the client gives up on it).
    Hang,
}

/// One `PUT` storage received.
#[derive(Debug, Clone)]
pub struct Put {
    /// The path after `/bucket/`: `<key>/<part>` or `kb/<name>`.
    pub target: String,
    pub len: u64,
    pub status: u16,
    /// Values of credential headers it carried (`authorization`, `x-api-key`): always empty.
    pub credentials: Vec<String>,
    pub content_type: Option<String>,
}

/// Everything both servers saw, and how they are told to answer.
#[derive(Default)]
pub struct Record {
    // What happened.
    pub inits: Vec<Value>,
    pub presigns: Vec<Vec<u32>>,
    pub completes: Vec<Value>,
    pub aborts: Vec<Value>,
    pub kb_starts: Vec<(String, Value)>,
    pub kb_completes: Vec<(String, Value)>,
    pub media_presigns: Vec<Value>,
    pub media_uploads: Vec<(String, Vec<u8>)>,
    pub puts: Vec<Put>,
    /// API requests that came without the key.
    pub api_without_key: u32,
    /// The bytes stored under each target (only when `keep_bytes`).
    pub stored: BTreeMap<String, Vec<u8>>,
    pub in_flight: usize,
    pub max_in_flight: usize,
    // How to answer.
    pub keep_bytes: bool,
    pub answers: HashMap<String, Vec<Answer>>,
    /// Part numbers the presign answer leaves out.
    pub presign_omits: Vec<u32>,
    pub init_error: Option<u16>,
    pub complete_error: Option<u16>,
    /// The first PUTs wait for each other at this barrier (proof they are concurrent).
    pub barrier: Option<Arc<tokio::sync::Barrier>>,
    pub barrier_parts: Vec<u32>,
    /// Where presigned URLs point instead of the storage server.
    pub storage_override: Option<String>,
    /// Notified when a PUT starts to hang.
    pub hung: Arc<tokio::sync::Notify>,
}

pub type Shared = Arc<Mutex<Record>>;

pub struct Servers {
    pub api: String,
    pub storage: String,
    pub record: Shared,
    pub client: Client,
}

impl Servers {
    pub fn lock(&self) -> std::sync::MutexGuard<'_, Record> {
        self.record.lock().unwrap()
    }

    /// The PUTs of clip parts, as part numbers in the order received.
    pub fn part_puts(&self) -> Vec<u32> {
        self.lock()
            .puts
            .iter()
            .filter_map(|put| put.target.rsplit('/').next()?.parse().ok())
            .collect()
    }

    /// The bytes of the stored parts of the clip upload, joined in part order.
    pub fn joined_parts(&self) -> Vec<u8> {
        let record = self.lock();
        let mut parts: Vec<(u32, &Vec<u8>)> = record
            .stored
            .iter()
            .filter_map(|(target, bytes)| {
                Some((
                    target.strip_prefix("uploads/clip_1.mp4/")?.parse().ok()?,
                    bytes,
                ))
            })
            .collect();
        parts.sort_by_key(|(n, _)| *n);
        parts.into_iter().flat_map(|(_, b)| b.clone()).collect()
    }
}

/// The ETag storage answers for `target`, quotes included, as S3 does.
pub fn etag_for(target: &str) -> String {
    format!("\"etag-{}\"", target.replace('/', "-"))
}

/// Starts both servers, with `configure` applied to the record first, and a client of the
/// API with the test key and millisecond retry waits.
pub async fn start(configure: impl FnOnce(&mut Record)) -> Servers {
    let record: Shared = Arc::default();
    configure(&mut record.lock().unwrap());
    let storage = serve(storage_app(record.clone())).await;
    let api = serve(api_app(record.clone(), storage.clone())).await;
    let client = Client::builder()
        .base_url(&api)
        .api_key(KEY)
        .retry_policy(RetryPolicy::never())
        .build()
        .expect("a test client");
    Servers {
        api,
        storage,
        record,
        client,
    }
}

/// Retries of storage PUTs with millisecond waits.
pub fn quick_retries(retries: u32) -> RetryPolicy {
    RetryPolicy::default()
        .max_retries(retries)
        .base_delay(Duration::from_millis(1))
        .max_delay(Duration::from_millis(5))
}

async fn serve(app: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{address}")
}

fn envelope(data: Value) -> Response {
    axum::Json(json!({"success": true, "data": data})).into_response()
}

fn api_error(status: u16) -> Response {
    let status = StatusCode::from_u16(status).unwrap();
    let body = json!({"success": false, "error": "refused", "message": "Refused by the test."});
    (status, axum::Json(body)).into_response()
}

fn has_key(headers: &HeaderMap) -> bool {
    let bearer = format!("Bearer {KEY}");
    headers
        .get("authorization")
        .is_some_and(|v| v == bearer.as_str())
        || headers.get("x-api-key").is_some_and(|v| v == KEY)
}

#[derive(Clone)]
struct Api {
    record: Shared,
    storage: String,
}

fn api_app(record: Shared, storage: String) -> Router {
    Router::new()
        .route("/clips/upload/init", post(init))
        .route("/clips/upload/presign", post(presign))
        .route("/clips/upload/complete", post(complete))
        .route("/clips/upload/abort", post(abort))
        .route("/kb/{kb}/docs/upload", post(kb_start))
        .route("/kb/{kb}/docs/complete", post(kb_complete))
        .route("/media/presign", post(media_presign))
        .route("/media/upload", post(media_upload))
        .with_state(Api { record, storage })
}

fn check_key(api: &Api, headers: &HeaderMap) {
    if !has_key(headers) {
        api.record.lock().unwrap().api_without_key += 1;
    }
}

async fn init(State(api): State<Api>, headers: HeaderMap, body: axum::Json<Value>) -> Response {
    check_key(&api, &headers);
    let mut record = api.record.lock().unwrap();
    record.inits.push(body.0);
    if let Some(status) = record.init_error {
        return api_error(status);
    }
    envelope(json!({"clipId": "clip_1", "uploadId": "up_1", "key": "uploads/clip_1.mp4"}))
}

async fn presign(State(api): State<Api>, headers: HeaderMap, body: axum::Json<Value>) -> Response {
    check_key(&api, &headers);
    let numbers: Vec<u32> = serde_json::from_value(body["partNumbers"].clone()).unwrap();
    let key = body["key"].as_str().unwrap().to_owned();
    let mut record = api.record.lock().unwrap();
    record.presigns.push(numbers.clone());
    let storage = record.storage_override.clone().unwrap_or(api.storage);
    let urls: Vec<Value> = numbers
        .iter()
        .filter(|n| !record.presign_omits.contains(n))
        .map(|n| {
            json!({
                "partNumber": n,
                "url": format!("{storage}/bucket/{key}/{n}?X-Amz-Signature=sig{n}"),
            })
        })
        .collect();
    envelope(json!({"presignedUrls": urls}))
}

async fn complete(State(api): State<Api>, headers: HeaderMap, body: axum::Json<Value>) -> Response {
    check_key(&api, &headers);
    let mut record = api.record.lock().unwrap();
    record.completes.push(body.0.clone());
    if let Some(status) = record.complete_error {
        return api_error(status);
    }
    envelope(json!({"clipId": body["clipId"], "status": "processing"}))
}

async fn abort(State(api): State<Api>, headers: HeaderMap, body: axum::Json<Value>) -> Response {
    check_key(&api, &headers);
    api.record.lock().unwrap().aborts.push(body.0);
    envelope(json!({"aborted": true}))
}

async fn kb_start(
    State(api): State<Api>,
    Path(kb): Path<String>,
    headers: HeaderMap,
    body: axum::Json<Value>,
) -> Response {
    check_key(&api, &headers);
    api.record.lock().unwrap().kb_starts.push((kb, body.0));
    envelope(json!({
        "uploadUrl": format!("{}/bucket/kb/doc?X-Amz-Signature=kb", api.storage),
        "key": "kb/doc",
    }))
}

async fn kb_complete(
    State(api): State<Api>,
    Path(kb): Path<String>,
    headers: HeaderMap,
    body: axum::Json<Value>,
) -> Response {
    check_key(&api, &headers);
    api.record.lock().unwrap().kb_completes.push((kb, body.0));
    envelope(json!({"ingesting": true}))
}

async fn media_presign(
    State(api): State<Api>,
    headers: HeaderMap,
    body: axum::Json<Value>,
) -> Response {
    check_key(&api, &headers);
    api.record.lock().unwrap().media_presigns.push(body.0);
    envelope(json!({
        "uploadUrl": format!("{}/bucket/media/cover.png?X-Amz-Signature=m", api.storage),
        "publicUrl": "https://cdn.example/media/cover.png",
    }))
}

async fn media_upload(
    State(api): State<Api>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    check_key(&api, &headers);
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    api.record
        .lock()
        .unwrap()
        .media_uploads
        .push((content_type, body.to_vec()));
    envelope(
        json!({"url": "https://cdn.example/u/cover.png", "type": "image", "filename": "cover.png"}),
    )
}

fn storage_app(record: Shared) -> Router {
    Router::new()
        .route("/bucket/{*target}", put(store))
        .with_state(record)
}

/// Storage: streams the body (never holding more than a frame unless `keep_bytes`),
/// records the PUT, and answers per the configured answers.
async fn store(
    State(record): State<Shared>,
    Path(target): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let credentials: Vec<String> = ["authorization", "x-api-key"]
        .iter()
        .filter_map(|name| headers.get(*name))
        .map(|v| v.to_str().unwrap_or("(not text)").to_owned())
        .collect();
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let (keep, barrier) = {
        let mut record = record.lock().unwrap();
        record.in_flight += 1;
        record.max_in_flight = record.max_in_flight.max(record.in_flight);
        let part: Option<u32> = target.rsplit('/').next().and_then(|n| n.parse().ok());
        let barrier = part
            .filter(|n| record.barrier_parts.contains(n))
            .and(record.barrier.clone());
        (record.keep_bytes, barrier)
    };
    let mut len = 0u64;
    let mut kept = Vec::new();
    let mut stream = body.into_data_stream();
    while let Some(frame) = stream.next().await {
        let Ok(frame) = frame else {
            record.lock().unwrap().in_flight -= 1;
            return StatusCode::BAD_REQUEST.into_response();
        };
        len += frame.len() as u64;
        if keep {
            kept.extend_from_slice(&frame);
        }
    }
    if let Some(barrier) = barrier {
        barrier.wait().await;
    }
    let answer = {
        let mut record = record.lock().unwrap();
        record
            .answers
            .get_mut(&target)
            .filter(|answers| !answers.is_empty())
            .map(|answers| answers.remove(0))
    };
    if let Some(Answer::Hang) = answer {
        let hung = record.lock().unwrap().hung.clone();
        hung.notify_one();
        std::future::pending::<()>().await;
    }
    let status = match answer {
        Some(Answer::Status(status)) => status,
        _ => 200,
    };
    let mut record = record.lock().unwrap();
    record.in_flight -= 1;
    record.puts.push(Put {
        target: target.clone(),
        len,
        status,
        credentials,
        content_type,
    });
    if status != 200 {
        return (
            StatusCode::from_u16(status).unwrap(),
            "<Error>refused</Error>",
        )
            .into_response();
    }
    if keep {
        record.stored.insert(target.clone(), kept);
    }
    let mut response = StatusCode::OK.into_response();
    if !matches!(answer, Some(Answer::NoEtag)) {
        response
            .headers_mut()
            .insert("etag", etag_for(&target).parse().unwrap());
    }
    response
}

/// `len` bytes of a pattern with a prime period, so that no part equals another and a
/// part out of place or order shows.
pub fn content(len: u64) -> Vec<u8> {
    let period: Vec<u8> = (0..=250).collect();
    let mut data = Vec::with_capacity(len as usize);
    while data.len() < len as usize {
        let n = period.len().min(len as usize - data.len());
        data.extend_from_slice(&period[..n]);
    }
    data
}
