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
use crate::common::spelling::keeps_spelling;
use crate::common::string_enum::string_enum;
use crate::{List, Result, api};

mod settings;

pub use settings::{
    AgentFrequency, AgentTone, AgentType, AgentWeekday, ContentSource, CreateAgentRequest,
    UpdateAgentRequest,
};

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
///
/// ```json
/// {"id": "run_01HXYZ", "agentId": "agent_01HXYZ", "status": "completed", "postsGenerated": 1,
///  "startedAt": "2024-01-10T09:00:00Z", "completedAt": "2024-01-10T09:00:45Z"}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AgentRunListItem {
    /// `id`: the run id, e.g. `run_01HXYZ`.
    pub id: String,
    /// `agentId`: the id of the agent that ran.
    pub agent_id: String,
    /// `status`: where the run is in its life cycle.
    pub status: AgentRunStatus,
    /// `postsGenerated`: how many posts the run generated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub posts_generated: Option<u64>,
    /// `tokensUsed`: how many AI tokens the run consumed, where the listing includes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokens_used: Option<u64>,
    /// `error`: why the run failed, where it did and the listing says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// `output`: a summary of what the run did (SDK), e.g. `Post published successfully`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<String>,
    /// `startedAt`: when the run started (RFC 3339, UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<DateTime<Utc>>,
    /// `completedAt`: when the run finished; `None` while it is queued or running.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_at: Option<DateTime<Utc>>,
    /// `createdAt`: when the run was created (SDK), where the listing gives it instead of
    /// `startedAt`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<DateTime<Utc>>,
}

/// A single execution of an agent (`AgentRun` in the API's OpenAPI document).
///
/// ```json
/// {"id": "run_01HXYZ", "agentId": "agent_01HXYZ", "status": "completed", "postsGenerated": 1,
///  "tokensUsed": 850, "error": null, "startedAt": "2024-01-10T09:00:00Z",
///  "completedAt": "2024-01-10T09:00:45Z"}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AgentRun {
    /// `id`: the run id, e.g. `run_01HXYZ`.
    pub id: String,
    /// `agentId`: the id of the agent that ran, e.g. `agent_01HXYZ`.
    pub agent_id: String,
    /// `status`: where the run is in its life cycle.
    pub status: AgentRunStatus,
    /// `postsGenerated`: how many posts the run generated (a count, never negative).
    pub posts_generated: u64,
    /// `tokensUsed`: how many AI tokens the run consumed (a count, never negative).
    pub tokens_used: u64,
    /// `error`: why the run failed; `None` unless it did.
    #[serde(default)]
    pub error: Option<String>,
    /// `startedAt`: when the run started (RFC 3339, UTC).
    pub started_at: DateTime<Utc>,
    /// `completedAt`: when the run finished (RFC 3339, UTC); `None` while it is queued or
    /// running.
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

keeps_spelling! {
    /// The run queued by [`Agents::trigger_agent_run`].
    ///
    /// The run's id comes as `runId` (SDK) or `id` (a full run); it is written back under
    /// the key it came in.
    ///
    /// ```json
    /// {"runId": "run_01HXYZ", "status": "pending"}
    /// ```
    #[derive(Clone, PartialEq, Eq)]
    #[non_exhaustive]
    pub struct TriggeredAgentRun as "TriggeredAgentRun" {
        /// `runId` (or `id`): the id of the queued run, for [`Agents::get_agent_run`].
        pub run_id: String,
        /// `status`: the run's status, usually [`AgentRunStatus::Queued`] (sent as
        /// `pending`).
        pub status: AgentRunStatus,
    }
    aliases = [("id", "runId")];
}

