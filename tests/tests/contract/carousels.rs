//! Carousels.

use autoposting_client::carousels::{
    CarouselColorScheme, CarouselSlideInput, CarouselStatus, CreateCarouselRequest,
    GenerateCarouselDesignRequest, GenerateCarouselRequest, UpdateCarouselRequest,
};
use autoposting_client::{Part, prelude::*};
use serde_json::{Value, json};
use wiremock::ResponseTemplate;

use crate::harness::{check, check_unit, entry, request_example, serve, serve_with};

/// The slide of the documented request examples of `POST /carousels` and
/// `PATCH /carousels/{id}`.
fn documented_slide() -> CarouselSlideInput {
    CarouselSlideInput::builder()
        .title("Hook")
        .body("Most founders ignore this...")
        .image_url("<string>")
        .build()
}

/// A carousel as the SDK types it: `{id, title?, slides: [{index, text?, imageUrl?}],
/// status, createdAt}`.
fn sdk_carousel(id: &str, status: &str) -> Value {
    json!({
        "id": id,
        "title": "Automation",
        "slides": [
            {"index": 0, "text": "Stop posting by hand", "imageUrl": "https://cdn.example.com/1.png"},
            {"index": 1, "text": "Batch your ideas"}
        ],
        "status": status,
        "createdAt": "2024-03-01T10:00:00Z"
    })
}

#[tokio::test]
async fn create_carousel() {
    check("POST", "/carousels", |c| async move {
        let request = CreateCarouselRequest::builder()
            .brand_slug("acme-corp")
            .title("5 Growth Hacks for 2025")
            .slides(vec![documented_slide()])
            .build();
        c.create_carousel(&request).await
    })
    .await;
}

#[tokio::test]
async fn create_carousel_sends_the_documented_request() {
    let (server, client) =
        serve(json!({"success": true, "data": sdk_carousel("car_1", "draft")})).await;
    let request = CreateCarouselRequest::builder()
        .brand_slug("acme-corp")
        .title("5 Growth Hacks for 2025")
        .slides(vec![documented_slide()])
        .build();
    client.create_carousel(&request).await.unwrap();
    client
        .create_carousel(
            &CreateCarouselRequest::builder()
                .brand_slug("acme-corp")
                .title("Untitled")
                .build(),
        )
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    let documented: Value = requests[0].body_json().unwrap();
    assert_eq!(documented, request_example("POST", "/carousels"));
    let minimal: Value = requests[1].body_json().unwrap();
    assert_eq!(
        minimal,
        json!({"brandSlug": "acme-corp", "title": "Untitled"})
    );
}

#[tokio::test]
async fn get_carousel() {
    check("GET", "/carousels/{id}", |c| async move {
        c.get_carousel("car_01HXYZ").await
    })
    .await;
}

#[tokio::test]
async fn get_carousel_decodes_the_documented_fields() {
    let example = entry("GET", "/carousels/{id}")
        .response_example
        .clone()
        .unwrap();
    let (server, client) = serve(example).await;
    let carousel = client.get_carousel("car_01HXYZ").await.unwrap();

    assert_eq!(carousel.id, "car_01HXYZ");
    assert_eq!(carousel.brand_slug.as_deref(), Some("acme-corp"));
    assert_eq!(carousel.title.as_deref(), Some("5 Growth Hacks for 2025"));
    assert_eq!(carousel.status, CarouselStatus::Draft);
    assert_eq!(carousel.design, None);
    assert_eq!(
        carousel.created_at.to_rfc3339(),
        "2024-01-01T00:00:00+00:00"
    );
    assert!(carousel.updated_at.is_some());
    let slide = &carousel.slides[0];
    assert_eq!(slide.id.as_deref(), Some("slide_01"));
    assert_eq!(slide.title.as_deref(), Some("Hook"));
    assert_eq!(slide.body.as_deref(), Some("Most founders ignore this..."));
    assert_eq!(slide.image_url, None);
    assert_eq!(slide.order, Some(0));

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.path(), "/carousels/car_01HXYZ");
}

