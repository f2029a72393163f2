//! A video in, a clip out: init → presign → PUT the parts → complete, aborting on failure,
//! and resumable from a saved state.

use serde::{Deserialize, Serialize};

use crate::api::clips::{
    ClipUpload, Clips, CompleteClipUploadRequest, CompletedClipUpload, InitClipUploadRequest,
    UploadedPart,
};
use crate::runtime::client::Client;
use crate::runtime::error::Error;

use super::error::{AbortOutcome, UploadError, UploadStep};
use super::options::UploadOptions;
use super::parts::{self, Plan};
use super::source::UploadSource;

/// Where a clip upload stands: enough to resume it after a crash without re-sending the
/// parts already stored. Serialize it (e.g. to JSON) from
/// [`UploadOptions::on_checkpoint`]; it holds no secret (no API key, no presigned URL).
///
/// ```
/// use autoposting_client::upload::ClipUploadState;
///
/// let saved = r#"{"upload":{"clipId":"clip_1","uploadId":"up_1","key":"uploads/clip_1.mp4"},
///     "fileSize":20971520,"partSize":16777216,"parts":[{"partNumber":1,"etag":"\"e1\""}]}"#;
/// let state: ClipUploadState = serde_json::from_str(saved).unwrap();
/// assert_eq!(state.parts[0].etag, "\"e1\"");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ClipUploadState {
    /// The multipart upload: clip id, upload id and storage key.
    pub upload: ClipUpload,
    /// The source's length in bytes; a resumed upload's source must have the same.
    pub file_size: u64,
    /// The part size in bytes; a resumed upload keeps it.
    pub part_size: u64,
    /// The parts stored so far, with their ETags, in the order they were stored.
    pub parts: Vec<DonePart>,
}

/// A part storage has acknowledged.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DonePart {
    /// The part's 1-based number.
    pub part_number: u32,
    /// Storage's `ETag` for it, verbatim, quotes included.
    pub etag: String,
}

impl Client {
    /// Uploads a video as a new clip, in one call: `POST /clips/upload/init` →
    /// `POST /clips/upload/presign` → a `PUT` of each part to its presigned URL →
    /// `POST /clips/upload/complete`. Answers what the completion answers: the clip id and
    /// its status (normally `processing`); poll [`get_clip`](Clips::get_clip) until it is
    /// ready.
    ///
    /// `request` describes the clip (brand, title, file name, MIME type); its `file_size` is
    /// replaced by `source`'s length. `source` is read forward once, a part at a time.
    ///
    /// - Parts are [`options.part_size`](UploadOptions::part_size) bytes (16 MiB by default,
    ///   raised to keep within 10,000 parts) but the last, and sent
    ///   [`options.concurrency`](UploadOptions::concurrency) at a time (4 by default), so
    ///   at most `part_size × (concurrency + 1)` bytes of the source are in memory.
    /// - Each `PUT` carries no API key, is retried per
    ///   [`options.part_retry`](UploadOptions::part_retry), and must finish within the
    ///   client's [timeout](crate::ClientBuilder::timeout) (30 s by default: raise it for
    ///   large parts over a slow link). The `ETag`s are completed verbatim.
    /// - Progress and checkpoints are reported through
    ///   [`on_progress`](UploadOptions::on_progress) and
    ///   [`on_checkpoint`](UploadOptions::on_checkpoint).
    ///
    /// Dropping the future cancels the parts in flight and leaves the multipart upload
    /// open: resume it from the last checkpoint with
    /// [`resume_clip_upload`](Client::resume_clip_upload), or discard it with
    /// [`abort_clip_upload`](Clips::abort_clip_upload).
    ///
    /// # Errors
    /// An [`UploadError`] naming the [step](UploadError::step) and, where there is one, the
    /// [part](UploadError::part). After init succeeded, the upload is aborted
    /// (`POST /clips/upload/abort`, best effort: see [`UploadError::abort`]) unless
    /// [`abort_on_failure`](UploadOptions::abort_on_failure) is off, in which case the
    /// error carries the [state](UploadError::state) to resume from. A completion whose
    /// outcome is unknown ([`Error::is_outcome_unknown`]) is never followed by an abort,
    /// since it may have succeeded; the upload is left open with its state.
    /// - [`UploadStep::Plan`]: a part size below 5 MiB or a file too large; nothing sent.
    /// - [`UploadStep::Start`], [`Presign`](UploadStep::Presign),
    ///   [`Complete`](UploadStep::Complete): the API's error for that call.
    /// - [`UploadStep::Read`]: the source failed, or ended before (or ran past) its length.
    /// - [`UploadStep::Put`]: storage refused a part after the retries (e.g. 403 for an
    ///   expired URL), or answered no `ETag`.
    pub async fn upload_clip(
        &self,
        request: &InitClipUploadRequest,
        mut source: UploadSource,
        options: &UploadOptions,
    ) -> Result<CompletedClipUpload, UploadError> {
        let plan = part_size_for_source(&source, options)
            .map_err(|e| UploadError::client(UploadStep::Plan, None, e))?;
        let mut request = request.clone();
        request.file_size = source.len();
        let upload = self
            .init_clip_upload(&request)
            .await
            .map_err(|e| UploadError::client(UploadStep::Start, None, e))?;
        let state = ClipUploadState {
            upload,
            file_size: plan.file_size,
            part_size: plan.part_size,
            parts: Vec::new(),
        };
        options.checkpoint(&state);
        self.finish_clip_upload(state, plan, &mut source, options)
            .await
    }

