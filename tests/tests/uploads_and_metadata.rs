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
