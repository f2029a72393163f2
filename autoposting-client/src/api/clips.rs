//! Clips: video upload (multipart), AI candidates, rendering and credit checks.
//!
//! The [`Clips`] trait declares the operations of the API's *Clips* tag; [`Client`]
//! implements it.
//!
//! # From a long video to rendered clips
//! 1. Bring the video in, either by URL ([`Clips::import_clip_from_url`]) or by a multipart
//!    upload (below).
//! 2. Poll [`Clips::get_clip`] until [`status`](Clip::status) goes from
//!    [`Processing`](ClipStatus::Processing) to [`Ready`](ClipStatus::Ready): the video has
//!    been transcribed and its AI-ranked [`candidates`](Clip::candidates) are available.
//! 3. Optionally ask whether the organisation's credits cover a render
//!    ([`Clips::check_clip_credits`]), then render a candidate ([`Clips::render_clip`]) and
//!    follow the job ([`Clips::list_clip_jobs`]). Credits are charged only for successful
//!    renders; a failed render costs nothing.
//!
//! # Multipart upload
//! Large files go straight to object storage (R2/S3) in parts, through URLs the API signs:
//!
//! 1. [`Clips::init_clip_upload`] creates the clip and answers a [`ClipUpload`]
//!    (`clipId`, `uploadId`, `key`), which the next calls repeat.
//! 2. [`Clips::presign_clip_upload_parts`] answers one URL per part number (1-based).
//!    Every part but the last must be at least [`MIN_PART_SIZE`] bytes, and there are at
//!    most [`MAX_PARTS`] parts; the official SDK uses [`DEFAULT_PART_SIZE`].
//! 3. `PUT` each part's raw bytes to its URL **without** the API key (the URL carries its
//!    own authorisation), and keep each response's `ETag` header verbatim, quotes
//!    included: [`Client::upload_to_presigned_url`] does exactly that, and answers the
//!    ETag.
//! 4. [`Clips::complete_clip_upload`] with every part's number and ETag; the clip then
//!    goes to [`Processing`](ClipStatus::Processing).
//! 5. On any failure after step 1, [`Clips::abort_clip_upload`], so that no half-uploaded
//!    clip is left behind.
//!
//! ```no_run
//! use autoposting_client::clips::{
//!     CompleteClipUploadRequest, InitClipUploadRequest, PresignClipUploadRequest, UploadedPart,
//! };
//! use autoposting_client::prelude::*;
//!
//! # async fn run(client: Client, video: Vec<u8>) -> Result<()> {
//! let init = InitClipUploadRequest::new("brand_01HXYZ", "episode-42.mp4", video.len() as u64, "video/mp4");
//! let upload = client.init_clip_upload(&init).await?;
//! let chunks: Vec<&[u8]> = video.chunks(16 * 1024 * 1024).collect();
//! let numbers: Vec<u32> = (1..=chunks.len() as u32).collect();
//! let urls = client
//!     .presign_clip_upload_parts(&PresignClipUploadRequest::new(&upload, numbers))
//!     .await?;
//! let mut parts = Vec::new();
//! for (number, chunk) in (1..).zip(&chunks) {
//!     let Some(url) = urls.url_for(number) else {
//!         client.abort_clip_upload(&upload).await?;
//!         return Ok(());
//!     };
//!     // Storage's own PUT, without the API key; it answers the ETag to keep.
//!     let stored = client.upload_to_presigned_url(url, chunk.to_vec(), None).await?;
//!     parts.push(UploadedPart::new(number, stored.etag.unwrap_or_default()));
//! }
//! let done = client
//!     .complete_clip_upload(&CompleteClipUploadRequest::new(&upload, parts))
//!     .await?;
//! println!("clip {} is {}", done.clip_id, done.status);
//! # Ok(()) }
//! ```
//!
//! # Evidence
//! The reference documents the clip, the render job and the credit check; the upload
//! steps, the list and delete are known from the official SDK, which also sees a render
//! answer of another shape (see [`ClipRender`]) and more clip statuses. Every documented
//! shape decodes.
//!
//! [`Client`]: crate::Client
//! [`Client::upload_to_presigned_url`]: crate::Client::upload_to_presigned_url

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::common::string_enum::string_enum;
use crate::{List, Result, api};

