//! What errors tell a caller about retrying: 429s of POST and PATCH are retried,
//! `Error::is_retryable` agrees with the retry policy, `retry_after` and `rate_limit` say what
//! the server said, and a request lost to a stale pooled connection is resent at once.
//! Against servers on 127.0.0.1; waits are milliseconds.

use std::sync::atomic::Ordering;
use std::time::Duration;

use autoposting_client::{
    ApiResponse, Client, Error, ErrorKind, RateLimit, RetryPolicy, StatusCode,
};
use autoposting_tests::support::{fast, scripted, status};
use autoposting_tests::{AgentChange, Probe, Runs, Writes};
use serde_json::json;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn limited(retry_after: &str) -> ResponseTemplate {
    status(429).insert_header("retry-after", retry_after)
}

fn change() -> AgentChange {
    AgentChange {
        name: Some("n".into()),
        enabled: None,
    }
}

#[tokio::test]
async fn a_post_answered_429_is_retried_after_retry_after() {
    let (_server, client, seen) = scripted(vec![limited("0")], fast()).await;

    let created = client.create_thing(&json!({"text": "hi"})).await.unwrap();

    assert_eq!(created["n"], 1);
    assert_eq!(seen.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_post_answered_429_without_retry_after_is_retried_after_the_backoff() {
    let (_server, client, seen) = scripted(vec![status(429), status(429)], fast()).await;

    client.create_thing(&json!({"text": "hi"})).await.unwrap();

    assert_eq!(seen.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn a_patch_answered_429_is_retried() {
    let (_server, client, seen) = scripted(vec![limited("0")], fast()).await;

    assert_eq!(client.rename("a", &change()).await.unwrap().id, "a");
    assert_eq!(seen.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn every_other_failure_of_a_post_is_not_retried() {
    for code in [408, 500, 502, 503, 504] {
        let (_server, client, seen) = scripted(vec![status(code)], fast()).await;

        let error = client.create_thing(&json!({})).await.unwrap_err();

        assert_eq!(seen.load(Ordering::SeqCst), 1, "{code}");
        assert_eq!(error.attempts(), 1);
        assert!(!error.is_retryable(), "{code}");
    }
}

#[tokio::test]
async fn retries_of_a_post_429_stop_at_the_maximum() {
    let (_server, client, seen) =
        scripted(vec![limited("0"), limited("0"), limited("0")], fast()).await;

    let error = client.create_thing(&json!({})).await.unwrap_err();

    assert_eq!(seen.load(Ordering::SeqCst), 3);
    assert_eq!(error.attempts(), 3);
    assert_eq!(error.status(), Some(StatusCode::TOO_MANY_REQUESTS));
    assert!(error.is_retryable());
    assert_eq!(error.retry_after(), Some(Duration::ZERO));
}

#[tokio::test]
async fn retry_after_is_what_the_last_response_said_whatever_ended_the_retries() {
    // A demand over `max_delay` ends the retries at once…
    let (_server, client, seen) =
        scripted(vec![limited("7")], fast().max_delay(Duration::from_secs(5))).await;
    let error = client.create_thing(&json!({})).await.unwrap_err();
    assert_eq!(
        (seen.load(Ordering::SeqCst), error.retry_after()),
        (1, Some(Duration::from_secs(7)))
    );
    assert!(error.is_retryable());

    // …so does a policy without retries…
    let (_server, client, _) = scripted(vec![limited("7")], RetryPolicy::never()).await;
    let error = client.create_thing(&json!({})).await.unwrap_err();
    assert_eq!(error.retry_after(), Some(Duration::from_secs(7)));

    // …and a 503 that is not retried because the request is a POST.
    let (_server, client, _) =
        scripted(vec![status(503).insert_header("retry-after", "9")], fast()).await;
    let error = client.create_thing(&json!({})).await.unwrap_err();
    assert_eq!(error.retry_after(), Some(Duration::from_secs(9)));
    assert!(!error.is_retryable());
}

#[tokio::test]
async fn is_retryable_matches_the_policy_for_each_status_of_a_get() {
    for code in [400, 401, 403, 404, 409, 422, 501, 505] {
        let (_server, client, seen) = scripted(vec![status(code)], fast()).await;
        let error = client.get_thing("t").await.unwrap_err();
        assert!(!error.is_retryable(), "{code}");
        assert_eq!(seen.load(Ordering::SeqCst), 1, "{code}");
    }
    for code in [408, 429, 500, 502, 503, 504] {
        let failures = vec![status(code), status(code), status(code)];
        let (_server, client, seen) = scripted(failures, fast()).await;
        let error = client.get_thing("t").await.unwrap_err();
        assert!(error.is_retryable(), "{code}");
        assert_eq!(seen.load(Ordering::SeqCst), 3, "{code}");
    }
}

#[tokio::test]
async fn is_retryable_for_network_failures_only_when_idempotent() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let client = Client::builder()
        .base_url(format!("http://127.0.0.1:{port}"))
        .retry_policy(fast())
        .build()
        .unwrap();

    let get = client.echo("a", "b").await.unwrap_err();
    assert_eq!((get.kind(), get.attempts()), (ErrorKind::Connect, 3));
    assert!(get.is_retryable());

    let post = client.create_thing(&json!({})).await.unwrap_err();
    assert_eq!((post.kind(), post.attempts()), (ErrorKind::Connect, 1));
    assert!(!post.is_retryable());
}

#[tokio::test]
async fn decode_errors_and_invalid_arguments_are_not_retryable() {
    let (_server, client, _) = scripted(
        vec![ResponseTemplate::new(200).set_body_string("<html>")],
        fast(),
    )
    .await;
    let error = client.get_thing("t").await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Decode);
    assert!(!error.is_retryable());

    let error = client.get_thing("").await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidArgument);
    assert!(!error.is_retryable());
}

#[test]
fn errors_built_by_hand_are_retryable_as_for_a_get() {
    assert!(Error::api(StatusCode::TOO_MANY_REQUESTS, "rate_limited", "Slow down.").is_retryable());
    assert!(Error::api(StatusCode::SERVICE_UNAVAILABLE, "down", "Down.").is_retryable());
    assert!(!Error::api(StatusCode::NOT_FOUND, "not_found", "Gone.").is_retryable());
}

#[tokio::test]
async fn rate_limit_is_the_same_value_on_errors_and_responses() {
    let headers = |template: ResponseTemplate| {
        template
            .insert_header("x-ratelimit-limit", "100")
            .insert_header("x-ratelimit-remaining", "0")
            .insert_header("x-ratelimit-reset", "1704877200")
            .insert_header("retry-after", "30")
    };
    let (_server, client, _) = scripted(vec![headers(status(404))], fast()).await;
    let from_error: Option<RateLimit> = client.get_thing("t").await.unwrap_err().rate_limit();
    let response: ApiResponse<serde_json::Value> = {
        let server = MockServer::start().await;
        Mock::given(wiremock::matchers::any())
            .respond_with(headers(
                ResponseTemplate::new(200).set_body_json(json!({"success": true, "data": {}})),
            ))
            .mount(&server)
            .await;
        let client = Client::builder().base_url(server.uri()).build().unwrap();
        client.get_thing("t").await.unwrap()
    };
    let from_response: Option<RateLimit> = response.rate_limit();

    assert_eq!(from_error, from_response);
    let rate = from_error.unwrap();
    assert_eq!(
        (rate.limit, rate.remaining, rate.reset, rate.retry_after),
        (
            Some(100),
            Some(0),
            Some(1_704_877_200),
            Some(Duration::from_secs(30))
        )
    );
}
