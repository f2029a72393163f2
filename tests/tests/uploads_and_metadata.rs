//! Multipart bodies (`#[part]`) and `ApiResponse<T>` (data with status and headers), against
//! a server on 127.0.0.1.

use autoposting_client::{Client, ErrorKind, Part, StatusCode};
use autoposting_tests::support::serve;
use autoposting_tests::{Uploaded, Uploads};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn a_part_carries_its_file_name_content_type_and_bytes() {
    let (server, client) = serve(
        ResponseTemplate::new(200)
            .set_body_json(json!({"success": true, "data": {"url": "https://cdn/x.png"}})),
    )
    .await;
    let png = Part::bytes(vec![0x89, b'P', b'N', b'G', 0, 255])
        .file_name("cover.png")
        .content_type("image/png");

    let uploaded = client.upload(&png, Some("A cover")).await.unwrap();

    assert_eq!(
        uploaded,
        Uploaded {
            url: "https://cdn/x.png".into()
        }
    );
    let request = &server.received_requests().await.unwrap()[0];
    let content_type = request
        .headers
        .get("content-type")
        .unwrap()
        .to_str()
        .unwrap();
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .expect(content_type);
    let body = &request.body;
    let text = String::from_utf8_lossy(body);
    assert!(text.contains("Content-Disposition: form-data; name=\"file\"; filename=\"cover.png\"\r\nContent-Type: image/png\r\n\r\n"));
    assert!(
        body.windows(6)
            .any(|w| w == [0x89, b'P', b'N', b'G', 0, 255]),
        "the bytes arrive unchanged"
    );
    assert!(text.contains("Content-Disposition: form-data; name=\"altText\"\r\n\r\nA cover\r\n"));
    assert!(text.ends_with(&format!("--{boundary}--\r\n")));
}

#[tokio::test]
async fn a_none_part_is_left_out() {
    let (server, client) = serve(
        ResponseTemplate::new(200).set_body_json(json!({"success": true, "data": {"url": "u"}})),
    )
    .await;

    client
        .upload(&Part::bytes(b"x".to_vec()), None)
        .await
        .unwrap();

    let text =
        String::from_utf8_lossy(&server.received_requests().await.unwrap()[0].body).into_owned();
    assert!(!text.contains("altText"), "{text}");
}

#[tokio::test]
async fn an_invalid_content_type_is_an_invalid_argument_and_nothing_is_sent() {
    let (server, client) = serve(ResponseTemplate::new(200)).await;

    let error = client
        .upload(&Part::bytes(vec![1]).content_type("not a mime"), None)
        .await
        .unwrap_err();

    assert_eq!(error.kind(), ErrorKind::InvalidArgument);
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn api_response_keeps_status_and_headers() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/media/m1"))
        .respond_with(
            ResponseTemplate::new(201)
                .insert_header("x-ratelimit-remaining", "41")
                .set_body_json(json!({"success": true, "data": {"url": "https://cdn/m1"}})),
        )
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/media/m1"))
        .respond_with(ResponseTemplate::new(204).insert_header("x-request-id", "req-9"))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();

    let response = client.media_with_headers("m1").await.unwrap();
    assert_eq!(response.status, StatusCode::CREATED);
    assert_eq!(response.header("x-ratelimit-remaining"), Some("41"));
    assert_eq!(response.data.url, "https://cdn/m1");

    let deleted = client.delete_media_with_headers("m1").await.unwrap();
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    assert_eq!(deleted.header("x-request-id"), Some("req-9"));
}

#[tokio::test]
async fn presigned_uploads_send_the_bytes_without_the_api_key_and_return_the_etag() {
    let storage = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/bucket/clip_1/part-1"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("etag", "\"9b2cf535f27731c974343645a3985328\""),
        )
        .expect(1)
        .mount(&storage)
        .await;
    let client = Client::builder()
        .api_key("sk-social-SECRET")
        .build()
        .unwrap();
    let url = format!("{}/bucket/clip_1/part-1?X-Amz-Signature=abc", storage.uri());

    let uploaded = client
        .upload_to_presigned_url(&url, vec![7u8; 1024], Some("video/mp4"))
        .await
        .unwrap();

    assert_eq!(
        uploaded.etag.as_deref(),
        Some("\"9b2cf535f27731c974343645a3985328\"")
    );
    let request = &storage.received_requests().await.unwrap()[0];
    assert_eq!(request.body, vec![7u8; 1024]);
    assert_eq!(request.headers.get("content-type").unwrap(), "video/mp4");
    assert!(request.headers.get("authorization").is_none());
    assert!(request.headers.get("x-api-key").is_none());
    assert_eq!(request.url.query(), Some("X-Amz-Signature=abc"));
}

#[tokio::test]
async fn a_refused_presigned_upload_is_a_status_error() {
    let storage = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(403).set_body_raw(
            "<Error><Code>SignatureDoesNotMatch</Code></Error>",
            "application/xml",
        ))
        .mount(&storage)
        .await;
    let client = Client::builder().build().unwrap();

    let error = client
        .upload_to_presigned_url(&format!("{}/x", storage.uri()), vec![1u8], None)
        .await
        .unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Status);
    assert_eq!(error.status(), Some(StatusCode::FORBIDDEN));
    assert!(
        error
            .body_snippet()
            .unwrap()
            .contains("SignatureDoesNotMatch")
    );
}

#[tokio::test]
async fn presigned_urls_must_be_https_off_loopback() {
    let client = Client::builder().build().unwrap();
    for url in [
        "http://storage.example.com/x",
        "not a url",
        "ftp://storage.example.com/x",
    ] {
        let error = client
            .upload_to_presigned_url(url, vec![1u8], None)
            .await
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidArgument, "{url}");
    }
}

#[tokio::test]
async fn a_file_name_with_line_breaks_is_refused() {
    let (server, client) = serve(ResponseTemplate::new(200)).await;
    let part = Part::bytes(vec![1]).file_name("x\"\r\nContent-Type: text/html\r\n\r\nINJECTED");

    let error = client.upload(&part, None).await.unwrap_err();

    assert_eq!(error.kind(), ErrorKind::InvalidArgument);
    assert!(server.received_requests().await.unwrap().is_empty());
}
