//! Error bodies in the shapes gateways, frameworks and older endpoints send, each read into
//! one code and one message; served from 127.0.0.1. The rules are in the README's "Errors"
//! section and on `Error::code` and `Error::message`.

use autoposting_client::auth::{Auth, LoginRequest};
use autoposting_client::{Error, ErrorKind, RetryPolicy, StatusCode};
use autoposting_tests::Writes;
use autoposting_tests::support::serve;
use serde_json::{Value, json};
use wiremock::ResponseTemplate;

async fn create_post_answered(status: u16, body: Value) -> Error {
    create_post_answered_raw(status, &body.to_string(), "application/json").await
}

async fn create_post_answered_raw(status: u16, body: &str, content_type: &str) -> Error {
    let response = ResponseTemplate::new(status).set_body_raw(body.to_owned(), content_type);
    let (_server, client) = serve(response).await;
    client
        .create_thing(&json!({"text": "hello"}))
        .await
        .unwrap_err()
}

#[tokio::test]
async fn a_nested_error_object_gives_its_code_and_message() {
    let error = create_post_answered(
        400,
        json!({"success": false, "error": {"code": "validation_failed", "message": "text must be at most 280 characters"}}),
    )
    .await;

    assert_eq!(error.kind(), ErrorKind::Api);
    assert_eq!(error.code(), Some("validation_failed"));
    assert_eq!(error.message(), Some("text must be at most 280 characters"));
    let shown = error.to_string();
    assert!(
        shown.contains("validation_failed: text must be at most 280 characters"),
        "{shown}"
    );
    assert!(error.body_snippet().unwrap().contains("validation_failed"));
}

#[tokio::test]
async fn a_nestjs_body_keeps_every_message() {
    let error = create_post_answered(
        400,
        json!({"statusCode": 400, "message": ["text must be at most 280 characters", "platforms must not be empty"], "error": "Bad Request"}),
    )
    .await;

    assert_eq!(error.kind(), ErrorKind::Api);
    assert_eq!(error.code(), Some("Bad Request"));
    assert_eq!(
        error.message(),
        Some("text must be at most 280 characters; platforms must not be empty")
    );
    let shown = error.to_string();
    assert!(shown.contains("platforms must not be empty"), "{shown}");
    assert!(error.body_snippet().unwrap().contains("statusCode"));
}

#[tokio::test]
async fn an_errors_list_gives_the_first_code_and_every_message() {
    let error = create_post_answered(
        422,
        json!({"success": false, "errors": [
            {"code": "invalid_platform", "message": "unknown platform: myspace"},
            {"code": "too_long", "message": "text is too long", "field": "text"}
        ]}),
    )
    .await;

    assert_eq!(error.code(), Some("invalid_platform"));
    assert_eq!(
        error.message(),
        Some("unknown platform: myspace; text: text is too long")
    );
    assert!(error.to_string().contains("unknown platform: myspace"));
}

#[tokio::test]
async fn a_code_field_is_the_code_and_the_error_string_its_message() {
    let error = create_post_answered(
        401,
        json!({"error": "Unauthorized", "code": "UNAUTHORIZED"}),
    )
    .await;

    assert_eq!(error.kind(), ErrorKind::Api);
    assert_eq!(error.code(), Some("UNAUTHORIZED"));
    assert_eq!(error.message(), Some("Unauthorized"));
}

#[tokio::test]
async fn a_code_field_does_not_hide_a_message() {
    let error = create_post_answered(
        403,
        json!({"success": false, "error": "Forbidden", "code": "plan_limit", "message": "Upgrade to post more."}),
    )
    .await;

    assert_eq!(error.code(), Some("plan_limit"));
    assert_eq!(error.message(), Some("Upgrade to post more."));
}

#[tokio::test]
async fn problem_details_give_their_detail() {
    let body = r#"{"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.","status":403,"detail":"Your current balance is 30, but that costs 50."}"#;

    let error = create_post_answered_raw(403, body, "application/problem+json").await;

    assert_eq!(error.kind(), ErrorKind::Api);
    assert_eq!(error.code(), None);
    assert_eq!(
        error.message(),
        Some("Your current balance is 30, but that costs 50.")
    );
}

#[tokio::test]
async fn problem_details_with_only_a_title_give_the_title() {
    let body = r#"{"type":"about:blank","title":"Not Found","status":404}"#;

    let error = create_post_answered_raw(404, body, "application/problem+json").await;

    assert_eq!(error.message(), Some("Not Found"));
}

#[tokio::test]
async fn oauth_errors_give_their_description() {
    let error = create_post_answered(
        400,
        json!({"error": "invalid_grant", "error_description": "The code has expired."}),
    )
    .await;

    assert_eq!(error.code(), Some("invalid_grant"));
    assert_eq!(error.message(), Some("The code has expired."));
}

#[tokio::test]
async fn numeric_codes_and_msg_fields_are_read() {
    let error = create_post_answered(400, json!({"code": 40001, "msg": "bad text"})).await;

    assert_eq!(error.code(), Some("40001"));
    assert_eq!(error.message(), Some("bad text"));
}

