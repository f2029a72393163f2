//! Checking that a webhook delivery is genuine, and signing one the same way.
//!
//! A delivery is genuine when one of its signatures is the HMAC-SHA256, keyed with the
//! webhook's secret, of `"<timestamp>.<raw body>"` (the `X-Autoposting-Timestamp` header's
//! value, a literal dot, then the body's bytes exactly as received), and its timestamp is
//! recent. The API documents that much; it does not document how the signature is
//! written, so [`verify`] accepts every likely form (see [`Verifier`]) and [`sign`] writes
//! the one this crate assumes.
//!
//! The core uses only `hmac`, `sha2` and `base64`; with the `axum` feature,
//! [`VerifiedWebhook`] runs it as an extractor.

use std::fmt;
use std::time::{Duration, SystemTime};

use base64::Engine as _;
use chrono::{DateTime, TimeDelta, Utc};
use hmac::{Hmac, KeyInit, Mac};
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::webhooks::WebhookEvent;

#[cfg(feature = "axum")]
mod extractor;
#[cfg(feature = "axum")]
pub use extractor::{VerifiedWebhook, WebhookRejection};

/// The header holding the delivery's signature(s): `X-Autoposting-Signature`.
pub const SIGNATURE_HEADER: &str = "X-Autoposting-Signature";
/// The header holding the time the delivery was signed: `X-Autoposting-Timestamp`.
pub const TIMESTAMP_HEADER: &str = "X-Autoposting-Timestamp";
/// The header naming the delivery's event (`post.published`, …): `X-Autoposting-Event`.
pub const EVENT_HEADER: &str = "X-Autoposting-Event";
/// The header holding the delivery's id: `X-Autoposting-Delivery`.
pub const DELIVERY_HEADER: &str = "X-Autoposting-Delivery";
/// How far a delivery's timestamp may be from the receiver's clock, either way, unless
/// [`Verifier::tolerance`] says otherwise: 5 minutes, as the API's docs advise.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(5 * 60);

