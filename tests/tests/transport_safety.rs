//! Credentials stay on the configured origin, bodies are size-capped, content types and
//! compressed bodies are understood. Every server is on 127.0.0.1.

use std::io::Write;

use autoposting_client::{AuthScheme, Client, ErrorKind};
use autoposting_tests::{Probe, Runs, Writes};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "sk-social-SECRET-KEY";

fn ok_run() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(
        json!({"success": true, "data": {"id": "r", "status": "queued", "tokensUsed": 0}}),
    )
}

async fn redirect_to(target: &str, status: u16) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(status).insert_header("location", target))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn no_credentials_follow_a_redirect_to_another_port() {
    for scheme in [AuthScheme::Bearer, AuthScheme::ApiKeyHeader] {
        let elsewhere = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ok_run())
            .mount(&elsewhere)
            .await;
        let origin = redirect_to(&format!("{}/landing", elsewhere.uri()), 302).await;
        let client = Client::builder()
            .base_url(origin.uri())
            .api_key(KEY)
            .auth_scheme(scheme)
            .build()
            .unwrap();

        client.run("a", "r").await.unwrap();

        let first = &origin.received_requests().await.unwrap()[0];
        assert!(
            first.headers.contains_key("authorization") || first.headers.contains_key("x-api-key")
        );
        let landed = &elsewhere.received_requests().await.unwrap()[0];
        assert_eq!(landed.url.path(), "/landing");
        assert!(landed.headers.get("authorization").is_none(), "{scheme:?}");
        assert!(landed.headers.get("x-api-key").is_none(), "{scheme:?}");
    }
}

#[tokio::test]
async fn credentials_follow_a_redirect_on_the_same_origin() {
    let server = MockServer::start().await;
    Mock::given(path("/old"))
        .respond_with(ResponseTemplate::new(308).insert_header("location", "/agents/a/runs/r"))
        .mount(&server)
        .await;
    Mock::given(path("/agents/a/runs/r"))
        .respond_with(ok_run())
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .api_key(KEY)
        .auth_scheme(AuthScheme::ApiKeyHeader)
        .build()
        .unwrap();

    // Reach /old through a path argument the server redirects.
    let _ = client.echo("x", "y").await;
    client.run("a", "r").await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert!(requests.iter().all(|r| {
        r.headers
            .get("x-api-key")
            .map(|v| v == KEY)
            .unwrap_or(false)
    }));
}

#[tokio::test]
async fn a_303_after_a_post_continues_as_a_get_without_the_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(303).insert_header("location", "/posts/p1"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/posts/p1"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"success": true, "data": {"id": "p1"}})),
        )
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();

    assert_eq!(
        client.create_thing(&json!({"text": "hi"})).await.unwrap(),
        json!({"id": "p1"})
    );
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    assert!(requests[1].body.is_empty());
}

#[tokio::test]
async fn redirect_loops_end_with_a_redirect_error_that_is_not_retried() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(302).insert_header("location", "/loop"))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();

    let error = client.run("a", "r").await.unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Redirect);
    assert_eq!(error.attempts(), 1);
    assert_eq!(server.received_requests().await.unwrap().len(), 11);
    assert!(error.to_string().contains("redirects"), "{error}");
}

