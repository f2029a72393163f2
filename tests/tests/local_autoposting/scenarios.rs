//! End-to-end scenarios through the client, as a user's tests would run them.

use std::time::Duration;

use autoposting_client::agents::{
    AgentFrequency, AgentRunStatus, AgentType, Agents, CreateAgentRequest,
};
use autoposting_client::api_keys::{ApiKeyScope, ApiKeys, CreateApiKeyRequest};
use autoposting_client::brands::{Brands, CreateBrandRequest};
use autoposting_client::clips::{
    ClipStatus, Clips, CompleteClipUploadRequest, InitClipUploadRequest, PresignClipUploadRequest,
    UploadedPart,
};
use autoposting_client::posts::{CreatePostRequest, PostStatus, Posts};
use autoposting_client::webhooks::{CreateWebhookRequest, WebhookEvent, Webhooks};
use autoposting_client::{ErrorKind, Platform, RetryPolicy, StatusCode};
use autoposting_mock::{Fault, FaultRule, MockServer, Seed};
use hmac::{Hmac, KeyInit, Mac};
use serde_json::Value;
use sha2::Sha256;
use wiremock::matchers::method;
use wiremock::{Mock, ResponseTemplate};

use crate::harness::{assert_error, client, empty, raw};

/// Checks a delivery's signature independently of the server's code.
fn verify(secret: &str, request: &wiremock::Request) -> Value {
    let header = |name: &str| {
        request
            .headers
            .get(name)
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned()
    };
    let timestamp = header("x-autoposting-timestamp");
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{timestamp}.").as_bytes());
    mac.update(&request.body);
    let hex: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(header("x-autoposting-signature"), format!("sha256={hex}"));
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    assert!(
        now.abs_diff(timestamp.parse().unwrap()) < 300,
        "a fresh Unix-seconds timestamp"
    );
    let body: Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(
        header("x-autoposting-event"),
        body["event"].as_str().unwrap()
    );
    assert_eq!(
        header("x-autoposting-delivery"),
        body["id"].as_str().unwrap()
    );
    body
}

#[tokio::test]
async fn a_post_scheduled_for_tomorrow_publishes_when_the_clock_advances_and_the_webhook_arrives_signed()
 {
    let (server, api) = empty().await;
    let receiver = wiremock::MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&receiver)
        .await;
    crate::harness::acme(&api, &[Platform::X, Platform::Linkedin]).await;
    api.create_webhook(
        &CreateWebhookRequest::builder()
            .url(format!("{}/hooks", receiver.uri()))
            .events(vec![WebhookEvent::PostPublished])
            .secret("whsec_test")
            .build(),
    )
    .await
    .unwrap();
    let tomorrow = server.now() + chrono::Duration::days(1);
    let post = api
        .create_post(
            &CreatePostRequest::builder()
                .brand_slug("acme")
                .text("Launch day!")
                .platforms([Platform::X, Platform::Linkedin])
                .scheduled_at(tomorrow)
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(post.status, PostStatus::Scheduled);

    // A minute before: still scheduled, nothing sent.
    server.advance(Duration::from_secs(24 * 3600 - 60)).await;
    assert_eq!(
        api.get_post(&post.id).await.unwrap().status,
        PostStatus::Scheduled
    );
    assert!(receiver.received_requests().await.unwrap().is_empty());

    server.advance(Duration::from_secs(120)).await;
    let published = api.get_post(&post.id).await.unwrap();
    assert_eq!(published.status, PostStatus::Published);
    assert_eq!(published.published_at, Some(tomorrow));
    let received = receiver.received_requests().await.unwrap();
    assert_eq!(received.len(), 1);
    let body = verify("whsec_test", &received[0]);
    assert_eq!(body["event"], "post.published");
    assert_eq!(body["data"]["postId"], post.id.as_str());
    // The client's own verifier accepts what the local Autoposting sends.
    let event = autoposting_client::webhooks::verify(
        "whsec_test",
        &received[0].headers,
        &received[0].body,
        std::time::SystemTime::now(),
    )
    .expect("the client's verifier accepts the local Autoposting's delivery");
    assert_eq!(event.event, WebhookEvent::PostPublished);
    assert_eq!(event.data["postId"], post.id.as_str());
    assert_eq!(
        server.posts()[0]["platformResults"][1]["status"],
        "published"
    );
}

