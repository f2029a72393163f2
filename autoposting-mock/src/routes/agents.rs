//! Agents and their runs: a triggered run goes queued → running → completed (or failed when
//! its brand is gone), writing posts and counting tokens as it finishes. An enabled agent with
//! a schedule also gets a run at each of its fire times ([`crate::state::Store::tick`]).

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::routing::{get, post};
use chrono::{DateTime, NaiveTime, Utc};
use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::{platform, required};
use crate::clock;
use crate::envelope::{ApiError, ApiResult, done, ok, parse};
use crate::server::App;
use crate::state::{Paging, Store, page, public, str_of};

pub(crate) fn routes() -> Router<App> {
    Router::new()
        .route("/agents", get(list).post(create))
        .route("/agents/{agent_id}", get(one).patch(update).delete(remove))
        .route("/agents/{agent_id}/run", post(trigger))
        .route("/agents/{agent_id}/toggle", post(toggle))
        .route("/agents/{agent_id}/stats", get(stats))
        .route("/agents/{agent_id}/outputs", get(outputs))
        .route("/agents/{agent_id}/runs", get(runs))
        .route("/agents/{agent_id}/runs/{run_id}", get(run))
}

const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CreateAgent {
    name: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    brand_slug: Option<String>,
    kb_id: Option<String>,
    knowledge_base_id: Option<String>,
    frequency: Option<String>,
    weekday: Option<String>,
    time: Option<String>,
    timezone: Option<String>,
    platforms: Option<Vec<String>>,
    posts_per_run: Option<i64>,
    auto_publish: Option<bool>,
    prompt: Option<String>,
    instructions: Option<String>,
    schedule: Option<String>,
}

/// The cron line of a frequency (`manual` has none).
fn cron(frequency: &str, time: &str, weekday: &str) -> Result<String, ApiError> {
    let at = NaiveTime::parse_from_str(time, "%H:%M")
        .map_err(|_| ApiError::validation(format!("`time` must be HH:MM, 24 h (got `{time}`).")))?;
    let (hour, minute) = (chrono::Timelike::hour(&at), chrono::Timelike::minute(&at));
    match frequency {
        "manual" => Ok("manual".into()),
        "daily" => Ok(format!("{minute} {hour} * * *")),
        "weekly" => {
            let day = WEEKDAYS.iter().position(|d| *d == weekday).ok_or_else(|| {
                ApiError::validation(format!(
                    "`weekday` must be one of mon..sun (got `{weekday}`)."
                ))
            })?;
            Ok(format!("{minute} {hour} * * {}", (day + 1) % 7))
        }
        other => Err(ApiError::validation(format!(
            "`frequency` must be manual, daily or weekly (got `{other}`)."
        ))),
    }
}

/// The next instant a cron line of [`cron`]'s form fires after `now` (UTC), as the API
/// shows it (`null` for `manual` or a line the server cannot read).
fn next_run(schedule: &str, now: DateTime<Utc>) -> Value {
    crate::state::next_fire(schedule, now).map_or(Value::Null, |at| json!(clock::format(at)))
}

fn find(store: &Store, id: &str) -> Result<usize, ApiError> {
    store
        .agents
        .iter()
        .position(|a| str_of(a, "id") == id)
        .ok_or_else(|| ApiError::not_found("Agent"))
}

fn shown(agent: &Value, now: DateTime<Utc>) -> Value {
    let mut agent = public(agent);
    let next = if agent["enabled"] == json!(true) {
        next_run(str_of(&agent, "schedule"), now)
    } else {
        Value::Null
    };
    if let Some(map) = agent.as_object_mut() {
        map.insert("nextRunAt".into(), next);
    }
    agent
}

