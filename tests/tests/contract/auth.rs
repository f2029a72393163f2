//! Auth.

use autoposting_client::auth::{
    AuthType, DevicePollStatus, LoginRequest, SocialExchangeRequest, SocialProvider,
    UpdateProfileRequest,
};
use autoposting_client::prelude::*;
use chrono::{TimeZone, Utc};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::harness::{check, request_example, serve};

#[tokio::test]
async fn login() {
    check("POST", "/auth/login", |c| async move {
        c.login(&LoginRequest::new("you@example.com", "your-password"))
            .await
    })
    .await;
}

#[tokio::test]
async fn login_sends_the_documented_request_example_without_a_credential() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/auth/login"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"data": {"token": "eyJhbGci..."}})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    let request = LoginRequest::new("you@example.com", "your-password");

    let session = client.login(&request).await.unwrap();

    assert_eq!(session.token, "eyJhbGci...");
    assert_eq!(session.user, None);
    let requests = server.received_requests().await.unwrap();
    assert!(requests[0].headers.get("authorization").is_none());
    assert_eq!(
        requests[0].body_json::<Value>().unwrap(),
        request_example("POST", "/auth/login")
    );
    assert!(!format!("{request:?}").contains("your-password"));
    assert!(!format!("{session:?}").contains("eyJhbGci"));
}

#[tokio::test]
async fn get_profile() {
    check(
        "GET",
        "/auth/profile",
        |c| async move { c.get_profile().await },
    )
    .await;
}

#[tokio::test]
async fn get_profile_of_an_api_key_and_of_a_session() {
    let (_server, client) = serve(json!({
        "success": true,
        "data": {"id": "org-x", "orgId": "org-x", "name": "API Key", "email": "", "authType": "api_key"}
    }))
    .await;
    let key = client.get_profile().await.unwrap();
    assert_eq!(key.auth_type, Some(AuthType::ApiKey));
    assert_eq!(key.org_id.as_deref(), Some("org-x"));
    assert_eq!(key.email, "");

    let (_server, client) = serve(json!({
        "success": true,
        "data": {"id": "usr_01HXYZ", "orgId": "org-1", "name": "Jane Doe", "email": "user@example.com", "authType": "oauth_app"}
    }))
    .await;
    let other = client.get_profile().await.unwrap();
    assert_eq!(
        other.auth_type,
        Some(AuthType::Other("oauth_app".to_owned()))
    );
    assert_eq!(other.name, "Jane Doe");
}

#[tokio::test]
async fn update_profile() {
    check("PATCH", "/auth/profile", |c| async move {
        c.update_profile(&UpdateProfileRequest::builder().name("Jane Doe").build())
            .await
    })
    .await;
}

#[tokio::test]
async fn update_profile_sends_the_documented_request_example() {
    let (server, client) = serve(json!({
        "success": true,
        "data": {"id": "usr_01HXYZ", "email": "user@example.com", "name": "Jane Doe", "avatarUrl": "https://cdn.example.com/avatar.jpg", "emailVerified": true, "createdAt": "2024-01-01T00:00:00Z"}
    }))
    .await;
    let request = UpdateProfileRequest::builder()
        .name("Jane Doe")
        .avatar_url("https://cdn.example.com/avatar.jpg")
        .build();

    let profile = client.update_profile(&request).await.unwrap();
    client
        .update_profile(&UpdateProfileRequest::builder().name("Jane").build())
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].method.as_str(), "PATCH");
    assert_eq!(requests[0].url.path(), "/auth/profile");
    assert_eq!(
        requests[0].body_json::<Value>().unwrap(),
        request_example("PATCH", "/auth/profile")
    );
    assert_eq!(
        requests[1].body_json::<Value>().unwrap(),
        json!({"name": "Jane"}),
        "an unset avatar is left out"
    );
    assert_eq!(profile.email_verified, Some(true));
    assert_eq!(
        profile.created_at,
        Some(Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap())
    );
}

#[tokio::test]
async fn exchange_social_code() {
    check("POST", "/auth/social/exchange", |c| async move {
        c.exchange_social_code(&SocialExchangeRequest::new(
            SocialProvider::Google,
            "<string>",
        ))
        .await
    })
    .await;
}

