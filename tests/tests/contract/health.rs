//! Health.

use autoposting_client::prelude::*;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::harness::check_unit;

#[tokio::test]
async fn check_health() {
    check_unit("GET", "/health", |c| async move { c.check_health().await }).await;
}

#[tokio::test]
async fn check_health_needs_no_credential() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/health"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(serde_json::json!({"success": true})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();

    client.check_health().await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert!(requests[0].headers.get("authorization").is_none());
    assert!(requests[0].headers.get("x-api-key").is_none());
}

#[tokio::test]
async fn check_health_reports_a_proxy_error_page_as_a_status_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(503)
                .set_body_string("<html><body>Service Unavailable</body></html>"),
        )
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();

    let error = client.check_health().await.unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Status);
    assert_eq!(
        error.status(),
        Some(autoposting_client::StatusCode::SERVICE_UNAVAILABLE)
    );
}