#[tokio::test]
async fn a_failed_delivery_is_retried_with_the_same_event_id() {
    let (server, api) = empty().await;
    let receiver = wiremock::MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500))
        .up_to_n_times(2)
        .mount(&receiver)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&receiver)
        .await;
    crate::harness::acme(&api, &[Platform::X]).await;
    api.create_webhook(
        &CreateWebhookRequest::builder()
            .url(receiver.uri())
            .events(vec![WebhookEvent::All])
            .secret("s")
            .build(),
    )
    .await
    .unwrap();
    api.create_post(
        &CreatePostRequest::builder()
            .brand_slug("acme")
            .text("Now")
            .platforms([Platform::X])
            .build(),
    )
    .await
    .unwrap();
    server.advance(Duration::from_secs(1)).await;
    let mut delivered = false;
    for _ in 0..200 {
        if server.webhook_deliveries().iter().any(|d| d.delivered) {
            delivered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(delivered, "{:?}", server.webhook_deliveries());
    let attempts = server.webhook_deliveries();
    assert_eq!(
        attempts.iter().map(|a| a.attempt).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    assert_eq!(
        attempts.iter().map(|a| a.status).collect::<Vec<_>>(),
        [Some(500), Some(500), Some(204)]
    );
    assert!(
        attempts
            .iter()
            .all(|a| a.id == attempts[0].id && a.event == "post.published")
    );
}

#[tokio::test]
async fn a_post_to_an_unconnected_platform_is_partial_and_retry_resends_only_the_failed_one() {
    let (server, api) = empty().await;
    crate::harness::acme(&api, &[Platform::X]).await;
    let post = api
        .create_post(
            &CreatePostRequest::builder()
                .brand_slug("acme")
                .text("Hi")
                .platforms([Platform::X, Platform::Threads])
                .build(),
        )
        .await
        .unwrap();
    server.advance(Duration::from_secs(1)).await;
    assert_eq!(
        api.get_post(&post.id).await.unwrap().status,
        PostStatus::Partial
    );
    let results = &server.posts()[0]["platformResults"];
    assert_eq!(results[1]["status"], "failed");
    let first_x = results[0]["publishedAt"].clone();
    raw(
        &server,
        "POST",
        "/brands/acme/tokens",
        Some(server.api_key()),
        Some(r#"{"platform": "threads", "accessToken": "t", "platformUserId": "th_1"}"#),
    )
    .await;
    api.retry_post(&post.id).await.unwrap();
    server.advance(Duration::from_secs(1)).await;
    assert_eq!(
        api.get_post(&post.id).await.unwrap().status,
        PostStatus::Published
    );
    let results = &server.posts()[0]["platformResults"];
    assert_eq!(results[0]["publishedAt"], first_x, "x was not re-sent");
    assert_eq!(results[1]["status"], "published");
    let error = api.retry_post(&post.id).await.unwrap_err();
    assert_eq!(error.status(), Some(StatusCode::CONFLICT));
}

#[tokio::test]
async fn a_triggered_agent_run_completes_and_writes_its_posts() {
    let server = MockServer::builder()
        .seed(Seed::Empty)
        .processing_time(Duration::from_millis(20))
        .start()
        .await
        .unwrap();
    let api = client(&server, server.api_key());
    crate::harness::acme(&api, &[]).await;
    let agent = api
        .create_agent(
            &CreateAgentRequest::builder()
                .name("Daily")
                .agent_type(AgentType::Publish)
                .frequency(AgentFrequency::Daily)
                .brand_slug("acme")
                .platforms([Platform::Linkedin])
                .posts_per_run(3)
                .build(),
        )
        .await
        .unwrap();
    let run = api.trigger_agent_run(&agent.id).await.unwrap();
    assert_eq!(run.status, AgentRunStatus::Queued);
    let mut seen = Vec::new();
    for _ in 0..200 {
        let now = api.get_agent_run(&agent.id, &run.run_id).await.unwrap();
        if seen.last() != Some(&now.status) {
            seen.push(now.status.clone());
        }
        if now.status == AgentRunStatus::Completed {
            assert_eq!(now.posts_generated, 3);
            assert_eq!(now.tokens_used, 2550);
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(seen.last(), Some(&AgentRunStatus::Completed), "{seen:?}");
    let drafts = api
        .list_posts(
            &autoposting_client::posts::ListPostsParams::builder()
                .brand_slug("acme")
                .status(PostStatus::Draft)
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(drafts.total, Some(3));
}

#[tokio::test]
async fn a_run_of_an_agent_whose_brand_is_gone_fails_with_the_reason() {
    let (server, api) = empty().await;
    crate::harness::acme(&api, &[]).await;
    let agent = api
        .create_agent(
            &CreateAgentRequest::builder()
                .name("A")
                .agent_type(AgentType::Publish)
                .frequency(AgentFrequency::Manual)
                .brand_slug("acme")
                .build(),
        )
        .await
        .unwrap();
    let run = api.trigger_agent_run(&agent.id).await.unwrap();
    api.delete_brand("acme").await.unwrap();
    server.advance(Duration::from_secs(1)).await;
    let run = api.get_agent_run(&agent.id, &run.run_id).await.unwrap();
    assert_eq!(run.status, AgentRunStatus::Failed);
    assert!(run.error.unwrap().contains("acme"));
}

#[tokio::test]
async fn a_clip_uploaded_in_three_parts_becomes_ready_and_bad_etags_are_refused() {
    let server = MockServer::builder()
        .seed(Seed::Empty)
        .manual_clock()
        .min_part_size(1024)
        .start()
        .await
        .unwrap();
    let api = client(&server, server.api_key());
    let brand = crate::harness::acme(&api, &[]).await;
    let upload = api
        .init_clip_upload(
            &InitClipUploadRequest::builder()
                .brand_id(brand.id)
                .file_name("talk.mp4")
                .file_size(2600)
                .mime_type("video/mp4")
                .build(),
        )
        .await
        .unwrap();
    let urls = api
        .presign_clip_upload_parts(&PresignClipUploadRequest::new(&upload, vec![1, 2, 3]))
        .await
        .unwrap();
    let mut parts = Vec::new();
    for (n, size) in [(1_u32, 1024_usize), (2, 1024), (3, 552)] {
        let put = api
            .upload_to_presigned_url(
                urls.url_for(n).unwrap(),
                vec![n as u8; size],
                Some("video/mp4"),
            )
            .await
            .unwrap();
        let etag = put.etag.unwrap();
        assert!(etag.starts_with('"') && etag.ends_with('"'), "{etag}");
        parts.push(UploadedPart::new(n, etag));
    }
    let mut wrong = parts.clone();
    wrong[1] = UploadedPart::new(2, "\"0000\"");
    let error = api
        .complete_clip_upload(&CompleteClipUploadRequest::new(&upload, wrong))
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(StatusCode::BAD_REQUEST));
    assert!(error.message().unwrap().contains("ETag"), "{error:?}");
    let missing = parts[..2]
        .iter()
        .cloned()
        .chain([UploadedPart::new(4, "\"x\"")])
        .collect();
    assert!(
        api.complete_clip_upload(&CompleteClipUploadRequest::new(&upload, missing))
            .await
            .is_err()
    );

    let done = api
        .complete_clip_upload(&CompleteClipUploadRequest::new(&upload, parts))
        .await
        .unwrap();
    assert_eq!(done.clip_id, upload.clip_id);
    assert_eq!(
        api.get_clip(&upload.clip_id).await.unwrap().status,
        ClipStatus::Processing
    );
    server.advance(Duration::from_secs(1)).await;
    let clip = api.get_clip(&upload.clip_id).await.unwrap();
    assert_eq!(clip.status, ClipStatus::Ready);
    assert_eq!(clip.file_size, Some(2600));
}

#[tokio::test]
async fn a_part_smaller_than_the_minimum_before_the_last_is_refused() {
    let server = MockServer::builder()
        .seed(Seed::Empty)
        .min_part_size(1024)
        .start()
        .await
        .unwrap();
    let api = client(&server, server.api_key());
    crate::harness::acme(&api, &[]).await;
    let upload = api
        .init_clip_upload(
            &InitClipUploadRequest::builder()
                .brand_id("acme")
                .file_name("a.mp4")
                .file_size(2000)
                .mime_type("video/mp4")
                .build(),
        )
        .await
        .unwrap();
    let urls = api
        .presign_clip_upload_parts(&PresignClipUploadRequest::new(&upload, vec![1, 2]))
        .await
        .unwrap();
    let mut parts = Vec::new();
    for (n, size) in [(1_u32, 1023_usize), (2, 977)] {
        let put = api
            .upload_to_presigned_url(urls.url_for(n).unwrap(), vec![0; size], None)
            .await
            .unwrap();
        parts.push(UploadedPart::new(n, put.etag.unwrap()));
    }
    let error = api
        .complete_clip_upload(&CompleteClipUploadRequest::new(&upload, parts))
        .await
        .unwrap_err();
    assert!(
        error.message().unwrap().contains("at least 1024 bytes"),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_read_only_key_reads_but_gets_403_on_a_write() {
    let (server, api) = empty().await;
    crate::harness::acme(&api, &[]).await;
    let key = api
        .create_api_key(
            &CreateApiKeyRequest::builder()
                .name("reader")
                .scopes([ApiKeyScope::BrandsRead, ApiKeyScope::PostsRead])
                .build(),
        )
        .await
        .unwrap();
    let secret = key.key.clone().unwrap();
    let reader = client(&server, &secret);
    assert_eq!(reader.list_brands().await.unwrap().len(), 1);
    let error = reader
        .create_brand(&CreateBrandRequest::builder().name("Other").build())
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(StatusCode::FORBIDDEN));
    assert!(error.message().unwrap().contains("brands:write"));
    let error = reader.list_webhooks().await.unwrap_err();
    assert_eq!(error.status(), Some(StatusCode::FORBIDDEN));
    let error = reader.list_api_keys().await.unwrap_err();
    assert_eq!(error.status(), Some(StatusCode::FORBIDDEN));
    // The log never holds the key.
    assert!(
        server
            .requests()
            .iter()
            .all(|r| !format!("{r:?}").contains(&secret))
    );
    assert!(
        server
            .requests()
            .iter()
            .all(|r| r.header("authorization") == Some("[redacted]"))
    );
}

#[tokio::test]
async fn a_duplicate_slug_is_a_409_and_the_first_brand_is_unchanged() {
    let (server, api) = empty().await;
    crate::harness::acme(&api, &[]).await;
    let error = api
        .create_brand(
            &CreateBrandRequest::builder()
                .name("Acme 2")
                .slug("acme")
                .build(),
        )
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(StatusCode::CONFLICT));
    assert_eq!(error.code(), Some("conflict"));
    assert_eq!(server.brands().len(), 1);
    assert_eq!(server.brands()[0]["name"], "Acme");
    api.create_brand(
        &CreateBrandRequest::builder()
            .name("Acme 2")
            .slug("acme-2")
            .build(),
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn pagination_walks_237_posts_without_gaps_or_repeats() {
    let (server, api) = empty().await;
    crate::harness::acme(&api, &[]).await;
    for n in 0..237 {
        api.create_post(
            &CreatePostRequest::builder()
                .brand_slug("acme")
                .text(format!("post {n}"))
                .platforms([Platform::X])
                .build(),
        )
        .await
        .unwrap();
    }
    let mut seen = Vec::new();
    let mut sizes = Vec::new();
    for page in 0..10 {
        let list = api
            .list_posts(
                &autoposting_client::posts::ListPostsParams::builder()
                    .brand_slug("acme")
                    .limit(100)
                    .offset(page * 100)
                    .build(),
            )
            .await
            .unwrap();
        assert_eq!(list.total, Some(237));
        if list.is_empty() {
            break;
        }
        sizes.push(list.len());
        seen.extend(list.items.into_iter().map(|p| p.text));
    }
    assert_eq!(sizes, [100, 100, 37]);
    let expected: Vec<String> = (0..237).map(|n| format!("post {n}")).collect();
    assert_eq!(seen, expected);
    let default = api
        .list_posts(&autoposting_client::posts::ListPostsParams::builder().build())
        .await
        .unwrap();
    assert_eq!(
        (default.len(), default.limit, default.offset),
        (50, Some(50), Some(0))
    );
    let last = api
        .list_posts(
            &autoposting_client::posts::ListPostsParams::builder()
                .limit(100)
                .offset(237)
                .build(),
        )
        .await
        .unwrap();
    assert!(last.is_empty());
    drop(server);
}

#[tokio::test]
async fn a_status_fault_answers_the_next_n_requests_then_stops() {
    let (server, api) = empty().await;
    server.add_fault(FaultRule::new("POST /brands", Fault::Status(503)).times(2));
    for _ in 0..2 {
        let error = api
            .create_brand(&CreateBrandRequest::builder().name("Acme").build())
            .await
            .unwrap_err();
        assert_eq!(error.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
    }
    api.create_brand(&CreateBrandRequest::builder().name("Acme").build())
        .await
        .unwrap();
    assert_eq!(server.brands().len(), 1, "faulted requests changed nothing");
}

#[tokio::test]
async fn a_429_fault_carries_retry_after() {
    let (server, api) = empty().await;
    server.add_fault(FaultRule::new("/brands", Fault::Status(429)));
    let api = api.with_retry_policy(RetryPolicy::never());
    let error = api.list_brands().await.unwrap_err();
    assert_eq!(error.status(), Some(StatusCode::TOO_MANY_REQUESTS));
    assert_eq!(error.retry_after(), Some(Duration::from_secs(1)));
}

#[tokio::test]
async fn a_delay_fault_still_answers_and_a_stalled_body_times_the_caller_out() {
    let (server, _) = empty().await;
    server.add_fault(FaultRule::new(
        "GET /brands",
        Fault::Delay(Duration::from_millis(30)),
    ));
    let api = client(&server, server.api_key());
    assert!(api.list_brands().await.unwrap().is_empty());

    server.add_fault(FaultRule::new("GET /brands", Fault::StallBody));
    let impatient = autoposting_client::Client::builder()
        .base_url(server.base_url())
        .api_key(server.api_key())
        .timeout(Duration::from_millis(300))
        .retry_policy(RetryPolicy::never())
        .build()
        .unwrap();
    let error = impatient.list_brands().await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Timeout, "{error:?}");
}

#[tokio::test]
async fn a_dropped_connection_is_a_transport_error_and_the_next_request_works() {
    let (server, api) = empty().await;
    let api = api.with_retry_policy(RetryPolicy::never());
    server.add_fault(FaultRule::new("POST /brands", Fault::DropConnection));
    let error = api
        .create_brand(&CreateBrandRequest::builder().name("Acme").build())
        .await
        .unwrap_err();
    assert!(
        matches!(error.kind(), ErrorKind::Transport | ErrorKind::Connect),
        "{error:?}"
    );
    assert_eq!(error.status(), None);
    api.create_brand(&CreateBrandRequest::builder().name("Acme").build())
        .await
        .unwrap();
}

#[tokio::test]
async fn faults_are_scripted_over_the_admin_endpoint_too() {
    let (server, _) = empty().await;
    let (status, _) = raw(
        &server,
        "POST",
        "/__admin/faults",
        None,
        Some(r#"{"route": "GET /brands/{slug}", "status": 418, "times": 1}"#),
    )
    .await;
    assert_eq!(status, 200);
    let k = Some(server.api_key());
    let (status, body) = raw(&server, "GET", "/brands/anything", k, None).await;
    assert_eq!(status, 418);
    assert_eq!(body["success"], false);
    assert_eq!(
        raw(&server, "GET", "/brands/anything", k, None).await.0,
        404
    );
    let (status, body) = raw(
        &server,
        "POST",
        "/__admin/faults",
        None,
        Some(r#"{"route": "/x", "status": 500, "drop": true}"#),
    )
    .await;
    assert_eq!(status, 400);
    assert_error(&body, "validation_error");
}

#[tokio::test]
async fn a_configured_rate_limit_answers_429_with_its_headers() {
    let server = MockServer::builder()
        .seed(Seed::Empty)
        .rate_limit(3, Duration::from_secs(3600))
        .start()
        .await
        .unwrap();
    let http = reqwest::Client::new();
    let get = || {
        http.get(format!("{}/brands", server.base_url()))
            .bearer_auth(server.api_key())
            .send()
    };
    for remaining in [2, 1, 0] {
        let response = get().await.unwrap();
        assert_eq!(response.status().as_u16(), 200);
        assert_eq!(response.headers()["x-ratelimit-limit"], "3");
        assert_eq!(
            response.headers()["x-ratelimit-remaining"],
            remaining.to_string().as_str()
        );
    }
    let response = get().await.unwrap();
    assert_eq!(response.status().as_u16(), 429);
    assert!(
        response.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse::<u64>()
            .unwrap()
            >= 1
    );
    assert_eq!(response.headers()["x-ratelimit-remaining"], "0");
    assert!(response.headers().contains_key("x-ratelimit-reset"));
}

#[tokio::test]
async fn the_state_file_keeps_the_organisation_across_restarts() {
    let dir = std::env::temp_dir().join(format!("autoposting-mock-state-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("state.json");
    let _ = std::fs::remove_file(&file);
    {
        let server = MockServer::builder()
            .seed(Seed::Empty)
            .state_file(&file)
            .start()
            .await
            .unwrap();
        client(&server, server.api_key())
            .create_brand(
                &CreateBrandRequest::builder()
                    .name("Kept")
                    .slug("kept")
                    .build(),
            )
            .await
            .unwrap();
    }
    let server = MockServer::builder()
        .seed(Seed::Demo)
        .state_file(&file)
        .start()
        .await
        .unwrap();
    let brands = server.brands();
    assert_eq!(brands.len(), 1, "the snapshot wins over the seed");
    assert_eq!(brands[0]["slug"], "kept");
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers,
        [std::ffi::OsString::from("state.json")],
        "no temporary file left"
    );
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn the_demo_seed_is_a_small_realistic_organisation() {
    let server = MockServer::builder()
        .seed(Seed::Demo)
        .start()
        .await
        .unwrap();
    let api = client(&server, server.api_key());
    assert_eq!(api.get_brand("acme").await.unwrap().name, "Acme Corp");
    let statuses: Vec<PostStatus> = api
        .list_posts(&autoposting_client::posts::ListPostsParams::builder().build())
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|p| p.status)
        .collect();
    assert_eq!(
        statuses,
        [
            PostStatus::Published,
            PostStatus::Partial,
            PostStatus::Scheduled,
            PostStatus::Draft
        ]
    );
    assert_eq!(
        api.list_agent_runs("agent_01HXYZ", None, None)
            .await
            .unwrap()
            .total,
        Some(3)
    );
    assert_eq!(api.list_webhooks().await.unwrap().len(), 1);
}

/// A receiver that answers 200 to every POST.
async fn receiver() -> wiremock::MockServer {
    let receiver = wiremock::MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&receiver)
        .await;
    receiver
}

/// A server with no data on the manual clock set at `start`, a client for it, the brand
/// `acme`, and a local receiver subscribed to `event` with `secret`.
async fn acme_subscribed(
    start: chrono::DateTime<chrono::Utc>,
    event: WebhookEvent,
    secret: &str,
) -> (MockServer, autoposting_client::Client, wiremock::MockServer) {
    let server = MockServer::builder()
        .seed(Seed::Empty)
        .manual_clock_at(start)
        .start()
        .await
        .unwrap();
    let api = client(&server, server.api_key());
    let receiver = receiver().await;
    crate::harness::acme(&api, &[]).await;
    let subscription = CreateWebhookRequest::builder()
        .url(receiver.uri())
        .events(vec![event])
        .secret(secret)
        .build();
    api.create_webhook(&subscription).await.unwrap();
    (server, api, receiver)
}

/// The deliveries `receiver` got, each verified by the client's verifier, as
/// `(event, data)`.
async fn verified_events(
    receiver: &wiremock::MockServer,
    secret: &str,
) -> Vec<(WebhookEvent, Value)> {
    let mut events = Vec::new();
    for request in receiver.received_requests().await.unwrap() {
        verify(secret, &request);
        let event = autoposting_client::webhooks::verify(
            secret,
            &request.headers,
            &request.body,
            std::time::SystemTime::now(),
        )
        .expect("the client's verifier accepts the delivery");
        events.push((event.event, event.data));
    }
    events
}

/// A step of the clock as long as it can be gives a daily agent its latest 100 runs, no
/// more, and returns (the walk over the fire times starts where those can be).
#[tokio::test]
async fn the_longest_step_of_the_clock_starts_only_the_latest_runs() {
    let (server, api) = empty().await;
    crate::harness::acme(&api, &[Platform::Linkedin]).await;
    let request = CreateAgentRequest::builder()
        .name("Daily")
        .agent_type(AgentType::Publish)
        .frequency(AgentFrequency::Daily)
        .time("09:00".to_owned())
        .brand_slug("acme")
        .platforms([Platform::Linkedin])
        .build();
    let daily = api.create_agent(&request).await.unwrap();

    server.advance(Duration::MAX).await;

    let runs = api
        .list_agent_runs(&daily.id, Some(100), Some(0))
        .await
        .unwrap();
    assert_eq!(runs.total, Some(100));
}

#[tokio::test]
async fn scheduled_agents_run_at_their_fire_times_and_paused_or_manual_ones_never() {
    use autoposting_client::agents::AgentWeekday;
    // Monday 2026-01-05, 08:00 UTC.
    let start = chrono::DateTime::parse_from_rfc3339("2026-01-05T08:00:00Z")
        .unwrap()
        .to_utc();
    let (server, api, receiver) =
        acme_subscribed(start, WebhookEvent::AgentRunCompleted, "whsec_cron").await;
    let agent = |name: &str, frequency: AgentFrequency| {
        CreateAgentRequest::builder()
            .name(name)
            .agent_type(AgentType::Publish)
            .frequency(frequency)
            .time("09:00".to_owned())
            .weekday(AgentWeekday::Wednesday)
            .brand_slug("acme")
            .platforms([Platform::Linkedin])
            .posts_per_run(2)
            .build()
    };
    let daily = api
        .create_agent(&agent("Daily", AgentFrequency::Daily))
        .await
        .unwrap();
    let weekly = api
        .create_agent(&agent("Weekly", AgentFrequency::Weekly))
        .await
        .unwrap();
    let manual = api
        .create_agent(&agent("Manual", AgentFrequency::Manual))
        .await
        .unwrap();
    let paused = api
        .create_agent(&agent("Paused", AgentFrequency::Daily))
        .await
        .unwrap();
    assert!(!api.toggle_agent(&paused.id).await.unwrap().enabled);
    let nine = start + chrono::Duration::hours(1);
    assert_eq!(daily.next_run_at, Some(nine));
    assert_eq!(manual.next_run_at, None);

    // At the fire time the run is queued; one processing step later running; then completed.
    server.advance(Duration::from_secs(3600)).await;
    let runs = api.list_agent_runs(&daily.id, None, None).await.unwrap();
    assert_eq!(runs.items.len(), 1);
    let run_id = runs.items[0].id.clone();
    assert_eq!(runs.items[0].status, AgentRunStatus::Queued);
    assert_eq!(runs.items[0].started_at, Some(nine));
    server.advance(Duration::from_millis(100)).await;
    let run = api.get_agent_run(&daily.id, &run_id).await.unwrap();
    assert_eq!(run.status, AgentRunStatus::Running);
    server.advance(Duration::from_millis(100)).await;
    let run = api.get_agent_run(&daily.id, &run_id).await.unwrap();
    assert_eq!(run.status, AgentRunStatus::Completed);
    assert_eq!((run.posts_generated, run.tokens_used), (2, 1700));

    // Past the next fire time (Tuesday 09:00) and short of Wednesday's: one more daily run.
    server.advance(Duration::from_secs(24 * 3600)).await;
    let runs = api.list_agent_runs(&daily.id, None, None).await.unwrap();
    assert_eq!(runs.items.len(), 2);
    assert!(
        runs.items
            .iter()
            .all(|r| r.status == AgentRunStatus::Completed && r.posts_generated == Some(2)),
        "{runs:?}"
    );
    let stats = api.get_agent_stats(&daily.id).await.unwrap();
    assert_eq!(stats.total_runs, Some(2));
    assert_eq!(stats.posts_generated, Some(4));
    assert_eq!(stats.tokens_used, Some(3400));
    let tuesday = nine + chrono::Duration::days(1);
    let daily_now = api.get_agent(&daily.id).await.unwrap();
    assert_eq!(
        daily_now.next_run_at,
        Some(tuesday + chrono::Duration::days(1))
    );
    assert_eq!(
        daily_now.last_run_at,
        Some(tuesday),
        "whole seconds, as the API writes"
    );
    for (id, name) in [
        (&weekly.id, "weekly"),
        (&manual.id, "manual"),
        (&paused.id, "paused"),
    ] {
        let runs = api.list_agent_runs(id, None, None).await.unwrap();
        assert!(
            runs.items.is_empty(),
            "the {name} agent did not run: {runs:?}"
        );
    }
    // Both runs' completions arrived, signed; the posts they wrote are counted.
    let events = verified_events(&receiver, "whsec_cron").await;
    assert_eq!(events.len(), 2, "{events:?}");
    for (event, data) in &events {
        assert_eq!(*event, WebhookEvent::AgentRunCompleted);
        assert_eq!(data["agentId"], daily.id.as_str());
        assert_eq!(data["postsGenerated"], 2);
    }
    assert_eq!(server.posts().len(), 4);

    // Jumping two days at once passes two fire times of the daily agent (Wed, Thu) and
    // one of the weekly (Wed): each becomes a run.
    server.advance(Duration::from_secs(2 * 24 * 3600)).await;
    assert_eq!(
        api.list_agent_runs(&daily.id, None, None)
            .await
            .unwrap()
            .items
            .len(),
        4
    );
    let weekly_runs = api.list_agent_runs(&weekly.id, None, None).await.unwrap();
    assert_eq!(weekly_runs.items.len(), 1);
    assert_eq!(weekly_runs.items[0].status, AgentRunStatus::Completed);

    // Pausing stops the schedule, and resuming starts no backlog of the paused days.
    api.toggle_agent(&daily.id).await.unwrap();
    server.advance(Duration::from_secs(3 * 24 * 3600)).await;
    assert_eq!(
        api.list_agent_runs(&daily.id, None, None)
            .await
            .unwrap()
            .items
            .len(),
        4
    );
    assert!(api.toggle_agent(&daily.id).await.unwrap().enabled);
    server.advance(Duration::from_secs(3600)).await;
    assert_eq!(
        api.list_agent_runs(&daily.id, None, None)
            .await
            .unwrap()
            .items
            .len(),
        4
    );
    server.advance(Duration::from_secs(24 * 3600)).await;
    assert_eq!(
        api.list_agent_runs(&daily.id, None, None)
            .await
            .unwrap()
            .items
            .len(),
        5
    );
    assert!(
        api.list_agent_runs(&paused.id, None, None)
            .await
            .unwrap()
            .items
            .is_empty()
    );
    // 5 daily runs and 1 weekly, each completion delivered once.
    let events = verified_events(&receiver, "whsec_cron").await;
    let of = |id: &str| {
        events
            .iter()
            .filter(|(_, data)| data["agentId"] == id)
            .count()
    };
    assert_eq!((of(&daily.id), of(&weekly.id), events.len()), (5, 1, 6));
}

#[tokio::test]
async fn a_scheduled_agent_runs_on_the_real_clock_without_any_request() {
    // A fire time two hours ago, reached by rewinding the saved agent's schedule origin to
    // three hours ago in the state file: on restart, the server's own clock loop (not a
    // request) starts the missed run, and its completion reaches the receiver.
    let dir = std::env::temp_dir().join(format!("autoposting-mock-cron-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("state.json");
    let _ = std::fs::remove_file(&file);
    let receiver = receiver().await;
    let fire =
        chrono::SubsecRound::trunc_subsecs(chrono::Utc::now() - chrono::Duration::hours(2), 0);
    let fire = fire - chrono::Duration::seconds(i64::from(chrono::Timelike::second(&fire)));
    let agent_id = {
        let server = MockServer::builder()
            .seed(Seed::Empty)
            .state_file(&file)
            .start()
            .await
            .unwrap();
        let api = client(&server, server.api_key());
        crate::harness::acme(&api, &[]).await;
        api.create_webhook(
            &CreateWebhookRequest::builder()
                .url(receiver.uri())
                .events(vec![WebhookEvent::AgentRunCompleted])
                .secret("whsec_real")
                .build(),
        )
        .await
        .unwrap();
        let agent = api
            .create_agent(
                &CreateAgentRequest::builder()
                    .name("Daily")
                    .agent_type(AgentType::Publish)
                    .frequency(AgentFrequency::Daily)
                    .time(fire.format("%H:%M").to_string())
                    .brand_slug("acme")
                    .build(),
            )
            .await
            .unwrap();
        assert!(server.runs().is_empty());
        agent.id
    };
    let mut state: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    let origin = (fire - chrono::Duration::hours(1)).timestamp_millis();
    state["agents"][0]["_cronFrom"] = Value::from(origin);
    std::fs::write(&file, serde_json::to_vec(&state).unwrap()).unwrap();

    let server = MockServer::builder()
        .state_file(&file)
        .processing_time(Duration::ZERO)
        .start()
        .await
        .unwrap();
    let mut events = Vec::new();
    for _ in 0..500 {
        events = verified_events(&receiver, "whsec_real").await;
        if !events.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(events.len(), 1, "the run completed without a request");
    assert_eq!(events[0].1["agentId"], agent_id.as_str());
    let runs = server.runs();
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0]["status"], "completed");
    assert_eq!(runs[0]["startedAt"], autoposting_mock_format(fire));
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}

fn autoposting_mock_format(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[tokio::test]
async fn an_expiring_platform_token_sends_token_expired_once_and_shows_expired() {
    use autoposting_client::platform_oauth::{
        PlatformOauth, PlatformTokenStatus, StorePlatformTokenRequest,
    };
    let start = chrono::DateTime::parse_from_rfc3339("2026-01-05T08:00:00Z")
        .unwrap()
        .to_utc();
    let (server, api, receiver) =
        acme_subscribed(start, WebhookEvent::TokenExpired, "whsec_tokens").await;
    let in_an_hour = start + chrono::Duration::hours(1);
    let store = |platform: Platform, refresh: Option<&str>| {
        let mut request = StorePlatformTokenRequest::builder()
            .platform(platform.clone())
            .access_token("access-secret")
            .platform_user_id(format!("{platform:?}_1"))
            .expires_at(in_an_hour)
            .build();
        request.refresh_token = refresh.map(str::to_owned);
        request
    };
    // X without a refresh token expires; LinkedIn with one, and Instagram (long-lived
    // exchange), are renewed 10 minutes ahead.
    let x = api
        .store_platform_token("acme", &store(Platform::X, None))
        .await
        .unwrap();
    api.store_platform_token("acme", &store(Platform::Linkedin, Some("refresh-secret")))
        .await
        .unwrap();
    api.store_platform_token("acme", &store(Platform::Instagram, None))
        .await
        .unwrap();
    let connected = |status: &autoposting_client::List<autoposting_client::PlatformConnection>,
                     platform: Platform| {
        status
            .items
            .iter()
            .find(|c| c.platform == platform)
            .unwrap()
            .clone()
    };

    // A minute before expiry: still active, nothing sent.
    server.advance(Duration::from_secs(59 * 60)).await;
    let tokens = api
        .list_platform_tokens("acme", &Platform::X)
        .await
        .unwrap();
    assert_eq!(tokens.items[0].status, PlatformTokenStatus::Active);
    assert!(receiver.received_requests().await.unwrap().is_empty());

    // Past it: expired, shown so, and one signed `token.expired`.
    server.advance(Duration::from_secs(2 * 60)).await;
    let tokens = api
        .list_platform_tokens("acme", &Platform::X)
        .await
        .unwrap();
    assert_eq!(tokens.items[0].status, PlatformTokenStatus::Expired);
    assert_eq!(tokens.items[0].expires_at, Some(in_an_hour));
    let status = api.get_brand_auth_status("acme").await.unwrap();
    let x_status = connected(&status, Platform::X);
    assert!(!x_status.connected);
    assert!(x_status.refresh_error.unwrap().contains("expired"));
    for platform in [Platform::Linkedin, Platform::Instagram] {
        let renewed = connected(&status, platform.clone());
        assert!(renewed.connected, "{platform:?}");
        assert_eq!(
            renewed.expires_at,
            Some(in_an_hour - chrono::Duration::minutes(10) + chrono::Duration::days(60)),
            "{platform:?}"
        );
        assert_eq!(renewed.refresh_error, None);
    }
    let events = verified_events(&receiver, "whsec_tokens").await;
    assert_eq!(events.len(), 1, "{events:?}");
    let (event, data) = &events[0];
    assert_eq!(*event, WebhookEvent::TokenExpired);
    assert_eq!(data["tokenId"], x.token_id.as_str());
    assert_eq!(data["platform"], "x");
    assert_eq!(data["brandSlug"], "acme");
    assert_eq!(data["expiresAt"], "2026-01-05T09:00:00Z");

    // Once: a day later nothing more is sent, and a post to X fails for the expired token.
    let post = api
        .create_post(
            &CreatePostRequest::builder()
                .brand_slug("acme")
                .text("Hello")
                .platforms([Platform::X])
                .build(),
        )
        .await
        .unwrap();
    server.advance(Duration::from_secs(24 * 3600)).await;
    assert_eq!(verified_events(&receiver, "whsec_tokens").await.len(), 1);
    let failed = api.get_post(&post.id).await.unwrap();
    assert_eq!(failed.status, PostStatus::Failed);
    assert!(
        server.posts()[0]["platformResults"][0]["error"]
            .as_str()
            .unwrap()
            .contains("expired"),
        "{:?}",
        server.posts()[0]
    );

    // Refreshed, it is active and connected again; its new expiry sends a new event.
    let refreshed = api
        .refresh_platform_token("acme", &Platform::X)
        .await
        .unwrap();
    let tokens = api
        .list_platform_tokens("acme", &Platform::X)
        .await
        .unwrap();
    assert_eq!(tokens.items[0].status, PlatformTokenStatus::Active);
    assert!(
        connected(
            &api.get_brand_auth_status("acme").await.unwrap(),
            Platform::X
        )
        .connected
    );
    let until = refreshed.expires_at - server.now();
    server
        .advance(until.to_std().unwrap() + Duration::from_secs(1))
        .await;
    assert_eq!(verified_events(&receiver, "whsec_tokens").await.len(), 2);
}
