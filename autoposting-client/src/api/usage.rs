//! Usage: summaries and token-level breakdowns.
//!
//! The [`Usage`] trait declares the operations of the API's *Usage* tag; [`Client`]
//! implements it.
//!
//! The reference page and the official SDK describe different summaries; [`UsageSummary`]
//! decodes both, which is why most of its fields are optional.
//!
//! [`Client`]: crate::Client

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::common::PostSource;
use crate::common::spelling::keeps_spelling;
use crate::common::string_enum::string_enum;
use crate::{Result, api};

/// Operations of the *Usage* tag.
#[api(crate = "crate", async_fn_docs)]
pub trait Usage {
    /// The organisation's usage in the current billing period: posts, clips, agent runs,
    /// credits and AI tokens.
    ///
    /// **Evidence caveat**: the reference page documents `{period: {start, end}, posts,
    /// clips, agents, credits, aiTokens}`; the official SDK expects `{range: {from, to},
    /// posts: {total, published, bySource}, agents: {total, active}, ai: {…, byModel},
    /// trend}`. Both decode into [`UsageSummary`]; fields of the shape not received are
    /// `None`.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 401 without a valid key, 403
    /// without the `usage:read` scope (the scope is in the reference's list, not in the
    /// authentication page's), 429 when rate limited.
    #[get("/usage/summary")]
    async fn get_usage_summary(&self) -> Result<UsageSummary>;

    /// AI token usage over a window, by feature and by day.
    ///
    /// `period` is the window ending now: [`UsageWindow::Last7Days`], [`UsageWindow::Last30Days`]
    /// (the API's default when `None`) or [`UsageWindow::Last90Days`].
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 400 for another period, 401
    /// without a valid key, 403 without the `usage:read` scope, 429 when rate limited.
    #[get("/usage/tokens")]
    async fn get_token_usage(
        &self,
        #[query] period: Option<UsageWindow>,
    ) -> Result<TokenUsageBreakdown>;
}

string_enum! {
    /// The window of [`Usage::get_token_usage`], ending now.
    pub enum UsageWindow {
        /// The last 7 days.
        Last7Days = "7d",
        /// The last 30 days (the default).
        Last30Days = "30d",
        /// The last 90 days.
        Last90Days = "90d",
    }
}

keeps_spelling! {
    /// The organisation's usage, from [`Usage::get_usage_summary`].
    ///
    /// Holds the reference page's shape (`period`, `posts`, `clips`, `agents`, `credits`,
    /// `aiTokens`) and the SDK's (`range`, `posts.bySource`, `agents.total`, `ai`, `trend`).
    /// A decoded summary is written back with the names it came with (`range {from, to}` stays
    /// so). The documented example:
    ///
    /// ```json
    /// {
    ///   "period": {"start": "2024-01-01T00:00:00Z", "end": "2024-02-01T00:00:00Z"},
    ///   "posts": {"published": 42, "scheduled": 8, "failed": 2},
    ///   "clips": {"uploaded": 5, "rendered": 12},
    ///   "agents": {"runs": 30, "postsGenerated": 28},
    ///   "credits": {"allocated": 500, "used": 187, "remaining": 313},
    ///   "aiTokens": {"total": 1250000, "used": 482000}
    /// }
    /// ```
    #[derive(Clone, PartialEq)]
    #[non_exhaustive]
    pub struct UsageSummary as "UsageSummary" {
        /// `period` (reference, `{start, end}`) or `range` (SDK, `{from, to}`): the period
        /// covered.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub period: Option<UsagePeriod>,
        /// `posts`: post counts.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub posts: Option<PostUsage>,
        /// `clips`: clip counts (reference shape).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub clips: Option<ClipUsage>,
        /// `agents`: agent counts.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub agents: Option<AgentUsage>,
        /// `credits`: credits of the period (reference shape).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub credits: Option<CreditUsage>,
        /// `aiTokens`: AI tokens of the period (reference shape).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub ai_tokens: Option<AiTokenUsage>,
        /// `ai`: AI cost and tokens, by model (SDK shape).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub ai: Option<AiUsage>,
        /// `trend`: day-by-day series (SDK shape).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub trend: Option<UsageTrend>,
    }
    aliases = [("range", "period")];
}

