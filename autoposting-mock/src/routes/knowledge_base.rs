//! Knowledge bases (building → active as documents are ingested), their documents (URL
//! ingest, or upload to this server's storage then complete), search, and ideas.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::routing::{delete, get, post};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{required, url};
use crate::clock;
use crate::envelope::{ApiError, ApiResult, done, ok, parse, parse_or_default};
use crate::server::App;
use crate::state::{Paging, Store, page, public, str_of};

pub(crate) fn routes() -> Router<App> {
    Router::new()
        .route("/kbs", get(list).post(create))
        .route("/kbs/{kb_id}", get(one).delete(remove))
        .route("/kbs/{kb_id}/docs", get(docs))
        .route("/kbs/{kb_id}/docs/ingest-url", post(ingest))
        .route("/kbs/{kb_id}/search", post(search_post))
        .route("/kb/{kb_id}/search", get(search_get))
        .route("/kb/{kb_id}/docs/upload", post(start_upload))
        .route("/kb/{kb_id}/docs/complete", post(complete_upload))
        .route("/ideas", get(ideas))
        .route("/ideas/generate-topic", post(generate))
        .route("/ideas/enrich", post(enrich))
        .route("/ideas/{idea_id}", delete(remove_idea))
}

const GENERATE_CREDITS: i64 = 5;

fn find(store: &Store, id: &str) -> Result<usize, ApiError> {
    store
        .kbs
        .iter()
        .position(|k| str_of(k, "id") == id || str_of(k, "slug") == id)
        .ok_or_else(|| ApiError::not_found("Knowledge base"))
}

#[derive(Deserialize)]
struct CreateKb {
    name: Option<String>,
    slug: Option<String>,
    description: Option<String>,
}

async fn create(State(app): State<App>, body: Bytes) -> ApiResult {
    let request: CreateKb = parse(&body)?;
    let name = required(request.name, "name")?;
    let at = app.now();
    let now = clock::format(at);
    let since = clock::precise(at);
    let mut store = app.store();
    if let Some(slug) = &request.slug
        && store.kbs.iter().any(|k| str_of(k, "slug") == slug)
    {
        return Err(ApiError::conflict(format!(
            "A knowledge base with the slug `{slug}` already exists."
        )));
    }
    let id = store.id("kb");
    let kb = json!({
        "id": id, "name": name, "slug": request.slug, "description": request.description.unwrap_or_default(),
        "status": "building", "errorMessage": null, "docCount": 0, "createdAt": now, "updatedAt": now,
        "_since": since,
    });
    store.kbs.push(kb.clone());
    ok(public(&kb))
}

async fn list(State(app): State<App>) -> ApiResult {
    let store = app.store();
    ok(Value::Array(store.kbs.iter().map(public).collect()))
}

async fn one(State(app): State<App>, Path(id): Path<String>) -> ApiResult {
    let store = app.store();
    let index = find(&store, &id)?;
    ok(public(&store.kbs[index]))
}

async fn remove(State(app): State<App>, Path(id): Path<String>) -> ApiResult {
    let mut store = app.store();
    let index = find(&store, &id)?;
    let kb = store.kbs.remove(index);
    store.kb_docs.retain(|d| d["kbId"] != kb["id"]);
    done()
}

async fn docs(State(app): State<App>, Path(id): Path<String>) -> ApiResult {
    let store = app.store();
    let index = find(&store, &id)?;
    let kb = &store.kbs[index]["id"];
    ok(Value::Array(
        store
            .kb_docs
            .iter()
            .filter(|d| &d["kbId"] == kb)
            .map(public)
            .collect(),
    ))
}

/// Adds a document (processing) and puts its knowledge base back to building.
fn add_doc(
    store: &mut Store,
    index: usize,
    name: &str,
    kind: &str,
    at: chrono::DateTime<chrono::Utc>,
) -> Value {
    let (now, since) = (clock::format(at), clock::precise(at));
    let kb_id = store.kbs[index]["id"].clone();
    let id = store.id("doc");
    let doc = json!({"id": id, "kbId": kb_id, "name": name, "type": kind, "status": "processing", "createdAt": now, "_since": since});
    store.kb_docs.push(doc.clone());
    let count = store.kb_docs.iter().filter(|d| d["kbId"] == kb_id).count();
    if let Some(map) = store.kbs[index].as_object_mut() {
        map.insert("status".into(), json!("building"));
        map.insert("docCount".into(), json!(count));
        map.insert("_since".into(), json!(since));
        map.insert("updatedAt".into(), json!(now));
    }
    public(&doc)
}