/// The smallest size of every part of a multipart upload but the last: 5 MiB (a rule of
/// the R2/S3 storage behind the upload).
pub const MIN_PART_SIZE: u64 = 5 * 1024 * 1024;

/// The most parts one multipart upload can have (R2/S3).
pub const MAX_PARTS: u32 = 10_000;

/// The part size the official SDK uses: 16 MiB.
pub const DEFAULT_PART_SIZE: u64 = 16 * 1024 * 1024;

/// Operations of the *Clips* tag.
#[api(crate = "crate", async_fn_docs)]
pub trait Clips {
    /// One page of the organisation's clips.
    ///
    /// `page` is the 1-based page number and `limit` the page size (the overview's rule for
    /// every list: at most 100, default 50); `None` leaves either out.
    ///
    /// **Evidence:** known only from the SDK, which reads
    /// `{"clips": […], "pagination": {"page", "limit", "total", "totalPages"}}`; the
    /// reference's list convention would be `{"clips": […], "total"}`. Both, and a bare
    /// array, decode into [`List`], with [`List::page`] and [`List::total_pages`] filled
    /// where given. The clips list is paged by page number, not by offset, so the query
    /// parameters follow its `pagination` object; no page documents them.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 401 without a valid key; 403
    /// without the `clips:read` scope; 429 when rate limited.
    #[get("/clips")]
    async fn list_clips(
        &self,
        #[query] page: Option<u32>,
        #[query] limit: Option<u32>,
    ) -> Result<List<Clip>>;

    /// One clip: its processing status, transcription status and AI-generated candidates.
    ///
    /// `clip_id` (e.g. `clip_01HXYZ`) is sent as one percent-encoded path segment. Poll
    /// this after an import or upload until the status is [`Ready`](ClipStatus::Ready) or
    /// [`Failed`](ClipStatus::Failed).
    ///
    /// # Errors
    /// - [`ErrorKind::Api`](crate::ErrorKind::Api) with status 401 without a valid key; 403
    ///   without the `clips:read` scope; 404 when the clip does not exist or belongs to
    ///   another organisation.
    /// - [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument) for an empty, `.`
    ///   or `..` id, before anything is sent.
    #[get("/clips/<clip_id>")]
    async fn get_clip(&self, clip_id: &str) -> Result<Clip>;

    /// Imports a video from a public URL as a new clip; answers its id. The download and
    /// processing run in the background: poll [`get_clip`](Clips::get_clip).
    ///
    /// **Evidence:** the concept page's example sends `{brandSlug, url, title}`; the current
    /// SDK sends `{url, brandId, title?}` and says the backend requires the brand. Set the
    /// brand either way with [`ImportClipRequest`]'s setters.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 400 for a missing URL or
    /// brand; 401 without a valid key; 403 `billing_suspended` when the
    /// subscription is suspended, or without the `clips:write` scope; 404 for an unknown
    /// brand; 429 when rate limited.
    #[post("/clips/import-url")]
    async fn import_clip_from_url(
        &self,
        #[body] request: &ImportClipRequest,
    ) -> Result<ImportedClip>;

