//! Starting servers and clients, and raw HTTP for what the typed client cannot send.

use std::time::Duration;

use autoposting_client::Client;
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
