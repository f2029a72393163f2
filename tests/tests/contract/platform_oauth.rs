//! Platform Oauth.
//!
//! Exchange, store and refresh have documented responses; the token listing is decoded
//! from the rendered reference page's example, the auth status from the official SDK's
//! `PlatformConnection`, and the authorization URL (whose response was not retrieved) from
//! every plausible shape.

use autoposting_client::platform_oauth::{
    ExchangeOauthCodeRequest, MoveTokenRequest, OauthAuthorizationParams, OauthAuthorizationUrl,
    PlatformAccountType, PlatformTokenExchange, PlatformTokenStatus, StorePlatformTokenRequest,
};
use autoposting_client::posts::Platform;
use autoposting_client::prelude::*;
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use crate::harness::{check, check_unit, entry, request_example, serve};

/// An RFC 3339 instant; shared with the brands tests.
pub(crate) fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

fn exchange_request() -> ExchangeOauthCodeRequest {
    ExchangeOauthCodeRequest::builder()
        .platform(Platform::Linkedin)
        .code("AQT...")
        .brand_slug("acme-corp")
        .redirect_uri("https://app.acme.com/oauth/callback")
        .state("abc123")
        .build()
}

fn store_request() -> StorePlatformTokenRequest {
    StorePlatformTokenRequest::builder()
        .platform(Platform::X)
        .access_token("ya29.a0...")
        .platform_user_id("x_12345")
        .refresh_token("<string>")
        .expires_at(at("2025-01-01T00:00:00Z"))
        .build()
}

/// The documented example of `method path`, to serve.
fn example(method: &str, path: &str) -> Value {
    entry(method, path).response_example.clone().unwrap()
}

#[tokio::test]
async fn exchange_oauth_code_for_tokens() {
    check("POST", "/oauth/exchange", |c| async move {
        c.exchange_platform_oauth_code(&exchange_request()).await
    })
    .await;
}

#[tokio::test]
async fn exchange_sends_the_documented_body_and_decodes_the_token() {
    let (server, client) = serve(example("POST", "/oauth/exchange")).await;
    let token = client
        .exchange_platform_oauth_code(&exchange_request())
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        (requests[0].method.as_str(), requests[0].url.path()),
        ("POST", "/oauth/exchange")
    );
    // The reference page's request example.
    let body = requests[0].body_json::<Value>().unwrap();
    assert_eq!(body, request_example("POST", "/oauth/exchange"));
    assert_eq!(body["platform"], "linkedin");

    assert_eq!(token.token_id, "tok_01HXYZ");
    assert_eq!(token.platform, Platform::Linkedin);
    assert_eq!(token.platform_user_id, "lin_abc123");
    assert_eq!(token.platform_username.as_deref(), Some("Jane Doe"));
    assert_eq!(token.brand_slug, "acme-corp");
    assert_eq!(token.scopes, ["r_liteprofile", "w_member_social"]);
    assert_eq!(token.expires_at, Some(at("2025-01-01T00:00:00Z")));
}

#[tokio::test]
async fn exchange_decodes_an_unknown_platform_and_the_sdk_twitter_spelling() {
    let mut example = example("POST", "/oauth/exchange");
    for (sent, decoded) in [
        ("bluesky", Platform::Other("bluesky".to_owned())),
        ("twitter", Platform::X),
    ] {
        example["data"]["platform"] = json!(sent);
        let (_server, client) = serve(example.clone()).await;
        let token = client
            .exchange_platform_oauth_code(&exchange_request())
            .await
            .unwrap();
        assert_eq!(token.platform, decoded);
    }
    // Encoded back: an unknown value as received, X by its canonical name.
    for (platform, wire) in [
        (Platform::Other("bluesky".to_owned()), "bluesky"),
        (Platform::X, "x"),
    ] {
        let token: PlatformTokenExchange = serde_json::from_value(json!({
            "tokenId": "tok_1", "platform": platform, "platformUserId": "id_1",
            "brandSlug": "acme-corp"
        }))
        .unwrap();
        assert_eq!(serde_json::to_value(&token).unwrap()["platform"], wire);
    }
}

