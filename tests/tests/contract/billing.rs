//! Billing: the documented credit and plan-change examples, the SDK's other credit shape,
//! and the credit summary and subscription status (no documented example) decoded from
//! their schemas.

use autoposting_client::billing::{ChangePlanRequest, SubscriptionStatus};
use autoposting_client::prelude::*;
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use crate::harness::{check, entry, request_example, serve};

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

#[tokio::test]
async fn get_credit_balance() {
    check("GET", "/billing/credits", |c| async move {
        c.get_credit_balance().await
    })
    .await;
}

#[tokio::test]
async fn get_credit_balance_documented_values() {
    let example = entry("GET", "/billing/credits")
        .response_example
        .clone()
        .unwrap();
    let (_server, client) = serve(example).await;

    let credits = client.get_credit_balance().await.unwrap();

    assert_eq!(credits.balance, 450.0);
    assert_eq!(credits.monthly_allocation, Some(500.0));
    assert_eq!(credits.reset_at, Some(at("2024-02-01T00:00:00Z")));
    assert_eq!(credits.balance_formatted, None);
}

#[tokio::test]
async fn get_credit_balance_in_the_sdk_shape() {
    let (server, client) = serve(json!({"success": true, "data": {
        "balance": 1250,
        "balanceFormatted": "1,250",
        "recentUsage": [{"kind": "carousel.design", "credits": 15, "at": "2024-01-09T10:00:00Z"}],
        "totalSpent30d": 340
    }}))
    .await;

    let credits = client.get_credit_balance().await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.path(), "/billing/credits");
    assert_eq!(credits.balance, 1250.0);
    assert_eq!(credits.balance_formatted.as_deref(), Some("1,250"));
    assert_eq!(credits.total_spent30d, Some(340.0));
    let recent = credits.recent_usage.as_ref().unwrap();
    assert_eq!(recent[0]["credits"], json!(15));
    assert_eq!(credits.monthly_allocation, None);
    // `totalSpent30d` keeps its spelling when encoded again.
    assert_eq!(
        serde_json::to_value(&credits).unwrap()["totalSpent30d"],
        json!(340)
    );
}

#[tokio::test]
async fn get_credit_summary() {
    let (server, client) = serve(json!({"success": true, "data": {
        "balance": 313,
        "monthlyAllocation": 500,
        "used": 187,
        "breakdown": {"clips": 120, "aiGeneration": 55, "other": 12},
        "resetAt": "2024-02-01T00:00:00Z"
    }}))
    .await;

    let summary = client.get_credit_summary().await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].method.as_str(), "GET");
    assert_eq!(requests[0].url.path(), "/billing/credit-summary");
    assert_eq!(summary.balance, 313.0);
    assert_eq!(summary.monthly_allocation, Some(500.0));
    assert_eq!(summary.used, Some(187.0));
    let breakdown = summary.breakdown.unwrap();
    assert_eq!(
        (breakdown.clips, breakdown.ai_generation, breakdown.other),
        (Some(120.0), Some(55.0), Some(12.0))
    );
    assert_eq!(summary.reset_at, Some(at("2024-02-01T00:00:00Z")));
}

#[tokio::test]
async fn change_plan() {
    check("POST", "/billing/change-plan", |c| async move {
        c.change_plan(&ChangePlanRequest::new("plan_business"))
            .await
    })
    .await;
}

#[tokio::test]
async fn change_plan_sends_the_documented_request() {
    let documented = entry("POST", "/billing/change-plan");
    let (server, client) = serve(documented.response_example.clone().unwrap()).await;

    let change = client
        .change_plan(&ChangePlanRequest::new("plan_business"))
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(
        requests[0].body_json::<Value>().unwrap(),
        request_example("POST", "/billing/change-plan")
    );
    assert_eq!(change.current_plan_id, "plan_pro");
    assert_eq!(change.pending_plan_id, "plan_business");
    assert_eq!(change.effective_at, at("2024-02-01T00:00:00Z"));
}

