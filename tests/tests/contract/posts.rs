//! Posts and media. No operation of this tag has a documented response example: each is
//! decoded from the SDK's `Post` shape, with the docs-vs-SDK differences (bare array or
//! envelope lists, eleven statuses or four, `twitter` for `x`, two score shapes).

use autoposting_client::Part;
use autoposting_client::posts::{
    CreatePostRequest, InstagramOptions, ListPostsParams, MediaInput, MediaType, Platform, Poll,
    PostSource, PostStatus, ReelOptions, SchedulePostRequest, ThreadsOptions, UpdatePostRequest,
    YoutubeOptions, YoutubePrivacy,
};
use autoposting_client::prelude::*;
use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::harness::{check_unit, fits, request_example, serve};

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

/// A post as the SDK's tests show it, with `changes` merged in.
fn post(changes: Value) -> Value {
    let mut post = json!({
        "id": "post_01HXYZ",
        "brandSlug": "my-brand",
        "text": "Hello world",
        "platforms": ["x", "linkedin"],
        "status": "draft",
        "createdAt": "2024-01-01T00:00:00Z",
        "updatedAt": "2024-01-01T00:00:00Z"
    });
    if let (Some(post), Value::Object(changes)) = (post.as_object_mut(), changes) {
        post.extend(changes);
    }
    post
}

fn ok(data: Value) -> Value {
    json!({"success": true, "data": data})
}

/// The one request the server received: method, path, and its JSON body (`Null` if none).
async fn only_request(server: &MockServer) -> (String, String, Value) {
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "one request");
    let body = if requests[0].body.is_empty() {
        Value::Null
    } else {
        requests[0].body_json().unwrap()
    };
    (
        requests[0].method.to_string(),
        requests[0].url.path().to_owned(),
        body,
    )
}

#[tokio::test]
async fn create_post() {
    let (server, client) = serve(ok(post(json!({
        "text": "Excited to share our latest update!",
        "status": "scheduled",
        "scheduledAt": "2025-06-15T14:00:00Z",
        "source": "api"
    }))))
    .await;
    let request = CreatePostRequest::builder()
        .brand_slug("brand_slug")
        .text("Excited to share our latest update!")
        .platforms([Platform::X, Platform::Linkedin])
        .scheduled_at(at("2025-06-15T14:00:00Z"))
        .build();

    let created = client.create_post(&request).await.unwrap();

    // The documented request example, exactly: no optional field sent as null.
    let (method, path, body) = only_request(&server).await;
    assert_eq!((method.as_str(), path.as_str()), ("POST", "/posts"));
    assert_eq!(body, request_example("POST", "/posts"));
    assert_eq!(created.status, PostStatus::Scheduled);
    assert_eq!(created.scheduled_at, Some(at("2025-06-15T14:00:00Z")));
    assert_eq!(created.source, Some(PostSource::Api));
    assert_eq!(created.platforms, [Platform::X, Platform::Linkedin]);
}

#[tokio::test]
async fn create_post_with_every_sdk_field() {
    let (server, client) = serve(ok(post(json!({})))).await;
    let request = CreatePostRequest::builder()
        .brand_slug("my-brand")
        .text("1/ What we shipped")
        .platforms([Platform::X])
        .thread(["2/ Faster scheduling.", "3/ AI rewrite."])
        .poll(
            Poll::builder()
                .options(["Yes", "No"])
                .duration_minutes(1440)
                .build(),
        )
        .media([MediaInput::builder()
            .url("https://cdn.example/a.png")
            .kind(MediaType::Image)
            .alt_text("A chart")
            .build()])
        .platform_media([(
            Platform::Instagram,
            vec![
                MediaInput::builder()
                    .url("https://cdn.example/r.mp4")
                    .kind(MediaType::Video)
                    .build(),
            ],
        )])
        .platform_texts([(Platform::Linkedin, "What we shipped this quarter")])
        .target_account_ids([(Platform::X, vec!["acc_1".to_owned(), "acc_2".to_owned()])])
        .instagram_options(
            InstagramOptions::builder()
                .reel(
                    ReelOptions::builder()
                        .thumb_offset_ms(1500)
                        .share_to_feed(true)
                        .cover_url("https://cdn.example/cover.png")
                        .collaborators(["partner"])
                        .build(),
                )
                .build(),
        )
        .threads_options(
            ThreadsOptions::builder()
                .reply_to_id("1789")
                .reply_control("everyone")
                .build(),
        )
        .youtube_options(
            YoutubeOptions::builder()
                .title("Launch")
                .description("Our launch video")
                .tags(["launch", "product"])
                .privacy_status(YoutubePrivacy::Unlisted)
                .made_for_kids(false)
                .category_id("28")
                .build(),
        )
        .source(PostSource::Cli)
        .build();

    client.create_post(&request).await.unwrap();

    let (_, _, body) = only_request(&server).await;
    assert_eq!(
        body,
        json!({
            "brandSlug": "my-brand",
            "text": "1/ What we shipped",
            "platforms": ["x"],
            "thread": ["2/ Faster scheduling.", "3/ AI rewrite."],
            "poll": {"options": ["Yes", "No"], "durationMinutes": 1440},
            "media": [{"url": "https://cdn.example/a.png", "type": "image", "altText": "A chart"}],
            "platformMedia": {"instagram": [{"url": "https://cdn.example/r.mp4", "type": "video"}]},
            "platformTexts": {"linkedin": "What we shipped this quarter"},
            "targetAccountIds": {"x": ["acc_1", "acc_2"]},
            "instagramOptions": {"reel": {
                "thumbOffsetMs": 1500,
                "shareToFeed": true,
                "coverUrl": "https://cdn.example/cover.png",
                "collaborators": ["partner"]
            }},
            "threadsOptions": {"replyToId": "1789", "replyControl": "everyone"},
            "youtubeOptions": {
                "title": "Launch",
                "description": "Our launch video",
                "tags": ["launch", "product"],
                "privacyStatus": "unlisted",
                "madeForKids": false,
                "categoryId": "28"
            },
            "source": "cli"
        })
    );
}