    /// Starts a multipart upload: creates the clip (status
    /// [`Uploading`](ClipStatus::Uploading)) and answers the identifiers the next steps
    /// repeat. See the [module documentation](self) for the whole flow.
    ///
    /// Known only from the SDK.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 400 for a missing `brandId` or
    /// file description; 401 without a valid key; 403 `billing_suspended` or without the
    /// `clips:write` scope; 404 for an unknown brand; 429 when rate limited.
    #[post("/clips/upload/init")]
    async fn init_clip_upload(&self, #[body] request: &InitClipUploadRequest)
    -> Result<ClipUpload>;

    /// Signs one storage URL per part number of a multipart upload. `PUT` each part there
    /// without the API key and keep the `ETag` response header verbatim.
    ///
    /// Known only from the SDK.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 400 for missing or invalid
    /// fields; 401 without a valid key; 403 without the `clips:write` scope; 404 for an
    /// unknown clip; 429 when rate limited.
    #[post("/clips/upload/presign")]
    async fn presign_clip_upload_parts(
        &self,
        #[body] request: &PresignClipUploadRequest,
    ) -> Result<PresignedClipParts>;

    /// Completes a multipart upload with the ETags of all its parts; the clip goes on to
    /// processing.
    ///
    /// **Evidence:** the reference page names the operation; its body and answer
    /// (`{clipId, status}`) come from the SDK.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 400 for missing or invalid
    /// fields (parts, ETags); 401 without a valid key; 403 without the `clips:write` scope;
    /// 404 for an unknown clip or upload; 429 when rate limited.
    #[post("/clips/upload/complete")]
    async fn complete_clip_upload(
        &self,
        #[body] request: &CompleteClipUploadRequest,
    ) -> Result<CompletedClipUpload>;

    /// Abandons a multipart upload, discarding its parts and the half-created clip. Any
    /// success counts (the SDK sees `{"aborted": true}`).
    ///
    /// `upload` is the [`ClipUpload`] that [`init_clip_upload`](Clips::init_clip_upload)
    /// answered; it is sent as the body `{clipId, uploadId, key}`. Known only from the SDK.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 401 without a valid key; 403
    /// without the `clips:write` scope; 404 for an unknown clip or upload; 429 when rate
    /// limited.
    #[post("/clips/upload/abort")]
    async fn abort_clip_upload(&self, #[body] upload: &ClipUpload) -> Result<()>;

    /// Checks, before rendering, whether the organisation's credits cover rendering one
    /// candidate of a clip.
    ///
    /// A success means the render is covered. Its `data` is documented only as an object
    /// (the example is `{}`), so [`ClipCreditCheck`] keeps whatever fields it carries.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 402 `insufficient_credits` when
    /// the credits do not cover the render; 403 `billing_suspended` when the subscription is
    /// suspended, or without the `clips:write` scope; 400 for a missing `clipId` or
    /// `candidateId`; 401 without a valid key; 404 for an unknown clip or candidate; 429
    /// when rate limited.
    #[post("/clips/billing/check")]
    async fn check_clip_credits(
        &self,
        #[body] request: &ClipCreditCheckRequest,
    ) -> Result<ClipCreditCheck>;

    /// Queues a render of one of a clip's candidates.
    ///
    /// `clip_id` (e.g. `clip_01HXYZ`) is sent as a path segment; the candidate, template and
    /// captions are in [`RenderClipRequest`]. Render cost depends on duration and
    /// resolution, and is charged only when the render succeeds. Follow the job with
    /// [`list_clip_jobs`](Clips::list_clip_jobs), or the webhook events
    /// `clip.render.completed` / `clip.render.failed`.
    ///
    /// **Evidence:** the reference answers `{jobId, status: "queued", estimatedDurationSec}`;
    /// the SDK sends `{editRevision, candidateId}` and reads
    /// `{jobIds, activeJobIds, reusedJobIds}`. [`ClipRender`] decodes both.
    ///
    /// # Errors
    /// - [`ErrorKind::Api`](crate::ErrorKind::Api) with status 402 `insufficient_credits` when
    ///   the credits do not cover the render; 403 `billing_suspended` when the subscription
    ///   is suspended, or without the `clips:write` scope; 400 for a missing `candidateId`;
    ///   401 without a valid key; 404 for an unknown clip or candidate; 429 when rate
    ///   limited.
    /// - [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument) for an empty, `.`
    ///   or `..` id, before anything is sent.
    #[post("/clips/<clip_id>/render")]
    async fn render_clip(
        &self,
        clip_id: &str,
        #[body] request: &RenderClipRequest,
    ) -> Result<ClipRender>;

    /// The render jobs of a clip and their status.
    ///
    /// `clip_id` (e.g. `clip_01HXYZ`) is sent as a path segment.
    ///
    /// **Evidence:** the reference page gives only the path and summary ("get render job
    /// status"). Each job is read as the reference's render job (`{jobId, status,
    /// estimatedDurationSec}`, `id` also accepted for `jobId`), and the list in any of the
    /// shapes [`List`] decodes: a bare array, `{"jobs": […]}` or `{"items": […]}`.
    ///
    /// # Errors
    /// - [`ErrorKind::Api`](crate::ErrorKind::Api) with status 401 without a valid key; 403
    ///   without the `clips:read` scope; 404 for an unknown clip or one of another
    ///   organisation.
    /// - [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument) for an empty, `.`
    ///   or `..` id, before anything is sent.
    #[get("/clips/<clip_id>/jobs")]
    async fn list_clip_jobs(&self, clip_id: &str) -> Result<List<RenderJob>>;

    /// Deletes a clip. Any success counts: an envelope with or without `data`, or 204.
    ///
    /// `clip_id` (e.g. `clip_01HXYZ`) is sent as a path segment. Known only from the SDK.
    ///
    /// # Errors
    /// - [`ErrorKind::Api`](crate::ErrorKind::Api) with status 401 without a valid key; 403
    ///   without the `clips:write` scope; 404 for an unknown clip or one of another
    ///   organisation; 429 when rate limited.
    /// - [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument) for an empty, `.`
    ///   or `..` id, before anything is sent.
    #[delete("/clips/<clip_id>")]
    async fn delete_clip(&self, clip_id: &str) -> Result<()>;
}

/// A video clip: the uploaded or imported source, its transcription status and the
/// AI-generated candidates to render.
///
/// The reference's fields and the SDK's differ; each field only one of them carries is an
/// `Option`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Clip {
    /// The clip id, e.g. `clip_01HXYZ`.
    pub id: String,
    /// The slug of the brand it belongs to (reference).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand_slug: Option<String>,
    /// The display name (SDK).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The source file's name, e.g. `my-podcast.mp4` (reference).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
    /// Where the clip is in its life cycle.
    pub status: ClipStatus,
    /// The source video's length in **seconds** (fractional values possible).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<f64>,
    /// The source file's size in bytes (reference).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_size: Option<u64>,
    /// The source video's URL (SDK).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The rendered video's URL, once rendered (SDK).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rendered_url: Option<String>,
    /// The edit revision, bumped on every saved edit; the SDK sends the current value with
    /// a render ([`RenderClipRequest::with_edit_revision`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edit_revision: Option<u64>,
    /// The transcription's progress (reference).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transcription: Option<ClipTranscription>,
    /// The AI-ranked moments to render, once the clip is ready (reference).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub candidates: Option<Vec<ClipCandidate>>,
    /// When the clip was created (RFC 3339, UTC).
    pub created_at: DateTime<Utc>,
    /// When the clip last changed (RFC 3339, UTC; SDK).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<DateTime<Utc>>,
}

/// The transcription of a [`Clip`]'s audio.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ClipTranscription {
    /// How far the transcription is.
    pub status: TranscriptionStatus,
}

