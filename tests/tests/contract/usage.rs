//! Usage: the documented summary example, the SDK's other summary shape, and the token
//! breakdown (no documented example) decoded from its schema.

use autoposting_client::posts::PostSource;
use autoposting_client::prelude::*;
use autoposting_client::usage::UsageWindow;
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;

use crate::harness::{check, serve};

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

#[tokio::test]
async fn get_usage_summary() {
    check("GET", "/usage/summary", |c| async move {
        c.get_usage_summary().await
    })
    .await;
}

#[tokio::test]
async fn get_usage_summary_documented_values() {
    let example = crate::harness::entry("GET", "/usage/summary")
        .response_example
        .clone()
        .unwrap();
    let (_server, client) = serve(example).await;

    let summary = client.get_usage_summary().await.unwrap();

    let period = summary.period.unwrap();
    assert_eq!(
        (period.start, period.end),
        (at("2024-01-01T00:00:00Z"), at("2024-02-01T00:00:00Z"))
    );
    let posts = summary.posts.unwrap();
    assert_eq!(
        (posts.published, posts.scheduled, posts.failed),
        (42, Some(8), Some(2))
    );
    let clips = summary.clips.unwrap();
    assert_eq!((clips.uploaded, clips.rendered), (5, 12));
    let agents = summary.agents.unwrap();
    assert_eq!((agents.runs, agents.posts_generated), (Some(30), Some(28)));
    let credits = summary.credits.unwrap();
    assert_eq!(
        (credits.allocated, credits.used, credits.remaining),
        (500.0, 187.0, 313.0)
    );
    let tokens = summary.ai_tokens.unwrap();
    assert_eq!((tokens.total, tokens.used), (1_250_000, 482_000));
    assert_eq!((summary.ai, summary.trend), (None, None));
}

#[tokio::test]
async fn get_usage_summary_in_the_sdk_shape() {
    let (_server, client) = serve(json!({"success": true, "data": {
        "range": {"from": "2024-06-01T00:00:00.000Z", "to": "2024-06-30T23:59:59.999Z"},
        "posts": {
            "total": 15,
            "published": 13,
            "bySource": {"dashboard": 10, "api": 3, "mcp": 1, "cli": 1, "agent": 0, "zapier": 2}
        },
        "agents": {"total": 2, "active": 1},
        "ai": {
            "totalCostUsd": 1.2345,
            "inputTokens": 1000,
            "outputTokens": 500,
            "totalTokens": 1500,
            "requests": 8,
            "byModel": [
                {"model": "gpt-4o", "costUsd": 1.2, "inputTokens": 900, "outputTokens": 400, "requests": 6}
            ]
        },
        "trend": {
            "posts": [{"date": "2024-06-01", "count": 3}],
            "aiCost": [{"date": "2024-06-01", "costUsd": 0.5, "requests": 2}]
        }
    }}))
    .await;

    let summary = client.get_usage_summary().await.unwrap();

    let period = summary.period.unwrap();
    assert_eq!(period.start, at("2024-06-01T00:00:00Z"));
    assert_eq!(period.end, at("2024-06-30T23:59:59.999Z"));
    let posts = summary.posts.unwrap();
    assert_eq!(
        (posts.total, posts.published, posts.scheduled),
        (Some(15), 13, None)
    );
    let by_source = posts.by_source.unwrap();
    assert_eq!(by_source[&PostSource::Api], 3);
    assert_eq!(by_source[&PostSource::Dashboard], 10);
    assert_eq!(by_source[&PostSource::Agent], 0);
    assert_eq!(by_source[&PostSource::Other("zapier".into())], 2);
    let agents = summary.agents.unwrap();
    assert_eq!(
        (agents.total, agents.active, agents.runs),
        (Some(2), Some(1), None)
    );
    let ai = summary.ai.unwrap();
    assert_eq!(ai.total_cost_usd, Some(1.2345));
    assert_eq!(
        (
            ai.input_tokens,
            ai.output_tokens,
            ai.total_tokens,
            ai.requests
        ),
        (Some(1000), Some(500), Some(1500), Some(8))
    );
    let model = &ai.by_model.unwrap()[0];
    assert_eq!(model.model, "gpt-4o");
    assert_eq!(model.cost_usd, Some(1.2));
    assert_eq!(model.requests, Some(6));
    let trend = summary.trend.unwrap();
    let posts = trend.posts.unwrap();
    assert_eq!((posts[0].date, posts[0].count), (day("2024-06-01"), 3));
    let cost = trend.ai_cost.unwrap();
    assert_eq!(
        (cost[0].date, cost[0].cost_usd, cost[0].requests),
        (day("2024-06-01"), 0.5, Some(2))
    );
    assert_eq!(
        (summary.clips, summary.credits, summary.ai_tokens),
        (None, None, None)
    );
}