/// Signs a delivery as this crate assumes the API does, returning the value of
/// [`SIGNATURE_HEADER`]: `sha256=` followed by the lowercase hex HMAC-SHA256, keyed with
/// `secret`, of `"<timestamp>.<body>"`.
///
/// `timestamp` is the exact value sent in [`TIMESTAMP_HEADER`]; Unix seconds (`1704877200`)
/// are assumed, ISO 8601 (`2024-01-10T09:00:00Z`) is accepted by [`verify`] too. `body` is
/// the exact bytes sent. Use it to build test deliveries or a local sender:
///
/// ```
/// use std::time::{Duration, SystemTime, UNIX_EPOCH};
/// use autoposting_client::webhooks::{self, WebhookEvent};
///
/// let body = br#"{"id":"evt_1","event":"webhook.test","timestamp":"2024-01-10T09:00:00Z","orgId":"org_1","data":{}}"#;
/// let signature = webhooks::sign("whsec_test", "1704877200", body);
/// assert!(signature.starts_with("sha256=") && signature.len() == 7 + 64);
///
/// let now = UNIX_EPOCH + Duration::from_secs(1704877200 + 10);
/// let event = webhooks::Verifier::new("whsec_test")
///     .verify_values(&signature, "1704877200", body, now)
///     .unwrap();
/// assert_eq!(event.event, WebhookEvent::WebhookTest);
/// ```
pub fn sign(secret: impl AsRef<[u8]>, timestamp: &str, body: &[u8]) -> String {
    let mut mac = keyed(secret.as_ref());
    mac.update(timestamp.as_bytes());
    mac.update(b".");
    mac.update(body);
    let digest = mac.finalize().into_bytes();
    let mut signature = String::with_capacity(7 + 64);
    signature.push_str("sha256=");
    for byte in digest.iter() {
        signature.push(HEX[usize::from(byte >> 4)] as char);
        signature.push(HEX[usize::from(byte & 0x0f)] as char);
    }
    signature
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Verifies a delivery with one secret and the [default tolerance](DEFAULT_TOLERANCE), and
/// decodes its event: a shorthand for
/// [`Verifier::new(secret).verify(headers, body, now)`](Verifier::verify).
///
/// `headers` are the request's headers (with [`SIGNATURE_HEADER`] and
/// [`TIMESTAMP_HEADER`]), `body` its **raw** bytes, before any JSON parsing, and `now` the
/// receiver's clock (`SystemTime::now()`).
///
/// # Errors
/// A [`VerifyError`] saying why the delivery was refused; see [`Verifier::verify`].
///
/// ```
/// use std::time::SystemTime;
/// use autoposting_client::webhooks;
/// use reqwest::header::HeaderMap;
///
/// fn handle(headers: &HeaderMap, body: &[u8]) -> Result<(), webhooks::VerifyError> {
///     let event = webhooks::verify("whsec_…", headers, body, SystemTime::now())?;
///     println!("{} {}", event.event, event.id); // dedupe on `event.id`: delivery is at least once
///     Ok(())
/// }
/// ```
pub fn verify(
    secret: impl AsRef<[u8]>,
    headers: &HeaderMap,
    body: &[u8],
    now: SystemTime,
) -> Result<WebhookPayload, VerifyError> {
    Verifier::new(secret).verify(headers, body, now)
}

/// Checks webhook deliveries against one or more secrets.
///
/// # What is accepted
/// - **Signature** ([`SIGNATURE_HEADER`]): 32 bytes of HMAC-SHA256 written as hex (lower or
///   upper case, 64 digits) or standard base64 (with or without `=` padding), each
///   optionally prefixed `sha256=` or `v1=`. The header may hold several, separated by
///   commas or spaces, and may be repeated: one match is enough, so a sender rotating its
///   secret can sign with the old and new ones. Other `name=value` items (such as `t=…`)
///   are ignored. The comparison is constant-time (`hmac`'s `verify_slice`).
/// - **Timestamp** ([`TIMESTAMP_HEADER`]): Unix seconds (`1704877200`), a Unix time in
///   milliseconds, microseconds or nanoseconds (told apart by size: `1704877200000` is
///   milliseconds) or an ISO 8601 / RFC 3339 date-time (`2024-01-10T09:00:00Z`, `2024-01-10T10:00:00.5+01:00`). The
///   signed string uses the header's value as sent. A delivery signed more than the
///   [tolerance](Verifier::tolerance) (default 5 minutes) before or after `now` is refused:
///   exactly 300 seconds either way passes, 301 does not.
/// - **Body**: verified over its bytes as received, never re-serialised, then decoded as a
///   [`WebhookPayload`].
///
/// Several secrets ([`Verifier::also_accept`]) serve a receiver that rotates the webhook's
/// secret: deliveries signed with either verify during the change.
///
/// The secrets are kept only as keyed HMAC states; `Debug` shows how many there are, never
/// them.
///
/// ```
/// use std::time::Duration;
/// use autoposting_client::webhooks::Verifier;
///
/// let verifier = Verifier::new("whsec_new")
///     .also_accept("whsec_old")
///     .tolerance(Duration::from_secs(60));
/// ```
#[derive(Clone)]
pub struct Verifier {
    keys: Vec<Hmac<Sha256>>,
    tolerance: Duration,
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("secrets", &format_args!("[{} redacted]", self.keys.len()))
            .field("tolerance", &self.tolerance)
            .finish()
    }
}

impl Verifier {
    /// A verifier for deliveries signed with `secret` (the webhook's signing secret, as
    /// given at creation, e.g. `whsec_…`; its bytes are the HMAC key), with the
    /// [default tolerance](DEFAULT_TOLERANCE).
    pub fn new(secret: impl AsRef<[u8]>) -> Self {
        Verifier {
            keys: vec![keyed(secret.as_ref())],
            tolerance: DEFAULT_TOLERANCE,
        }
    }

