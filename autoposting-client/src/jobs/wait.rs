//! Waiting for the API's asynchronous work: agent runs, post publication, clip processing,
//! render jobs and knowledge-base ingestion.
//!
//! Each is a status the API moves along while the caller polls. [`poll_until`] is the one
//! poller every waiter here uses, and is public for statuses not covered:
//!
//! - the first poll is immediate; later polls are spaced by a growing interval
//!   ([`WaitOptions::interval`], multiplied by [`WaitOptions::multiplier`] after each poll,
//!   at most [`WaitOptions::max_interval`]);
//! - a rate-limited answer (429) is waited out as the server asks: `Retry-After`, or else
//!   until `X-RateLimit-Reset` when the window is exhausted; other transient failures
//!   (408, 5xx, timeouts, lost connections) are retried on the same interval, up to
//!   [`WaitOptions::max_transient_errors`] in a row;
//! - a *successful* poll is read for the same headers: when it says no request remains
//!   in the window (`X-RateLimit-Remaining: 0`), the next poll waits until
//!   `X-RateLimit-Reset`, and a `Retry-After` on it is honoured too; either only ever
//!   lengthens the interval. The reset is read as Unix seconds (as documented), Unix
//!   milliseconds (13 digits) or seconds from now (below 10⁹). Missing or unreadable
//!   headers leave the interval as it is. The headers are those of the last response
//!   the client received while `fetch` ran, on the same task;
//! - the whole wait ends by [`WaitOptions::timeout`] (default 10 minutes) with
//!   [`WaitError::TimedOut`], which keeps the last value seen: a poll in flight at the
//!   deadline is abandoned, and when the next poll would come after the deadline (the
//!   interval, a `Retry-After` or a rate-limit reset, reaches past it) the wait ends at
//!   once rather than sleeping for nothing;
//! - dropping the future cancels the wait: no further request is sent.
//!
//! The client's own [`RetryPolicy`](crate::RetryPolicy) acts first, inside each poll: it
//! may already wait out a short `Retry-After` or a passing 5xx. The waiter sees what is
//! left, such as a `Retry-After` longer than the policy's `max_delay`.
//!
//! A waiter returns when the status is *final*, which includes failure: a failed run is
#![cfg_attr(
    feature = "agents",
    doc = "`Ok` with [`AgentRunStatus::Failed`], for the caller to inspect. `Err` means the waiting"
)]
#![cfg_attr(
    not(feature = "agents"),
    doc = "`Ok` with `AgentRunStatus::Failed`, for the caller to inspect. `Err` means the waiting"
)]
//! itself failed. Timers are `tokio::time`'s, so tests may pause and advance time.
//!
//! ```no_run
//! use autoposting_client::agents::AgentRunStatus;
//! use autoposting_client::wait::{self, WaitOptions};
//! use autoposting_client::Client;
//! use std::time::Duration;
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = Client::from_env()?;
//! let options = WaitOptions::default().timeout(Duration::from_secs(300));
//! let run = wait::trigger_agent_run_and_wait(&client, "agent_01HXYZ", options).await?;
//! match run.status {
//!     AgentRunStatus::Completed => println!("{} posts", run.posts_generated),
//!     AgentRunStatus::Failed => println!("failed: {:?}", run.error),
//!     other => println!("ended as {other}"),
//! }
//! # Ok(()) }
//! ```

use std::future::Future;
use std::time::{Duration, SystemTime};

use tokio::time::Instant;

#[cfg(feature = "agents")]
use crate::agents::{AgentRun, AgentRunStatus, Agents};
#[cfg(feature = "clips")]
use crate::clips::{Clip, ClipStatus, Clips, RenderJob, RenderJobStatus};
#[cfg(feature = "knowledge_base")]
use crate::knowledge_base::{Kb, KbStatus, KnowledgeBase};
#[cfg(feature = "posts")]
use crate::posts::{Post, PostStatus, Posts};
use crate::runtime::rate_limit;
use crate::runtime::retry::is_retryable_status;
use crate::{Error, ErrorKind};

