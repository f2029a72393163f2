//! Uploads in one call each: a video file in, a clip out ([`Client::upload_clip`]); a
//! knowledge-base document ([`Client::upload_kb_document`]); a post's media file
//! ([`Client::upload_post_media`]).
//!
//! Each drives the API's multi-step flow (see `../shared/api/concepts.md` §8) over the
//! existing operations, and does what a hand-written flow tends to get wrong:
//!
//! - **Storage never sees the API key.** Files go to presigned storage URLs through
//!   [`Client::upload_to_presigned_url`], which sends no credentials.
//! - **ETags are kept verbatim**, quotes included, as `POST /clips/upload/complete` wants.
//! - **Parts go up concurrently** ([`UploadOptions::concurrency`], default 4), **each retried
//!   with backoff** ([`UploadOptions::part_retry`]; storage PUTs are idempotent), with
//!   **memory bounded** by part size × (concurrency + 1), whatever the file size.
//! - **Failures say where**: an [`UploadError`] names the [`UploadStep`] and the part, and a
//!   failed clip upload is aborted (`POST /clips/upload/abort`, best effort) so that no
//!   half-uploaded clip is left behind.
//! - **Progress** as bytes and parts done out of the total ([`UploadProgress`]), e.g. to
//!   drive an `indicatif` progress bar (`examples/upload_clip.rs`).
//! - **Resumable**: a clip upload's [`ClipUploadState`] (clip id, upload id, key, the parts
//!   done) is handed to [`UploadOptions::on_checkpoint`] after every part; after a crash,
//!   [`Client::resume_clip_upload`] sends only the parts still missing.
//!
//! ```no_run
//! use autoposting_client::clips::InitClipUploadRequest;
//! use autoposting_client::upload::{UploadOptions, UploadSource};
//! use autoposting_client::Client;
//!
//! # async fn run(client: Client) -> Result<(), Box<dyn std::error::Error>> {
//! let source = UploadSource::file("episode-42.mp4").await?;
//! let request = InitClipUploadRequest::builder()
//!     .brand_id("brand_01HXYZ")
//!     .file_name("episode-42.mp4")
//!     .file_size(source.len())
//!     .mime_type("video/mp4")
//!     .build();
//! let options = UploadOptions::default().on_progress(|p| {
//!     eprintln!("{} of {} bytes, {} of {} parts", p.bytes_done, p.bytes_total, p.parts_done, p.parts_total);
//! });
//! let done = client.upload_clip(&request, source, &options).await?;
//! println!("clip {} is {}", done.clip_id, done.status);
//! # Ok(()) }
//! ```
//!
//! [`Client`]: crate::Client
//! [`Client::upload_clip`]: crate::Client::upload_clip
//! [`Client::resume_clip_upload`]: crate::Client::resume_clip_upload
//! [`Client::upload_kb_document`]: crate::Client::upload_kb_document
//! [`Client::upload_post_media`]: crate::Client::upload_post_media
//! [`Client::upload_to_presigned_url`]: crate::Client::upload_to_presigned_url

mod clip;
mod error;
mod kb_document;
mod media;
mod options;
mod parts;
mod source;

pub use clip::{ClipUploadState, DonePart};
pub use error::{AbortOutcome, UploadError, UploadStep};
pub use media::{MAX_MEDIA_UPLOAD_BYTES, MediaRoute, StoredMedia};
pub use options::{UploadOptions, UploadProgress};
pub use parts::part_size_for;
pub use source::UploadSource;