#[tokio::test]
async fn update_carousel() {
    check("PATCH", "/carousels/{id}", |c| async move {
        let request = UpdateCarouselRequest::builder()
            .title("5 Growth Hacks for 2025")
            .slides(vec![documented_slide()])
            .build();
        c.update_carousel("car_01HXYZ", &request).await
    })
    .await;
}

#[tokio::test]
async fn update_carousel_sends_the_documented_request_and_only_what_is_set() {
    let (server, client) =
        serve(json!({"success": true, "data": sdk_carousel("car_1", "draft")})).await;
    let documented = UpdateCarouselRequest::builder()
        .title("5 Growth Hacks for 2025")
        .slides(vec![documented_slide()])
        .build();
    client.update_carousel("car_1", &documented).await.unwrap();
    client
        .update_carousel(
            "car_1",
            &UpdateCarouselRequest::builder().title("Renamed").build(),
        )
        .await
        .unwrap();
    client
        .update_carousel("car_1", &UpdateCarouselRequest::default())
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].method.as_str(), "PATCH");
    assert_eq!(
        requests[0].body_json::<Value>().unwrap(),
        request_example("PATCH", "/carousels/{id}")
    );
    assert_eq!(
        requests[1].body_json::<Value>().unwrap(),
        json!({"title": "Renamed"})
    );
    assert_eq!(requests[2].body_json::<Value>().unwrap(), json!({}));
}

#[tokio::test]
async fn generate_carousel_design() {
    check("POST", "/carousels/{id}/generate-design", |c| async move {
        let request = GenerateCarouselDesignRequest::builder()
            .template("<string>")
            .color_scheme(CarouselColorScheme::Other("<string>".into()))
            .build();
        c.generate_carousel_design("car_01HXYZ", &request).await
    })
    .await;
}

#[tokio::test]
async fn generate_carousel_design_sends_the_documented_request_and_only_what_is_set() {
    let (server, client) =
        serve(json!({"success": true, "data": sdk_carousel("car_1", "ready")})).await;
    let documented = GenerateCarouselDesignRequest::builder()
        .template("<string>")
        .color_scheme("<string>".parse().unwrap())
        .build();
    client
        .generate_carousel_design("car_1", &documented)
        .await
        .unwrap();
    let dark = GenerateCarouselDesignRequest::builder()
        .color_scheme(CarouselColorScheme::Dark)
        .build();
    client
        .generate_carousel_design("car_1", &dark)
        .await
        .unwrap();
    client
        .generate_carousel_design("car_1", &GenerateCarouselDesignRequest::default())
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.path(), "/carousels/car_1/generate-design");
    assert_eq!(
        requests[0].body_json::<Value>().unwrap(),
        request_example("POST", "/carousels/{id}/generate-design")
    );
    assert_eq!(
        requests[1].body_json::<Value>().unwrap(),
        json!({"colorScheme": "dark"})
    );
    assert_eq!(requests[2].body_json::<Value>().unwrap(), json!({}));
}

#[tokio::test]
async fn generate_carousel_design_surfaces_insufficient_credits() {
    let (_server, client) = serve_with(ResponseTemplate::new(402).set_body_json(json!({
        "success": false,
        "error": "insufficient_credits",
        "message": "Not enough credits"
    })))
    .await;
    let error = client
        .generate_carousel_design("car_1", &GenerateCarouselDesignRequest::default())
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Api);
    assert_eq!(error.status().map(|s| s.as_u16()), Some(402));
    assert_eq!(error.code(), Some("insufficient_credits"));
}

