//! Servers on 127.0.0.1 shared by the integration tests.

use std::time::Duration;

use autoposting_client::{Client, RetryPolicy};
use serde_json::json;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// The API key the test clients send.
pub const TEST_KEY: &str = "sk-social-test-key";

/// A server answering every request with `response`, and a client for it with the test key
/// and millisecond retry waits (error statuses such as 502 are retried).
pub async fn serve(response: ResponseTemplate) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(response)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .api_key(TEST_KEY)
        .retry_policy(RetryPolicy::default().base_delay(Duration::from_millis(1)))
        .build()
        .expect("a valid test client");
    (server, client)
}

/// Answers with the percent-decoded path segments after the first one, as the envelope's
/// `data`: `/echo/a%2Fb/c` gives `["a/b", "c"]`.
pub struct EchoSegments;

impl Respond for EchoSegments {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let segments: Vec<String> = request
            .url
            .path()
            .split('/')
            .skip(2)
            .map(|s| {
                percent_encoding::percent_decode_str(s)
                    .decode_utf8_lossy()
                    .into_owned()
            })
            .collect();
        ResponseTemplate::new(200).set_body_json(json!({"success": true, "data": segments}))
    }
}
