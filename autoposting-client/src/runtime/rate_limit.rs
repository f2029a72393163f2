//! The API's rate-limit headers, parsed into one value.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::header::{HeaderMap, RETRY_AFTER};

use crate::runtime::retry::parse_retry_after;

/// What a response said about the caller's rate limit: `X-RateLimit-Limit`,
/// `X-RateLimit-Remaining`, `X-RateLimit-Reset` and `Retry-After`.
///
/// Available on errors ([`Error::rate_limit`](crate::Error::rate_limit)) and on
/// [`ApiResponse::rate_limit`](crate::ApiResponse::rate_limit). Fields the response did not
/// carry, or carried unparseable, are `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub struct RateLimit {
    /// Requests allowed in the window (`X-RateLimit-Limit`).
    pub limit: Option<u64>,
    /// Requests left in the window (`X-RateLimit-Remaining`).
    pub remaining: Option<u64>,
    /// When the window resets, in Unix seconds (`X-RateLimit-Reset`). The header is read the
    /// ways servers write it (Unix seconds, as the API's docs say; Unix milliseconds; or
    /// seconds from the response, as the IETF `RateLimit` draft does) and given here as Unix
    /// seconds in every case.
    pub reset: Option<u64>,
    /// How long the server asks the caller to wait (`Retry-After`, either form).
    pub retry_after: Option<Duration>,
}

impl RateLimit {
    /// Reads the headers; `None` if none of them is present.
    pub fn from_headers(headers: &HeaderMap) -> Option<RateLimit> {
        let now = SystemTime::now();
        // Digits only: `+9`, `-1` and `1e3` are not counts.
        let number = |name: &str| {
            let text = headers.get(name)?.to_str().ok()?.trim();
            text.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| text.parse::<u64>().ok())
                .flatten()
        };
        let rate = RateLimit {
            limit: number("x-ratelimit-limit"),
            remaining: number("x-ratelimit-remaining"),
            reset: number("x-ratelimit-reset").and_then(|raw| unix_seconds(raw, now)),
            retry_after: headers
                .get(RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| parse_retry_after(v, now)),
        };
        (rate != RateLimit::default()).then_some(rate)
    }

    /// [`reset`](Self::reset) as a point in time: when the window resets.
    pub fn reset_at(&self) -> Option<SystemTime> {
        self.reset
            .and_then(|secs| UNIX_EPOCH.checked_add(Duration::from_secs(secs)))
    }

    /// How long from `now` until the window resets, reading [`reset`](Self::reset) the
    /// ways servers write it: Unix seconds (the API's docs; 10 digits today), Unix
    /// milliseconds (13 digits), or seconds from now (a small number, as in the IETF
    /// `RateLimit` draft). Zero for a reset already past.
    pub(crate) fn until_reset(&self, now: SystemTime) -> Option<Duration> {
        let reset = self.reset?;
        let at = match reset {
            delta if delta < UNIX_SECONDS => return Some(Duration::from_secs(delta)),
            millis if millis >= UNIX_MILLIS => {
                UNIX_EPOCH.checked_add(Duration::from_millis(millis))
            }
            secs => UNIX_EPOCH.checked_add(Duration::from_secs(secs)),
        }?;
        Some(at.duration_since(now).unwrap_or(Duration::ZERO))
    }

    /// How long the server asks the caller to wait before its next request, from `now`:
    /// `Retry-After` if present, else, when the window is exhausted (`remaining` is 0, or
    /// `exhausted` says so, as a 429 does), until the reset. `None` when it asks nothing.
    pub(crate) fn demanded_wait(&self, now: SystemTime, exhausted: bool) -> Option<Duration> {
        if let Some(wait) = self.retry_after {
            return Some(wait);
        }
        if exhausted || self.remaining == Some(0) {
            return self.until_reset(now);
        }
        None
    }
}

/// 2001-09-09 in Unix seconds: smaller `X-RateLimit-Reset` values are seconds from now.
const UNIX_SECONDS: u64 = 1_000_000_000;
/// The same instant in Unix milliseconds: larger values are milliseconds (webhook
/// timestamps are told apart by the same bound).
pub(crate) const UNIX_MILLIS: u64 = UNIX_SECONDS * 1000;

/// An `X-RateLimit-Reset` value as Unix seconds, however it was written (see
/// [`RateLimit::reset`]); milliseconds round up, so that the reset is never early.
fn unix_seconds(raw: u64, now: SystemTime) -> Option<u64> {
    match raw {
        delta if delta < UNIX_SECONDS => {
            let now = now.duration_since(UNIX_EPOCH).ok()?;
            // Up to the next whole second, so that the reset is never early.
            let now = now.as_secs() + u64::from(now.subsec_nanos() > 0);
            now.checked_add(delta)
        }
        millis if millis >= UNIX_MILLIS => Some(millis.div_ceil(1000)),
        secs => Some(secs),
    }
}

tokio::task_local! {
    /// The rate-limit headers of the last response received inside [`observing`].
    static OBSERVED: std::cell::Cell<Option<RateLimit>>;
}

/// Runs `future`, and answers its output with the rate-limit headers of the last response
/// the client received while running it (`None` if none carried any). How a poller sees
/// the headers of a *successful* call, whose value carries none.
pub(crate) async fn observing<F: Future>(future: F) -> (F::Output, Option<RateLimit>) {
    OBSERVED
        .scope(std::cell::Cell::new(None), async move {
            let output = future.await;
            (output, OBSERVED.with(std::cell::Cell::take))
        })
        .await
}