#[tokio::test]
async fn field_keyed_errors_are_named_after_their_field() {
    let body = r#"{"message":"The given data was invalid.","errors":{"text":["The text field is required."],"platforms":["Pick one."]}}"#;

    let error = create_post_answered_raw(422, body, "application/json").await;

    assert_eq!(error.code(), None);
    assert_eq!(
        error.message(),
        Some(
            "The given data was invalid.; text: The text field is required.; platforms: Pick one."
        )
    );
}

#[tokio::test]
async fn a_nested_error_on_a_success_status_is_still_an_error() {
    let error = create_post_answered(
        200,
        json!({"error": {"code": "quota_exceeded", "message": "Monthly quota exceeded."}}),
    )
    .await;

    assert_eq!(error.kind(), ErrorKind::Api);
    assert_eq!(error.status(), Some(StatusCode::OK));
    assert_eq!(error.code(), Some("quota_exceeded"));
}

#[tokio::test]
async fn the_documented_shape_keeps_its_body_but_does_not_show_it() {
    let error = create_post_answered(
        402,
        json!({"success": false, "error": "insufficient_credits", "message": "Not enough credits."}),
    )
    .await;

    assert_eq!(error.code(), Some("insufficient_credits"));
    assert!(
        error
            .body_snippet()
            .unwrap()
            .contains("insufficient_credits")
    );
    let shown = error.to_string();
    assert_eq!(
        shown,
        "create_thing: HTTP 402 Payment Required: insufficient_credits: Not enough credits."
    );
}

#[tokio::test]
async fn an_error_that_says_nothing_shows_its_body() {
    let error = create_post_answered(400, json!({"success": false, "requestId": "req_9"})).await;

    assert_eq!(error.kind(), ErrorKind::Api);
    assert_eq!((error.code(), error.message()), (None, None));
    assert!(error.to_string().contains("req_9"), "{error}");
}

#[tokio::test]
async fn a_long_error_body_keeps_a_bounded_snippet_and_message() {
    let long = "x".repeat(10_000);
    let error = create_post_answered(400, json!({"error": "too_long", "message": long})).await;

    assert!(error.body_snippet().unwrap().chars().count() <= 257);
    assert!(error.message().unwrap().len() <= 2048 + '…'.len_utf8());
    assert!(error.message().unwrap().ends_with('…'));
}

#[tokio::test]
async fn a_sensitive_endpoint_keeps_no_body() {
    let body = json!({"success": false, "error": {"code": "invalid_credentials", "message": "Wrong password."}, "token": "SECRET"});
    let (_server, client) = serve(ResponseTemplate::new(401).set_body_json(body)).await;
    let client = client.with_retry_policy(RetryPolicy::never());

    let error = client
        .login(&LoginRequest::new("you@example.com", "pw"))
        .await
        .unwrap_err();

    assert_eq!(error.code(), Some("invalid_credentials"));
    assert_eq!(error.body_snippet(), None);
    assert!(!format!("{error} {error:?}").contains("SECRET"));
}

#[tokio::test]
async fn error_values_of_odd_types_never_fail_the_decode() {
    for body in [
        json!({"success": false, "error": null, "message": 5}),
        json!({"success": false, "error": [1, true, null], "errors": "x"}),
        json!({"success": false, "error": {"code": {"deep": 1}}, "code": [1]}),
        json!({"statusCode": 500, "message": {"a": {"b": ["c"]}}}),
    ] {
        let error = create_post_answered(500, body.clone()).await;
        assert_eq!(error.kind(), ErrorKind::Api, "{body}");
        assert_eq!(error.status(), Some(StatusCode::INTERNAL_SERVER_ERROR));
    }
}

#[test]
fn a_client_error_built_by_hand_has_no_body() {
    let error = Error::api(StatusCode::NOT_FOUND, "not_found", "Run not found.");
    assert_eq!(error.body_snippet(), None);
}

#[tokio::test]
async fn a_key_echoed_in_an_error_body_is_redacted() {
    use autoposting_tests::support::TEST_KEY;
    let body = format!(r#"{{"code":"bad {TEST_KEY}","message":"bad key {TEST_KEY}"}}"#);
    let error = create_post_answered_raw(401, &body, "application/json").await;
    assert_eq!(error.kind(), ErrorKind::Api);
    assert_eq!(error.status(), Some(StatusCode::UNAUTHORIZED));
    assert_eq!(error.message(), Some("bad key [redacted]"));
    assert_eq!(error.code(), Some("bad [redacted]"));
    let snippet = error.body_snippet().unwrap();
    assert!(snippet.contains("bad key [redacted]"), "{snippet}");
    for shown in [error.to_string(), format!("{error:?}"), snippet.to_owned()] {
        assert!(!shown.contains(TEST_KEY), "{shown}");
    }
    // A plain-text body, as a Status error, too.
    let error = create_post_answered_raw(401, &format!("bad key {TEST_KEY}"), "text/plain").await;
    assert_eq!(error.status(), Some(StatusCode::UNAUTHORIZED));
    for shown in [error.to_string(), format!("{error:?}")] {
        assert!(!shown.contains(TEST_KEY), "{shown}");
    }
}