#[tokio::test]
async fn exchange_social_code_sends_the_documented_request_example() {
    let (server, client) = serve(json!({
        "success": true,
        "data": {"token": "sk-social-your-key", "user": {"id": "usr_01HXYZ", "email": "user@example.com", "name": "Jane Doe", "emailVerified": true}}
    }))
    .await;
    let request = SocialExchangeRequest::new(SocialProvider::Google, "<string>");

    let session = client.exchange_social_code(&request).await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.path(), "/auth/social/exchange");
    assert_eq!(
        requests[0].body_json::<Value>().unwrap(),
        request_example("POST", "/auth/social/exchange")
    );
    let user = session.user.unwrap();
    assert_eq!(user.id, "usr_01HXYZ");
    assert_eq!(user.email_verified, Some(true));
    assert_eq!(user.created_at, None);
}

#[tokio::test]
async fn create_device_code() {
    let (server, client) = serve(json!({
        "success": true,
        "data": {"deviceCode": "dev-abc123", "userCode": "ABCD-1234", "verificationUri": "https://app.autoposting.ai/cli-auth", "expiresIn": 300, "interval": 5}
    }))
    .await;

    let code = client.create_device_code().await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].method.as_str(), "POST");
    assert_eq!(requests[0].url.path(), "/auth/cli/device-code");
    assert!(requests[0].body.is_empty(), "no body is sent");
    assert_eq!(code.device_code, "dev-abc123");
    assert_eq!(code.user_code, "ABCD-1234");
    assert_eq!(code.verification_uri, "https://app.autoposting.ai/cli-auth");
    assert_eq!((code.expires_in, code.interval), (300, 5));
    assert!(!format!("{code:?}").contains("dev-abc123"));
}

#[tokio::test]
async fn poll_device_code_sends_the_code_as_a_query_parameter() {
    let (server, client) =
        serve(json!({"success": true, "data": {"status": "authorization_pending"}})).await;

    let poll = client.poll_device_code("dev-abc 123&x").await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].method.as_str(), "GET");
    assert_eq!(requests[0].url.path(), "/auth/cli/poll");
    assert_eq!(requests[0].url.query(), Some("device_code=dev-abc+123%26x"));
    assert_eq!(poll.status, DevicePollStatus::AuthorizationPending);
    assert_eq!(poll.session_token, None);
}

#[tokio::test]
async fn poll_device_code_decodes_every_status() {
    let cases = [
        (
            json!({"status": "complete", "sessionToken": "sk-session-xyz", "orgId": "org-123"}),
            DevicePollStatus::Complete,
        ),
        (
            json!({"status": "slow_down", "interval": 10}),
            DevicePollStatus::SlowDown,
        ),
        (
            json!({"status": "expired_token"}),
            DevicePollStatus::ExpiredToken,
        ),
        (
            json!({"status": "access_denied"}),
            DevicePollStatus::AccessDenied,
        ),
        (
            json!({"status": "revoked"}),
            DevicePollStatus::Other("revoked".to_owned()),
        ),
    ];
    for (data, status) in cases {
        let (_server, client) = serve(json!({"success": true, "data": data})).await;
        let poll = client.poll_device_code("dev-abc123").await.unwrap();
        assert_eq!(poll.status, status);
        match poll.status {
            DevicePollStatus::Complete => {
                assert_eq!(poll.session_token.as_deref(), Some("sk-session-xyz"));
                assert_eq!(poll.org_id.as_deref(), Some("org-123"));
                assert!(!format!("{poll:?}").contains("sk-session-xyz"));
            }
            DevicePollStatus::SlowDown => assert_eq!(poll.interval, Some(10)),
            _ => assert_eq!((poll.session_token, poll.interval), (None, None)),
        }
    }
}

#[test]
fn every_auth_request_type_sends_every_documented_field() {
    use crate::agents::assert_sends_every_documented_field as sends_all;
    sends_all("POST", "/auth/login", &LoginRequest::new("e", "p"));
    sends_all(
        "PATCH",
        "/auth/profile",
        &UpdateProfileRequest::builder()
            .name("n")
            .avatar_url("a")
            .build(),
    );
    sends_all(
        "POST",
        "/auth/social/exchange",
        &SocialExchangeRequest::builder()
            .provider(SocialProvider::Github)
            .code("c")
            .build(),
    );
}