    /// Also accepts deliveries signed with `secret`, e.g. the previous secret while the
    /// webhook's secret is being rotated.
    pub fn also_accept(mut self, secret: impl AsRef<[u8]>) -> Self {
        self.keys.push(keyed(secret.as_ref()));
        self
    }

    /// Sets how far a delivery's timestamp may be from `now`, in either direction
    /// (default 5 minutes). A longer window accepts older replays; keep it short.
    pub fn tolerance(mut self, tolerance: Duration) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// Verifies a delivery from its request headers and raw body, and decodes its event.
    ///
    /// `headers` must hold [`SIGNATURE_HEADER`] (possibly repeated) and
    /// [`TIMESTAMP_HEADER`] (once); names are matched case-insensitively. `body` is the
    /// request body's bytes as received. `now` is the receiver's clock.
    ///
    /// # Errors
    /// - [`VerifyError::MissingHeader`] when either header is absent or empty.
    /// - [`VerifyError::InvalidTimestamp`] when the timestamp is neither form, or is sent
    ///   more than once.
    /// - [`VerifyError::MalformedSignature`] when no value of the signature header is a
    ///   32-byte signature in hex or base64.
    /// - [`VerifyError::SignatureMismatch`] when no signature matches under any secret: a
    ///   wrong secret, a changed body (one byte, or the same JSON re-serialised), or a
    ///   changed timestamp.
    /// - [`VerifyError::TooOld`] / [`VerifyError::TooNew`] when a correctly signed
    ///   delivery's timestamp is outside the tolerance.
    /// - [`VerifyError::Undecodable`] when the signed body is not a webhook event.
    pub fn verify(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        now: SystemTime,
    ) -> Result<WebhookPayload, VerifyError> {
        let mut timestamps = headers.get_all(TIMESTAMP_HEADER).iter();
        let timestamp = match (timestamps.next(), timestamps.next()) {
            (None, _) => return Err(VerifyError::MissingHeader(TIMESTAMP_HEADER)),
            (Some(_), Some(_)) => return Err(VerifyError::InvalidTimestamp),
            (Some(value), None) => value.to_str().map_err(|_| VerifyError::InvalidTimestamp)?,
        };
        let signatures = headers.get_all(SIGNATURE_HEADER);
        if signatures.iter().next().is_none() {
            return Err(VerifyError::MissingHeader(SIGNATURE_HEADER));
        }
        // A value that is not visible ASCII holds no hex or base64 signature; skip it.
        let mut values = signatures.iter().filter_map(|value| value.to_str().ok());
        let Some(first) = values.next() else {
            return Err(VerifyError::MalformedSignature);
        };
        self.check(std::iter::once(first).chain(values), timestamp, body, now)
    }

    /// Verifies a delivery from the values of its two headers and its raw body, for
    /// frameworks whose header type is not [`HeaderMap`].
    ///
    /// `signature` is the [`SIGNATURE_HEADER`] value (several values may be joined with
    /// `,`), `timestamp` the [`TIMESTAMP_HEADER`] value, both as received; an empty value
    /// counts as a missing header.
    ///
    /// # Errors
    /// As [`Verifier::verify`].
    pub fn verify_values(
        &self,
        signature: &str,
        timestamp: &str,
        body: &[u8],
        now: SystemTime,
    ) -> Result<WebhookPayload, VerifyError> {
        self.check(std::iter::once(signature), timestamp, body, now)
    }