keeps_spelling! {
    /// The time span a [`UsageSummary`] covers, written back with the names it came with.
    ///
    /// ```json
    /// {"start": "2024-01-01T00:00:00Z", "end": "2024-02-01T00:00:00Z"}
    /// ```
    #[derive(Clone, PartialEq)]
    #[non_exhaustive]
    pub struct UsagePeriod as "UsagePeriod" {
        /// `start` (reference) or `from` (SDK): the start.
        pub start: DateTime<Utc>,
        /// `end` (reference) or `to` (SDK): the end. The reference's example ends at the next
        /// period's first instant (exclusive), the SDK's at the last millisecond (inclusive).
        pub end: DateTime<Utc>,
    }
    aliases = [("from", "start"), ("to", "end")];
}

/// Post counts of a [`UsageSummary`].
///
/// ```json
/// {"published": 42, "scheduled": 8, "failed": 2}
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PostUsage {
    /// `published`: posts published.
    pub published: u64,
    /// `scheduled`: posts waiting to publish (reference shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheduled: Option<u64>,
    /// `failed`: posts that failed (reference shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed: Option<u64>,
    /// `total`: all posts of the period (SDK shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<u64>,
    /// `bySource`: posts by what created them (SDK shape), e.g. `{api: 3, dashboard: 10}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by_source: Option<HashMap<PostSource, u64>>,
}

/// Clip counts of a [`UsageSummary`].
///
/// ```json
/// {"uploaded": 5, "rendered": 12}
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ClipUsage {
    /// `uploaded`: videos uploaded.
    pub uploaded: u64,
    /// `rendered`: clips rendered.
    pub rendered: u64,
}

/// Agent counts of a [`UsageSummary`].
///
/// ```json
/// {"runs": 30, "postsGenerated": 28}
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AgentUsage {
    /// `runs`: agent runs (reference shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runs: Option<u64>,
    /// `postsGenerated`: posts the runs generated (reference shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub posts_generated: Option<u64>,
    /// `total`: agents that exist (SDK shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<u64>,
    /// `active`: how many agents are active (SDK shape): a count, not a flag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<u64>,
}

/// Credits of a [`UsageSummary`].
///
/// Credits are amounts, not counters: the billing endpoints send fractional values
/// (`2.5`), a plan without a cap may send a negative sentinel (`-1`), and an overdrawn
/// balance is negative, so every figure is an `f64`.
///
/// ```json
/// {"allocated": 500, "used": 187, "remaining": 313}
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CreditUsage {
    /// `allocated`: credits granted for the period; negative (`-1`) where the plan has no
    /// cap.
    pub allocated: f64,
    /// `used`: credits spent, possibly fractional.
    pub used: f64,
    /// `remaining`: credits left; negative when overdrawn or uncapped.
    pub remaining: f64,
}

/// AI tokens of a [`UsageSummary`] (reference shape).
///
/// ```json
/// {"total": 1250000, "used": 482000}
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AiTokenUsage {
    /// `total`: tokens available in the period: an allowance, signed because an uncapped
    /// plan may send the sentinel `-1`.
    pub total: i64,
    /// `used`: tokens consumed (a counter).
    pub used: u64,
}

/// AI cost and tokens of a [`UsageSummary`] (SDK shape).
///
/// ```json
/// {
///   "totalCostUsd": 1.2345,
///   "inputTokens": 1000,
///   "outputTokens": 500,
///   "totalTokens": 1500,
///   "requests": 8,
///   "byModel": [{"model": "gpt-4o", "costUsd": 1.2, "inputTokens": 900, "outputTokens": 400, "requests": 6}]
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AiUsage {
    /// `totalCostUsd`: what the AI calls cost, in US dollars.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_cost_usd: Option<f64>,
    /// `inputTokens`: prompt tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_tokens: Option<u64>,
    /// `outputTokens`: completion tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_tokens: Option<u64>,
    /// `totalTokens`: input and output tokens together.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_tokens: Option<u64>,
    /// `requests`: AI requests made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requests: Option<u64>,
    /// `byModel`: the same figures per model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by_model: Option<Vec<ModelUsage>>,
}