#[tokio::test]
async fn create_post_without_a_schedule_sends_no_scheduled_at() {
    let (server, client) = serve(ok(post(json!({"status": "validating"})))).await;
    let request = CreatePostRequest::builder()
        .brand_slug("my-brand")
        .text("Now")
        .platforms([Platform::Threads])
        .build();

    let created = client.create_post(&request).await.unwrap();

    let (_, _, body) = only_request(&server).await;
    assert_eq!(
        body,
        json!({"brandSlug": "my-brand", "text": "Now", "platforms": ["threads"]})
    );
    assert_eq!(created.status, PostStatus::Validating);
}

#[tokio::test]
async fn score_post_as_the_sdk_sees_it() {
    let (server, client) = serve(ok(
        json!({"score": 87, "feedback": "Open with a question."}),
    ))
    .await;

    let score = client.score_post("post_01HXYZ").await.unwrap();

    let (method, path, body) = only_request(&server).await;
    assert_eq!(
        (method.as_str(), path.as_str(), body),
        ("POST", "/posts/post_01HXYZ/score", Value::Null)
    );
    assert_eq!(score.score, Some(87.0));
    assert_eq!(score.feedback.as_deref(), Some("Open with a question."));
    assert_eq!(score.hook, None);
}

#[tokio::test]
async fn score_post_as_the_concept_page_describes_it() {
    let (_server, client) = serve(ok(json!({
        "hook": 82, "retention": 74, "clarity": 91, "visual": 60, "viralityScore": 77.5
    })))
    .await;

    let score = client.score_post("post_01HXYZ").await.unwrap();

    assert_eq!(
        (
            score.hook,
            score.retention,
            score.clarity,
            score.visual,
            score.virality_score
        ),
        (Some(82.0), Some(74.0), Some(91.0), Some(60.0), Some(77.5))
    );
    assert_eq!(score.score, None);
}

#[tokio::test]
async fn list_posts_as_a_bare_array() {
    let (server, client) = serve(ok(json!([
        post(json!({"id": "post_1", "status": "published", "publishedAt": "2024-01-02T00:00:00Z"})),
        post(json!({"id": "post_2", "status": "quarantined", "platforms": ["twitter", "bluesky"]}))
    ])))
    .await;

    let posts = client
        .list_posts(
            &ListPostsParams::builder()
                .brand_slug("my-brand")
                .status(PostStatus::Published)
                .limit(20)
                .offset(40)
                .build(),
        )
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.path(), "/posts");
    assert_eq!(
        requests[0].url.query(),
        Some("brandSlug=my-brand&status=published&limit=20&offset=40")
    );
    assert_eq!(posts.total, None);
    assert_eq!(posts.len(), 2);
    assert_eq!(posts.items[0].status, PostStatus::Published);
    assert_eq!(
        posts.items[0].published_at,
        Some(at("2024-01-02T00:00:00Z"))
    );
    // A status and a platform this client does not know survive; `twitter` is X.
    assert_eq!(
        posts.items[1].status,
        PostStatus::Other("quarantined".into())
    );
    assert_eq!(
        posts.items[1].platforms,
        [Platform::X, Platform::Other("bluesky".into())]
    );
}

#[tokio::test]
async fn list_posts_in_an_envelope_with_a_total() {
    let (server, client) = serve(ok(json!({
        "posts": [post(json!({"status": "billing_hold"}))],
        "total": 41
    })))
    .await;

    let posts = client
        .list_posts(&ListPostsParams::default())
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.query(), None);
    assert_eq!(posts.total, Some(41));
    assert_eq!(posts.items[0].status, PostStatus::BillingHold);
}

