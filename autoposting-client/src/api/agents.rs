//! Agents: AI agents that generate and schedule content, and their runs.
//!
//! The [`Agents`] trait declares the operations of the API's *Agents* tag; [`Client`]
//! implements it.
//!
//! # Two descriptions of an agent
//! The API reference describes an agent by a cron `schedule`, `instructions`,
//! `knowledgeBaseId` and `platforms`; the concept page and the official SDK describe it by
//! `type`, `frequency`, `time`, `weekday`, `prompt` and `kbId`. [`Agent`] decodes both, and
//! the request types send whichever fields you set.
//!
//! # Errors common to every operation
//! Besides the errors each method lists, every call can fail with
//! [`ErrorKind::Api`](crate::ErrorKind::Api) 401 when the key is missing, invalid or (for a
//! session token) expired, 429 when rate limited (the response carries `Retry-After` in
//! seconds), and 500; and with transport and decode errors. An empty, `.` or `..` id fails
//! with [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument) before anything is
//! sent.
//!
//! [`Client`]: crate::Client

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::common::Platform;
use crate::common::string_enum::string_enum;
use crate::{List, Result, api};

/// Operations of the *Agents* tag.
#[api(crate = "crate", async_fn_docs)]
pub trait Agents {
    /// One run of an agent: its status, what it produced and when.
    ///
    /// `agent_id` (e.g. `agent_01HXYZ`) and `run_id` (e.g. `run_01HXYZ`) are sent as path
    /// segments, percent-encoded.
    ///
    /// # Errors
    /// - [`ErrorKind::Api`](crate::ErrorKind::Api) with status 401 and code `unauthorized`
    ///   when the key is missing or invalid; 403 when it lacks the `agents:read` scope;
    ///   404 when the agent or run does not exist or belongs to another organisation.
    /// - [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument) for an empty,
    ///   `.` or `..` id, before anything is sent.
    /// - Transport and decode errors as for every call.
    ///
    /// Operation `getAgentRun`.
    #[get("/agents/<agent_id>/runs/<run_id>")]
    async fn get_agent_run(&self, agent_id: &str, run_id: &str) -> Result<AgentRun>;

