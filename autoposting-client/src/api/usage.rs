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

/// The organisation's usage, from [`Usage::get_usage_summary`].
///
/// Holds the reference page's shape (`period`, `posts`, `clips`, `agents`, `credits`,
/// `aiTokens`) and the SDK's (`range`, `posts.bySource`, `agents.total`, `ai`, `trend`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UsageSummary {
    /// The period covered: the reference's `period {start, end}`, or the SDK's
    /// `range {from, to}`.
    #[serde(default, alias = "range", skip_serializing_if = "Option::is_none")]
    pub period: Option<UsagePeriod>,
    /// Post counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub posts: Option<PostUsage>,
    /// Clip counts (reference shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clips: Option<ClipUsage>,
    /// Agent counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agents: Option<AgentUsage>,
    /// Credits of the period (reference shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credits: Option<CreditUsage>,
    /// AI tokens of the period (reference shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ai_tokens: Option<AiTokenUsage>,
    /// AI cost and tokens, by model (SDK shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ai: Option<AiUsage>,
    /// Day-by-day series (SDK shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trend: Option<UsageTrend>,
}

/// The time span a [`UsageSummary`] covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UsagePeriod {
    /// The start (`start`, or the SDK's `from`).
    #[serde(alias = "from")]
    pub start: DateTime<Utc>,
    /// The end (`end`, or the SDK's `to`). The reference's example ends at the next
    /// period's first instant (exclusive), the SDK's at the last millisecond (inclusive).
    #[serde(alias = "to")]
    pub end: DateTime<Utc>,
}

/// Post counts of a [`UsageSummary`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PostUsage {
    /// Posts published.
    pub published: u64,
    /// Posts waiting to publish (reference shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheduled: Option<u64>,
    /// Posts that failed (reference shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed: Option<u64>,
    /// All posts of the period (SDK shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<u64>,
    /// Posts by what created them (SDK shape), e.g. `{api: 3, dashboard: 10}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by_source: Option<HashMap<PostSource, u64>>,
}

/// Clip counts of a [`UsageSummary`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ClipUsage {
    /// Videos uploaded.
    pub uploaded: u64,
    /// Clips rendered.
    pub rendered: u64,
}

/// Agent counts of a [`UsageSummary`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AgentUsage {
    /// Agent runs (reference shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runs: Option<u64>,
    /// Posts the runs generated (reference shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub posts_generated: Option<u64>,
    /// Agents that exist (SDK shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<u64>,
    /// How many agents are active (SDK shape): a count, not a flag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<u64>,
}

/// Credits of a [`UsageSummary`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CreditUsage {
    /// Credits granted for the period.
    pub allocated: u64,
    /// Credits spent.
    pub used: u64,
    /// Credits left.
    pub remaining: u64,
}

/// AI tokens of a [`UsageSummary`] (reference shape).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AiTokenUsage {
    /// Tokens available in the period.
    pub total: u64,
    /// Tokens consumed.
    pub used: u64,
}

/// AI cost and tokens of a [`UsageSummary`] (SDK shape).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AiUsage {
    /// What the AI calls cost, in US dollars.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_cost_usd: Option<f64>,
    /// Prompt tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_tokens: Option<u64>,
    /// Completion tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_tokens: Option<u64>,
    /// Input and output tokens together.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_tokens: Option<u64>,
    /// AI requests made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requests: Option<u64>,
    /// The same figures per model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by_model: Option<Vec<ModelUsage>>,
}

/// AI usage of one model, in [`AiUsage::by_model`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ModelUsage {
    /// The model name, e.g. `gpt-4o`.
    pub model: String,
    /// What its calls cost, in US dollars.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_usd: Option<f64>,
    /// Prompt tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_tokens: Option<u64>,
    /// Completion tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_tokens: Option<u64>,
    /// Requests made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requests: Option<u64>,
}

/// Day-by-day series of a [`UsageSummary`] (SDK shape).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UsageTrend {
    /// Posts per day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub posts: Option<Vec<DailyPosts>>,
    /// AI cost per day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ai_cost: Option<Vec<DailyAiCost>>,
}

/// Posts of one day, in [`UsageTrend::posts`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DailyPosts {
    /// The day (`YYYY-MM-DD`).
    pub date: NaiveDate,
    /// Posts that day.
    pub count: u64,
}

/// AI cost of one day, in [`UsageTrend::ai_cost`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DailyAiCost {
    /// The day (`YYYY-MM-DD`).
    pub date: NaiveDate,
    /// The cost that day, in US dollars.
    pub cost_usd: f64,
    /// AI requests that day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requests: Option<u64>,
}

/// AI token usage by feature and by day, from [`Usage::get_token_usage`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TokenUsageBreakdown {
    /// The window the figures cover.
    pub period: UsageWindow,
    /// Tokens used in the window.
    pub total: u64,
    /// Tokens by feature.
    pub breakdown: TokenBreakdown,
    /// Tokens per day, where the response lists them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_usage: Option<Vec<DailyTokens>>,
}

/// Tokens by feature, in [`TokenUsageBreakdown::breakdown`]. A feature the response
/// leaves out is `None`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TokenBreakdown {
    /// Agent runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agents: Option<u64>,
    /// Idea generation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idea_generation: Option<u64>,
    /// Carousel generation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carousel_generation: Option<u64>,
    /// Post rewrites ([`Posts::rewrite_post`](crate::posts::Posts::rewrite_post)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_rewrite: Option<u64>,
    /// Caption generation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption_generation: Option<u64>,
    /// Everything else.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other: Option<u64>,
}

/// Tokens of one day, in [`TokenUsageBreakdown::daily_usage`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DailyTokens {
    /// The day (`YYYY-MM-DD`).
    pub date: NaiveDate,
    /// Tokens used that day.
    pub tokens: u64,
}