    fn check<'a>(
        &self,
        signature_values: impl Iterator<Item = &'a str>,
        timestamp: &str,
        body: &[u8],
        now: SystemTime,
    ) -> Result<WebhookPayload, VerifyError> {
        let timestamp = timestamp.trim_matches(|c: char| c == ' ' || c == '\t');
        if timestamp.is_empty() {
            return Err(VerifyError::MissingHeader(TIMESTAMP_HEADER));
        }
        let signed_at = parse_timestamp(timestamp).ok_or(VerifyError::InvalidTimestamp)?;

        let mut candidates = Vec::new();
        let mut any_value = false;
        for value in signature_values {
            for item in value
                .split([',', ' ', '\t'])
                .filter(|item| !item.is_empty())
            {
                any_value = true;
                if let Some(signature) = decode_signature(item) {
                    candidates.push(signature);
                }
            }
        }
        if !any_value {
            return Err(VerifyError::MissingHeader(SIGNATURE_HEADER));
        }
        if candidates.is_empty() {
            return Err(VerifyError::MalformedSignature);
        }

        let genuine = self.keys.iter().any(|key| {
            let mut mac = key.clone();
            mac.update(timestamp.as_bytes());
            mac.update(b".");
            mac.update(body);
            candidates
                .iter()
                .any(|candidate| mac.clone().verify_slice(candidate).is_ok())
        });
        if !genuine {
            return Err(VerifyError::SignatureMismatch);
        }

        let now = to_datetime(now).ok_or(VerifyError::ClockOutOfRange)?;
        let tolerance = TimeDelta::from_std(self.tolerance).unwrap_or(TimeDelta::MAX);
        let age = now.signed_duration_since(signed_at);
        if age > tolerance {
            return Err(VerifyError::TooOld {
                age: age.to_std().unwrap_or(Duration::MAX),
                tolerance: self.tolerance,
            });
        }
        if -age > tolerance {
            return Err(VerifyError::TooNew {
                ahead: (-age).to_std().unwrap_or(Duration::MAX),
                tolerance: self.tolerance,
            });
        }

        let deserializer = &mut serde_json::Deserializer::from_slice(body);
        serde_path_to_error::deserialize(deserializer).map_err(|error| VerifyError::Undecodable {
            path: error.path().to_string(),
            source: error.into_inner(),
        })
    }
}

/// `now` as a chrono date-time, or `None` when it is outside chrono's range (about
/// 262,000 years either side of year 0), where `DateTime::from` would panic.
fn to_datetime(now: SystemTime) -> Option<DateTime<Utc>> {
    match now.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(after) => DateTime::UNIX_EPOCH.checked_add_signed(TimeDelta::from_std(after).ok()?),
        Err(before) => {
            DateTime::UNIX_EPOCH.checked_sub_signed(TimeDelta::from_std(before.duration()).ok()?)
        }
    }
}

/// The HMAC-SHA256 state keyed with `secret`.
///
/// This is HMAC's own key preparation (RFC 2104 §2): a key longer than SHA-256's 64-byte
/// block is hashed, then the key is zero-padded to the block. Doing it here makes the
/// constructor infallible for every secret, empty or long.
fn keyed(secret: &[u8]) -> Hmac<Sha256> {
    let mut block = [0u8; 64];
    if secret.len() > block.len() {
        block[..32].copy_from_slice(&Sha256::digest(secret));
    } else {
        block[..secret.len()].copy_from_slice(secret);
    }
    Hmac::<Sha256>::new(&block.into())
}

/// One item of the signature header as the 32 signature bytes, if it is one: hex or base64,
/// optionally after `sha256=` or `v1=`.
fn decode_signature(item: &str) -> Option<Vec<u8>> {
    let item = ["sha256=", "v1="]
        .iter()
        .find_map(|prefix| {
            item.get(..prefix.len())
                .filter(|head| head.eq_ignore_ascii_case(prefix))
                .map(|_| &item[prefix.len()..])
        })
        .unwrap_or(item);
    let bytes = if item.len() == 64 {
        decode_hex(item)?
    } else {
        let engine = base64::engine::GeneralPurpose::new(
            &base64::alphabet::STANDARD,
            base64::engine::GeneralPurposeConfig::new()
                .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
        );
        engine.decode(item).ok()?
    };
    (bytes.len() == 32).then_some(bytes)
}

fn decode_hex(text: &str) -> Option<Vec<u8>> {
    let digit = |c: u8| (c as char).to_digit(16).and_then(|d| u8::try_from(d).ok());
    text.as_bytes()
        .chunks(2)
        .map(|pair| match pair {
            [high, low] => Some(digit(*high)? << 4 | digit(*low)?),
            _ => None,
        })
        .collect()
}

