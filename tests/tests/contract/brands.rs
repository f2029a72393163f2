//! Brands.
//!
//! Only `PATCH /brands/{brandSlug}` has a documented response; the other operations are
//! decoded from the three documented brand shapes: the reference page (`connectedPlatforms`,
//! `order`), the concept page (`platforms` as names, `position`, `clipTemplateDefaults`) and
//! the official SDK (`platforms` as connection objects, bare arrays for lists).

use autoposting_client::Platform;
use autoposting_client::brands::{Brand, BrandPlatform, CreateBrandRequest, UpdateBrandRequest};
use autoposting_client::platform_oauth::PlatformAccountType;
use autoposting_client::prelude::*;
use serde_json::{Value, json};
use wiremock::{MockServer, ResponseTemplate};

use crate::harness::{check, check_unit, entry, request_example, serve, serve_with};
use crate::platform_oauth::at;

/// A server answering every request with `status` and `body`, and a client for it.
async fn serve_status(status: u16, body: Option<Value>) -> (MockServer, Client) {
    let template = ResponseTemplate::new(status);
    serve_with(match body {
        Some(body) => template.set_body_json(body),
        None => template,
    })
    .await
}

/// A brand as the official SDK types it.
fn sdk_brand() -> Value {
    json!({
        "id": "brand-1",
        "slug": "my-brand",
        "name": "My Brand",
        "timezone": "America/New_York",
        "platforms": [
            {"platform": "x", "connected": true, "platformUsername": "@mybrand"},
            {"platform": "linkedin", "connected": false},
        ],
        "createdAt": "2024-01-01T00:00:00Z",
        "updatedAt": "2024-01-02T00:00:00Z",
    })
}

/// The brand of the reference page's example.
fn documented_brand() -> Value {
    entry("PATCH", "/brands/{brandSlug}")
        .response_example
        .as_ref()
        .unwrap()["data"]
        .clone()
}

#[tokio::test]
async fn update_brand() {
    check("PATCH", "/brands/{brandSlug}", |c| async move {
        let request = UpdateBrandRequest::builder()
            .name("Acme Corporation")
            .description("Updated description")
            .logo_url("<string>")
            .build();
        c.update_brand("acme-corp", &request).await
    })
    .await;
}

#[tokio::test]
async fn update_brand_decodes_the_documented_brand() {
    let example = entry("PATCH", "/brands/{brandSlug}")
        .response_example
        .clone()
        .unwrap();
    let (_server, client) = serve(example).await;
    let brand = client
        .update_brand(
            "acme-corp",
            &UpdateBrandRequest::builder().name("Acme Corp").build(),
        )
        .await
        .unwrap();
    assert_eq!(brand.id, "brand_01HXYZ");
    assert_eq!(brand.slug, "acme-corp");
    assert_eq!(brand.name, "Acme Corp");
    assert_eq!(brand.description.as_deref(), Some("Official Acme brand"));
    assert_eq!(brand.logo_url, None);
    assert_eq!(brand.order, Some(0));
    assert_eq!(
        brand.connected_platforms,
        Some(vec![Platform::X, Platform::Linkedin])
    );
    assert_eq!(brand.platforms, None);
    assert_eq!(brand.created_at, Some(at("2024-01-01T00:00:00Z")));
    assert_eq!(brand.updated_at, Some(at("2024-01-01T00:00:00Z")));
}

#[tokio::test]
async fn update_brand_sends_the_documented_body() {
    let example = entry("PATCH", "/brands/{brandSlug}")
        .response_example
        .clone()
        .unwrap();
    let (server, client) = serve(example).await;
    let request = UpdateBrandRequest::builder()
        .name("Acme Corporation")
        .description("Updated description")
        .logo_url("<string>")
        .build();
    client.update_brand("acme-corp", &request).await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].method.as_str(), "PATCH");
    assert_eq!(requests[0].url.path(), "/brands/acme-corp");
    // The reference page's request example.
    assert_eq!(
        requests[0].body_json::<Value>().unwrap(),
        request_example("PATCH", "/brands/{brandSlug}")
    );
}

#[tokio::test]
async fn update_brand_sends_only_what_is_set() {
    let example = entry("PATCH", "/brands/{brandSlug}")
        .response_example
        .clone()
        .unwrap();
    let (server, client) = serve(example).await;
    client
        .update_brand(
            "acme-corp",
            &UpdateBrandRequest::builder()
                .timezone("Europe/Paris")
                .build(),
        )
        .await
        .unwrap();
    client
        .update_brand(
            "acme-corp",
            &UpdateBrandRequest::builder().logo_url(Patch::Clear).build(),
        )
        .await
        .unwrap();
    client
        .update_brand("acme-corp", &UpdateBrandRequest::default())
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    let bodies: Vec<Value> = requests
        .iter()
        .map(|r| r.body_json::<Value>().unwrap())
        .collect();
    assert_eq!(
        bodies,
        [
            json!({"timezone": "Europe/Paris"}),
            json!({"logoUrl": null}),
            json!({}),
        ]
    );
}