#[tokio::test]
async fn get_token_usage() {
    let (server, client) = serve(json!({"success": true, "data": {
        "period": "7d",
        "total": 482000,
        "breakdown": {
            "agents": 210000,
            "ideaGeneration": 64000,
            "carouselGeneration": 90000,
            "postRewrite": 48000,
            "captionGeneration": 52000,
            "other": 18000
        },
        "dailyUsage": [
            {"date": "2024-01-09", "tokens": 70000},
            {"date": "2024-01-10", "tokens": 68000}
        ]
    }}))
    .await;

    let usage = client
        .get_token_usage(Some(UsageWindow::Last7Days))
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].method.as_str(), "GET");
    assert_eq!(requests[0].url.path(), "/usage/tokens");
    assert_eq!(requests[0].url.query(), Some("period=7d"));
    assert_eq!(usage.period, UsageWindow::Last7Days);
    assert_eq!(usage.total, 482_000);
    let b = &usage.breakdown;
    assert_eq!(
        (
            b.agents,
            b.idea_generation,
            b.carousel_generation,
            b.post_rewrite,
            b.caption_generation,
            b.other
        ),
        (
            Some(210_000),
            Some(64_000),
            Some(90_000),
            Some(48_000),
            Some(52_000),
            Some(18_000)
        )
    );
    let daily = usage.daily_usage.unwrap();
    assert_eq!(
        (daily[1].date, daily[1].tokens),
        (day("2024-01-10"), 68_000)
    );
}

#[tokio::test]
async fn get_token_usage_default_period_and_partial_breakdown() {
    let (server, client) = serve(json!({"success": true, "data": {
        "period": "365d",
        "total": 1000,
        "breakdown": {"agents": 1000}
    }}))
    .await;

    let usage = client.get_token_usage(None).await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.query(), None);
    assert_eq!(usage.period, UsageWindow::Other("365d".into()));
    assert_eq!(usage.breakdown.agents, Some(1000));
    assert_eq!(usage.breakdown.other, None);
    assert_eq!(usage.daily_usage, None);
}

#[tokio::test]
async fn usage_windows_as_sent() {
    for (window, wire) in [
        (UsageWindow::Last7Days, "period=7d"),
        (UsageWindow::Last30Days, "period=30d"),
        (UsageWindow::Last90Days, "period=90d"),
    ] {
        let (server, client) = serve(json!({"success": true, "data": {
            "period": "30d", "total": 0, "breakdown": {}
        }}))
        .await;
        client.get_token_usage(Some(window)).await.unwrap();
        let requests = server.received_requests().await.unwrap();
        assert_eq!(requests[0].url.query(), Some(wire));
    }
}

#[tokio::test]
async fn usage_summary_credits_may_be_fractional_or_negative_and_token_allowances_unlimited() {
    // Credits are amounts (the SDK's billing fixtures show `2.5` and `-1`); a token
    // allowance may be the `-1` "unlimited" sentinel; counters stay unsigned.
    let cases = [
        (
            json!({"allocated": -1, "used": 2.5, "remaining": -1}),
            (-1.0, 2.5, -1.0),
        ),
        (
            json!({"allocated": 0, "used": 0, "remaining": 0}),
            (0.0, 0.0, 0.0),
        ),
        (
            json!({"allocated": 500.75, "used": 600.25, "remaining": -99.5}),
            (500.75, 600.25, -99.5),
        ),
        (
            json!({"allocated": 9_007_199_254_740_993_u64, "used": 1e-9, "remaining": 1e300}),
            (9_007_199_254_740_993_u64 as f64, 1e-9, 1e300),
        ),
    ];
    for (credits, expected) in cases {
        let (_server, client) = serve(json!({"success": true, "data": {
            "credits": credits,
            "aiTokens": {"total": -1, "used": 18_446_744_073_709_551_615_u64}
        }}))
        .await;
        let summary = client.get_usage_summary().await.unwrap();
        let credits = summary.credits.unwrap();
        assert_eq!(
            (credits.allocated, credits.used, credits.remaining),
            expected
        );
        let tokens = summary.ai_tokens.unwrap();
        assert_eq!((tokens.total, tokens.used), (-1, u64::MAX));
    }
}

