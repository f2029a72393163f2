//! Notifications: the feed at `/api/notifications` (really), in the documented
//! `{notifications, total}` shape and the backend's `{items, total, limit, offset}`.

use autoposting_client::notifications::{ListNotificationsParams, NotificationType};
use autoposting_client::posts::Platform;
use autoposting_client::prelude::*;
use chrono::{DateTime, Utc};
use serde_json::json;

use crate::harness::serve;

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

#[tokio::test]
async fn list_notifications() {
    let (server, client) = serve(json!({"success": true, "data": {
        "notifications": [
            {
                "id": "notif_01HXYZ",
                "type": "post.published",
                "title": "Post published",
                "body": "Your post is live on X and LinkedIn.",
                "read": false,
                "metadata": {"postId": "post_01HXYZ", "brandSlug": "my-brand", "platform": "linkedin", "postUrl": "https://linkedin.example/p/1"},
                "createdAt": "2024-01-10T09:00:00Z"
            },
            {
                "id": "notif_01HXZA",
                "type": "clip.render.completed",
                "title": "Clip ready",
                "read": true,
                "metadata": {"clipId": "clip_01HXYZ"},
                "createdAt": "2024-01-09T18:30:00Z"
            }
        ],
        "total": 57
    }}))
    .await;

    let page = client
        .list_notifications(
            &ListNotificationsParams::builder()
                .limit(20)
                .offset(40)
                .unread_only(true)
                .build(),
        )
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].method.as_str(), "GET");
    assert_eq!(requests[0].url.path(), "/api/notifications");
    assert_eq!(
        requests[0].url.query(),
        Some("limit=20&offset=40&unreadOnly=true")
    );
    assert_eq!(page.total, Some(57));
    assert_eq!(page.key(), Some("notifications"));
    let first = &page.items[0];
    assert_eq!(first.id, "notif_01HXYZ");
    assert_eq!(first.kind, NotificationType::PostPublished);
    assert_eq!(first.title, "Post published");
    assert_eq!(
        first.body.as_deref(),
        Some("Your post is live on X and LinkedIn.")
    );
    assert!(!first.read);
    assert_eq!(first.created_at, at("2024-01-10T09:00:00Z"));
    let metadata = first.metadata.as_ref().unwrap();
    assert_eq!(metadata.post_id.as_deref(), Some("post_01HXYZ"));
    assert_eq!(metadata.brand_slug.as_deref(), Some("my-brand"));
    assert_eq!(metadata.platform, Some(Platform::Linkedin));
    assert_eq!(
        metadata.other["postUrl"],
        json!("https://linkedin.example/p/1")
    );
    // A type this client does not know, inside the list, survives; so does unknown metadata.
    let second = &page.items[1];
    assert_eq!(
        second.kind,
        NotificationType::Other("clip.render.completed".into())
    );
    assert_eq!(second.body, None);
    assert!(second.read);
    let metadata = second.metadata.as_ref().unwrap();
    assert_eq!(metadata.post_id, None);
    assert_eq!(metadata.other["clipId"], json!("clip_01HXYZ"));
    // Re-encoding keeps the shape and every field received.
    let again = serde_json::to_value(&page).unwrap();
    assert_eq!(
        again["notifications"][0]["metadata"]["postUrl"],
        json!("https://linkedin.example/p/1")
    );
    assert_eq!(
        again["notifications"][1]["type"],
        json!("clip.render.completed")
    );
}

#[tokio::test]
async fn list_notifications_as_items_limit_offset() {
    let (server, client) = serve(json!({"success": true, "data": {
        "items": [{
            "id": "notif_1",
            "type": "post.failed",
            "title": "Post failed",
            "body": "X rejected the media.",
            "read": false,
            "metadata": {"postId": "post_1", "platform": "twitter"},
            "createdAt": "2024-01-10T09:00:00Z"
        }],
        "total": 1, "limit": 50, "offset": 0
    }}))
    .await;

    let page = client
        .list_notifications(&ListNotificationsParams::default())
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.path(), "/api/notifications");
    assert_eq!(requests[0].url.query(), None);
    assert_eq!(
        (page.total, page.limit, page.offset),
        (Some(1), Some(50), Some(0))
    );
    assert_eq!(page.items[0].kind, NotificationType::PostFailed);
    assert_eq!(
        page.items[0].metadata.as_ref().unwrap().platform,
        Some(Platform::X)
    );
}

#[tokio::test]
async fn list_notifications_unread_only_false_is_sent() {
    let (server, client) =
        serve(json!({"success": true, "data": {"notifications": [], "total": 0}})).await;

    let page = client
        .list_notifications(
            &ListNotificationsParams::builder()
                .unread_only(false)
                .build(),
        )
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.query(), Some("unreadOnly=false"));
    assert!(page.is_empty());
    assert_eq!(page.total, Some(0));
}
