//! Posts: create, list, edit, schedule, publish, retry; the lifecycle itself runs in
//! [`crate::state::Store::tick`]. Also media uploads.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::routing::{get, post, put};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{multipart_file, platform, required};
use crate::clock;
use crate::envelope::{ApiError, ApiResult, done, ok, parse};
use crate::server::App;
use crate::state::{Paging, Store, public, str_of, text_limit};

pub(crate) fn routes() -> Router<App> {
    Router::new()
        .route("/posts", post(create).get(list))
        .route("/posts/{post_id}", get(one).put(update).delete(remove))
        .route("/posts/{post_id}/score", post(score))
        .route("/posts/{post_id}/publish", post(publish))
        .route("/posts/{post_id}/schedule", put(schedule))
        .route("/posts/{post_id}/retry", post(retry))
        .route("/posts/{post_id}/rewrite", post(rewrite))
        .route("/media/presign", post(presign))
        .route("/media/upload", post(upload))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CreatePost {
    brand_slug: Option<String>,
    text: Option<String>,
    platforms: Option<Vec<String>>,
    scheduled_at: Option<String>,
    media: Option<Vec<Value>>,
    thread: Option<Vec<String>>,
    poll: Option<Value>,
    draft: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct UpdatePost {
    text: Option<String>,
    platforms: Option<Vec<String>>,
    scheduled_at: Option<String>,
    media: Option<Vec<Value>>,
}

/// Checks the text (and thread parts) against every target platform's limit.
fn check_text(text: &str, platforms: &[String], thread: Option<&[String]>) -> Result<(), ApiError> {
    for name in platforms {
        platform(name, "platforms")?;
        let limit = text_limit(name).unwrap_or(usize::MAX);
        let length = text.chars().count();
        if length > limit {
            return Err(ApiError::validation(format!(
                "`text` is {length} characters; {name} allows at most {limit}."
            )));
        }
        for (index, part) in thread.unwrap_or_default().iter().enumerate() {
            let length = part.chars().count();
            if length > limit {
                return Err(ApiError::validation(format!(
                    "`thread[{index}]` is {length} characters; {name} allows at most {limit}."
                )));
            }
        }
    }
    if let Some(thread) = thread
        && thread.len() > 25
    {
        return Err(ApiError::validation("`thread` has more than 25 parts."));
    }
    Ok(())
}

fn check_poll(poll: Option<&Value>) -> Result<(), ApiError> {
    let Some(poll) = poll else { return Ok(()) };
    let options = poll
        .get("options")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    if !(2..=4).contains(&options) {
        return Err(ApiError::validation(format!(
            "`poll.options` must have 2 to 4 options (got {options})."
        )));
    }
    Ok(())
}

fn pending_results(platforms: &[String]) -> Value {
    platforms
        .iter()
        .map(|p| json!({"platform": p, "status": "pending", "error": null, "url": null, "publishedAt": null}))
        .collect()
}

fn find(store: &Store, id: &str) -> Result<usize, ApiError> {
    store
        .posts
        .iter()
        .position(|p| str_of(p, "id") == id)
        .ok_or_else(|| ApiError::not_found("Post"))
}

fn future(
    text: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<chrono::DateTime<chrono::Utc>, ApiError> {
    clock::parse(text)
        .ok_or_else(|| {
            ApiError::validation(format!(
                "`scheduledAt` is not an ISO 8601 date-time: `{text}`."
            ))
        })
        .and_then(|at| {
            if at <= now {
                Err(ApiError::validation(format!(
                    "`scheduledAt` must be in the future (got {text}, now {}).",
                    clock::format(now)
                )))
            } else {
                Ok(at)
            }
        })
}

async fn create(State(app): State<App>, body: Bytes) -> ApiResult {
    let request: CreatePost = parse(&body)?;
    let slug = required(request.brand_slug, "brandSlug")?;
    let text = request.text.unwrap_or_default();
    let media = request.media.unwrap_or_default();
    if text.trim().is_empty() && media.is_empty() {
        return Err(ApiError::validation("`text` is required (or `media`)."));
    }
    let platforms = request.platforms.unwrap_or_default();
    if platforms.is_empty() {
        return Err(ApiError::validation(
            "`platforms` must name at least one platform.",
        ));
    }
    check_text(&text, &platforms, request.thread.as_deref())?;
    check_poll(request.poll.as_ref())?;
    let now = app.now();
    let scheduled = match request.scheduled_at.as_deref() {
        Some(at) => Some(future(at, now)?),
        None => None,
    };
    let mut store = app.store();
    let quiet = store.quiet_until;
    if store.brand(&slug).is_none() {
        return Err(ApiError::not_found(&format!("Brand `{slug}`")));
    }
    let id = store.id("post");
    let stamp = clock::format(now);
    let status = match (request.draft, scheduled) {
        (Some(true), _) => "draft",
        (_, Some(_)) => "scheduled",
        (_, None) => "validating",
    };
    let post = json!({
        "id": id, "brandSlug": slug, "text": text, "platforms": platforms, "status": status,
        "scheduledAt": scheduled.map(clock::format), "publishedAt": null,
        "createdAt": stamp, "updatedAt": stamp, "media": media, "score": null, "source": "api",
        "platformResults": pending_results(&platforms),
        "thread": request.thread, "poll": request.poll, "_since": clock::precise(now),
    });
    store.posts.push(post.clone());
    if status == "scheduled" {
        store.emit(
            now,
            "post.scheduled",
            json!({"postId": id, "brandSlug": slug, "scheduledAt": post["scheduledAt"]}),
        );
    }
    // Only this post was added: the next tick need not look at every post again.
    let due = match status {
        "scheduled" => scheduled,
        "validating" => {
            Some(now + chrono::Duration::from_std(app.0.config.step).unwrap_or_default())
        }
        _ => None,
    };
    store.only_added(quiet, due);
    ok(public(&post))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ListQuery {
    brand_slug: Option<String>,
    status: Option<String>,
    limit: Option<i64>,
    offset: Option<i64>,
}

async fn list(State(app): State<App>, Query(query): Query<ListQuery>) -> ApiResult {
    let (limit, offset) = Paging {
        limit: query.limit,
        offset: query.offset,
    }
    .checked()?;
    let store = app.store();
    let matching: Vec<&Value> = store
        .posts
        .iter()
        .filter(|p| {
            query
                .brand_slug
                .as_deref()
                .is_none_or(|s| str_of(p, "brandSlug") == s)
        })
        .filter(|p| {
            query
                .status
                .as_deref()
                .is_none_or(|s| str_of(p, "status") == s)
        })
        .collect();
    let total = matching.len();
    let items: Vec<Value> = matching
        .into_iter()
        .skip(offset)
        .take(limit)
        .map(public)
        .collect();
    ok(json!({"posts": items, "total": total, "limit": limit, "offset": offset}))
}

async fn one(State(app): State<App>, Path(id): Path<String>) -> ApiResult {
    let store = app.store();
    let index = find(&store, &id)?;
    ok(public(&store.posts[index]))
}

async fn update(State(app): State<App>, Path(id): Path<String>, body: Bytes) -> ApiResult {
    let request: UpdatePost = parse(&body)?;
    let now = app.now();
    let mut store = app.store();
    let index = find(&store, &id)?;
    let post = &store.posts[index];
    let status = str_of(post, "status").to_owned();
    if !matches!(status.as_str(), "draft" | "scheduled" | "failed") {
        return Err(ApiError::conflict(format!(
            "A post that is `{status}` cannot be edited."
        )));
    }
    let text = request
        .text
        .clone()
        .unwrap_or_else(|| str_of(post, "text").to_owned());
    let platforms: Vec<String> = match &request.platforms {
        Some(p) => p.clone(),
        None => serde_json::from_value(post["platforms"].clone()).unwrap_or_default(),
    };
    if platforms.is_empty() {
        return Err(ApiError::validation(
            "`platforms` must name at least one platform.",
        ));
    }
    check_text(&text, &platforms, None)?;
    let scheduled = match request.scheduled_at.as_deref() {
        Some(at) => Some(future(at, now)?),
        None => None,
    };
    let post = &mut store.posts[index];
    let map = post
        .as_object_mut()
        .ok_or_else(|| ApiError::not_found("Post"))?;
    map.insert("text".into(), json!(text));
    if request.platforms.is_some() {
        map.insert("platformResults".into(), pending_results(&platforms));
        map.insert("platforms".into(), json!(platforms));
    }
    if let Some(media) = request.media {
        map.insert("media".into(), json!(media));
    }
    if let Some(at) = scheduled {
        map.insert("scheduledAt".into(), json!(clock::format(at)));
        if status == "scheduled" {
            map.insert("status".into(), json!("scheduled"));
        }
    }
    map.insert("updatedAt".into(), json!(clock::format(now)));
    ok(public(post))
}

async fn remove(State(app): State<App>, Path(id): Path<String>) -> ApiResult {
    let now = app.now();
    let mut store = app.store();
    let index = find(&store, &id)?;
    let post = store.posts.remove(index);
    if str_of(&post, "status") == "scheduled" {
        store.emit(
            now,
            "post.cancelled",
            json!({"postId": id, "brandSlug": post["brandSlug"]}),
        );
    }
    done()
}

async fn publish(State(app): State<App>, Path(id): Path<String>) -> ApiResult {
    let now = app.now();
    let mut store = app.store();
    let index = find(&store, &id)?;
    let status = str_of(&store.posts[index], "status").to_owned();
    if !matches!(status.as_str(), "draft" | "scheduled") {
        return Err(ApiError::conflict(format!(
            "Only a draft or scheduled post can be published now; this one is `{status}`."
        )));
    }
    let stamp = clock::format(now);
    let post = &mut store.posts[index];
    if let Some(map) = post.as_object_mut() {
        map.insert("status".into(), json!("validating"));
        map.insert("_since".into(), json!(clock::precise(now)));
        map.insert("updatedAt".into(), json!(stamp));
    }
    ok(public(post))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Schedule {
    scheduled_at: Option<String>,
    cancel: Option<bool>,
}

async fn schedule(State(app): State<App>, Path(id): Path<String>, body: Bytes) -> ApiResult {
    let request: Schedule = parse(&body)?;
    let now = app.now();
    if request.cancel == Some(true) {
        return unschedule(&app, &id, now);
    }
    let at = required(request.scheduled_at, "scheduledAt")?;
    let at = future(&at, now)?;
    let mut store = app.store();
    let index = find(&store, &id)?;
    let status = str_of(&store.posts[index], "status").to_owned();
    if !matches!(status.as_str(), "draft" | "scheduled" | "failed") {
        return Err(ApiError::conflict(format!(
            "A post that is `{status}` cannot be scheduled."
        )));
    }
    let slug = store.posts[index]["brandSlug"].clone();
    let post = &mut store.posts[index];
    if let Some(map) = post.as_object_mut() {
        map.insert("status".into(), json!("scheduled"));
        map.insert("scheduledAt".into(), json!(clock::format(at)));
        map.insert("updatedAt".into(), json!(clock::format(now)));
    }
    let shown = public(post);
    store.emit(
        now,
        "post.scheduled",
        json!({"postId": id, "brandSlug": slug, "scheduledAt": clock::format(at)}),
    );
    ok(shown)
}

/// `{"cancel": true}`: a scheduled post goes back to draft.
fn unschedule(app: &App, id: &str, now: chrono::DateTime<chrono::Utc>) -> ApiResult {
    let mut store = app.store();
    let index = find(&store, id)?;
    let status = str_of(&store.posts[index], "status").to_owned();
    if status != "scheduled" {
        return Err(ApiError::conflict(format!(
            "Only a scheduled post can be unscheduled; this one is `{status}`."
        )));
    }
    let slug = store.posts[index]["brandSlug"].clone();
    let post = &mut store.posts[index];
    if let Some(map) = post.as_object_mut() {
        map.insert("status".into(), json!("draft"));
        map.insert("scheduledAt".into(), Value::Null);
        map.insert("updatedAt".into(), json!(clock::format(now)));
    }
    let shown = public(post);
    store.emit(
        now,
        "post.cancelled",
        json!({"postId": id, "brandSlug": slug}),
    );
    ok(shown)
}

async fn retry(State(app): State<App>, Path(id): Path<String>) -> ApiResult {
    let now = app.now();
    let mut store = app.store();
    let index = find(&store, &id)?;
    let status = str_of(&store.posts[index], "status").to_owned();
    if !matches!(status.as_str(), "failed" | "partial") {
        return Err(ApiError::conflict(format!(
            "Only a failed or partial post can be retried; this one is `{status}`."
        )));
    }
    let stamp = clock::format(now);
    let post = &mut store.posts[index];
    if let Some(map) = post.as_object_mut() {
        if let Some(Value::Array(results)) = map.get_mut("platformResults") {
            for result in results
                .iter_mut()
                .filter(|r| str_of(r, "status") == "failed")
            {
                if let Some(r) = result.as_object_mut() {
                    r.insert("status".into(), json!("pending"));
                    r.insert("error".into(), Value::Null);
                }
            }
        }
        map.insert("status".into(), json!("validating"));
        map.insert("_since".into(), json!(clock::precise(now)));
        map.insert("updatedAt".into(), json!(stamp));
    }
    ok(public(post))
}

async fn rewrite(State(app): State<App>, Path(id): Path<String>) -> ApiResult {
    let now = app.now();
    let mut store = app.store();
    let index = find(&store, &id)?;
    let post = &store.posts[index];
    let limit = post["platforms"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p.as_str().and_then(text_limit))
        .min()
        .unwrap_or(280);
    let rewritten: String = format!("✨ {}", str_of(post, "text"))
        .chars()
        .take(limit)
        .collect();
    store.use_tokens("postRewrite", 300, now);
    let post = &mut store.posts[index];
    if let Some(map) = post.as_object_mut() {
        map.insert("text".into(), json!(rewritten));
        map.insert("updatedAt".into(), json!(clock::format(now)));
    }
    ok(public(post))
}

async fn score(State(app): State<App>, Path(id): Path<String>) -> ApiResult {
    let mut store = app.store();
    let index = find(&store, &id)?;
    let text = str_of(&store.posts[index], "text").to_owned();
    let length = i64::try_from(text.chars().count()).unwrap_or(i64::MAX);
    let hook = if text.contains('?') || text.contains('!') {
        85
    } else {
        65
    };
    let clarity = (100 - (length / 40)).clamp(40, 95);
    let retention = (50 + length.min(400) / 10).clamp(40, 90);
    let visual = if store.posts[index]["media"]
        .as_array()
        .is_some_and(|m| !m.is_empty())
    {
        80
    } else {
        50
    };
    let overall = (hook + clarity + retention + visual) / 4;
    if let Some(map) = store.posts[index].as_object_mut() {
        map.insert("score".into(), json!(overall));
    }
    ok(json!({
        "score": overall, "hook": hook, "retention": retention, "clarity": clarity, "visual": visual,
        "viralityScore": overall, "feedback": if hook < 80 { "Open with a question or a bold claim." } else { "Strong opening." },
    }))
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Presign {
    file_name: Option<String>,
    filename: Option<String>,
    content_type: Option<String>,
    mime_type: Option<String>,
}

async fn presign(State(app): State<App>, body: Bytes) -> ApiResult {
    let request: Presign = crate::envelope::parse_or_default(&body)?;
    let name = request
        .file_name
        .or(request.filename)
        .unwrap_or_else(|| "upload.bin".into());
    let kind = request
        .content_type
        .or(request.mime_type)
        .unwrap_or_else(|| "application/octet-stream".into());
    if !(kind.starts_with("image/")
        || kind.starts_with("video/")
        || kind == "application/octet-stream")
    {
        return Err(ApiError::validation(format!(
            "Media must be an image or a video (got `{kind}`)."
        )));
    }
    let mut store = app.store();
    let id = store.id("media");
    let key = format!("media/{id}/{name}");
    let upload_url = app.storage_url(&key);
    let url = format!("{}/__storage/{key}", app.0.base_url);
    store
        .media
        .push(json!({"id": id, "key": key, "url": url, "type": kind}));
    ok(json!({"uploadUrl": upload_url, "url": url, "key": key, "expiresIn": 3600}))
}

async fn upload(State(app): State<App>, headers: HeaderMap, body: Bytes) -> ApiResult {
    let (_, filename, kind, size) = multipart_file(&headers, &body)?;
    let media_type = if kind.starts_with("image/") {
        "image"
    } else if kind.starts_with("video/") {
        "video"
    } else {
        return Err(ApiError::validation(format!(
            "`file` must be an image or a video (got `{kind}`)."
        )));
    };
    let limit = app.0.config.max_upload;
    if size > limit {
        return Err(ApiError::new(
            axum::http::StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            format!("`file` is larger than the limit of {limit} bytes."),
        ));
    }
    let mut store = app.store();
    let id = store.id("media");
    let url = format!("{}/__storage/media/{id}/{filename}", app.0.base_url);
    store.media.push(
        json!({"id": id, "url": url, "type": media_type, "filename": filename, "size": size}),
    );
    ok(json!({"url": url, "type": media_type, "filename": filename}))
}