#[tokio::test]
async fn usage_summary_counters_refuse_negative_or_fractional_values_naming_the_field() {
    for (posts, bad) in [
        (json!({"published": -1}), "published"),
        (json!({"published": 1.5}), "published"),
        (json!({"published": 1, "failed": -2}), "failed"),
    ] {
        let (_server, client) = serve(json!({"success": true, "data": {"posts": posts}})).await;
        let error = client.get_usage_summary().await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Decode, "{posts}");
        assert!(error.to_string().contains(bad), "{error}");
    }
}

#[test]
fn a_usage_period_keeps_the_names_it_came_with() {
    use autoposting_client::usage::UsageSummary;
    let shapes = [
        json!({"period": {"start": "2024-01-01T00:00:00Z", "end": "2024-02-01T00:00:00Z"}}),
        json!({"range": {"from": "2024-06-01T00:00:00Z", "to": "2024-06-30T23:59:59.999Z"}}),
        // Mixed spellings.
        json!({"range": {"start": "2024-06-01T00:00:00Z", "to": "2024-06-30T00:00:00Z"}}),
    ];
    for received in shapes {
        let summary: UsageSummary = serde_json::from_value(received.clone()).unwrap();
        assert!(summary.period.is_some(), "{received}");
        assert_eq!(serde_json::to_value(&summary).unwrap(), received);
    }
    // Doubled spellings: no "duplicate field"; the first one wins and is the one written
    // back (the rule of `common::spelling`).
    let doubled = [json!({
        "period": {"start": "2024-01-01T00:00:00Z", "from": "2024-01-01T00:00:00Z",
                   "end": "2024-02-01T00:00:00Z", "to": "2024-02-01T00:00:00Z"},
        "range": {"start": "2024-01-01T00:00:00Z", "from": "2024-01-01T00:00:00Z",
                  "end": "2024-02-01T00:00:00Z", "to": "2024-02-01T00:00:00Z"}
    })];
    for received in doubled {
        let summary: UsageSummary = serde_json::from_value(received.clone()).unwrap();
        let back = serde_json::to_value(&summary).unwrap();
        assert_eq!(back.as_object().unwrap().len(), 1, "{back}");
        assert_eq!(
            back.as_object()
                .unwrap()
                .values()
                .next()
                .unwrap()
                .as_object()
                .unwrap()
                .len(),
            2
        );
        assert_eq!(
            serde_json::from_value::<UsageSummary>(back).unwrap(),
            summary
        );
    }
    let both: UsageSummary = serde_json::from_value(json!({
        "period": {"start": "2024-01-01T00:00:00Z", "end": "2024-02-01T00:00:00Z"},
        "range": {"from": "2023-01-01T00:00:00Z", "to": "2023-02-01T00:00:00Z"}
    }))
    .unwrap();
    assert_eq!(both.period.unwrap().start, at("2024-01-01T00:00:00Z"));
}

#[test]
fn a_usage_period_without_its_end_names_the_missing_field() {
    let error = serde_json::from_value::<autoposting_client::usage::UsageSummary>(
        json!({"range": {"from": "2024-06-01T00:00:00Z"}}),
    )
    .unwrap_err()
    .to_string();
    assert!(error.contains("missing field `end`"), "{error}");
}

#[test]
fn a_bad_usage_period_is_named_as_the_body_spelled_it() {
    let error = serde_json::from_value::<autoposting_client::usage::UsageSummary>(
        json!({"range": {"from": "soon", "to": "2024-06-30T00:00:00Z"}}),
    )
    .unwrap_err()
    .to_string();
    // Decoded as a stream, the error carries no key path here (the client's decoder adds it).
    assert!(error.contains("input"), "{error}");
}