/// How a waiter polls: spacing, overall deadline, tolerance of transient failures.
///
/// The default polls at once, then after 1 s, 1.5 s, 2.25 s, … up to 15 s between polls,
/// for at most 10 minutes, tolerating 5 transient failures in a row.
///
/// ```
/// use std::time::Duration;
/// use autoposting_client::wait::WaitOptions;
///
/// let quick = WaitOptions::default()
///     .interval(Duration::from_millis(200))
///     .max_interval(Duration::from_secs(2))
///     .timeout(Duration::from_secs(30));
/// let patient = WaitOptions::default().timeout(Duration::from_secs(3600));
/// let forever = WaitOptions::default().no_timeout();
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct WaitOptions {
    /// The wait before the second poll (default 1 s).
    pub interval: Duration,
    /// The factor the wait grows by after each poll (default 1.5; values below 1 count
    /// as 1).
    pub multiplier: f64,
    /// The longest wait between two polls, unless the server asks for longer (default
    /// 15 s).
    pub max_interval: Duration,
    /// How long the whole wait may take, polls included; `None` waits without limit
    /// (default 10 minutes).
    pub timeout: Option<Duration>,
    /// How many transient failures in a row are retried before the last one is returned
    /// (default 5).
    pub max_transient_errors: u32,
}

impl Default for WaitOptions {
    fn default() -> Self {
        WaitOptions {
            interval: Duration::from_secs(1),
            multiplier: 1.5,
            max_interval: Duration::from_secs(15),
            timeout: Some(Duration::from_secs(600)),
            max_transient_errors: 5,
        }
    }
}

impl WaitOptions {
    /// Sets the wait before the second poll.
    pub fn interval(mut self, interval: Duration) -> Self {
        self.interval = interval;
        self
    }

    /// Sets the factor the wait grows by after each poll (1 keeps it constant).
    pub fn multiplier(mut self, multiplier: f64) -> Self {
        self.multiplier = multiplier;
        self
    }

    /// Sets the longest wait between two polls.
    pub fn max_interval(mut self, max_interval: Duration) -> Self {
        self.max_interval = max_interval;
        self
    }

    /// Sets how long the whole wait may take.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Waits without a deadline; cancel by dropping the future.
    pub fn no_timeout(mut self) -> Self {
        self.timeout = None;
        self
    }

    /// Sets how many transient failures in a row are retried (0: none).
    pub fn max_transient_errors(mut self, errors: u32) -> Self {
        self.max_transient_errors = errors;
        self
    }

    fn next_interval(&self, interval: Duration) -> Duration {
        // NaN and factors below 1 count as 1 (`f64::max` ignores NaN); too long saturates.
        let factor = self.multiplier.max(1.0);
        let grown = Duration::try_from_secs_f64(interval.as_secs_f64() * factor)
            .unwrap_or(Duration::MAX)
            .max(interval);
        grown.min(self.max_interval.max(self.interval))
    }
}

/// Why a wait ended without a final value.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WaitError<T> {
    /// The deadline ([`WaitOptions::timeout`]) came first.
    #[error("still not finished after {}s and {polls} polls", waited.as_secs())]
    TimedOut {
        /// The last value polled, if any poll succeeded.
        last: Option<T>,
        /// The last transient failure, if the last poll failed (e.g. a 429 whose
        /// `Retry-After` reached past the deadline).
        #[source]
        last_error: Option<Error>,
        /// How many polls were sent.
        polls: u32,
        /// How long the wait lasted.
        waited: Duration,
    },
    /// A poll failed for good: an error that is not transient (401, 404, a decode error,
    /// …), or more transient failures in a row than [`WaitOptions::max_transient_errors`].
    #[cfg_attr(
        feature = "agents",
        doc = "For [`trigger_agent_run_and_wait`], also a failed trigger."
    )]
    #[cfg_attr(
        not(feature = "agents"),
        doc = "For `trigger_agent_run_and_wait`, also a failed trigger."
    )]
    #[error(transparent)]
    Request(#[from] Error),
}

impl<T> WaitError<T> {
    /// The last value polled before the wait gave up, if any.
    pub fn last(&self) -> Option<&T> {
        match self {
            WaitError::TimedOut { last, .. } => last.as_ref(),
            WaitError::Request(_) => None,
        }
    }

    /// Whether the deadline ended the wait.
    pub fn is_timeout(&self) -> bool {
        matches!(self, WaitError::TimedOut { .. })
    }

    #[cfg(feature = "clips")]
    fn map_last<U>(self, f: impl FnOnce(T) -> Option<U>) -> WaitError<U> {
        match self {
            WaitError::TimedOut {
                last,
                last_error,
                polls,
                waited,
            } => WaitError::TimedOut {
                last: last.and_then(f),
                last_error,
                polls,
                waited,
            },
            WaitError::Request(error) => WaitError::Request(error),
        }
    }
}

