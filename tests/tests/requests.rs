//! What the generated methods put on the wire: query strings, headers, bodies, path
//! segments; and that a user-declared trait works through `Client` and through a test
//! double. Served from 127.0.0.1.

use std::sync::Arc;
use std::time::Duration;

use autoposting_client::{Client, ErrorKind, Result, RetryPolicy, StatusCode, async_trait};
use autoposting_tests::support::{EchoSegments, serve};
use autoposting_tests::{Agent, AgentChange, Filter, MyRun, Platform, Probe, RunPage, Runs};
use serde_json::json;
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn server_with(body: serde_json::Value) -> (MockServer, Client) {
    serve(ResponseTemplate::new(200).set_body_json(body)).await
}

#[tokio::test]
async fn query_scalars_sequences_and_structs() {
    let (server, client) = server_with(json!({"success": true, "data": {"hits": 0}})).await;
    let filter = Filter {
        brand_slug: Some("my brand&co".into()),
        limit: Some(20),
    };

    let data = client
        .search(
            Some("a+b c"),
            &[Platform::X, Platform::LinkedIn],
            &filter,
            Some("req-1"),
        )
        .await
        .unwrap();
    client
        .search(None, &[], &Filter::default(), None)
        .await
        .unwrap();

    assert_eq!(data, json!({"hits": 0}));
    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        requests[0].url.query(),
        Some("q=a%2Bb+c&platform=x&platform=linkedin&brandSlug=my+brand%26co&limit=20")
    );
    assert_eq!(requests[0].headers.get("x-request-id").unwrap(), "req-1");
    assert_eq!(requests[1].url.query(), None);
    assert!(requests[1].headers.get("x-request-id").is_none());
}

#[tokio::test]
async fn patch_sends_the_json_body_without_null_fields() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/agents/agent_1"))
        .and(body_json(json!({"name": "Weekly digest"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"success": true, "data": {"id": "agent_1", "name": "Weekly digest"}}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();

    let agent = client
        .rename(
            "agent_1",
            &AgentChange {
                name: Some("Weekly digest".into()),
                enabled: None,
            },
        )
        .await
        .unwrap();

    assert_eq!(
        agent,
        Agent {
            id: "agent_1".into(),
            name: "Weekly digest".into()
        }
    );
    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        request.headers.get("content-type").unwrap(),
        "application/json"
    );
}

#[tokio::test]
async fn post_without_body_sends_no_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/items/42/touch"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();

    client.touch(42).await.unwrap();

    let request = &server.received_requests().await.unwrap()[0];
    assert!(request.body.is_empty());
    assert!(request.headers.get("content-type").is_none());
}

#[tokio::test]
async fn argument_names_cannot_collide_with_generated_code() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/hygiene/s/r/t"))
        .and(body_json(json!({"ok": 1})))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();

    client
        .hygiene("s", "r", "t", Some("c"), None, &json!({"ok": 1}))
        .await
        .unwrap();

    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(request.url.query(), Some("client=c"));
}

#[tokio::test]
async fn header_values_with_newlines_are_invalid_arguments() {
    let (server, client) = server_with(json!({"success": true, "data": 1})).await;

    let error = client
        .search(None, &[], &Filter::default(), Some("a\r\nInjected: 1"))
        .await
        .unwrap_err();

    assert_eq!(error.kind(), ErrorKind::InvalidArgument);
    assert!(!error.to_string().contains("Injected"), "{error}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn awkward_ids_arrive_as_one_segment_each() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(EchoSegments)
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();

    for id in [
        "team/alpha",
        "50%off",
        "x?y#z",
        "my agent",
        "café+1",
        "a;b=c",
        "%2F",
        "...",
        "🦀",
    ] {
        let echoed = client.echo(id, "tail").await.unwrap();
        assert_eq!(echoed, vec![id.to_owned(), "tail".to_owned()], "{id}");
    }
}

#[tokio::test]
async fn a_base_url_with_a_path_prefix_keeps_it() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api-proxy/agents/a/runs/r"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"success": true, "data": {"id": "r", "status": "queued", "tokensUsed": 0}}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(format!("{}/api-proxy/", server.uri()))
        .build()
        .unwrap();

    assert_eq!(client.run("a", "r").await.unwrap().status, "queued");
}

/// A hand-written double of the user's trait: no HTTP at all.
struct FakeRuns;

#[async_trait]
impl Runs for FakeRuns {
    async fn run(&self, _agent_id: &str, run_id: &str) -> Result<MyRun> {
        Ok(MyRun {
            id: run_id.to_owned(),
            status: "completed".into(),
            tokens_used: 7,
        })
    }
    async fn runs(
        &self,
        _agent_id: &str,
        _limit: Option<u32>,
        _offset: Option<u32>,
    ) -> Result<RunPage> {
        Ok(RunPage {
            runs: vec![],
            total: 0,
        })
    }
    async fn rename(&self, agent_id: &str, change: &AgentChange) -> Result<Agent> {
        Ok(Agent {
            id: agent_id.to_owned(),
            name: change.name.clone().unwrap_or_default(),
        })
    }
    async fn delete_agent(&self, agent_id: &str) -> Result<()> {
        // A double can fail the way the API does.
        Err(autoposting_client::Error::api(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("No agent {agent_id}."),
        ))
    }
}

async fn tokens_of(runs: &dyn Runs, run_id: &str) -> Result<u64> {
    Ok(runs.run("agent_1", run_id).await?.tokens_used)
}

