//! Fault injection: a scripted raw TCP server on 127.0.0.1 misbehaves in the ways real
//! networks and proxies do. Each case asserts the exact error kind, that the call ends
//! within its timeout plus a margin (generous, for loaded machines: this checks that the
//! client does not hang, not how fast it is), and, for POSTs, that the server saw the
//! request at most once.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use autoposting_client::{Client, ErrorKind, RetryPolicy};
use autoposting_tests::{Probe, Writes};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const TIMEOUT: Duration = Duration::from_millis(800);
const MARGIN: Duration = Duration::from_secs(3);

/// A server that runs `script(connection, request_number)` for each request it reads.
struct Scripted {
    base_url: String,
    requests: Arc<AtomicUsize>,
    connections: Arc<AtomicUsize>,
}

async fn scripted<F, Fut>(script: F) -> Scripted
where
    F: Fn(TcpStream, usize) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Option<TcpStream>> + Send,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    let requests = Arc::new(AtomicUsize::new(0));
    let connections = Arc::new(AtomicUsize::new(0));
    let script = Arc::new(script);
    let (seen, opened) = (requests.clone(), connections.clone());
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            opened.fetch_add(1, Ordering::SeqCst);
            let (script, seen) = (script.clone(), seen.clone());
            tokio::spawn(async move {
                let mut stream = stream;
                // Serve requests on this connection until the script keeps none.
                while read_request(&mut stream).await {
                    let n = seen.fetch_add(1, Ordering::SeqCst);
                    match script(stream, n).await {
                        Some(kept) => stream = kept,
                        None => return,
                    }
                }
            });
        }
    });
    Scripted {
        base_url,
        requests,
        connections,
    }
}

/// Reads one request head and its `Content-Length` body; false at end of stream.
async fn read_request(stream: &mut TcpStream) -> bool {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte).await {
            Ok(1) => head.push(byte[0]),
            _ => return false,
        }
    }
    let head = String::from_utf8_lossy(&head).to_ascii_lowercase();
    let length = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = vec![0u8; length];
    stream.read_exact(&mut body).await.is_ok()
}

const OK_BODY: &str = r#"{"success":true,"data":["ok","fine"]}"#;

fn ok_response() -> String {
    format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{OK_BODY}",
        OK_BODY.len()
    )
}

fn client(server: &Scripted, retry: RetryPolicy) -> Client {
    Client::builder()
        .base_url(&server.base_url)
        .timeout(TIMEOUT)
        .retry_policy(retry)
        .build()
        .unwrap()
}

fn fast_retries() -> RetryPolicy {
    RetryPolicy::default().base_delay(Duration::from_millis(5))
}

/// Runs `call`, asserting it ends within `limit`.
async fn within<T>(limit: Duration, call: impl Future<Output = T>) -> T {
    let started = Instant::now();
    let result = tokio::time::timeout(limit + MARGIN, call)
        .await
        .expect("the call hung");
    assert!(
        started.elapsed() <= limit + MARGIN,
        "took {:?}",
        started.elapsed()
    );
    result
}

async fn stalled_body(mut stream: TcpStream, _: usize) -> Option<TcpStream> {
    let _ = stream
        .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{\"succ")
        .await;
    tokio::time::sleep(Duration::from_secs(30)).await;
    None
}

#[tokio::test]
async fn headers_then_a_stalled_body_is_a_timeout() {
    let server = scripted(stalled_body).await;

    let error = within(
        TIMEOUT,
        client(&server, RetryPolicy::never()).echo("a", "b"),
    )
    .await
    .unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Timeout);
    assert_eq!(error.attempts(), 1);
}

#[tokio::test]
async fn a_stalled_post_times_out_once_with_an_unknown_outcome() {
    let server = scripted(stalled_body).await;

    let error = within(
        TIMEOUT,
        client(&server, fast_retries()).create_thing(&json!({"text": "x"})),
    )
    .await
    .unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Timeout);
    assert!(error.is_outcome_unknown(), "{error}");
    assert!(error.to_string().contains("outcome unknown"), "{error}");
    assert_eq!(
        server.requests.load(Ordering::SeqCst),
        1,
        "a POST is never resent"
    );
}

async fn close_after_headers(mut stream: TcpStream, _: usize) -> Option<TcpStream> {
    let _ = stream
        .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n")
        .await;
    None
}

#[tokio::test]
async fn a_close_right_after_the_headers_is_a_transport_error() {
    let server = scripted(close_after_headers).await;

    let error = within(TIMEOUT * 3, client(&server, fast_retries()).echo("a", "b"))
        .await
        .unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Transport);
    assert_eq!(error.attempts(), 3, "a GET is retried");
    assert_eq!(server.requests.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn a_post_whose_connection_closes_is_sent_once_with_an_unknown_outcome() {
    let server = scripted(close_after_headers).await;

    let error = within(
        TIMEOUT,
        client(&server, fast_retries()).create_thing(&json!({"text": "x"})),
    )
    .await
    .unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Transport);
    assert!(error.is_outcome_unknown());
    assert_eq!(server.requests.load(Ordering::SeqCst), 1);
}

async fn reset(stream: TcpStream, _: usize) -> Option<TcpStream> {
    // SO_LINGER 0 makes the close an RST instead of a FIN.
    let socket = socket2::SockRef::from(&stream);
    let _ = socket.set_linger(Some(Duration::ZERO));
    drop(stream);
    None
}