/// Polls `fetch` until `is_done` accepts its value, and returns that value.
///
/// `fetch` makes one request (typically one client call) each time it is called. See the
/// [module docs](self) for the spacing of polls, rate limits, transient failures, the
/// deadline and cancellation.
///
/// # Errors
/// [`WaitError::TimedOut`] at the deadline, with the last value seen;
/// [`WaitError::Request`] with the error of a poll that failed for good.
///
/// ```no_run
/// use autoposting_client::prelude::*;
/// use autoposting_client::wait::{poll_until, WaitOptions};
///
/// # async fn run(client: Client) -> Result<(), Box<dyn std::error::Error>> {
/// // Until the run has produced at least three posts, whatever its status.
/// let run = poll_until(
///     WaitOptions::default(),
///     || client.get_agent_run("agent_01HXYZ", "run_01HXYZ"),
///     |run| run.posts_generated >= 3,
/// )
/// .await?;
/// # Ok(()) }
/// ```
pub async fn poll_until<T, F, Fut>(
    options: WaitOptions,
    fetch: F,
    mut is_done: impl FnMut(&T) -> bool,
) -> Result<T, WaitError<T>>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = crate::Result<T>>,
{
    poll(options, fetch, |value| {
        if is_done(&value) {
            Ok(value)
        } else {
            Err(value)
        }
    })
    .await
}

/// The poller: `finish` turns a polled value into the result (`Ok`) or hands it back to
/// keep waiting (`Err`).
async fn poll<T, R, F, Fut>(
    options: WaitOptions,
    mut fetch: F,
    mut finish: impl FnMut(T) -> Result<R, T>,
) -> Result<R, WaitError<T>>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = crate::Result<T>>,
{
    let started = Instant::now();
    let deadline = options
        .timeout
        .and_then(|timeout| started.checked_add(timeout));
    let mut interval = options.interval;
    let mut polls = 0u32;
    let mut errors_in_row = 0u32;
    let mut last: Option<T> = None;
    let timed_out = |last, last_error, polls| WaitError::TimedOut {
        last,
        last_error,
        polls,
        waited: started.elapsed(),
    };

    loop {
        polls = polls.saturating_add(1);
        // The rate-limit headers of a successful poll are seen on the side: its value
        // carries none.
        let polled = rate_limit::observing(async { fetch().await });
        let (outcome, rate) = match deadline {
            Some(deadline) => match tokio::time::timeout_at(deadline, polled).await {
                Ok(polled) => polled,
                Err(_elapsed) => return Err(timed_out(last, None, polls)),
            },
            None => polled.await,
        };

        let (wait, last_error) = match outcome {
            Ok(value) => {
                errors_in_row = 0;
                match finish(value) {
                    Ok(done) => return Ok(done),
                    Err(pending) => last = Some(pending),
                }
                // An exhausted window (or a `Retry-After`) lengthens the wait, never
                // shortens it.
                let demand = rate.and_then(|rate| rate.demanded_wait(SystemTime::now(), false));
                (demand.map_or(interval, |demand| demand.max(interval)), None)
            }
            Err(error) if is_transient(&error) && errors_in_row < options.max_transient_errors => {
                errors_in_row += 1;
                (server_demand(&error).unwrap_or(interval), Some(error))
            }
            Err(error) => return Err(WaitError::Request(error)),
        };
        interval = options.next_interval(interval);

        // No poll after the deadline: when the next one would come later (or the server
        // asks to wait longer), the wait ends now rather than sleeping for nothing.
        match (Instant::now().checked_add(wait), deadline) {
            (Some(wake), Some(deadline)) if wake > deadline => {
                return Err(timed_out(last, last_error, polls));
            }
            (Some(wake), _) => tokio::time::sleep_until(wake).await,
            (None, Some(_)) => return Err(timed_out(last, last_error, polls)),
            (None, None) => std::future::pending().await,
        }
    }
}

/// Failures worth polling again after: the request was not processed, or may succeed on
/// a later attempt. A GET is always safe to resend.
fn is_transient(error: &Error) -> bool {
    match error.kind() {
        ErrorKind::Timeout | ErrorKind::Connect | ErrorKind::Transport => true,
        ErrorKind::Api | ErrorKind::Status => error.status().is_some_and(is_retryable_status),
        _ => false,
    }
}

