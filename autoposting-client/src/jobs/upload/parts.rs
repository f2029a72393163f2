//! How a file is cut into parts, and the parts sent concurrently, each retried, with at
//! most `concurrency + 1` of them in memory.

use std::collections::HashMap;

use tokio::task::JoinSet;

use crate::api::clips::{
    ClipUpload, Clips, MAX_PARTS, MIN_PART_SIZE, PresignClipUploadRequest, PresignedClipParts,
};
use crate::common::PresignedUpload;
use crate::runtime::client::Client;
use crate::runtime::error::{Error, ErrorKind, Result};

use super::clip::{ClipUploadState, DonePart};
use super::error::{UploadError, UploadStep};
use super::options::{UploadOptions, UploadProgress};
use super::source::UploadSource;

/// Part URLs are signed this many at a time, as the parts come: a URL signed for a part
/// that is sent an hour later may have expired.
const PRESIGN_BATCH: usize = 100;

/// The part size an upload of `file_size` bytes uses when `requested` is asked for: at
/// least [`MIN_PART_SIZE`], and large enough that the file needs at most [`MAX_PARTS`]
/// parts (rounded up to a whole MiB).
///
/// ```
/// use autoposting_client::upload::part_size_for;
///
/// const MIB: u64 = 1024 * 1024;
/// assert_eq!(part_size_for(100 * MIB, 16 * MIB).unwrap(), 16 * MIB);
/// // 200 GiB in 16 MiB parts would be 12,800 parts: 21 MiB parts make 9,753.
/// assert_eq!(part_size_for(200 * 1024 * MIB, 16 * MIB).unwrap(), 21 * MIB);
/// assert!(part_size_for(100 * MIB, MIB).is_err());
/// ```
///
/// # Errors
/// [`ErrorKind::InvalidArgument`] when `requested` is below [`MIN_PART_SIZE`] or the file is
/// too large for any part size storage accepts (over 5 GiB × 10,000).
pub fn part_size_for(file_size: u64, requested: u64) -> Result<u64> {
    const MIB: u64 = 1024 * 1024;
    /// The largest part S3 and R2 accept.
    const MAX_PART_SIZE: u64 = 5 * 1024 * MIB;
    if requested < MIN_PART_SIZE {
        return Err(Error::invalid_argument(format!(
            "a part size of {requested} bytes is below the storage's minimum of {MIN_PART_SIZE}"
        )));
    }
    let least = file_size.div_ceil(u64::from(MAX_PARTS)).div_ceil(MIB) * MIB;
    let size = requested.max(least);
    if size > MAX_PART_SIZE {
        return Err(Error::invalid_argument(format!(
            "a file of {file_size} bytes is too large for {MAX_PARTS} parts of at most {MAX_PART_SIZE} bytes"
        )));
    }
    Ok(size)
}

/// A file cut into parts: every part `part_size` bytes but the last, which may be shorter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Plan {
    pub(super) file_size: u64,
    pub(super) part_size: u64,
    pub(super) parts: u32,
}

impl Plan {
    pub(super) fn new(file_size: u64, part_size: u64) -> Result<Plan> {
        if part_size == 0 {
            return Err(Error::invalid_argument("the part size is 0"));
        }
        // An empty file is one empty part: a multipart upload needs at least one.
        let parts = file_size.div_ceil(part_size).max(1);
        let parts = u32::try_from(parts)
            .ok()
            .filter(|parts| *parts <= MAX_PARTS)
            .ok_or_else(|| {
                Error::invalid_argument(format!(
                    "{file_size} bytes in parts of {part_size} make more than {MAX_PARTS} parts"
                ))
            })?;
        Ok(Plan {
            file_size,
            part_size,
            parts,
        })
    }

    /// Where part `number` (1-based) starts, and its length.
    pub(super) fn range(&self, number: u32) -> (u64, u64) {
        let offset = u64::from(number - 1) * self.part_size;
        (offset, self.part_size.min(self.file_size - offset))
    }
}

/// What one part's task answers: its number, its length, and storage's answer.
type PartResult = (u32, u64, Result<PresignedUpload>);

/// Sends every part of `plan` not yet in `state.parts`, at most `options.workers()` at a
/// time, recording each as it is stored (and checkpointing). On failure, the parts still in
/// flight are cancelled and the error names the step and part.
pub(super) async fn send_parts(
    client: &Client,
    plan: &Plan,
    source: &mut UploadSource,
    state: &mut ClipUploadState,
    options: &UploadOptions,
) -> Result<(), UploadError> {
    let storage = client.with_retry_policy(options.part_retry);
    let workers = options.workers();
    let mut progress = UploadProgress {
        bytes_done: 0,
        bytes_total: plan.file_size,
        parts_done: 0,
        parts_total: plan.parts,
    };
    let mut pending: Vec<u32> = (1..=plan.parts).collect();
    state
        .parts
        .retain(|part| part.part_number >= 1 && part.part_number <= plan.parts);
    state.parts.sort_by_key(|part| part.part_number);
    state.parts.dedup_by_key(|part| part.part_number);
    for part in &state.parts {
        progress.bytes_done += plan.range(part.part_number).1;
        progress.parts_done += 1;
    }
    pending.retain(|n| {
        state
            .parts
            .binary_search_by_key(n, |p| p.part_number)
            .is_err()
    });
    options.report(progress);

    let mut urls: HashMap<u32, String> = HashMap::new();
    // Dropped on any return: the parts still in flight are cancelled with it.
    let mut in_flight: JoinSet<PartResult> = JoinSet::new();
    let mut position = 0;
    for (index, &number) in pending.iter().enumerate() {
        if !urls.contains_key(&number) {
            let batch: Vec<u32> = pending[index..]
                .iter()
                .take(PRESIGN_BATCH)
                .copied()
                .collect();
            let signed = presign(client, &state.upload, batch)
                .await
                .map_err(|e| UploadError::client(UploadStep::Presign, Some(number), e))?;
            urls.extend(
                signed
                    .presigned_urls
                    .into_iter()
                    .map(|p| (p.part_number, p.url)),
            );
        }
        let url = urls.remove(&number).ok_or_else(|| {
            let error = Error::new(ErrorKind::Decode)
                .with_operation("presign_clip_upload_parts")
                .with_detail(format!("the answer has no URL for part {number}"));
            UploadError::client(UploadStep::Presign, Some(number), error)
        })?;
        let (offset, len) = plan.range(number);
        // Read while up to `workers` parts are in flight: the `+ 1` of the memory bound.
        let data = source
            .read_at(&mut position, offset, len)
            .await
            .map_err(|e| UploadError::io(Some(number), e))?;
        while in_flight.len() >= workers {
            if let Some(joined) = in_flight.join_next().await {
                record(joined, plan, state, &mut progress, options)?;
            }
        }
        let storage = storage.clone();
        in_flight.spawn(async move {
            let stored = storage.upload_to_presigned_url(&url, data, None).await;
            (number, len, stored)
        });
    }
    if pending.last() == Some(&plan.parts) {
        source
            .check_end()
            .await
            .map_err(|e| UploadError::io(Some(plan.parts), e))?;
    }
    while let Some(joined) = in_flight.join_next().await {
        record(joined, plan, state, &mut progress, options)?;
    }
    Ok(())
}

