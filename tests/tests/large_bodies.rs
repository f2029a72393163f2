//! Success bodies of more than 8 MiB are decoded from the chunks they arrive in (so the
//! body and the decoded value are never both whole in memory): the same values as from
//! one buffer, with or without `Content-Length`, and clear errors for what cannot be
//! decoded. Every server is on 127.0.0.1.

use std::io::Write;

use autoposting_client::{Client, ErrorKind};
use autoposting_tests::{MyRun, Runs};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Runs in a list large enough (about 10 MB) to be read as chunks.
const RUNS: u64 = 40_000;

fn runs_json(count: u64) -> String {
    let mut out = String::from("[");
    for n in 0..count {
        if n > 0 {
            out.push(',');
        }
        // About 250 bytes per run; `note` is not part of `MyRun` and is skipped.
        out.push_str(&format!(
            r#"{{"id":"run_{n:06}","status":"completed","tokensUsed":{n},"note":"{}"}}"#,
            "x".repeat(180)
        ));
    }
    out.push(']');
    out
}

fn page(count: u64) -> String {
    format!(
        r#"{{"success":true,"data":{{"runs":{},"total":{count}}}}}"#,
        runs_json(count)
    )
}

async fn serving(body: Vec<u8>, gzip: bool) -> (MockServer, Client) {
    serving_with(200, body, gzip).await
}

async fn serving_with(status: u16, body: Vec<u8>, gzip: bool) -> (MockServer, Client) {
    let server = MockServer::start().await;
    let template = if gzip {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(&body).unwrap();
        ResponseTemplate::new(status)
            .insert_header("content-encoding", "gzip")
            .set_body_raw(encoder.finish().unwrap(), "application/json")
    } else {
        ResponseTemplate::new(status).set_body_raw(body, "application/json")
    };
    Mock::given(wiremock::matchers::any())
        .respond_with(template)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .api_key("sk-social-test")
        .max_response_bytes(64 * 1024 * 1024)
        .build()
        .unwrap();
    (server, client)
}

fn assert_all_runs(runs: &[MyRun]) {
    assert_eq!(runs.len(), RUNS as usize);
    for (n, run) in runs.iter().enumerate() {
        assert_eq!(run.id, format!("run_{n:06}"));
        assert_eq!(run.tokens_used, n as u64);
        assert_eq!(run.status, "completed");
    }
}

#[tokio::test]
async fn a_long_list_with_content_length_decodes_from_its_chunks() {
    let body = page(RUNS);
    assert!(body.len() > 8 * 1024 * 1024, "{} bytes", body.len());
    let (_server, client) = serving(body.into_bytes(), false).await;

    let page = client.runs("a", None, None).await.unwrap();

    assert_eq!(page.total, RUNS);
    assert_all_runs(&page.runs);
}

#[tokio::test]
async fn a_long_compressed_list_without_a_length_decodes_from_its_chunks() {
    // reqwest decompresses gzip, so the decoded body's length is not known in advance.
    let (_server, client) = serving(page(RUNS).into_bytes(), true).await;

    let page = client.runs("a", None, None).await.unwrap();

    assert_eq!(page.total, RUNS);
    assert_all_runs(&page.runs);
}

#[tokio::test]
async fn a_long_error_envelope_on_200_is_an_api_error() {
    let body = format!(
        r#"{{"success":false,"error":"too_big","message":"no","data":{}}}"#,
        runs_json(RUNS)
    );
    let (_server, client) = serving(body.into_bytes(), false).await;

    let error = client.runs("a", None, None).await.unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Api);
    assert_eq!(error.code(), Some("too_big"));
    assert_eq!(error.message(), Some("no"));
}

#[tokio::test]
async fn a_long_body_without_the_envelope_is_a_decode_error() {
    let body = format!(r#"{{"runs":{},"total":{RUNS}}}"#, runs_json(RUNS));
    for gzip in [false, true] {
        let (_server, client) = serving(body.clone().into_bytes(), gzip).await;

        let error = client.runs("a", None, None).await.unwrap_err();

        assert_eq!(error.kind(), ErrorKind::Decode, "gzip: {gzip}");
        assert!(error.to_string().contains("envelope"), "{error}");
        assert!(
            error
                .body_snippet()
                .unwrap()
                .starts_with(r#"{"runs":[{"id":"run_000000""#)
        );
    }
}

#[tokio::test]
async fn a_long_body_cut_short_is_a_decode_error_with_a_snippet() {
    let mut body = page(RUNS);
    body.truncate(body.len() - 100);
    let (_server, client) = serving(body.into_bytes(), false).await;

    let error = client.runs("a", None, None).await.unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Decode);
    assert!(error.to_string().contains("not JSON"), "{error}");
    assert!(
        error
            .body_snippet()
            .unwrap()
            .starts_with(r#"{"success":true,"data":{"runs":["#)
    );
}

#[tokio::test]
async fn a_long_list_with_a_wrong_value_names_where() {
    let mut body = page(RUNS);
    // The last run's tokens as a string: found only at the end of the body.
    let last = format!(r#""tokensUsed":{}"#, RUNS - 1);
    let at = body.rfind(&last).unwrap();
    body.replace_range(at..at + last.len(), r#""tokensUsed":"many""#);
    let (_server, client) = serving(body.into_bytes(), false).await;

    let error = client.runs("a", None, None).await.unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Decode);
    let source = std::error::Error::source(&error).unwrap().to_string();
    assert!(source.contains("invalid type: string \"many\""), "{source}");
    assert!(source.contains("line 1 column"), "{source}");
    // A body read as chunks is decoded in one pass with path tracking: the field path
    // names the value, the line and column locate it in the body.
    let path = format!("data.runs[{}].tokensUsed", RUNS - 1);
    assert_eq!(error.decode_path(), Some(path.as_str()));
}

#[tokio::test]
async fn a_long_body_with_data_before_success_decodes_either_way() {
    // The API writes `success` first; a body in the other order is still read right, its
    // `data` held until `success` says what it is.
    let ok = format!(
        r#"{{"data":{{"runs":{},"total":{RUNS}}},"success":true}}"#,
        runs_json(RUNS)
    );
    let (_server, client) = serving(ok.into_bytes(), false).await;
    let page = client.runs("a", None, None).await.unwrap();
    assert_eq!(page.total, RUNS);
    assert_all_runs(&page.runs);

    // Here `data` does not fit `RunPage` at all, and `success: false` comes after it.
    let failed = format!(
        r#"{{"data":{},"success":false,"error":"quota_exceeded","message":"Out of quota."}}"#,
        runs_json(RUNS)
    );
    let (_server, client) = serving(failed.into_bytes(), false).await;
    let error = client.runs("a", None, None).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Api);
    assert_eq!(error.code(), Some("quota_exceeded"));
    assert_eq!(error.message(), Some("Out of quota."));
}

#[tokio::test]
async fn a_long_json_error_envelope_on_an_error_status_is_an_api_error() {
    // Error bodies that are not JSON are cut at 64 KiB; JSON ones are read whole, so a long
    // error envelope (here ~10 MB of details) still gives its code.
    let body = format!(
        r#"{{"success":false,"error":"validation_failed","message":"Invalid.","details":{}}}"#,
        runs_json(RUNS)
    );
    let (_server, client) = serving_with(422, body.into_bytes(), false).await;

    let error = client.runs("a", None, None).await.unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Api);
    assert_eq!(error.status().map(|s| s.as_u16()), Some(422));
    assert_eq!(error.code(), Some("validation_failed"));
}
