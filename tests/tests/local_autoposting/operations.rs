//! The client's operations against the local Autoposting: every one of them, once, succeeds
//! and decodes to the values the server holds; none is left out.

use std::collections::BTreeSet;
use std::time::Duration;

use autoposting_client::agents::{
    AgentFrequency, AgentRunStatus, AgentType, CreateAgentRequest, UpdateAgentRequest,
};
use autoposting_client::api_keys::{ApiKeyScope, CreateApiKeyRequest, UpdateApiKeyRequest};
use autoposting_client::auth::{
    LoginRequest, SocialExchangeRequest, SocialProvider, UpdateProfileRequest,
};
use autoposting_client::billing::ChangePlanRequest;
use autoposting_client::brands::{CreateBrandRequest, UpdateBrandRequest};
use autoposting_client::carousels::{
    CarouselSlideInput, CreateCarouselRequest, GenerateCarouselDesignRequest,
    GenerateCarouselRequest, UpdateCarouselRequest,
};
use autoposting_client::clips::{
    ClipCreditCheckRequest, ClipStatus, CompleteClipUploadRequest, ImportClipRequest,
    InitClipUploadRequest, PresignClipUploadRequest, RenderClipRequest, UploadedPart,
};
use autoposting_client::knowledge_base::{
    CompleteKbDocumentUploadRequest, CreateKbRequest, EnrichIdeaRequest, EnrichPlatform,
    GenerateIdeasRequest, IdeaDraft, IdeaPlatform, IngestKbUrlRequest, KbStatus, SearchKbRequest,
    StartKbDocumentUploadRequest,
};
use autoposting_client::organizations::SwitchOrganizationRequest;
use autoposting_client::platform_oauth::{
    ExchangeOauthCodeRequest, MoveTokenRequest, StorePlatformTokenRequest,
};
use autoposting_client::posts::{
    CreatePostRequest, PostStatus, SchedulePostRequest, UpdatePostRequest,
};
use autoposting_client::prelude::*;
use autoposting_client::usage::UsageWindow;
use autoposting_client::webhooks::{CreateWebhookRequest, UpdateWebhookRequest, WebhookEvent};
use autoposting_client::{Part, Platform};
use autoposting_mock::MockServer;
use serde_json::json;

use crate::harness::client;

/// Runs a call, fails the test with the operation's name on error, and records the name.
macro_rules! call {
    ($called:ident, $name:literal, $call:expr) => {{
        let result = $call.await;
        $called.insert($name);
        match result {
            Ok(value) => value,
            Err(error) => panic!("{} failed: {error:?}", $name),
        }
    }};
}

fn matches_template(template: &str, path: &str) -> bool {
    let path = path.split('?').next().unwrap_or(path);
    let wanted: Vec<&str> = template.trim_matches('/').split('/').collect();
    let actual: Vec<&str> = path.trim_matches('/').split('/').collect();
    wanted.len() == actual.len()
        && wanted
            .iter()
            .zip(&actual)
            .all(|(w, a)| w == a || ((w.starts_with('<') || w.starts_with('{')) && !a.is_empty()))
}