#[tokio::test]
async fn the_same_code_runs_on_the_client_and_on_a_test_double() {
    let (_server, client) = server_with(
        json!({"success": true, "data": {"id": "run_1", "status": "running", "tokensUsed": 850}}),
    )
    .await;

    assert_eq!(tokens_of(&client, "run_1").await.unwrap(), 850);
    assert_eq!(tokens_of(&FakeRuns, "run_1").await.unwrap(), 7);

    let error = FakeRuns.delete_agent("agent_9").await.unwrap_err();
    assert_eq!(
        (error.kind(), error.status(), error.code()),
        (
            ErrorKind::Api,
            Some(StatusCode::NOT_FOUND),
            Some("not_found")
        )
    );
    assert_eq!(
        error.to_string(),
        "HTTP 404 Not Found: not_found: No agent agent_9."
    );

    let boxed: Box<dyn Runs> = Box::new(FakeRuns);
    assert_eq!(boxed.describe(), "runs of an agent");
    assert_eq!(client.describe(), "runs of an agent");
}

/// Generic code can spawn calls: the futures are `Send`.
async fn spawn_run<R: Runs + 'static>(runs: Arc<R>) -> Result<MyRun> {
    tokio::spawn(async move { runs.run("agent_1", "run_1").await })
        .await
        .expect("task panicked")
}

#[tokio::test]
async fn calls_can_be_spawned_from_generic_code() {
    let (_server, client) = server_with(
        json!({"success": true, "data": {"id": "run_1", "status": "running", "tokensUsed": 1}}),
    )
    .await;

    assert_eq!(
        spawn_run(Arc::new(client.clone())).await.unwrap().id,
        "run_1"
    );
    assert_eq!(spawn_run(Arc::new(FakeRuns)).await.unwrap().tokens_used, 7);
    let shared: Arc<dyn Runs> = Arc::new(client);
    let handle =
        tokio::spawn(async move { shared.run("agent_1", "run_1").await.map(|run| run.id) });
    assert_eq!(handle.await.unwrap().unwrap(), "run_1");
}

#[test]
fn the_endpoint_table_lists_every_declaration() {
    let table: Vec<(String, &str, &str)> = <dyn Runs>::ENDPOINTS
        .iter()
        .map(|e| (e.method.to_string(), e.path, e.operation))
        .collect();
    assert_eq!(
        table,
        vec![
            ("GET".to_owned(), "/agents/{agent_id}/runs/{run_id}", "run"),
            ("GET".to_owned(), "/agents/{agent_id}/runs", "runs"),
            ("PATCH".to_owned(), "/agents/{agent_id}", "rename"),
            ("DELETE".to_owned(), "/agents/{agent_id}", "delete_agent"),
        ]
    );
}

#[tokio::test]
async fn a_closed_port_is_a_connect_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let client = Client::builder()
        .base_url(format!("http://127.0.0.1:{port}"))
        .retry_policy(RetryPolicy::default().base_delay(Duration::from_millis(1)))
        .build()
        .unwrap();

    let error = client.run("a", "r").await.unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Connect);
    assert!(error.is_connect());
    assert!(!error.is_outcome_unknown(), "nothing was sent");
    assert_eq!(error.status(), None);
    assert_eq!(error.attempts(), 3, "a GET is retried twice by default");
}

#[tokio::test]
async fn a_slow_server_is_a_timeout_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(std::time::Duration::from_secs(5)))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .timeout(Duration::from_millis(200))
        .retry_policy(RetryPolicy::never())
        .build()
        .unwrap();

    let error = client.run("a", "r").await.unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Timeout);
    assert!(error.is_timeout());
    assert_eq!(error.attempts(), 1);
}

/// A `Display` that fails halfway through.
pub struct Broken;

impl std::fmt::Display for Broken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("partial")?;
        Err(std::fmt::Error)
    }
}

/// Edge cases of argument encoding.
#[autoposting_client::api]
pub trait Edges {
    /// A path argument whose `Display` fails.
    #[get("/items/<item>")]
    async fn item(&self, item: &Broken) -> Result<()>;

    /// An optional JSON body.
    #[post("/items")]
    async fn create_item(&self, #[body] item: Option<&serde_json::Value>) -> Result<()>;
}

#[tokio::test]
async fn a_failing_display_is_an_invalid_argument_and_nothing_is_sent() {
    let (server, client) = server_with(json!({"success": true})).await;

    let error = client.item(&Broken).await.unwrap_err();

    assert_eq!(error.kind(), ErrorKind::InvalidArgument);
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_none_body_sends_no_body_rather_than_null() {
    let (server, client) = server_with(json!({"success": true})).await;

    client.create_item(None).await.unwrap();
    client.create_item(Some(&json!({"a": 1}))).await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert!(requests[0].body.is_empty());
    assert!(requests[0].headers.get("content-type").is_none());
    assert_eq!(requests[1].body, br#"{"a":1}"#);
}

#[tokio::test]
async fn header_values_must_be_visible_ascii() {
    let (server, client) = server_with(json!({"success": true, "data": 1})).await;

    let error = client
        .search(None, &[], &Filter::default(), Some("café"))
        .await
        .unwrap_err();

    assert_eq!(error.kind(), ErrorKind::InvalidArgument);
    assert!(server.received_requests().await.unwrap().is_empty());
}
