//! How responses are decoded: the envelope, error envelopes on any status, bodies that are
//! not envelopes at all, and empty successes. Served from 127.0.0.1.

use autoposting_client::{Client, ErrorKind, StatusCode};
use autoposting_tests::support::serve;
use autoposting_tests::{MyRun, Probe, Runs};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn run_json() -> serde_json::Value {
    json!({"id": "run_1", "status": "running", "tokensUsed": 3})
}

#[tokio::test]
async fn success_false_on_200_is_an_api_error() {
    let body =
        json!({"success": false, "error": "quota_exceeded", "message": "Monthly quota exceeded."});
    let (_server, client) = serve(ResponseTemplate::new(200).set_body_json(body)).await;

    let error = client.run("a", "r").await.unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Api);
    assert_eq!(error.status(), Some(StatusCode::OK));
    assert_eq!(error.code(), Some("quota_exceeded"));
    assert_eq!(error.message(), Some("Monthly quota exceeded."));
}

#[tokio::test]
async fn error_envelope_with_data_first_is_still_an_api_error() {
    let body = r#"{"data": {"unexpected": true}, "success": false, "code": "RATE_LIMITED"}"#;
    let (_server, client) =
        serve(ResponseTemplate::new(429).set_body_raw(body, "application/json")).await;

    let error = client.run("a", "r").await.unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Api);
    assert_eq!(error.status(), Some(StatusCode::TOO_MANY_REQUESTS));
    assert_eq!(error.code(), Some("RATE_LIMITED"));
    assert_eq!(error.message(), None);
}

#[tokio::test]
async fn html_502_keeps_status_and_snippet() {
    let page = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>";
    let (_server, client) = serve(ResponseTemplate::new(502).set_body_raw(page, "text/html")).await;

    let error = client.run("a", "r").await.unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Status);
    assert_eq!(error.status(), Some(StatusCode::BAD_GATEWAY));
    assert!(
        error
            .body_snippet()
            .unwrap()
            .starts_with("<html><head><title>502 Bad Gateway")
    );
    let shown = error.to_string();
    assert!(shown.contains("HTTP 502 Bad Gateway"), "{shown}");
    assert!(!shown.contains("expected value at line 1"), "{shown}");
}

#[tokio::test]
async fn html_on_200_is_a_decode_error_with_snippet() {
    let (_server, client) =
        serve(ResponseTemplate::new(200).set_body_raw("<!doctype html><p>app</p>", "text/html"))
            .await;

    let error = client.run("a", "r").await.unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Decode);
    assert_eq!(error.body_snippet(), Some("<!doctype html><p>app</p>"));
    assert!(error.to_string().contains("not JSON"), "{error}");
}

#[tokio::test]
async fn long_bodies_are_cut_in_the_snippet() {
    let page = "é".repeat(10_000);
    let (_server, client) =
        serve(ResponseTemplate::new(500).set_body_raw(page, "text/plain")).await;

    let error = client.run("a", "r").await.unwrap_err();

    let snippet = error.body_snippet().unwrap();
    assert!(snippet.len() <= 256 + '…'.len_utf8());
    assert!(snippet.ends_with('…'));
    assert!(snippet.trim_end_matches('…').chars().all(|c| c == 'é'));
}

#[tokio::test]
async fn empty_body_on_a_unit_method_is_success() {
    let (_server, client) = serve(ResponseTemplate::new(200)).await;
    client.delete_agent("agent_1").await.unwrap();
}

#[tokio::test]
async fn no_content_on_a_unit_method_is_success() {
    let (_server, client) = serve(ResponseTemplate::new(204)).await;
    client.delete_agent("agent_1").await.unwrap();
}

#[tokio::test]
async fn success_without_data_on_a_unit_method_is_success() {
    let (_server, client) =
        serve(ResponseTemplate::new(200).set_body_json(json!({"success": true}))).await;
    client.delete_agent("agent_1").await.unwrap();
}

#[tokio::test]
async fn success_with_data_on_a_unit_method_is_success() {
    let body = json!({"success": true, "data": {"deleted": true}});
    let (_server, client) = serve(ResponseTemplate::new(200).set_body_json(body)).await;
    client.delete_agent("agent_1").await.unwrap();
}

#[tokio::test]
async fn empty_body_on_a_data_method_is_a_decode_error() {
    let (_server, client) = serve(ResponseTemplate::new(200)).await;

    let error = client.run("a", "r").await.unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Decode);
    assert_eq!(error.status(), Some(StatusCode::OK));
    assert!(error.to_string().contains("empty"), "{error}");
}

#[tokio::test]
async fn success_without_data_on_a_data_method_is_a_decode_error() {
    let (_server, client) =
        serve(ResponseTemplate::new(200).set_body_json(json!({"success": true}))).await;

    let error = client.run("a", "r").await.unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Decode);
    assert_eq!(error.decode_path(), Some("data"));
}

#[tokio::test]
async fn option_data_accepts_missing_and_null() {
    for body in [
        json!({"success": true}),
        json!({"success": true, "data": null}),
    ] {
        let (_server, client) = serve(ResponseTemplate::new(200).set_body_json(body)).await;
        assert_eq!(client.maybe().await.unwrap(), None);
    }
    let (_server, client) = serve(
        ResponseTemplate::new(200).set_body_json(json!({"success": true, "data": run_json()})),
    )
    .await;
    assert_eq!(
        client.maybe().await.unwrap(),
        Some(MyRun {
            id: "run_1".into(),
            status: "running".into(),
            tokens_used: 3
        })
    );
}