#[tokio::test]
async fn every_client_operation_succeeds_against_the_local_autoposting() {
    let server = MockServer::builder()
        .seed(autoposting_mock::Seed::Empty)
        .processing_time(Duration::ZERO)
        .min_part_size(1)
        .start()
        .await
        .unwrap();
    let api = client(&server, server.api_key());
    let mut called = BTreeSet::new();

    // Health and auth.
    call!(called, "check_health", api.check_health());
    let session = call!(
        called,
        "login",
        api.login(&LoginRequest::new("you@example.com", "pw"))
    );
    assert!(!session.token.is_empty());
    let user = client(&server, &session.token);
    let profile = call!(called, "get_profile", user.get_profile());
    assert_eq!(profile.email, "you@example.com");
    let updated = call!(
        called,
        "update_profile",
        user.update_profile(&UpdateProfileRequest::builder().name("Ada").build())
    );
    assert_eq!(updated.name, "Ada");
    let social = call!(
        called,
        "exchange_social_code",
        api.exchange_social_code(&SocialExchangeRequest::new(
            SocialProvider::Github,
            "code-1"
        ))
    );
    assert!(social.token.starts_with("sk-social-"));
    let device = call!(called, "create_device_code", api.create_device_code());
    let first = call!(
        called,
        "poll_device_code",
        api.poll_device_code(&device.device_code)
    );
    assert_eq!(
        serde_json::to_value(&first.status).unwrap(),
        "authorization_pending"
    );

    // Organisations are session-only.
    let orgs = call!(called, "list_organizations", user.list_organizations());
    assert_eq!(orgs.organizations.len(), 2);
    assert_eq!(orgs.active().map(|o| o.id.as_str()), Some("org_mock"));
    call!(
        called,
        "switch_active_organization",
        user.switch_active_organization(
            &SwitchOrganizationRequest::builder()
                .organization_id("org_sandbox")
                .build()
        )
    );
    assert_eq!(
        user.list_organizations()
            .await
            .unwrap()
            .active_org_id
            .as_deref(),
        Some("org_sandbox")
    );

    // Brands.
    let brand = call!(
        called,
        "create_brand",
        api.create_brand(
            &CreateBrandRequest::builder()
                .name("Acme Corp")
                .slug("acme")
                .platforms([Platform::X])
                .build()
        )
    );
    assert_eq!(brand.slug, "acme");
    let brands = call!(called, "list_brands", api.list_brands());
    assert_eq!(brands.len(), 1);
    let got = call!(called, "get_brand", api.get_brand("acme"));
    assert_eq!(got.name, "Acme Corp");
    let renamed = call!(
        called,
        "update_brand",
        api.update_brand(
            "acme",
            &UpdateBrandRequest::builder().description("Rockets").build()
        )
    );
    assert_eq!(renamed.description.as_deref(), Some("Rockets"));
    api.create_brand(
        &CreateBrandRequest::builder()
            .name("Other")
            .slug("other")
            .build(),
    )
    .await
    .unwrap();

    // Platform OAuth.
    let url = call!(
        called,
        "get_oauth_authorization_url",
        api.get_oauth_authorization_url(
            &Platform::Linkedin,
            &autoposting_client::platform_oauth::OauthAuthorizationParams::builder()
                .brand_slug("acme")
                .state("st-1")
                .build()
        )
    );
    assert_eq!(url.state.as_deref(), Some("st-1"));
    let exchanged = call!(
        called,
        "exchange_platform_oauth_code",
        api.exchange_platform_oauth_code(
            &ExchangeOauthCodeRequest::builder()
                .platform(Platform::Linkedin)
                .code("AQT")
                .brand_slug("acme")
                .redirect_uri("https://app.example/cb")
                .state("st-1")
                .build()
        )
    );
    assert_eq!(exchanged.brand_slug, "acme");
    let stored = call!(
        called,
        "store_platform_token",
        api.store_platform_token(
            "acme",
            &StorePlatformTokenRequest::builder()
                .platform(Platform::Threads)
                .access_token("tok")
                .platform_user_id("th_1")
                .build()
        )
    );
    assert_eq!(stored.platform_user_id, "th_1");
    let tokens = call!(
        called,
        "list_platform_tokens",
        api.list_platform_tokens("acme", &Platform::Threads)
    );
    assert_eq!(tokens.len(), 1);
    call!(
        called,
        "refresh_platform_token",
        api.refresh_platform_token("acme", &Platform::Threads)
    );
    let status = call!(
        called,
        "get_brand_auth_status",
        api.get_brand_auth_status("acme")
    );
    assert_eq!(
        status.iter().filter(|c| c.connected).count(),
        3,
        "x, linkedin, threads"
    );
    call!(
        called,
        "move_platform_token",
        api.move_platform_token(
            "acme",
            &Platform::Threads,
            "th_1",
            &MoveTokenRequest::builder()
                .target_brand_slug("other")
                .build()
        )
    );
    assert_eq!(
        api.list_platform_tokens("other", &Platform::Threads)
            .await
            .unwrap()
            .len(),
        1
    );
    call!(
        called,
        "delete_platform_token",
        api.delete_platform_token("other", &Platform::Threads, "th_1")
    );
    assert!(
        api.list_platform_tokens("other", &Platform::Threads)
            .await
            .unwrap()
            .is_empty()
    );

    // Posts.
    let post = call!(
        called,
        "create_post",
        api.create_post(
            &CreatePostRequest::builder()
                .brand_slug("acme")
                .text("Hello from the mock!")
                .platforms([Platform::X])
                .build()
        )
    );
    assert_eq!(post.status, PostStatus::Validating);
    let published = call!(called, "get_post", api.get_post(&post.id));
    assert_eq!(published.status, PostStatus::Published);
    let page = call!(
        called,
        "list_posts",
        api.list_posts(
            &autoposting_client::posts::ListPostsParams::builder()
                .brand_slug("acme")
                .limit(10)
                .build()
        )
    );
    assert_eq!(page.total, Some(1));
    let score = call!(called, "score_post", api.score_post(&post.id));
    assert!(score.score.is_some());
    let tomorrow = server.now() + chrono::Duration::days(1);
    let draft = api
        .create_post(
            &CreatePostRequest::builder()
                .brand_slug("acme")
                .text("Later")
                .platforms([Platform::Linkedin])
                .scheduled_at(tomorrow)
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(draft.status, PostStatus::Scheduled);
    let edited = call!(
        called,
        "update_post",
        api.update_post(
            &draft.id,
            &UpdatePostRequest::builder().text("Later, edited").build()
        )
    );
    assert_eq!(edited.text, "Later, edited");
    let moved = call!(
        called,
        "schedule_post",
        api.schedule_post(
            &draft.id,
            &SchedulePostRequest::new(tomorrow + chrono::Duration::hours(1))
        )
    );
    assert_eq!(moved.status, PostStatus::Scheduled);
    let rewritten = call!(called, "rewrite_post", api.rewrite_post(&draft.id));
    assert!(rewritten.text.ends_with("Later, edited"));
    let now = call!(called, "publish_post", api.publish_post(&draft.id));
    assert_eq!(now.status, PostStatus::Validating);
    let failing = api
        .create_post(
            &CreatePostRequest::builder()
                .brand_slug("acme")
                .text("To Instagram")
                .platforms([Platform::Instagram])
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(
        api.get_post(&failing.id).await.unwrap().status,
        PostStatus::Failed
    );
    let retried = call!(called, "retry_post", api.retry_post(&failing.id));
    assert_eq!(retried.status, PostStatus::Validating);
    call!(called, "delete_post", api.delete_post(&failing.id));
    let presigned = call!(
        called,
        "presign_media",
        api.presign_media(&json!({"fileName": "a.png", "contentType": "image/png"}))
    );
    assert!(
        presigned["uploadUrl"]
            .as_str()
            .unwrap()
            .starts_with(&server.base_url())
    );
    let media = call!(
        called,
        "upload_media",
        api.upload_media(
            &Part::bytes(vec![0_u8; 64])
                .file_name("cat.png")
                .content_type("image/png")
        )
    );
    assert_eq!(media.filename, "cat.png");

    // Agents.
    let agent = call!(
        called,
        "create_agent",
        api.create_agent(
            &CreateAgentRequest::builder()
                .name("Weekly")
                .agent_type(AgentType::Publish)
                .frequency(AgentFrequency::Weekly)
                .brand_slug("acme")
                .platforms([Platform::X])
                .posts_per_run(2)
                .build()
        )
    );
    let agents = call!(called, "list_agents", api.list_agents(None, None));
    assert_eq!(agents.total, Some(1));
    let got = call!(called, "get_agent", api.get_agent(&agent.id));
    assert_eq!(got.name, "Weekly");
    let renamed = call!(
        called,
        "update_agent",
        api.update_agent(
            &agent.id,
            &UpdateAgentRequest::builder().name("Weekly X").build()
        )
    );
    assert_eq!(renamed.name, "Weekly X");
    let run = call!(
        called,
        "trigger_agent_run",
        api.trigger_agent_run(&agent.id)
    );
    let finished = call!(
        called,
        "get_agent_run",
        api.get_agent_run(&agent.id, &run.run_id)
    );
    assert_eq!(finished.status, AgentRunStatus::Completed);
    assert_eq!(finished.posts_generated, 2);
    let runs = call!(
        called,
        "list_agent_runs",
        api.list_agent_runs(&agent.id, None, None)
    );
    assert_eq!(runs.total, Some(1));
    let stats = call!(called, "get_agent_stats", api.get_agent_stats(&agent.id));
    assert_eq!(stats.posts_generated, Some(2));
    let outputs = call!(
        called,
        "list_agent_outputs",
        api.list_agent_outputs(&agent.id, None, None)
    );
    assert_eq!(outputs.len(), 2);
    let paused = call!(called, "toggle_agent", api.toggle_agent(&agent.id));
    assert_eq!(serde_json::to_value(&paused).unwrap()["enabled"], false);
    call!(called, "delete_agent", api.delete_agent(&agent.id));

    // API keys.
    let key = call!(
        called,
        "create_api_key",
        api.create_api_key(
            &CreateApiKeyRequest::builder()
                .name("CI")
                .scopes([ApiKeyScope::PostsRead])
                .build()
        )
    );
    let keys = call!(called, "list_api_keys", api.list_api_keys());
    assert_eq!(keys.len(), 1);
    let key_json = serde_json::to_value(&keys.items[0]).unwrap();
    assert!(
        key_json.get("key").is_none_or(serde_json::Value::is_null),
        "the full key is shown only once"
    );
    let renamed = call!(
        called,
        "update_api_key",
        api.update_api_key(
            &key.id,
            &UpdateApiKeyRequest::builder().name("CI 2").build()
        )
    );
    assert_eq!(renamed.name, "CI 2");

    // Billing and usage.
    let balance = call!(called, "get_credit_balance", api.get_credit_balance());
    assert_eq!(balance.balance, 500.0);
    call!(called, "get_credit_summary", api.get_credit_summary());
    let change = call!(
        called,
        "change_plan",
        api.change_plan(&ChangePlanRequest::new("plan_business"))
    );
    assert_eq!(change.pending_plan_id, "plan_business");
    call!(called, "get_billing_status", api.get_billing_status());

    // Carousels (15 credits for copy, 15 for design).
    let carousel = call!(
        called,
        "create_carousel",
        api.create_carousel(
            &CreateCarouselRequest::builder()
                .brand_slug("acme")
                .title("Tips")
                .slides(vec![CarouselSlideInput::builder().title("Hook").build()])
                .build()
        )
    );
    let got = call!(called, "get_carousel", api.get_carousel(&carousel.id));
    assert_eq!(got.slides.len(), 1);
    call!(
        called,
        "update_carousel",
        api.update_carousel(
            &carousel.id,
            &UpdateCarouselRequest::builder().title("More tips").build()
        )
    );
    call!(
        called,
        "generate_carousel_design",
        api.generate_carousel_design(
            &carousel.id,
            &GenerateCarouselDesignRequest::builder().build()
        )
    );
    let assets = call!(
        called,
        "upload_carousel_assets",
        api.upload_carousel_assets(
            &carousel.id,
            &Part::bytes(vec![1_u8; 16])
                .file_name("slide.png")
                .content_type("image/png")
        )
    );
    assert_eq!(assets["assets"][0]["filename"], "slide.png");
    let generated = call!(
        called,
        "generate_carousel",
        api.generate_carousel(
            &GenerateCarouselRequest::builder()
                .topic("Automation")
                .slide_count(4)
                .brand_slug("acme")
                .build()
        )
    );
    assert_eq!(generated.slides.len(), 4);
    let list = call!(called, "list_carousels", api.list_carousels(None, None));
    assert_eq!(list.total, Some(2));
    call!(
        called,
        "create_carousel_draft",
        api.create_carousel_draft(&carousel.id)
    );
    call!(
        called,
        "delete_carousel",
        api.delete_carousel(&generated.id)
    );

    // Clips: a two-part upload, then a render.
    let upload = call!(
        called,
        "init_clip_upload",
        api.init_clip_upload(
            &InitClipUploadRequest::builder()
                .brand_id(brand.id.clone())
                .file_name("ep.mp4")
                .file_size(8)
                .mime_type("video/mp4")
                .build()
        )
    );
    let urls = call!(
        called,
        "presign_clip_upload_parts",
        api.presign_clip_upload_parts(&PresignClipUploadRequest::new(&upload, vec![1, 2]))
    );
    let mut parts = Vec::new();
    for (n, chunk) in [(1_u32, vec![1_u8; 4]), (2, vec![2_u8; 4])] {
        let put = api
            .upload_to_presigned_url(urls.url_for(n).unwrap(), chunk, None)
            .await
            .unwrap();
        parts.push(UploadedPart::new(n, put.etag.unwrap()));
    }
    call!(
        called,
        "complete_clip_upload",
        api.complete_clip_upload(&CompleteClipUploadRequest::new(&upload, parts))
    );
    let clip = call!(called, "get_clip", api.get_clip(&upload.clip_id));
    assert_eq!(clip.status, ClipStatus::Ready);
    let clips = call!(called, "list_clips", api.list_clips(Some(1), Some(10)));
    assert_eq!(clips.total, Some(1));
    call!(
        called,
        "check_clip_credits",
        api.check_clip_credits(&ClipCreditCheckRequest::new(&upload.clip_id, "cand_01"))
    );
    let render = call!(
        called,
        "render_clip",
        api.render_clip(
            &upload.clip_id,
            &RenderClipRequest::builder().candidate_id("cand_01").build()
        )
    );
    assert_eq!(render.all_job_ids().len(), 1);
    let jobs = call!(
        called,
        "list_clip_jobs",
        api.list_clip_jobs(&upload.clip_id)
    );
    assert_eq!(jobs.len(), 1);
    let other = api
        .init_clip_upload(
            &InitClipUploadRequest::builder()
                .brand_id("acme")
                .file_name("b.mp4")
                .file_size(1)
                .mime_type("video/mp4")
                .build(),
        )
        .await
        .unwrap();
    call!(called, "abort_clip_upload", api.abort_clip_upload(&other));
    let imported = call!(
        called,
        "import_clip_from_url",
        api.import_clip_from_url(
            &ImportClipRequest::builder()
                .url("https://example.com/ep.mp4")
                .brand_slug("acme")
                .build()
        )
    );
    call!(called, "delete_clip", api.delete_clip(&imported.clip_id));

    // Knowledge bases and ideas.
    let kb = call!(
        called,
        "create_kb",
        api.create_kb(&CreateKbRequest::builder().name("Research").build())
    )
    .into_kb();
    let doc = call!(
        called,
        "ingest_kb_url",
        api.ingest_kb_url(
            &kb.id,
            &IngestKbUrlRequest::builder()
                .url("https://example.com/pricing")
                .label("Pricing report")
                .build()
        )
    );
    assert_eq!(doc.name, "Pricing report");
    let start = call!(
        called,
        "start_kb_document_upload",
        api.start_kb_document_upload(
            &kb.id,
            &StartKbDocumentUploadRequest::builder()
                .filename("notes.txt")
                .mime_type("text/plain")
                .build()
        )
    );
    api.upload_to_presigned_url(
        start.url.as_deref().unwrap(),
        b"notes".to_vec(),
        Some("text/plain"),
    )
    .await
    .unwrap();
    call!(
        called,
        "complete_kb_document_upload",
        api.complete_kb_document_upload(
            &kb.id,
            &CompleteKbDocumentUploadRequest::builder()
                .key(start.key.unwrap())
                .build()
        )
    );
    let docs = call!(called, "list_kb_documents", api.list_kb_documents(&kb.id));
    assert_eq!(docs.len(), 2);
    let got = call!(called, "get_kb", api.get_kb(&kb.id));
    assert_eq!(got.status, Some(KbStatus::Active));
    let kbs = call!(called, "list_kbs", api.list_kbs());
    assert_eq!(kbs.len(), 1);
    let hits = call!(
        called,
        "search_kb",
        api.search_kb(&kb.id, &SearchKbRequest::builder().query("pricing").build())
    );
    assert_eq!(
        hits.items[0].document_name.as_deref(),
        Some("Pricing report")
    );
    let hits = call!(called, "query_kb", api.query_kb(&kb.id, "notes", Some(1)));
    assert_eq!(hits.len(), 1);
    let ideas = call!(
        called,
        "generate_ideas",
        api.generate_ideas(
            &GenerateIdeasRequest::builder()
                .kb_id(kb.id.clone())
                .topic("pricing")
                .build()
        )
    );
    assert_eq!(ideas.ideas.as_ref().map(Vec::len), Some(3));
    let listed = call!(called, "list_ideas", api.list_ideas(None, None));
    assert_eq!(listed.total, Some(3));
    call!(
        called,
        "enrich_idea",
        api.enrich_idea(
            &EnrichIdeaRequest::builder()
                .idea(IdeaDraft::builder().title("T").hook("H").angle("A").build())
                .platforms(vec![
                    EnrichPlatform::builder()
                        .platform(IdeaPlatform::Linkedin)
                        .build()
                ])
                .build()
        )
    );
    call!(called, "delete_idea", api.delete_idea(&listed.items[0].id));
    call!(called, "delete_kb", api.delete_kb(&kb.id));

    // Notifications (posts published and failed above left some).
    let notes = call!(
        called,
        "list_notifications",
        api.list_notifications(
            &autoposting_client::notifications::ListNotificationsParams::builder()
                .unread_only(true)
                .build()
        )
    );
    assert!(notes.total.unwrap_or(0) >= 2);

    // Webhooks (a receiver that is not listening: the test delivery reports failure).
    let hook = call!(
        called,
        "create_webhook",
        api.create_webhook(
            &CreateWebhookRequest::builder()
                .url("http://127.0.0.1:9/hook")
                .events(vec![WebhookEvent::All])
                .build()
        )
    );
    let id = hook.webhook().id.clone();
    assert!(hook.secret().is_some(), "a generated secret is shown once");
    let hooks = call!(called, "list_webhooks", api.list_webhooks());
    assert_eq!(hooks.len(), 1);
    let off = call!(
        called,
        "update_webhook",
        api.update_webhook(&id, &UpdateWebhookRequest::builder().enabled(false).build())
    );
    assert!(!off.enabled);
    let test = call!(called, "test_webhook", api.test_webhook(&id));
    assert!(!test.delivered);
    call!(called, "delete_webhook", api.delete_webhook(&id));

    // Usage counted what happened.
    let usage = call!(called, "get_usage_summary", api.get_usage_summary());
    assert_eq!(usage.clips.as_ref().map(|c| c.uploaded), Some(2));
    let tokens = call!(
        called,
        "get_token_usage",
        api.get_token_usage(Some(UsageWindow::Last7Days))
    );
    assert!(tokens.total > 0);

    // The brand goes last.
    call!(called, "delete_brand", api.delete_brand("other"));

    let declared: BTreeSet<&str> = autoposting_client::endpoints()
        .map(|e| e.operation)
        .collect();
    let missing: Vec<_> = declared.difference(&called).collect();
    assert!(missing.is_empty(), "operations never called: {missing:?}");
    let log = server.requests();
    for endpoint in autoposting_client::endpoints() {
        assert!(
            log.iter().any(|r| r.method == endpoint.method.as_str()
                && matches_template(endpoint.path, &r.path)),
            "no request reached {} {}",
            endpoint.method,
            endpoint.path
        );
    }
}
