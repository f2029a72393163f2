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
    /// One page of the caller's notifications, newest first.
    ///
    /// - `limit`: page size, at most 100; the API's default is 50.
    /// - `offset`: notifications to skip; default 0.
    /// - `unread_only`: `Some(true)` returns unread notifications only; `None` or
    ///   `Some(false)` returns all.
    ///
    /// `None` leaves a parameter out. The reference documents
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
        #[query] limit: Option<u32>,
        #[query] offset: Option<u32>,
        #[query("unreadOnly")] unread_only: Option<bool>,
    ) -> Result<List<Notification>>;
}

/// An entry of the notification feed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Notification {
    /// The notification id, e.g. `notif_01HXYZ`.
    pub id: String,
    /// What happened, e.g. `post.published`.
    #[serde(rename = "type")]
    pub kind: NotificationType,
    /// A one-line summary.
    pub title: String,
    /// The longer text, where there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// Whether the user has read it.
    pub read: bool,
    /// What the notification is about (post, brand, platform…), where it says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<NotificationMetadata>,
    /// When it was created (RFC 3339, UTC).
    pub created_at: DateTime<Utc>,
}

/// What a [`Notification`] is about. The documented keys are typed; any other key is kept
/// in [`other`](Self::other).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct NotificationMetadata {
    /// The post concerned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_id: Option<String>,
    /// The brand concerned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand_slug: Option<String>,
    /// The platform concerned.
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
