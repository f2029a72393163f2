//! Default headers set on the builder: sent with every API request to the configured
//! origin, replaced by an endpoint's own header of the same name, refused for the headers
//! the client owns. Against servers on 127.0.0.1.

use autoposting_client::{Client, ErrorKind};
use autoposting_tests::support::TEST_KEY;
use autoposting_tests::{Filter, Probe, Writes};
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn ok_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"success": true, "data": {}})),
        )
        .mount(&server)
        .await;
    server
}

fn header(request: &wiremock::Request, name: &str) -> Vec<String> {
    request
        .headers
        .get_all(name)
        .iter()
        .map(|value| value.to_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn default_headers_go_with_every_request() {
    let server = ok_server().await;
    let client = Client::builder()
        .base_url(server.uri())
        .api_key(TEST_KEY)
        .default_header("x-source", "sdk")
        .default_header("X-Tenant", "acme")
        .build()
        .unwrap();

    client
        .search(None, &[], &Filter::default(), None)
        .await
        .unwrap();
    client.create_thing(&json!({"text": "hi"})).await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert_eq!(header(request, "x-source"), ["sdk"]);
        assert_eq!(header(request, "x-tenant"), ["acme"]);
        assert_eq!(
            header(request, "authorization"),
            [format!("Bearer {TEST_KEY}")]
        );
        assert_eq!(header(request, "accept"), ["application/json"]);
    }
    assert_eq!(header(&requests[1], "content-type"), ["application/json"]);
}

#[tokio::test]
async fn a_name_given_twice_sends_both_values() {
    let server = ok_server().await;
    let client = Client::builder()
        .base_url(server.uri())
        .default_header("x-trace", "a")
        .default_header("x-trace", "b")
        .build()
        .unwrap();

    client.touch(1).await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(header(&requests[0], "x-trace"), ["a", "b"]);
}

#[tokio::test]
async fn an_endpoint_header_replaces_the_default_of_its_name() {
    let server = ok_server().await;
    let client = Client::builder()
        .base_url(server.uri())
        .default_header("x-request-id", "default")
        .build()
        .unwrap();

    client
        .search(None, &[], &Filter::default(), Some("per-call"))
        .await
        .unwrap();
    client
        .search(None, &[], &Filter::default(), None)
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(header(&requests[0], "x-request-id"), ["per-call"]);
    assert_eq!(header(&requests[1], "x-request-id"), ["default"]);
}

#[tokio::test]
async fn default_headers_do_not_follow_a_redirect_to_another_origin() {
    let elsewhere = ok_server().await;
    let origin = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(302)
                .insert_header("location", format!("{}/moved", elsewhere.uri())),
        )
        .mount(&origin)
        .await;
    let client = Client::builder()
        .base_url(origin.uri())
        .api_key(TEST_KEY)
        .default_header("x-tenant-token", "SECRET-TENANT")
        .build()
        .unwrap();

    client
        .search(None, &[], &Filter::default(), None)
        .await
        .unwrap();

    let origin_requests = origin.received_requests().await.unwrap();
    assert_eq!(
        header(&origin_requests[0], "x-tenant-token"),
        ["SECRET-TENANT"]
    );
    let moved = elsewhere.received_requests().await.unwrap();
    assert_eq!(moved.len(), 1);
    assert!(header(&moved[0], "x-tenant-token").is_empty());
    assert!(header(&moved[0], "authorization").is_empty());
}

#[test]
fn headers_the_client_owns_are_refused_by_name() {
    for name in [
        "Authorization",
        "x-api-key",
        "X-API-KEY",
        "content-type",
        "Content-Length",
        "transfer-encoding",
        "host",
        "accept",
        "user-agent",
    ] {
        let error = Client::builder()
            .default_header(name, "SECRET-VALUE")
            .build()
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Config, "{name}");
        let shown = error.to_string();
        assert!(
            shown.contains(&format!("`{}`", name.to_ascii_lowercase())),
            "{shown}"
        );
        assert!(shown.contains("set by the client"), "{shown}");
        assert!(!format!("{shown} {error:?}").contains("SECRET"), "{shown}");
    }
}

#[test]
fn invalid_names_and_values_are_refused_without_showing_the_value() {
    for (name, value) in [
        ("bad name", "v"),
        ("", "v"),
        ("x-ok", "SECRET\r\nx-injected: 1"),
        ("x-ok", "SECRET\u{7f}"),
        ("x-ok", "SECRÉT"),
    ] {
        let error = Client::builder()
            .default_header(name, value)
            .build()
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Config, "{name:?}");
        assert!(!format!("{error} {error:?}").contains("SECRET"), "{error}");
    }
}

#[test]
fn default_header_values_are_not_in_debug_output() {
    let builder = Client::builder().default_header("x-tenant-token", "SECRET-TENANT");
    assert!(!format!("{builder:?}").contains("SECRET"));
    let client = builder.build().unwrap();
    assert!(!format!("{client:?}").contains("SECRET"));
}
