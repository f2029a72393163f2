//! Posts and media: create, schedule, publish, score and rewrite posts across platforms, and upload their media.
//!
//! The [`Posts`] trait declares the operations of the API's *Posts* tag; [`Client`]
//! implements it. This module also holds the enums other modules share: [`Platform`] and
//! [`PostStatus`].
//!
//! A post is created as a draft, scheduled, or sent straight to publishing
//! ([`CreatePostRequest::with_scheduled_at`]); see [`PostStatus`] for its life cycle. Media
//! are attached by URL ([`MediaInput`]): upload a file first with [`Posts::upload_media`] and
//! use the URL it returns.
//!
//! Most of this tag is known from the official SDK rather than from reference pages; each
//! method says where its shapes come from.
//!
//! [`Client`]: crate::Client

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::common::string_enum::string_enum;
pub use crate::common::{Platform, PostSource};
use crate::{List, Part, Result, api};

/// Operations of the *Posts* tag.
#[api(crate = "crate", async_fn_docs)]
pub trait Posts {
    /// Creates a post: a draft, a scheduled post, or one published right away.
    ///
    /// Without [`scheduled_at`](CreatePostRequest::with_scheduled_at) the post skips
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

    /// One page of the organisation's posts.
    ///
    /// - `brand_slug`: only posts of this brand (brands are addressed by slug).
    /// - `status`: only posts in this status. The SDK offers `draft`, `scheduled`,
    ///   `published` and `failed`; whether the server filters on the other documented
    ///   statuses is not documented.
    /// - `limit`: page size, at most 100; the API's default is 50.
    /// - `offset`: posts to skip; default 0.
    ///
    /// `None` leaves a parameter out. The SDK says `data` is a bare array without paging
    /// facts, the overview that list responses carry a `total`; both decode into [`List`]
    /// (its `total` is `None` for a bare array). To walk every page, see
    /// [`paginate`](crate::pagination::paginate).
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 400 for an invalid parameter,
    /// 401 without a valid key, 403 without the `posts:read` scope, 429 when rate limited.
    #[get("/posts")]
    async fn list_posts(
        &self,
        #[query("brandSlug")] brand_slug: Option<&str>,
        #[query] status: Option<PostStatus>,
        #[query] limit: Option<u32>,
        #[query] offset: Option<u32>,
    ) -> Result<List<Post>>;

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
    /// [`media`](CreatePostRequest::with_media).
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
    #[post("/media/presign")]
    async fn presign_media(&self, #[body] request: &serde_json::Value)
    -> Result<serde_json::Value>;

    /// Uploads an image or a video (`multipart/form-data`, form field `file`) and returns
    /// its URL, to put in a post's [`media`](CreatePostRequest::with_media).
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Post {
    /// The post id, e.g. `post_01HXYZ`.
    pub id: String,
    /// The slug of the brand the post belongs to.
    pub brand_slug: String,
    /// The main text.
    pub text: String,
    /// The platforms the post targets.
    pub platforms: Vec<Platform>,
    /// Where the post is in its life cycle.
    pub status: PostStatus,
    /// When the post is due to publish (RFC 3339, UTC); `None` unless scheduled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheduled_at: Option<DateTime<Utc>>,
    /// When the post was published; `None` until it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_at: Option<DateTime<Utc>>,
    /// When the post was created.
    pub created_at: DateTime<Utc>,
    /// When the post was last changed.
    pub updated_at: DateTime<Utc>,
    /// The attached media, where there are any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media: Option<Vec<PostMedia>>,
    /// The AI score of the post, where it was scored (see [`Posts::score_post`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// What created the post.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<PostSource>,
}

/// A media item attached to a [`Post`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PostMedia {
    /// Where the media is served from.
    pub url: String,
    /// Image, video or GIF.
    #[serde(rename = "type")]
    pub kind: MediaType,
    /// The alternative text, where one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alt_text: Option<String>,
}

/// The AI assessment of a post, from [`Posts::score_post`].
///
/// The concept page documents `hook`, `retention`, `clarity`, `visual` and `viralityScore`;
/// the SDK says the backend returns `score` and `feedback`. Every field is optional so that
/// both decode.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PostScore {
    /// The overall score (the SDK's shape), e.g. `87`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// Suggestions to improve the post (the SDK's shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback: Option<String>,
    /// How well the opening grabs attention, 0–100 (the concept page's shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hook: Option<f64>,
    /// How well the post keeps readers, 0–100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention: Option<f64>,
    /// How clear the post is, 0–100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clarity: Option<f64>,
    /// How strong the visual side is, 0–100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visual: Option<f64>,
    /// The predicted virality.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub virality_score: Option<f64>,
}

