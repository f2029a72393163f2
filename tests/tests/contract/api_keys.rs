//! Api Keys.

use autoposting_client::api_keys::{ApiKeyScope, CreateApiKeyRequest, UpdateApiKeyRequest};
use autoposting_client::prelude::*;
use chrono::{DateTime, TimeZone, Utc};
use serde_json::{Value, json};

use crate::harness::{check, request_example, serve};

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

/// The documented request example of `POST /api-keys`.
fn documented_create_request() -> CreateApiKeyRequest {
    CreateApiKeyRequest::builder()
        .name("CI/CD Pipeline Key")
        .scopes([
            ApiKeyScope::PostsRead,
            ApiKeyScope::PostsWrite,
            ApiKeyScope::BrandsRead,
        ])
        .expires_at(at("2023-11-07T05:31:56Z"))
        .build()
}

#[tokio::test]
async fn list_api_keys() {
    check(
        "GET",
        "/api-keys",
        |c| async move { c.list_api_keys().await },
    )
    .await;
}

#[tokio::test]
async fn list_api_keys_decodes_hints_scope_spellings_and_unknown_scopes() {
    let (server, client) = serve(json!({
        "success": true,
        "data": [{
            "id": "key_01HXYZ",
            "name": "CI/CD Pipeline Key",
            "keyHint": "ap_live_abc1...xyz7",
            "scopes": ["posts:read", "kb:read", "kbs:write", "webhooks:write", "teams:admin"],
            "lastUsedAt": null,
            "expiresAt": "2025-01-01T00:00:00Z",
            "createdAt": "2024-01-01T00:00:00Z"
        }]
    }))
    .await;

    let keys = client.list_api_keys().await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].method.as_str(), "GET");
    assert_eq!(requests[0].url.path(), "/api-keys");
    let key = &keys.items[0];
    assert_eq!(key.key, None);
    assert_eq!(key.key_hint.as_deref(), Some("ap_live_abc1...xyz7"));
    assert_eq!(
        key.scopes,
        [
            ApiKeyScope::PostsRead,
            ApiKeyScope::KbsRead,
            ApiKeyScope::KbsWrite,
            ApiKeyScope::WebhooksWrite,
            ApiKeyScope::Other("teams:admin".to_owned()),
        ]
    );
    assert_eq!(key.last_used_at, None);
    assert_eq!(key.expires_at, Some(at("2025-01-01T00:00:00Z")));
    assert_eq!(
        key.created_at,
        Some(Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap())
    );
}

#[tokio::test]
async fn create_api_key() {
    check("POST", "/api-keys", |c| async move {
        c.create_api_key(&documented_create_request()).await
    })
    .await;
}

#[tokio::test]
async fn create_api_key_sends_the_documented_request_example() {
    let (server, client) = serve(json!({
        "success": true,
        "data": {"id": "key_01HXYZ", "name": "CI/CD Pipeline Key", "key": "ap_live_abc123xyz789...", "scopes": ["posts:read"], "expiresAt": null, "createdAt": "2024-01-01T00:00:00Z"}
    }))
    .await;

    let created = client
        .create_api_key(&documented_create_request())
        .await
        .unwrap();
    client
        .create_api_key(
            &CreateApiKeyRequest::builder()
                .name("Never expires")
                .scopes([ApiKeyScope::UsageRead])
                .build(),
        )
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].method.as_str(), "POST");
    assert_eq!(requests[0].url.path(), "/api-keys");
    assert_eq!(
        requests[0].body_json::<Value>().unwrap(),
        request_example("POST", "/api-keys")
    );
    assert_eq!(
        requests[1].body_json::<Value>().unwrap(),
        json!({"name": "Never expires", "scopes": ["usage:read"]}),
        "an unset expiry is left out, not sent as null"
    );
    assert_eq!(created.key.as_deref(), Some("ap_live_abc123xyz789..."));
    assert!(
        !format!("{created:?}").contains("ap_live_abc123"),
        "Debug redacts the key"
    );
}

#[tokio::test]
async fn update_api_key_sends_the_documented_request_example() {
    let (server, client) = serve(json!({
        "success": true,
        "data": {
            "id": "key_01HXYZ",
            "name": "Updated Key Name",
            "keyHint": "ap_live_abc1...xyz7",
            "scopes": ["posts:read", "posts:write"],
            "lastUsedAt": "2024-01-10T08:00:00Z",
            "expiresAt": "2025-01-01T00:00:00Z",
            "createdAt": "2024-01-01T00:00:00Z",
            "updatedAt": "2024-01-12T10:30:00Z"
        }
    }))
    .await;
    let request = UpdateApiKeyRequest::builder()
        .name("Updated Key Name")
        .expires_at(at("2025-01-01T00:00:00Z"))
        .build();

    let key = client.update_api_key("key_01HXYZ", &request).await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].method.as_str(), "PATCH");
    assert_eq!(requests[0].url.path(), "/api-keys/key_01HXYZ");
    assert_eq!(
        requests[0].body_json::<Value>().unwrap(),
        request_example("PATCH", "/api-keys/{keyId}")
    );
    assert_eq!(key.name, "Updated Key Name");
    assert_eq!(key.updated_at, Some(at("2024-01-12T10:30:00Z")));
    assert_eq!(key.last_used_at, Some(at("2024-01-10T08:00:00Z")));
    assert_eq!(
        key.scopes,
        [ApiKeyScope::PostsRead, ApiKeyScope::PostsWrite]
    );
}

#[tokio::test]
async fn update_api_key_keeps_or_clears_the_expiry() {
    let (server, client) = serve(json!({
        "success": true,
        "data": {"id": "key_01HXYZ", "name": "CI", "scopes": [], "expiresAt": null, "createdAt": "2024-01-01T00:00:00Z"}
    }))
    .await;

    let cleared = client
        .update_api_key(
            "key_01HXYZ",
            &UpdateApiKeyRequest::builder()
                .expires_at(Patch::Clear)
                .build(),
        )
        .await
        .unwrap();
    client
        .update_api_key(
            "key_01HXYZ",
            &UpdateApiKeyRequest::builder().name("CI").build(),
        )
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        requests[0].body_json::<Value>().unwrap(),
        json!({"expiresAt": null}),
        "clearing sends null: the key never expires"
    );
    assert_eq!(
        requests[1].body_json::<Value>().unwrap(),
        json!({"name": "CI"}),
        "an untouched expiry is left out"
    );
    assert_eq!(cleared.expires_at, None);
}

#[test]
fn every_api_keys_request_type_sends_every_documented_field() {
    use crate::agents::assert_sends_every_documented_field as sends_all;
    sends_all("POST", "/api-keys", &documented_create_request());
    sends_all(
        "PATCH",
        "/api-keys/{keyId}",
        &UpdateApiKeyRequest::builder()
            .name("n")
            .expires_at(Patch::Clear)
            .build(),
    );
}