/// A moment of a [`Clip`] the AI proposes as a short clip, with its scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ClipCandidate {
    /// The candidate id, e.g. `cand_01`: what [`RenderClipRequest`] and
    /// [`ClipCreditCheckRequest`] name.
    pub id: String,
    /// Where the moment starts in the source, in **milliseconds**.
    pub start_ms: u64,
    /// Where the moment ends in the source, in **milliseconds**.
    pub end_ms: u64,
    /// A title the AI gave the moment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The overall score (the reference's example is `92`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// The hook-strength score, where given (the concept page lists it; no example shows it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hook: Option<f64>,
    /// The retention score, where given (concept page).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention: Option<f64>,
    /// The clarity score, where given (concept page).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clarity: Option<f64>,
    /// The visual score, where given (concept page).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visual: Option<f64>,
}

string_enum! {
    /// The status of a [`Clip`]. The concept page lists uploading, processing, ready and
    /// failed; the SDK adds rendering and rendered.
    pub enum ClipStatus {
        /// A multipart upload is in progress.
        Uploading = "uploading",
        /// Transcription, AI detection and face tracking are running.
        Processing = "processing",
        /// Candidates are generated and can be reviewed and rendered.
        Ready = "ready",
        /// A render is running (SDK).
        Rendering = "rendering",
        /// A render has finished (SDK).
        Rendered = "rendered",
        /// The processing pipeline failed.
        Failed = "failed",
    }
}