/// Records the rate-limit headers of a response for an enclosing [`observing`]; costs one
/// thread-local lookup when there is none.
pub(crate) fn observe(headers: &HeaderMap) {
    let _ = OBSERVED.try_with(|observed| {
        if let Some(rate) = RateLimit::from_headers(headers) {
            observed.set(Some(rate));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn reads_all_four_headers() {
        let mut headers = HeaderMap::new();
        headers.insert("x-ratelimit-limit", HeaderValue::from_static("100"));
        headers.insert("x-ratelimit-remaining", HeaderValue::from_static("0"));
        headers.insert("x-ratelimit-reset", HeaderValue::from_static("1704877200"));
        headers.insert("retry-after", HeaderValue::from_static("30"));
        let rate = RateLimit::from_headers(&headers).unwrap();
        assert_eq!(rate.limit, Some(100));
        assert_eq!(rate.remaining, Some(0));
        assert_eq!(rate.reset, Some(1_704_877_200));
        assert_eq!(rate.retry_after, Some(Duration::from_secs(30)));
        assert_eq!(
            rate.reset_at(),
            Some(UNIX_EPOCH + Duration::from_secs(1_704_877_200))
        );
    }

    #[test]
    fn a_reset_header_in_any_form_is_given_as_unix_seconds() {
        let now = UNIX_EPOCH + Duration::from_millis(1_800_000_000_400);
        assert_eq!(unix_seconds(1_800_000_030, now), Some(1_800_000_030));
        // Milliseconds round up: the reset is never early.
        assert_eq!(unix_seconds(1_800_000_030_001, now), Some(1_800_000_031));
        assert_eq!(unix_seconds(1_800_000_030_000, now), Some(1_800_000_030));
        // Seconds from now, from the next whole second.
        assert_eq!(unix_seconds(60, now), Some(1_800_000_061));
        assert_eq!(unix_seconds(0, now), Some(1_800_000_001));
        assert_eq!(unix_seconds(u64::MAX, now), Some(u64::MAX.div_ceil(1000)));

        let mut headers = HeaderMap::new();
        headers.insert("x-ratelimit-reset", HeaderValue::from_static("60"));
        let before = SystemTime::now();
        let reset_at = RateLimit::from_headers(&headers)
            .unwrap()
            .reset_at()
            .unwrap();
        assert!(reset_at >= before + Duration::from_secs(60));
        assert!(reset_at <= SystemTime::now() + Duration::from_secs(61));
    }

    #[test]
    fn the_reset_in_unix_seconds_milliseconds_or_seconds_from_now() {
        let now = UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        let wait = |reset: u64| {
            RateLimit {
                reset: Some(reset),
                ..RateLimit::default()
            }
            .until_reset(now)
        };
        assert_eq!(wait(1_800_000_030), Some(Duration::from_secs(30)));
        assert_eq!(wait(1_800_000_000_250), Some(Duration::from_millis(250)));
        assert_eq!(wait(45), Some(Duration::from_secs(45)));
        assert_eq!(wait(0), Some(Duration::ZERO));
        // Already past, in either absolute form.
        assert_eq!(wait(1_700_000_000), Some(Duration::ZERO));
        assert_eq!(wait(1_700_000_000_000), Some(Duration::ZERO));
        // The largest values do not overflow.
        assert!(wait(u64::MAX).is_some());
        assert_eq!(RateLimit::default().until_reset(now), None);
    }

    #[test]
    fn what_a_response_demands() {
        let now = UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        let rate = |remaining: Option<u64>, retry_after: Option<u64>| RateLimit {
            remaining,
            reset: Some(1_800_000_010),
            retry_after: retry_after.map(Duration::from_secs),
            ..RateLimit::default()
        };
        let ten = Some(Duration::from_secs(10));
        assert_eq!(rate(Some(0), None).demanded_wait(now, false), ten);
        assert_eq!(rate(Some(3), None).demanded_wait(now, false), None);
        assert_eq!(rate(None, None).demanded_wait(now, false), None);
        assert_eq!(rate(Some(3), None).demanded_wait(now, true), ten);
        assert_eq!(
            rate(Some(3), Some(2)).demanded_wait(now, false),
            Some(Duration::from_secs(2))
        );
    }

    #[tokio::test]
    async fn observing_sees_what_is_observed_inside_only() {
        let mut headers = HeaderMap::new();
        headers.insert("x-ratelimit-remaining", HeaderValue::from_static("0"));
        observe(&headers); // outside: nowhere to go, no panic
        let ((), seen) = observing(async { observe(&headers) }).await;
        assert_eq!(seen.and_then(|rate| rate.remaining), Some(0));
        let ((), seen) = observing(async { observe(&HeaderMap::new()) }).await;
        assert_eq!(seen, None);
    }

    #[test]
    fn absent_or_garbage_headers() {
        assert_eq!(RateLimit::from_headers(&HeaderMap::new()), None);
        let mut headers = HeaderMap::new();
        headers.insert("x-ratelimit-remaining", HeaderValue::from_static("lots"));
        assert_eq!(RateLimit::from_headers(&headers), None);
    }
}