keeps_spelling! {
    /// An AI agent that generates and schedules content (`Agent` in the reference).
    ///
    /// Fields of both descriptions of an agent (see the [module docs](self)) are optional,
    /// except those that every documented shape has. `enabled` also comes as `active`, and
    /// `knowledgeBaseId` as the SDK's `kbId`: each is written back under the key it came in,
    /// and a body carrying both spellings decodes (the first one wins).
    ///
    /// ```json
    /// {"id": "agent_01HXYZ", "name": "Weekly LinkedIn Insights", "brandSlug": "acme-corp",
    ///  "platforms": ["linkedin"], "schedule": "0 9 * * 1", "enabled": true,
    ///  "autoPublish": true, "instructions": "Summarise the week", "knowledgeBaseId": "kb_01HXYZ",
    ///  "postsPerRun": 3, "lastRunAt": "2024-01-08T09:00:00Z", "nextRunAt": "2024-01-15T09:00:00Z",
    ///  "createdAt": "2024-01-01T00:00:00Z", "updatedAt": "2024-01-08T09:00:45Z"}
    /// ```
    #[derive(Clone, PartialEq, Eq)]
    #[non_exhaustive]
    pub struct Agent as "Agent" {
        /// `id`: the agent id, e.g. `agent_01HXYZ`.
        pub id: String,
        /// `name`: the agent's name, e.g. `Weekly LinkedIn Insights`.
        pub name: String,
        /// `enabled` (or `active`): whether the agent runs on its schedule.
        pub enabled: bool,
        /// `type`: whether the agent publishes or only researches (SDK, concept page).
        #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
        pub agent_type: Option<AgentType>,
        /// `brandSlug`: the slug of the brand the agent posts for.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub brand_slug: Option<String>,
        /// `brandName`: the display name of that brand (SDK).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub brand_name: Option<String>,
        /// `platforms`: the platforms the agent posts to (`x`, `linkedin`, `instagram`,
        /// `threads`, `youtube`); one this client does not know is kept as
        /// [`Platform::Other`].
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub platforms: Option<Vec<Platform>>,
        /// `schedule`: the agent's schedule as a cron expression (reference).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub schedule: Option<String>,
        /// `frequency`: how often the agent runs (SDK, concept page).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub frequency: Option<AgentFrequency>,
        /// `time`: the time of day it runs, `HH:MM` 24-hour, in the agent's timezone (SDK).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub time: Option<String>,
        /// `weekday`: the day a weekly agent runs (SDK).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub weekday: Option<AgentWeekday>,
        /// `autoPublish`: whether generated posts are published without review.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub auto_publish: Option<bool>,
        /// `instructions`: the agent's instructions (reference).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub instructions: Option<String>,
        /// `prompt`: the agent's prompt (SDK; 20–1,000 characters).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub prompt: Option<String>,
        /// `knowledgeBaseId` (or the SDK's `kbId`): the knowledge base the agent draws on.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub knowledge_base_id: Option<String>,
        /// `kbName`: the name of that knowledge base (SDK).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub kb_name: Option<String>,
        /// `postsPerRun`: how many posts a run generates (1–50).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub posts_per_run: Option<u64>,
        /// `lastRunAt`: when the agent last ran (RFC 3339, UTC).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub last_run_at: Option<DateTime<Utc>>,
        /// `nextRunAt`: when the agent runs next (RFC 3339, UTC).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub next_run_at: Option<DateTime<Utc>>,
        /// `createdAt`: when the agent was created (RFC 3339, UTC).
        pub created_at: DateTime<Utc>,
        /// `updatedAt`: when the agent was last changed (RFC 3339, UTC).
        pub updated_at: DateTime<Utc>,
    }
    aliases = [("active", "enabled"), ("kbId", "knowledgeBaseId")];
}

/// An agent's statistics, from [`Agents::get_agent_stats`].
///
/// The response body is not published: the named fields are read where the server sends
/// them under these names, and every other field is kept in [`other`](AgentStats::other).
///
/// ```json
/// {"totalRuns": 12, "postsGenerated": 30, "tokensUsed": 10200,
///  "lastRunAt": "2024-01-10T09:00:45Z", "runsByStatus": {"completed": 10, "failed": 2}}
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AgentStats {
    /// `totalRuns`: how many runs the agent has had, where the response says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_runs: Option<u64>,
    /// `postsGenerated` (as on a run): how many posts its runs generated, where the
    /// response says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub posts_generated: Option<u64>,
    /// `tokensUsed` (as on a run): how many AI tokens its runs consumed, where the response
    /// says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokens_used: Option<u64>,
    /// `lastRunAt` (as on an agent): when the agent last ran (RFC 3339, UTC), where the
    /// response says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_run_at: Option<DateTime<Utc>>,
    /// Every other key of the response, as received.
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

/// A post an agent generated, from [`Agents::list_agent_outputs`].
///
/// The response body is not published; the fields are those of a post as the SDK describes
/// it plus the run that produced it, all optional but the id, and every other field is kept
/// in [`other`](AgentOutput::other).
///
/// ```json
/// {"id": "post_01HXYZ", "runId": "run_01HXYZ", "brandSlug": "acme-corp",
///  "text": "Three things we learned shipping Rust", "platforms": ["linkedin"],
///  "status": "scheduled", "scheduledAt": "2024-01-11T09:00:00Z",
///  "createdAt": "2024-01-10T09:00:40Z"}
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AgentOutput {
    /// `id`: the post id, e.g. `post_01HXYZ`.
    pub id: String,
    /// `runId`: the run that generated it, where the response says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_id: Option<String>,
    /// `brandSlug`: the slug of the brand it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand_slug: Option<String>,
    /// `text`: the post's text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// `platforms`: the platforms it targets (`x`, `linkedin`, …); one this client does not
    /// know is kept as [`Platform::Other`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platforms: Option<Vec<Platform>>,
    /// `status`: the post's status as sent (`draft`, `scheduled`, `published`, `failed`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// `scheduledAt`: when it is scheduled to publish (RFC 3339, UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheduled_at: Option<DateTime<Utc>>,
    /// `publishedAt`: when it was published (RFC 3339, UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_at: Option<DateTime<Utc>>,
    /// `createdAt`: when it was created (RFC 3339, UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<DateTime<Utc>>,
    /// Every other key of the post, as received.
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}