string_enum! {
    /// The status of a [`ClipTranscription`]. Only `completed` appears in the docs; the
    /// other values are the usual steps before it and its failure.
    pub enum TranscriptionStatus {
        /// Not started yet.
        Pending = "pending",
        /// Running.
        Processing = "processing",
        /// Done: the transcript is available.
        Completed = "completed",
        /// The transcription failed.
        Failed = "failed",
    }
}

/// The body of [`Clips::import_clip_from_url`]. Only the fields set are sent.
///
/// ```
/// use autoposting_client::clips::ImportClipRequest;
///
/// let request = ImportClipRequest::new("https://example.com/episode-42.mp4")
///     .with_brand_slug("acme-corp")
///     .with_title("Episode 42");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ImportClipRequest {
    /// The brand, by slug, as the concept page's example sends it; left out when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub brand_slug: Option<String>,
    /// The public URL of the video (required).
    pub url: String,
    /// The clip's title; left out when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The brand, by id, as the current SDK sends it; left out when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub brand_id: Option<String>,
}

impl ImportClipRequest {
    /// An import of the video at `url`; name its brand with
    /// [`with_brand_slug`](Self::with_brand_slug) or [`with_brand_id`](Self::with_brand_id).
    pub fn new(url: impl Into<String>) -> Self {
        ImportClipRequest {
            brand_slug: None,
            url: url.into(),
            title: None,
            brand_id: None,
        }
    }

    /// Names the brand by slug (`brandSlug`, the docs' form).
    pub fn with_brand_slug(mut self, brand_slug: impl Into<String>) -> Self {
        self.brand_slug = Some(brand_slug.into());
        self
    }

    /// Names the brand by id (`brandId`, the SDK's form).
    pub fn with_brand_id(mut self, brand_id: impl Into<String>) -> Self {
        self.brand_id = Some(brand_id.into());
        self
    }

    /// Sets the clip's title.
    pub fn with_title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }
}

/// What [`Clips::import_clip_from_url`] answers: the new clip's id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ImportedClip {
    /// The new clip's id; poll [`Clips::get_clip`] with it.
    pub clip_id: String,
}

/// The body of [`Clips::init_clip_upload`]: the brand and a description of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct InitClipUploadRequest {
    /// The id of the brand the clip belongs to (required by the backend).
    pub brand_id: String,
    /// The clip's display title; left out when `None` (the SDK then sends the file name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The file's name, e.g. `episode-42.mp4`.
    pub file_name: String,
    /// The file's size in bytes.
    pub file_size: u64,
    /// The file's MIME type, e.g. `video/mp4` or `video/quicktime`.
    pub mime_type: String,
}

impl InitClipUploadRequest {
    /// An upload for `brand_id` of a file called `file_name`, `file_size` bytes long, of
    /// MIME type `mime_type`.
    pub fn new(
        brand_id: impl Into<String>,
        file_name: impl Into<String>,
        file_size: u64,
        mime_type: impl Into<String>,
    ) -> Self {
        InitClipUploadRequest {
            brand_id: brand_id.into(),
            title: None,
            file_name: file_name.into(),
            file_size,
            mime_type: mime_type.into(),
        }
    }

    /// Sets the clip's display title.
    pub fn with_title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }
}

/// A multipart upload in progress, as [`Clips::init_clip_upload`] answers it. The later
/// steps repeat these three values; [`Clips::abort_clip_upload`] sends exactly them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ClipUpload {
    /// The id of the clip being uploaded.
    pub clip_id: String,
    /// The storage's id for the multipart upload.
    pub upload_id: String,
    /// The storage key the file is uploaded to.
    pub key: String,
}