/// A Unix time (digits only, in the unit its size says: [`from_unix`]) or an RFC 3339
/// date-time.
fn parse_timestamp(text: &str) -> Option<DateTime<Utc>> {
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return from_unix(text.parse().ok()?);
    }
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|at| at.with_timezone(&Utc))
}

/// 2001-09-09 in Unix milliseconds, which as seconds would be the year 33658. A Unix time
/// is read in the unit that puts it between 2001 and 33658: seconds below this,
/// milliseconds below it × 1,000, microseconds below it × 1,000,000, nanoseconds above (as
/// the rate-limit headers are read, and so that no unit is taken for another and dated
/// centuries away).
const UNIX_MILLIS_FROM: i64 = crate::runtime::rate_limit::UNIX_MILLIS as i64;

/// A Unix time in seconds, milliseconds, microseconds or nanoseconds, told apart by size
/// (see [`UNIX_MILLIS_FROM`]); `None` before 1970.
fn from_unix(value: i64) -> Option<DateTime<Utc>> {
    const MICROS_FROM: i64 = UNIX_MILLIS_FROM * 1_000;
    const NANOS_FROM: i64 = MICROS_FROM * 1_000;
    match value {
        ..0 => None,
        seconds if seconds < UNIX_MILLIS_FROM => DateTime::from_timestamp(seconds, 0),
        millis if millis < MICROS_FROM => DateTime::from_timestamp_millis(millis),
        micros if micros < NANOS_FROM => DateTime::from_timestamp_micros(micros),
        nanos => Some(DateTime::from_timestamp_nanos(nanos)),
    }
}

/// A Unix time with a fraction (`1704877200.25`, as `Date.now() / 1000` writes it); one
/// as large as milliseconds or finer is read as [`from_unix`] reads its whole part.
fn from_unix_fraction(value: f64) -> Option<DateTime<Utc>> {
    if !value.is_finite() || value < 0.0 {
        return None;
    }
    if value >= UNIX_MILLIS_FROM as f64 {
        // `as` saturates at `i64::MAX`, which is nanoseconds in 2262.
        return from_unix(value.trunc() as i64);
    }
    let seconds = value.trunc();
    let nanos = ((value - seconds) * 1e9).round().min(999_999_999.0) as u32;
    DateTime::from_timestamp(seconds as i64, nanos)
}

/// Why a webhook delivery was refused by [`verify`] or a [`Verifier`].
///
/// None of these messages contains the secret or a signature.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// The named header ([`SIGNATURE_HEADER`] or [`TIMESTAMP_HEADER`]) is absent or empty.
    /// Deliveries to a webhook created without a secret carry no signature.
    #[error("the delivery has no {0} header")]
    MissingHeader(&'static str),
    /// The timestamp header is neither a Unix time nor an ISO 8601 date-time, or was sent
    /// more than once.
    #[error("the {TIMESTAMP_HEADER} header is not one Unix time or ISO 8601 date-time")]
    InvalidTimestamp,
    /// The signature header holds no 32-byte signature in hex or base64.
    #[error("the {SIGNATURE_HEADER} header holds no HMAC-SHA256 signature in hex or base64")]
    MalformedSignature,
    /// No signature matches the body and timestamp under any secret: the secret is wrong,
    /// or the body or timestamp was changed (re-serialising the JSON changes it).
    #[error("no signature matches: wrong secret, or the body or timestamp was changed")]
    SignatureMismatch,
    /// The delivery is correctly signed but older than the tolerance: a replay, or a
    /// receiver whose clock is wrong.
    // `Duration`'s `Debug` (`300.001s`): whole seconds would read "300s, more than 300s".
    #[error("the delivery was signed {age:?} ago, more than the {tolerance:?} tolerated")]
    TooOld {
        /// How long ago it was signed.
        age: Duration,
        /// The tolerance it exceeded.
        tolerance: Duration,
    },
    /// The delivery is correctly signed but dated further in the future than the
    /// tolerance.
    #[error("the delivery is dated {ahead:?} ahead, more than the {tolerance:?} tolerated")]
    TooNew {
        /// How far ahead of `now` it is dated.
        ahead: Duration,
        /// The tolerance it exceeded.
        tolerance: Duration,
    },
    /// The `now` passed in is outside the dates that can be compared with the timestamp
    /// (hundreds of thousands of years from 1970): the receiver's clock is wrong.
    #[error("the receiver's clock (`now`) is outside the representable date range")]
    ClockOutOfRange,
    /// The body is genuine but is not a webhook event (`{id, event, timestamp, …}`).
    #[error("the signed body is not a webhook event (at `{path}`): {source}")]
    Undecodable {
        /// Where decoding failed, such as `timestamp` (`.` for the whole body).
        path: String,
        /// The JSON error.
        source: serde_json::Error,
    },
}