#[derive(Deserialize)]
struct Ingest {
    url: Option<String>,
    label: Option<String>,
}

async fn ingest(State(app): State<App>, Path(id): Path<String>, body: Bytes) -> ApiResult {
    let request: Ingest = parse(&body)?;
    let source = required(request.url, "url")?;
    url(&source, "url")?;
    let at = app.now();
    let mut store = app.store();
    let index = find(&store, &id)?;
    let name = request.label.unwrap_or_else(|| source.clone());
    ok(add_doc(&mut store, index, &name, "url", at))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct StartUpload {
    file_name: Option<String>,
    filename: Option<String>,
    content_type: Option<String>,
    mime_type: Option<String>,
}

fn doc_kind(name: &str) -> Result<&'static str, ApiError> {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".pdf") {
        Ok("pdf")
    } else if lower.ends_with(".docx") {
        Ok("docx")
    } else if lower.ends_with(".txt") || lower.ends_with(".md") {
        Ok("txt")
    } else {
        Err(ApiError::validation(format!(
            "Only PDF, DOCX and TXT documents can be added (got `{name}`)."
        )))
    }
}

async fn start_upload(State(app): State<App>, Path(id): Path<String>, body: Bytes) -> ApiResult {
    let request: StartUpload = parse(&body)?;
    let name = required(request.file_name.or(request.filename), "fileName")?;
    doc_kind(&name)?;
    let _ = request.content_type.or(request.mime_type);
    let store = app.store();
    let index = find(&store, &id)?;
    let kb = str_of(&store.kbs[index], "id").to_owned();
    let key = format!("kb/{kb}/{}/{name}", Store::random(12));
    ok(json!({"url": app.storage_url(&key), "key": key, "expiresIn": 3600}))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CompleteUpload {
    key: Option<String>,
    file_name: Option<String>,
    label: Option<String>,
}

async fn complete_upload(State(app): State<App>, Path(id): Path<String>, body: Bytes) -> ApiResult {
    let request: CompleteUpload = parse(&body)?;
    let key = required(request.key, "key")?;
    let at = app.now();
    let mut store = app.store();
    let index = find(&store, &id)?;
    if !store.objects.iter().any(|o| str_of(o, "key") == key) {
        return Err(ApiError::validation(format!(
            "Nothing was uploaded to `{key}`; PUT the file to the presigned URL first."
        )));
    }
    let name = request
        .label
        .or(request.file_name)
        .unwrap_or_else(|| key.rsplit('/').next().unwrap_or("document").to_owned());
    let kind = doc_kind(key.rsplit('/').next().unwrap_or(""))?;
    ok(add_doc(&mut store, index, &name, kind, at))
}

/// The ready documents of a knowledge base, best match for the query's words first.
fn search(app: &App, id: &str, query: &str, limit: i64) -> ApiResult {
    if query.trim().is_empty() {
        return Err(ApiError::validation("The search query must not be empty."));
    }
    if !(1..=100).contains(&limit) {
        return Err(ApiError::validation(format!(
            "`limit` must be between 1 and 100 (got {limit})."
        )));
    }
    let store = app.store();
    let index = find(&store, id)?;
    let kb = &store.kbs[index]["id"];
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    let mut hits: Vec<(f64, Value)> = store
        .kb_docs
        .iter()
        .filter(|d| &d["kbId"] == kb && str_of(d, "status") == "ready")
        .map(|d| {
            let name = str_of(d, "name").to_lowercase();
            let matched = words.iter().filter(|w| name.contains(w.as_str())).count();
            #[allow(clippy::cast_precision_loss)]
            let score = 0.5 + 0.5 * matched as f64 / words.len().max(1) as f64;
            let hit = json!({
                "kind": "resource", "uri": format!("kb://{}/{}", str_of(d, "kbId"), str_of(d, "id")),
                "score": score, "content": format!("An excerpt of {} about {query}.", str_of(d, "name")),
                "matchReason": if matched > 0 { "keyword" } else { "semantic" },
                "documentId": d["id"], "documentName": d["name"],
            });
            (score, hit)
        })
        .collect();
    hits.sort_by(|a, b| b.0.total_cmp(&a.0));
    let results: Vec<Value> = hits
        .into_iter()
        .take(usize::try_from(limit).unwrap_or(5))
        .map(|(_, h)| h)
        .collect();
    ok(json!({"query": query, "limit": limit, "total": results.len(), "results": results}))
}

#[derive(Deserialize)]
struct SearchBody {
    query: Option<String>,
    limit: Option<i64>,
}

async fn search_post(State(app): State<App>, Path(id): Path<String>, body: Bytes) -> ApiResult {
    let request: SearchBody = parse(&body)?;
    let query = required(request.query, "query")?;
    search(&app, &id, &query, request.limit.unwrap_or(5))
}

#[derive(Deserialize)]
struct SearchQuery {
    q: Option<String>,
    limit: Option<i64>,
}

async fn search_get(
    State(app): State<App>,
    Path(id): Path<String>,
    Query(query): Query<SearchQuery>,
) -> ApiResult {
    let q = required(query.q, "q")?;
    search(&app, &id, &q, query.limit.unwrap_or(5))
}

async fn ideas(State(app): State<App>, Query(paging): Query<Paging>) -> ApiResult {
    let (limit, offset) = paging.checked()?;
    let store = app.store();
    let (items, total) = page(store.ideas.iter().map(public).collect(), limit, offset);
    ok(json!({"items": items, "total": total, "limit": limit, "offset": offset}))
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Generate {
    kb_id: Option<String>,
    topic: Option<String>,
    count: Option<i64>,
}

async fn generate(State(app): State<App>, body: Bytes) -> ApiResult {
    let request: Generate = parse_or_default(&body)?;
    let count = request.count.unwrap_or(3);
    if !(1..=10).contains(&count) {
        return Err(ApiError::validation(format!(
            "`count` must be between 1 and 10 (got {count})."
        )));
    }
    let now = app.now();
    let stamp = clock::format(now);
    let mut store = app.store();
    let (kb_id, kb_name) = match &request.kb_id {
        Some(id) => {
            let index = find(&store, id)?;
            (
                store.kbs[index]["id"].clone(),
                store.kbs[index]["name"].clone(),
            )
        }
        None => (Value::Null, Value::Null),
    };
    let topic = request
        .topic
        .unwrap_or_else(|| "your audience's biggest question".into());
    store.spend("aiGeneration", GENERATE_CREDITS)?;
    store.use_tokens("ideaGeneration", 900, now);
    let platforms = ["linkedin", "twitter", "threads"];
    let mut generated = Vec::new();
    for n in 0..count {
        let id = store.id("idea");
        let platform = platforms[usize::try_from(n).unwrap_or(0) % platforms.len()];
        let idea = json!({
            "id": id, "kbId": kb_id, "kbName": kb_name, "topic": topic,
            "title": format!("{topic}: angle {}", n + 1), "hook": format!("What nobody tells you about {topic}."),
            "angle": "contrarian", "targetPlatform": platform, "viralityScore": 70 + n,
            "citations": [], "reasoning": "Mock idea generated from the topic.", "status": "new", "source": "topic",
            "usedAt": null, "usedPostId": null, "createdAt": stamp, "updatedAt": stamp,
        });
        store.ideas.push(idea.clone());
        generated.push(json!({
            "id": id, "title": idea["title"], "hook": idea["hook"], "angle": idea["angle"],
            "targetPlatform": platform, "viralityScore": idea["viralityScore"], "citations": [], "reasoning": idea["reasoning"],
        }));
    }
    ok(
        json!({"ideas": generated, "success": true, "degraded": false, "creditsRestored": false, "source": "topic", "topic": topic}),
    )
}

#[derive(Deserialize)]
struct Enrich {
    idea: Option<Value>,
    platforms: Option<Vec<Value>>,
}

async fn enrich(State(app): State<App>, body: Bytes) -> ApiResult {
    let request: Enrich = parse(&body)?;
    if request.idea.is_none() {
        return Err(ApiError::validation("`idea` is required."));
    }
    if request.platforms.unwrap_or_default().is_empty() {
        return Err(ApiError::validation(
            "`platforms` must name at least one platform.",
        ));
    }
    let now = app.now();
    let mut store = app.store();
    store.use_tokens("ideaGeneration", 400, now);
    let job = store.id("job");
    ok(json!({"jobId": job}))
}

async fn remove_idea(State(app): State<App>, Path(id): Path<String>) -> ApiResult {
    let mut store = app.store();
    let before = store.ideas.len();
    store.ideas.retain(|i| str_of(i, "id") != id);
    if store.ideas.len() == before {
        return Err(ApiError::not_found("Idea"));
    }
    done()
}
