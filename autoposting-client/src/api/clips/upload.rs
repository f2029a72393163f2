//! The multipart upload of a clip: its part-size rules and the bodies and answers of
//! `POST /clips/upload/{init,presign,complete,abort}`. Re-exported by [`clips`](super), whose
//! docs show the whole flow.

use serde::{Deserialize, Serialize};

use super::ClipStatus;
#[cfg(doc)]
use super::Clips;

/// The smallest size of every part of a multipart upload but the last: 5 MiB (a rule of
/// the R2/S3 storage behind the upload).
pub const MIN_PART_SIZE: u64 = 5 * 1024 * 1024;

/// The most parts one multipart upload can have (R2/S3).
pub const MAX_PARTS: u32 = 10_000;

/// The part size the official SDK uses: 16 MiB.
pub const DEFAULT_PART_SIZE: u64 = 16 * 1024 * 1024;

/// The body of [`Clips::init_clip_upload`]: the brand and a description of the file, built
/// with [`InitClipUploadRequest::builder`]; every field but `title` is required.
///
/// ```
/// use autoposting_client::clips::InitClipUploadRequest;
///
/// let request = InitClipUploadRequest::builder()
///     .brand_id("brand_01HXYZ")
///     .file_name("episode-42.mp4")
///     .file_size(524_288_000)
///     .mime_type("video/mp4")
///     .title("Episode 42")
///     .build();
/// ```
///
/// ```json
/// {"brandId": "brand-1", "title": "Launch teaser", "fileName": "my-video.mp4",
///  "fileSize": 1024, "mimeType": "video/mp4"}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct InitClipUploadRequest {
    /// `brandId`: the id of the brand the clip belongs to (required by the backend).
    pub brand_id: String,
    /// `title`: the clip's display title; left out when `None` (the SDK then sends the file name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `fileName`: the file's name, e.g. `episode-42.mp4`.
    pub file_name: String,
    /// `fileSize`: the file's size in bytes.
    pub file_size: u64,
    /// `mimeType`: the file's MIME type, e.g. `video/mp4` or `video/quicktime`.
    pub mime_type: String,
}

/// A multipart upload in progress, as [`Clips::init_clip_upload`] answers it. The later
/// steps repeat these three values; [`Clips::abort_clip_upload`] sends exactly them.
///
/// ```json
/// {"clipId": "clip-up-1", "uploadId": "upload-1", "key": "clips/org-1/clip-up-1/clip.mp4"}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ClipUpload {
    /// `clipId`: the id of the clip being uploaded.
    pub clip_id: String,
    /// `uploadId`: the storage's id for the multipart upload.
    pub upload_id: String,
    /// `key`: the storage key the file is uploaded to.
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
///
/// ```json
/// {"clipId": "clip-up-1", "uploadId": "upload-1", "key": "clips/org-1/clip-up-1/clip.mp4",
///  "partNumbers": [1, 2]}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PresignClipUploadRequest {
    /// The upload the parts belong to (sent as `clipId`, `uploadId`, `key`).
    #[serde(flatten)]
    pub upload: ClipUpload,
    /// `partNumbers`: the 1-based numbers of the parts to sign URLs for, at most [`MAX_PARTS`].
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
///
/// ```json
/// {"presignedUrls": [{"partNumber": 1, "url": "https://r2.example.test/upload?part=1"},
///                    {"partNumber": 2, "url": "https://r2.example.test/upload?part=2"}]}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PresignedClipParts {
    /// `presignedUrls`: the signed URLs, one per part number asked for.
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
///
/// ```json
/// {"partNumber": 1, "url": "https://r2.example.test/upload?part=1"}
/// ```
///
/// `Debug` shows the URL without its query (`?<redacted>`): the query is the signature.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PresignedPart {
    /// `partNumber`: the part's 1-based number.
    pub part_number: u32,
    /// `url`: where to `PUT` the part's bytes, without the API key.
    pub url: String,
}

impl std::fmt::Debug for PresignedPart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PresignedPart")
            .field("part_number", &self.part_number)
            .field("url", &crate::common::redact::url(&self.url))
            .finish()
    }
}

/// The body of [`Clips::complete_clip_upload`].
///
/// ```json
/// {"clipId": "clip-up-1", "uploadId": "upload-1", "key": "clips/org-1/clip-up-1/clip.mp4",
///  "parts": [{"partNumber": 1, "etag": "\"9b2cf535f27731c974343645a3985328\""}]}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CompleteClipUploadRequest {
    /// The upload being completed (sent as `clipId`, `uploadId`, `key`).
    #[serde(flatten)]
    pub upload: ClipUpload,
    /// `parts`: every uploaded part with its ETag, in part-number order.
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
///
/// ```json
/// {"partNumber": 1, "etag": "\"9b2cf535f27731c974343645a3985328\""}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UploadedPart {
    /// `partNumber`: the part's 1-based number.
    pub part_number: u32,
    /// `etag`: the `ETag` header the storage answered to the part's `PUT`, verbatim, quotes
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
///
/// ```json
/// {"clipId": "clip-up-1", "status": "processing"}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CompletedClipUpload {
    /// `clipId`: the uploaded clip's id.
    pub clip_id: String,
    /// `status`: the clip's status, normally [`Processing`](ClipStatus::Processing).
    pub status: ClipStatus,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_signature_of_each_part_url() {
        let parts: PresignedClipParts = serde_json::from_str(
            r#"{"presignedUrls": [{"partNumber": 1,
                "url": "https://r2.example.test/b/clip.mp4?partNumber=1&X-Amz-Signature=f00d"}]}"#,
        )
        .unwrap();
        let shown = format!("{parts:?}");
        assert!(!shown.contains("f00d"), "{shown}");
        assert_eq!(
            shown,
            "PresignedClipParts { presigned_urls: [PresignedPart { part_number: 1, \
             url: \"https://r2.example.test/b/clip.mp4?<redacted>\" }] }"
        );
        // The URL itself, and its JSON, are unchanged.
        assert!(
            parts.presigned_urls[0]
                .url
                .ends_with("X-Amz-Signature=f00d")
        );
        let json = serde_json::to_string(&parts).unwrap();
        assert!(json.contains("X-Amz-Signature=f00d"), "{json}");
    }
}