/// How long the server asked to wait: `Retry-After`, or for an exhausted rate-limit
/// window (`X-RateLimit-Remaining: 0`, or a 429 without `Retry-After`), until
/// `X-RateLimit-Reset`.
fn server_demand(error: &Error) -> Option<Duration> {
    let too_many = error.status().is_some_and(|status| status.as_u16() == 429);
    error
        .rate_limit()?
        .demanded_wait(SystemTime::now(), too_many)
}

/// Waits for an agent run to finish, and returns it.
///
/// Polls [`Agents::get_agent_run`] (`GET /agents/{agentId}/runs/{runId}`) while the run is
/// [`Queued`](AgentRunStatus::Queued) (also spelled `pending`) or
/// [`Running`](AgentRunStatus::Running). Any other status is final and returned:
/// [`Completed`](AgentRunStatus::Completed) (or `succeeded`),
/// [`Partial`](AgentRunStatus::Partial), [`Failed`](AgentRunStatus::Failed) with
/// [`AgentRun::error`], or a status this version does not know
/// ([`Other`](AgentRunStatus::Other)).
///
/// `client` is a [`Client`](crate::Client), or anything implementing [`Agents`].
///
/// # Errors
/// As [`poll_until`]; [`WaitError::Request`] holds the API's error, e.g. a 404 for an
/// unknown run.
#[cfg(feature = "agents")]
pub async fn wait_for_agent_run<C: Agents + ?Sized>(
    client: &C,
    agent_id: &str,
    run_id: &str,
    options: WaitOptions,
) -> Result<AgentRun, WaitError<AgentRun>> {
    poll_until(
        options,
        || client.get_agent_run(agent_id, run_id),
        |run| !matches!(run.status, AgentRunStatus::Queued | AgentRunStatus::Running),
    )
    .await
}

/// Starts a run of an agent and waits for it to finish, as [`wait_for_agent_run`].
///
/// Sends [`Agents::trigger_agent_run`] (`POST /agents/{agentId}/run`) once, then polls the
/// new run. The trigger is not resent on failure (the API has no idempotency keys: a
/// resend could start two runs), and `options.timeout` counts from the first poll.
///
/// # Errors
/// [`WaitError::Request`] when the trigger fails (check
/// [`Error::is_outcome_unknown`] before triggering again), else as [`wait_for_agent_run`].
#[cfg(feature = "agents")]
pub async fn trigger_agent_run_and_wait<C: Agents + ?Sized>(
    client: &C,
    agent_id: &str,
    options: WaitOptions,
) -> Result<AgentRun, WaitError<AgentRun>> {
    let triggered = client.trigger_agent_run(agent_id).await?;
    wait_for_agent_run(client, agent_id, &triggered.run_id, options).await
}

/// Waits for a post to leave the publishing states, and returns it.
///
/// Polls [`Posts::get_post`] (`GET /posts/{postId}`) while the post is
/// [`Scheduled`](PostStatus::Scheduled), [`Validating`](PostStatus::Validating),
/// [`Validated`](PostStatus::Validated), [`Publishing`](PostStatus::Publishing) or
/// [`RenderPending`](PostStatus::RenderPending) (waiting on a clip render). Any other
/// status is returned: [`Published`](PostStatus::Published) on every platform,
/// [`Partial`](PostStatus::Partial) (some platforms failed; retry only those with
/// `POST /posts/{postId}/retry`), [`Failed`](PostStatus::Failed) on all, or a post that
/// will not move on its own (`draft`, `billing_hold`, `archived`, an unknown status).
///
/// A post scheduled for later is waited for until it publishes: give a
/// [`timeout`](WaitOptions::timeout) that covers its `scheduledAt`.
///
/// Each platform's outcome is in [`Post::platform_results`] (JSON `platformResults`), when
/// the API sends it: per platform a [`PlatformResultStatus`](crate::posts::PlatformResultStatus),
/// the published post's `url`, or the `error` the platform gave. For a
/// [`Partial`](PostStatus::Partial) post, [`Post::failed_platforms`] names the platforms
/// that failed and why; those are what [`Posts::retry_post`] sends again.
///
/// ```no_run
/// use autoposting_client::posts::PostStatus;
/// use autoposting_client::wait::{self, WaitOptions};
/// use autoposting_client::Client;
///
/// # async fn run(client: Client) -> Result<(), Box<dyn std::error::Error>> {
/// let post = wait::wait_for_post(&client, "post_01HXYZ", WaitOptions::default()).await?;
/// if post.status == PostStatus::Partial {
///     for failed in post.failed_platforms() {
///         let why = failed.error.as_deref().unwrap_or("no reason given");
///         println!("{} failed: {why}", failed.platform);
///     }
/// }
/// for result in post.platform_results.iter().flatten() {
///     println!("{}: {} {:?}", result.platform, result.status, result.url);
/// }
/// # Ok(()) }
/// ```
///
/// # Errors
/// As [`poll_until`]; [`WaitError::Request`] holds the API's error, e.g. a 404 for an
/// unknown post.
#[cfg(feature = "posts")]
pub async fn wait_for_post<C: Posts + ?Sized>(
    client: &C,
    post_id: &str,
    options: WaitOptions,
) -> Result<Post, WaitError<Post>> {
    poll_until(
        options,
        || client.get_post(post_id),
        |post| {
            !matches!(
                post.status,
                PostStatus::Scheduled
                    | PostStatus::Validating
                    | PostStatus::Validated
                    | PostStatus::Publishing
                    | PostStatus::RenderPending
            )
        },
    )
    .await
}

