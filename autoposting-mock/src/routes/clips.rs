//! Clips: the multipart upload (init → presign → PUT parts to this server's storage →
//! complete, or abort), URL import, and render jobs (credits charged only on success).

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{required, url};
use crate::clock;
use crate::envelope::{ApiError, ApiResult, done, ok, parse, parse_or_default};
use crate::server::App;
use crate::state::{Store, public, str_of};

pub(crate) fn routes() -> Router<App> {
    Router::new()
        .route("/clips", get(list))
        .route("/clips/{clip_id}", get(one).delete(remove))
        .route("/clips/{clip_id}/render", post(render))
        .route("/clips/{clip_id}/jobs", get(jobs))
        .route("/clips/billing/check", post(check))
        .route("/clips/import-url", post(import))
        .route("/clips/upload/init", post(init))
        .route("/clips/upload/presign", post(presign))
        .route("/clips/upload/complete", post(complete))
        .route("/clips/upload/abort", post(abort))
}

/// What one render costs, in credits.
pub(crate) const RENDER_CREDITS: i64 = 10;
const MAX_PARTS: u32 = 10_000;

fn find(store: &Store, id: &str) -> Result<usize, ApiError> {
    store
        .clips
        .iter()
        .position(|c| str_of(c, "id") == id)
        .ok_or_else(|| ApiError::not_found("Clip"))
}