    /// One page of an agent's runs, newest first.
    ///
    /// `limit` is the page size (at most 100; the API's default is 50) and `offset` the
    /// number of runs to skip (default 0); `None` leaves either out. The reference documents
    /// `{"runs": […], "total": n}` and the backend is known to answer
    /// `{"items": […], "total", "limit", "offset"}`: both decode into [`List`]. To walk every
    /// page, see [`paginate`](crate::pagination::paginate).
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) 401 without a valid key, 403 without the
    /// `agents:read` scope, 404 for an unknown agent.
    #[get("/agents/<agent_id>/runs")]
    async fn list_agent_runs(
        &self,
        agent_id: &str,
        #[query] limit: Option<u32>,
        #[query] offset: Option<u32>,
    ) -> Result<List<AgentRunListItem>>;

    /// One page of the organisation's agents.
    ///
    /// `limit` is the page size and `offset` the number of agents to skip (default 0);
    /// `None` leaves either out. The API's overview gives every list a default `limit` of 50
    /// and a maximum of 100, but the official SDK's fixtures show this list answering with
    /// `"limit": 200`, so the server may apply another default here. This operation is known
    /// only from the SDK, which reads `{"items": […], "total", "limit", "offset"}`; a bare
    /// array or `{"agents": […], "total"}` decodes into [`List`] as well. To walk every
    /// page, see [`paginate`](crate::pagination::paginate).
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) 401 without a valid key, 403 without the
    /// `agents:read` scope.
    #[get("/agents")]
    async fn list_agents(
        &self,
        #[query] limit: Option<u32>,
        #[query] offset: Option<u32>,
    ) -> Result<List<Agent>>;

    /// One agent, by id (e.g. `agent_01HXYZ`, sent as a percent-encoded path segment).
    ///
    /// Known from the official SDK only; no reference page documents it.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) 401 without a valid key, 403 without the
    /// `agents:read` scope, 404 when the agent does not exist or belongs to another
    /// organisation.
    #[get("/agents/<agent_id>")]
    async fn get_agent(&self, agent_id: &str) -> Result<Agent>;

    /// Creates an agent; see [`CreateAgentRequest`] for the fields and their limits.
    ///
    /// Only the header of the reference page is published: the body fields come from the
    /// concept page's configuration table and example, and the SDK's `CreateAgentParams`
    /// (which also requires a `prompt` of 20–1,000 characters, absent from the concept
    /// example). The response is not documented; the SDK reads the created [`Agent`].
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) 400 for a missing or invalid field (see
    /// the limits on [`CreateAgentRequest`]); 401 without a valid key; 403 without the
    /// `agents:write` scope, or with code `billing_suspended` when the subscription is
    /// expired or suspended; 404 when the brand or knowledge base named is not found in
    /// the organisation.
    #[post("/agents")]
    async fn create_agent(&self, #[body] request: &CreateAgentRequest) -> Result<Agent>;

    /// Changes an agent: only the fields set on `request` are sent.
    ///
    /// The reference lists `name`, `schedule`, `platforms`, `tone`, `instructions`,
    /// `autoPublish` and `postsPerRun`; the SDK sends `name`, `prompt`, `frequency`, `time`
    /// and `weekday`. [`UpdateAgentRequest`] can set either set.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) 400 for an invalid field; 401 without a
    /// valid key; 403 without the `agents:write` scope, or with code `billing_suspended`;
    /// 404 for an unknown agent.
    #[patch("/agents/<agent_id>")]
    async fn update_agent(
        &self,
        agent_id: &str,
        #[body] request: &UpdateAgentRequest,
    ) -> Result<Agent>;

    /// Deletes an agent. Its past runs and the posts they produced are not documented to
    /// be deleted with it.
    ///
    /// The backend answers `{"success": true}` without `data` (SDK).
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) 401 without a valid key, 403 without the
    /// `agents:write` scope, 404 for an unknown agent.
    #[delete("/agents/<agent_id>")]
    async fn delete_agent(&self, agent_id: &str) -> Result<()>;

    /// Queues a run of the agent now, whatever its schedule, and returns the queued run's id
    /// and status; poll [`get_agent_run`](Agents::get_agent_run) to follow it.
    ///
    /// The SDK documents `{"runId", "status"}` (with status `pending`, decoded as
    /// [`AgentRunStatus::Queued`]), not a full [`AgentRun`]; a response carrying the run's
    /// `id` instead of `runId` decodes too.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) 401 without a valid key; 402 with code
    /// `insufficient_credits` when the organisation lacks the credits a run consumes (the
    /// overview's rule for credit-consuming calls); 403
    /// without the `agents:write` scope, or with code `billing_suspended`; 404 for an
    /// unknown agent; 409 when a connection the agent publishes through is missing or its
    /// token expired.
    #[post("/agents/<agent_id>/run")]
    async fn trigger_agent_run(&self, agent_id: &str) -> Result<TriggeredAgentRun>;

    /// Flips an agent between enabled and disabled and returns it with its new
    /// [`enabled`](Agent::enabled) value. A disabled agent runs only when triggered.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) 401 without a valid key; 403 without the
    /// `agents:write` scope, or with code `billing_suspended`; 404 for an unknown agent.
    #[post("/agents/<agent_id>/toggle")]
    async fn toggle_agent(&self, agent_id: &str) -> Result<Agent>;

    /// An agent's statistics across its runs.
    ///
    /// **Provisional:** only the header of the reference page is published, not the
    /// response body. [`AgentStats`] reads the counters under the names the API uses
    /// elsewhere and keeps every other field in [`AgentStats::other`], so nothing the
    /// server sends is lost.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) 401 without a valid key, 403 without the
    /// `agents:read` scope, 404 for an unknown agent.
    #[get("/agents/<agent_id>/stats")]
    async fn get_agent_stats(&self, agent_id: &str) -> Result<AgentStats>;

    /// One page of the posts an agent generated, across all its runs.
    ///
    /// `limit` is the page size (at most 100, default 50, as for every list of the API) and
    /// `offset` the number of outputs to skip (default 0); `None` leaves either out.
    ///
    /// **Provisional:** only the header of the reference page is published, not the
    /// response body. Every list shape of the API (`{"outputs": […], "total"}`,
    /// `{"items": […], "total", "limit", "offset"}`, a bare array) decodes into [`List`];
    /// each item is read as an [`AgentOutput`], which keeps unknown fields.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) 401 without a valid key, 403 without the
    /// `agents:read` scope, 404 for an unknown agent.
    #[get("/agents/<agent_id>/outputs")]
    async fn list_agent_outputs(
        &self,
        agent_id: &str,
        #[query] limit: Option<u32>,
        #[query] offset: Option<u32>,
    ) -> Result<List<AgentOutput>>;
}