/// AI usage of one model, in [`AiUsage::by_model`].
///
/// ```json
/// {"model": "gpt-4o", "costUsd": 1.2, "inputTokens": 900, "outputTokens": 400, "requests": 6}
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ModelUsage {
    /// `model`: the model name, e.g. `gpt-4o`.
    pub model: String,
    /// `costUsd`: what its calls cost, in US dollars.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_usd: Option<f64>,
    /// `inputTokens`: prompt tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_tokens: Option<u64>,
    /// `outputTokens`: completion tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_tokens: Option<u64>,
    /// `requests`: requests made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requests: Option<u64>,
}

/// Day-by-day series of a [`UsageSummary`] (SDK shape).
///
/// ```json
/// {
///   "posts": [{"date": "2024-06-01", "count": 3}],
///   "aiCost": [{"date": "2024-06-01", "costUsd": 0.5, "requests": 2}]
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UsageTrend {
    /// `posts`: posts per day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub posts: Option<Vec<DailyPosts>>,
    /// `aiCost`: AI cost per day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ai_cost: Option<Vec<DailyAiCost>>,
}

/// Posts of one day, in [`UsageTrend::posts`].
///
/// ```json
/// {"date": "2024-06-01", "count": 3}
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DailyPosts {
    /// `date`: the day (`YYYY-MM-DD`).
    pub date: NaiveDate,
    /// `count`: posts that day.
    pub count: u64,
}

/// AI cost of one day, in [`UsageTrend::ai_cost`].
///
/// ```json
/// {"date": "2024-06-01", "costUsd": 0.5, "requests": 2}
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DailyAiCost {
    /// `date`: the day (`YYYY-MM-DD`).
    pub date: NaiveDate,
    /// `costUsd`: the cost that day, in US dollars.
    pub cost_usd: f64,
    /// `requests`: AI requests that day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requests: Option<u64>,
}

/// AI token usage by feature and by day, from [`Usage::get_token_usage`].
///
/// ```json
/// {
///   "period": "30d",
///   "total": 482000,
///   "breakdown": {"agents": 300000, "ideaGeneration": 80000, "postRewrite": 2000, "other": 100000},
///   "dailyUsage": [{"date": "2024-01-10", "tokens": 16000}]
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TokenUsageBreakdown {
    /// `period`: the window the figures cover.
    pub period: UsageWindow,
    /// `total`: tokens used in the window.
    pub total: u64,
    /// `breakdown`: tokens by feature.
    pub breakdown: TokenBreakdown,
    /// `dailyUsage`: tokens per day, where the response lists them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_usage: Option<Vec<DailyTokens>>,
}

/// Tokens by feature, in [`TokenUsageBreakdown::breakdown`]. A feature the response
/// leaves out is `None`.
///
/// ```json
/// {
///   "agents": 300000,
///   "ideaGeneration": 80000,
///   "carouselGeneration": 0,
///   "postRewrite": 2000,
///   "captionGeneration": 0,
///   "other": 100000
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TokenBreakdown {
    /// `agents`: agent runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agents: Option<u64>,
    /// `ideaGeneration`: idea generation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idea_generation: Option<u64>,
    /// `carouselGeneration`: carousel generation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carousel_generation: Option<u64>,
    #[cfg_attr(
        feature = "posts",
        doc = "`postRewrite`: post rewrites ([`Posts::rewrite_post`](crate::posts::Posts::rewrite_post))."
    )]
    #[cfg_attr(
        not(feature = "posts"),
        doc = "`postRewrite`: post rewrites (`Posts::rewrite_post`)."
    )]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_rewrite: Option<u64>,
    /// `captionGeneration`: caption generation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption_generation: Option<u64>,
    /// `other`: everything else.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other: Option<u64>,
}

/// Tokens of one day, in [`TokenUsageBreakdown::daily_usage`].
///
/// ```json
/// {"date": "2024-01-10", "tokens": 16000}
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DailyTokens {
    /// `date`: the day (`YYYY-MM-DD`).
    pub date: NaiveDate,
    /// `tokens`: tokens used that day.
    pub tokens: u64,
}