impl VerifyError {
    /// The status a receiver should answer with: 400 Bad Request for a delivery that is
    /// not well-formed ([`MissingHeader`](Self::MissingHeader),
    /// [`InvalidTimestamp`](Self::InvalidTimestamp),
    /// [`MalformedSignature`](Self::MalformedSignature),
    /// [`Undecodable`](Self::Undecodable), [`ClockOutOfRange`](Self::ClockOutOfRange)), 401 Unauthorized for one that is not genuine or
    /// not fresh ([`SignatureMismatch`](Self::SignatureMismatch),
    /// [`TooOld`](Self::TooOld), [`TooNew`](Self::TooNew)). Either makes the API retry the
    /// delivery later.
    pub fn http_status(&self) -> StatusCode {
        match self {
            VerifyError::SignatureMismatch
            | VerifyError::TooOld { .. }
            | VerifyError::TooNew { .. } => StatusCode::UNAUTHORIZED,
            _ => StatusCode::BAD_REQUEST,
        }
    }
}

/// The body of a webhook delivery: one event.
///
/// ```json
/// {"id": "evt_01HXYZ", "event": "post.published", "timestamp": "2024-01-10T09:00:00Z",
///  "orgId": "org_01HXYZ", "data": {"postId": "post_01HXYZ", "platforms": ["x"]}}
/// ```
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WebhookPayload {
    /// The event id (`id`, e.g. `evt_01HXYZ`). Deliveries are at least once: a retried
    /// delivery repeats it, so use it to ignore duplicates.
    pub id: String,
    /// What happened (`event`); names this version does not know are kept in
    /// [`WebhookEvent::Other`].
    pub event: WebhookEvent,
    /// When it happened (`timestamp`), read from RFC 3339 (ISO 8601) as the API sends it,
    /// or from a Unix time in seconds, milliseconds, microseconds or nanoseconds (told
    /// apart by size).
    #[serde(deserialize_with = "timestamp_any_form")]
    pub timestamp: DateTime<Utc>,
    /// The organisation it concerns (`orgId`); `None` if the body has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_id: Option<String>,
    /// The event's details (`data`), whose fields depend on the event, e.g. `{postId,
    /// brandId, platforms, publishedAt}` for `post.published`; `null` if absent. See
    /// [`WebhookPayload::data_as`].
    #[serde(default)]
    pub data: serde_json::Value,
}

impl fmt::Debug for WebhookPayload {
    /// Shows every URL in `data` without its query: an event may carry a presigned download
    /// URL (`clip.render.completed`), whose signature is in the query.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookPayload")
            .field("id", &self.id)
            .field("event", &self.event)
            .field("timestamp", &self.timestamp)
            .field("org_id", &self.org_id)
            .field("data", &crate::common::redact::json(&self.data))
            .finish()
    }
}

impl WebhookPayload {
    /// [`data`](Self::data) decoded as your own type.
    ///
    /// # Errors
    /// The JSON error when `data` does not have the shape of `T`.
    pub fn data_as<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        T::deserialize(&self.data)
    }
}

