//! The error of an upload: which step failed, for which part, why, and what became of the
//! upload.

use std::fmt;
use std::io;

use crate::runtime::error::Error;

use super::clip::ClipUploadState;

/// The step of an upload flow that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UploadStep {
    /// Checking the arguments (part size, part count); nothing was sent.
    Plan,
    /// Starting the upload: `POST /clips/upload/init`, `POST /kb/{kbId}/docs/upload` or
    /// `POST /media/presign`.
    Start,
    /// Signing part URLs: `POST /clips/upload/presign`.
    Presign,
    /// Reading the source.
    Read,
    /// Storing the content: a `PUT` to a presigned URL, or `POST /media/upload`.
    Put,
    /// Completing the upload: `POST /clips/upload/complete` or `POST /kb/{kbId}/docs/complete`.
    Complete,
}

impl fmt::Display for UploadStep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            UploadStep::Plan => "planning the upload",
            UploadStep::Start => "starting the upload",
            UploadStep::Presign => "signing part URLs",
            UploadStep::Read => "reading the source",
            UploadStep::Put => "storing",
            UploadStep::Complete => "completing the upload",
        })
    }
}

/// What was done about the multipart upload after a failure.
#[derive(Debug)]
#[non_exhaustive]
pub enum AbortOutcome {
    /// Nothing to abort: the failure came before the upload existed, or the flow has no
    /// abort (knowledge-base documents, post media).
    NotStarted,
    /// Left open on purpose ([`UploadOptions::abort_on_failure`](super::UploadOptions::abort_on_failure)
    /// false): resume it from [`UploadError::state`].
    LeftOpen,
    /// Aborted: the half-created clip and its parts are discarded.
    Aborted,
    /// The abort failed too (best effort); the upload may linger until storage expires it.
    AbortFailed(Error),
}

/// Why an upload failed: the [`step`](Self::step), the [`part`](Self::part) where there is
/// one, the underlying [`Error`] or [`io::Error`], and what became of the upload.
///
/// `Display` reads e.g. `upload failed storing part 3 (aborted): upload_to_presigned_url:
/// HTTP 403 Forbidden: …`. Like [`Error`], it never contains the API key, nor a presigned
/// URL.
#[derive(Debug)]
pub struct UploadError {
    step: UploadStep,
    part: Option<u32>,
    cause: Cause,
    abort: AbortOutcome,
    state: Option<Box<ClipUploadState>>,
}

#[derive(Debug)]
enum Cause {
    Client(Error),
    Io(io::Error),
}

impl UploadError {
    pub(super) fn client(step: UploadStep, part: Option<u32>, error: Error) -> Self {
        UploadError {
            step,
            part,
            cause: Cause::Client(error),
            abort: AbortOutcome::NotStarted,
            state: None,
        }
    }

    pub(super) fn io(part: Option<u32>, error: io::Error) -> Self {
        UploadError {
            step: UploadStep::Read,
            part,
            cause: Cause::Io(error),
            abort: AbortOutcome::NotStarted,
            state: None,
        }
    }

    pub(super) fn with_abort(mut self, abort: AbortOutcome) -> Self {
        self.abort = abort;
        self
    }

    pub(super) fn with_state(mut self, state: ClipUploadState) -> Self {
        self.state = Some(Box::new(state));
        self
    }

    /// The step that failed.
    pub fn step(&self) -> UploadStep {
        self.step
    }

    /// The 1-based number of the part that failed, for a failure of one part (reading it,
    /// signing its URL or storing it).
    pub fn part(&self) -> Option<u32> {
        self.part
    }

    /// The client's error, for a failed request or invalid arguments (every step but
    /// [`Read`](UploadStep::Read)).
    pub fn error(&self) -> Option<&Error> {
        match &self.cause {
            Cause::Client(error) => Some(error),
            Cause::Io(_) => None,
        }
    }

    /// The I/O error, for a failure to read the source.
    pub fn io_error(&self) -> Option<&io::Error> {
        match &self.cause {
            Cause::Io(error) => Some(error),
            Cause::Client(_) => None,
        }
    }

    /// What became of the multipart upload.
    pub fn abort(&self) -> &AbortOutcome {
        &self.abort
    }

    /// Whether the multipart upload was aborted.
    pub fn is_aborted(&self) -> bool {
        matches!(self.abort, AbortOutcome::Aborted)
    }

    /// The state of a clip upload left open (see [`AbortOutcome::LeftOpen`]): pass it to
    /// [`Client::resume_clip_upload`](crate::Client::resume_clip_upload) to finish it.
    pub fn state(&self) -> Option<&ClipUploadState> {
        self.state.as_deref()
    }
}

impl fmt::Display for UploadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "upload failed {}", self.step)?;
        if let Some(part) = self.part {
            write!(f, " part {part}")?;
        }
        match &self.abort {
            AbortOutcome::NotStarted => {}
            AbortOutcome::LeftOpen => f.write_str(" (upload left open to resume)")?,
            AbortOutcome::Aborted => f.write_str(" (aborted)")?,
            AbortOutcome::AbortFailed(error) => write!(f, " (the abort failed too: {error})")?,
        }
        match &self.cause {
            Cause::Client(error) => write!(f, ": {error}"),
            Cause::Io(error) => write!(f, ": {error}"),
        }
    }
}

impl std::error::Error for UploadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.cause {
            Cause::Client(error) => Some(error),
            Cause::Io(error) => Some(error),
        }
    }
}