async fn create(State(app): State<App>, body: Bytes) -> ApiResult {
    let request: CreateAgent = parse(&body)?;
    let name = required(request.name, "name")?;
    let kind = request.kind.unwrap_or_else(|| "publish".into());
    if !matches!(kind.as_str(), "publish" | "research") {
        return Err(ApiError::validation(format!(
            "`type` must be publish or research (got `{kind}`)."
        )));
    }
    let posts_per_run = request.posts_per_run.unwrap_or(1);
    if !(1..=50).contains(&posts_per_run) {
        return Err(ApiError::validation(format!(
            "`postsPerRun` must be between 1 and 50 (got {posts_per_run})."
        )));
    }
    let platforms = request.platforms.unwrap_or_default();
    for name in &platforms {
        platform(name, "platforms")?;
    }
    let schedule = match request.schedule {
        Some(schedule) => schedule,
        None => cron(
            request.frequency.as_deref().unwrap_or("manual"),
            request.time.as_deref().unwrap_or("09:00"),
            request.weekday.as_deref().unwrap_or("mon"),
        )?,
    };
    let instructions = request.instructions.or(request.prompt).unwrap_or_default();
    let now = app.now();
    let mut store = app.store();
    let brand = request.brand_slug.unwrap_or_default();
    if !brand.is_empty() && store.brand(&brand).is_none() {
        return Err(ApiError::not_found(&format!("Brand `{brand}`")));
    }
    let kb = request.kb_id.or(request.knowledge_base_id);
    if let Some(kb) = &kb
        && !store.kbs.iter().any(|k| str_of(k, "id") == kb)
    {
        return Err(ApiError::not_found(&format!("Knowledge base `{kb}`")));
    }
    let id = store.id("agent");
    let stamp = clock::format(now);
    let agent = json!({
        "id": id, "name": name, "brandSlug": brand, "platforms": platforms, "schedule": schedule,
        "enabled": true, "autoPublish": request.auto_publish.unwrap_or(false), "instructions": instructions,
        "knowledgeBaseId": kb, "postsPerRun": posts_per_run, "lastRunAt": null, "nextRunAt": null,
        "createdAt": stamp, "updatedAt": stamp,
        "_type": kind, "_timezone": request.timezone.unwrap_or_else(|| "UTC".into()),
        "_cronFrom": clock::precise(now),
    });
    store.agents.push(agent.clone());
    ok(shown(&agent, now))
}

async fn list(State(app): State<App>, Query(paging): Query<Paging>) -> ApiResult {
    let (limit, offset) = paging.checked()?;
    let now = app.now();
    let store = app.store();
    let all = store.agents.iter().map(|a| shown(a, now)).collect();
    let (items, total) = page(all, limit, offset);
    ok(json!({"items": items, "total": total, "limit": limit, "offset": offset}))
}

