//! Posts and media: create, schedule, publish, score and rewrite posts across platforms, and upload their media.
//!
//! The [`Posts`] trait declares the operations of the API's *Posts* tag; [`Client`]
//! implements it. This module also holds the enums other modules share: [`Platform`] and
//! [`PostStatus`].
//!
//! A post is created as a draft, scheduled, or sent straight to publishing
//! ([`CreatePostRequest::scheduled_at`]); see [`PostStatus`] for its life cycle. Media
//! are attached by URL ([`MediaInput`]): upload a file first with [`Posts::upload_media`] and
//! use the URL it returns.
//!
//! Request bodies and the query of [`Posts::list_posts`] are built with derived builders;
//! a required field left out does not compile, an optional one left out is not sent:
//!
//! ```no_run
//! use autoposting_client::posts::{CreatePostRequest, ListPostsParams, Platform, PostStatus};
//! use autoposting_client::prelude::*;
//!
//! # async fn run(client: Client) -> autoposting_client::Result<()> {
//! let request = CreatePostRequest::builder()
//!     .brand_slug("acme")
//!     .text("We just shipped scheduling from the API.")
//!     .platforms([Platform::X, Platform::Linkedin])
//!     .scheduled_at("2025-06-15T14:00:00Z".parse().expect("a valid RFC 3339 time"))
//!     .build();
//! let post = client.create_post(&request).await?;
//!
//! let scheduled = client
//!     .list_posts(&ListPostsParams::builder().status(PostStatus::Scheduled).build())
//!     .await?;
//! # let _ = (post, scheduled);
//! # Ok(()) }
//! ```
//!
//! Most of this tag is known from the official SDK rather than from reference pages; each
//! method says where its shapes come from.
//!
//! [`Client`]: crate::Client

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::common::spelling::keeps_spelling;
use crate::common::string_enum::string_enum;
pub use crate::common::{Platform, PostSource};
use crate::{List, Part, Result, api};

mod requests;

pub use requests::{
    CreatePostRequest, InstagramOptions, ListPostsParams, MediaInput, Poll, ReelOptions,
    SchedulePostRequest, ThreadsOptions, UpdatePostRequest, YoutubeOptions, YoutubePrivacy,
};

