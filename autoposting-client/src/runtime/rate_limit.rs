//! The API's rate-limit headers, parsed into one value.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::header::{HeaderMap, RETRY_AFTER};

use crate::runtime::retry::parse_retry_after;

/// What a response said about the caller's rate limit: `X-RateLimit-Limit`,
/// `X-RateLimit-Remaining`, `X-RateLimit-Reset` (Unix seconds) and `Retry-After`.
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
    /// When the window resets, in Unix seconds (`X-RateLimit-Reset`).
    pub reset: Option<u64>,
    /// How long the server asks the caller to wait (`Retry-After`, either form).
    pub retry_after: Option<Duration>,
}

impl RateLimit {
    /// Reads the headers; `None` if none of them is present.
    pub fn from_headers(headers: &HeaderMap) -> Option<RateLimit> {
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
            reset: number("x-ratelimit-reset"),
            retry_after: headers
                .get(RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| parse_retry_after(v, SystemTime::now())),
        };
        (rate != RateLimit::default()).then_some(rate)
    }

    /// [`reset`](Self::reset) as a point in time.
    pub fn reset_at(&self) -> Option<SystemTime> {
        self.reset
            .and_then(|secs| UNIX_EPOCH.checked_add(Duration::from_secs(secs)))
    }
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
    fn absent_or_garbage_headers() {
        assert_eq!(RateLimit::from_headers(&HeaderMap::new()), None);
        let mut headers = HeaderMap::new();
        headers.insert("x-ratelimit-remaining", HeaderValue::from_static("lots"));
        assert_eq!(RateLimit::from_headers(&headers), None);
    }
}
