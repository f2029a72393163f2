//! How an upload runs: part size, concurrency, retries of storage PUTs, abort on failure,
//! and what it reports as it goes.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::api::clips::DEFAULT_PART_SIZE;
use crate::runtime::retry::RetryPolicy;

use super::clip::ClipUploadState;

type ProgressFn = Arc<dyn Fn(UploadProgress) + Send + Sync>;
type CheckpointFn = Arc<dyn Fn(&ClipUploadState) + Send + Sync>;

/// How far an upload is: bytes and parts stored out of the total.
///
/// Counted when storage has acknowledged a part, so `bytes_done` grows a part at a time.
/// A resumed upload starts with the parts done before. To drive an `indicatif` progress
/// bar: `bar.set_length(p.bytes_total); bar.set_position(p.bytes_done)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct UploadProgress {
    /// Bytes stored so far.
    pub bytes_done: u64,
    /// The source's length in bytes.
    pub bytes_total: u64,
    /// Parts stored so far (a single-request upload has one part).
    pub parts_done: u32,
    /// The number of parts.
    pub parts_total: u32,
}

/// Options of the upload calls. The default: 16 MiB parts, 4 at a time, each part `PUT`
/// retried up to 4 times with backoff, abort on failure.
///
/// ```
/// use autoposting_client::upload::UploadOptions;
///
/// let options = UploadOptions::default()
///     .part_size(32 * 1024 * 1024)
///     .concurrency(8)
///     .on_progress(|p| eprintln!("{}/{} bytes", p.bytes_done, p.bytes_total));
/// ```
#[derive(Clone)]
#[non_exhaustive]
pub struct UploadOptions {
    /// The size of every part but the last, in bytes (default 16 MiB, as the official SDK).
    /// At least [`MIN_PART_SIZE`](crate::clips::MIN_PART_SIZE) (5 MiB); raised if the file
    /// would otherwise need more than [`MAX_PARTS`](crate::clips::MAX_PARTS) parts (see
    /// [`part_size_for`](super::part_size_for)). Multipart clip uploads only.
    pub part_size: u64,
    /// How many parts are sent at once (default 4, at least 1). At most `concurrency + 1`
    /// parts are in memory at a time: those in flight and the one being read.
    pub concurrency: usize,
    /// How each storage `PUT` is retried (connection failures, timeouts, 408, 429, 500,
    /// 502, 503, 504; a `Retry-After` is honoured):
    /// default 4 retries, the first wait at most 500 ms, no wait over 10 s.
    pub part_retry: RetryPolicy,
    /// Whether a failed clip upload is aborted (`POST /clips/upload/abort`), default true.
    /// When false, the upload is left open and the error carries its
    /// [`state`](super::UploadError::state), to resume with
    /// [`Client::resume_clip_upload`](crate::Client::resume_clip_upload).
    pub abort_on_failure: bool,
    progress: Option<ProgressFn>,
    checkpoint: Option<CheckpointFn>,
}

impl Default for UploadOptions {
    fn default() -> Self {
        UploadOptions {
            part_size: DEFAULT_PART_SIZE,
            concurrency: 4,
            part_retry: RetryPolicy::default()
                .max_retries(4)
                .base_delay(Duration::from_millis(500))
                .max_delay(Duration::from_secs(10)),
            abort_on_failure: true,
            progress: None,
            checkpoint: None,
        }
    }
}

impl fmt::Debug for UploadOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UploadOptions")
            .field("part_size", &self.part_size)
            .field("concurrency", &self.concurrency)
            .field("part_retry", &self.part_retry)
            .field("abort_on_failure", &self.abort_on_failure)
            .field("on_progress", &self.progress.is_some())
            .field("on_checkpoint", &self.checkpoint.is_some())
            .finish()
    }
}

impl UploadOptions {
    /// Sets [`part_size`](Self::part_size), in bytes.
    pub fn part_size(mut self, bytes: u64) -> Self {
        self.part_size = bytes;
        self
    }

    /// Sets [`concurrency`](Self::concurrency); 0 counts as 1.
    pub fn concurrency(mut self, parts: usize) -> Self {
        self.concurrency = parts;
        self
    }

    /// Sets [`part_retry`](Self::part_retry).
    pub fn part_retry(mut self, policy: RetryPolicy) -> Self {
        self.part_retry = policy;
        self
    }

    /// Sets [`abort_on_failure`](Self::abort_on_failure).
    pub fn abort_on_failure(mut self, abort: bool) -> Self {
        self.abort_on_failure = abort;
        self
    }

    /// Calls `report` once at the start and after every part stored. It runs on the
    /// upload's task: keep it short.
    pub fn on_progress(mut self, report: impl Fn(UploadProgress) + Send + Sync + 'static) -> Self {
        self.progress = Some(Arc::new(report));
        self
    }

    /// Calls `save` with a clip upload's state once the upload exists and after every part
    /// stored: persist it (it is `Serialize`) to resume after a crash with
    /// [`Client::resume_clip_upload`](crate::Client::resume_clip_upload). It runs on the
    /// upload's task: keep it short.
    pub fn on_checkpoint(
        mut self,
        save: impl Fn(&ClipUploadState) + Send + Sync + 'static,
    ) -> Self {
        self.checkpoint = Some(Arc::new(save));
        self
    }

    pub(super) fn report(&self, progress: UploadProgress) {
        if let Some(report) = &self.progress {
            report(progress);
        }
    }

    pub(super) fn checkpoint(&self, state: &ClipUploadState) {
        if let Some(save) = &self.checkpoint {
            save(state);
        }
    }

    pub(super) fn workers(&self) -> usize {
        self.concurrency.max(1)
    }
}
