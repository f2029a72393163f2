//! Agents: AI agents that generate and schedule content, and their runs.
//!
//! The [`Agents`] trait declares the operations of the API's *Agents* tag; [`Client`]
//! implements it.
//!
//! [`Client`]: crate::Client

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::string_enum::string_enum;
use crate::{List, Result, api};

/// Operations of the *Agents* tag.
#[api(crate = "crate")]
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
}

/// A run as listed by [`Agents::list_agent_runs`]: the summary fields of an [`AgentRun`].
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
    /// When the run started (RFC 3339, UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<DateTime<Utc>>,
    /// When the run finished; `None` while it is queued or running.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_at: Option<DateTime<Utc>>,
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
    /// The status of an [`AgentRun`].
    pub enum AgentRunStatus {
        /// Waiting to start.
        Queued = "queued",
        /// In progress.
        Running = "running",
        /// Finished successfully.
        Completed = "completed",
        /// Finished with an error; see [`AgentRun::error`].
        Failed = "failed",
    }
}
