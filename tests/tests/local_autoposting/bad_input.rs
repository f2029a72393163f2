//! Bad input to the server itself gets the documented error envelope with a clear message,
//! never a panic or a hang; and many concurrent requests lose nothing.

use std::collections::BTreeSet;

use autoposting_client::brands::{Brands, CreateBrandRequest};
use autoposting_client::posts::{CreatePostRequest, Posts};
use autoposting_client::{Platform, StatusCode};
use autoposting_mock::{MockServer, Seed};

use crate::harness::{assert_error, empty, raw};

#[tokio::test]
async fn malformed_json_is_a_400_naming_the_position() {
    let (server, _) = empty().await;
    let k = Some(server.api_key());
    for body in [r#"{"name": "#, "not json", r#"{"name": "A",}"#] {
        let (status, answer) = raw(&server, "POST", "/brands", k, Some(body)).await;
        assert_eq!(status, 400, "{body}");
        let message = assert_error(&answer, "invalid_request");
        assert!(
            message.contains("not valid JSON") && message.contains("line"),
            "{message}"
        );
    }
}

#[tokio::test]
async fn an_empty_body_or_a_non_object_is_a_400() {
    let (server, _) = empty().await;
    let k = Some(server.api_key());
    for body in ["", "  ", "[]", "42", "null"] {
        let (status, answer) = raw(&server, "POST", "/posts", k, Some(body)).await;
        assert_eq!(status, 400, "{body:?}");
        assert_error(&answer, "invalid_request");
    }
}

