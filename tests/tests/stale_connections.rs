//! A request lost to a pooled connection the server closed: a GET is resent at once, a POST
//! is not. In a binary of its own, because it reads the client's `tracing` events through a
//! thread-local subscriber, which other tests running beside it would disturb.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use autoposting_client::{Client, ErrorKind, RetryPolicy};
use autoposting_tests::{Probe, Writes};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Retries that wait milliseconds.
fn fast() -> RetryPolicy {
    RetryPolicy::default()
        .base_delay(Duration::from_millis(2))
        .max_delay(Duration::from_secs(5))
}

/// A server that answers the first request of each connection and then, as a keep-alive
/// server whose idle timeout has just passed, reads the next request and closes the
/// connection without answering it. Counts connections and requests.
struct ClosingServer {
    url: String,
    connections: Arc<AtomicUsize>,
    requests: Arc<AtomicUsize>,
}

async fn read_request(stream: &mut TcpStream) -> Option<Vec<u8>> {
    let mut received = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        let n = stream.read(&mut buffer).await.ok()?;
        if n == 0 {
            return None;
        }
        received.extend_from_slice(&buffer[..n]);
        if let Some(end) = received.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&received[..end]).to_ascii_lowercase();
            let length: usize = head
                .lines()
                .find_map(|line| line.strip_prefix("content-length:"))
                .and_then(|value| value.trim().parse().ok())
                .unwrap_or(0);
            while received.len() < end + 4 + length {
                let n = stream.read(&mut buffer).await.ok()?;
                if n == 0 {
                    return None;
                }
                received.extend_from_slice(&buffer[..n]);
            }
            return Some(received);
        }
    }
}

async fn closing_server() -> ClosingServer {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let connections = Arc::new(AtomicUsize::new(0));
    let requests = Arc::new(AtomicUsize::new(0));
    let (c, r) = (connections.clone(), requests.clone());
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            c.fetch_add(1, Ordering::SeqCst);
            let r = r.clone();
            tokio::spawn(async move {
                if read_request(&mut stream).await.is_none() {
                    return;
                }
                r.fetch_add(1, Ordering::SeqCst);
                let body = r#"{"success":true,"data":["ok"]}"#;
                let response = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
                    body.len()
                );
                let _ = stream.write_all(response.as_bytes()).await;
                if read_request(&mut stream).await.is_some() {
                    r.fetch_add(1, Ordering::SeqCst);
                }
                // Dropped: closed without an answer.
            });
        }
    });
    ClosingServer {
        url,
        connections,
        requests,
    }
}

/// The `retrying` events the transport logs, as (wait_ms, stale_connection).
#[derive(Clone, Default)]
struct Retries(Arc<Mutex<Vec<(u64, bool)>>>);

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for Retries {
    fn on_event(&self, event: &tracing::Event<'_>, _: tracing_subscriber::layer::Context<'_, S>) {
        struct Fields(Option<u64>, bool, bool);
        impl tracing::field::Visit for Fields {
            fn record_u64(&mut self, field: &tracing::field::Field, value: u64) {
                if field.name() == "wait_ms" {
                    self.0 = Some(value);
                }
            }
            fn record_bool(&mut self, field: &tracing::field::Field, value: bool) {
                if field.name() == "stale_connection" {
                    self.1 = value;
                }
            }
            fn record_str(&mut self, _: &tracing::field::Field, _: &str) {}
            fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
                if field.name() == "message" && format!("{value:?}") == "retrying" {
                    self.2 = true;
                }
            }
        }
        let mut fields = Fields(None, false, false);
        event.record(&mut fields);
        if let (Some(wait), true) = (fields.0, fields.2) {
            self.0.lock().unwrap().push((wait, fields.1));
        }
    }
}

#[tokio::test]
async fn a_get_lost_to_a_stale_pooled_connection_is_resent_at_once() {
    use tracing_subscriber::layer::SubscriberExt as _;
    let retries = Retries::default();
    let _guard =
        tracing::subscriber::set_default(tracing_subscriber::registry().with(retries.clone()));
    let server = closing_server().await;
    // A backoff long enough to notice, were it taken.
    let policy = RetryPolicy::default()
        .base_delay(Duration::from_millis(500))
        .max_delay(Duration::from_millis(500));
    let client = Client::builder()
        .base_url(&server.url)
        .retry_policy(policy)
        .build()
        .unwrap();

    assert_eq!(client.echo("a", "b").await.unwrap(), ["ok"]);
    assert_eq!(client.echo("a", "b").await.unwrap(), ["ok"]);

    assert_eq!(server.connections.load(Ordering::SeqCst), 2);
    assert_eq!(server.requests.load(Ordering::SeqCst), 3);
    assert_eq!(*retries.0.lock().unwrap(), [(0, true)]);
}

#[tokio::test]
async fn a_post_lost_to_a_stale_pooled_connection_is_not_resent() {
    let server = closing_server().await;
    let client = Client::builder()
        .base_url(&server.url)
        .retry_policy(fast())
        .build()
        .unwrap();
    assert_eq!(client.echo("a", "b").await.unwrap(), ["ok"]);

    let error = client
        .create_thing(&json!({"text": "hi"}))
        .await
        .unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Transport);
    assert_eq!(error.attempts(), 1);
    assert!(error.is_outcome_unknown());
    assert!(!error.is_retryable());
    assert_eq!(server.requests.load(Ordering::SeqCst), 2);
}