/// A run as listed by [`Agents::list_agent_runs`]: the summary fields of an [`AgentRun`].
///
/// The reference shows `postsGenerated`, `startedAt` and `completedAt`; the SDK's runs carry
/// `output` and `createdAt` instead. Every field but the ids and status is therefore
/// optional.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AgentRunListItem {
    /// The run id, e.g. `run_01HXYZ`.
    pub id: String,
    /// The id of the agent that ran.
    pub agent_id: String,
    /// Where the run is in its life cycle.
    pub status: AgentRunStatus,
    /// How many posts the run generated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub posts_generated: Option<u64>,
    /// How many AI tokens the run consumed, where the listing includes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokens_used: Option<u64>,
    /// Why the run failed, where it did and the listing says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// A summary of what the run did (SDK), e.g. `Post published successfully`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<String>,
    /// When the run started (RFC 3339, UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<DateTime<Utc>>,
    /// When the run finished; `None` while it is queued or running.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_at: Option<DateTime<Utc>>,
    /// When the run was created (SDK), where the listing gives it instead of `startedAt`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<DateTime<Utc>>,
}

/// A single execution of an agent (`AgentRun` in the API's OpenAPI document).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AgentRun {
    /// The run id, e.g. `run_01HXYZ`.
    pub id: String,
    /// The id of the agent that ran, e.g. `agent_01HXYZ`.
    pub agent_id: String,
    /// Where the run is in its life cycle.
    pub status: AgentRunStatus,
    /// How many posts the run generated.
    pub posts_generated: u64,
    /// How many AI tokens the run consumed.
    pub tokens_used: u64,
    /// Why the run failed; `None` unless it did.
    #[serde(default)]
    pub error: Option<String>,
    /// When the run started (RFC 3339, UTC).
    pub started_at: DateTime<Utc>,
    /// When the run finished (RFC 3339, UTC); `None` while it is queued or running.
    #[serde(default)]
    pub completed_at: Option<DateTime<Utc>>,
}

string_enum! {
    /// The status of an agent run.
    ///
    /// Three documents disagree: the reference enum is `queued | running | completed |
    /// failed`, the concept page lists `pending`, `running`, `succeeded`, `partial` and
    /// `failed`, and the SDK types `running | completed | failed`. Every spelling decodes to
    /// one of these variants; any other value is kept in `Other`.
    pub enum AgentRunStatus {
        /// Waiting to start.
        Queued = "queued" | "pending",
        /// In progress.
        Running = "running",
        /// Finished successfully.
        Completed = "completed" | "succeeded",
        /// Finished, but only some of its posts were produced or published (concept page).
        Partial = "partial",
        /// Finished with an error; see [`AgentRun::error`].
        Failed = "failed",
    }
}

/// The run queued by [`Agents::trigger_agent_run`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TriggeredAgentRun {
    /// The id of the queued run, for [`Agents::get_agent_run`]; also read from `id`.
    #[serde(alias = "id")]
    pub run_id: String,
    /// The run's status, usually [`AgentRunStatus::Queued`] (sent as `pending`).
    pub status: AgentRunStatus,
}

/// An AI agent that generates and schedules content (`Agent` in the reference).
///
/// Fields of both descriptions of an agent (see the [module docs](self)) are optional, except
/// those that every documented shape has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Agent {
    /// The agent id, e.g. `agent_01HXYZ`.
    pub id: String,
    /// The agent's name, e.g. `Weekly LinkedIn Insights`.
    pub name: String,
    /// Whether the agent runs on its schedule; also read from `active`.
    #[serde(alias = "active")]
    pub enabled: bool,
    /// Whether the agent publishes or only researches (SDK, concept page).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub agent_type: Option<AgentType>,
    /// The slug of the brand the agent posts for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand_slug: Option<String>,
    /// The display name of that brand (SDK).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand_name: Option<String>,
    /// The platforms the agent posts to (`x`, `linkedin`, `instagram`, `threads`,
    /// `youtube` on the wire); one this client does not know is kept as
    /// [`Platform::Other`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platforms: Option<Vec<Platform>>,
    /// The agent's schedule as a cron expression (reference).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule: Option<String>,
    /// How often the agent runs (SDK, concept page).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frequency: Option<AgentFrequency>,
    /// The time of day it runs, `HH:MM` 24-hour, in the agent's timezone (SDK).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// The day a weekly agent runs (SDK).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weekday: Option<AgentWeekday>,
    /// Whether generated posts are published without review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_publish: Option<bool>,
    /// The agent's instructions (reference).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instructions: Option<String>,
    /// The agent's prompt (SDK; 20–1,000 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt: Option<String>,
    /// The knowledge base the agent draws on; also read from the SDK's `kbId`.
    #[serde(alias = "kbId", default, skip_serializing_if = "Option::is_none")]
    pub knowledge_base_id: Option<String>,
    /// The name of that knowledge base (SDK).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kb_name: Option<String>,
    /// How many posts a run generates (1–50).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub posts_per_run: Option<u64>,
    /// When the agent last ran (RFC 3339, UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_run_at: Option<DateTime<Utc>>,
    /// When the agent runs next (RFC 3339, UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_run_at: Option<DateTime<Utc>>,
    /// When the agent was created (RFC 3339, UTC).
    pub created_at: DateTime<Utc>,
    /// When the agent was last changed (RFC 3339, UTC).
    pub updated_at: DateTime<Utc>,
}

