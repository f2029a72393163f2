//! The client against the project's own Autoposting-compatible server (`autoposting-mock`).

use autoposting_client::agents::{AgentRunStatus, Agents};
use autoposting_client::{AuthScheme, Client, ErrorKind, StatusCode};
use autoposting_mock::MockServer;

fn client(server: &MockServer, key: &str, scheme: AuthScheme) -> Client {
    Client::builder()
        .base_url(server.base_url())
        .api_key(key)
        .auth_scheme(scheme)
        .build()
        .unwrap()
}

#[tokio::test]
async fn serves_the_documented_run_with_either_auth_scheme() {
    let server = MockServer::start().await.unwrap();
    for scheme in [AuthScheme::Bearer, AuthScheme::ApiKeyHeader] {
        let run = client(&server, server.api_key(), scheme)
            .get_agent_run("agent_01HXYZ", "run_01HXYZ")
            .await
            .unwrap();
        assert_eq!(run.id, "run_01HXYZ");
        assert_eq!(run.status, AgentRunStatus::Completed);
        assert_eq!(run.tokens_used, 850);
    }
}

#[tokio::test]
async fn a_running_run_has_no_completion_time() {
    let server = MockServer::start().await.unwrap();
    let run = client(&server, server.api_key(), AuthScheme::Bearer)
        .get_agent_run("agent_01HXYZ", "run_01HXZ1")
        .await
        .unwrap();
    assert_eq!(run.status, AgentRunStatus::Running);
    assert_eq!(run.completed_at, None);
}

#[tokio::test]
async fn a_wrong_key_gets_the_documented_401() {
    let server = MockServer::start().await.unwrap();
    let error = client(&server, "sk-social-wrong", AuthScheme::Bearer)
        .get_agent_run("agent_01HXYZ", "run_01HXYZ")
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Api);
    assert_eq!(error.status(), Some(StatusCode::UNAUTHORIZED));
    assert_eq!(error.code(), Some("unauthorized"));
    assert_eq!(error.message(), Some("Authentication required."));
}

#[tokio::test]
async fn an_unknown_run_is_a_404_not_found() {
    let server = MockServer::start().await.unwrap();
    let error = client(&server, server.api_key(), AuthScheme::Bearer)
        .get_agent_run("agent_01HXYZ", "run_nope")
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(StatusCode::NOT_FOUND));
    assert_eq!(error.code(), Some("not_found"));
}

#[tokio::test]
async fn lists_runs_in_pages() {
    let server = MockServer::start().await.unwrap();
    let client = client(&server, server.api_key(), AuthScheme::Bearer);
    // The documented list item has no `tokensUsed`, so the typed client's item, not `MyRun`.
    let page = client
        .list_agent_runs("agent_01HXYZ", Some(2), Some(1))
        .await
        .unwrap();
    assert_eq!(page.total, Some(3));
    let ids: Vec<&str> = page.items.iter().map(|run| run.id.as_str()).collect();
    assert_eq!(ids, ["run_01HXZ0", "run_01HXZ1"]);
}