#[tokio::test]
async fn json_that_is_not_an_envelope_is_a_decode_error() {
    for body in [json!([1, 2, 3]), json!("ok"), json!({"id": "run_1"})] {
        let (_server, client) = serve(ResponseTemplate::new(200).set_body_json(body.clone())).await;
        let error = client.run("a", "r").await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Decode, "{body}");
    }
}

#[tokio::test]
async fn truncated_json_is_not_reported_as_a_bare_parser_error() {
    let (_server, client) = serve(
        ResponseTemplate::new(200)
            .set_body_raw(r#"{"success": true, "data": {"id""#, "application/json"),
    )
    .await;

    let error = client.run("a", "r").await.unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Decode);
    assert!(error.body_snippet().is_some());
}

#[tokio::test]
async fn error_envelopes_of_odd_shapes_still_surface_as_errors() {
    let body = json!({"success": false, "error": {"code": "x"}, "message": 42});
    let (_server, client) = serve(ResponseTemplate::new(400).set_body_json(body)).await;

    let error = client.run("a", "r").await.unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Api);
    assert_eq!(error.status(), Some(StatusCode::BAD_REQUEST));
    assert_eq!(error.message(), Some("42"));
}

#[tokio::test]
async fn an_error_status_with_a_success_envelope_is_a_status_error() {
    let body = json!({"success": true, "data": run_json()});
    let (_server, client) = serve(ResponseTemplate::new(500).set_body_json(body)).await;

    let error = client.run("a", "r").await.unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Status);
    assert_eq!(error.status(), Some(StatusCode::INTERNAL_SERVER_ERROR));
}

#[tokio::test]
async fn list_page_decodes_with_optional_query_left_out() {
    let server = MockServer::start().await;
    let body = json!({"success": true, "data": {"runs": [run_json()], "total": 1}});
    Mock::given(method("GET"))
        .and(path("/agents/agent_1/runs"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();

    let page = client.runs("agent_1", None, Some(40)).await.unwrap();
    assert_eq!(page.total, 1);
    assert_eq!(page.runs[0].id, "run_1");
    client.runs("agent_1", None, None).await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.query(), Some("offset=40"));
    assert_eq!(requests[1].url.query(), None);
    assert!(!requests[1].url.as_str().contains('?'));
    assert!(
        requests[0].headers.get("authorization").is_none(),
        "no key, no credentials"
    );
}

#[tokio::test]
async fn server_text_cannot_forge_log_lines() {
    let body =
        json!({"success": false, "error": "bad\ncode", "message": "m\u{1b}[31mRED\nsecond line"});
    let (_server, client) = serve(ResponseTemplate::new(400).set_body_json(body)).await;

    let error = client.run("a", "r").await.unwrap_err();

    let shown = error.to_string();
    assert!(
        !shown.contains('\n') && !shown.contains('\u{1b}'),
        "{shown:?}"
    );
    assert!(shown.contains(r"m\u{1b}[31mRED\nsecond line"), "{shown}");
    assert_eq!(
        error.message(),
        Some("m\u{1b}[31mRED\nsecond line"),
        "the accessor keeps the text as sent"
    );
}

#[tokio::test]
async fn deeply_nested_json_is_reported_as_such() {
    let body = format!(
        r#"{{"success": true, "data": {}{}}}"#,
        "[".repeat(1000),
        "]".repeat(1000)
    );
    let (_server, client) =
        serve(ResponseTemplate::new(200).set_body_raw(body, "application/json")).await;

    let error = client
        .search(None, &[], &Default::default(), None)
        .await
        .unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Decode);
    assert!(error.to_string().contains("nested too deeply"), "{error}");
}

#[tokio::test]
async fn a_bare_object_without_envelope_is_taken_as_the_data() {
    let body = json!({"id": "run_1", "status": "running", "tokensUsed": 5});
    let (_server, client) = serve(ResponseTemplate::new(200).set_body_json(body)).await;

    let run = client.run("a", "r").await.unwrap();

    assert_eq!(
        run,
        MyRun {
            id: "run_1".into(),
            status: "running".into(),
            tokens_used: 5
        }
    );
}

#[tokio::test]
async fn an_error_shaped_body_without_success_is_an_api_error_even_on_200() {
    let body = json!({"error": "forbidden", "message": "Nope"});
    let (_server, client) = serve(ResponseTemplate::new(200).set_body_json(body)).await;

    let error = client.maybe().await.unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Api);
    assert_eq!(
        (error.code(), error.message()),
        (Some("forbidden"), Some("Nope"))
    );
}

/// An endpoint whose answers carry secrets.
#[autoposting_client::api]
pub trait Secrets {
    /// Creates a key; the answer holds its only copy.
    #[post("/keys", sensitive)]
    async fn create_key(&self) -> autoposting_client::Result<MyRun>;
}

#[tokio::test]
async fn errors_of_sensitive_endpoints_keep_no_body() {
    let body = json!({"success": true, "data": {"key": "sk-social-BRANDNEWSECRET"}});
    let (_server, client) = serve(ResponseTemplate::new(201).set_body_json(body)).await;

    let error = client.create_key().await.unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Decode);
    assert_eq!(error.body_snippet(), None);
    assert!(!format!("{error} {error:?}").contains("BRANDNEWSECRET"));
}