fn brand_slug(store: &Store, id_or_slug: &str) -> Result<String, ApiError> {
    store
        .brands
        .iter()
        .find(|b| str_of(b, "id") == id_or_slug || str_of(b, "slug") == id_or_slug)
        .map(|b| str_of(b, "slug").to_owned())
        .ok_or_else(|| ApiError::not_found(&format!("Brand `{id_or_slug}`")))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ListQuery {
    page: Option<i64>,
    limit: Option<i64>,
}

async fn list(State(app): State<App>, Query(query): Query<ListQuery>) -> ApiResult {
    let page = query.page.unwrap_or(1);
    let limit = query.limit.unwrap_or(50);
    if page < 1 {
        return Err(ApiError::validation(format!(
            "`page` starts at 1 (got {page})."
        )));
    }
    if !(1..=100).contains(&limit) {
        return Err(ApiError::validation(format!(
            "`limit` must be between 1 and 100 (got {limit})."
        )));
    }
    let (page_n, limit_n) = (
        usize::try_from(page).unwrap_or(1),
        usize::try_from(limit).unwrap_or(50),
    );
    let store = app.store();
    let total = store.clips.len();
    let clips: Vec<Value> = store
        .clips
        .iter()
        .skip((page_n - 1).saturating_mul(limit_n))
        .take(limit_n)
        .map(public)
        .collect();
    ok(
        json!({"clips": clips, "pagination": {"page": page, "limit": limit, "total": total, "totalPages": total.div_ceil(limit_n)}}),
    )
}

async fn one(State(app): State<App>, Path(id): Path<String>) -> ApiResult {
    let store = app.store();
    let index = find(&store, &id)?;
    ok(public(&store.clips[index]))
}

async fn remove(State(app): State<App>, Path(id): Path<String>) -> ApiResult {
    let mut store = app.store();
    let index = find(&store, &id)?;
    store.clips.remove(index);
    store.jobs.retain(|j| str_of(j, "_clipId") != id);
    done()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Init {
    brand_id: Option<String>,
    brand_slug: Option<String>,
    title: Option<String>,
    file_name: Option<String>,
    file_size: Option<u64>,
    mime_type: Option<String>,
}

fn new_clip(
    store: &mut Store,
    slug: &str,
    name: &str,
    size: u64,
    status: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> String {
    let since = clock::precise(now);
    let now = clock::format(now);
    let id = store.id("clip");
    store.clips.push(json!({
        "id": id, "brandSlug": slug, "fileName": name, "status": status, "duration": 0,
        "fileSize": size, "transcription": {"status": "pending"}, "candidates": [], "createdAt": now,
        "_since": since,
    }));
    id
}

async fn init(State(app): State<App>, body: Bytes) -> ApiResult {
    let request: Init = parse(&body)?;
    let brand = required(request.brand_id.or(request.brand_slug), "brandId")?;
    let name = required(request.file_name.or(request.title), "fileName")?;
    let size = request
        .file_size
        .ok_or_else(|| ApiError::validation("`fileSize` is required."))?;
    if size == 0 {
        return Err(ApiError::validation(
            "`fileSize` must be more than 0 bytes.",
        ));
    }
    let mime = request.mime_type.unwrap_or_else(|| "video/mp4".into());
    if !mime.starts_with("video/") {
        return Err(ApiError::validation(format!(
            "`mimeType` must be a video type (got `{mime}`)."
        )));
    }
    let now = app.now();
    let mut store = app.store();
    let slug = brand_slug(&store, &brand)?;
    let clip_id = new_clip(&mut store, &slug, &name, size, "uploading", now);
    let upload_id = format!("upl_{}", Store::random(20));
    let key = format!("clips/{upload_id}/{name}");
    store
        .uploads
        .push(json!({"clipId": clip_id, "uploadId": upload_id, "key": key, "_state": "open"}));
    ok(json!({"clipId": clip_id, "uploadId": upload_id, "key": key}))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UploadRef {
    clip_id: Option<String>,
    upload_id: Option<String>,
    key: Option<String>,
}

fn open_upload(store: &Store, request: UploadRef) -> Result<(usize, String, String), ApiError> {
    let clip = required(request.clip_id, "clipId")?;
    let upload = required(request.upload_id, "uploadId")?;
    let key = required(request.key, "key")?;
    let index = store
        .uploads
        .iter()
        .position(|u| {
            str_of(u, "uploadId") == upload
                && str_of(u, "clipId") == clip
                && str_of(u, "key") == key
        })
        .ok_or_else(|| ApiError::not_found("Upload (clipId, uploadId and key together)"))?;
    let state = str_of(&store.uploads[index], "_state");
    if state != "open" {
        return Err(ApiError::conflict(format!(
            "The upload is already {state}."
        )));
    }
    Ok((index, clip, upload))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Presign {
    #[serde(flatten)]
    upload: UploadRef,
    part_numbers: Option<Vec<i64>>,
}

async fn presign(State(app): State<App>, body: Bytes) -> ApiResult {
    let request: Presign = parse(&body)?;
    let parts = request.part_numbers.unwrap_or_default();
    if parts.is_empty() {
        return Err(ApiError::validation(
            "`partNumbers` must list at least one part.",
        ));
    }
    if let Some(bad) = parts
        .iter()
        .find(|n| !(1..=i64::from(MAX_PARTS)).contains(*n))
    {
        return Err(ApiError::validation(format!(
            "Part numbers run from 1 to {MAX_PARTS} (got {bad})."
        )));
    }
    let store = app.store();
    let (_, _, upload) = open_upload(&store, request.upload)?;
    let urls: Vec<Value> = parts
        .iter()
        .map(|n| json!({"partNumber": n, "url": app.storage_url(&format!("clips/{upload}/{n}"))}))
        .collect();
    ok(json!({"presignedUrls": urls}))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Part {
    part_number: i64,
    etag: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Complete {
    #[serde(flatten)]
    upload: UploadRef,
    parts: Option<Vec<Part>>,
}

/// Checks the parts as S3 would: numbered 1..n in order, each uploaded with exactly this
/// ETag (quotes included), and all but the last at least the minimum part size.
async fn complete(State(app): State<App>, body: Bytes) -> ApiResult {
    let request: Complete = parse(&body)?;
    let parts = request.parts.unwrap_or_default();
    if parts.is_empty() {
        return Err(ApiError::validation(
            "`parts` must list every uploaded part.",
        ));
    }
    let now = app.now();
    let mut store = app.store();
    let (index, clip_id, upload) = open_upload(&store, request.upload)?;
    let min = app.0.config.min_part_size;
    let mut total = 0_u64;
    for (position, part) in parts.iter().enumerate() {
        let expected = i64::try_from(position).unwrap_or(i64::MAX) + 1;
        if part.part_number != expected {
            return Err(ApiError::validation(format!(
                "`parts` must be numbered 1, 2, 3… in order; position {expected} has part {}.",
                part.part_number
            )));
        }
        let key = format!("clips/{upload}/{}", part.part_number);
        let object = store
            .objects
            .iter()
            .find(|o| str_of(o, "key") == key)
            .ok_or_else(|| {
                ApiError::validation(format!("Part {} was never uploaded.", part.part_number))
            })?;
        if str_of(object, "etag") != part.etag {
            return Err(ApiError::validation(format!(
                "Part {}: the ETag {} does not match the uploaded part's {}.",
                part.part_number,
                part.etag,
                str_of(object, "etag")
            )));
        }
        let size = object["size"].as_u64().unwrap_or(0);
        if position + 1 < parts.len() && size < u64::try_from(min).unwrap_or(u64::MAX) {
            return Err(ApiError::validation(format!(
                "Part {} is {size} bytes; every part but the last must be at least {min} bytes.",
                part.part_number
            )));
        }
        total += size;
    }
    if let Some(map) = store.uploads[index].as_object_mut() {
        map.insert("_state".into(), json!("completed"));
    }
    let prefix = format!("clips/{upload}/");
    store
        .objects
        .retain(|o| !str_of(o, "key").starts_with(&prefix));
    let clip = find(&store, &clip_id)?;
    if let Some(map) = store.clips[clip].as_object_mut() {
        map.insert("status".into(), json!("processing"));
        map.insert("fileSize".into(), json!(total));
        map.insert("duration".into(), json!(total / 250_000));
        map.insert("_since".into(), json!(clock::precise(now)));
    }
    store.counters.clips_uploaded += 1;
    ok(json!({"clipId": clip_id, "status": "processing"}))
}

async fn abort(State(app): State<App>, body: Bytes) -> ApiResult {
    let request: UploadRef = parse(&body)?;
    let mut store = app.store();
    let (index, clip_id, upload) = open_upload(&store, request)?;
    if let Some(map) = store.uploads[index].as_object_mut() {
        map.insert("_state".into(), json!("aborted"));
    }
    let prefix = format!("clips/{upload}/");
    store
        .objects
        .retain(|o| !str_of(o, "key").starts_with(&prefix));
    store.clips.retain(|c| str_of(c, "id") != clip_id);
    done()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Import {
    brand_slug: Option<String>,
    brand_id: Option<String>,
    url: Option<String>,
    title: Option<String>,
    name: Option<String>,
}

async fn import(State(app): State<App>, body: Bytes) -> ApiResult {
    let request: Import = parse(&body)?;
    let source = required(request.url, "url")?;
    url(&source, "url")?;
    let now = app.now();
    let mut store = app.store();
    let slug = match request.brand_slug.or(request.brand_id) {
        Some(brand) => brand_slug(&store, &brand)?,
        None => String::new(),
    };
    let name = request
        .title
        .or(request.name)
        .unwrap_or_else(|| source.rsplit('/').next().unwrap_or("clip").to_owned());
    let id = new_clip(&mut store, &slug, &name, 0, "processing", now);
    store.counters.clips_uploaded += 1;
    ok(json!({"clipId": id, "status": "processing"}))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Check {
    clip_id: Option<String>,
    candidate_id: Option<String>,
}

async fn check(State(app): State<App>, body: Bytes) -> ApiResult {
    let request: Check = parse(&body)?;
    let clip = required(request.clip_id, "clipId")?;
    required(request.candidate_id, "candidateId")?;
    let store = app.store();
    find(&store, &clip)?;
    if store.credits.balance < RENDER_CREDITS {
        return Err(ApiError::credits(RENDER_CREDITS, store.credits.balance));
    }
    ok(json!({}))
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Render {
    candidate_id: Option<String>,
    template: Option<String>,
    captions: Option<bool>,
}

async fn render(State(app): State<App>, Path(id): Path<String>, body: Bytes) -> ApiResult {
    let request: Render = parse_or_default(&body)?;
    let at = app.now();
    let now = clock::format(at);
    let mut store = app.store();
    let index = find(&store, &id)?;
    let status = str_of(&store.clips[index], "status").to_owned();
    if status != "ready" {
        return Err(ApiError::conflict(format!(
            "The clip is `{status}`; only a ready clip can be rendered."
        )));
    }
    let candidate = request.candidate_id.unwrap_or_else(|| "cand_01".into());
    let known = store.clips[index]["candidates"]
        .as_array()
        .is_some_and(|list| list.iter().any(|c| str_of(c, "id") == candidate));
    if !known {
        return Err(ApiError::not_found(&format!("Candidate `{candidate}`")));
    }
    if store.credits.balance < RENDER_CREDITS {
        return Err(ApiError::credits(RENDER_CREDITS, store.credits.balance));
    }
    let job = store.id("job");
    store.jobs.push(json!({
        "jobId": job, "status": "queued", "estimatedDurationSec": 120, "candidateId": candidate,
        "template": request.template.unwrap_or_else(|| "default".into()), "captions": request.captions.unwrap_or(true),
        "createdAt": now, "_clipId": id, "_since": clock::precise(at), "_cost": RENDER_CREDITS,
    }));
    ok(json!({"jobId": job, "status": "queued", "estimatedDurationSec": 120}))
}

async fn jobs(State(app): State<App>, Path(id): Path<String>) -> ApiResult {
    let store = app.store();
    find(&store, &id)?;
    let jobs: Vec<Value> = store
        .jobs
        .iter()
        .filter(|j| str_of(j, "_clipId") == id)
        .map(public)
        .collect();
    ok(Value::Array(jobs))
}
