//! Bodies that strict JSON parsers refuse but real servers send, and bodies that are not
//! envelopes at all; served from 127.0.0.1. The policy is written in the README's
//! "Errors" section and in `runtime/lenient.rs`.

use autoposting_client::{ErrorKind, StatusCode};
use autoposting_tests::support::serve;
use autoposting_tests::{Filter, MyRun, Probe, Runs};
use serde_json::json;
use wiremock::ResponseTemplate;

const BOM: &[u8] = b"\xEF\xBB\xBF";
const RUN: &str = r#"{"success":true,"data":{"id":"run_1","status":"running","tokensUsed":3}}"#;

fn run_1() -> MyRun {
    MyRun {
        id: "run_1".into(),
        status: "running".into(),
        tokens_used: 3,
    }
}

fn raw(status: u16, body: impl Into<Vec<u8>>) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.into(), "application/json")
}

async fn run_from(status: u16, body: impl Into<Vec<u8>>) -> autoposting_client::Result<MyRun> {
    let (_server, client) = serve(raw(status, body)).await;
    client.run("agent_1", "run_1").await
}

async fn value_from(body: impl Into<Vec<u8>>) -> autoposting_client::Result<serde_json::Value> {
    let (_server, client) = serve(raw(200, body)).await;
    client.search(None, &[], &Filter::default(), None).await
}

fn with_prefix(prefix: &[u8], body: &str) -> Vec<u8> {
    [prefix, body.as_bytes()].concat()
}

#[tokio::test]
async fn a_byte_order_mark_before_a_success_decodes() {
    assert_eq!(run_from(200, with_prefix(BOM, RUN)).await.unwrap(), run_1());
}

#[tokio::test]
async fn a_byte_order_mark_before_an_error_keeps_its_code() {
    let body = r#"{"success":false,"error":"not_found","message":"Run not found."}"#;

    let error = run_from(404, with_prefix(BOM, body)).await.unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Api);
    assert_eq!(error.status(), Some(StatusCode::NOT_FOUND));
    assert_eq!(error.code(), Some("not_found"));
    assert_eq!(error.message(), Some("Run not found."));
}

#[tokio::test]
async fn repeated_byte_order_marks_and_whitespace_decode() {
    // PHP emits one mark per included file saved with one.
    let prefix = [BOM, BOM, b"\r\n", BOM].concat();
    assert_eq!(
        run_from(200, with_prefix(&prefix, RUN)).await.unwrap(),
        run_1()
    );
}

#[tokio::test]
async fn a_byte_order_mark_before_a_pretty_or_reordered_envelope_decodes() {
    let pretty = "{\n  \"data\": {\"id\": \"run_1\", \"status\": \"running\", \"tokensUsed\": 3},\n  \"success\": true\n}";
    assert_eq!(
        run_from(200, with_prefix(BOM, pretty)).await.unwrap(),
        run_1()
    );
}

#[tokio::test]
async fn anti_xssi_prefixes_are_stripped() {
    for prefix in [&b")]}',\n"[..], b")]}'\n", b"while(1);", b"for(;;);"] {
        let run = run_from(200, with_prefix(prefix, RUN)).await;
        assert_eq!(
            run.unwrap(),
            run_1(),
            "{:?}",
            String::from_utf8_lossy(prefix)
        );
    }
}

#[tokio::test]
async fn trailing_nul_bytes_are_ignored() {
    let body = [RUN.as_bytes(), b"\0"].concat();
    assert_eq!(run_from(200, body).await.unwrap(), run_1());
    let body = [RUN.as_bytes(), b"\n\0\0\0"].concat();
    assert_eq!(run_from(200, body).await.unwrap(), run_1());
}

#[tokio::test]
async fn a_lone_surrogate_becomes_a_replacement_character() {
    // What a Node.js server sends when it cuts a string in the middle of an emoji.
    let body = r#"{"success":true,"data":{"id":"run_1","status":"ok \ud83d","tokensUsed":3}}"#;
    assert_eq!(run_from(200, body).await.unwrap().status, "ok \u{FFFD}");
    let body =
        r#"{"success":true,"data":{"id":"run_1","status":"\udc00\ud83d\ude00","tokensUsed":3}}"#;
    assert_eq!(run_from(200, body).await.unwrap().status, "\u{FFFD}😀");
}