#[tokio::test]
async fn create_brand_sends_the_concept_page_body_and_decodes_the_sdk_brand() {
    let (server, client) = serve(json!({"success": true, "data": sdk_brand()})).await;
    let request = CreateBrandRequest::builder()
        .name("Acme Corp")
        .slug("acme-corp")
        .timezone("America/New_York")
        .platforms([Platform::X, Platform::Linkedin])
        .build();
    let brand = client.create_brand(&request).await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].method.as_str(), "POST");
    assert_eq!(requests[0].url.path(), "/brands");
    // The concept page's request example (the catalogue's `request_example`).
    let body = requests[0].body_json::<Value>().unwrap();
    assert_eq!(body, request_example("POST", "/brands"));
    assert_eq!(body["platforms"], json!(["x", "linkedin"]));

    assert_eq!(brand.id, "brand-1");
    assert_eq!(brand.slug, "my-brand");
    assert_eq!(brand.timezone.as_deref(), Some("America/New_York"));
    assert_eq!(brand.connected_platforms, None);
    let platforms = brand.platforms.as_deref().unwrap();
    let BrandPlatform::Connection(x) = &platforms[0] else {
        panic!("expected a connection object, got {:?}", platforms[0]);
    };
    assert_eq!(
        (&x.platform, x.connected, x.platform_username.as_deref()),
        (&Platform::X, true, Some("@mybrand"))
    );
    assert_eq!(platforms[1].platform(), &Platform::Linkedin);
    assert_eq!(brand.updated_at, Some(at("2024-01-02T00:00:00Z")));
    assert_eq!(serde_json::to_value(&brand).unwrap(), sdk_brand());
}

#[tokio::test]
async fn create_brand_leaves_unset_fields_out() {
    let (server, client) = serve(json!({"success": true, "data": sdk_brand()})).await;
    client
        .create_brand(
            &CreateBrandRequest::builder()
                .name("Test")
                .timezone("UTC")
                .build(),
        )
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    // The official SDK's create call.
    assert_eq!(
        requests[0].body_json::<Value>().unwrap(),
        json!({"name": "Test", "timezone": "UTC"})
    );
}

#[tokio::test]
async fn list_brands_decodes_the_sdk_bare_array() {
    let mut odd = sdk_brand();
    odd["slug"] = json!("odd");
    odd["platforms"] = json!([
        {"platform": "tiktok", "connected": true, "platformAccountType": "business"},
        {"platform": "linkedin", "connected": true, "platformAccountType": "organization"},
    ]);
    let (server, client) = serve(json!({"success": true, "data": [sdk_brand(), odd]})).await;
    let brands = client.list_brands().await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        (requests[0].method.as_str(), requests[0].url.path()),
        ("GET", "/brands")
    );
    assert_eq!(requests[0].url.query(), None);

    assert_eq!(brands.len(), 2);
    assert_eq!(brands.key(), None);
    assert_eq!(brands.total, None);
    let slugs: Vec<&str> = brands.iter().map(|b| b.slug.as_str()).collect();
    assert_eq!(slugs, ["my-brand", "odd"]);
    // Unknown values inside the nested list survive.
    let odd = &brands.items[1];
    let kinds: Vec<(&Platform, Option<PlatformAccountType>)> = odd
        .platforms
        .iter()
        .flatten()
        .map(|p| match p {
            BrandPlatform::Connection(c) => (&c.platform, c.platform_account_type.clone()),
            other => panic!("expected connection objects, got {other:?}"),
        })
        .collect();
    assert_eq!(
        kinds,
        [
            (
                &Platform::Other("tiktok".to_owned()),
                Some(PlatformAccountType::Other("business".to_owned()))
            ),
            (&Platform::Linkedin, Some(PlatformAccountType::Organization)),
        ]
    );
    assert_eq!(
        odd.platforms.as_ref().unwrap()[0].platform().as_str(),
        "tiktok"
    );
}

#[tokio::test]
async fn list_brands_decodes_the_documented_envelopes() {
    let shapes = [
        json!({"brands": [documented_brand()], "total": 1}),
        json!({"items": [documented_brand()], "total": 1, "limit": 50, "offset": 0}),
    ];
    for data in shapes {
        let (_server, client) = serve(json!({"success": true, "data": data.clone()})).await;
        let brands: List<Brand> = client.list_brands().await.unwrap();
        assert_eq!(brands.total, Some(1));
        assert_eq!(brands.items[0].slug, "acme-corp");
        assert_eq!(brands.items[0].order, Some(0));
        assert_eq!(serde_json::to_value(&brands).unwrap(), without_nulls(data));
    }
}