#[tokio::test]
async fn a_field_of_the_wrong_type_is_a_400_naming_the_field() {
    let (server, _) = empty().await;
    let k = Some(server.api_key());
    for (body, field) in [
        (r#"{"name": 42}"#, "name"),
        (r#"{"name": "A", "platforms": "x"}"#, "platforms"),
        (r#"{"name": "A", "platforms": ["x", 7]}"#, "platforms[1]"),
    ] {
        let (status, answer) = raw(&server, "POST", "/brands", k, Some(body)).await;
        assert_eq!(status, 400, "{body}");
        let message = assert_error(&answer, "validation_error");
        assert!(message.contains(&format!("`{field}`")), "{message}");
    }
}

#[tokio::test]
async fn a_missing_required_field_is_a_400_naming_it() {
    let (server, _) = empty().await;
    let k = Some(server.api_key());
    for (path, body, field) in [
        ("/brands", "{}", "name"),
        (
            "/posts",
            r#"{"text": "Hi", "platforms": ["x"]}"#,
            "brandSlug",
        ),
        ("/webhooks", r#"{"events": ["*"]}"#, "url"),
        ("/api-keys", r#"{"scopes": ["posts:read"]}"#, "name"),
    ] {
        let (status, answer) = raw(&server, "POST", path, k, Some(body)).await;
        assert_eq!(status, 400, "{path}");
        let message = assert_error(&answer, "validation_error");
        assert!(message.contains(&format!("`{field}`")), "{path}: {message}");
    }
}

#[tokio::test]
async fn an_oversize_body_is_a_413_envelope() {
    let server = MockServer::builder()
        .seed(Seed::Empty)
        .max_body_size(1024)
        .start()
        .await
        .unwrap();
    let k = Some(server.api_key());
    let big = format!(r#"{{"name": "{}"}}"#, "a".repeat(2048));
    let (status, answer) = raw(&server, "POST", "/brands", k, Some(&big)).await;
    assert_eq!(status, 413);
    assert_error(&answer, "payload_too_large");
    // Just under the limit is fine.
    let fits = format!(r#"{{"name": "A", "description": "{}"}}"#, "a".repeat(980));
    let (status, _) = raw(&server, "POST", "/brands", k, Some(&fits)).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn unknown_paths_and_methods_get_the_envelope() {
    let (server, _) = empty().await;
    let k = Some(server.api_key());
    let (status, answer) = raw(&server, "GET", "/nope/nothing", k, None).await;
    assert_eq!(status, 404);
    assert!(assert_error(&answer, "not_found").contains("/nope/nothing"));
    let (status, answer) = raw(&server, "DELETE", "/billing/credits", k, None).await;
    assert_eq!(status, 405);
    assert_error(&answer, "method_not_allowed");
    let (status, answer) = raw(&server, "GET", "/posts?limit=abc", k, None).await;
    assert_eq!(status, 400);
    assert_error(&answer, "invalid_request");
}

#[tokio::test]
async fn paging_limits_are_enforced_at_their_edges() {
    let (server, _) = empty().await;
    let k = Some(server.api_key());
    for (query, ok) in [
        ("limit=1", true),
        ("limit=100", true),
        ("limit=0", false),
        ("limit=101", false),
        ("offset=-1", false),
        ("offset=0", true),
    ] {
        let (status, answer) = raw(&server, "GET", &format!("/posts?{query}"), k, None).await;
        assert_eq!(status == 200, ok, "{query}: {answer}");
        if !ok {
            assert_error(&answer, "validation_error");
        }
    }
}

#[tokio::test]
async fn without_a_valid_key_every_operation_is_the_documented_401() {
    let (server, _) = empty().await;
    for key in [None, Some("sk-social-wrong"), Some("")] {
        let (status, answer) = raw(&server, "GET", "/brands", key, None).await;
        assert_eq!(status, 401, "{key:?}");
        assert_eq!(
            assert_error(&answer, "unauthorized"),
            "Authentication required."
        );
    }
    // x-api-key works as well as Bearer; /health needs nothing.
    let response = reqwest::Client::new()
        .get(format!("{}/brands", server.base_url()))
        .header("x-api-key", server.api_key())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(raw(&server, "GET", "/health", None, None).await.0, 200);
}

#[tokio::test]
async fn text_over_a_platform_limit_is_a_400_and_at_the_limit_is_accepted() {
    let (server, api) = empty().await;
    api.create_brand(
        &CreateBrandRequest::builder()
            .name("Acme")
            .slug("acme")
            .build(),
    )
    .await
    .unwrap();
    for (platform, limit) in [
        (Platform::X, 280),
        (Platform::Threads, 500),
        (Platform::Instagram, 2200),
        (Platform::Linkedin, 3000),
    ] {
        let at = api
            .create_post(
                &CreatePostRequest::builder()
                    .brand_slug("acme")
                    .text("a".repeat(limit))
                    .platforms([platform.clone()])
                    .build(),
            )
            .await;
        assert!(at.is_ok(), "{platform:?} at its limit");
        let error = api
            .create_post(
                &CreatePostRequest::builder()
                    .brand_slug("acme")
                    .text("é".repeat(limit + 1))
                    .platforms([platform.clone()])
                    .build(),
            )
            .await
            .unwrap_err();
        assert_eq!(error.status(), Some(StatusCode::BAD_REQUEST));
        assert_eq!(error.code(), Some("validation_error"));
        assert!(
            error
                .message()
                .unwrap()
                .contains(&format!("at most {limit}")),
            "{error:?}"
        );
    }
    drop(server);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_requests_through_one_client_lose_nothing() {
    let server = MockServer::builder()
        .seed(Seed::Empty)
        .manual_clock()
        .start()
        .await
        .unwrap();
    // A generous bound: this is about losing nothing, not speed, on a loaded debug build.
    let api = autoposting_client::Client::builder()
        .base_url(server.base_url())
        .api_key(server.api_key())
        .timeout(std::time::Duration::from_secs(120))
        .build()
        .unwrap();
    api.create_brand(
        &CreateBrandRequest::builder()
            .name("Acme")
            .slug("acme")
            .build(),
    )
    .await
    .unwrap();
    let calls = (0..1000).map(|n| {
        let api = api.clone();
        async move {
            if n % 2 == 0 {
                api.create_post(
                    &CreatePostRequest::builder()
                        .brand_slug("acme")
                        .text(format!("post {n}"))
                        .platforms([Platform::X])
                        .build(),
                )
                .await
                .map(|p| Some(p.text))
            } else {
                api.list_posts(
                    &autoposting_client::posts::ListPostsParams::builder()
                        .brand_slug("acme")
                        .limit(5)
                        .build(),
                )
                .await
                .map(|_| None)
            }
        }
    });
    let results = futures_util::future::join_all(calls).await;
    let errors: Vec<_> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    assert!(
        errors.is_empty(),
        "{} errors, first: {:?}",
        errors.len(),
        errors.first()
    );
    let written: BTreeSet<String> = results
        .into_iter()
        .filter_map(|r| r.ok().flatten())
        .collect();
    assert_eq!(written.len(), 500);
    let stored: BTreeSet<String> = server
        .posts()
        .iter()
        .map(|p| p["text"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(stored, written, "every write is stored, once");
    let ids: BTreeSet<String> = server
        .posts()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids.len(), 500, "ids are unique");
}

#[tokio::test]
async fn advancing_the_clock_by_a_huge_or_bad_amount_is_a_400_not_a_panic() {
    let (server, _) = empty().await;
    let (_, before) = raw(&server, "GET", "/__admin/clock", None, None).await;
    for body in [
        r#"{"seconds": 1e300}"#,
        r#"{"seconds": 1e20}"#,
        r#"{"seconds": 3155760001}"#,
        r#"{"seconds": -1}"#,
    ] {
        let (status, answer) =
            raw(&server, "POST", "/__admin/clock/advance", None, Some(body)).await;
        assert_eq!(status, 400, "{body}: {answer}");
        let message = assert_error(&answer, "validation_error");
        assert!(message.contains("100 years"), "{message}");
    }
    let (_, after) = raw(&server, "GET", "/__admin/clock", None, None).await;
    assert_eq!(before["now"], after["now"], "the clock did not move");
    // 100 years exactly is allowed, and the server still answers afterwards.
    let (status, answer) = raw(
        &server,
        "POST",
        "/__admin/clock/advance",
        None,
        Some(r#"{"seconds": 3155760000}"#),
    )
    .await;
    assert_eq!(status, 200, "{answer}");
    let (status, _) = raw(&server, "GET", "/__admin/clock", None, None).await;
    assert_eq!(status, 200);
}