#[tokio::test]
async fn get_billing_status() {
    let (server, client) = serve(json!({"success": true, "data": {
        "plan": "pro",
        "planName": "Pro",
        "billingCycle": "monthly",
        "status": "active",
        "currentPeriodStart": "2024-01-01T00:00:00Z",
        "currentPeriodEnd": "2024-02-01T00:00:00Z",
        "trialEnd": null,
        "isTrialing": false,
        "cancelledAt": null,
        "suspendedAt": null,
        "pendingPlan": "business",
        "pendingChangeDate": "2024-02-01T00:00:00Z",
        "dodoCustomerId": "cus_8Hk2",
        "setupFeeVerified": true,
        "accountLimit": 10,
        "accountsUsed": 4,
        "creditBalance": 313,
        "costMultiplier": 0.8
    }}))
    .await;

    let status = client.get_billing_status().await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].method.as_str(), "GET");
    assert_eq!(requests[0].url.path(), "/billing/status");
    assert_eq!(status.plan, "pro");
    assert_eq!(status.plan_name.as_deref(), Some("Pro"));
    assert_eq!(status.billing_cycle.as_deref(), Some("monthly"));
    assert_eq!(status.status, Some(SubscriptionStatus::Active));
    assert_eq!(
        status.current_period_start,
        Some(at("2024-01-01T00:00:00Z"))
    );
    assert_eq!(status.current_period_end, Some(at("2024-02-01T00:00:00Z")));
    assert_eq!(
        (status.trial_end, status.cancelled_at, status.suspended_at),
        (None, None, None)
    );
    assert_eq!(status.is_trialing, Some(false));
    assert_eq!(status.pending_plan.as_deref(), Some("business"));
    assert_eq!(status.pending_change_date, Some(at("2024-02-01T00:00:00Z")));
    assert_eq!(status.dodo_customer_id.as_deref(), Some("cus_8Hk2"));
    assert_eq!(status.setup_fee_verified, Some(true));
    assert_eq!(
        (status.account_limit, status.accounts_used),
        (Some(10), Some(4))
    );
    assert_eq!(status.credit_balance, Some(313.0));
    assert_eq!(status.cost_multiplier, Some(0.8));
}

#[tokio::test]
async fn get_billing_status_without_a_subscription_and_other_spellings() {
    for (wire, expected) in [
        (json!(null), None),
        (json!("trialing"), Some(SubscriptionStatus::Trialing)),
        (json!("canceled"), Some(SubscriptionStatus::Canceled)),
        (json!("cancelled"), Some(SubscriptionStatus::Canceled)),
        (json!("past_due"), Some(SubscriptionStatus::PastDue)),
        (
            json!("paused"),
            Some(SubscriptionStatus::Other("paused".into())),
        ),
    ] {
        let (_server, client) = serve(json!({"success": true, "data": {
            "plan": "free",
            "status": wire,
            "billingCycle": null,
            "trialEnd": "2024-06-15T00:00:00Z"
        }}))
        .await;

        let status = client.get_billing_status().await.unwrap();

        assert_eq!(status.plan, "free");
        assert_eq!(status.status, expected);
        assert_eq!(status.billing_cycle, None);
        assert_eq!(status.trial_end, Some(at("2024-06-15T00:00:00Z")));
        assert_eq!(status.credit_balance, None);
    }
}

/// The official SDK's fixtures: an unlimited account limit and fractional credits.
#[tokio::test]
async fn get_billing_status_reads_an_unlimited_account_limit() {
    for (limit, unlimited) in [(json!(-1), true), (json!(0), false), (json!(25), false)] {
        let (_server, client) = serve(json!({"success": true, "data": {
            "plan": "agency",
            "accountLimit": limit,
            "accountsUsed": 0,
            "creditBalance": 12.75,
            "costMultiplier": 1
        }}))
        .await;

        let status = client.get_billing_status().await.unwrap();

        assert_eq!(status.account_limit, limit.as_i64());
        assert_eq!(status.accounts_unlimited(), unlimited);
        assert_eq!(status.accounts_used, Some(0));
        assert_eq!(status.credit_balance, Some(12.75));
        assert_eq!(status.cost_multiplier, Some(1.0));
    }
}

#[tokio::test]
async fn get_credit_balance_reads_fractional_credits() {
    let (_server, client) = serve(json!({"success": true, "data": {
        "balance": 1250.5,
        "balanceFormatted": "1,250.5",
        "recentUsage": [],
        "totalSpent30d": 2.5
    }}))
    .await;

    let credits = client.get_credit_balance().await.unwrap();

    assert_eq!(credits.balance, 1250.5);
    assert_eq!(credits.total_spent30d, Some(2.5));
    let back = serde_json::to_value(&credits).unwrap();
    assert_eq!(back["totalSpent30d"], json!(2.5));
    assert_eq!(back["balance"], json!(1250.5));
}

#[tokio::test]
async fn get_credit_summary_reads_fractional_and_zero_credits() {
    let (_server, client) = serve(json!({"success": true, "data": {
        "balance": 0,
        "used": 14.25,
        "breakdown": {"clips": 0.5, "aiGeneration": 13.75}
    }}))
    .await;

    let summary = client.get_credit_summary().await.unwrap();

    assert_eq!(summary.balance, 0.0);
    assert_eq!(summary.used, Some(14.25));
    let breakdown = summary.breakdown.unwrap();
    assert_eq!(
        (breakdown.clips, breakdown.ai_generation, breakdown.other),
        (Some(0.5), Some(13.75), None)
    );
}

#[test]
fn change_plan_request_sends_every_documented_field() {
    crate::agents::assert_sends_every_documented_field(
        "POST",
        "/billing/change-plan",
        &ChangePlanRequest::builder()
            .plan_id("plan_business")
            .build(),
    );
}