#[tokio::test]
async fn a_post_redirected_to_a_dead_port_has_an_unknown_outcome() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!(
        "http://127.0.0.1:{}/posts/p1",
        listener.local_addr().unwrap().port()
    );
    drop(listener);
    let origin = redirect_to(&dead, 303).await;
    let client = Client::builder().base_url(origin.uri()).build().unwrap();

    let error = client
        .create_thing(&json!({"text": "hi"}))
        .await
        .unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Connect);
    assert!(
        error.is_outcome_unknown(),
        "the POST reached the first server: {error}"
    );
    assert_eq!(origin.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn redirects_to_other_schemes_are_refused() {
    for target in [
        "file:///etc/passwd",
        "data:text/plain,hi",
        "ftp://example.com/x",
    ] {
        let origin = redirect_to(target, 302).await;
        let client = Client::builder().base_url(origin.uri()).build().unwrap();

        let error = client.create_thing(&json!({})).await.unwrap_err();

        assert_eq!(error.kind(), ErrorKind::Redirect, "{target}");
        assert!(error.is_outcome_unknown(), "{target}");
    }
}

#[tokio::test]
async fn a_304_is_not_followed() {
    let origin = redirect_to("/elsewhere", 304).await;
    let client = Client::builder().base_url(origin.uri()).build().unwrap();

    let error = client.run("a", "r").await.unwrap_err();

    assert_eq!(
        error.status(),
        Some(autoposting_client::StatusCode::NOT_MODIFIED)
    );
    assert_eq!(origin.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn an_unbounded_timeout_works_with_and_without_redirects() {
    // `Duration::MAX` is not a point in time: the attempt-wide deadline must not overflow.
    let server = MockServer::start().await;
    Mock::given(path("/agents/a/runs/r"))
        .respond_with(ResponseTemplate::new(302).insert_header("location", "/agents/b/runs/r"))
        .mount(&server)
        .await;
    Mock::given(path("/agents/b/runs/r"))
        .respond_with(ok_run())
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .timeout(std::time::Duration::MAX)
        .build()
        .unwrap();

    assert_eq!(client.run("b", "r").await.unwrap().id, "r");
    assert_eq!(client.run("a", "r").await.unwrap().id, "r");
}

#[tokio::test]
async fn the_timeout_covers_every_hop_of_an_attempt() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(
            ResponseTemplate::new(302)
                .insert_header("location", "/next")
                .set_delay(std::time::Duration::from_millis(150)),
        )
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .timeout(std::time::Duration::from_millis(400))
        .retry_policy(autoposting_client::RetryPolicy::never())
        .build()
        .unwrap();

    let error = client.run("a", "r").await.unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Timeout);
    assert!(
        server.received_requests().await.unwrap().len() <= 4,
        "stopped after the first few hops"
    );
}

#[tokio::test]
async fn an_oversized_error_page_keeps_its_status_and_is_retried() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(
            ResponseTemplate::new(503).set_body_raw(vec![b'x'; 2 * 1024 * 1024], "text/html"),
        )
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .max_response_bytes(1024 * 1024)
        .retry_policy(
            autoposting_client::RetryPolicy::default()
                .base_delay(std::time::Duration::from_millis(1)),
        )
        .build()
        .unwrap();

    let error = client.run("a", "r").await.unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Status);
    assert_eq!(
        error.status(),
        Some(autoposting_client::StatusCode::SERVICE_UNAVAILABLE)
    );
    assert_eq!(error.attempts(), 3);
}

/// An error body longer than its limit is cut, not refused: the status decides, the start
/// is kept as the snippet, and the error says where the body was cut, whatever its type. A
/// JSON error cut short is closed where it was cut, so the code and message at its start
/// are still read.
#[tokio::test]
async fn an_error_body_over_its_limit_says_where_it_was_cut() {
    let long = "m".repeat(4096);
    // (status, body, content type, client limit, bytes kept, code read, message starts)
    let cases = [
        // The documented envelope, its message past the 1 KiB limit.
        (
            400,
            format!(r#"{{"success":false,"error":"validation_failed","message":"{long}"}}"#),
            "application/json",
            1024,
            1024,
            Some("validation_failed"),
            Some("mmm"),
        ),
        // A nested error object, cut inside a list after it.
        (
            422,
            format!(
                r#"{{"success":false,"error":{{"code":"invalid_platform","message":"unknown platform"}},"details":["{long}"]}}"#
            ),
            "application/json",
            1024,
            1024,
            Some("invalid_platform"),
            Some("unknown platform"),
        ),
        // NestJS: a list of messages, cut inside the second.
        (
            400,
            format!(
                r#"{{"statusCode":400,"message":["text too long","{long}"],"error":"Bad Request"}}"#
            ),
            "application/json",
            1024,
            1024,
            None,
            Some("text too long"),
        ),
        // An HTML page past the 64 KiB kept of non-JSON error bodies.
        (
            500,
            "<".repeat(100 * 1024),
            "text/html",
            1024 * 1024,
            64 * 1024,
            None,
            None,
        ),
    ];
    for (status, body, content_type, limit, kept, code, message) in cases {
        let server = MockServer::start().await;
        Mock::given(wiremock::matchers::any())
            .respond_with(ResponseTemplate::new(status).set_body_raw(body, content_type))
            .mount(&server)
            .await;
        let client = Client::builder()
            .base_url(server.uri())
            .max_response_bytes(limit)
            .retry_policy(autoposting_client::RetryPolicy::never())
            .build()
            .unwrap();

        let error = client.run("a", "r").await.unwrap_err();

        let kind = if message.is_some() {
            ErrorKind::Api
        } else {
            ErrorKind::Status
        };
        assert_eq!(error.kind(), kind, "{error}");
        assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
        assert_eq!(error.code(), code, "{error}");
        if let Some(start) = message {
            assert!(
                error.message().is_some_and(|m| m.starts_with(start)),
                "{error}"
            );
        }
        let text = error.to_string();
        assert!(
            text.contains(&format!("the body was cut at {kept} bytes")),
            "{text}"
        );
        assert!(error.body_snippet().is_some_and(|s| !s.is_empty()));
    }
}

#[tokio::test]
async fn a_declared_length_over_the_limit_is_refused() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_raw(vec![b' '; 4096], "application/json"))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .max_response_bytes(1024)
        .build()
        .unwrap();

    let error = client.run("a", "r").await.unwrap_err();

    assert_eq!(error.kind(), ErrorKind::ResponseTooLarge);
    assert!(error.to_string().contains("4096"), "{error}");
}