/// A file stored by [`Posts::upload_media`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UploadedMedia {
    /// The URL to reference in a post's media.
    pub url: String,
    /// Image, video or GIF, as the server classified the file.
    #[serde(rename = "type")]
    pub kind: MediaType,
    /// The file name the server stored.
    pub filename: String,
}

/// The body of [`Posts::create_post`].
///
/// The documented example:
///
/// ```
/// use autoposting_client::posts::{CreatePostRequest, Platform};
///
/// # fn main() -> Result<(), chrono::ParseError> {
/// let request = CreatePostRequest::new(
///     "brand_slug",
///     "Excited to share our latest update!",
///     [Platform::X, Platform::Linkedin],
/// )
/// .with_scheduled_at("2025-06-15T14:00:00Z".parse()?);
/// # Ok(()) }
/// ```
///
/// The fields the SDK adds (per-platform texts, media and accounts, platform options,
/// `source`) have setters too; every field left unset is left out of the JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CreatePostRequest {
    /// The slug of the brand to post as.
    pub brand_slug: String,
    /// The main text.
    pub text: String,
    /// The platforms to post to.
    pub platforms: Vec<Platform>,
    /// When to publish (absolute time, stored in UTC); `None` publishes right away.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduled_at: Option<DateTime<Utc>>,
    /// Follow-up posts chained after `text` as a thread (X and Threads; at most 25).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thread: Option<Vec<String>>,
    /// A poll attached to the post.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub poll: Option<Poll>,
    /// Media for every platform.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub media: Option<Vec<MediaInput>>,
    /// Media for one platform instead of [`media`](Self::media) (SDK).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform_media: Option<HashMap<Platform, Vec<MediaInput>>>,
    /// Text for one platform instead of [`text`](Self::text) (SDK).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform_texts: Option<HashMap<Platform, String>>,
    /// The connected accounts to post from, per platform (SDK); by default the brand's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_account_ids: Option<HashMap<Platform, Vec<String>>>,
    /// Instagram options (SDK).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instagram_options: Option<InstagramOptions>,
    /// Threads options (SDK).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threads_options: Option<ThreadsOptions>,
    /// YouTube options (SDK).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub youtube_options: Option<YoutubeOptions>,
    /// What is creating the post (SDK); the server's default applies when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<PostSource>,
}

impl CreatePostRequest {
    /// A post of `text` for `brand_slug` on `platforms`, published right away unless
    /// [`with_scheduled_at`](Self::with_scheduled_at) is called.
    pub fn new(
        brand_slug: impl Into<String>,
        text: impl Into<String>,
        platforms: impl IntoIterator<Item = Platform>,
    ) -> Self {
        CreatePostRequest {
            brand_slug: brand_slug.into(),
            text: text.into(),
            platforms: platforms.into_iter().collect(),
            scheduled_at: None,
            thread: None,
            poll: None,
            media: None,
            platform_media: None,
            platform_texts: None,
            target_account_ids: None,
            instagram_options: None,
            threads_options: None,
            youtube_options: None,
            source: None,
        }
    }

    /// Publishes at `at` instead of right away.
    pub fn with_scheduled_at(mut self, at: DateTime<Utc>) -> Self {
        self.scheduled_at = Some(at);
        self
    }

    /// Chains `posts` after the main text as a thread (X and Threads; at most 25).
    pub fn with_thread(mut self, posts: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.thread = Some(posts.into_iter().map(Into::into).collect());
        self
    }

    /// Attaches a poll.
    pub fn with_poll(mut self, poll: Poll) -> Self {
        self.poll = Some(poll);
        self
    }

    /// Attaches `media` on every platform.
    pub fn with_media(mut self, media: impl IntoIterator<Item = MediaInput>) -> Self {
        self.media = Some(media.into_iter().collect());
        self
    }

    /// Uses `media` on `platform` instead of the common media.
    pub fn with_platform_media(
        mut self,
        platform: Platform,
        media: impl IntoIterator<Item = MediaInput>,
    ) -> Self {
        self.platform_media
            .get_or_insert_with(HashMap::new)
            .insert(platform, media.into_iter().collect());
        self
    }