#[tokio::test]
async fn a_lone_surrogate_in_an_error_keeps_the_error() {
    let body = r#"{"success":false,"error":"invalid","message":"bad text \ud800"}"#;

    let error = run_from(400, body).await.unwrap_err();

    assert_eq!(error.code(), Some("invalid"));
    assert_eq!(error.message(), Some("bad text \u{FFFD}"));
}

#[tokio::test]
async fn bytes_that_are_not_utf8_become_replacement_characters() {
    let body = [
        &br#"{"success":true,"data":{"id":"run_1","status":"caf"#[..],
        b"\xE9",
        br#"","tokensUsed":3}}"#,
    ]
    .concat();
    assert_eq!(run_from(200, body).await.unwrap().status, "caf\u{FFFD}");
}

#[tokio::test]
async fn a_body_of_only_a_byte_order_mark_is_an_empty_success() {
    let (_server, client) = serve(raw(200, BOM)).await;
    client.delete_agent("agent_1").await.unwrap();
}

#[tokio::test]
async fn what_json_parse_refuses_stays_refused_with_the_body_as_sent() {
    for body in [
        r#"{"success":true,"data":{"id":"run_1",},}"#,
        r#"{"success":true,"data":{"id":"run_1","tokensUsed":NaN}}"#,
        "{'success':true}",
        "// comment\n{\"success\":true}",
        "<br />\n<b>Warning</b>: something {\"success\":true}",
        "{\"success\":true}{\"success\":true}",
    ] {
        let error = run_from(200, with_prefix(BOM, body)).await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Decode, "{body}");
        assert!(error.to_string().contains("not JSON"), "{error}");
        // The snippet shows what came, the byte-order mark included.
        assert!(
            error.body_snippet().unwrap().starts_with('\u{FEFF}'),
            "{error}"
        );
    }
}

#[tokio::test]
async fn one_bad_value_in_a_list_fails_the_call_and_names_its_index() {
    let body = json!({"success": true, "data": {"runs": [
        {"id": "r1", "status": "ok", "tokensUsed": 1},
        {"id": "r2", "status": "ok", "tokensUsed": 2},
        {"id": "r3", "status": "ok", "tokensUsed": "three"},
    ], "total": 3}});
    let (_server, client) = serve(ResponseTemplate::new(200).set_body_json(body)).await;

    let error = client.runs("agent_1", None, None).await.unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Decode);
    assert_eq!(error.decode_path(), Some("data.runs[2].tokensUsed"));
}

#[tokio::test]
async fn one_bad_value_in_a_list_before_success_names_its_index_too() {
    let body =
        r#"{"data":{"runs":[{"id":"r1","status":"ok","tokensUsed":-1}],"total":1},"success":true}"#;
    let (_server, client) = serve(raw(200, body)).await;

    let error = client.runs("agent_1", None, None).await.unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Decode);
    assert_eq!(error.decode_path(), Some("data.runs[0].tokensUsed"));
}

#[tokio::test]
async fn a_body_without_success_is_the_data_itself_even_with_a_data_key() {
    let body = json!({"data": [{"id": "1"}]});
    assert_eq!(value_from(body.to_string()).await.unwrap(), body);
}

#[tokio::test]
async fn a_webhook_event_keeps_its_other_fields() {
    let event = json!({
        "id": "evt_1",
        "type": "post.published",
        "createdAt": "2026-01-01T00:00:00Z",
        "data": {"postId": "post_1"}
    });
    assert_eq!(value_from(event.to_string()).await.unwrap(), event);
}