#[tokio::test]
async fn json_content_types_of_every_spelling_decode() {
    let body =
        br#"{"success": true, "data": {"id": "r", "status": "queued", "tokensUsed": 1}}"#.to_vec();
    for content_type in [
        "application/json",
        "Application/JSON; charset=UTF-8",
        "application/vnd.autoposting+json",
        "text/plain",
    ] {
        let server = MockServer::start().await;
        Mock::given(wiremock::matchers::any())
            .respond_with(ResponseTemplate::new(200).set_body_raw(body.clone(), content_type))
            .mount(&server)
            .await;
        let client = Client::builder().base_url(server.uri()).build().unwrap();
        assert_eq!(
            client.run("a", "r").await.unwrap().tokens_used,
            1,
            "{content_type}"
        );
    }
}

#[tokio::test]
async fn a_missing_content_type_on_2xx_still_decodes_json() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_bytes(br#"{"success":true,"data":["a","b"]}"#.to_vec()),
        )
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();

    assert_eq!(client.echo("a", "b").await.unwrap(), ["a", "b"]);
    let response = &server.received_requests().await.unwrap()[0];
    assert!(
        response.headers.get("accept-encoding").is_some(),
        "compression is offered"
    );
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap()
}

fn brotli(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
        writer.write_all(data).unwrap();
    }
    out
}

#[tokio::test]
async fn gzip_and_brotli_bodies_are_decoded() {
    let body = br#"{"success": true, "data": ["compressed", "ok"]}"#;
    for (encoding, compressed) in [("gzip", gzip(body)), ("br", brotli(body))] {
        let server = MockServer::start().await;
        Mock::given(wiremock::matchers::any())
            .respond_with(
                ResponseTemplate::new(200)
                    .insert_header("content-encoding", encoding)
                    .set_body_raw(compressed, "application/json"),
            )
            .mount(&server)
            .await;
        let client = Client::builder().base_url(server.uri()).build().unwrap();
        assert_eq!(
            client.echo("a", "b").await.unwrap(),
            ["compressed", "ok"],
            "{encoding}"
        );
    }
}

#[tokio::test]
async fn a_compressed_body_is_capped_after_decompression() {
    let huge = vec![b' '; 8 * 1024 * 1024];
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-encoding", "gzip")
                .set_body_raw(gzip(&huge), "application/json"),
        )
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .max_response_bytes(1024 * 1024)
        .build()
        .unwrap();

    let error = client.echo("a", "b").await.unwrap_err();

    assert_eq!(error.kind(), ErrorKind::ResponseTooLarge);
}

#[tokio::test]
async fn a_body_is_never_resent_to_another_origin() {
    let elsewhere = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ok_run())
        .mount(&elsewhere)
        .await;
    let origin = redirect_to(&format!("{}/steal", elsewhere.uri()), 307).await;
    let client = Client::builder()
        .base_url(origin.uri())
        .api_key(KEY)
        .build()
        .unwrap();

    let error = client
        .create_thing(&json!({"text": "private draft"}))
        .await
        .unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Redirect);
    assert!(
        error.is_outcome_unknown(),
        "the first server received the POST"
    );
    assert!(error.to_string().contains("another origin"), "{error}");
    assert!(elsewhere.received_requests().await.unwrap().is_empty());
}

#[test]
fn api_keys_must_be_visible_ascii() {
    for key in ["sk-ü-ключ", "sk social", "sk\tx"] {
        let error = Client::builder().api_key(key).build().unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Config, "{key:?}");
        assert!(!error.to_string().contains(key), "the key is not echoed");
    }
}

#[tokio::test]
async fn a_key_pasted_with_its_scheme_is_sent_once() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ok_run())
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .api_key("Bearer sk-social-abc")
        .build()
        .unwrap();

    client.run("a", "r").await.unwrap();

    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        request.headers.get("authorization").unwrap(),
        "Bearer sk-social-abc"
    );
}

#[test]
fn a_base_url_with_credentials_is_never_echoed() {
    for url in [
        "https://user:hunter2@host:99999/",
        "ftp://user:hunter2@host/",
        "https://user:hunter2@host/",
    ] {
        let error = Client::builder().base_url(url).build().unwrap_err();
        assert!(!format!("{error} {error:?}").contains("hunter2"), "{error}");
    }
}