/// An agent's statistics, from [`Agents::get_agent_stats`].
///
/// The response body is not published: the named fields are read where the server sends
/// them under these names, and every other field is kept in [`other`](AgentStats::other).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AgentStats {
    /// How many runs the agent has had (`totalRuns`), where the response says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_runs: Option<u64>,
    /// How many posts its runs generated (`postsGenerated`, as on a run), where the
    /// response says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub posts_generated: Option<u64>,
    /// How many AI tokens its runs consumed (`tokensUsed`, as on a run), where the response
    /// says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokens_used: Option<u64>,
    /// When the agent last ran (`lastRunAt`, as on an agent; RFC 3339, UTC), where the
    /// response says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_run_at: Option<DateTime<Utc>>,
    /// Every other field of the response, as received.
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

/// A post an agent generated, from [`Agents::list_agent_outputs`].
///
/// The response body is not published; the fields are those of a post as the SDK describes
/// it plus the run that produced it, all optional but the id, and every other field is kept
/// in [`other`](AgentOutput::other).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AgentOutput {
    /// The post id, e.g. `post_01HXYZ`.
    pub id: String,
    /// The run that generated it (`runId`), where the response says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_id: Option<String>,
    /// The slug of the brand it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand_slug: Option<String>,
    /// The post's text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The platforms it targets (`x`, `linkedin`, … on the wire); one this client does not
    /// know is kept as [`Platform::Other`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platforms: Option<Vec<Platform>>,
    /// The post's status as sent (`draft`, `scheduled`, `published`, `failed`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// When it is scheduled to publish (RFC 3339, UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheduled_at: Option<DateTime<Utc>>,
    /// When it was published (RFC 3339, UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_at: Option<DateTime<Utc>>,
    /// When it was created (RFC 3339, UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<DateTime<Utc>>,
    /// Every other field of the post, as received.
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

string_enum! {
    /// What an agent does with what it finds.
    pub enum AgentType {
        /// Writes and schedules or publishes posts.
        Publish = "publish",
        /// Gathers research without posting.
        Research = "research",
    }
}

string_enum! {
    /// How often an agent runs.
    pub enum AgentFrequency {
        /// Only when triggered.
        Manual = "manual",
        /// Every day at its `time`.
        Daily = "daily",
        /// Every week on its `weekday` at its `time`.
        Weekly = "weekly",
    }
}

string_enum! {
    /// A day of the week, as agents' `weekday` spells it.
    pub enum AgentWeekday {
        /// Monday.
        Monday = "mon",
        /// Tuesday.
        Tuesday = "tue",
        /// Wednesday.
        Wednesday = "wed",
        /// Thursday.
        Thursday = "thu",
        /// Friday.
        Friday = "fri",
        /// Saturday.
        Saturday = "sat",
        /// Sunday.
        Sunday = "sun",
    }
}

string_enum! {
    /// Where an agent takes its material from.
    pub enum ContentSource {
        /// Its knowledge base.
        KnowledgeBase = "kb",
        /// Current news.
        News = "news",
        /// Both.
        Both = "both",
    }
}