#[tokio::test]
async fn a_real_envelope_is_unwrapped_in_either_key_order() {
    let inner = json!({"data": "nested", "other": 1});
    for body in [
        json!({"success": true, "data": inner}).to_string(),
        format!(r#"{{"data":{inner},"success":true}}"#),
        format!(r#"{{"data":{inner},"meta":{{}},"success":true}}"#),
    ] {
        assert_eq!(value_from(body.clone()).await.unwrap(), inner, "{body}");
    }
}

#[tokio::test]
async fn data_alone_is_unwrapped_only_when_the_whole_body_does_not_fit() {
    // As the docs abbreviate some answers: the whole body is no run, its `data` is one.
    let body = json!({"data": {"id": "run_1", "status": "running", "tokensUsed": 3}});
    assert_eq!(run_from(200, body.to_string()).await.unwrap(), run_1());
}

#[tokio::test]
async fn a_bare_object_that_fits_neither_way_names_the_field() {
    let body = json!({"id": "run_1", "status": "running", "tokensUsed": "x"});

    let error = run_from(200, body.to_string()).await.unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Decode);
    assert_eq!(error.decode_path(), Some("tokensUsed"));
}

#[tokio::test]
async fn a_bare_list_is_the_data_itself() {
    let (_server, client) = serve(raw(200, r#"["a", "b"]"#)).await;
    assert_eq!(client.echo("x", "y").await.unwrap(), ["a", "b"]);
    let (_server, client) = serve(raw(200, [BOM, br#"["a"]"#].concat())).await;
    assert_eq!(client.echo("x", "y").await.unwrap(), ["a"]);
}

#[tokio::test]
async fn a_bare_list_of_the_wrong_shape_names_the_index() {
    let (_server, client) = serve(raw(200, r#"["a", 2]"#)).await;

    let error = client.echo("x", "y").await.unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Decode);
    assert_eq!(error.decode_path(), Some("[1]"));
}

async fn create_webhook_answered(
    data: serde_json::Value,
) -> autoposting_client::Result<autoposting_client::webhooks::CreatedWebhook> {
    use autoposting_client::webhooks::{CreateWebhookRequest, WebhookEvent, Webhooks};
    let body = json!({"success": true, "data": data});
    let (_server, client) = serve(ResponseTemplate::new(201).set_body_json(body)).await;
    let request = CreateWebhookRequest::builder()
        .url("https://example.com/hook")
        .events(vec![WebhookEvent::All])
        .build();
    client.create_webhook(&request).await
}

fn webhook_json() -> serde_json::Value {
    json!({
        "id": "wh_1",
        "url": "https://example.com/hook",
        "events": ["*"],
        "enabled": true,
        "createdAt": "2026-01-01T00:00:00Z"
    })
}

#[tokio::test]
async fn a_field_missing_inside_an_untagged_shape_is_named() {
    let mut wrapped = json!({"webhook": webhook_json()});
    wrapped["webhook"].as_object_mut().unwrap().remove("url");

    let error = create_webhook_answered(wrapped).await.unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Decode);
    assert_eq!(error.decode_path(), Some("data.webhook"));
    let shown = error.to_string();
    assert!(shown.contains("missing field `url`"), "{shown}");
    assert!(!shown.contains("did not match any variant"), "{shown}");
}

#[tokio::test]
async fn a_field_of_the_wrong_type_inside_an_untagged_shape_is_named() {
    let mut bare = webhook_json();
    bare["enabled"] = json!("yes");
    let error = create_webhook_answered(bare).await.unwrap_err();
    assert_eq!(error.decode_path(), Some("data.enabled"));

    let mut wrapped = json!({"webhook": webhook_json()});
    wrapped["webhook"]["events"] = json!(["*", 5]);
    let error = create_webhook_answered(wrapped).await.unwrap_err();
    assert_eq!(error.decode_path(), Some("data.webhook.events[1]"));
    assert!(!error.to_string().contains("did not match"), "{error}");
}

#[tokio::test]
async fn both_untagged_shapes_still_decode() {
    let bare = create_webhook_answered(webhook_json()).await.unwrap();
    let wrapped = create_webhook_answered(json!({"webhook": webhook_json()}))
        .await
        .unwrap();
    assert_eq!(bare.webhook(), wrapped.webhook());
    assert_eq!(bare.webhook().url, "https://example.com/hook");
}

// Every other shape-choosing model names the failing field the same way.

async fn create_kb_answered(
    data: serde_json::Value,
) -> autoposting_client::Result<autoposting_client::knowledge_base::CreatedKb> {
    use autoposting_client::knowledge_base::{CreateKbRequest, KnowledgeBase};
    let body = json!({"success": true, "data": data});
    let (_server, client) = serve(ResponseTemplate::new(201).set_body_json(body)).await;
    client
        .create_kb(&CreateKbRequest::builder().name("Research").build())
        .await
}

fn kb_json() -> serde_json::Value {
    json!({"_id": "kb_1", "name": "Research", "status": "building"})
}

#[tokio::test]
async fn a_knowledge_base_shape_names_its_failing_field() {
    let mut wrapped = json!({"kb": kb_json()});
    wrapped["kb"].as_object_mut().unwrap().remove("name");
    let error = create_kb_answered(wrapped).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Decode);
    assert_eq!(error.decode_path(), Some("data.kb"));
    let shown = error.to_string();
    assert!(shown.contains("missing field `name`"), "{shown}");
    assert!(!shown.contains("did not match any variant"), "{shown}");

    let mut wrapped = json!({"kb": kb_json()});
    wrapped["kb"]["docCount"] = json!("three");
    let error = create_kb_answered(wrapped).await.unwrap_err();
    assert_eq!(error.decode_path(), Some("data.kb.docCount"));

    let mut bare = kb_json();
    bare["name"] = json!(5);
    let error = create_kb_answered(bare).await.unwrap_err();
    assert_eq!(error.decode_path(), Some("data.name"));
    assert!(!error.to_string().contains("did not match"), "{error}");

    // Both shapes still decode, with the id's spelling.
    let bare = create_kb_answered(kb_json()).await.unwrap();
    let wrapped = create_kb_answered(json!({"kb": kb_json()})).await.unwrap();
    assert_eq!(bare.kb(), wrapped.kb());
    assert_eq!(bare.kb().id, "kb_1");
}

async fn brand_answered(
    platforms: serde_json::Value,
) -> autoposting_client::Result<autoposting_client::brands::Brand> {
    use autoposting_client::brands::Brands;
    let data = json!({"id": "brand_1", "name": "Acme", "slug": "acme", "platforms": platforms});
    let body = json!({"success": true, "data": data});
    let (_server, client) = serve(ResponseTemplate::new(200).set_body_json(body)).await;
    client.get_brand("acme").await
}

#[tokio::test]
async fn a_brand_platform_entry_names_its_failing_field() {
    let error = brand_answered(json!(["x", {"platform": "linkedin", "connected": "yes"}]))
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Decode);
    assert_eq!(error.decode_path(), Some("data.platforms[1].connected"));
    assert!(!error.to_string().contains("did not match"), "{error}");

    let error = brand_answered(json!(["x", {"platform": "linkedin"}]))
        .await
        .unwrap_err();
    assert_eq!(error.decode_path(), Some("data.platforms[1]"));
    assert!(
        error.to_string().contains("missing field `connected`"),
        "{error}"
    );

    let error = brand_answered(json!([5])).await.unwrap_err();
    assert_eq!(error.decode_path(), Some("data.platforms[0]"));
    assert!(!error.to_string().contains("did not match"), "{error}");

    // Both shapes, and an unknown platform name, still decode.
    let brand =
        brand_answered(json!(["x", "mastodon", {"platform": "linkedin", "connected": true}]))
            .await
            .unwrap();
    let names: Vec<String> = brand
        .platforms
        .unwrap()
        .iter()
        .map(|entry| entry.platform().to_string())
        .collect();
    assert_eq!(names, ["x", "mastodon", "linkedin"]);
}

async fn oauth_url_answered(
    data: serde_json::Value,
) -> autoposting_client::Result<autoposting_client::platform_oauth::OauthAuthorizationUrl> {
    use autoposting_client::Platform;
    use autoposting_client::platform_oauth::{OauthAuthorizationParams, PlatformOauth};
    let body = json!({"success": true, "data": data});
    let (_server, client) = serve(ResponseTemplate::new(200).set_body_json(body)).await;
    client
        .get_oauth_authorization_url(&Platform::Linkedin, &OauthAuthorizationParams::default())
        .await
}

#[tokio::test]
async fn an_authorization_url_shape_names_its_failing_field() {
    let error = oauth_url_answered(json!({"url": 5, "state": "s"}))
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Decode);
    assert_eq!(error.decode_path(), Some("data.url"));

    let error = oauth_url_answered(json!({"authorizationUrl": "https://a", "state": 7}))
        .await
        .unwrap_err();
    assert_eq!(error.decode_path(), Some("data.state"));

    let error = oauth_url_answered(json!({"state": "s"})).await.unwrap_err();
    assert_eq!(error.decode_path(), Some("data"));
    assert!(error.to_string().contains("missing field `url`"), "{error}");

    let error = oauth_url_answered(json!(5)).await.unwrap_err();
    assert_eq!(error.decode_path(), Some("data"));
    assert!(!error.to_string().contains("did not match"), "{error}");

    let bare = oauth_url_answered(json!("https://auth.example/x?state=s"))
        .await
        .unwrap();
    assert_eq!(bare.url, "https://auth.example/x?state=s");
}
