//! Webhook deliveries: signed HTTP POSTs to the registered URL, retried on failure on a
//! compressed version of the documented schedule (5 min → 30 min → 2 h → 5 h → 10 h becomes
//! milliseconds), and a webhook disabled after repeated exhausted deliveries.
//!
//! Each delivery carries `X-Autoposting-Event`, `X-Autoposting-Delivery` (the event id),
//! `X-Autoposting-Timestamp` (Unix seconds) and `X-Autoposting-Signature:
//! sha256=<lowercase hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`.

use std::time::Duration;

use hmac::{Hmac, KeyInit, Mac};
use serde_json::Value;
use sha2::Sha256;

use crate::server::App;
use crate::state::{DeliveryAttempt, Pending, str_of, wall_ms};

/// How many deliveries, each with all its retries failed, disable a webhook.
const DISABLE_AFTER: u64 = 3;

/// The signature header's value for `body` sent at `timestamp` (Unix seconds).
pub fn signature(secret: &str, timestamp: u64, body: &str) -> String {
    let mut mac = match <Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes()) {
        Ok(mac) => mac,
        // HMAC takes keys of any length; this branch cannot be reached.
        Err(_) => return String::new(),
    };
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body.as_bytes());
    let digest = mac.finalize().into_bytes();
    let hex: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
    format!("sha256={hex}")
}

/// Sends one signed delivery; the receiver's status, or `None` if it could not be reached.
pub(crate) async fn send(
    app: &App,
    url: &str,
    secret: &str,
    id: &str,
    event: &str,
    body: &str,
) -> Option<u16> {
    let timestamp = wall_ms() / 1000;
    let response = app
        .http()
        .post(url)
        .header("content-type", "application/json")
        .header("user-agent", "Autoposting-Webhooks/1.0 (autoposting-mock)")
        .header("x-autoposting-event", event)
        .header("x-autoposting-delivery", id)
        .header("x-autoposting-timestamp", timestamp.to_string())
        .header(
            "x-autoposting-signature",
            signature(secret, timestamp, body),
        )
        .body(body.to_owned())
        .timeout(app.0.config.webhook_timeout)
        .send()
        .await
        .ok()?;
    Some(response.status().as_u16())
}

/// Sends every delivery that is due, and schedules the retries of those that fail.
pub(crate) async fn deliver_due(app: &App) {
    let now = wall_ms();
    let due: Vec<(Pending, Option<(String, String)>)> = {
        let mut store = app.raw_store();
        let (due, later): (Vec<Pending>, Vec<Pending>) = std::mem::take(&mut store.outbox)
            .into_iter()
            .partition(|p| p.due_ms <= now);
        store.outbox = later;
        due.into_iter()
            .map(|pending| {
                let target = store
                    .webhooks
                    .iter()
                    .find(|hook| str_of(hook, "id") == pending.webhook_id)
                    .map(|hook| {
                        (
                            str_of(hook, "url").to_owned(),
                            str_of(hook, "_secret").to_owned(),
                        )
                    });
                (pending, target)
            })
            .collect()
    };
    if due.is_empty() {
        return;
    }
    let sends = due.into_iter().map(|(pending, target)| async move {
        let status = match &target {
            Some((url, secret)) => {
                send(app, url, secret, &pending.id, &pending.event, &pending.body).await
            }
            None => None,
        };
        (pending, target.is_some(), status)
    });
    let results = futures_util::future::join_all(sends).await;
    let retries = &app.0.config.webhook_retries;
    let mut store = app.raw_store();
    for (mut pending, exists, status) in results {
        if !exists {
            continue; // the webhook was deleted meanwhile
        }
        pending.attempts += 1;
        let delivered = status.is_some_and(|s| (200..300).contains(&s));
        store.attempts.push(DeliveryAttempt {
            id: pending.id.clone(),
            webhook_id: pending.webhook_id.clone(),
            event: pending.event.clone(),
            attempt: pending.attempts,
            status,
            delivered,
        });
        let hook = store
            .webhooks
            .iter_mut()
            .find(|hook| str_of(hook, "id") == pending.webhook_id);
        if delivered {
            if let Some(map) = hook.and_then(Value::as_object_mut) {
                map.insert("_failures".into(), Value::from(0));
            }
            continue;
        }
        let index = usize::try_from(pending.attempts - 1).unwrap_or(usize::MAX);
        if let Some(wait) = retries.get(index) {
            pending.due_ms = wall_ms() + u64::try_from(wait.as_millis()).unwrap_or(u64::MAX);
            store.outbox.push(pending);
        } else if let Some(map) = hook.and_then(Value::as_object_mut) {
            let failures = map.get("_failures").and_then(Value::as_u64).unwrap_or(0) + 1;
            map.insert("_failures".into(), Value::from(failures));
            if failures >= DISABLE_AFTER {
                map.insert("enabled".into(), Value::Bool(false));
            }
        }
    }
}

/// The background task: moves the real clock's work along and sends deliveries as they fall
/// due, until the server stops.
pub(crate) async fn run(app: App) {
    let mut stop = app.0.shutdown.clone();
    loop {
        if !app.0.clock.is_manual() {
            drop(app.store());
        }
        deliver_due(&app).await;
        tokio::select! {
            () = app.0.wake.notified() => {}
            () = tokio::time::sleep(Duration::from_millis(25)) => {}
            _ = stop.changed() => return,
        }
    }
}