#[tokio::test]
async fn platform_path_arguments_are_sent_as_api_names() {
    let cases = [
        (Platform::X, "x"),
        (Platform::Linkedin, "linkedin"),
        (Platform::Instagram, "instagram"),
        (Platform::Threads, "threads"),
        (Platform::Youtube, "youtube"),
        ("twitter".parse().unwrap(), "x"),
        (Platform::Other("mastodon".to_owned()), "mastodon"),
        (Platform::Other("blue sky".to_owned()), "blue%20sky"),
    ];
    for (platform, segment) in cases {
        // A bare URL is an authorization URL; delete and move accept any success body.
        let (server, client) =
            serve(json!({"success": true, "data": "https://example.test/authorize"})).await;
        client
            .get_oauth_authorization_url(&platform, &OauthAuthorizationParams::default())
            .await
            .unwrap();
        client
            .delete_platform_token("acme-corp", &platform, "id_1")
            .await
            .unwrap();
        client
            .move_platform_token(
                "acme-corp",
                &platform,
                "id_1",
                &MoveTokenRequest::builder()
                    .target_brand_slug("globex")
                    .build(),
            )
            .await
            .unwrap();
        let paths: Vec<String> = server
            .received_requests()
            .await
            .unwrap()
            .iter()
            .map(|r| r.url.path().to_owned())
            .collect();
        assert_eq!(
            paths,
            [
                format!("/oauth/{segment}/authorize"),
                format!("/brands/acme-corp/tokens/{segment}/id_1"),
                format!("/brands/acme-corp/tokens/{segment}/id_1/move"),
            ],
            "{platform:?}"
        );
    }
}

#[tokio::test]
async fn an_empty_or_dot_platform_is_refused_before_sending() {
    let (server, client) = serve(json!({"success": true})).await;
    for value in ["", ".", ".."] {
        let platform = Platform::Other(value.to_owned());
        let error = client
            .delete_platform_token("acme-corp", &platform, "x_12345")
            .await
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidArgument, "{value:?}");
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn exchange_leaves_an_unset_state_out() {
    let (server, client) = serve(example("POST", "/oauth/exchange")).await;
    let request = ExchangeOauthCodeRequest::builder()
        .platform(Platform::X)
        .code("code-1")
        .brand_slug("acme-corp")
        .redirect_uri("https://a.test/cb")
        .build();
    client.exchange_platform_oauth_code(&request).await.unwrap();
    let body = server.received_requests().await.unwrap()[0]
        .body_json::<Value>()
        .unwrap();
    assert_eq!(
        body,
        json!({"platform": "x", "code": "code-1", "brandSlug": "acme-corp", "redirectUri": "https://a.test/cb"})
    );
}

#[tokio::test]
async fn store_a_platform_token() {
    check("POST", "/brands/{slug}/tokens", |c| async move {
        c.store_platform_token("acme-corp", &store_request()).await
    })
    .await;
}

#[tokio::test]
async fn store_sends_the_documented_body_and_decodes_the_token() {
    let (server, client) = serve(example("POST", "/brands/{slug}/tokens")).await;
    let token = client
        .store_platform_token("acme-corp", &store_request())
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        (requests[0].method.as_str(), requests[0].url.path()),
        ("POST", "/brands/acme-corp/tokens")
    );
    // The reference page's request example.
    let body = requests[0].body_json::<Value>().unwrap();
    assert_eq!(body, request_example("POST", "/brands/{slug}/tokens"));
    assert_eq!(body["platform"], "x");

    assert_eq!(token.token_id, "tok_01HXYZ");
    assert_eq!(token.platform_user_id, "x_12345");
    assert_eq!(token.username.as_deref(), Some("@acmecorp"));
    assert_eq!(token.scopes, ["tweet.read", "tweet.write"]);
    assert_eq!(token.expires_at, Some(at("2025-01-01T00:00:00Z")));
    assert_eq!(token.last_used_at, None);
    assert_eq!(token.status, PlatformTokenStatus::Active);
}