string_enum! {
    /// The tone of an agent's posts. The reference's update body lists the first five; the
    /// concept page lists further presets.
    pub enum AgentTone {
        /// Professional.
        Professional = "professional",
        /// Casual.
        Casual = "casual",
        /// Educational.
        Educational = "educational",
        /// Inspirational.
        Inspirational = "inspirational",
        /// Humorous.
        Humorous = "humorous",
        /// Concise (concept page preset).
        Concise = "concise",
        /// Playful (concept page preset).
        Playful = "playful",
        /// Thought leader (concept page preset).
        ThoughtLeader = "thought-leader",
        /// Storyteller (concept page preset).
        Storyteller = "storyteller",
        /// Breaking news (concept page preset).
        BreakingNews = "breaking-news",
        /// Controversial (concept page preset).
        Controversial = "controversial",
        /// Product launch (concept page preset).
        ProductLaunch = "product-launch",
        /// Satirical (concept page preset).
        Satirical = "satirical",
    }
}

/// The body of [`Agents::create_agent`]: `new` takes the required fields, the `with_*`
/// methods add optional ones, and unset fields are left out of the JSON.
///
/// ```
/// use autoposting_client::agents::{AgentFrequency, AgentType, CreateAgentRequest, AgentWeekday};
/// use autoposting_client::posts::Platform;
///
/// let request = CreateAgentRequest::new("Weekly LinkedIn Insights", AgentType::Publish, AgentFrequency::Weekly)
///     .with_brand_slug("my-brand")
///     .with_weekday(AgentWeekday::Monday)
///     .with_time("09:00")
///     .with_timezone("America/New_York")
///     .with_platforms([Platform::Linkedin])
///     .with_posts_per_run(3);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CreateAgentRequest {
    /// The agent's name.
    pub name: String,
    /// Publish or research.
    #[serde(rename = "type")]
    pub agent_type: AgentType,
    /// The brand it posts for, by slug.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub brand_slug: Option<String>,
    /// The knowledge base it draws on, by id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kb_id: Option<String>,
    /// How often it runs.
    pub frequency: AgentFrequency,
    /// The day it runs; for weekly agents only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weekday: Option<AgentWeekday>,
    /// The time of day it runs, `HH:MM` 24-hour.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// The end of its run window, `HH:MM` 24-hour.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_end: Option<String>,
    /// The IANA timezone of `time`, e.g. `America/New_York`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// The platforms it posts to, sent as their API names (`x`, `linkedin`, `instagram`,
    /// `threads`, `youtube`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platforms: Option<Vec<Platform>>,
    /// How many posts a run generates, 1–50.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub posts_per_run: Option<u32>,
    /// Whether posts are published without review.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_publish: Option<bool>,
    /// Where it takes its material from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_source: Option<ContentSource>,
    /// What it should write about, 20–1,000 characters (required by the SDK).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prompt: Option<String>,
    /// A description of the writing style, at most 4,000 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub writing_style: Option<String>,
    /// Whether to e-mail a notification after each run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notify_email: Option<bool>,
}

impl CreateAgentRequest {
    /// A request with the required fields and nothing else.
    pub fn new(name: impl Into<String>, agent_type: AgentType, frequency: AgentFrequency) -> Self {
        CreateAgentRequest {
            name: name.into(),
            agent_type,
            brand_slug: None,
            kb_id: None,
            frequency,
            weekday: None,
            time: None,
            time_end: None,
            timezone: None,
            platforms: None,
            posts_per_run: None,
            auto_publish: None,
            content_source: None,
            prompt: None,
            writing_style: None,
            notify_email: None,
        }
    }

    /// Sets the brand, by slug.
    pub fn with_brand_slug(mut self, brand_slug: impl Into<String>) -> Self {
        self.brand_slug = Some(brand_slug.into());
        self
    }

    /// Sets the knowledge base, by id.
    pub fn with_kb_id(mut self, kb_id: impl Into<String>) -> Self {
        self.kb_id = Some(kb_id.into());
        self
    }

    /// Sets the day of a weekly agent.
    pub fn with_weekday(mut self, weekday: AgentWeekday) -> Self {
        self.weekday = Some(weekday);
        self
    }

    /// Sets the time of day, `HH:MM` 24-hour.
    pub fn with_time(mut self, time: impl Into<String>) -> Self {
        self.time = Some(time.into());
        self
    }

    /// Sets the end of the run window, `HH:MM` 24-hour.
    pub fn with_time_end(mut self, time_end: impl Into<String>) -> Self {
        self.time_end = Some(time_end.into());
        self
    }

    /// Sets the IANA timezone, e.g. `America/New_York`.
    pub fn with_timezone(mut self, timezone: impl Into<String>) -> Self {
        self.timezone = Some(timezone.into());
        self
    }

    /// Sets the platforms it posts to.
    pub fn with_platforms(mut self, platforms: impl IntoIterator<Item = Platform>) -> Self {
        self.platforms = Some(platforms.into_iter().collect());
        self
    }

