//! `GET /agents/{agentId}/runs/{runId}` (getAgentRun) end to end against a real HTTP
//! server on 127.0.0.1, with the documented examples.

use autoposting_client::agents::{AgentRunStatus, Agents};
use autoposting_client::{AuthScheme, Client, ErrorKind};
use chrono::{TimeZone, Utc};
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "sk-social-test-key";

fn client(server: &MockServer, scheme: AuthScheme) -> Client {
    Client::builder()
        .base_url(server.uri())
        .api_key(KEY)
        .auth_scheme(scheme)
        .build()
        .unwrap()
}

fn documented_200() -> serde_json::Value {
    json!({
        "success": true,
        "data": {
            "id": "run_01HXYZ",
            "agentId": "agent_01HXYZ",
            "status": "completed",
            "postsGenerated": 1,
            "tokensUsed": 850,
            "error": null,
            "startedAt": "2024-01-10T09:00:00Z",
            "completedAt": "2024-01-10T09:00:45Z"
        }
    })
}

#[tokio::test]
async fn documented_200_example_decodes_field_by_field() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/agents/agent_01HXYZ/runs/run_01HXYZ"))
        .respond_with(ResponseTemplate::new(200).set_body_json(documented_200()))
        .expect(1)
        .mount(&server)
        .await;

    let run = client(&server, AuthScheme::Bearer)
        .get_agent_run("agent_01HXYZ", "run_01HXYZ")
        .await
        .unwrap();

    assert_eq!(run.id, "run_01HXYZ");
    assert_eq!(run.agent_id, "agent_01HXYZ");
    assert_eq!(run.status, AgentRunStatus::Completed);
    assert_eq!(run.posts_generated, 1);
    assert_eq!(run.tokens_used, 850);
    assert_eq!(run.error, None);
    assert_eq!(
        run.started_at,
        Utc.with_ymd_and_hms(2024, 1, 10, 9, 0, 0).unwrap()
    );
    assert_eq!(
        run.completed_at,
        Some(Utc.with_ymd_and_hms(2024, 1, 10, 9, 0, 45).unwrap())
    );
}

#[tokio::test]
async fn documented_401_example_is_an_api_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "success": false,
            "error": "unauthorized",
            "message": "Authentication required."
        })))
        .mount(&server)
        .await;

    let error = client(&server, AuthScheme::Bearer)
        .get_agent_run("agent_01HXYZ", "run_01HXYZ")
        .await
        .unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Api);
    assert_eq!(
        error.status(),
        Some(autoposting_client::StatusCode::UNAUTHORIZED)
    );
    assert_eq!(error.code(), Some("unauthorized"));
    assert_eq!(error.message(), Some("Authentication required."));
    assert_eq!(error.operation(), Some("get_agent_run"));
    assert_eq!(
        error.to_string(),
        "get_agent_run: HTTP 401 Unauthorized: unauthorized: Authentication required."
    );
}

#[tokio::test]
async fn unknown_status_survives_as_other() {
    let server = MockServer::start().await;
    let mut body = documented_200();
    body["data"]["status"] = json!("succeeded_partially");
    body["data"]["completedAt"] = json!(null);
    body["data"]["extraField"] = json!({"nested": [1, 2]});
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;

    let run = client(&server, AuthScheme::Bearer)
        .get_agent_run("a", "r")
        .await
        .unwrap();

    assert_eq!(
        run.status,
        AgentRunStatus::Other("succeeded_partially".to_owned())
    );
    assert_eq!(run.status.as_str(), "succeeded_partially");
    assert_eq!(run.completed_at, None);
}

#[tokio::test]
async fn bearer_scheme_sends_only_authorization() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("authorization", format!("Bearer {KEY}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(documented_200()))
        .expect(1)
        .mount(&server)
        .await;

    client(&server, AuthScheme::Bearer)
        .get_agent_run("agent_01HXYZ", "run_01HXYZ")
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(
        requests[0].headers.get_all("authorization").iter().count(),
        1
    );
    assert!(requests[0].headers.get("x-api-key").is_none());
}

#[tokio::test]
async fn api_key_scheme_sends_only_x_api_key() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("x-api-key", KEY))
        .respond_with(ResponseTemplate::new(200).set_body_json(documented_200()))
        .expect(1)
        .mount(&server)
        .await;

    client(&server, AuthScheme::ApiKeyHeader)
        .get_agent_run("agent_01HXYZ", "run_01HXYZ")
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].headers.get_all("x-api-key").iter().count(), 1);
    assert!(requests[0].headers.get("authorization").is_none());
}

#[tokio::test]
async fn every_request_names_the_client_and_accepts_json() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(documented_200()))
        .mount(&server)
        .await;

    client(&server, AuthScheme::Bearer)
        .get_agent_run("a", "r")
        .await
        .unwrap();

    let request = &server.received_requests().await.unwrap()[0];
    let user_agent = request.headers.get("user-agent").unwrap().to_str().unwrap();
    assert_eq!(
        user_agent,
        concat!("autoposting-rust/", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(request.headers.get("accept").unwrap(), "application/json");
}

#[tokio::test]
async fn a_wrong_field_type_names_the_field_path() {
    let server = MockServer::start().await;
    let mut body = documented_200();
    body["data"]["startedAt"] = json!("yesterday");
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;

    let error = client(&server, AuthScheme::Bearer)
        .get_agent_run("a", "r")
        .await
        .unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Decode);
    assert_eq!(error.decode_path(), Some("data.startedAt"));
    assert_eq!(error.status(), Some(autoposting_client::StatusCode::OK));
    assert!(error.to_string().contains("at `data.startedAt`"), "{error}");
}

#[tokio::test]
async fn ids_reach_the_server_percent_encoded_as_one_segment() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/agents/team%2Falpha/runs/caf%C3%A9%2B1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(documented_200()))
        .expect(1)
        .mount(&server)
        .await;

    client(&server, AuthScheme::Bearer)
        .get_agent_run("team/alpha", "café+1")
        .await
        .unwrap();
}

#[tokio::test]
async fn dot_segments_and_empty_ids_are_rejected_before_sending() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(documented_200()))
        .expect(0)
        .mount(&server)
        .await;
    let client = client(&server, AuthScheme::Bearer);

    for (agent, run) in [("", "r"), ("a", ""), (".", "r"), ("a", ".."), ("..", "..")] {
        let error = client.get_agent_run(agent, run).await.unwrap_err();
        assert_eq!(
            error.kind(),
            ErrorKind::InvalidArgument,
            "{agent:?}/{run:?}"
        );
        assert!(error.to_string().contains("path argument"), "{error}");
    }
}