#[tokio::test]
async fn store_leaves_unset_fields_out_and_hides_secrets_from_debug() {
    let (server, client) = serve(example("POST", "/brands/{slug}/tokens")).await;
    let request = StorePlatformTokenRequest::builder()
        .platform(Platform::Threads)
        .access_token("secret-access")
        .platform_user_id("th_1")
        .build();
    client
        .store_platform_token("acme-corp", &request)
        .await
        .unwrap();
    let body = server.received_requests().await.unwrap()[0]
        .body_json::<Value>()
        .unwrap();
    assert_eq!(
        body,
        json!({"platform": "threads", "accessToken": "secret-access", "platformUserId": "th_1"})
    );

    let with_refresh = StorePlatformTokenRequest::builder()
        .platform(Platform::Threads)
        .access_token("secret-access")
        .platform_user_id("th_1")
        .refresh_token("secret-refresh")
        .build();
    let debug = format!("{with_refresh:?}");
    assert!(!debug.contains("secret-access"), "{debug}");
    assert!(!debug.contains("secret-refresh"), "{debug}");
    assert!(debug.contains("th_1"), "{debug}");
}

#[tokio::test]
async fn refresh_a_platform_token() {
    check(
        "PATCH",
        "/brands/{slug}/tokens/{platform}",
        |c| async move { c.refresh_platform_token("acme-corp", &Platform::X).await },
    )
    .await;
}

#[tokio::test]
async fn refresh_sends_no_body_and_decodes_the_result() {
    let (server, client) = serve(example("PATCH", "/brands/{slug}/tokens/{platform}")).await;
    let refreshed = client
        .refresh_platform_token("acme-corp", &Platform::Youtube)
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        (requests[0].method.as_str(), requests[0].url.path()),
        ("PATCH", "/brands/acme-corp/tokens/youtube")
    );
    assert!(requests[0].body.is_empty());
    assert_eq!(refreshed.token_id, "tok_01HXYZ");
    assert_eq!(refreshed.expires_at, at("2025-07-01T00:00:00Z"));
    assert_eq!(refreshed.refreshed_at, at("2024-01-10T00:00:00Z"));
}

#[tokio::test]
async fn get_oauth_authorization_url_sends_the_query_and_decodes_an_object() {
    let (server, client) = serve(json!({
        "success": true,
        "data": {"url": "https://www.linkedin.com/oauth/v2/authorization?client_id=abc&state=abc123", "state": "abc123"}
    }))
    .await;
    let authorization = client
        .get_oauth_authorization_url(
            &Platform::Linkedin,
            &OauthAuthorizationParams::builder()
                .brand_slug("acme-corp")
                .redirect_uri("https://app.acme.com/oauth/callback")
                .state("abc123")
                .build(),
        )
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        (requests[0].method.as_str(), requests[0].url.path()),
        ("GET", "/oauth/linkedin/authorize")
    );
    assert_eq!(
        requests[0].url.query(),
        Some(
            "brandSlug=acme-corp&redirectUri=https%3A%2F%2Fapp.acme.com%2Foauth%2Fcallback&state=abc123"
        )
    );
    assert_eq!(
        authorization.url,
        "https://www.linkedin.com/oauth/v2/authorization?client_id=abc&state=abc123"
    );
    assert_eq!(authorization.state.as_deref(), Some("abc123"));
}

#[tokio::test]
async fn get_oauth_authorization_url_sends_no_query_for_none_and_reads_other_shapes() {
    let shapes = [
        json!("https://x.com/i/oauth2/authorize?client_id=abc"),
        json!({"authorizationUrl": "https://x.com/i/oauth2/authorize?client_id=abc"}),
        json!({"authUrl": "https://x.com/i/oauth2/authorize?client_id=abc", "expiresIn": 600}),
    ];
    for data in shapes {
        let (server, client) = serve(json!({"success": true, "data": data})).await;
        let authorization = client
            .get_oauth_authorization_url(&Platform::X, &OauthAuthorizationParams::default())
            .await
            .unwrap();
        let requests = server.received_requests().await.unwrap();
        assert_eq!(requests[0].url.path(), "/oauth/x/authorize");
        assert_eq!(requests[0].url.query(), None);
        assert_eq!(
            authorization.url,
            "https://x.com/i/oauth2/authorize?client_id=abc"
        );
        assert_eq!(authorization.state, None);
    }
}

