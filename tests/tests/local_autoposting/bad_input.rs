//! Bad input to the server itself gets the documented error envelope with a clear message,
//! never a panic or a hang; and many concurrent requests lose nothing.

use std::collections::BTreeSet;

use autoposting_client::brands::{Brands, CreateBrandRequest};
use autoposting_client::posts::{CreatePostRequest, Posts};
use autoposting_client::{Platform, StatusCode};
use autoposting_mock::{MockServer, Seed};

use crate::harness::{assert_error, empty, raw, raw_tcp};

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

/// A server with a 1 KiB API body limit, 2 KiB storage parts and 1 KiB media files.
async fn small_limits() -> (MockServer, autoposting_client::Client) {
    let server = MockServer::builder()
        .seed(Seed::Empty)
        .manual_clock()
        .max_body_size(1024)
        .max_part_size(2048)
        .max_upload_size(1024)
        .start()
        .await
        .unwrap();
    let api = crate::harness::client(&server, server.api_key());
    (server, api)
}

fn assert_413(answer: &serde_json::Value, limit: usize) {
    let message = assert_error(answer, "payload_too_large");
    assert!(message.contains(&format!("{limit} bytes")), "{message}");
}

#[tokio::test]
async fn a_large_declared_body_is_answered_413_and_the_client_reads_it() {
    let (server, api) = small_limits().await;
    // Far over the limit (4 MiB against 1 KiB): the client is still sending when the server
    // answers, and must read the 413, not a connection reset.
    let error = api
        .create_brand(
            &CreateBrandRequest::builder()
                .name("a".repeat(4 * 1024 * 1024))
                .slug("acme")
                .build(),
        )
        .await
        .unwrap_err();
    assert_eq!(
        error.kind(),
        autoposting_client::ErrorKind::Api,
        "{error:?}"
    );
    assert_eq!(error.status(), Some(StatusCode::PAYLOAD_TOO_LARGE));
    assert_eq!(error.code(), Some("payload_too_large"));
    assert!(error.message().unwrap().contains("1024 bytes"), "{error:?}");
    // Through plain reqwest, twice on one client: the refused connection is not reused.
    let k = Some(server.api_key());
    let big = format!(r#"{{"name": "{}"}}"#, "a".repeat(8 * 1024 * 1024));
    for _ in 0..2 {
        let (status, answer) = raw(&server, "POST", "/brands", k, Some(&big)).await;
        assert_eq!(status, 413);
        assert_413(&answer, 1024);
    }
    // One byte over is refused, exactly at the limit is read and judged on its content.
    let padded = |name: &str, size: usize| format!("{:<size$}", format!(r#"{{"name": "{name}"}}"#));
    let at_limit = padded("At", 1024);
    assert_eq!(at_limit.len(), 1024);
    let (status, answer) = raw(&server, "POST", "/brands", k, Some(&at_limit)).await;
    assert_eq!(status, 200, "{answer}");
    let (status, answer) = raw(&server, "POST", "/brands", k, Some(&padded("Over", 1025))).await;
    assert_eq!(status, 413);
    assert_413(&answer, 1024);
    // Nothing of the refused bodies was stored, and the server still serves.
    let slugs: Vec<_> = server.brands().iter().map(|b| b["slug"].clone()).collect();
    assert_eq!(slugs, ["at"]);
    assert!(api.list_brands().await.is_ok());
}

#[tokio::test]
async fn a_raw_client_reads_the_413_whether_it_sends_the_body_or_not() {
    let (server, _) = small_limits().await;
    let auth = format!("Authorization: Bearer {}", server.api_key());
    let head = |length: usize, extra: &str| {
        format!(
            "POST /brands HTTP/1.1\r\n{auth}\r\nContent-Type: application/json\r\nContent-Length: {length}{extra}"
        )
    };
    // Only the headers, announcing 10 MB that never come: answered at once.
    let (status, headers, answer) = raw_tcp(&server, &head(10_000_000, ""), &[]).await;
    assert_eq!(status, 413, "{headers}");
    assert!(
        headers.to_ascii_lowercase().contains("connection: close"),
        "{headers}"
    );
    assert_413(&answer, 1024);
    // `Expect: 100-continue`: the 413 comes instead of the 100, so the body need not be sent.
    let (status, headers, answer) =
        raw_tcp(&server, &head(10_000_000, "\r\nExpect: 100-continue"), &[]).await;
    assert_eq!(status, 413, "{headers}");
    assert!(!headers.contains("100 Continue"), "{headers}");
    assert_413(&answer, 1024);
    // The whole 3 MiB body written before reading: it is drained, then the 413 is read.
    let body = vec![b'a'; 3 * 1024 * 1024];
    let (status, headers, answer) = raw_tcp(&server, &head(body.len(), ""), &[&body]).await;
    assert_eq!(status, 413, "{headers}");
    assert_413(&answer, 1024);
    // One byte over the limit, sent whole.
    let body = vec![b' '; 1025];
    let (status, _, answer) = raw_tcp(&server, &head(body.len(), ""), &[&body]).await;
    assert_eq!(status, 413);
    assert_413(&answer, 1024);
}

#[tokio::test]
async fn a_chunked_body_that_grows_over_the_limit_mid_stream_is_a_413() {
    let (server, _) = small_limits().await;
    let head = format!(
        "POST /brands HTTP/1.1\r\nAuthorization: Bearer {}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked",
        server.api_key()
    );
    let chunk = |data: &[u8]| {
        let mut framed = format!("{:x}\r\n", data.len()).into_bytes();
        framed.extend_from_slice(data);
        framed.extend_from_slice(b"\r\n");
        framed
    };
    // 600 bytes, then 600 more: over 1 KiB on the second chunk, then many more after it.
    let first = chunk(&[b' '; 600]);
    let second = chunk(&[b' '; 600]);
    let tail: Vec<u8> = (0..1000).flat_map(|_| chunk(&[b' '; 1000])).collect();
    let (status, headers, answer) =
        raw_tcp(&server, &head, &[&first, &second, &tail, b"0\r\n\r\n"]).await;
    assert_eq!(status, 413, "{headers}");
    assert_413(&answer, 1024);
    // Stopping after the chunk that crosses the limit (no terminating chunk) is answered too.
    let (status, _, answer) = raw_tcp(&server, &head, &[&first, &second]).await;
    assert_eq!(status, 413);
    assert_413(&answer, 1024);
    // Chunked up to exactly the limit is read whole and judged on its content.
    let json = format!("{:<1024}", r#"{"name": "Chunked"}"#);
    let (status, headers, answer) = raw_tcp(
        &server,
        &head,
        &[
            &chunk(&json.as_bytes()[..500]),
            &chunk(&json.as_bytes()[500..]),
            b"0\r\n\r\n",
        ],
    )
    .await;
    assert_eq!(status, 200, "{headers} {answer}");
    assert_eq!(server.brands().len(), 1);
}

#[tokio::test]
async fn a_storage_part_over_its_own_limit_is_a_413() {
    let (server, _) = small_limits().await;
    let http = reqwest::Client::new();
    let url = format!("{}/__storage/media/m1/cover.png", server.base_url());
    // The part limit (2 KiB) is not the API's (1 KiB): 2 KiB is stored.
    let response = http.put(&url).body(vec![7u8; 2048]).send().await.unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert!(response.headers().contains_key("etag"));
    for size in [2049, 4 * 1024 * 1024] {
        let response = http.put(&url).body(vec![7u8; size]).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 413, "{size}");
        let answer: serde_json::Value =
            serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
        assert_413(&answer, 2048);
    }
    // A raw chunked PUT growing past it.
    let head = "PUT /__storage/media/m1/cover.png HTTP/1.1\r\nTransfer-Encoding: chunked";
    let chunk = format!("{:x}\r\n{}\r\n", 1500, "z".repeat(1500));
    let (status, _, answer) = raw_tcp(
        &server,
        head,
        &[chunk.as_bytes(), chunk.as_bytes(), b"0\r\n\r\n"],
    )
    .await;
    assert_eq!(status, 413);
    assert_413(&answer, 2048);
}

#[tokio::test]
async fn a_multipart_media_upload_over_its_limit_is_a_413_through_the_client() {
    let (_server, api) = small_limits().await;
    let part = |size: usize| {
        autoposting_client::Part::bytes(vec![0x89u8; size])
            .file_name("cover.png")
            .content_type("image/png")
    };
    // At the file limit (the form's framing on top is allowed for).
    let media = api.upload_media(&part(1024)).await.unwrap();
    assert!(media.url.ends_with("/cover.png"), "{}", media.url);
    // Just over: the body fits the framing allowance, the file does not.
    // Far over: refused on its Content-Length, while the client is still sending.
    for size in [1025, 64 * 1024, 8 * 1024 * 1024] {
        let error = api.upload_media(&part(size)).await.unwrap_err();
        assert_eq!(
            error.kind(),
            autoposting_client::ErrorKind::Api,
            "{size}: {error:?}"
        );
        assert_eq!(
            error.status(),
            Some(StatusCode::PAYLOAD_TOO_LARGE),
            "{size}"
        );
        assert_eq!(error.code(), Some("payload_too_large"));
        assert!(error.message().unwrap().contains("1024 bytes"), "{error:?}");
    }
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
    crate::harness::acme(&api, &[]).await;
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
    crate::harness::acme(&api, &[]).await;
    // Each call is a task of its own, so that the client's work spreads over the runtime's
    // workers as the server's does (one `join_all` would poll every call on this thread).
    let calls = (0..1000).map(|n| {
        let api = api.clone();
        tokio::spawn(async move {
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
        })
    });
    let results: Vec<_> = futures_util::future::join_all(calls)
        .await
        .into_iter()
        .map(|joined| joined.expect("no call panics"))
        .collect();
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