/// `timestamp` of a delivery body: an RFC 3339 string as the API sends it, or a Unix time
/// as a number or a string of digits (see [`from_unix`]). Anything else is an error that
/// names what was found.
fn timestamp_any_form<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<DateTime<Utc>, D::Error> {
    use serde::de::{Error, Unexpected, Visitor};

    struct Timestamp;

    impl Visitor<'_> for Timestamp {
        type Value = DateTime<Utc>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an RFC 3339 date-time or a Unix time")
        }

        fn visit_str<E: Error>(self, text: &str) -> Result<Self::Value, E> {
            parse_timestamp(text).ok_or_else(|| E::invalid_value(Unexpected::Str(text), &self))
        }

        fn visit_i64<E: Error>(self, value: i64) -> Result<Self::Value, E> {
            from_unix(value).ok_or_else(|| E::invalid_value(Unexpected::Signed(value), &self))
        }

        fn visit_u64<E: Error>(self, value: u64) -> Result<Self::Value, E> {
            i64::try_from(value)
                .ok()
                .and_then(from_unix)
                .ok_or_else(|| E::invalid_value(Unexpected::Unsigned(value), &self))
        }

        fn visit_f64<E: Error>(self, value: f64) -> Result<Self::Value, E> {
            from_unix_fraction(value)
                .ok_or_else(|| E::invalid_value(Unexpected::Float(value), &self))
        }
    }

    deserializer.deserialize_any(Timestamp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyed_is_hmac_for_short_exact_and_long_keys() {
        for len in [0, 1, 32, 63, 64, 65, 200] {
            let secret = vec![0xa5u8; len];
            let mut ours = keyed(&secret);
            let mut reference = <Hmac<Sha256> as KeyInit>::new_from_slice(&secret).unwrap();
            ours.update(b"1704877200.{}");
            reference.update(b"1704877200.{}");
            assert_eq!(
                ours.finalize().into_bytes(),
                reference.finalize().into_bytes(),
                "{len}"
            );
        }
    }

    #[test]
    fn sign_matches_rfc_4231_test_case_2() {
        // Key "Jefe", data "what do ya want for nothing?" (RFC 4231 §4.3).
        let mut mac = keyed(b"Jefe");
        mac.update(b"what do ya want for nothing?");
        let expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
        let got: String = mac
            .finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(got, expected);
        // `sign` is the HMAC of exactly `<timestamp>.<body>`, in lowercase hex.
        let mut mac = keyed(b"Jefe");
        mac.update(b"what do ya want.for nothing?");
        let hex: String = mac
            .finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(
            sign("Jefe", "what do ya want", b"for nothing?"),
            format!("sha256={hex}")
        );
    }

    #[test]
    fn hex_decoding_takes_either_case_and_refuses_other_characters() {
        assert_eq!(decode_hex("0aFf"), Some(vec![0x0a, 0xff]));
        assert_eq!(decode_hex("0g"), None);
        assert_eq!(decode_hex("+1"), None);
        assert_eq!(decode_hex("abc"), None);
    }

    #[test]
    fn timestamps_in_every_form() {
        let at = DateTime::from_timestamp(1704877200, 0).unwrap();
        assert_eq!(parse_timestamp("1704877200"), Some(at));
        assert_eq!(parse_timestamp("1704877200000"), Some(at));
        assert_eq!(parse_timestamp("1704877200000000"), Some(at));
        assert_eq!(parse_timestamp("1704877200000000000"), Some(at));
        // Each unit covers 2001 to the year 33658 of the next coarser one.
        assert_eq!(
            parse_timestamp("999999999999").map(|t| t.timestamp()),
            Some(999_999_999_999)
        );
        assert_eq!(
            parse_timestamp("1000000000000").map(|t| t.timestamp()),
            Some(1_000_000_000)
        );
        assert_eq!(parse_timestamp("2024-01-10T09:00:00Z"), Some(at));
        assert_eq!(parse_timestamp("2024-01-10T10:00:00+01:00"), Some(at));
        assert_eq!(parse_timestamp("-5"), None);
        assert_eq!(parse_timestamp("1.5"), None);
        assert_eq!(parse_timestamp("99999999999999999999"), None);
        assert_eq!(parse_timestamp("yesterday"), None);
        assert_eq!(parse_timestamp(""), None);
    }

    /// The body's `timestamp` as the API writes it, in the other forms servers write, and
    /// wrong: each wrong one is an error that names what it found.
    #[test]
    fn a_body_timestamp_in_every_form() {
        let decode = |timestamp: serde_json::Value| {
            serde_json::from_value::<WebhookPayload>(serde_json::json!({
                "id": "evt_1", "event": "post.published", "timestamp": timestamp,
            }))
            .map(|payload| payload.timestamp)
            .map_err(|error| error.to_string())
        };
        let at = DateTime::from_timestamp(1704877200, 0).unwrap();
        for timestamp in [
            serde_json::json!("2024-01-10T09:00:00Z"),
            serde_json::json!("2024-01-10T09:00:00.000+00:00"),
            serde_json::json!(1704877200),
            serde_json::json!("1704877200"),
            serde_json::json!(1704877200000_u64),
            serde_json::json!(1704877200.0),
        ] {
            assert_eq!(decode(timestamp.clone()), Ok(at), "{timestamp}");
        }
        // Finer units, told apart by size, never dated centuries away.
        for timestamp in [
            serde_json::json!(1704877200000000_u64),
            serde_json::json!("1704877200000000"),
            serde_json::json!(1704877200000000000_u64),
            serde_json::json!("1704877200000000000"),
            serde_json::json!(1704877200000000.0),
        ] {
            assert_eq!(decode(timestamp.clone()), Ok(at), "{timestamp}");
        }
        assert_eq!(
            decode(serde_json::json!(1704877200.25)),
            Ok(DateTime::from_timestamp(1704877200, 250_000_000).unwrap())
        );
        for (timestamp, found) in [
            (serde_json::json!(true), "boolean `true`"),
            (serde_json::json!(null), "null"),
            (serde_json::json!(-5), "integer `-5`"),
            (serde_json::json!(-1.5), "floating point `-1.5`"),
            (
                serde_json::json!(u64::MAX),
                "integer `18446744073709551615`",
            ),
            (serde_json::json!("yesterday"), "string \"yesterday\""),
            (serde_json::json!({"seconds": 1}), "map"),
        ] {
            let error = decode(timestamp.clone()).unwrap_err();
            assert!(error.contains(found), "{timestamp}: {error}");
            assert!(
                error.contains("expected an RFC 3339 date-time or a Unix time"),
                "{timestamp}: {error}"
            );
            assert!(!error.contains("did not match"), "{timestamp}: {error}");
        }
    }

    #[test]
    fn debug_shows_no_secret() {
        let shown = format!("{:?}", Verifier::new("whsec_TOPSECRET").also_accept("x"));
        assert!(!shown.contains("TOPSECRET"), "{shown}");
        assert!(shown.contains("[2 redacted]"), "{shown}");
    }

    #[test]
    fn debug_of_an_event_shows_no_signed_url() {
        let payload: WebhookPayload = serde_json::from_value(serde_json::json!({
            "id": "evt_1", "event": "clip.render.completed", "timestamp": "2024-01-10T09:00:00Z",
            "data": {"clipId": "clip_1",
                     "downloadUrl": "https://r2.example/clip.mp4?X-Amz-Signature=SIGSECRET"},
        }))
        .unwrap();
        let shown = format!("{payload:?}");
        assert!(!shown.contains("SIGSECRET"), "{shown}");
        assert!(
            shown.contains(r#""https://r2.example/clip.mp4?<redacted>""#),
            "{shown}"
        );
        assert!(shown.contains(r#""clip_1""#), "{shown}");
    }
}
