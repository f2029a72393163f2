//! Webhook endpoints. Deliveries themselves are in [`crate::delivery`]; `test` sends a
//! `webhook.test` at once and answers how it went.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::{required, url};
use crate::clock;
use crate::envelope::{ApiError, ApiResult, done, ok, parse};
use crate::server::App;
use crate::state::{Store, public, str_of};

pub(crate) fn routes() -> Router<App> {
    Router::new()
        .route("/webhooks", get(list).post(create))
        .route(
            "/webhooks/{webhook_id}",
            axum::routing::patch(update).delete(remove),
        )
        .route("/webhooks/{webhook_id}/test", post(test))
}

const EVENTS: [&str; 11] = [
    "post.published",
    "post.partial",
    "post.failed",
    "post.scheduled",
    "post.cancelled",
    "clip.render.completed",
    "clip.render.failed",
    "agent.run.completed",
    "agent.run.failed",
    "token.expired",
    "*",
];

fn check_events(events: &[String]) -> Result<(), ApiError> {
    if events.is_empty() {
        return Err(ApiError::validation(
            "`events` must name at least one event (or `*`).",
        ));
    }
    match events.iter().find(|e| !EVENTS.contains(&e.as_str())) {
        Some(bad) => Err(ApiError::validation(format!(
            "`events`: unknown event `{bad}`."
        ))),
        None => Ok(()),
    }
}

#[derive(Deserialize)]
struct CreateWebhook {
    url: Option<String>,
    events: Option<Vec<String>>,
    secret: Option<String>,
    enabled: Option<bool>,
    name: Option<String>,
}

/// A secret given by the caller is kept and not echoed (the reference); without one, the
/// server makes one and shows it this once (the concept page).
async fn create(State(app): State<App>, body: Bytes) -> ApiResult {
    let request: CreateWebhook = parse(&body)?;
    let target = required(request.url, "url")?;
    url(&target, "url")?;
    let events = request.events.unwrap_or_default();
    check_events(&events)?;
    let now = clock::format(app.now());
    let mut store = app.store();
    let id = store.id("wh");
    let (secret, generated) = match request.secret {
        Some(secret) if !secret.is_empty() => (secret, false),
        _ => (format!("whsec_{}", Store::random(32)), true),
    };
    let hook = json!({
        "id": id, "url": target, "events": events, "enabled": request.enabled.unwrap_or(true),
        "createdAt": now, "_secret": secret, "_name": request.name,
    });
    store.webhooks.push(hook.clone());
    let mut shown = public(&hook);
    if generated && let Some(map) = shown.as_object_mut() {
        map.insert("secret".into(), json!(secret));
    }
    ok(shown)
}

async fn list(State(app): State<App>) -> ApiResult {
    let store = app.store();
    ok(Value::Array(store.webhooks.iter().map(public).collect()))
}

#[derive(Deserialize)]
struct UpdateWebhook {
    url: Option<String>,
    events: Option<Vec<String>>,
    secret: Option<String>,
    enabled: Option<bool>,
}

async fn update(State(app): State<App>, Path(id): Path<String>, body: Bytes) -> ApiResult {
    let request: UpdateWebhook = parse(&body)?;
    let mut patch = Map::new();
    if let Some(target) = request.url {
        url(&target, "url")?;
        patch.insert("url".into(), json!(target));
    }
    if let Some(events) = request.events {
        check_events(&events)?;
        patch.insert("events".into(), json!(events));
    }
    if let Some(secret) = request.secret {
        patch.insert("_secret".into(), json!(required(Some(secret), "secret")?));
    }
    if let Some(enabled) = request.enabled {
        patch.insert("enabled".into(), json!(enabled));
        if enabled {
            patch.insert("_failures".into(), json!(0));
        }
    }
    let mut store = app.store();
    let hook = store
        .webhooks
        .iter_mut()
        .find(|h| str_of(h, "id") == id)
        .ok_or_else(|| ApiError::not_found("Webhook"))?;
    crate::state::merge(hook, &patch);
    ok(public(hook))
}

async fn remove(State(app): State<App>, Path(id): Path<String>) -> ApiResult {
    let mut store = app.store();
    let before = store.webhooks.len();
    store.webhooks.retain(|h| str_of(h, "id") != id);
    if store.webhooks.len() == before {
        return Err(ApiError::not_found("Webhook"));
    }
    store.outbox.retain(|p| p.webhook_id != id);
    done()
}

async fn test(State(app): State<App>, Path(id): Path<String>) -> ApiResult {
    let now = app.now();
    let (target, secret, event_id, body) = {
        let mut store = app.store();
        let hook = store
            .webhooks
            .iter()
            .find(|h| str_of(h, "id") == id)
            .ok_or_else(|| ApiError::not_found("Webhook"))?;
        let (target, secret) = (
            str_of(hook, "url").to_owned(),
            str_of(hook, "_secret").to_owned(),
        );
        let event_id = store.id("evt");
        let body = json!({
            "id": event_id, "event": "webhook.test", "timestamp": clock::format(now),
            "orgId": Store::ORG_ID, "data": {"webhookId": id, "message": "This is a test delivery."},
        })
        .to_string();
        (target, secret, event_id, body)
    };
    let status =
        crate::delivery::send(&app, &target, &secret, &event_id, "webhook.test", &body).await;
    let delivered = status.is_some_and(|s| (200..300).contains(&s));
    app.raw_store()
        .attempts
        .push(crate::state::DeliveryAttempt {
            id: event_id,
            webhook_id: id,
            event: "webhook.test".into(),
            attempt: 1,
            status,
            delivered,
        });
    ok(json!({"delivered": delivered, "httpStatus": status}))
}