    /// Uses `text` on `platform` instead of the main text.
    pub fn with_platform_text(mut self, platform: Platform, text: impl Into<String>) -> Self {
        self.platform_texts
            .get_or_insert_with(HashMap::new)
            .insert(platform, text.into());
        self
    }

    /// Posts on `platform` from the connected accounts `account_ids`.
    pub fn with_target_accounts(
        mut self,
        platform: Platform,
        account_ids: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        self.target_account_ids
            .get_or_insert_with(HashMap::new)
            .insert(platform, account_ids.into_iter().map(Into::into).collect());
        self
    }

    /// Sets the Instagram options.
    pub fn with_instagram_options(mut self, options: InstagramOptions) -> Self {
        self.instagram_options = Some(options);
        self
    }

    /// Sets the Threads options.
    pub fn with_threads_options(mut self, options: ThreadsOptions) -> Self {
        self.threads_options = Some(options);
        self
    }

    /// Sets the YouTube options.
    pub fn with_youtube_options(mut self, options: YoutubeOptions) -> Self {
        self.youtube_options = Some(options);
        self
    }

    /// Says what is creating the post.
    pub fn with_source(mut self, source: PostSource) -> Self {
        self.source = Some(source);
        self
    }
}

/// A poll attached to a post.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Poll {
    /// The choices, 2 to 4.
    pub options: Vec<String>,
    /// How long the poll stays open, in minutes.
    pub duration_minutes: u32,
}

impl Poll {
    /// A poll with `options` (2 to 4) open for `duration_minutes` minutes.
    pub fn new(
        options: impl IntoIterator<Item = impl Into<String>>,
        duration_minutes: u32,
    ) -> Self {
        Poll {
            options: options.into_iter().map(Into::into).collect(),
            duration_minutes,
        }
    }
}

/// A media item to attach to a new post, by URL (from [`Posts::upload_media`] or any public
/// URL).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct MediaInput {
    /// Where the server fetches the media from.
    pub url: String,
    /// Image, video or GIF.
    #[serde(rename = "type")]
    pub kind: MediaType,
    /// Alternative text for accessibility.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alt_text: Option<String>,
}

impl MediaInput {
    /// The media at `url`, of kind `kind`.
    pub fn new(url: impl Into<String>, kind: MediaType) -> Self {
        MediaInput {
            url: url.into(),
            kind,
            alt_text: None,
        }
    }

    /// Sets the alternative text.
    pub fn with_alt_text(mut self, alt_text: impl Into<String>) -> Self {
        self.alt_text = Some(alt_text.into());
        self
    }
}

/// Instagram options of a new post (SDK).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct InstagramOptions {
    /// Options for publishing the video as a Reel.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reel: Option<ReelOptions>,
}

impl InstagramOptions {
    /// No options set.
    pub fn new() -> Self {
        InstagramOptions::default()
    }

    /// Publishes as a Reel with these options.
    pub fn with_reel(mut self, reel: ReelOptions) -> Self {
        self.reel = Some(reel);
        self
    }
}

/// How an Instagram Reel is published (SDK).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ReelOptions {
    /// The frame used as thumbnail, in milliseconds from the start of the video.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thumb_offset_ms: Option<u64>,
    /// Whether the Reel also appears in the feed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share_to_feed: Option<bool>,
    /// A cover image URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cover_url: Option<String>,
    /// Instagram usernames invited as collaborators.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collaborators: Option<Vec<String>>,
}

impl ReelOptions {
    /// No options set.
    pub fn new() -> Self {
        ReelOptions::default()
    }

    /// Uses the frame `ms` milliseconds into the video as thumbnail.
    pub fn with_thumb_offset_ms(mut self, ms: u64) -> Self {
        self.thumb_offset_ms = Some(ms);
        self
    }

    /// Sets whether the Reel also appears in the feed.
    pub fn with_share_to_feed(mut self, share: bool) -> Self {
        self.share_to_feed = Some(share);
        self
    }

    /// Uses the image at `url` as cover.
    pub fn with_cover_url(mut self, url: impl Into<String>) -> Self {
        self.cover_url = Some(url.into());
        self
    }

