//! A knowledge-base document in one call: start → PUT to storage → complete.

use crate::api::knowledge_base::{
    CompleteKbDocumentUploadRequest, KbDocumentUpload, KnowledgeBase, StartKbDocumentUploadRequest,
};
use crate::runtime::client::Client;
use crate::runtime::error::{Error, ErrorKind};

use super::error::{UploadError, UploadStep};
use super::options::{UploadOptions, UploadProgress};
use super::source::UploadSource;

impl Client {
    /// Uploads a document (PDF, DOCX, TXT) into the knowledge base `kb_id` and starts its
    /// ingestion, in one call: `POST /kb/{kbId}/docs/upload` → a `PUT` of the file to the
    /// presigned URL it answers → `POST /kb/{kbId}/docs/complete` with the storage key.
    /// Answers what the first step answered (the URL and the key); follow the new document
    /// with [`list_kb_documents`](KnowledgeBase::list_kb_documents) (large PDFs take
    /// 30–90 s to ingest).
    ///
    /// `request` names the file and its MIME type; the `PUT` sends that MIME type as its
    /// `Content-Type` (a URL signed for a type expects it) and no API key, and is retried
    /// per [`options.part_retry`](UploadOptions::part_retry). The document goes in one
    /// request, so it is held in memory whole once. Progress is reported as one part.
    ///
    /// # Errors
    /// An [`UploadError`] naming the step; this flow has no abort.
    /// - [`UploadStep::Start`]: the API's error, or an answer with no URL or no key
    ///   ([`ErrorKind::Decode`]).
    /// - [`UploadStep::Read`]: the source failed, or is not of its stated length.
    /// - [`UploadStep::Put`]: storage refused the file after the retries.
    /// - [`UploadStep::Complete`]: the API's error for the completion.
    pub async fn upload_kb_document(
        &self,
        kb_id: &str,
        request: &StartKbDocumentUploadRequest,
        mut source: UploadSource,
        options: &UploadOptions,
    ) -> Result<KbDocumentUpload, UploadError> {
        let mut progress = UploadProgress {
            bytes_done: 0,
            bytes_total: source.len(),
            parts_done: 0,
            parts_total: 1,
        };
        options.report(progress);
        let started = self
            .start_kb_document_upload(kb_id, request)
            .await
            .map_err(|e| UploadError::client(UploadStep::Start, None, e))?;
        let missing = |field: &str| {
            let error = Error::new(ErrorKind::Decode)
                .with_operation("start_kb_document_upload")
                .with_detail(format!("the answer has no {field}"));
            UploadError::client(UploadStep::Start, None, error)
        };
        let url = started
            .url
            .as_deref()
            .ok_or_else(|| missing("upload URL"))?;
        let key = started
            .key
            .as_deref()
            .ok_or_else(|| missing("storage key"))?;
        let data = source
            .read_all()
            .await
            .map_err(|e| UploadError::io(None, e))?;
        self.with_retry_policy(options.part_retry)
            .upload_to_presigned_url(url, data, Some(&request.mime_type))
            .await
            .map_err(|e| UploadError::client(UploadStep::Put, None, e))?;
        progress.bytes_done = progress.bytes_total;
        progress.parts_done = 1;
        options.report(progress);
        self.complete_kb_document_upload(
            kb_id,
            &CompleteKbDocumentUploadRequest::builder().key(key).build(),
        )
        .await
        .map_err(|e| UploadError::client(UploadStep::Complete, None, e))?;
        Ok(started)
    }
}
