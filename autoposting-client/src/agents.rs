//! Agents: AI agents that generate and schedule content, and their runs.
//!
//! The [`Agents`] trait declares the operations of the API's *Agents* tag; [`Client`]
//! implements it.
//!
//! [`Client`]: crate::Client

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::string_enum::string_enum;
use crate::{Result, api};

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
