//! The admin endpoints, under `/__admin/` (apart from every API path, no API key needed):
//!
//! | request | effect |
//! | --- | --- |
//! | `POST /__admin/faults` `{"route": "GET /posts", "status": 503, "times": 2}` | script a fault (or `"delayMs"`, `"stall": true`, `"drop": true`) |
//! | `GET /__admin/faults` / `DELETE /__admin/faults` | list / clear the scripted faults |
//! | `GET /__admin/requests` / `DELETE /__admin/requests` | the request log (keys redacted) / clear it |
//! | `GET /__admin/state` | the whole state, as the `--state` snapshot holds it |
//! | `POST /__admin/clock/advance` `{"seconds": 86400}` | move a manual clock forward |
//! | `GET /__admin/clock` | `{"now": "…", "manual": bool}` |

use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::clock;
use crate::envelope::{ApiError, ApiResult, done, ok, parse};
use crate::faults::FaultSpec;
use crate::server::App;

pub(crate) fn routes() -> Router<App> {
    Router::new()
        .route(
            "/__admin/faults",
            post(add_fault).get(faults).delete(clear_faults),
        )
        .route("/__admin/requests", get(requests).delete(clear_requests))
        .route("/__admin/state", get(state))
        .route("/__admin/clock", get(now))
        .route("/__admin/clock/advance", post(advance))
}

async fn add_fault(State(app): State<App>, body: Bytes) -> ApiResult {
    let spec: FaultSpec = parse(&body)?;
    let rule = spec.into_rule().map_err(ApiError::validation)?;
    app.faults().push(rule);
    done()
}

async fn faults(State(app): State<App>) -> ApiResult {
    let list: Vec<Value> = app
        .faults()
        .iter()
        .map(|rule| json!({"method": rule.method, "path": rule.path, "fault": format!("{:?}", rule.fault), "remaining": rule.remaining}))
        .collect();
    ok(Value::Array(list))
}

async fn clear_faults(State(app): State<App>) -> ApiResult {
    app.faults().clear();
    done()
}

async fn requests(State(app): State<App>) -> ApiResult {
    let log = app.log().clone();
    ok(serde_json::to_value(log).unwrap_or(Value::Null))
}

async fn clear_requests(State(app): State<App>) -> ApiResult {
    app.log().clear();
    done()
}

async fn state(State(app): State<App>) -> ApiResult {
    let store = app.store().clone();
    ok(serde_json::to_value(store).unwrap_or(Value::Null))
}

async fn now(State(app): State<App>) -> ApiResult {
    ok(json!({"now": clock::format(app.now()), "manual": app.0.clock.is_manual()}))
}

/// The most one `advance` may move the clock: 100 years of 365.25 days.
const MAX_ADVANCE: Duration = Duration::from_secs(3_155_760_000);

#[derive(Deserialize)]
struct Advance {
    seconds: f64,
}

async fn advance(State(app): State<App>, body: Bytes) -> ApiResult {
    let request: Advance = parse(&body)?;
    let step = Duration::try_from_secs_f64(request.seconds)
        .ok()
        .filter(|step| *step <= MAX_ADVANCE)
        .ok_or_else(|| {
            ApiError::validation(
                "`seconds` must be a non-negative number of at most 100 years (3155760000).",
            )
        })?;
    if !app.0.clock.advance(step) {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "conflict",
            "The server runs on the real clock; start it with a manual clock to advance time.",
        ));
    }
    drop(app.store());
    crate::delivery::deliver_due(&app).await;
    app.changed();
    ok(json!({"now": clock::format(app.now())}))
}