#[tokio::test]
async fn list_posts_as_items_limit_offset() {
    let (_server, client) = serve(ok(json!({
        "items": [post(json!({"status": "render_pending"}))],
        "total": 3, "limit": 1, "offset": 2
    })))
    .await;

    let posts = client
        .list_posts(&ListPostsParams::builder().limit(1).offset(2).build())
        .await
        .unwrap();

    assert_eq!(
        (posts.total, posts.limit, posts.offset),
        (Some(3), Some(1), Some(2))
    );
    assert_eq!(posts.items[0].status, PostStatus::RenderPending);
}

#[tokio::test]
async fn get_post() {
    let (server, client) = serve(ok(post(json!({
        "id": "abc-123",
        "status": "partial",
        "media": [
            {"url": "https://cdn.example/a.png", "type": "image"},
            {"url": "https://cdn.example/b.webm", "type": "hologram", "altText": "3D"}
        ],
        "score": 87,
        "source": "telegram"
    }))))
    .await;

    let post = client.get_post("abc-123").await.unwrap();

    let (method, path, _) = only_request(&server).await;
    assert_eq!((method.as_str(), path.as_str()), ("GET", "/posts/abc-123"));
    assert_eq!(post.id, "abc-123");
    assert_eq!(post.brand_slug, "my-brand");
    assert_eq!(post.status, PostStatus::Partial);
    assert_eq!(post.created_at, at("2024-01-01T00:00:00Z"));
    let media = post.media.unwrap();
    assert_eq!(media[0].kind, MediaType::Image);
    assert_eq!(media[1].kind, MediaType::Other("hologram".into()));
    assert_eq!(media[1].alt_text.as_deref(), Some("3D"));
    assert_eq!(post.score, Some(87.0));
    assert_eq!(post.source, Some(PostSource::Other("telegram".into())));
}

#[tokio::test]
async fn get_post_with_every_documented_status() {
    let statuses = [
        ("draft", PostStatus::Draft),
        ("scheduled", PostStatus::Scheduled),
        ("validating", PostStatus::Validating),
        ("validated", PostStatus::Validated),
        ("publishing", PostStatus::Publishing),
        ("published", PostStatus::Published),
        ("partial", PostStatus::Partial),
        ("failed", PostStatus::Failed),
        ("billing_hold", PostStatus::BillingHold),
        ("render_pending", PostStatus::RenderPending),
        ("archived", PostStatus::Archived),
    ];
    for (wire, status) in statuses {
        let (_server, client) = serve(ok(post(json!({"status": wire})))).await;
        let post = client.get_post("post_1").await.unwrap();
        assert_eq!(post.status, status);
        assert_eq!(post.status.as_str(), wire);
    }
}

#[tokio::test]
async fn update_post_sends_only_what_changes() {
    let (server, client) = serve(ok(post(json!({"text": "Updated text"})))).await;

    let post = client
        .update_post(
            "post_1",
            &UpdatePostRequest::builder().text("Updated text").build(),
        )
        .await
        .unwrap();

    let (method, path, body) = only_request(&server).await;
    assert_eq!((method.as_str(), path.as_str()), ("PUT", "/posts/post_1"));
    assert_eq!(body, json!({"text": "Updated text"}));
    assert_eq!(post.text, "Updated text");
}

#[tokio::test]
async fn update_post_with_every_field() {
    let (server, client) = serve(ok(post(json!({"platforms": ["youtube"]})))).await;
    let change = UpdatePostRequest::builder()
        .text("New")
        .platforms([Platform::Youtube])
        .scheduled_at(at("2024-06-01T10:00:00Z"))
        .build();

    let post = client.update_post("post_1", &change).await.unwrap();

    let (_, _, body) = only_request(&server).await;
    assert_eq!(
        body,
        json!({"text": "New", "platforms": ["youtube"], "scheduledAt": "2024-06-01T10:00:00Z"})
    );
    assert_eq!(post.platforms, [Platform::Youtube]);
}

#[tokio::test]
async fn delete_post() {
    check_unit("DELETE", "/posts/{postId}", |c| async move {
        c.delete_post("post_1").await
    })
    .await;
}

#[tokio::test]
async fn delete_post_accepts_data_and_204() {
    let (_server, client) = serve(ok(json!({"id": "post_1"}))).await;
    client.delete_post("post_1").await.unwrap();

    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    client.delete_post("post_1").await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].method.as_str(), "DELETE");
    assert!(fits("/posts/{postId}", requests[0].url.path()));
}