impl ClipUpload {
    /// An upload known from elsewhere, for instance to abort one started by an earlier run.
    pub fn new(
        clip_id: impl Into<String>,
        upload_id: impl Into<String>,
        key: impl Into<String>,
    ) -> Self {
        ClipUpload {
            clip_id: clip_id.into(),
            upload_id: upload_id.into(),
            key: key.into(),
        }
    }
}

/// The body of [`Clips::presign_clip_upload_parts`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PresignClipUploadRequest {
    /// The upload the parts belong to (sent as `clipId`, `uploadId`, `key`).
    #[serde(flatten)]
    pub upload: ClipUpload,
    /// The 1-based numbers of the parts to sign URLs for, at most [`MAX_PARTS`].
    pub part_numbers: Vec<u32>,
}

impl PresignClipUploadRequest {
    /// URLs for parts `part_numbers` (1-based) of `upload`.
    pub fn new(upload: &ClipUpload, part_numbers: Vec<u32>) -> Self {
        PresignClipUploadRequest {
            upload: upload.clone(),
            part_numbers,
        }
    }
}

/// What [`Clips::presign_clip_upload_parts`] answers: one signed URL per part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PresignedClipParts {
    /// The signed URLs, one per part number asked for.
    pub presigned_urls: Vec<PresignedPart>,
}

impl PresignedClipParts {
    /// The URL signed for part `part_number`, if the answer has one.
    pub fn url_for(&self, part_number: u32) -> Option<&str> {
        self.presigned_urls
            .iter()
            .find(|part| part.part_number == part_number)
            .map(|part| part.url.as_str())
    }
}

/// One signed URL of a multipart upload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PresignedPart {
    /// The part's 1-based number.
    pub part_number: u32,
    /// Where to `PUT` the part's bytes, without the API key.
    pub url: String,
}

/// The body of [`Clips::complete_clip_upload`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CompleteClipUploadRequest {
    /// The upload being completed (sent as `clipId`, `uploadId`, `key`).
    #[serde(flatten)]
    pub upload: ClipUpload,
    /// Every uploaded part with its ETag, in part-number order.
    pub parts: Vec<UploadedPart>,
}

impl CompleteClipUploadRequest {
    /// Completes `upload` with `parts`.
    pub fn new(upload: &ClipUpload, parts: Vec<UploadedPart>) -> Self {
        CompleteClipUploadRequest {
            upload: upload.clone(),
            parts,
        }
    }
}

/// One uploaded part of a multipart upload, for [`CompleteClipUploadRequest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UploadedPart {
    /// The part's 1-based number.
    pub part_number: u32,
    /// The `ETag` header the storage answered to the part's `PUT`, verbatim, quotes
    /// included (`"\"9b2cf535f27731c974343645a3985328\""`).
    pub etag: String,
}

impl UploadedPart {
    /// Part `part_number`, stored with ETag `etag` (kept verbatim).
    pub fn new(part_number: u32, etag: impl Into<String>) -> Self {
        UploadedPart {
            part_number,
            etag: etag.into(),
        }
    }
}

/// What [`Clips::complete_clip_upload`] answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CompletedClipUpload {
    /// The uploaded clip's id.
    pub clip_id: String,
    /// The clip's status, normally [`Processing`](ClipStatus::Processing).
    pub status: ClipStatus,
}

/// The body of [`Clips::check_clip_credits`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ClipCreditCheckRequest {
    /// The clip to render (required), e.g. `clip_01HXYZ`.
    pub clip_id: String,
    /// The candidate to render (required), e.g. `cand_01`.
    pub candidate_id: String,
}

impl ClipCreditCheckRequest {
    /// A check for rendering candidate `candidate_id` of clip `clip_id`.
    pub fn new(clip_id: impl Into<String>, candidate_id: impl Into<String>) -> Self {
        ClipCreditCheckRequest {
            clip_id: clip_id.into(),
            candidate_id: candidate_id.into(),
        }
    }
}

/// What [`Clips::check_clip_credits`] answers when the credits cover the render.
///
/// The reference documents `data` only as an object and shows `{}`, so no field is typed:
/// whatever the server sends is kept in [`details`](Self::details).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ClipCreditCheck {
    /// Every field of the answer, as received.
    #[serde(flatten)]
    pub details: serde_json::Map<String, serde_json::Value>,
}

