//! Uploads to presigned storage URLs: the middle step of the clip multipart upload
//! (`POST /clips/upload/presign` gives the URLs) and of knowledge-base document uploads.
//! These requests go to the storage service, not the API, and never carry the API key.

use bytes::Bytes;
use reqwest::header::{CONTENT_TYPE, ETAG, HeaderMap, HeaderValue};
use reqwest::{Method, StatusCode, Url};

use crate::runtime::client::Client;
use crate::runtime::endpoint::Endpoint;
use crate::runtime::error::{Error, ErrorKind, Result};
use crate::runtime::transport::{self, Body, Prepared};

/// The run-time description of the upload, for retries and tracing.
static PUT_PRESIGNED: Endpoint = Endpoint::__new(
    Method::PUT,
    "{presigned_url}",
    "upload_to_presigned_url",
    &[""],
    true,
    false,
);

/// What storage answered to an upload.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PresignedUpload {
    /// The HTTP status (a 2xx).
    pub status: StatusCode,
    /// The `ETag` header exactly as sent, quotes included (`"9b2cf535f27731c974343645a3985328"`):
    /// `POST /clips/upload/complete` wants it verbatim for each part.
    pub etag: Option<String>,
}

impl Client {
    /// Uploads `data` to a presigned storage URL with `PUT`, as the clip upload flow's third
    /// step does for each part (parts of at least 5 MB except the last, at most 10,000).
    ///
    /// The request carries no API key, only the optional `content_type`; it is retried like
    /// any PUT per the client's [`RetryPolicy`](crate::RetryPolicy) (the bytes are shared, not
    /// copied, between attempts). The URL must be `https`, or `http` on a loopback address.
    ///
    /// # Errors
    /// - [`ErrorKind::InvalidArgument`] for a URL that does not parse or is plain `http` to
    ///   another host, or an invalid content type; nothing is sent.
    /// - [`ErrorKind::Status`] with the status and a body snippet when storage refuses it
    ///   (e.g. 403 for an expired signature).
    /// - Transport errors as for every call.
    pub async fn upload_to_presigned_url(
        &self,
        url: &str,
        data: impl Into<Bytes>,
        content_type: Option<&str>,
    ) -> Result<PresignedUpload> {
        let operation = PUT_PRESIGNED.operation;
        let url = Url::parse(url).map_err(|e| {
            Error::invalid_argument(format!("the presigned URL is not a valid URL: {e}"))
                .with_operation(operation)
        })?;
        let secure = url.scheme() == "https"
            || (url.scheme() == "http" && crate::runtime::client::is_loopback(&url));
        if !secure {
            let detail = "a presigned URL must use https (or http on a loopback address)";
            return Err(Error::invalid_argument(detail).with_operation(operation));
        }
        let mut headers = HeaderMap::new();
        if let Some(mime) = content_type {
            let value = HeaderValue::from_str(mime).map_err(|_| {
                Error::invalid_argument(format!("{mime:?} is not a valid content type"))
                    .with_operation(operation)
            })?;
            headers.insert(CONTENT_TYPE, value);
        }
        let prepared = Prepared {
            url,
            headers,
            body: Body::Raw(data.into()),
            credentials: false,
        };
        let received = transport::send(self, &PUT_PRESIGNED, &prepared)
            .await
            .map_err(|e| e.with_operation(operation))?;
        if !received.status.is_success() {
            return Err(Error::new(ErrorKind::Status)
                .with_status(received.status)
                .with_operation(operation)
                .with_attempts(received.attempts)
                .with_body(received.body.head()));
        }
        let etag = received
            .headers
            .get(ETAG)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        Ok(PresignedUpload {
            status: received.status,
            etag,
        })
    }
}