#[tokio::test]
async fn publish_post() {
    let (server, client) = serve(ok(post(json!({
        "status": "published", "publishedAt": "2024-01-02T00:00:00Z"
    }))))
    .await;

    let post = client.publish_post("post_1").await.unwrap();

    let (method, path, body) = only_request(&server).await;
    assert_eq!(
        (method.as_str(), path.as_str(), body),
        ("POST", "/posts/post_1/publish", Value::Null)
    );
    assert_eq!(post.status, PostStatus::Published);
    assert_eq!(post.published_at, Some(at("2024-01-02T00:00:00Z")));
}

#[tokio::test]
async fn schedule_post() {
    let (server, client) = serve(ok(post(json!({
        "status": "scheduled", "scheduledAt": "2024-06-01T10:00:00Z"
    }))))
    .await;

    let post = client
        .schedule_post(
            "post_1",
            &SchedulePostRequest::new(at("2024-06-01T10:00:00Z")),
        )
        .await
        .unwrap();

    let (method, path, body) = only_request(&server).await;
    assert_eq!(
        (method.as_str(), path.as_str()),
        ("PUT", "/posts/post_1/schedule")
    );
    assert_eq!(body, json!({"scheduledAt": "2024-06-01T10:00:00Z"}));
    assert_eq!(post.status, PostStatus::Scheduled);
}

#[tokio::test]
async fn schedule_post_cancel_unschedules() {
    let (server, client) = serve(ok(post(json!({"status": "draft"})))).await;

    let post = client
        .schedule_post("post_1", &SchedulePostRequest::cancel())
        .await
        .unwrap();

    let (_, _, body) = only_request(&server).await;
    assert_eq!(body, json!({"cancel": true}));
    assert_eq!(post.status, PostStatus::Draft);
    assert_eq!(post.scheduled_at, None);
}

#[tokio::test]
async fn retry_post() {
    let (server, client) = serve(ok(post(json!({"status": "publishing"})))).await;

    let post = client.retry_post("post_1").await.unwrap();

    let (method, path, body) = only_request(&server).await;
    assert_eq!(
        (method.as_str(), path.as_str(), body),
        ("POST", "/posts/post_1/retry", Value::Null)
    );
    assert_eq!(post.status, PostStatus::Publishing);
}

#[tokio::test]
async fn rewrite_post() {
    let (server, client) = serve(ok(post(json!({"text": "Rewritten text"})))).await;

    let post = client.rewrite_post("post_1").await.unwrap();

    let (method, path, body) = only_request(&server).await;
    assert_eq!(
        (method.as_str(), path.as_str(), body),
        ("POST", "/posts/post_1/rewrite", Value::Null)
    );
    assert_eq!(post.text, "Rewritten text");
}

#[tokio::test]
async fn presign_media_sends_the_body_and_returns_data_as_is() {
    let data = json!({
        "uploadUrl": "https://storage.example/put?sig=abc",
        "url": "https://cdn.example/cover.png"
    });
    let (server, client) = serve(ok(data.clone())).await;
    let request = json!({"fileName": "cover.png", "contentType": "image/png"});

    let presigned = client.presign_media(&request).await.unwrap();

    let (method, path, body) = only_request(&server).await;
    assert_eq!((method.as_str(), path.as_str()), ("POST", "/media/presign"));
    assert_eq!(body, request);
    assert_eq!(presigned, data);
}

#[tokio::test]
async fn upload_media_sends_the_file_field() {
    let (server, client) = serve(ok(json!({
        "url": "https://cdn.autoposting.ai/uploads/image.png",
        "type": "image",
        "filename": "image.png"
    })))
    .await;
    let file = Part::bytes(vec![0x89, b'P', b'N', b'G'])
        .file_name("image.png")
        .content_type("image/png");

    let media = client.upload_media(&file).await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].method.as_str(), "POST");
    assert_eq!(requests[0].url.path(), "/media/upload");
    let content_type = requests[0].headers["content-type"].to_str().unwrap();
    assert!(content_type.starts_with("multipart/form-data; boundary="));
    let body = String::from_utf8_lossy(&requests[0].body);
    assert!(body.contains("Content-Disposition: form-data; name=\"file\"; filename=\"image.png\""));
    assert!(body.contains("Content-Type: image/png"));
    assert!(body.contains("\u{fffd}PNG"));
    assert_eq!(media.url, "https://cdn.autoposting.ai/uploads/image.png");
    assert_eq!(media.kind, MediaType::Image);
    assert_eq!(media.filename, "image.png");
}

#[tokio::test]
async fn upload_media_of_a_gif() {
    let (_server, client) = serve(ok(json!({
        "url": "https://cdn.autoposting.ai/uploads/party.gif",
        "type": "gif",
        "filename": "party.gif"
    })))
    .await;

    let media = client
        .upload_media(&Part::bytes(&b"GIF89a"[..]).file_name("party.gif"))
        .await
        .unwrap();

    assert_eq!(media.kind, MediaType::Gif);
}