#[test]
fn an_authorization_url_is_written_back_in_the_shape_and_spelling_it_came_in() {
    let url = "https://x.com/i/oauth2/authorize?client_id=abc";
    let cases = [
        json!(url),
        json!({"url": url, "state": "s1"}),
        json!({"authorizationUrl": url}),
        json!({"authUrl": url, "state": "s1"}),
    ];
    for received in cases {
        let decoded: OauthAuthorizationUrl = serde_json::from_value(received.clone()).unwrap();
        assert_eq!(decoded.url, url, "{received}");
        assert_eq!(serde_json::to_value(&decoded).unwrap(), received);
    }
    // Both spellings at once: no "duplicate field"; the first one wins and is the one
    // written back (the rule of `common::spelling`).
    let both = format!(r#"{{"url": "{url}", "authUrl": "https://other.example"}}"#);
    let decoded: OauthAuthorizationUrl = serde_json::from_str(&both).unwrap();
    assert_eq!(decoded.url, url);
    assert_eq!(serde_json::to_value(&decoded).unwrap(), json!({"url": url}));
}

#[test]
fn an_authorization_url_without_any_url_names_the_missing_field() {
    let error = serde_json::from_value::<OauthAuthorizationUrl>(json!({"state": "s1"}))
        .unwrap_err()
        .to_string();
    assert!(error.contains("missing field `url`"), "{error}");
}

/// The example of the rendered "Get token details for a platform" page (the catalogue
/// has no `response_example` for it).
fn rendered_token_details() -> Value {
    json!([{
        "tokenId": "tok_01HXYZ",
        "platformUserId": "x_12345",
        "username": "@acmecorp",
        "scopes": ["tweet.read", "tweet.write"],
        "expiresAt": "2025-01-01T00:00:00Z",
        "lastUsedAt": "2024-01-10T09:05:00Z",
        "status": "active"
    }])
}

#[tokio::test]
async fn list_platform_tokens_decodes_the_rendered_example() {
    let (server, client) = serve(json!({"success": true, "data": rendered_token_details()})).await;
    let tokens = client
        .list_platform_tokens("acme-corp", &Platform::X)
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        (requests[0].method.as_str(), requests[0].url.path()),
        ("GET", "/brands/acme-corp/tokens/x")
    );
    assert_eq!(tokens.len(), 1);
    let token = &tokens.items[0];
    assert_eq!(token.token_id, "tok_01HXYZ");
    assert_eq!(token.username.as_deref(), Some("@acmecorp"));
    assert_eq!(token.last_used_at, Some(at("2024-01-10T09:05:00Z")));
    assert_eq!(token.status, PlatformTokenStatus::Active);
    assert_eq!(
        serde_json::to_value(&tokens).unwrap(),
        rendered_token_details()
    );
}

#[tokio::test]
async fn list_platform_tokens_keeps_unknown_statuses_in_an_envelope() {
    let (_server, client) = serve(json!({"success": true, "data": {"tokens": [
        {"tokenId": "tok_1", "platformUserId": "x_1", "scopes": [], "lastUsedAt": null, "status": "expired"},
        {"tokenId": "tok_2", "platformUserId": "x_2", "status": "needs_reauth"},
    ], "total": 2}}))
    .await;
    let tokens = client
        .list_platform_tokens("acme-corp", &Platform::X)
        .await
        .unwrap();
    assert_eq!(tokens.total, Some(2));
    let statuses: Vec<&PlatformTokenStatus> = tokens.iter().map(|t| &t.status).collect();
    assert_eq!(
        statuses,
        [
            &PlatformTokenStatus::Expired,
            &PlatformTokenStatus::Other("needs_reauth".to_owned()),
        ]
    );
    assert_eq!(tokens.items[1].scopes, Vec::<String>::new());
    assert_eq!(tokens.items[1].status.as_str(), "needs_reauth");
}

