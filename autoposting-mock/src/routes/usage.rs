//! Usage: counts of what was done this month, and AI tokens by feature and by day.

use axum::Router;
use axum::extract::{Query, State};
use axum::routing::get;
use chrono::Duration;
use serde::Deserialize;
use serde_json::json;

use super::billing::{next_month, this_month};
use crate::clock;
use crate::envelope::{ApiError, ApiResult, ok};
use crate::server::App;
use crate::state::str_of;

pub(crate) fn routes() -> Router<App> {
    Router::new()
        .route("/usage/summary", get(summary))
        .route("/usage/tokens", get(tokens))
}

async fn summary(State(app): State<App>) -> ApiResult {
    let now = app.now();
    let store = app.store();
    let posts = |status: &str| {
        store
            .posts
            .iter()
            .filter(|p| str_of(p, "status") == status)
            .count()
    };
    let used: i64 = store.credits.spent.values().sum();
    let tokens: u64 = store.counters.tokens.values().sum();
    ok(json!({
        "period": {"start": clock::format(this_month(now)), "end": clock::format(next_month(now))},
        "posts": {"published": posts("published") + posts("partial"), "scheduled": posts("scheduled"), "failed": posts("failed")},
        "clips": {"uploaded": store.counters.clips_uploaded, "rendered": store.counters.clips_rendered},
        "agents": {"runs": store.counters.agent_runs, "postsGenerated": store.counters.agent_posts},
        "credits": {"allocated": store.credits.monthly_allocation, "used": used, "remaining": store.credits.balance},
        "aiTokens": {"total": 1_250_000, "used": tokens},
    }))
}

#[derive(Deserialize)]
struct Period {
    period: Option<String>,
}

async fn tokens(State(app): State<App>, Query(query): Query<Period>) -> ApiResult {
    let period = query.period.unwrap_or_else(|| "30d".into());
    let days = match period.as_str() {
        "7d" => 7,
        "30d" => 30,
        "90d" => 90,
        other => {
            return Err(ApiError::validation(format!(
                "`period` must be 7d, 30d or 90d (got `{other}`)."
            )));
        }
    };
    let now = app.now();
    let store = app.store();
    let first = (now - Duration::days(days - 1))
        .format("%Y-%m-%d")
        .to_string();
    let daily: Vec<_> = store
        .counters
        .daily_tokens
        .iter()
        .filter(|(day, _)| **day >= first)
        .map(|(day, tokens)| json!({"date": day, "tokens": tokens}))
        .collect();
    let by = |feature: &str| store.counters.tokens.get(feature).copied().unwrap_or(0);
    let known = [
        "agents",
        "ideaGeneration",
        "carouselGeneration",
        "postRewrite",
        "captionGeneration",
    ];
    let other: u64 = store
        .counters
        .tokens
        .iter()
        .filter(|(feature, _)| !known.contains(&feature.as_str()))
        .map(|(_, tokens)| tokens)
        .sum();
    let total: u64 = daily.iter().filter_map(|d| d["tokens"].as_u64()).sum();
    ok(json!({
        "period": period, "total": total,
        "breakdown": {
            "agents": by("agents"), "ideaGeneration": by("ideaGeneration"),
            "carouselGeneration": by("carouselGeneration"), "postRewrite": by("postRewrite"),
            "captionGeneration": by("captionGeneration"), "other": other,
        },
        "dailyUsage": daily,
    }))
}
