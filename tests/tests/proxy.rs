//! Proxies: loopback destinations always go direct; other hosts go through the proxy the
//! builder or the environment names. The "proxy" is a server on 127.0.0.1 that answers 502
//! to everything, as a proxy that only reaches remote hosts would; the remote host's name
//! is never resolved, since the request goes to the proxy.
//!
//! The environment is read in a child process (this test binary run again, with the
//! variables set), never by changing this process's environment under other tests.

use std::process::Command;

use autoposting_client::{Client, ErrorKind, RetryPolicy, StatusCode};
use autoposting_tests::{Filter, Probe};
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A host the proxy is asked for; reserved (RFC 6761), never resolved by these tests.
const REMOTE: &str = "http://api.example.test";

async fn proxy() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(502).set_body_raw("proxy: no route", "text/plain"))
        .mount(&server)
        .await;
    server
}

async fn target() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"success": true, "data": {"direct": true}})),
        )
        .mount(&server)
        .await;
    server
}

async fn call(client: &Client) -> autoposting_client::Result<serde_json::Value> {
    client.search(None, &[], &Filter::default(), None).await
}

fn builder(base_url: &str) -> autoposting_client::ClientBuilder {
    Client::builder()
        .base_url(base_url)
        .allow_insecure_http(true)
        .retry_policy(RetryPolicy::never())
}

#[tokio::test]
async fn a_proxy_set_on_the_builder_carries_requests_to_remote_hosts() {
    let proxy = proxy().await;
    let client = builder(REMOTE).proxy(proxy.uri()).build().unwrap();

    let error = call(&client).await.unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Status);
    assert_eq!(error.status(), Some(StatusCode::BAD_GATEWAY));
    let seen = proxy.received_requests().await.unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].url.host_str(), Some("api.example.test"));
}

#[tokio::test]
async fn loopback_goes_direct_even_with_a_proxy_set_on_the_builder() {
    let proxy = proxy().await;
    let target = target().await;
    let port = target.address().port();
    for base in [
        format!("http://127.0.0.1:{port}"),
        format!("http://localhost:{port}"),
    ] {
        let client = builder(&base).proxy(proxy.uri()).build().unwrap();
        assert_eq!(
            call(&client).await.unwrap(),
            json!({"direct": true}),
            "{base}"
        );
    }
    assert!(proxy.received_requests().await.unwrap().is_empty());
}

#[test]
fn an_invalid_proxy_url_is_a_config_error_that_hides_it() {
    let error = Client::builder()
        .proxy("http://user:SECRET@[not-an-address")
        .build()
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Config);
    assert!(!format!("{error} {error:?}").contains("SECRET"), "{error}");
    let builder = Client::builder().proxy("http://user:SECRET@proxy.internal:3128");
    assert!(!format!("{builder:?}").contains("SECRET"));
}

/// Runs `child` (a test of this binary) in a new process with `env` set and every proxy
/// variable of this process removed; panics with its output if it fails.
fn run_child(child: &str, env: &[(&str, String)]) {
    let mut command = Command::new(std::env::current_exe().unwrap());
    command.args(["--exact", child, "--ignored", "--test-threads=1"]);
    for name in [
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
        "NO_PROXY",
        "no_proxy",
        "REQUEST_METHOD",
    ] {
        command.env_remove(name);
    }
    command.env("AUTOPOSTING_PROXY_CHILD", "1");
    for (name, value) in env {
        command.env(name, value);
    }
    let output = command.output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && stdout.contains("1 passed"),
        "{child} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn environment_proxies_skip_loopback_and_carry_remote_hosts() {
    let proxy = proxy().await;
    let target = target().await;
    for variable in ["HTTP_PROXY", "http_proxy", "ALL_PROXY"] {
        let env = [
            (variable, proxy.uri()),
            ("TARGET_PORT", target.address().port().to_string()),
        ];
        tokio::task::spawn_blocking(move || run_child("child_with_an_environment_proxy", &env))
            .await
            .unwrap();
    }
    // Only the remote calls reached the proxy: one per run.
    let seen = proxy.received_requests().await.unwrap();
    assert_eq!(seen.len(), 3);
    assert!(
        seen.iter()
            .all(|request| request.url.host_str() == Some("api.example.test"))
    );
    assert_eq!(target.received_requests().await.unwrap().len(), 3 * 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_proxy_lists_and_the_builder_opt_out_are_honoured() {
    let proxy = proxy().await;
    let target = target().await;
    let env = [
        ("HTTP_PROXY", proxy.uri()),
        ("NO_PROXY", "api.example.test".to_owned()),
        ("TARGET_PORT", target.address().port().to_string()),
    ];
    tokio::task::spawn_blocking(move || run_child("child_with_no_proxy", &env))
        .await
        .unwrap();
    assert!(proxy.received_requests().await.unwrap().is_empty());
}

#[test]
fn an_invalid_environment_proxy_is_a_config_error_naming_the_variable() {
    let env = [("HTTPS_PROXY", "http://user:SECRET@[bad".to_owned())];
    run_child("child_with_an_invalid_environment_proxy", &env);
}

/// Whether this process is a child started by [`run_child`].
fn is_child() -> bool {
    std::env::var_os("AUTOPOSTING_PROXY_CHILD").is_some()
}

fn target_port() -> String {
    std::env::var("TARGET_PORT").unwrap()
}

#[tokio::test]
#[ignore = "run by the tests above, in a child process with the environment they set"]
async fn child_with_an_environment_proxy() {
    if !is_child() {
        return;
    }
    let port = target_port();
    for base in [
        format!("http://127.0.0.1:{port}"),
        format!("http://localhost:{port}"),
        format!("http://127.0.0.1:{port}/api-proxy"),
    ] {
        let client = builder(&base).build().unwrap();
        assert_eq!(
            call(&client).await.unwrap(),
            json!({"direct": true}),
            "{base}"
        );
    }
    let client = builder(REMOTE).build().unwrap();
    let error = call(&client).await.unwrap_err();
    assert_eq!(error.status(), Some(StatusCode::BAD_GATEWAY));
}

#[tokio::test]
#[ignore = "run by the tests above, in a child process with the environment they set"]
async fn child_with_no_proxy() {
    if !is_child() {
        return;
    }
    // `NO_PROXY` names the remote host: it would go direct, so it is not called here (that
    // would resolve its name); the loopback target goes direct, with or without `no_proxy()`.
    let base = format!("http://127.0.0.1:{}", target_port());
    let client = builder(&base).build().unwrap();
    assert_eq!(call(&client).await.unwrap(), json!({"direct": true}));
    let client = builder(&base).no_proxy().build().unwrap();
    assert_eq!(call(&client).await.unwrap(), json!({"direct": true}));
}

#[test]
#[ignore = "run by the tests above, in a child process with the environment they set"]
fn child_with_an_invalid_environment_proxy() {
    if !is_child() {
        return;
    }
    let error = Client::builder().build().unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Config);
    let shown = error.to_string();
    assert!(shown.contains("HTTPS_PROXY"), "{shown}");
    assert!(!format!("{shown} {error:?}").contains("SECRET"), "{shown}");
    // Turning proxies off ignores the variable.
    Client::builder().no_proxy().build().unwrap();
}