#[tokio::test]
async fn delete_a_platform_token() {
    check_unit(
        "DELETE",
        "/brands/{slug}/tokens/{platform}/{platformUserId}",
        |c| async move {
            c.delete_platform_token("acme-corp", &Platform::X, "x_12345")
                .await
        },
    )
    .await;
}

#[tokio::test]
async fn delete_platform_token_encodes_the_account_id_as_one_segment() {
    let (server, client) = serve(json!({"success": true})).await;
    client
        .delete_platform_token("acme-corp", &Platform::Linkedin, "urn:li:organization/42")
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].method.as_str(), "DELETE");
    assert_eq!(
        requests[0].url.path(),
        "/brands/acme-corp/tokens/linkedin/urn%3Ali%3Aorganization%2F42"
    );
}

#[tokio::test]
async fn move_platform_token_sends_the_target_brand() {
    let (server, client) = serve(json!({"success": true, "data": {"moved": true}})).await;
    client
        .move_platform_token(
            "acme-corp",
            &Platform::X,
            "x_12345",
            &MoveTokenRequest::builder()
                .target_brand_slug("globex")
                .build(),
        )
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        (requests[0].method.as_str(), requests[0].url.path()),
        ("POST", "/brands/acme-corp/tokens/x/x_12345/move")
    );
    assert_eq!(
        requests[0].body_json::<Value>().unwrap(),
        json!({"targetBrandSlug": "globex"})
    );
}

/// The connections of the official SDK's tests, plus the fields it proved on the backend
/// and values this client does not know.
fn sdk_connections() -> Value {
    json!([
        {"platform": "x", "connected": true, "platformUsername": "@mybrand", "expiresAt": "2099-01-01T00:00:00Z"},
        {"platform": "linkedin", "connected": true, "platformUserId": "urn:li:organization:42",
         "platformAccountType": "organization", "profileImageUrl": "https://media.licdn.com/acme.png",
         "refreshError": "invalid_grant"},
        {"platform": "instagram", "connected": false, "platformAccountType": "creator"},
        {"platform": "tiktok", "connected": false},
    ])
}

#[tokio::test]
async fn get_brand_auth_status_decodes_the_sdk_connections() {
    let (server, client) = serve(json!({"success": true, "data": sdk_connections()})).await;
    let status = client.get_brand_auth_status("acme-corp").await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        (requests[0].method.as_str(), requests[0].url.path()),
        ("GET", "/brands/acme-corp/auth/status")
    );
    assert_eq!(status.len(), 4);
    let x = &status.items[0];
    assert_eq!(
        (&x.platform, x.connected, x.platform_username.as_deref()),
        (&Platform::X, true, Some("@mybrand"))
    );
    assert_eq!(x.expires_at, Some(at("2099-01-01T00:00:00Z")));
    let linkedin = &status.items[1];
    assert_eq!(
        linkedin.platform_account_type,
        Some(PlatformAccountType::Organization)
    );
    assert_eq!(linkedin.refresh_error.as_deref(), Some("invalid_grant"));
    assert_eq!(
        status.items[2].platform_account_type,
        Some(PlatformAccountType::Other("creator".to_owned()))
    );
    assert_eq!(status.items[1].platform, Platform::Linkedin);
    assert_eq!(
        status.items[3].platform,
        Platform::Other("tiktok".to_owned())
    );
    assert_eq!(serde_json::to_value(&status).unwrap(), sdk_connections());
}

#[tokio::test]
async fn get_brand_auth_status_decodes_a_list_envelope() {
    let (_server, client) = serve(json!({"success": true, "data": {
        "items": [{"platform": "threads", "connected": true}], "total": 1, "limit": 50, "offset": 0
    }}))
    .await;
    let status = client.get_brand_auth_status("acme-corp").await.unwrap();
    assert_eq!((status.total, status.limit), (Some(1), Some(50)));
    assert_eq!(status.items[0].platform, Platform::Threads);
    assert!(status.items[0].connected);
    assert_eq!(status.items[0].platform_account_type, None);
}