/// `data` with the documented `null`s left out, as the typed values encode it.
fn without_nulls(mut data: Value) -> Value {
    fn strip(value: &mut Value) {
        match value {
            Value::Object(map) => {
                map.retain(|_, v| !v.is_null());
                map.values_mut().for_each(strip);
            }
            Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    strip(&mut data);
    data
}

#[tokio::test]
async fn get_brand_decodes_the_concept_page_shape() {
    let concept = json!({
        "id": "brand_01HXYZ",
        "name": "Acme Corp",
        "slug": "acme-corp",
        "timezone": "America/New_York",
        "platforms": ["x", "linkedin", "mastodon"],
        "connectedPlatforms": ["twitter", "bluesky"],
        "position": 3,
        "clipTemplateDefaults": {"captionPreset": "bold", "aspectRatios": ["9:16", "1:1"]},
    });
    let (server, client) = serve(json!({"success": true, "data": concept})).await;
    let brand = client.get_brand("acme-corp").await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        (requests[0].method.as_str(), requests[0].url.path()),
        ("GET", "/brands/acme-corp")
    );
    assert_eq!(brand.order, Some(3), "`position` is read into `order`");
    assert_eq!(
        brand.platforms,
        Some(vec![
            BrandPlatform::Name(Platform::X),
            BrandPlatform::Name(Platform::Linkedin),
            BrandPlatform::Name(Platform::Other("mastodon".to_owned())),
        ])
    );
    // `twitter` is read as X and written back as `x`; an unknown name is kept as received.
    assert_eq!(
        brand.connected_platforms,
        Some(vec![Platform::X, Platform::Other("bluesky".to_owned())])
    );
    let encoded = serde_json::to_value(&brand).unwrap();
    assert_eq!(encoded["platforms"], json!(["x", "linkedin", "mastodon"]));
    assert_eq!(encoded["connectedPlatforms"], json!(["x", "bluesky"]));
    assert_eq!(
        brand.clip_template_defaults.as_ref().unwrap()["captionPreset"],
        "bold"
    );
    assert_eq!((brand.created_at, brand.description), (None, None));
}

#[tokio::test]
async fn get_brand_reports_an_unknown_slug() {
    let (_server, client) = serve_status(
        404,
        Some(json!({"success": false, "error": "not_found", "message": "Brand not found"})),
    )
    .await;
    let error = client.get_brand("nope").await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Api);
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(error.code(), Some("not_found"));
    assert_eq!(error.operation(), Some("get_brand"));
}

#[tokio::test]
async fn delete_brand() {
    check_unit("DELETE", "/brands/{brandSlug}", |c| async move {
        c.delete_brand("acme-corp").await
    })
    .await;
}

#[tokio::test]
async fn delete_brand_accepts_the_sdk_body_and_no_content() {
    let (server, client) = serve_status(
        200,
        Some(json!({"success": true, "data": {"deleted": true}})),
    )
    .await;
    client.delete_brand("acme-corp").await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        (requests[0].method.as_str(), requests[0].url.path()),
        ("DELETE", "/brands/acme-corp")
    );
    assert!(requests[0].body.is_empty());

    let (_server, client) = serve_status(204, None).await;
    client.delete_brand("acme-corp").await.unwrap();
}

#[test]
fn brand_keeps_order_or_position_as_received() {
    let base = json!({"id": "brand_1", "slug": "acme", "name": "Acme"});
    for (key, value) in [("order", 3), ("position", -1)] {
        let mut body = base.clone();
        body[key] = json!(value);
        let brand: Brand = serde_json::from_value(body.clone()).unwrap();
        assert_eq!(brand.order, Some(value));
        assert_eq!(serde_json::to_value(&brand).unwrap(), body);
    }
    let both: Brand = serde_json::from_str(
        r#"{"id": "brand_1", "slug": "acme", "name": "Acme", "position": 2, "order": 5}"#,
    )
    .unwrap();
    assert_eq!(both.order, Some(2));
    let back = serde_json::to_value(&both).unwrap();
    assert_eq!(
        (back.get("position"), back.get("order")),
        (Some(&json!(2)), None)
    );
}

#[test]
fn every_brands_request_type_sends_every_documented_field() {
    use crate::agents::assert_sends_every_documented_field as sends_all;
    sends_all(
        "POST",
        "/brands",
        &CreateBrandRequest::builder()
            .name("Acme")
            .slug("acme")
            .timezone("UTC")
            .platforms(vec![Platform::Youtube])
            .build(),
    );
    sends_all(
        "PATCH",
        "/brands/{brandSlug}",
        &UpdateBrandRequest::builder()
            .name("Acme")
            .description("d")
            .logo_url(Patch::Clear)
            .timezone("UTC")
            .build(),
    );
}
