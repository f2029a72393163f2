//! The contract harness: the API catalogue (`fixtures/endpoints.json`, a copy of
//! `shared/api/endpoints.json`), a server on 127.0.0.1 that answers with an operation's
//! documented example, the check that a typed result keeps every documented field, and the
//! documented request examples that request bodies are compared with.

#![allow(dead_code)] // each test binary uses part of the harness

use std::future::Future;
use std::sync::OnceLock;

use autoposting_client::{Client, Result};
use serde::Serialize;
use serde_json::Value;
use wiremock::{MockServer, ResponseTemplate};

/// One operation of the catalogue.
#[derive(Debug, serde::Deserialize)]
pub struct Entry {
    pub method: String,
    pub path: String,
    /// The documented request body, where the catalogue has one.
    pub request_example: Option<Value>,
    pub response_example: Option<Value>,
}

/// Every catalogued operation.
pub fn catalog() -> &'static [Entry] {
    static CATALOG: OnceLock<Vec<Entry>> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let text = include_str!("../../fixtures/endpoints.json");
        serde_json::from_str(text).expect("fixtures/endpoints.json is valid")
    })
}

/// The catalogue entry for `method path` (`"GET"`, `"/agents/{agentId}/runs/{runId}"`).
pub fn entry(method: &str, path: &str) -> &'static Entry {
    catalog()
        .iter()
        .find(|e| e.method == method && e.path == path)
        .unwrap_or_else(|| panic!("{method} {path} is not in the catalogue"))
}

/// The documented request body of `method path` (the catalogue's `request_example`), to
/// compare a sent body with. Panics when the catalogue has none for the operation.
pub fn request_example(method: &str, path: &str) -> Value {
    entry(method, path)
        .request_example
        .clone()
        .unwrap_or_else(|| panic!("{method} {path} has no request_example in the catalogue"))
}

/// `/agents/{agentId}` → `/agents/{}`: templates compared without parameter names.
pub fn shape(path: &str) -> String {
    let mut out = String::new();
    let mut in_param = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_param = true;
                out.push_str("{}");
            }
            '}' => in_param = false,
            _ if in_param => {}
            c => out.push(c),
        }
    }
    out
}

/// Whether a request path fits a template, each `{param}` one non-empty segment.
pub fn fits(template: &str, path: &str) -> bool {
    let t: Vec<&str> = template.split('/').collect();
    let p: Vec<&str> = path.split('/').collect();
    t.len() == p.len()
        && t.iter().zip(&p).all(|(t, p)| {
            if t.starts_with('{') {
                !p.is_empty()
            } else {
                t == p
            }
        })
}

/// A server on 127.0.0.1 answering every request with `template` (any status), and a client
/// for it: the one server set-up of the integration tests
/// ([`autoposting_tests::support::serve`]), shared by every contract module.
pub use autoposting_tests::support::serve as serve_with;

/// A server answering every request with `body` (status 200), and a client for it.
pub async fn serve(body: Value) -> (MockServer, Client) {
    serve_with(ResponseTemplate::new(200).set_body_json(body)).await
}

/// Asserts that every field of `expected` is in `actual` with the same value: objects
/// field by field (extra fields in `actual` are fine), arrays element by element. A
/// documented `null` may come back as a missing field.
pub fn assert_covers(expected: &Value, actual: &Value, at: &str) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, value) in e {
                let path = format!("{at}.{key}");
                match a.get(key) {
                    Some(found) => assert_covers(value, found, &path),
                    None if value.is_null() => {}
                    None => panic!("{path} is documented but was dropped by the typed value"),
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            assert_eq!(e.len(), a.len(), "{at}: array length");
            for (index, (e, a)) in e.iter().zip(a).enumerate() {
                assert_covers(e, a, &format!("{at}[{index}]"));
            }
        }
        (Value::Number(e), Value::Number(a)) => {
            assert_eq!(e.as_f64(), a.as_f64(), "{at}: number");
        }
        (e, a) => assert_eq!(e, a, "{at}"),
    }
}

/// Serves the documented example of `method path`, calls the typed method through `call`,
/// and checks that the request fits the operation and that serialising the typed result
/// yields every field of the example's `data`.
pub async fn check<T, F, Fut>(method: &str, path: &str, call: F)
where
    T: Serialize,
    F: FnOnce(Client) -> Fut,
    Fut: Future<Output = Result<T>>,
{
    let entry = entry(method, path);
    let example = entry
        .response_example
        .clone()
        .unwrap_or_else(|| panic!("{method} {path} has no documented example"));
    let (server, client) = serve(example.clone()).await;

    let value = call(client)
        .await
        .unwrap_or_else(|e| panic!("{method} {path}: {e}"));

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "{method} {path}: one request");
    assert_eq!(requests[0].method.as_str(), method);
    assert!(
        fits(path, requests[0].url.path()),
        "{method} {path}: sent {}",
        requests[0].url.path()
    );
    let actual = serde_json::to_value(&value).unwrap();
    let expected = example.get("data").cloned().unwrap_or(Value::Null);
    assert_covers(&expected, &actual, "data");
}

/// Like [`check`] for operations that return `()`: the documented example is accepted.
pub async fn check_unit<F, Fut>(method: &str, path: &str, call: F)
where
    F: FnOnce(Client) -> Fut,
    Fut: Future<Output = Result<()>>,
{
    let entry = entry(method, path);
    let example = entry
        .response_example
        .clone()
        .unwrap_or_else(|| serde_json::json!({"success": true}));
    let (server, client) = serve(example).await;
    call(client)
        .await
        .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].method.as_str(), method);
    assert!(
        fits(path, requests[0].url.path()),
        "{method} {path}: sent {}",
        requests[0].url.path()
    );
}
