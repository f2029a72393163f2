//! Notifications: the in-app notification feed.
//!
//! The [`Notifications`] trait declares the operations of the API's *Notifications* tag; [`Client`]
//! implements it.
//!
//! Unlike every other route, the feed lives under an extra `/api` prefix:
//! `https://app.autoposting.ai/api-proxy/api/notifications`.
//!
//! [`Client`]: crate::Client

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::common::Platform;
use crate::common::string_enum::string_enum;
use crate::{List, Result, api};

/// Operations of the *Notifications* tag.
#[api(crate = "crate", async_fn_docs)]
pub trait Notifications {
    /// One page of the caller's notifications, newest first, filtered and paged by
    /// `params`.
    ///
    /// [`ListNotificationsParams`] carries `limit` (page size, at most 100; the API's
    /// default is 50), `offset` (notifications to skip; default 0) and `unreadOnly`
    /// (`true` returns unread notifications only); a field left unset is not sent, so
    /// `&ListNotificationsParams::default()` asks for the first page of all. The reference
    /// documents
    /// `{"notifications": […], "total": n}`; other list routes of the backend answer
    /// `{"items": […], "total", "limit", "offset"}`: both decode into [`List`]. To walk
    /// every page, see [`paginate`](crate::pagination::paginate).
    ///
    /// The path really is `/api/notifications`, relative to the client's base URL.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 400 for an invalid parameter,
    /// 401 without a valid key, 429 when rate limited.
    #[get("/api/notifications")]
    async fn list_notifications(
        &self,
        #[query] params: &ListNotificationsParams,
    ) -> Result<List<Notification>>;
}

/// The query of [`Notifications::list_notifications`], built with
/// [`ListNotificationsParams::builder`]; every field left unset is not sent.
///
/// ```
/// use autoposting_client::notifications::ListNotificationsParams;
///
/// // GET /api/notifications?limit=20&offset=40&unreadOnly=true
/// let params = ListNotificationsParams::builder()
///     .limit(20)
///     .offset(40)
///     .unread_only(true)
///     .build();
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, bon::Builder)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ListNotificationsParams {
    /// Sent as `limit`: the page size, at most 100; the API's default is 50.
    pub limit: Option<u32>,
    /// Sent as `offset`: notifications to skip; default 0.
    pub offset: Option<u32>,
    /// Sent as `unreadOnly`: `true` returns unread notifications only; unset or `false`
    /// returns all.
    pub unread_only: Option<bool>,
}

/// An entry of the notification feed.
///
/// ```json
/// {
///   "id": "notif_01HXYZ",
///   "type": "post.published",
///   "title": "Your post was published",
///   "body": "Published on X and LinkedIn.",
///   "read": false,
///   "metadata": {"postId": "post_01HXYZ", "brandSlug": "acme", "platform": "x"},
///   "createdAt": "2024-01-10T09:00:00Z"
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Notification {
    /// `id`: the notification id, e.g. `notif_01HXYZ`.
    pub id: String,
    /// `type`: what happened, e.g. `post.published`.
    #[serde(rename = "type")]
    pub kind: NotificationType,
    /// `title`: a one-line summary.
    pub title: String,
    /// `body`: the longer text, where there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// `read`: whether the user has read it.
    pub read: bool,
    /// `metadata`: what the notification is about (post, brand, platform…), where it says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<NotificationMetadata>,
    /// `createdAt`: when it was created (RFC 3339, UTC).
    pub created_at: DateTime<Utc>,
}

/// What a [`Notification`] is about. The documented keys are typed; any other key is kept
/// in [`other`](Self::other).
///
/// ```json
/// {"postId": "post_01HXYZ", "brandSlug": "acme", "platform": "x", "attempt": 2}
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct NotificationMetadata {
    /// `postId`: the post concerned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_id: Option<String>,
    /// `brandSlug`: the brand concerned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand_slug: Option<String>,
    /// `platform`: the platform concerned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<Platform>,
    /// Every other key, as received.
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

string_enum! {
    /// What a [`Notification`] reports. The reference names `post.published` and
    /// `post.failed` as examples without listing every type; others arrive as
    /// [`NotificationType::Other`].
    pub enum NotificationType {
        /// A post was published.
        PostPublished = "post.published",
        /// A post failed to publish.
        PostFailed = "post.failed",
    }
}
