//! Agents.

use autoposting_client::prelude::*;

use crate::harness::check;

#[tokio::test]
async fn get_agent_run() {
    check("GET", "/agents/{agentId}/runs/{runId}", |c| async move {
        c.get_agent_run("agent_01HXYZ", "run_01HXYZ").await
    })
    .await;
}

#[tokio::test]
async fn list_agent_runs() {
    check("GET", "/agents/{agentId}/runs", |c| async move {
        c.list_agent_runs("agent_01HXYZ", Some(20), None).await
    })
    .await;
}
