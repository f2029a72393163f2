//! Credits, plan and subscription status; credits go down as work is charged.

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::routing::{get, post};
use chrono::{DateTime, Datelike, TimeZone, Utc};
use serde::Deserialize;
use serde_json::{Value, json};

use super::required;
use crate::clock;
use crate::envelope::{ApiError, ApiResult, ok, parse};
use crate::server::App;

pub(crate) fn routes() -> Router<App> {
    Router::new()
        .route("/billing/credits", get(credits))
        .route("/billing/credit-summary", get(summary))
        .route("/billing/change-plan", post(change_plan))
        .route("/billing/status", get(status))
}

/// The first instant of the month after `now`'s (when credits reset).
pub(crate) fn next_month(now: DateTime<Utc>) -> DateTime<Utc> {
    let (year, month) = if now.month() == 12 {
        (now.year() + 1, 1)
    } else {
        (now.year(), now.month() + 1)
    };
    Utc.with_ymd_and_hms(year, month, 1, 0, 0, 0)
        .single()
        .unwrap_or(now)
}

/// The first instant of `now`'s month.
pub(crate) fn this_month(now: DateTime<Utc>) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(now.year(), now.month(), 1, 0, 0, 0)
        .single()
        .unwrap_or(now)
}

const PLANS: [(&str, &str, i64); 4] = [
    ("plan_free", "Free", 50),
    ("plan_starter", "Starter", 200),
    ("plan_pro", "Pro", 500),
    ("plan_business", "Business", 2000),
];

async fn credits(State(app): State<App>) -> ApiResult {
    let now = app.now();
    let store = app.store();
    ok(json!({
        "balance": store.credits.balance, "monthlyAllocation": store.credits.monthly_allocation,
        "resetAt": clock::format(next_month(now)),
    }))
}

async fn summary(State(app): State<App>) -> ApiResult {
    let now = app.now();
    let store = app.store();
    let spent = |kind: &str| store.credits.spent.get(kind).copied().unwrap_or(0);
    let used: i64 = store.credits.spent.values().sum();
    ok(json!({
        "balance": store.credits.balance, "monthlyAllocation": store.credits.monthly_allocation,
        "used": used,
        "breakdown": {"clips": spent("clips"), "aiGeneration": spent("aiGeneration"), "other": spent("other")},
        "resetAt": clock::format(next_month(now)),
    }))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ChangePlan {
    plan_id: Option<String>,
}

async fn change_plan(State(app): State<App>, body: Bytes) -> ApiResult {
    let request: ChangePlan = parse(&body)?;
    let plan = required(request.plan_id, "planId")?;
    if !PLANS.iter().any(|(id, _, _)| *id == plan) {
        return Err(ApiError::validation(format!(
            "`planId` must be one of plan_free, plan_starter, plan_pro, plan_business (got `{plan}`)."
        )));
    }
    let now = app.now();
    let mut store = app.store();
    let current = store.plan["plan"].as_str().unwrap_or("plan_pro").to_owned();
    if current == plan {
        return Err(ApiError::conflict(format!(
            "The organisation is already on `{plan}`."
        )));
    }
    let effective = clock::format(next_month(now));
    if let Some(map) = store.plan.as_object_mut() {
        map.insert("pendingPlan".into(), json!(plan));
        map.insert("pendingChangeDate".into(), json!(effective));
    }
    ok(json!({"currentPlanId": current, "pendingPlanId": plan, "effectiveAt": effective}))
}

async fn status(State(app): State<App>) -> ApiResult {
    let now = app.now();
    let store = app.store();
    let plan = store.plan["plan"].as_str().unwrap_or("plan_pro");
    let name = PLANS
        .iter()
        .find(|(id, _, _)| *id == plan)
        .map_or("Pro", |(_, name, _)| name);
    let accounts: usize = store
        .brands
        .iter()
        .map(|b| b["connectedPlatforms"].as_array().map_or(0, Vec::len))
        .sum();
    ok(json!({
        "plan": plan, "planName": name, "billingCycle": "monthly", "status": "active",
        "currentPeriodStart": clock::format(this_month(now)), "currentPeriodEnd": clock::format(next_month(now)),
        "trialEnd": null, "isTrialing": false, "cancelledAt": null, "suspendedAt": null,
        "pendingPlan": store.plan.get("pendingPlan").cloned().unwrap_or(Value::Null),
        "pendingChangeDate": store.plan.get("pendingChangeDate").cloned().unwrap_or(Value::Null),
        "dodoCustomerId": null, "setupFeeVerified": true, "accountLimit": 25, "accountsUsed": accounts,
        "creditBalance": store.credits.balance, "costMultiplier": 1,
    }))
}