/// Operations of the *Posts* tag.
#[api(crate = "crate", async_fn_docs)]
pub trait Posts {
    /// Creates a post: a draft, a scheduled post, or one published right away.
    ///
    /// Without [`scheduled_at`](CreatePostRequest::scheduled_at) the post skips
    /// `scheduled` and goes straight to [`PostStatus::Validating`], then publishes; with a
    /// future time it waits as [`PostStatus::Scheduled`]. The body is built with
    /// [`CreatePostRequest`]; only the fields set are sent. Per-platform limits (characters,
    /// media counts) are checked at validation, not here; see [`Platform`].
    ///
    /// **Not idempotent**: the backend ignores `Idempotency-Key` on this route, so retrying
    /// after a timeout may create a second post. Check with [`list_posts`](Posts::list_posts)
    /// before creating again.
    ///
    /// The reference page documents the request (its example is the one in
    /// [`CreatePostRequest`]) but not the response; the returned [`Post`] follows the SDK.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status
    /// - 400 for a missing or invalid field (unknown platform, a poll without 2–4 options);
    /// - 401 without a valid key; 403 without the `posts:write` scope, or with code
    ///   `billing_suspended` when the organisation's subscription is suspended;
    /// - 404 for an unknown brand; 409 when a target platform is not connected or its token
    ///   has expired; 429 when rate limited (see `Retry-After`).
    #[post("/posts")]
    async fn create_post(&self, #[body] request: &CreatePostRequest) -> Result<Post>;

    /// Asks the AI to score a post's content and suggest improvements.
    ///
    /// The concept page describes four dimensions, `hook`, `retention`, `clarity` and
    /// `visual` (0–100 each), and a `viralityScore`; the official SDK says the backend
    /// answers `{score, feedback}` only (its tests: `{"score": 87}`). [`PostScore`] decodes
    /// either, so every field is optional.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 401 without a valid key; 402
    /// `insufficient_credits` when the organisation lacks the credits for the AI call; 403
    /// without the `posts:write` scope or with `billing_suspended`; 404 for an unknown post;
    /// 429 when rate limited.
    #[post("/posts/<post_id>/score")]
    async fn score_post(&self, post_id: &str) -> Result<PostScore>;

    /// One page of the organisation's posts, filtered and paged by `params`.
    ///
    /// [`ListPostsParams`] carries the filters `brandSlug` and `status` and the paging
    /// `limit` (at most 100; the API's default is 50) and `offset` (default 0); a field left
    /// unset is not sent, so `&ListPostsParams::default()` asks for the first page of every
    /// post. The SDK says `data` is a bare array without paging facts, the overview that
    /// list responses carry a `total`; both decode into [`List`] (its `total` is `None` for
    /// a bare array). To walk every page, see [`paginate`](crate::pagination::paginate):
    ///
    /// ```no_run
    /// use autoposting_client::pagination::paginate;
    /// use autoposting_client::posts::{ListPostsParams, PostStatus};
    /// use autoposting_client::prelude::*;
    /// use futures_util::TryStreamExt;
    ///
    /// # async fn run(client: Client) -> autoposting_client::Result<()> {
    /// let scheduled: Vec<_> = paginate(100, |limit, offset| {
    ///     let client = client.clone();
    ///     let params = ListPostsParams::builder()
    ///         .status(PostStatus::Scheduled)
    ///         .limit(limit)
    ///         .offset(offset)
    ///         .build();
    ///     async move { client.list_posts(&params).await }
    /// })
    /// .try_collect()
    /// .await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 400 for an invalid parameter,
    /// 401 without a valid key, 403 without the `posts:read` scope, 429 when rate limited.
    #[get("/posts")]
    async fn list_posts(&self, #[query] params: &ListPostsParams) -> Result<List<Post>>;

    /// One post, by id (e.g. `post_01HXYZ`).
    ///
    /// Known from the SDK only.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 401 without a valid key, 403
    /// without the `posts:read` scope, 404 when the post does not exist or belongs to
    /// another organisation.
    #[get("/posts/<post_id>")]
    async fn get_post(&self, post_id: &str) -> Result<Post>;

    /// Changes a post's text, platforms or scheduled time; fields left `None` in
    /// [`UpdatePostRequest`] are not sent and keep their value.
    ///
    /// To schedule or unschedule, [`schedule_post`](Posts::schedule_post) is the dedicated
    /// operation. Known from the SDK only.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 400 for an invalid field, 401
    /// without a valid key, 403 without the `posts:write` scope or with `billing_suspended`,
    /// 404 for an unknown post.
    #[put("/posts/<post_id>")]
    async fn update_post(&self, post_id: &str, #[body] request: &UpdatePostRequest)
    -> Result<Post>;

    /// Deletes a post.
    ///
    /// Succeeds on `{"success": true}` with or without `data`, and on 204 No Content (the
    /// SDK's tests show both). Known from the SDK only.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 401 without a valid key, 403
    /// without the `posts:write` scope, 404 for an unknown post.
    #[delete("/posts/<post_id>")]
    async fn delete_post(&self, post_id: &str) -> Result<()>;

    /// Publishes a post now, whatever its schedule; returns the post, usually in
    /// [`PostStatus::Validating`] or later.
    ///
    /// **Not idempotent**: the backend ignores `Idempotency-Key` here, so a blind retry may
    /// publish twice. Known from the SDK only.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 401 without a valid key, 403
    /// without the `posts:write` scope or with `billing_suspended`, 404 for an unknown post,
    /// 409 when a target platform is not connected or its token has expired, 429 when rate
    /// limited.
    #[post("/posts/<post_id>/publish")]
    async fn publish_post(&self, post_id: &str) -> Result<Post>;

    /// Schedules a post for a time, or unschedules it back to a draft.
    ///
    /// [`SchedulePostRequest::new`] sends `{"scheduledAt": …}` (absolute RFC 3339, in UTC;
    /// the brand's timezone only matters for display); [`SchedulePostRequest::cancel`] sends
    /// `{"cancel": true}` and the post returns to [`PostStatus::Draft`]. A per-minute job
    /// moves due posts to validating. Known from the SDK only.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 400 for a body the server
    /// refuses, 401 without a valid key, 403 without the `posts:write` scope or with
    /// `billing_suspended`, 404 for an unknown post.
    #[put("/posts/<post_id>/schedule")]
    async fn schedule_post(
        &self,
        post_id: &str,
        #[body] request: &SchedulePostRequest,
    ) -> Result<Post>;

    /// Retries a [`failed`](PostStatus::Failed) or [`partial`](PostStatus::Partial) post on
    /// the platforms that failed only; platforms that succeeded are not posted again.
    ///
    /// Known from the SDK and the concept page.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 401 without a valid key, 403
    /// without the `posts:write` scope or with `billing_suspended`, 404 for an unknown post,
    /// 409 when a failed platform is still not connected or its token has expired.
    #[post("/posts/<post_id>/retry")]
    async fn retry_post(&self, post_id: &str) -> Result<Post>;

    /// Asks the AI to rewrite a post's text for tone and quality, keeping its meaning;
    /// returns the post with the new text.
    ///
    /// Known from the SDK and the concept page.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 401 without a valid key; 402
    /// `insufficient_credits` when the organisation lacks the credits for the AI call; 403
    /// without the `posts:write` scope or with `billing_suspended`; 404 for an unknown post;
    /// 429 when rate limited.
    #[post("/posts/<post_id>/rewrite")]
    async fn rewrite_post(&self, post_id: &str) -> Result<Post>;

    /// Gets a presigned URL to upload a media file to, for use in a post's
    /// [`media`](CreatePostRequest::media).
    ///
    /// **Evidence caveat**: the concept page names this operation in prose only; neither
    /// its JSON request nor its response is documented. `request` is sent as the JSON body
    /// unchanged (e.g. `json!({"fileName": "cover.png", "contentType": "image/png"})`, if
    /// the server expects those) and `data` is returned undecoded. For a file already in
    /// memory, [`upload_media`](Posts::upload_media) is documented and typed.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 400 for a body the server does
    /// not accept, 401 without a valid key, 403 without the `posts:write` scope.
    #[post("/media/presign", sensitive)]
    async fn presign_media(&self, #[body] request: &serde_json::Value)
    -> Result<serde_json::Value>;

    /// Uploads an image or a video (`multipart/form-data`, form field `file`) and returns
    /// its URL, to put in a post's [`media`](CreatePostRequest::media).
    ///
    /// The file must be at most 20 MB (20 × 1024 × 1024 bytes is the safe reading) and of
    /// an `image/*` or `video/*` type: set it with
    /// [`Part::content_type`](crate::Part::content_type), and a file name with
    /// [`Part::file_name`](crate::Part::file_name), which the server echoes as
    /// [`UploadedMedia::filename`]. Known from the SDK only; its tag is not confirmed.
    ///
    /// ```no_run
    /// use autoposting_client::{Part, prelude::*};
    ///
    /// # async fn run(client: Client, png: Vec<u8>) -> autoposting_client::Result<()> {
    /// // `png` holds the file's bytes, e.g. from `std::fs::read("cover.png")`.
    /// let file = Part::bytes(png).file_name("cover.png").content_type("image/png");
    /// let media = client.upload_media(&file).await?;
    /// println!("{} ({})", media.url, media.kind);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 400 (or 413 from a proxy) for
    /// a missing, oversized or unsupported file, 401 without a valid key, 403 without the
    /// `posts:write` scope.
    #[post("/media/upload")]
    async fn upload_media(&self, #[part("file")] file: &Part) -> Result<UploadedMedia>;
}

string_enum! {
    /// Where a post is in its life cycle.
    ///
    /// `draft` → `scheduled` (when `scheduledAt` is in the future) → `validating` →
    /// `validated` → `publishing` → `published` | `partial` | `failed`, with the side states
    /// `billing_hold`, `render_pending` and `archived`. The official SDK only knows `draft`,
    /// `scheduled`, `published` and `failed`; the docs list all eleven.
    pub enum PostStatus {
        /// Not scheduled; edited freely.
        Draft = "draft",
        /// Waiting for its `scheduledAt` time; a per-minute job then moves it to validating.
        Scheduled = "scheduled",
        /// Being checked: token health, media, platform constraints.
        Validating = "validating",
        /// Passed validation; about to publish.
        Validated = "validated",
        /// Being sent to its platforms.
        Publishing = "publishing",
        /// Published on every platform.
        Published = "published",
        /// Published on some platforms and failed on others; retry re-sends the failed ones.
        Partial = "partial",
        /// Failed on every platform.
        Failed = "failed",
        /// Held because the organisation's subscription is suspended.
        BillingHold = "billing_hold",
        /// Waiting for a clip render to finish.
        RenderPending = "render_pending",
        /// Excluded from publishing and analytics.
        Archived = "archived",
    }
}

string_enum! {
    /// The kind of a media item.
    pub enum MediaType {
        /// A still image.
        Image = "image",
        /// A video.
        Video = "video",
        /// An animated GIF (accepted in requests; the SDK's post type only shows image and
        /// video).
        Gif = "gif",
    }
}

/// A post (`Post` in the official SDK; the reference pages do not show one).
///
/// ```json
/// {
///   "id": "post_01HXYZ",
///   "brandSlug": "my-brand",
///   "text": "Excited to share our latest update!",
///   "platforms": ["x", "linkedin"],
///   "status": "scheduled",
///   "scheduledAt": "2025-06-15T14:00:00Z",
///   "createdAt": "2024-01-01T00:00:00Z",
///   "updatedAt": "2024-01-01T00:00:00Z",
///   "media": [{"url": "https://cdn.example.com/cover.png", "type": "image"}],
///   "score": 87.0,
///   "source": "api",
///   "platformResults": [
///     {"platform": "x", "status": "published", "error": null,
///      "url": "https://x.com/acme/status/1790000000000000000", "publishedAt": "2025-06-15T14:00:05Z"},
///     {"platform": "linkedin", "status": "failed",
///      "error": "LinkedIn token expired; reconnect the account.", "url": null, "publishedAt": null}
///   ]
/// }
/// ```
///
/// Where the post stands on each platform is in [`platform_results`](Post::platform_results);
/// [`failed_platforms`](Post::failed_platforms) and [`platform_result`](Post::platform_result)
/// read it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Post {
    /// `id`: the post id, e.g. `post_01HXYZ`.
    pub id: String,
    /// `brandSlug`: the slug of the brand the post belongs to.
    pub brand_slug: String,
    /// `text`: the main text.
    pub text: String,
    /// `platforms`: the platforms the post targets.
    pub platforms: Vec<Platform>,
    /// `status`: where the post is in its life cycle.
    pub status: PostStatus,
    /// `scheduledAt`: when the post is due to publish (RFC 3339, UTC); `None` unless scheduled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheduled_at: Option<DateTime<Utc>>,
    /// `publishedAt`: when the post was published; `None` until it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_at: Option<DateTime<Utc>>,
    /// `createdAt`: when the post was created.
    pub created_at: DateTime<Utc>,
    /// `updatedAt`: when the post was last changed.
    pub updated_at: DateTime<Utc>,
    /// `media`: the attached media, where there are any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media: Option<Vec<PostMedia>>,
    /// `score`: the AI score of the post, where it was scored (see [`Posts::score_post`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// `source`: what created the post.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<PostSource>,
    /// `platformResults`: the outcome on each platform the post targets, one entry per
    /// platform: [`Pending`](PlatformResultStatus::Pending) until it is delivered, then
    /// [`Published`](PlatformResultStatus::Published) with its URL or
    /// [`Failed`](PlatformResultStatus::Failed) with the reason. `None` when the response
    /// has none (the official SDK's post type does not show it; the local Autoposting sends
    /// it on every post). A [`Partial`](PostStatus::Partial) post has at least one of each.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform_results: Option<Vec<PlatformResult>>,
}

impl Post {
    /// The outcome on `platform`, if the response carries one for it.
    pub fn platform_result(&self, platform: &Platform) -> Option<&PlatformResult> {
        self.platform_results
            .as_deref()?
            .iter()
            .find(|result| result.platform == *platform)
    }

    /// The platforms the post failed on, each with its [`error`](PlatformResult::error):
    /// what [`Posts::retry_post`] would send again. Empty when the response carries no
    /// per-platform outcomes.
    pub fn failed_platforms(&self) -> impl Iterator<Item = &PlatformResult> {
        self.platform_results
            .iter()
            .flatten()
            .filter(|result| result.status == PlatformResultStatus::Failed)
    }
}

keeps_spelling! {
    /// The outcome of a [`Post`] on one of its platforms: an entry of
    /// [`Post::platform_results`] (JSON key `platformResults`).
    ///
    /// The API's reference pages do not show this object; its shape is the one the local
    /// Autoposting (`autoposting-mock`) serves, `{platform, status, error, url, publishedAt}`,
    /// which the `post.partial` webhook event also carries (as `data.results`). The error is
    /// also read from `errorMessage` or `message`, the URL from `postUrl` or `permalink`, and
    /// each is written back under the name it came with.
    ///
    /// ```json
    /// {"platform": "linkedin", "status": "failed", "error": "LinkedIn token expired; reconnect the account.",
    ///  "url": null, "publishedAt": null}
    /// ```
    #[derive(Clone, PartialEq)]
    #[non_exhaustive]
    pub struct PlatformResult as "PlatformResult" {
        /// `platform`: the platform this outcome is for.
        pub platform: Platform,
        /// `status`: where the post stands on this platform.
        pub status: PlatformResultStatus,
        /// `error` (or `errorMessage`, `message`): why the platform refused the post, when
        /// it failed; `None` otherwise.
        #[serde(default)]
        pub error: Option<String>,
        /// `url` (or `postUrl`, `permalink`): the published post on the platform, once
        /// published.
        #[serde(default)]
        pub url: Option<String>,
        /// `publishedAt`: when it was published on this platform (RFC 3339, UTC).
        #[serde(default)]
        pub published_at: Option<DateTime<Utc>>,
    }
    aliases = [
        ("errorMessage", "error"),
        ("message", "error"),
        ("postUrl", "url"),
        ("permalink", "url"),
    ];
}

impl PlatformResult {
    /// Whether the post is live on this platform.
    pub fn is_published(&self) -> bool {
        self.status == PlatformResultStatus::Published
    }

    /// Whether the platform refused the post (see [`error`](Self::error)).
    pub fn is_failed(&self) -> bool {
        self.status == PlatformResultStatus::Failed
    }
}

string_enum! {
    /// Where a [`Post`] stands on one platform ([`PlatformResult::status`]).
    ///
    /// The per-platform outcomes behind the post's own [`PostStatus`]: all
    /// [`Published`](Self::Published) make a published post, all [`Failed`](Self::Failed) a
    /// failed one, a mix a partial one.
    pub enum PlatformResultStatus {
        /// Not delivered yet.
        Pending = "pending" | "queued" | "scheduled",
        /// Being sent to the platform.
        Publishing = "publishing" | "processing",
        /// Live on the platform.
        Published = "published" | "success" | "succeeded" | "posted",
        /// Refused by the platform, or not attempted (e.g. no connected account).
        Failed = "failed" | "error",
    }
}

/// A media item attached to a [`Post`].
///
/// ```json
/// {"url": "https://cdn.example.com/cover.png", "type": "image", "altText": "Our new logo"}
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PostMedia {
    /// `url`: where the media is served from.
    pub url: String,
    /// `type`: image, video or GIF.
    #[serde(rename = "type")]
    pub kind: MediaType,
    /// `altText`: the alternative text, where one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alt_text: Option<String>,
}

/// The AI assessment of a post, from [`Posts::score_post`].
///
/// The concept page documents `hook`, `retention`, `clarity`, `visual` and `viralityScore`;
/// the SDK says the backend returns `score` and `feedback`. Every field is optional so that
/// both decode.
///
/// ```json
/// {"score": 87.0, "feedback": "Lead with the number."}
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PostScore {
    /// `score`: the overall score (the SDK's shape), e.g. `87`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// `feedback`: suggestions to improve the post (the SDK's shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback: Option<String>,
    /// `hook`: how well the opening grabs attention, 0–100 (the concept page's shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hook: Option<f64>,
    /// `retention`: how well the post keeps readers, 0–100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention: Option<f64>,
    /// `clarity`: how clear the post is, 0–100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clarity: Option<f64>,
    /// `visual`: how strong the visual side is, 0–100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visual: Option<f64>,
    /// `viralityScore`: the predicted virality.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub virality_score: Option<f64>,
}

/// A file stored by [`Posts::upload_media`].
///
/// ```json
/// {"url": "https://cdn.example.com/media/cover.png", "type": "image", "filename": "cover.png"}
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UploadedMedia {
    /// `url`: the URL to reference in a post's media.
    pub url: String,
    /// `type`: image, video or GIF, as the server classified the file.
    #[serde(rename = "type")]
    pub kind: MediaType,
    /// `filename`: the file name the server stored.
    pub filename: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platform_outcomes_in_other_spellings_are_read_and_written_back_as_received() {
        let body = r#"{"platform": "twitter", "status": "success", "postUrl": "https://x.com/a/status/1",
                       "errorMessage": null, "publishedAt": "2024-01-10T09:02:00Z"}"#;
        let result: PlatformResult = serde_json::from_str(body).unwrap();
        assert_eq!(result.platform, Platform::X);
        assert_eq!(result.status, PlatformResultStatus::Published);
        assert!(result.is_published());
        assert_eq!(result.url.as_deref(), Some("https://x.com/a/status/1"));
        let back = serde_json::to_value(&result).unwrap();
        assert_eq!(back["postUrl"], "https://x.com/a/status/1");
        assert!(back.get("url").is_none(), "{back}");
        assert!(back.get("errorMessage").is_some(), "{back}");

        let failed: PlatformResult = serde_json::from_str(
            r#"{"platform": "LinkedIn", "status": "ERROR", "message": "token expired"}"#,
        )
        .unwrap();
        assert!(failed.is_failed());
        assert_eq!(failed.platform, Platform::Linkedin);
        assert_eq!(failed.error.as_deref(), Some("token expired"));
        assert_eq!((failed.url, failed.published_at), (None, None));
    }

    #[test]
    fn an_unknown_platform_status_is_kept() {
        let result: PlatformResult =
            serde_json::from_str(r#"{"platform": "bluesky", "status": "awaiting_review"}"#)
                .unwrap();
        assert_eq!(
            result.status,
            PlatformResultStatus::Other("awaiting_review".into())
        );
        assert_eq!(result.platform.as_str(), "bluesky");
        assert!(!result.is_published() && !result.is_failed());
        let back = serde_json::to_value(&result).unwrap();
        assert_eq!(back["status"], "awaiting_review");
    }

    #[test]
    fn both_spellings_of_a_field_in_one_outcome_do_not_fail() {
        let result: PlatformResult = serde_json::from_str(
            r#"{"platform": "x", "status": "failed", "error": "first", "message": "second"}"#,
        )
        .unwrap();
        assert_eq!(result.error.as_deref(), Some("first"));
    }

    #[test]
    fn a_platform_outcome_s_debug_shows_its_fields_only() {
        let result: PlatformResult =
            serde_json::from_str(r#"{"platform": "x", "status": "pending", "permalink": null}"#)
                .unwrap();
        assert_eq!(
            format!("{result:?}"),
            "PlatformResult { platform: X, status: Pending, error: None, url: None, published_at: None }"
        );
    }
}
