//! The server cannot drift from the contract: every operation with a documented response
//! example answers with the same shape (the same keys, the same JSON types, recursively).

use std::time::Duration;

use autoposting_mock::{MockServer, Seed};
use serde_json::{Value, json};

use crate::harness::raw;

/// Where `actual` differs in shape from `example`. `null` on either side matches any type
/// (a nullable field the example shows set may be unset here, and the reverse); arrays are
/// compared by their first items.
fn differences(example: &Value, actual: &Value, at: &str, out: &mut Vec<String>) {
    match (example, actual) {
        (Value::Null, _) | (_, Value::Null) => {}
        (Value::Object(e), Value::Object(a)) => {
            let mut ek: Vec<&String> = e.keys().collect();
            let mut ak: Vec<&String> = a.keys().collect();
            ek.sort();
            ak.sort();
            if ek != ak {
                out.push(format!("{at}: keys {ek:?} documented, {ak:?} served"));
            }
            for (key, value) in e {
                if let Some(other) = a.get(key) {
                    differences(value, other, &format!("{at}.{key}"), out);
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if let (Some(e), Some(a)) = (e.first(), a.first()) {
                differences(e, a, &format!("{at}[0]"), out);
            }
        }
        (Value::Bool(_), Value::Bool(_))
        | (Value::Number(_), Value::Number(_))
        | (Value::String(_), Value::String(_)) => {}
        (e, a) => out.push(format!("{at}: {e} documented, {a} served")),
    }
}

#[test]
fn the_shape_comparison_sees_keys_types_and_nested_items() {
    let mut out = Vec::new();
    differences(
        &json!({"a": 1, "b": [{"c": "x"}]}),
        &json!({"a": 2, "b": [{"c": "y"}]}),
        "",
        &mut out,
    );
    assert!(out.is_empty());
    differences(&json!({"a": 1}), &json!({"a": "1"}), "", &mut out);
    differences(&json!({"a": 1}), &json!({"a": 1, "b": 2}), "", &mut out);
    differences(
        &json!({"b": [{"c": "x"}]}),
        &json!({"b": [{"d": "x"}]}),
        "",
        &mut out,
    );
    assert_eq!(out.len(), 3, "{out:?}");
}

fn fill(template: &str, ids: &[(&str, String)]) -> String {
    let mut path = template.to_owned();
    for (name, value) in ids {
        path = path.replace(&format!("{{{name}}}"), value);
    }
    path
}

#[tokio::test]
async fn every_documented_example_has_the_shape_the_server_answers() {
    let server = MockServer::builder()
        .seed(Seed::Empty)
        .manual_clock()
        .start()
        .await
        .unwrap();
    let key = server.api_key().to_owned();
    let k = Some(key.as_str());
    // What the examples need to exist: the brand `acme-corp`, an agent with a finished run, a
    // carousel, a ready clip, a webhook.
    raw(
        &server,
        "POST",
        "/brands",
        k,
        Some(r#"{"name": "Acme Corp", "slug": "acme-corp", "platforms": ["x", "linkedin"]}"#),
    )
    .await;
    let (_, agent) = raw(&server, "POST", "/agents", k, Some(r#"{"name": "A", "brandSlug": "acme-corp", "frequency": "weekly", "weekday": "mon", "time": "09:00"}"#)).await;
    let agent = agent["data"]["id"].as_str().unwrap().to_owned();
    let (_, run) = raw(&server, "POST", &format!("/agents/{agent}/run"), k, None).await;
    let run = run["data"]["runId"].as_str().unwrap().to_owned();
    let (_, carousel) = raw(&server, "POST", "/carousels", k, Some(r#"{"brandSlug": "acme-corp", "title": "T", "slides": [{"title": "Hook", "body": "B"}]}"#)).await;
    let carousel = carousel["data"]["id"].as_str().unwrap().to_owned();
    let (_, clip) = raw(
        &server,
        "POST",
        "/clips/import-url",
        k,
        Some(r#"{"brandSlug": "acme-corp", "url": "https://example.com/a.mp4"}"#),
    )
    .await;
    let clip = clip["data"]["clipId"].as_str().unwrap().to_owned();
    let (_, hook) = raw(
        &server,
        "POST",
        "/webhooks",
        k,
        Some(r#"{"url": "http://127.0.0.1:9/h", "events": ["post.published"], "secret": "s"}"#),
    )
    .await;
    let hook = hook["data"]["id"].as_str().unwrap().to_owned();
    server.advance(Duration::from_secs(60)).await;
    let ids = [
        ("agentId", agent),
        ("runId", run),
        ("brandSlug", "acme-corp".to_owned()),
        ("slug", "acme-corp".to_owned()),
        ("id", carousel.clone()),
        ("carouselId", carousel),
        ("clipId", clip),
        ("platform", "x".to_owned()),
        ("webhookId", hook),
    ];

    let catalogue: Value =
        serde_json::from_str(include_str!("../../fixtures/endpoints.json")).unwrap();
    let mut checked = 0;
    let mut failures = Vec::new();
    for op in catalogue.as_array().unwrap() {
        let example = &op["response_example"];
        if example.is_null() {
            continue;
        }
        let method = op["method"].as_str().unwrap();
        let template = op["path"].as_str().unwrap();
        let path = fill(template, &ids);
        // The documented request, except where it holds placeholders the API would refuse.
        let body = match (method, template) {
            ("PATCH", "/webhooks/{webhookId}") => Some(json!({"enabled": true})),
            // The example's `postsPerRun: 123` is a placeholder beyond the documented 1-50.
            ("PATCH", "/agents/{agentId}") => {
                let mut body = op["request_example"].clone();
                body["postsPerRun"] = json!(3);
                Some(body)
            }
            ("POST", "/clips/billing/check") => {
                Some(json!({"clipId": ids[6].1, "candidateId": "cand_01"}))
            }
            ("POST", "/webhooks") => Some(
                json!({"url": "http://127.0.0.1:9/h2", "events": ["post.failed"], "secret": "whsec_x"}),
            ),
            _ => Some(op["request_example"].clone()).filter(|b| !b.is_null()),
        };
        let body = body.map(|b| b.to_string());
        let (status, answer) = raw(&server, method, &path, k, body.as_deref()).await;
        assert_eq!(status, 200, "{method} {path}: {answer}");
        assert_eq!(answer["success"], true, "{method} {path}: {answer}");
        let mut out = Vec::new();
        // The login example is abbreviated (no `success`); compare what it shows.
        let (documented, served) = match example.get("data") {
            Some(data) => (data, &answer["data"]),
            None => (example, &answer),
        };
        differences(
            documented,
            served,
            &format!("{method} {template}"),
            &mut out,
        );
        failures.extend(out);
        checked += 1;
    }
    assert!(failures.is_empty(), "{failures:#?}");
    assert_eq!(checked, 25, "operations with a documented example");
}
