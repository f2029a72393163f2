//! Retries, `Retry-After` and rate-limit headers, against a server on 127.0.0.1.
//! Waits are kept to milliseconds with a fast retry policy.

use std::sync::atomic::Ordering;
use std::time::Duration;

use autoposting_client::{Client, ErrorKind, RateLimit, RetryPolicy, StatusCode};
use autoposting_tests::support::{fast, scripted, status};
use autoposting_tests::{Probe, Writes};
use serde_json::json;
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn get_is_retried_on_each_retryable_status() {
    for code in [408, 429, 500, 502, 503, 504] {
        let (_server, client, seen) = scripted(vec![status(code), status(code)], fast()).await;
        let response = client.get_thing("t").await.unwrap();
        assert_eq!(response.data["n"], 2, "{code}");
        assert_eq!(seen.load(Ordering::SeqCst), 3, "{code}");
    }
}

#[tokio::test]
async fn other_errors_are_not_retried() {
    for code in [400, 401, 402, 403, 404, 409, 501] {
        let (_server, client, seen) = scripted(vec![status(code)], fast()).await;
        let error = client.get_thing("t").await.unwrap_err();
        assert_eq!(error.status(), Some(StatusCode::from_u16(code).unwrap()));
        assert_eq!(
            (seen.load(Ordering::SeqCst), error.attempts()),
            (1, 1),
            "{code}"
        );
    }
}

#[tokio::test]
async fn retries_stop_at_the_maximum_and_report_attempts() {
    let (_server, client, seen) = scripted(vec![status(503); 10], fast().max_retries(3)).await;

    let error = client.get_thing("t").await.unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Api);
    assert_eq!(error.code(), Some("e503"));
    assert_eq!(error.attempts(), 4);
    assert_eq!(seen.load(Ordering::SeqCst), 4);
    assert!(error.to_string().contains("after 4 attempts"), "{error}");
}

#[tokio::test]
async fn post_is_never_retried() {
    let (_server, client, seen) = scripted(vec![status(503), status(503)], fast()).await;

    let error = client
        .create_thing(&json!({"text": "hello"}))
        .await
        .unwrap_err();

    assert_eq!(error.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!((seen.load(Ordering::SeqCst), error.attempts()), (1, 1));
}

#[tokio::test]
async fn post_declared_idempotent_is_retried() {
    let (_server, client, seen) = scripted(vec![status(502)], fast()).await;

    assert_eq!(client.score_thing("p1").await.unwrap()["n"], 1);
    assert_eq!(seen.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_per_call_policy_overrides_the_client_default() {
    let (_server, client, seen) = scripted(vec![status(503), status(503)], fast()).await;

    let error = client
        .with_retry_policy(RetryPolicy::never())
        .get_thing("t")
        .await
        .unwrap_err();

    assert_eq!((seen.load(Ordering::SeqCst), error.attempts()), (1, 1));
    assert_eq!(
        client.retry_policy(),
        fast(),
        "the original handle keeps its policy"
    );
}

#[tokio::test]
async fn retry_after_seconds_is_honoured() {
    let limited = status(429).insert_header("retry-after", "0");
    // A base delay of an hour would hang the test if Retry-After were ignored.
    let policy = RetryPolicy::default()
        .base_delay(Duration::from_secs(3600))
        .max_delay(Duration::from_secs(3600));
    let (_server, client, seen) = scripted(vec![limited], policy).await;

    assert_eq!(client.get_thing("t").await.unwrap().data["n"], 1);
    assert_eq!(seen.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn retry_after_http_date_in_the_past_means_now() {
    let limited = status(503).insert_header("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT");
    let policy = RetryPolicy::default()
        .base_delay(Duration::from_secs(3600))
        .max_delay(Duration::from_secs(3600));
    let (_server, client, seen) = scripted(vec![limited], policy).await;

    client.get_thing("t").await.unwrap();
    assert_eq!(seen.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn unparseable_retry_after_falls_back_to_backoff() {
    let limited = status(429).insert_header("retry-after", "in a while");
    let (_server, client, seen) = scripted(vec![limited], fast()).await;

    client.get_thing("t").await.unwrap();
    assert_eq!(seen.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_longer_demand_than_max_delay_ends_retries_with_the_wait() {
    let limited = status(429)
        .insert_header("retry-after", "120")
        .insert_header("x-ratelimit-limit", "100")
        .insert_header("x-ratelimit-remaining", "0")
        .insert_header("x-ratelimit-reset", "1704877200");
    let (_server, client, seen) = scripted(vec![limited], fast()).await;

    let error = client.get_thing("t").await.unwrap_err();

    assert_eq!(error.status(), Some(StatusCode::TOO_MANY_REQUESTS));
    assert_eq!(error.retry_after(), Some(Duration::from_secs(120)));
    assert_eq!(seen.load(Ordering::SeqCst), 1);
    assert_eq!(error.attempts(), 1);
    let rate: RateLimit = error.rate_limit().unwrap();
    assert_eq!(
        (rate.limit, rate.remaining, rate.reset),
        (Some(100), Some(0), Some(1_704_877_200))
    );
    assert!(error.to_string().contains("retry after 120 s"), "{error}");
}

#[tokio::test]
async fn rate_limit_headers_are_on_successful_responses() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("X-RateLimit-Limit", "60")
                .insert_header("X-RateLimit-Remaining", "59")
                .insert_header("X-RateLimit-Reset", "1704877260")
                .set_body_json(json!({"success": true, "data": {}})),
        )
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();

    let rate = client.get_thing("t").await.unwrap().rate_limit().unwrap();

    assert_eq!(
        (rate.limit, rate.remaining, rate.reset, rate.retry_after),
        (Some(60), Some(59), Some(1_704_877_260), None)
    );
}

#[tokio::test]
async fn connection_failures_of_a_get_are_retried() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let client = Client::builder()
        .base_url(format!("http://127.0.0.1:{port}"))
        .retry_policy(fast())
        .build()
        .unwrap();

    let error = client.echo("a", "b").await.unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Connect);
    assert_eq!(error.attempts(), 3);
}