#[tokio::test]
async fn upload_carousel_assets_sends_the_file_as_multipart() {
    let answer = json!({"url": "https://cdn.example.com/car_1/cover.png", "type": "image"});
    let (server, client) = serve(json!({"success": true, "data": answer})).await;
    let file = Part::bytes(b"PNG-BYTES-0123".to_vec())
        .file_name("cover.png")
        .content_type("image/png");
    let data = client.upload_carousel_assets("car_1", &file).await.unwrap();
    assert_eq!(data, answer);

    let requests = server.received_requests().await.unwrap();
    let request = &requests[0];
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/carousels/car_1/assets");
    let content_type = request.headers["content-type"].to_str().unwrap();
    assert!(
        content_type.starts_with("multipart/form-data; boundary="),
        "{content_type}"
    );
    let body = String::from_utf8_lossy(&request.body);
    assert!(
        body.contains(r#"Content-Disposition: form-data; name="file"; filename="cover.png""#),
        "{body}"
    );
    assert!(body.contains("Content-Type: image/png"), "{body}");
    assert!(body.contains("\r\n\r\nPNG-BYTES-0123\r\n"), "{body}");
}

#[tokio::test]
async fn upload_carousel_assets_accepts_an_answer_without_data() {
    let (_server, client) = serve(json!({"success": true})).await;
    let data = client
        .upload_carousel_assets("car_1", &Part::bytes(vec![1, 2, 3]).file_name("a.bin"))
        .await
        .unwrap();
    assert_eq!(data, Value::Null);
}

#[tokio::test]
async fn generate_carousel_sends_the_documented_request_and_decodes_the_sdk_carousel() {
    let (server, client) =
        serve(json!({"success": true, "data": sdk_carousel("car_gen", "draft")})).await;
    let documented = GenerateCarouselRequest::builder()
        .topic("5 reasons to automate your social media")
        .platform_preset("linkedin")
        .slide_count(7)
        .brand_slug("brand_slug")
        .build();
    let carousel = client.generate_carousel(&documented).await.unwrap();
    client
        .generate_carousel(&GenerateCarouselRequest::builder().topic("Hiring").build())
        .await
        .unwrap();

    // The SDK's slide spelling: `index` fills `order`, `text` fills `body`.
    assert_eq!(carousel.id, "car_gen");
    assert_eq!(carousel.title.as_deref(), Some("Automation"));
    assert_eq!(carousel.brand_slug, None);
    assert_eq!(carousel.updated_at, None);
    assert_eq!(carousel.slides.len(), 2);
    assert_eq!(carousel.slides[0].order, Some(0));
    assert_eq!(
        carousel.slides[0].body.as_deref(),
        Some("Stop posting by hand")
    );
    assert_eq!(
        carousel.slides[0].image_url.as_deref(),
        Some("https://cdn.example.com/1.png")
    );
    assert_eq!(carousel.slides[1].order, Some(1));
    assert_eq!(carousel.slides[1].id, None);
    assert_eq!(carousel.slides[1].image_url, None);

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.path(), "/carousels/generate");
    assert_eq!(
        requests[0].body_json::<Value>().unwrap(),
        request_example("POST", "/carousels/generate")
    );
    assert_eq!(
        requests[1].body_json::<Value>().unwrap(),
        json!({"topic": "Hiring"})
    );
}

#[tokio::test]
async fn list_carousels_decodes_the_sdk_items_shape() {
    let body = json!({"success": true, "data": {
        "items": [sdk_carousel("car_1", "draft"), sdk_carousel("car_2", "ready")],
        "total": 12,
        "limit": 2,
        "offset": 4
    }});
    let (server, client) = serve(body).await;
    let list = client.list_carousels(Some(2), Some(4)).await.unwrap();

    assert_eq!(
        (list.total, list.limit, list.offset),
        (Some(12), Some(2), Some(4))
    );
    let ids: Vec<&str> = list.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["car_1", "car_2"]);
    assert_eq!(list.items[1].status, CarouselStatus::Ready);

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.path(), "/carousels");
    assert_eq!(requests[0].url.query(), Some("limit=2&offset=4"));
}

#[tokio::test]
async fn list_carousels_decodes_the_reference_plural_shape_and_unknown_statuses() {
    let documented = entry("GET", "/carousels/{id}")
        .response_example
        .clone()
        .unwrap()["data"]
        .clone();
    let body = json!({"success": true, "data": {
        "carousels": [documented, sdk_carousel("car_2", "publishing")],
        "total": 2
    }});
    let (server, client) = serve(body).await;
    let list = client.list_carousels(None, None).await.unwrap();

    assert_eq!(list.total, Some(2));
    assert_eq!(list.key(), Some("carousels"));
    assert_eq!(list.items[0].id, "car_01HXYZ");
    assert_eq!(list.items[0].status, CarouselStatus::Draft);
    assert_eq!(
        list.items[1].status,
        CarouselStatus::Other("publishing".into())
    );
    assert_eq!(list.items[1].status.as_str(), "publishing");

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.query(), None);
}