/// The one place the presign request is built.
async fn presign(
    client: &Client,
    upload: &ClipUpload,
    numbers: Vec<u32>,
) -> Result<PresignedClipParts> {
    client
        .presign_clip_upload_parts(&PresignClipUploadRequest::new(upload, numbers))
        .await
}

/// Records a finished part task, or turns its failure into the upload's error.
fn record(
    joined: Result<PartResult, tokio::task::JoinError>,
    plan: &Plan,
    state: &mut ClipUploadState,
    progress: &mut UploadProgress,
    options: &UploadOptions,
) -> Result<(), UploadError> {
    let (number, len, stored) = joined.map_err(|e| {
        let error = Error::new(ErrorKind::Transport)
            .with_operation("upload_to_presigned_url")
            .with_detail(format!("the part's task ended abnormally: {e}"));
        UploadError::client(UploadStep::Put, None, error)
    })?;
    let stored = stored.map_err(|e| UploadError::client(UploadStep::Put, Some(number), e))?;
    let etag = stored.etag.ok_or_else(|| {
        let error = Error::new(ErrorKind::Decode)
            .with_operation("upload_to_presigned_url")
            .with_status(stored.status)
            .with_detail("storage answered no ETag header");
        UploadError::client(UploadStep::Put, Some(number), error)
    })?;
    state.parts.push(DonePart {
        part_number: number,
        etag,
    });
    progress.bytes_done += len;
    progress.parts_done += 1;
    debug_assert!(progress.bytes_done <= plan.file_size);
    options.report(*progress);
    options.checkpoint(state);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIB: u64 = 1024 * 1024;

    #[test]
    fn parts_cover_the_file_with_a_short_last_part() {
        let plan = Plan::new(12 * MIB + 7, 5 * MIB).unwrap();
        assert_eq!(plan.parts, 3);
        assert_eq!(plan.range(1), (0, 5 * MIB));
        assert_eq!(plan.range(2), (5 * MIB, 5 * MIB));
        assert_eq!(plan.range(3), (10 * MIB, 2 * MIB + 7));
    }

    #[test]
    fn an_exact_multiple_has_no_empty_last_part() {
        let plan = Plan::new(10 * MIB, 5 * MIB).unwrap();
        assert_eq!(plan.parts, 2);
        assert_eq!(plan.range(2), (5 * MIB, 5 * MIB));
    }

    #[test]
    fn an_empty_file_is_one_empty_part() {
        let plan = Plan::new(0, 5 * MIB).unwrap();
        assert_eq!(plan.parts, 1);
        assert_eq!(plan.range(1), (0, 0));
    }

    #[test]
    fn one_byte_and_one_byte_short_of_a_part() {
        assert_eq!(Plan::new(1, 5 * MIB).unwrap().parts, 1);
        assert_eq!(Plan::new(5 * MIB - 1, 5 * MIB).unwrap().parts, 1);
        assert_eq!(
            Plan::new(5 * MIB + 1, 5 * MIB).unwrap().range(2),
            (5 * MIB, 1)
        );
    }

    #[test]
    fn more_than_ten_thousand_parts_is_refused() {
        assert_eq!(Plan::new(10_000 * 5 * MIB, 5 * MIB).unwrap().parts, 10_000);
        assert!(Plan::new(10_000 * 5 * MIB + 1, 5 * MIB).is_err());
    }

    #[test]
    fn part_size_grows_to_stay_within_ten_thousand_parts() {
        assert_eq!(part_size_for(0, 5 * MIB).unwrap(), 5 * MIB);
        assert_eq!(
            part_size_for(10_000 * 16 * MIB, 16 * MIB).unwrap(),
            16 * MIB
        );
        let size = part_size_for(10_000 * 16 * MIB + 1, 16 * MIB).unwrap();
        assert_eq!(size, 17 * MIB);
        assert!(Plan::new(10_000 * 16 * MIB + 1, size).unwrap().parts <= MAX_PARTS);
        assert!(part_size_for(MIB, 5 * MIB - 1).is_err());
        assert!(part_size_for(u64::MAX, 16 * MIB).is_err());
    }
}
