//! When and how long to wait before sending a request again.
//!
//! Idempotent requests are retried: GET, PUT, DELETE and HEAD, and a POST or PATCH whose
//! endpoint is declared `#[post("/path", idempotent)]`. A 429 is retried whatever the
//! method, since the server refused the request without doing it. The API documents no
//! idempotency keys, so resending a plain POST after any other failure could publish a
//! post twice.

use std::time::{Duration, SystemTime};

use reqwest::StatusCode;

use crate::runtime::error::{Error, ErrorKind};

/// How a [`Client`](crate::Client) retries failed idempotent requests.
///
/// The default makes at most 2 retries (3 attempts), waiting a random time between zero and
/// `base_delay × 2^retry` (full jitter), never more than `max_delay`. A `Retry-After` header
/// replaces the computed wait; a demand longer than `max_delay` ends the retries at once
/// with the rate-limit error, which carries the wait ([`Error::retry_after`](crate::Error::retry_after)).
///
/// | failure | idempotent request | POST, PATCH |
/// | --- | --- | --- |
/// | 429 | retried | retried |
/// | 408, 500, 502, 503, 504 | retried | not retried |
/// | connection refused, timeout, connection lost | retried | not retried |
/// | connection closed before any answer (a stale pooled connection) | resent at once, without waiting (once in a row) | not retried |
/// | anything else | not retried | not retried |
///
/// [`Error::is_retryable`](crate::Error::is_retryable) is true exactly for the failures this
/// table retries, whether or not retries were left, so a caller with its own queue can decide
/// the same way.
///
/// ```
/// use std::time::Duration;
/// use autoposting_client::RetryPolicy;
///
/// let patient = RetryPolicy::default().max_retries(5).max_delay(Duration::from_secs(120));
/// let never = RetryPolicy::never();
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// Retries after the first attempt (default 2).
    pub max_retries: u32,
    /// The first backoff's upper bound (default 1 s, as the API's docs advise).
    pub base_delay: Duration,
    /// The longest single wait, computed or demanded by `Retry-After` (default 30 s).
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            base_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn never() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }

    /// Sets the number of retries after the first attempt.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// Sets the first backoff's upper bound.
    pub fn base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// Sets the longest single wait.
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// The wait before retry number `retry` (0 for the first): full jitter over an
    /// exponentially growing window, capped by `max_delay`.
    pub(crate) fn backoff(&self, retry: u32) -> Duration {
        let window = self
            .base_delay
            .saturating_mul(1u32.checked_shl(retry).unwrap_or(u32::MAX))
            .min(self.max_delay);
        let nanos = u64::try_from(window.as_nanos()).unwrap_or(u64::MAX);
        Duration::from_nanos(fastrand::u64(0..=nanos))
    }
}

/// Statuses that say "try again": the request was not processed, or the failure is transient.
pub(crate) fn is_retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 408 | 429 | 500 | 502 | 503 | 504)
}

/// Whether a response of `status` is retried: a 429 always (the server did nothing), the
/// other retryable statuses only for idempotent requests.
pub(crate) fn retries_status(idempotent: bool, status: StatusCode) -> bool {
    status == StatusCode::TOO_MANY_REQUESTS || (idempotent && is_retryable_status(status))
}

/// Whether a failure without a usable response is retried: network failures of idempotent
/// requests (they may pass on a resend); never a refused redirect or an oversized body.
pub(crate) fn retries_failure(idempotent: bool, error: &Error) -> bool {
    idempotent
        && matches!(
            error.kind(),
            ErrorKind::Connect | ErrorKind::Timeout | ErrorKind::Transport
        )
}

/// Parses `Retry-After` in either form: delta-seconds (`120`) or an HTTP-date
/// (`Wed, 21 Oct 2015 07:28:00 GMT`). A date in the past means "now". `None` if unparseable.
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Duration::from_secs(value.parse().unwrap_or(u64::MAX)));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_delta_seconds() {
        let now = SystemTime::now();
        assert_eq!(
            parse_retry_after("120", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(parse_retry_after(" 0 ", now), Some(Duration::ZERO));
        assert_eq!(
            parse_retry_after("99999999999999999999999", now),
            Some(Duration::from_secs(u64::MAX))
        );
    }

    #[test]
    fn retry_after_http_date() {
        let now = httpdate::parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT").unwrap();
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now),
            Some(Duration::ZERO),
            "past means now"
        );
    }

    #[test]
    fn retry_after_garbage_is_none() {
        let now = SystemTime::now();
        for value in ["", "soon", "-5", "1.5", "Wed, 99 Foo 2015"] {
            assert_eq!(parse_retry_after(value, now), None, "{value:?}");
        }
    }

    #[test]
    fn backoff_is_jittered_within_a_capped_exponential_window() {
        let policy = RetryPolicy::default()
            .base_delay(Duration::from_millis(100))
            .max_delay(Duration::from_millis(350));
        for _ in 0..200 {
            assert!(policy.backoff(0) <= Duration::from_millis(100));
            assert!(policy.backoff(1) <= Duration::from_millis(200));
            assert!(policy.backoff(2) <= Duration::from_millis(350));
            assert!(policy.backoff(40) <= Duration::from_millis(350));
        }
    }

    #[test]
    fn retryable_statuses() {
        let retried: Vec<u16> = (100..600)
            .filter(|s| is_retryable_status(StatusCode::from_u16(*s).unwrap()))
            .collect();
        assert_eq!(retried, [408, 429, 500, 502, 503, 504]);
    }
}
