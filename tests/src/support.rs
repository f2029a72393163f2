//! Servers on 127.0.0.1 shared by the integration tests.

use std::time::Duration;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

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

/// Answers with `failures` in turn, then with a success whose `data` is
/// `{"id": "a", "name": "n", "n": N}`, N counting the requests before it.
pub struct Script {
    failures: Vec<ResponseTemplate>,
    seen: Arc<AtomicUsize>,
}

impl Respond for Script {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let n = self.seen.fetch_add(1, Ordering::SeqCst);
        self.failures.get(n).cloned().unwrap_or_else(|| {
            ResponseTemplate::new(200)
                .set_body_json(json!({"success": true, "data": {"id": "a", "name": "n", "n": n}}))
        })
    }
}

/// A retry policy with millisecond backoff (2 ms base) that waits up to 5 s for a
/// `Retry-After`.
pub fn fast() -> RetryPolicy {
    RetryPolicy::default()
        .base_delay(Duration::from_millis(2))
        .max_delay(Duration::from_secs(5))
}

/// A server answering as [`Script`] does, a client for it with `policy`, and the count of
/// requests the server has seen.
pub async fn scripted(
    failures: Vec<ResponseTemplate>,
    policy: RetryPolicy,
) -> (MockServer, Client, Arc<AtomicUsize>) {
    let server = MockServer::start().await;
    let seen = Arc::new(AtomicUsize::new(0));
    Mock::given(wiremock::matchers::any())
        .respond_with(Script {
            failures,
            seen: seen.clone(),
        })
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .api_key("sk-social-k")
        .retry_policy(policy)
        .build()
        .expect("a valid test client");
    (server, client, seen)
}

/// An error envelope `{"success": false, "error": "e<code>"}` with status `code`.
pub fn status(code: u16) -> ResponseTemplate {
    ResponseTemplate::new(code)
        .set_body_json(json!({"success": false, "error": format!("e{code}")}))
}