    /// Invites these usernames as collaborators.
    pub fn with_collaborators(
        mut self,
        usernames: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        self.collaborators = Some(usernames.into_iter().map(Into::into).collect());
        self
    }
}

/// Threads options of a new post (SDK).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ThreadsOptions {
    /// Publishes the post as a reply to this Threads post id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply_to_id: Option<String>,
    /// Who may reply, as the Threads API spells it (e.g. `everyone`); the SDK does not
    /// list the values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply_control: Option<String>,
}

impl ThreadsOptions {
    /// No options set.
    pub fn new() -> Self {
        ThreadsOptions::default()
    }

    /// Replies to the Threads post `id`.
    pub fn with_reply_to_id(mut self, id: impl Into<String>) -> Self {
        self.reply_to_id = Some(id.into());
        self
    }

    /// Sets who may reply.
    pub fn with_reply_control(mut self, control: impl Into<String>) -> Self {
        self.reply_control = Some(control.into());
        self
    }
}

/// YouTube options of a new post (SDK).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct YoutubeOptions {
    /// The video title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The video description, at most 5,000 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The video tags.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// Who can see the video.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub privacy_status: Option<YoutubePrivacy>,
    /// Whether the video is made for kids (YouTube requires the declaration).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub made_for_kids: Option<bool>,
    /// The YouTube category id, e.g. `"22"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category_id: Option<String>,
}

impl YoutubeOptions {
    /// No options set.
    pub fn new() -> Self {
        YoutubeOptions::default()
    }

    /// Sets the title.
    pub fn with_title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// Sets the description.
    pub fn with_description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Sets the tags.
    pub fn with_tags(mut self, tags: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.tags = Some(tags.into_iter().map(Into::into).collect());
        self
    }

    /// Sets who can see the video.
    pub fn with_privacy_status(mut self, privacy: YoutubePrivacy) -> Self {
        self.privacy_status = Some(privacy);
        self
    }

    /// Declares whether the video is made for kids.
    pub fn with_made_for_kids(mut self, made_for_kids: bool) -> Self {
        self.made_for_kids = Some(made_for_kids);
        self
    }

    /// Sets the category id.
    pub fn with_category_id(mut self, id: impl Into<String>) -> Self {
        self.category_id = Some(id.into());
        self
    }
}

string_enum! {
    /// Who can see a YouTube video (YouTube's `privacyStatus`; the SDK types it as a string).
    pub enum YoutubePrivacy {
        /// Anyone.
        Public = "public",
        /// Anyone with the link.
        Unlisted = "unlisted",
        /// Only the channel.
        Private = "private",
    }
}

/// The body of [`Posts::update_post`]: the fields to change; `None` fields are left out and
/// keep their value.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UpdatePostRequest {
    /// The new text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The new platforms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platforms: Option<Vec<Platform>>,
    /// The new publishing time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduled_at: Option<DateTime<Utc>>,
}

impl UpdatePostRequest {
    /// A change of nothing yet; add fields with the `with_*` setters.
    pub fn new() -> Self {
        UpdatePostRequest::default()
    }

    /// Replaces the text.
    pub fn with_text(mut self, text: impl Into<String>) -> Self {
        self.text = Some(text.into());
        self
    }

    /// Replaces the platforms.
    pub fn with_platforms(mut self, platforms: impl IntoIterator<Item = Platform>) -> Self {
        self.platforms = Some(platforms.into_iter().collect());
        self
    }

    /// Moves the publishing time.
    pub fn with_scheduled_at(mut self, at: DateTime<Utc>) -> Self {
        self.scheduled_at = Some(at);
        self
    }
}

/// The body of [`Posts::schedule_post`]: a time to publish at, or a cancellation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SchedulePostRequest {
    /// When to publish; `None` for a cancellation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduled_at: Option<DateTime<Utc>>,
    /// `Some(true)` to unschedule: the post goes back to draft.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancel: Option<bool>,
}

impl SchedulePostRequest {
    /// Schedules the post for `at`: `{"scheduledAt": "2024-06-01T10:00:00Z"}`.
    pub fn new(at: DateTime<Utc>) -> Self {
        SchedulePostRequest {
            scheduled_at: Some(at),
            cancel: None,
        }
    }

    /// Unschedules the post, back to draft: `{"cancel": true}`.
    pub fn cancel() -> Self {
        SchedulePostRequest {
            scheduled_at: None,
            cancel: Some(true),
        }
    }
}