/// Waits for an uploaded or imported clip to be processed, and returns it.
///
/// Polls [`Clips::get_clip`] (`GET /clips/{clipId}`) while the clip is
/// [`Uploading`](ClipStatus::Uploading) or [`Processing`](ClipStatus::Processing). Any
/// other status is returned: [`Ready`](ClipStatus::Ready) (its candidates are available),
/// [`Failed`](ClipStatus::Failed), or a later or unknown status.
///
/// # Errors
/// As [`poll_until`]; [`WaitError::Request`] holds the API's error, e.g. a 404 for an
/// unknown clip.
#[cfg(feature = "clips")]
pub async fn wait_for_clip<C: Clips + ?Sized>(
    client: &C,
    clip_id: &str,
    options: WaitOptions,
) -> Result<Clip, WaitError<Clip>> {
    poll_until(
        options,
        || client.get_clip(clip_id),
        |clip| !matches!(clip.status, ClipStatus::Uploading | ClipStatus::Processing),
    )
    .await
}

/// Waits for a render job of a clip to finish, and returns it.
///
/// Polls [`Clips::list_clip_jobs`] (`GET /clips/{clipId}/jobs`) and looks for `job_id`
/// (from [`Clips::render_clip`]). The wait goes on while the job is not listed yet, or is
/// [`Queued`](RenderJobStatus::Queued) or [`Rendering`](RenderJobStatus::Rendering); any
/// other status is returned: [`Completed`](RenderJobStatus::Completed) (credits charged),
/// [`Failed`](RenderJobStatus::Failed) (nothing charged), or an unknown status.
///
/// # Errors
/// As [`poll_until`]. On a timeout, [`WaitError::last`] is the job as last listed, `None`
/// if it never was.
#[cfg(feature = "clips")]
pub async fn wait_for_render_job<C: Clips + ?Sized>(
    client: &C,
    clip_id: &str,
    job_id: &str,
    options: WaitOptions,
) -> Result<RenderJob, WaitError<RenderJob>> {
    poll(
        options,
        || async {
            let jobs = client.list_clip_jobs(clip_id).await?;
            Ok(jobs.into_iter().find(|job| job.job_id == job_id))
        },
        |job| match job {
            Some(job)
                if !matches!(
                    job.status,
                    RenderJobStatus::Queued | RenderJobStatus::Rendering
                ) =>
            {
                Ok(job)
            }
            other => Err(other),
        },
    )
    .await
    .map_err(|error| error.map_last(|job| job))
}

