//! Rendering a clip's candidate: the credit check before it, the render request and its
//! answer, and the render jobs. Re-exported by [`clips`](super).

use serde::{Deserialize, Serialize};

#[cfg(doc)]
use super::{Clip, Clips};
use crate::common::spelling::keeps_spelling;
use crate::common::string_enum::string_enum;

/// The body of [`Clips::check_clip_credits`].
///
/// ```json
/// {"clipId": "clip_01HXYZ", "candidateId": "cand_01"}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ClipCreditCheckRequest {
    /// `clipId`: the clip to render (required), e.g. `clip_01HXYZ`.
    pub clip_id: String,
    /// `candidateId`: the candidate to render (required), e.g. `cand_01`.
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
///
/// ```json
/// {}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ClipCreditCheck {
    /// Every field of the answer, as received.
    #[serde(flatten)]
    pub details: serde_json::Map<String, serde_json::Value>,
}

/// The body of [`Clips::render_clip`], built with [`RenderClipRequest::builder`]:
/// `candidate_id` is required, the other fields are left out of the JSON when unset.
///
/// ```
/// use autoposting_client::clips::RenderClipRequest;
///
/// let request = RenderClipRequest::builder()
///     .candidate_id("cand_01")
///     .template("default")
///     .captions(true)
///     .build();
/// ```
///
/// ```json
/// {"candidateId": "cand_01", "template": "default", "captions": true}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RenderClipRequest {
    /// `candidateId`: the candidate to render (required), e.g. `cand_01`.
    pub candidate_id: String,
    /// `template`: the render template or style, e.g. `default`; left out when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// `captions`: whether to burn captions into the video; left out when `None`, which the API takes
    /// as `false`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub captions: Option<bool>,
    /// `editRevision`: the clip's current [`edit_revision`](Clip::edit_revision), which the SDK sends so
    /// that a render never uses a stale edit; left out when `None`. Not on the reference
    /// page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edit_revision: Option<u64>,
}

/// What [`Clips::render_clip`] answers, in either known shape: the reference's single job
/// (`jobId`, `status`, `estimatedDurationSec`) or the SDK's job-id lists (`jobIds`,
/// `activeJobIds`, `reusedJobIds`). [`ClipRender::all_job_ids`] reads both.
///
/// ```json
/// {"jobId": "job_01HXYZ", "status": "queued", "estimatedDurationSec": 120}
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ClipRender {
    /// `jobId`: the queued job's id, e.g. `job_01HXYZ` (reference).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_id: Option<String>,
    /// `status`: the job's status, [`Queued`](RenderJobStatus::Queued) on submission (reference).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<RenderJobStatus>,
    /// `estimatedDurationSec`: the expected render time in **seconds**, fractional values
    /// possible (reference).
    #[serde(
        serialize_with = "crate::common::number::optional_whole_as_integer",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub estimated_duration_sec: Option<f64>,
    /// `jobIds`: every job the request concerns (SDK).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_ids: Option<Vec<String>>,
    /// `activeJobIds`: the jobs still running (SDK).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_job_ids: Option<Vec<String>>,
    /// `reusedJobIds`: jobs reused from an earlier identical render (SDK).
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

keeps_spelling! {
    /// A render job of a clip, as [`Clips::list_clip_jobs`] lists it.
    ///
    /// The job's id comes as `jobId` (reference) or `id`; it is written back under the key
    /// it came in, and a job carrying both decodes (the first one wins).
    ///
    /// ```json
    /// {"jobId": "job_01HXYZ", "status": "queued", "estimatedDurationSec": 120}
    /// ```
    #[derive(Clone, PartialEq)]
    #[non_exhaustive]
    pub struct RenderJob as "RenderJob" {
        /// `jobId` (or `id`): the job id, e.g. `job_01HXYZ`.
        pub job_id: String,
        /// `status`: where the job is.
        pub status: RenderJobStatus,
        /// `estimatedDurationSec`: the expected render time in **seconds**, fractional values
        /// possible, where given.
        #[serde(
            serialize_with = "crate::common::number::optional_whole_as_integer",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub estimated_duration_sec: Option<f64>,
    }
    aliases = [("id", "jobId")];
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
