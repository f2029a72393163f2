//! A post's media file in one call: the multipart `POST /media/upload`, or
//! `POST /media/presign` → PUT to storage.

use serde_json::{Value, json};

use crate::api::posts::{Posts, UploadedMedia};
use crate::runtime::client::Client;
use crate::runtime::error::{Error, ErrorKind};
use crate::runtime::multipart::Part;

use super::error::{UploadError, UploadStep};
use super::options::{UploadOptions, UploadProgress};
use super::source::UploadSource;

/// The largest file `POST /media/upload` takes: 20 MiB (the SDK says 20 MB; the binary
/// reading is the one a server enforcing either accepts).
pub const MAX_MEDIA_UPLOAD_BYTES: u64 = 20 * 1024 * 1024;

/// How [`Client::upload_post_media`] sends the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum MediaRoute {
    /// [`Multipart`](Self::Multipart) up to [`MAX_MEDIA_UPLOAD_BYTES`], else
    /// [`Presigned`](Self::Presigned).
    #[default]
    Auto,
    /// `POST /media/upload`, `multipart/form-data` with the file in field `file` (SDK;
    /// typed answer).
    Multipart,
    /// `POST /media/presign`, then a `PUT` to the URL it answers (concept page; neither
    /// body documented, see [`Client::upload_post_media`]).
    Presigned,
}

/// Where a post's media file was stored: the URL to put in the post's `media`.
///
/// `Debug` shows URLs without their query (`?<redacted>`), in [`presigned`](Self::presigned)
/// too: the presigned upload URL's query is its signature.
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub struct StoredMedia {
    /// The URL to reference in the post's media.
    pub url: String,
    /// The route taken: [`MediaRoute::Multipart`] or [`MediaRoute::Presigned`].
    pub route: MediaRoute,
    /// The answer of `POST /media/upload`, on the multipart route.
    pub uploaded: Option<UploadedMedia>,
    /// The answer of `POST /media/presign` as received, on the presigned route.
    pub presigned: Option<Value>,
}

impl std::fmt::Debug for StoredMedia {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::common::redact;
        f.debug_struct("StoredMedia")
            .field("url", &redact::url(&self.url))
            .field("route", &self.route)
            .field("uploaded", &self.uploaded)
            .field("presigned", &self.presigned.as_ref().map(redact::json))
            .finish()
    }
}

impl Client {
    /// Uploads an image or a video for a post, in one call, and answers the URL to put in
    /// the post's media.
    ///
    /// `content_type` is the file's MIME type (`image/png`, `video/mp4`); the file name is
    /// [`source.file_name()`](UploadSource::file_name), or `upload` if it has none. The
    /// file goes in one request, so it is held in memory whole once. Progress is
    /// reported as one part.
    ///
    /// - [`MediaRoute::Multipart`] sends it with [`upload_media`](Posts::upload_media)
    ///   (`POST /media/upload`), for files up to [`MAX_MEDIA_UPLOAD_BYTES`]. Not retried
    ///   (a POST).
    /// - [`MediaRoute::Presigned`] asks [`presign_media`](Posts::presign_media)
    ///   (`POST /media/presign`) with `{"fileName", "contentType", "fileSize"}` (an
    ///   assumption: the body is not documented), then a `PUT` of the file, without the
    ///   API key, with `Content-Type`, retried per
    ///   [`options.part_retry`](UploadOptions::part_retry). The upload URL is read from the
    ///   answer's `uploadUrl`, `presignedUrl`, `signedUrl` or `url` (or the answer itself if
    ///   it is a string); the media URL from `publicUrl`, `fileUrl`, `mediaUrl` or
    ///   `cdnUrl`, else `url` if it differs from the upload URL, else the upload URL
    ///   without its query string.
    /// - [`MediaRoute::Auto`] takes the first up to [`MAX_MEDIA_UPLOAD_BYTES`], the second above.
    ///
    /// # Errors
    /// An [`UploadError`] naming the step; this flow has no abort.
    /// - [`UploadStep::Read`]: the source failed, or is not of its stated length.
    /// - [`UploadStep::Start`]: `POST /media/presign` failed, or answered no upload URL
    ///   ([`ErrorKind::Decode`]).
    /// - [`UploadStep::Put`]: `POST /media/upload` failed (400 or 413 for a file too large
    ///   or of the wrong type), or storage refused the file after the retries.
    pub async fn upload_post_media(
        &self,
        mut source: UploadSource,
        content_type: &str,
        route: MediaRoute,
        options: &UploadOptions,
    ) -> Result<StoredMedia, UploadError> {
        let mut progress = UploadProgress {
            bytes_done: 0,
            bytes_total: source.len(),
            parts_done: 0,
            parts_total: 1,
        };
        options.report(progress);
        let route = match route {
            MediaRoute::Auto if source.len() <= MAX_MEDIA_UPLOAD_BYTES => MediaRoute::Multipart,
            MediaRoute::Auto => MediaRoute::Presigned,
            chosen => chosen,
        };
        let file_name = source.file_name().unwrap_or("upload").to_owned();
        let stored = if route == MediaRoute::Multipart {
            let data = source
                .read_all()
                .await
                .map_err(|e| UploadError::io(None, e))?;
            let file = Part::bytes(data)
                .file_name(file_name)
                .content_type(content_type);
            let uploaded = self
                .upload_media(&file)
                .await
                .map_err(|e| UploadError::client(UploadStep::Put, None, e))?;
            StoredMedia {
                url: uploaded.url.clone(),
                route,
                uploaded: Some(uploaded),
                presigned: None,
            }
        } else {
            let request = json!({
                "fileName": file_name,
                "contentType": content_type,
                "fileSize": source.len(),
            });
            let answer = self
                .presign_media(&request)
                .await
                .map_err(|e| UploadError::client(UploadStep::Start, None, e))?;
            let (upload_url, url) = media_urls(&answer).ok_or_else(|| {
                let error = Error::new(ErrorKind::Decode)
                    .with_operation("presign_media")
                    .with_detail("the answer has no upload URL");
                UploadError::client(UploadStep::Start, None, error)
            })?;
            let data = source
                .read_all()
                .await
                .map_err(|e| UploadError::io(None, e))?;
            self.with_retry_policy(options.part_retry)
                .upload_to_presigned_url(&upload_url, data, Some(content_type))
                .await
                .map_err(|e| UploadError::client(UploadStep::Put, None, e))?;
            StoredMedia {
                url,
                route,
                uploaded: None,
                presigned: Some(answer),
            }
        };
        progress.bytes_done = progress.bytes_total;
        progress.parts_done = 1;
        options.report(progress);
        Ok(stored)
    }
}