/// The body of [`Clips::render_clip`]. Only the fields set are sent.
///
/// ```
/// use autoposting_client::clips::RenderClipRequest;
///
/// let request = RenderClipRequest::new("cand_01").with_template("default").with_captions(true);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RenderClipRequest {
    /// The candidate to render (required), e.g. `cand_01`.
    pub candidate_id: String,
    /// The render template or style, e.g. `default`; left out when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// Whether to burn captions into the video; left out when `None`, which the API takes
    /// as `false`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub captions: Option<bool>,
    /// The clip's current [`edit_revision`](Clip::edit_revision), which the SDK sends so
    /// that a render never uses a stale edit; left out when `None`. Not on the reference
    /// page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edit_revision: Option<u64>,
}

impl RenderClipRequest {
    /// A render of candidate `candidate_id` with the API's defaults.
    pub fn new(candidate_id: impl Into<String>) -> Self {
        RenderClipRequest {
            candidate_id: candidate_id.into(),
            template: None,
            captions: None,
            edit_revision: None,
        }
    }

    /// Sets the render template or style.
    pub fn with_template(mut self, template: impl Into<String>) -> Self {
        self.template = Some(template.into());
        self
    }

    /// Burns captions in (`true`) or not (`false`).
    pub fn with_captions(mut self, captions: bool) -> Self {
        self.captions = Some(captions);
        self
    }

    /// Sends the clip's current edit revision (SDK).
    pub fn with_edit_revision(mut self, edit_revision: u64) -> Self {
        self.edit_revision = Some(edit_revision);
        self
    }
}

/// What [`Clips::render_clip`] answers, in either known shape: the reference's single job
/// (`jobId`, `status`, `estimatedDurationSec`) or the SDK's job-id lists (`jobIds`,
/// `activeJobIds`, `reusedJobIds`). [`ClipRender::all_job_ids`] reads both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ClipRender {
    /// The queued job's id, e.g. `job_01HXYZ` (reference).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_id: Option<String>,
    /// The job's status, [`Queued`](RenderJobStatus::Queued) on submission (reference).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<RenderJobStatus>,
    /// The expected render time in **seconds** (reference).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimated_duration_sec: Option<u64>,
    /// Every job the request concerns (SDK).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_ids: Option<Vec<String>>,
    /// The jobs still running (SDK).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_job_ids: Option<Vec<String>>,
    /// Jobs reused from an earlier identical render (SDK).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reused_job_ids: Option<Vec<String>>,
}

impl ClipRender {
    /// The ids of the jobs this render concerns, whichever shape the answer had: `jobId`
    /// followed by the `jobIds` not equal to it.
    pub fn all_job_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self.job_id.iter().map(String::as_str).collect();
        for id in self.job_ids.iter().flatten() {
            if !ids.contains(&id.as_str()) {
                ids.push(id);
            }
        }
        ids
    }
}

/// A render job of a clip, as [`Clips::list_clip_jobs`] lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RenderJob {
    /// The job id, e.g. `job_01HXYZ` (also read from `id`).
    #[serde(alias = "id")]
    pub job_id: String,
    /// Where the job is.
    pub status: RenderJobStatus,
    /// The expected render time in **seconds**, where given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimated_duration_sec: Option<u64>,
}

string_enum! {
    /// The status of a render job. The reference shows only `queued`; the others follow
    /// the webhook events `clip.render.completed` / `clip.render.failed` and the SDK's clip
    /// statuses `rendering` / `rendered`, and read the spellings the API uses for other
    /// jobs (agent runs' `pending` and `running`) as the same steps.
    pub enum RenderJobStatus {
        /// Waiting for a renderer.
        Queued = "queued" | "pending",
        /// Rendering.
        Rendering = "rendering" | "processing" | "running",
        /// Finished; the rendered video is available and the credits were charged.
        Completed = "completed" | "rendered",
        /// Failed; no credits were charged.
        Failed = "failed",
    }
}