async fn one(State(app): State<App>, Path(id): Path<String>) -> ApiResult {
    let now = app.now();
    let store = app.store();
    let index = find(&store, &id)?;
    ok(shown(&store.agents[index], now))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UpdateAgent {
    name: Option<String>,
    schedule: Option<String>,
    platforms: Option<Vec<String>>,
    instructions: Option<String>,
    prompt: Option<String>,
    auto_publish: Option<bool>,
    posts_per_run: Option<i64>,
    enabled: Option<bool>,
    frequency: Option<String>,
    time: Option<String>,
    weekday: Option<String>,
}

async fn update(State(app): State<App>, Path(id): Path<String>, body: Bytes) -> ApiResult {
    let request: UpdateAgent = parse(&body)?;
    let mut patch = Map::new();
    if let Some(name) = request.name {
        patch.insert("name".into(), json!(required(Some(name), "name")?));
    }
    if let Some(platforms) = request.platforms {
        for name in &platforms {
            platform(name, "platforms")?;
        }
        patch.insert("platforms".into(), json!(platforms));
    }
    if let Some(text) = request.instructions.or(request.prompt) {
        patch.insert("instructions".into(), json!(text));
    }
    if let Some(auto) = request.auto_publish {
        patch.insert("autoPublish".into(), json!(auto));
    }
    if let Some(enabled) = request.enabled {
        patch.insert("enabled".into(), json!(enabled));
    }
    if let Some(n) = request.posts_per_run {
        if !(1..=50).contains(&n) {
            return Err(ApiError::validation(format!(
                "`postsPerRun` must be between 1 and 50 (got {n})."
            )));
        }
        patch.insert("postsPerRun".into(), json!(n));
    }
    if let Some(schedule) = request.schedule {
        patch.insert("schedule".into(), json!(schedule));
    } else if let Some(frequency) = request.frequency {
        let schedule = cron(
            &frequency,
            request.time.as_deref().unwrap_or("09:00"),
            request.weekday.as_deref().unwrap_or("mon"),
        )?;
        patch.insert("schedule".into(), json!(schedule));
    }
    let now = app.now();
    patch.insert("updatedAt".into(), json!(clock::format(now)));
    if patch.contains_key("schedule") || patch.contains_key("enabled") {
        // A new schedule, or a pause lifted, counts its fire times from now on.
        patch.insert("_cronFrom".into(), json!(clock::precise(now)));
    }
    let mut store = app.store();
    let index = find(&store, &id)?;
    crate::state::merge(&mut store.agents[index], &patch);
    ok(shown(&store.agents[index], now))
}

async fn remove(State(app): State<App>, Path(id): Path<String>) -> ApiResult {
    let mut store = app.store();
    let index = find(&store, &id)?;
    store.agents.remove(index);
    done()
}

async fn trigger(State(app): State<App>, Path(id): Path<String>) -> ApiResult {
    let now = app.now();
    let mut store = app.store();
    let index = find(&store, &id)?;
    if store.agents[index]["enabled"] != json!(true) {
        return Err(ApiError::conflict(
            "The agent is paused; toggle it on before running it.",
        ));
    }
    let run_id = store.id("run");
    let stamp = clock::format(now);
    store.runs.push(json!({
        "id": run_id, "agentId": id, "status": "queued", "postsGenerated": 0, "tokensUsed": 0,
        "error": null, "startedAt": stamp, "completedAt": null, "_since": clock::precise(now),
    }));
    ok(json!({"runId": run_id, "status": "queued"}))
}

async fn toggle(State(app): State<App>, Path(id): Path<String>) -> ApiResult {
    let now = app.now();
    let mut store = app.store();
    let index = find(&store, &id)?;
    let agent = &mut store.agents[index];
    let enabled = agent["enabled"] == json!(true);
    if let Some(map) = agent.as_object_mut() {
        map.insert("enabled".into(), json!(!enabled));
        map.insert("updatedAt".into(), json!(clock::format(now)));
        map.insert("_cronFrom".into(), json!(clock::precise(now)));
    }
    ok(shown(agent, now))
}

async fn stats(State(app): State<App>, Path(id): Path<String>) -> ApiResult {
    let store = app.store();
    let index = find(&store, &id)?;
    let runs: Vec<&Value> = store
        .runs
        .iter()
        .filter(|r| str_of(r, "agentId") == id)
        .collect();
    let count = |status: &str| {
        runs.iter()
            .filter(|r| str_of(r, "status") == status)
            .count()
    };
    let sum = |key: &str| runs.iter().filter_map(|r| r[key].as_u64()).sum::<u64>();
    ok(json!({
        "totalRuns": runs.len(), "completedRuns": count("completed"), "failedRuns": count("failed"),
        "postsGenerated": sum("postsGenerated"), "tokensUsed": sum("tokensUsed"),
        "lastRunAt": store.agents[index]["lastRunAt"],
    }))
}

async fn outputs(
    State(app): State<App>,
    Path(id): Path<String>,
    Query(paging): Query<Paging>,
) -> ApiResult {
    let (limit, offset) = paging.checked()?;
    let store = app.store();
    find(&store, &id)?;
    let runs: Vec<&str> = store
        .runs
        .iter()
        .filter(|r| str_of(r, "agentId") == id)
        .map(|r| str_of(r, "id"))
        .collect();
    let posts: Vec<Value> = store
        .posts
        .iter()
        .filter(|p| runs.contains(&str_of(p, "_runId")))
        .map(|p| {
            json!({
                "id": p["id"], "runId": p["_runId"], "brandSlug": p["brandSlug"], "text": p["text"],
                "platforms": p["platforms"], "status": p["status"], "scheduledAt": p["scheduledAt"],
                "publishedAt": p["publishedAt"], "createdAt": p["createdAt"],
            })
        })
        .collect();
    let (items, total) = page(posts, limit, offset);
    ok(json!({"items": items, "total": total, "limit": limit, "offset": offset}))
}

async fn runs(
    State(app): State<App>,
    Path(id): Path<String>,
    Query(paging): Query<Paging>,
) -> ApiResult {
    let (limit, offset) = paging.checked()?;
    let store = app.store();
    let runs: Vec<Value> = store
        .runs
        .iter()
        .filter(|r| str_of(r, "agentId") == id)
        .map(|r| json!({
            "id": r["id"], "agentId": r["agentId"], "status": r["status"], "postsGenerated": r["postsGenerated"],
            "startedAt": r["startedAt"], "completedAt": r["completedAt"],
        }))
        .collect();
    if runs.is_empty() && !store.agents.iter().any(|a| str_of(a, "id") == id) {
        return Err(ApiError::not_found("Agent"));
    }
    let (items, total) = page(runs, limit, offset);
    ok(json!({"runs": items, "total": total}))
}

async fn run(
    State(app): State<App>,
    Path((agent_id, run_id)): Path<(String, String)>,
) -> ApiResult {
    let store = app.store();
    let run = store
        .runs
        .iter()
        .find(|r| str_of(r, "agentId") == agent_id && str_of(r, "id") == run_id)
        .ok_or_else(|| ApiError::not_found("Run"))?;
    ok(public(run))
}