#[tokio::test]
async fn list_carousels_decodes_a_bare_array() {
    let body = json!({"success": true, "data": [sdk_carousel("car_9", "draft")]});
    let (_server, client) = serve(body).await;
    let list = client.list_carousels(Some(100), None).await.unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list.items[0].id, "car_9");
    assert_eq!(list.total, None);
}

#[tokio::test]
async fn create_carousel_draft_sends_no_body_and_decodes_the_carousel() {
    let (server, client) =
        serve(json!({"success": true, "data": sdk_carousel("car_1", "ready")})).await;
    let carousel = client.create_carousel_draft("car_1").await.unwrap();
    assert_eq!(carousel.id, "car_1");
    assert_eq!(carousel.status, CarouselStatus::Ready);

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].method.as_str(), "POST");
    assert_eq!(requests[0].url.path(), "/carousels/car_1/create-draft");
    assert!(requests[0].body.is_empty());
    assert!(requests[0].headers.get("content-type").is_none());
}

#[tokio::test]
async fn delete_carousel() {
    check_unit("DELETE", "/carousels/{id}", |c| async move {
        c.delete_carousel("car_01HXYZ").await
    })
    .await;
}

#[tokio::test]
async fn delete_carousel_accepts_204() {
    let (server, client) = serve_with(ResponseTemplate::new(204)).await;
    client.delete_carousel("car_1").await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].method.as_str(), "DELETE");
    assert_eq!(requests[0].url.path(), "/carousels/car_1");
}

#[test]
fn a_slide_keeps_body_and_order_or_text_and_index() {
    use autoposting_client::carousels::CarouselSlide;
    for body in [
        json!({"id": "slide_01", "title": "Hook", "body": "b", "order": 0}),
        json!({"index": 2, "text": "t", "imageUrl": "https://cdn.example.com/1.png"}),
        json!({"text": "t", "order": 1}),
    ] {
        let slide: CarouselSlide = serde_json::from_value(body.clone()).unwrap();
        assert_eq!(serde_json::to_value(&slide).unwrap(), body);
    }
    let sdk: CarouselSlide = serde_json::from_value(json!({"index": 2, "text": "t"})).unwrap();
    assert_eq!((sdk.order, sdk.body.as_deref()), (Some(2), Some("t")));
    let both: CarouselSlide =
        serde_json::from_str(r#"{"body": "b", "text": "t", "index": 4, "order": 0}"#).unwrap();
    assert_eq!((both.body.as_deref(), both.order), (Some("b"), Some(4)));
    assert_eq!(
        serde_json::to_value(&both).unwrap(),
        json!({"body": "b", "index": 4})
    );
}

#[test]
fn every_carousels_request_type_sends_every_documented_field() {
    use crate::agents::assert_sends_every_documented_field as sends_all;
    sends_all(
        "POST",
        "/carousels",
        &CreateCarouselRequest::builder()
            .brand_slug("b")
            .title("t")
            .slides([documented_slide()])
            .build(),
    );
    sends_all(
        "PATCH",
        "/carousels/{id}",
        &UpdateCarouselRequest::builder()
            .title("t")
            .slides(vec![])
            .build(),
    );
    sends_all(
        "POST",
        "/carousels/{id}/generate-design",
        &GenerateCarouselDesignRequest::builder()
            .template("t")
            .color_scheme(CarouselColorScheme::Light)
            .build(),
    );
    sends_all(
        "POST",
        "/carousels/generate",
        &GenerateCarouselRequest::builder()
            .topic("t")
            .platform_preset("x")
            .slide_count(0)
            .brand_slug("b")
            .build(),
    );
}