    /// Finishes a clip upload from a saved [`ClipUploadState`]: signs fresh URLs for the
    /// parts not in `state.parts`, sends only those, and completes the upload with every
    /// part's ETag. `source` must be the same content as before (its length is checked);
    /// a file seeks past the parts already done, a reader reads and discards them.
    ///
    /// Everything else is as in [`upload_clip`](Client::upload_clip): options, progress
    /// (starting from the parts already done), checkpoints, and abort on failure.
    ///
    /// # Errors
    /// As [`upload_clip`](Client::upload_clip); [`UploadStep::Plan`] also when the source's
    /// length is not `state.file_size` or the saved part size is invalid. Such a mismatch
    /// aborts nothing: the saved upload may belong to another file.
    pub async fn resume_clip_upload(
        &self,
        state: ClipUploadState,
        mut source: UploadSource,
        options: &UploadOptions,
    ) -> Result<CompletedClipUpload, UploadError> {
        if source.len() != state.file_size {
            let error = Error::invalid_argument(format!(
                "the source has {} bytes, the saved upload {}",
                source.len(),
                state.file_size
            ));
            return Err(UploadError::client(UploadStep::Plan, None, error));
        }
        let plan = Plan::new(state.file_size, state.part_size)
            .map_err(|e| UploadError::client(UploadStep::Plan, None, e))?;
        self.finish_clip_upload(state, plan, &mut source, options)
            .await
    }

    /// The steps after init, shared by a new upload and a resumed one.
    async fn finish_clip_upload(
        &self,
        mut state: ClipUploadState,
        plan: Plan,
        source: &mut UploadSource,
        options: &UploadOptions,
    ) -> Result<CompletedClipUpload, UploadError> {
        let sent = parts::send_parts(self, &plan, source, &mut state, options).await;
        let result = match sent {
            Ok(()) => {
                state.parts.sort_by_key(|part| part.part_number);
                let parts = state
                    .parts
                    .iter()
                    .map(|part| UploadedPart::new(part.part_number, part.etag.clone()))
                    .collect();
                self.complete_clip_upload(&CompleteClipUploadRequest::new(&state.upload, parts))
                    .await
                    .map_err(|e| UploadError::client(UploadStep::Complete, None, e))
            }
            Err(error) => Err(error),
        };
        match result {
            Ok(done) => Ok(done),
            // A completion whose outcome is unknown may have succeeded: aborting then could
            // discard a finished clip.
            Err(error)
                if !options.abort_on_failure
                    || (error.step() == UploadStep::Complete
                        && error.error().is_some_and(Error::is_outcome_unknown)) =>
            {
                Err(error.with_abort(AbortOutcome::LeftOpen).with_state(state))
            }
            Err(error) => {
                let abort = match self.abort_clip_upload(&state.upload).await {
                    Ok(()) => AbortOutcome::Aborted,
                    Err(abort_error) => AbortOutcome::AbortFailed(abort_error),
                };
                Err(error.with_abort(abort))
            }
        }
    }
}

/// The plan of a new upload of `source`.
fn part_size_for_source(source: &UploadSource, options: &UploadOptions) -> crate::Result<Plan> {
    let part_size = parts::part_size_for(source.len(), options.part_size)?;
    Plan::new(source.len(), part_size)
}
