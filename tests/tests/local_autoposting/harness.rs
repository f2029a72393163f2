//! Starting servers and clients, and raw HTTP for what the typed client cannot send.

use std::time::Duration;

use autoposting_client::brands::{Brand, Brands, CreateBrandRequest};
use autoposting_client::{Client, Platform};
use autoposting_mock::{MockServer, Seed};
use serde_json::Value;

/// A server with no data and the manual clock, and a client for it.
pub async fn empty() -> (MockServer, Client) {
    let server = MockServer::builder()
        .seed(Seed::Empty)
        .manual_clock()
        .start()
        .await
        .unwrap();
    let client = client(&server, server.api_key());
    (server, client)
}

/// A client of `server` presenting `key`.
pub fn client(server: &MockServer, key: &str) -> Client {
    Client::builder()
        .base_url(server.base_url())
        .api_key(key)
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

/// One raw request: the status and the JSON body (`Value::Null` when not JSON).
pub async fn raw(
    server: &MockServer,
    method: &str,
    path: &str,
    key: Option<&str>,
    body: Option<&str>,
) -> (u16, Value) {
    let http = reqwest::Client::new();
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let mut request = http.request(method, format!("{}{path}", server.base_url()));
    if let Some(key) = key {
        request = request.header("authorization", format!("Bearer {key}"));
    }
    if let Some(body) = body {
        request = request
            .header("content-type", "application/json")
            .body(body.to_owned());
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let bytes = response.bytes().await.unwrap();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

/// Asserts `body` is the documented error envelope with `code`, and returns its message.
pub fn assert_error(body: &Value, code: &str) -> String {
    assert_eq!(body["success"], false, "{body}");
    assert_eq!(body["error"], code, "{body}");
    let message = body["message"].as_str().unwrap_or_default().to_owned();
    assert!(!message.is_empty(), "{body}");
    message
}

/// One request written by hand on a fresh TCP connection: `head` (the request line and
/// headers, without the blank line), then each of `chunks` as written; answers the status
/// and the JSON body of the response, read until the server closes or the declared length
/// is in. Bounded: the whole exchange must finish within 20 s.
pub async fn raw_tcp(server: &MockServer, head: &str, chunks: &[&[u8]]) -> (u16, String, Value) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let exchange = async {
        let mut stream = tokio::net::TcpStream::connect(server.addr()).await.unwrap();
        stream
            .write_all(format!("{head}\r\nHost: {}\r\n\r\n", server.addr()).as_bytes())
            .await
            .unwrap();
        for chunk in chunks {
            stream.write_all(chunk).await.unwrap();
        }
        let mut answer = Vec::new();
        let mut buffer = [0u8; 8192];
        loop {
            let read = stream.read(&mut buffer).await.unwrap();
            if read == 0 {
                break;
            }
            answer.extend_from_slice(&buffer[..read]);
            let text = String::from_utf8_lossy(&answer);
            if let Some((head, body)) = text.split_once("\r\n\r\n") {
                let length = head
                    .lines()
                    .find_map(|l| {
                        let (name, value) = l.split_once(':')?;
                        name.eq_ignore_ascii_case("content-length")
                            .then(|| value.trim().parse::<usize>().ok())?
                    })
                    .unwrap_or(usize::MAX);
                if body.len() >= length {
                    break;
                }
            }
        }
        String::from_utf8_lossy(&answer).into_owned()
    };
    let text = tokio::time::timeout(Duration::from_secs(20), exchange)
        .await
        .expect("the server answers within 20 s");
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (
        status,
        head.to_owned(),
        serde_json::from_str(body).unwrap_or(Value::Null),
    )
}

/// Creates the brand `acme` ("Acme") with `platforms` enabled, as most scenarios start.
pub async fn acme(api: &Client, platforms: &[Platform]) -> Brand {
    let request = CreateBrandRequest::builder()
        .name("Acme")
        .slug("acme")
        .maybe_platforms((!platforms.is_empty()).then(|| platforms.to_vec()))
        .build();
    api.create_brand(&request).await.unwrap()
}