    /// Sets how many posts a run generates, 1–50.
    pub fn with_posts_per_run(mut self, posts_per_run: u32) -> Self {
        self.posts_per_run = Some(posts_per_run);
        self
    }

    /// Sets whether posts are published without review.
    pub fn with_auto_publish(mut self, auto_publish: bool) -> Self {
        self.auto_publish = Some(auto_publish);
        self
    }

    /// Sets where the material comes from.
    pub fn with_content_source(mut self, content_source: ContentSource) -> Self {
        self.content_source = Some(content_source);
        self
    }

    /// Sets the prompt, 20–1,000 characters.
    pub fn with_prompt(mut self, prompt: impl Into<String>) -> Self {
        self.prompt = Some(prompt.into());
        self
    }

    /// Sets the writing style, at most 4,000 characters.
    pub fn with_writing_style(mut self, writing_style: impl Into<String>) -> Self {
        self.writing_style = Some(writing_style.into());
        self
    }

    /// Sets whether to e-mail a notification after each run.
    pub fn with_notify_email(mut self, notify_email: bool) -> Self {
        self.notify_email = Some(notify_email);
        self
    }
}

/// The body of [`Agents::update_agent`]: every field is optional and only the fields set
/// are sent, so the server keeps the others.
///
/// ```
/// use autoposting_client::agents::{AgentTone, UpdateAgentRequest};
///
/// let change = UpdateAgentRequest::new().with_name("Daily digest").with_tone(AgentTone::Casual);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UpdateAgentRequest {
    /// A new name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A new cron schedule (reference).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule: Option<String>,
    /// New platforms, sent as their API names (`x`, `linkedin`, `instagram`, `threads`,
    /// `youtube`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platforms: Option<Vec<Platform>>,
    /// A new tone (reference).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tone: Option<AgentTone>,
    /// New instructions (reference).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instructions: Option<String>,
    /// Whether posts are published without review.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_publish: Option<bool>,
    /// How many posts a run generates, 1–50.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub posts_per_run: Option<u32>,
    /// A new prompt, 20–1,000 characters (SDK).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prompt: Option<String>,
    /// A new frequency (SDK).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub frequency: Option<AgentFrequency>,
    /// A new time of day, `HH:MM` 24-hour (SDK).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// A new day for a weekly agent (SDK).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weekday: Option<AgentWeekday>,
}

impl UpdateAgentRequest {
    /// A request that changes nothing; add fields with the `with_*` methods.
    pub fn new() -> Self {
        UpdateAgentRequest::default()
    }

    /// Sets a new name.
    pub fn with_name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Sets a new cron schedule.
    pub fn with_schedule(mut self, schedule: impl Into<String>) -> Self {
        self.schedule = Some(schedule.into());
        self
    }

    /// Sets new platforms; an empty list sends `[]`.
    pub fn with_platforms(mut self, platforms: impl IntoIterator<Item = Platform>) -> Self {
        self.platforms = Some(platforms.into_iter().collect());
        self
    }

    /// Sets a new tone.
    pub fn with_tone(mut self, tone: AgentTone) -> Self {
        self.tone = Some(tone);
        self
    }

    /// Sets new instructions.
    pub fn with_instructions(mut self, instructions: impl Into<String>) -> Self {
        self.instructions = Some(instructions.into());
        self
    }

    /// Sets whether posts are published without review.
    pub fn with_auto_publish(mut self, auto_publish: bool) -> Self {
        self.auto_publish = Some(auto_publish);
        self
    }

    /// Sets how many posts a run generates, 1–50.
    pub fn with_posts_per_run(mut self, posts_per_run: u32) -> Self {
        self.posts_per_run = Some(posts_per_run);
        self
    }

    /// Sets a new prompt, 20–1,000 characters.
    pub fn with_prompt(mut self, prompt: impl Into<String>) -> Self {
        self.prompt = Some(prompt.into());
        self
    }

    /// Sets a new frequency.
    pub fn with_frequency(mut self, frequency: AgentFrequency) -> Self {
        self.frequency = Some(frequency);
        self
    }

    /// Sets a new time of day, `HH:MM` 24-hour.
    pub fn with_time(mut self, time: impl Into<String>) -> Self {
        self.time = Some(time.into());
        self
    }

    /// Sets a new day for a weekly agent.
    pub fn with_weekday(mut self, weekday: AgentWeekday) -> Self {
        self.weekday = Some(weekday);
        self
    }
}