/// The upload URL and the media URL of a `POST /media/presign` answer.
fn media_urls(answer: &Value) -> Option<(String, String)> {
    if let Value::String(url) = answer {
        return Some((url.clone(), without_query(url)));
    }
    let field = |names: &[&str]| {
        names
            .iter()
            .find_map(|name| answer.get(*name).and_then(Value::as_str))
            .map(str::to_owned)
    };
    let upload = field(&["uploadUrl", "presignedUrl", "signedUrl", "url"])?;
    let media = field(&["publicUrl", "fileUrl", "mediaUrl", "cdnUrl"])
        .or_else(|| field(&["url"]).filter(|url| *url != upload))
        .unwrap_or_else(|| without_query(&upload));
    Some((upload, media))
}

fn without_query(url: &str) -> String {
    url.split(['?', '#']).next().unwrap_or(url).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_upload_url_and_a_public_url() {
        let answer = json!({"uploadUrl": "https://s/put?sig=1", "publicUrl": "https://cdn/a.png"});
        assert_eq!(
            media_urls(&answer),
            Some(("https://s/put?sig=1".into(), "https://cdn/a.png".into()))
        );
    }

    #[test]
    fn a_lone_url_is_both_without_its_signature() {
        let answer = json!({"url": "https://s/a.png?X-Amz-Signature=abc"});
        assert_eq!(
            media_urls(&answer),
            Some((
                "https://s/a.png?X-Amz-Signature=abc".into(),
                "https://s/a.png".into()
            ))
        );
        assert_eq!(
            media_urls(&json!("https://s/b.png?sig=2")),
            Some(("https://s/b.png?sig=2".into(), "https://s/b.png".into()))
        );
    }

    #[test]
    fn a_presigned_url_and_a_plain_url() {
        let answer = json!({"presignedUrl": "https://s/put?sig=1", "url": "https://cdn/a.png"});
        assert_eq!(
            media_urls(&answer),
            Some(("https://s/put?sig=1".into(), "https://cdn/a.png".into()))
        );
    }

    #[test]
    fn no_url_is_none() {
        assert_eq!(media_urls(&json!({"key": "k"})), None);
        assert_eq!(media_urls(&json!(null)), None);
        assert_eq!(media_urls(&json!({"url": 5})), None);
    }
}

#[cfg(test)]
mod debug_tests {
    use super::*;

    #[test]
    fn debug_hides_the_signature_of_the_presign_answer() {
        let stored = StoredMedia {
            url: "https://cdn.example.com/media/a.png".into(),
            route: MediaRoute::Presigned,
            uploaded: None,
            presigned: Some(json!({
                "uploadUrl": "https://s.example/put/a.png?X-Amz-Signature=5ec2e7",
                "publicUrl": "https://cdn.example.com/media/a.png",
            })),
        };
        let shown = format!("{stored:?}");
        assert!(!shown.contains("5ec2e7"), "{shown}");
        assert!(
            shown.contains(r#""uploadUrl": "https://s.example/put/a.png?<redacted>""#),
            "{shown}"
        );
        assert!(
            shown.starts_with(
                r#"StoredMedia { url: "https://cdn.example.com/media/a.png", route: Presigned"#
            ),
            "{shown}"
        );
    }
}