#[tokio::test]
async fn a_connection_reset_is_a_transport_error() {
    let server = scripted(reset).await;

    let error = within(
        TIMEOUT,
        client(&server, RetryPolicy::never()).echo("a", "b"),
    )
    .await
    .unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Transport);
    assert!(
        !error.is_connect(),
        "the connection was made; it was reset afterwards"
    );
}

#[tokio::test]
async fn a_reset_post_is_sent_once() {
    let server = scripted(reset).await;

    let error = within(
        TIMEOUT,
        client(&server, fast_retries()).create_thing(&json!({})),
    )
    .await
    .unwrap_err();

    assert!(matches!(error.kind(), ErrorKind::Transport), "{error}");
    assert!(error.is_outcome_unknown());
    assert_eq!(server.requests.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_truncated_chunked_body_is_a_transport_error() {
    let server = scripted(|mut stream: TcpStream, _| async move {
        let head = b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\ncontent-type: application/json\r\n\r\n";
        let _ = stream.write_all(head).await;
        let _ = stream.write_all(b"10\r\n{\"success\":true,").await;
        None
    })
    .await;

    let error = within(
        TIMEOUT,
        client(&server, RetryPolicy::never()).echo("a", "b"),
    )
    .await
    .unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Transport);
}

#[tokio::test]
async fn a_ten_gigabyte_content_length_is_refused_before_reading() {
    let server = scripted(|mut stream: TcpStream, _| async move {
        let _ = stream
            .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 10737418240\r\n\r\n{")
            .await;
        tokio::time::sleep(Duration::from_secs(30)).await;
        None
    })
    .await;
    // A long timeout: the refusal must not wait for it.
    let client = Client::builder()
        .base_url(&server.base_url)
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap();

    let error = within(Duration::ZERO, client.echo("a", "b"))
        .await
        .unwrap_err();

    assert_eq!(error.kind(), ErrorKind::ResponseTooLarge);
    assert!(error.to_string().contains("10737418240"), "{error}");
    assert_eq!(error.attempts(), 1, "a size refusal is not retried");
}

#[tokio::test]
async fn a_200_megabyte_chunked_stream_stops_at_the_limit() {
    let written = Arc::new(AtomicUsize::new(0));
    let counter = written.clone();
    let server = scripted(move |mut stream: TcpStream, _| {
        let counter = counter.clone();
        async move {
            let _ = stream
                .write_all(b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n")
                .await;
            let chunk = vec![b' '; 64 * 1024];
            let framed = [
                format!("{:x}\r\n", chunk.len()).into_bytes(),
                chunk,
                b"\r\n".to_vec(),
            ]
            .concat();
            for _ in 0..(200 * 1024 * 1024 / (64 * 1024)) {
                if stream.write_all(&framed).await.is_err() {
                    return None; // the client hung up
                }
                counter.fetch_add(64 * 1024, Ordering::SeqCst);
            }
            let _ = stream.write_all(b"0\r\n\r\n").await;
            None
        }
    })
    .await;
    let client = Client::builder()
        .base_url(&server.base_url)
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();

    let error = within(Duration::from_secs(20), client.echo("a", "b"))
        .await
        .unwrap_err();

    assert_eq!(error.kind(), ErrorKind::ResponseTooLarge);
    tokio::time::sleep(Duration::from_millis(200)).await;
    let sent = written.load(Ordering::SeqCst);
    assert!(
        sent < 100 * 1024 * 1024,
        "the client stopped reading early ({sent} bytes written)"
    );
}

#[tokio::test]
async fn a_keep_alive_connection_closed_on_its_second_use_is_retried_on_a_fresh_one() {
    // Each connection answers its first request, then closes on the second without a reply.
    let server = scripted(|mut stream: TcpStream, _| async move {
        stream.write_all(ok_response().as_bytes()).await.ok()?;
        let mut stream = stream;
        if read_request(&mut stream).await {
            drop(stream);
        }
        None
    })
    .await;
    let client = client(
        &server,
        RetryPolicy::never()
            .max_retries(1)
            .base_delay(Duration::from_millis(1)),
    );

    for _ in 0..3 {
        assert_eq!(
            within(TIMEOUT * 2, client.echo("a", "b")).await.unwrap(),
            ["ok", "fine"]
        );
    }
    assert!(server.connections.load(Ordering::SeqCst) >= 3);
}

#[tokio::test]
async fn a_slow_trickle_below_the_timeout_succeeds() {
    let server = scripted(|mut stream: TcpStream, _| async move {
        let head = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
            OK_BODY.len()
        );
        stream.write_all(head.as_bytes()).await.ok()?;
        for byte in OK_BODY.bytes() {
            stream.write_all(&[byte]).await.ok()?;
            stream.flush().await.ok()?;
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        Some(stream)
    })
    .await;
    let client = Client::builder()
        .base_url(&server.base_url)
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();

    let echoed = within(Duration::from_secs(10), client.echo("a", "b"))
        .await
        .unwrap();

    assert_eq!(echoed, ["ok", "fine"]);
    assert_eq!(server.requests.load(Ordering::SeqCst), 1);
}
