//! A user crate that depends on the client under the name `ap`. The generated code must
//! reach the runtime only through the `crate = "ap"` path given to the macro.

use serde::Deserialize;

/// A run, as this user models it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Run {
    /// Run id.
    pub id: String,
    /// Tokens used.
    pub tokens_used: u64,
}

/// Runs, declared through the renamed dependency.
#[ap::api(crate = "ap")]
pub trait Runs {
    /// One run of an agent.
    #[get("/agents/<agent_id>/runs/<run_id>")]
    async fn run(&self, agent_id: &str, run_id: &str) -> ap::Result<Run>;
}