/// Waits for a knowledge base to finish ingesting its documents, and returns it.
///
/// Polls [`KnowledgeBase::get_kb`] (`GET /kbs/{kbId}`) while its status is
/// [`Building`](KbStatus::Building). Any other status is returned:
/// [`Active`](KbStatus::Active), [`Error`](KbStatus::Error) with [`Kb::error_message`], an
/// unknown status, or none at all (the answer then says nothing to wait for). Large PDFs
/// take 30 to 90 seconds.
///
/// # Errors
/// As [`poll_until`]; [`WaitError::Request`] holds the API's error, e.g. a 404 for an
/// unknown knowledge base.
#[cfg(feature = "knowledge_base")]
pub async fn wait_for_kb<C: KnowledgeBase + ?Sized>(
    client: &C,
    kb_id: &str,
    options: WaitOptions,
) -> Result<Kb, WaitError<Kb>> {
    poll_until(
        options,
        || client.get_kb(kb_id),
        |kb| kb.status != Some(KbStatus::Building),
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RateLimit;
    use reqwest::StatusCode;
    use std::cell::Cell;

    fn rate_limited(retry_after: Option<u64>) -> Error {
        Error::new(ErrorKind::Api)
            .with_status(StatusCode::TOO_MANY_REQUESTS)
            .with_rate_limit(Some(RateLimit {
                retry_after: retry_after.map(Duration::from_secs),
                ..RateLimit::default()
            }))
    }

    /// When each poll was sent.
    type Times = std::rc::Rc<std::cell::RefCell<Vec<Instant>>>;

    /// Answers `steps` in order, one per poll (then `Ok(0)`), recording when each was sent.
    fn script(
        steps: Vec<crate::Result<u32>>,
    ) -> (
        impl FnMut() -> std::future::Ready<crate::Result<u32>>,
        Times,
    ) {
        let times = Times::default();
        let seen = times.clone();
        let mut steps = steps.into_iter();
        let fetch = move || {
            seen.borrow_mut().push(Instant::now());
            std::future::ready(steps.next().unwrap_or(Ok(0)))
        };
        (fetch, times)
    }

    #[tokio::test(start_paused = true)]
    async fn polls_at_growing_intervals_until_done() {
        let (fetch, times) = script(vec![Ok(0), Ok(0), Ok(0), Ok(7)]);
        let options = WaitOptions::default()
            .interval(Duration::from_secs(2))
            .multiplier(2.0)
            .max_interval(Duration::from_secs(5));
        let value = poll_until(options, fetch, |v| *v == 7).await.unwrap();
        assert_eq!(value, 7);
        let times = times.borrow();
        let gaps: Vec<Duration> = times.windows(2).map(|w| w[1] - w[0]).collect();
        assert_eq!(
            gaps,
            [2, 4, 5].map(Duration::from_secs).to_vec(),
            "2 s, then doubled, then capped at 5 s"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn retry_after_replaces_the_interval() {
        let (fetch, times) = script(vec![Ok(0), Err(rate_limited(Some(7))), Ok(1)]);
        let options = WaitOptions::default().interval(Duration::from_secs(1));
        assert_eq!(poll_until(options, fetch, |v| *v == 1).await.unwrap(), 1);
        let times = times.borrow();
        assert_eq!(times[2] - times[1], Duration::from_secs(7));
    }

    #[tokio::test(start_paused = true)]
    async fn rate_limit_reset_is_waited_for_without_retry_after() {
        let reset = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap()
            .as_secs()
            + 3600;
        let error = Error::new(ErrorKind::Api)
            .with_status(StatusCode::TOO_MANY_REQUESTS)
            .with_rate_limit(Some(RateLimit {
                remaining: Some(0),
                reset: Some(reset),
                ..RateLimit::default()
            }));
        let (fetch, times) = script(vec![Err(error), Ok(1)]);
        assert_eq!(
            poll_until(WaitOptions::default().no_timeout(), fetch, |v| *v == 1)
                .await
                .unwrap(),
            1
        );
        let times = times.borrow();
        let gap = times[1] - times[0];
        // The wall clock moves on while the test runs; the wait is about an hour.
        assert!(
            gap > Duration::from_secs(3500) && gap <= Duration::from_secs(3600),
            "{gap:?}"
        );
    }

    /// Response headers, as `(name, value)` pairs.
    type Headers = &'static [(&'static str, &'static str)];

    /// Answers `steps` in order like [`script`], each success with the rate-limit headers
    /// given beside it, as the client reports a response's headers.
    fn script_with_headers(
        steps: Vec<(crate::Result<u32>, Headers)>,
    ) -> (
        impl FnMut() -> std::future::Ready<crate::Result<u32>>,
        Times,
    ) {
        let times = Times::default();
        let seen = times.clone();
        let mut steps = steps.into_iter();
        let fetch = move || {
            seen.borrow_mut().push(Instant::now());
            let (outcome, headers) = steps.next().unwrap_or((Ok(0), &[]));
            let mut map = reqwest::header::HeaderMap::new();
            for (name, value) in headers {
                map.insert(*name, reqwest::header::HeaderValue::from_static(value));
            }
            rate_limit::observe(&map);
            std::future::ready(outcome)
        };
        (fetch, times)
    }

    fn gaps(times: &Times) -> Vec<Duration> {
        times.borrow().windows(2).map(|w| w[1] - w[0]).collect()
    }

    #[tokio::test(start_paused = true)]
    async fn an_exhausted_window_on_a_success_delays_the_next_poll_until_the_reset() {
        let exhausted: &[_] = &[("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "30")];
        let plenty: &[_] = &[("x-ratelimit-remaining", "5"), ("x-ratelimit-reset", "30")];
        let (fetch, times) =
            script_with_headers(vec![(Ok(0), exhausted), (Ok(0), plenty), (Ok(1), &[])]);
        let options = WaitOptions::default()
            .interval(Duration::from_secs(2))
            .multiplier(1.0);
        assert_eq!(poll_until(options, fetch, |v| *v == 1).await.unwrap(), 1);
        // Until the reset (30 s from the response, counted from the next whole second of
        // the wall clock, as a reset is kept in Unix seconds), then the interval again.
        let gaps = gaps(&times);
        assert!(
            gaps[0] >= Duration::from_secs(30) && gaps[0] <= Duration::from_secs(31),
            "{gaps:?}"
        );
        assert_eq!(gaps[1..], [Duration::from_secs(2)], "{gaps:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn a_reset_sooner_than_the_interval_does_not_shorten_it() {
        let soon: &[_] = &[("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "1")];
        let retry_soon: &[_] = &[("retry-after", "1")];
        let retry_late: &[_] = &[("retry-after", "9")];
        let (fetch, times) = script_with_headers(vec![
            (Ok(0), soon),
            (Ok(0), retry_soon),
            (Ok(0), retry_late),
            (Ok(1), &[]),
        ]);
        let options = WaitOptions::default()
            .interval(Duration::from_secs(4))
            .multiplier(1.0);
        assert_eq!(poll_until(options, fetch, |v| *v == 1).await.unwrap(), 1);
        assert_eq!(gaps(&times), [4, 4, 9].map(Duration::from_secs).to_vec());
    }

    #[tokio::test(start_paused = true)]
    async fn a_reset_past_the_deadline_ends_the_wait_without_another_poll() {
        let exhausted: &[_] = &[
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-reset", "3600"),
        ];
        let (fetch, times) = script_with_headers(vec![(Ok(0), exhausted)]);
        let options = WaitOptions::default().timeout(Duration::from_secs(60));
        let started = Instant::now();
        let error = poll_until(options, fetch, |v| *v == 1).await.unwrap_err();
        let WaitError::TimedOut {
            last,
            last_error,
            polls,
            ..
        } = error
        else {
            panic!("{error:?}")
        };
        assert_eq!((last, polls), (Some(0), 1));
        assert!(last_error.is_none());
        assert_eq!(times.borrow().len(), 1);
        assert_eq!(Instant::now(), started, "no sleep before giving up");
    }

    #[tokio::test(start_paused = true)]
    async fn missing_or_unreadable_rate_limit_headers_leave_the_interval() {
        let cases: [Headers; 5] = [
            &[("x-ratelimit-remaining", "0")],
            &[
                ("x-ratelimit-remaining", "0"),
                ("x-ratelimit-reset", "soon"),
            ],
            &[
                ("x-ratelimit-remaining", "none"),
                ("x-ratelimit-reset", "30"),
            ],
            &[("x-ratelimit-remaining", "-0"), ("x-ratelimit-reset", "30")],
            &[("x-ratelimit-reset", "30")],
        ];
        for headers in cases {
            let (fetch, times) = script_with_headers(vec![(Ok(0), headers), (Ok(1), &[])]);
            let options = WaitOptions::default().interval(Duration::from_secs(2));
            assert_eq!(poll_until(options, fetch, |v| *v == 1).await.unwrap(), 1);
            assert_eq!(gaps(&times), [Duration::from_secs(2)], "{headers:?}");
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_retry_after_past_the_deadline_ends_the_wait_at_once() {
        let (fetch, times) = script(vec![Ok(0), Err(rate_limited(Some(3600)))]);
        let options = WaitOptions::default().timeout(Duration::from_secs(60));
        let started = Instant::now();
        let error = poll_until(options, fetch, |v| *v == 1).await.unwrap_err();
        let WaitError::TimedOut {
            last,
            last_error,
            polls,
            ..
        } = error
        else {
            panic!("{error:?}")
        };
        assert_eq!(last, Some(0));
        assert_eq!(polls, 2);
        assert_eq!(
            last_error.and_then(|e| e.status()),
            Some(StatusCode::TOO_MANY_REQUESTS)
        );
        assert!(Instant::now() - started < Duration::from_secs(60));
        assert_eq!(times.borrow().len(), 2);
    }

    #[tokio::test(start_paused = true)]
    async fn the_wait_ends_when_the_next_poll_would_pass_the_deadline() {
        let (fetch, times) = script(vec![]);
        let options = WaitOptions::default()
            .interval(Duration::from_secs(4))
            .multiplier(1.0)
            .timeout(Duration::from_secs(10));
        let started = Instant::now();
        let error = poll_until(options, fetch, |v| *v == 1).await.unwrap_err();
        assert!(error.is_timeout());
        assert_eq!(error.last(), Some(&0));
        let offsets: Vec<Duration> = times.borrow().iter().map(|t| *t - started).collect();
        assert_eq!(offsets, [0, 4, 8].map(Duration::from_secs).to_vec());
        assert_eq!(Instant::now() - started, Duration::from_secs(8));
    }

    #[tokio::test(start_paused = true)]
    async fn a_poll_hanging_past_the_deadline_is_abandoned() {
        let options = WaitOptions::default().timeout(Duration::from_secs(5));
        let error = poll_until(options, std::future::pending::<crate::Result<u32>>, |_| {
            true
        })
        .await
        .unwrap_err();
        let WaitError::TimedOut {
            last,
            polls,
            waited,
            ..
        } = error
        else {
            panic!("{error:?}")
        };
        assert_eq!((last, polls, waited), (None, 1, Duration::from_secs(5)));
    }

    #[tokio::test(start_paused = true)]
    async fn transient_errors_are_retried_up_to_the_limit() {
        let server_error =
            || Err(Error::new(ErrorKind::Api).with_status(StatusCode::SERVICE_UNAVAILABLE));
        let (fetch, _) = script(vec![server_error(), server_error(), Ok(1)]);
        let options = WaitOptions::default().max_transient_errors(2);
        assert_eq!(poll_until(options, fetch, |v| *v == 1).await.unwrap(), 1);

        let (fetch, times) = script(vec![server_error(), server_error(), server_error()]);
        let error = poll_until(options, fetch, |v| *v == 1).await.unwrap_err();
        let WaitError::Request(error) = error else {
            panic!("{error:?}")
        };
        assert_eq!(error.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
        assert_eq!(times.borrow().len(), 3);
    }

    #[tokio::test(start_paused = true)]
    async fn a_permanent_error_ends_the_wait_at_once() {
        for status in [
            StatusCode::NOT_FOUND,
            StatusCode::UNAUTHORIZED,
            StatusCode::BAD_REQUEST,
        ] {
            let (fetch, times) = script(vec![Ok(0), Err(Error::api(status, "nope", "No.")), Ok(1)]);
            let error = poll_until(WaitOptions::default(), fetch, |v| *v == 1)
                .await
                .unwrap_err();
            assert!(matches!(&error, WaitError::Request(e) if e.status() == Some(status)));
            assert_eq!(times.borrow().len(), 2);
        }
        let polls = Cell::new(0);
        let error = poll_until(
            WaitOptions::default(),
            || {
                polls.set(polls.get() + 1);
                std::future::ready(Err::<u32, _>(Error::new(ErrorKind::Decode)))
            },
            |_| true,
        )
        .await
        .unwrap_err();
        assert!(matches!(error, WaitError::Request(e) if e.kind() == ErrorKind::Decode));
        assert_eq!(polls.get(), 1);
    }

    #[test]
    fn intervals_never_shrink_or_overflow() {
        let options = WaitOptions::default()
            .interval(Duration::from_secs(2))
            .max_interval(Duration::from_secs(1))
            .multiplier(f64::NAN);
        assert_eq!(
            options.next_interval(Duration::from_secs(2)),
            Duration::from_secs(2)
        );
        let huge = WaitOptions::default()
            .multiplier(1e300)
            .max_interval(Duration::MAX);
        assert_eq!(huge.next_interval(Duration::from_secs(1)), Duration::MAX);
        let shrinking = WaitOptions::default().multiplier(0.1);
        assert_eq!(
            shrinking.next_interval(Duration::from_secs(3)),
            Duration::from_secs(3)
        );
    }
}
