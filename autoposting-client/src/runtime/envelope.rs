//! Decodes the API's response envelope in one pass from the body bytes.
//!
//! `{"success": true, "data": …}` gives `data` decoded straight into the caller's type,
//! with no intermediate `serde_json::Value` (an object with neither `success` nor `data`
//! is taken as the data itself, as a few endpoints answer); `{"success": false, "error": …, "message": …}`
//! is an API error whatever the HTTP status. Everything else (an empty body, an HTML page
//! from a proxy, JSON of the wrong shape) becomes a typed [`Error`] that keeps the status
//! and a snippet of the body; a shape mismatch names the failing field (`data.startedAt`).
//! The field path is computed only on failure, so the success path pays nothing for it.
//!
//! Every response type's `Deserialize` is compiled once per serde_json reader it is driven
//! by, and in release that is most of this crate's build. So there are two: the fast path
//! reads the body as a slice (`serde_json::from_slice`, the speed of bare data), and every
//! other path (a body read as chunks, a `data` held until `success` is known, the second
//! pass that names a failing field) shares one reader over chunks with path tracking
//! ([`decode_streamed`]).

use std::collections::VecDeque;
use std::fmt;
use std::io::{self, BufReader, Read};
use std::marker::PhantomData;

use bytes::{Buf, Bytes};

use reqwest::StatusCode;
use serde::Deserialize;
use serde::de::{self, DeserializeOwned, Deserializer, IgnoredAny, MapAccess, Visitor};

use crate::runtime::error::{Error, ErrorKind, Result};
use crate::runtime::transport::{CHUNKED_FROM, ReceivedBody};

/// The fields of an envelope the client reads; any others are skipped.
struct Envelope<T> {
    success: Option<bool>,
    data: Option<T>,
    error: Option<String>,
    code: Option<String>,
    message: Option<String>,
}

#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "lowercase")]
enum Key {
    Success,
    Data,
    Error,
    Code,
    Message,
    #[serde(other)]
    Other,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Envelope<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        deserializer.deserialize_map(EnvelopeVisitor {
            decode_early_data: None,
            marker: PhantomData,
        })
    }
}

/// The envelope of a body read once (as chunks): a `data` that comes before `success` is
/// held as raw JSON until `success` says whether it is data or part of an error, because
/// the body cannot be read again to find out.
struct ReadOnce<T>(Envelope<T>);

impl<'de, T: DeserializeOwned> Deserialize<'de> for ReadOnce<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        deserializer
            .deserialize_map(EnvelopeVisitor {
                decode_early_data: Some(|raw| {
                    let bytes = Bytes::copy_from_slice(raw.as_bytes());
                    decode_streamed::<T>(VecDeque::from([bytes])).map_err(|(_, error)| error)
                }),
                marker: PhantomData,
            })
            .map(ReadOnce)
    }
}

struct EnvelopeVisitor<T> {
    /// If set, a `data` seen before `success` is held raw, and decoded with this once
    /// `success` is known not to be `false`.
    decode_early_data: Option<fn(&str) -> serde_json::Result<T>>,
    marker: PhantomData<T>,
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for EnvelopeVisitor<T> {
    type Value = Envelope<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(r#"an Autoposting response envelope {"success": …, "data": …}"#)
    }

    fn visit_map<A: MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let mut envelope = Envelope {
            success: None,
            data: None,
            error: None,
            code: None,
            message: None,
        };
        let mut early: Option<Box<serde_json::value::RawValue>> = None;
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Success => envelope.success = Some(map.next_value()?),
                // An error envelope's `data`, if any, need not fit the success type.
                Key::Data if envelope.success == Some(false) => {
                    map.next_value::<IgnoredAny>()?;
                }
                Key::Data if self.decode_early_data.is_some() && envelope.success.is_none() => {
                    early = Some(map.next_value()?);
                }
                Key::Data => envelope.data = Some(map.next_value()?),
                Key::Error => envelope.error = map.next_value::<LenientString>()?.0,
                Key::Code => envelope.code = map.next_value::<LenientString>()?.0,
                Key::Message => envelope.message = map.next_value::<LenientString>()?.0,
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if let (Some(raw), Some(decode)) = (early, self.decode_early_data)
            && envelope.success != Some(false)
        {
            envelope.data = Some(decode(raw.get()).map_err(de::Error::custom)?);
        }
        Ok(envelope)
    }
}

/// A string if the value is one; anything else is skipped rather than failing the decode,
/// because an error body of an unexpected shape must still surface as an error.
struct LenientString(Option<String>);

impl<'de> Deserialize<'de> for LenientString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = LenientString;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Self::Value, E> {
                Ok(LenientString(Some(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> std::result::Result<Self::Value, E> {
                Ok(LenientString(Some(v)))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> std::result::Result<Self::Value, E> {
                Ok(LenientString(None))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<Self::Value, E> {
                Ok(LenientString(Some(v.to_string())))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<Self::Value, E> {
                Ok(LenientString(Some(v.to_string())))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> std::result::Result<Self::Value, E> {
                Ok(LenientString(None))
            }
            fn visit_unit<E: de::Error>(self) -> std::result::Result<Self::Value, E> {
                Ok(LenientString(None))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(LenientString(None))
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(LenientString(None))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// `T` made from nothing, for a success that carries no `data`: succeeds for `()`,
/// `Option<_>` (as `None`) and [`IgnoredAny`], and fails for types that need a value.
fn from_nothing<T: DeserializeOwned>() -> Option<T> {
    T::deserialize(de::value::UnitDeserializer::<de::value::Error>::new()).ok()
}

fn is_blank(body: &[u8]) -> bool {
    body.iter().all(u8::is_ascii_whitespace)
}

fn api_error(
    status: StatusCode,
    error: Option<String>,
    code: Option<String>,
    message: Option<String>,
) -> Error {
    Error::new(ErrorKind::Api)
        .with_status(status)
        .with_api(error.or(code), message)
}

/// The start of nearly every success, as the API writes it.
const COMMON_START: &[u8] = br#"{"success":true,"data":"#;

fn is_json_whitespace(byte: &u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r')
}

/// `bytes` after any leading JSON whitespace (not the form feed `trim_ascii` also removes).
fn skip_whitespace(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !is_json_whitespace(b))
        .unwrap_or(bytes.len());
    &bytes[start..]
}

/// The shape nearly every success has, `{"success": true, "data": …}` with the keys in that
/// order and nothing after `data`: the envelope's few bytes are matched by hand and `data`
/// is decoded from its own slice of the body exactly as `serde_json::from_slice` decodes
/// bare data, so the envelope costs next to nothing. `None` for anything else (other keys,
/// another order, an escape in a key, data that does not fit `T`), which then takes the
/// general path from the start.
fn decode_common<T: DeserializeOwned>(body: &[u8]) -> Option<T> {
    let rest = match body.strip_prefix(COMMON_START) {
        Some(rest) => rest,
        None => {
            // The same, with whitespace between the tokens (pretty-printed JSON).
            let mut rest = body;
            for token in [
                &b"{"[..],
                b"\"success\"",
                b":",
                b"true",
                b",",
                b"\"data\"",
                b":",
            ] {
                rest = skip_whitespace(rest).strip_prefix(token)?;
            }
            rest
        }
    };
    // `data` ends before the envelope's closing brace. Whatever else follows it (another
    // key, a second closing brace) makes `from_slice` fail on trailing characters, and the
    // general path decide.
    let end = rest.iter().rposition(|b| !is_json_whitespace(b))?;
    if rest[end] != b'}' {
        return None;
    }
    serde_json::from_slice(&rest[..end]).ok()
}

/// Decodes a response body as received with `status`, whole or in chunks, as the envelope
/// of a `T`.
pub(crate) fn decode_received<T: DeserializeOwned>(
    status: StatusCode,
    body: ReceivedBody,
) -> Result<T> {
    match body {
        ReceivedBody::Whole(body) => decode(status, &body),
        ReceivedBody::Chunks(chunks) => decode_chunks(status, chunks),
    }
}

/// Reads chunks in order, dropping each (and so releasing its memory) once it is read.
struct ChunkReader(VecDeque<Bytes>);

impl Read for ChunkReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while let Some(chunk) = self.0.front_mut() {
            if chunk.is_empty() {
                self.0.pop_front();
                continue;
            }
            let n = chunk.len().min(buf.len());
            buf[..n].copy_from_slice(&chunk[..n]);
            chunk.advance(n);
            if chunk.is_empty() {
                self.0.pop_front();
            }
            return Ok(n);
        }
        Ok(0)
    }
}

/// Decodes a `V` from `chunks` in one pass, releasing each chunk once read, and tracking
/// the path to the value that fails (`None` for the top level). The one decoder of every
/// path but the fast one, so that each response type is compiled for two readers only.
fn decode_streamed<V: DeserializeOwned>(
    chunks: VecDeque<Bytes>,
) -> std::result::Result<V, (Option<String>, serde_json::Error)> {
    let reader = BufReader::with_capacity(64 * 1024, ChunkReader(chunks));
    let mut deserializer = serde_json::Deserializer::from_reader(reader);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        (Some(path).filter(|p| p != "."), error.into_inner())
    })?;
    deserializer.end().map_err(|error| (None, error))?;
    Ok(value)
}

/// Decodes a long success body from its chunks in one pass, never holding it whole.
///
/// Unlike [`decode`], it cannot read the body twice: a body without the envelope is a
/// decode error instead of being taken as the data itself, and a shape error carries
/// serde_json's line and column beside the field path. Snippets come from the first bytes.
fn decode_chunks<T: DeserializeOwned>(status: StatusCode, chunks: VecDeque<Bytes>) -> Result<T> {
    // The first piece is a block of at least 1 MiB (or the first 8 MiB): enough for a
    // snippet, which then knows the body goes on.
    let head = chunks.front().map_or(Vec::new(), |first| {
        first[..first.len().min(crate::runtime::error::SNIPPET_BYTES + 1)].to_vec()
    });
    match decode_streamed::<ReadOnce<T>>(chunks) {
        Ok(ReadOnce(envelope)) => from_envelope(status, &head, false, envelope),
        Err((_, error)) if error.is_syntax() || error.is_eof() || error.is_io() => {
            Err(Error::new(ErrorKind::Decode)
                .with_status(status)
                .with_detail("the body is not JSON")
                .with_source(error)
                .with_body(&head))
        }
        Err((path, error)) => {
            let mut decode = Error::new(ErrorKind::Decode).with_status(status);
            if let Some(path) = path {
                decode = decode.with_decode_path(path);
            }
            Err(decode.with_source(error).with_body(&head))
        }
    }
}

/// Decodes a response body received with `status` as the envelope of a `T`.
pub fn decode<T: DeserializeOwned>(status: StatusCode, body: &[u8]) -> Result<T> {
    if status.is_success()
        && let Some(data) = decode_common(body)
    {
        return Ok(data);
    }
    if is_blank(body) {
        if !status.is_success() {
            return Err(Error::new(ErrorKind::Status)
                .with_status(status)
                .with_detail("empty body"));
        }
        return from_nothing().ok_or_else(|| {
            Error::new(ErrorKind::Decode)
                .with_status(status)
                .with_detail("the response body is empty, but the operation returns data")
        });
    }
    match serde_json::from_slice::<Envelope<T>>(body) {
        Ok(envelope) => from_envelope(status, body, true, envelope),
        Err(error) if error.to_string().starts_with("recursion limit exceeded") => {
            let kind = if status.is_success() {
                ErrorKind::Decode
            } else {
                ErrorKind::Status
            };
            Err(Error::new(kind)
                .with_status(status)
                .with_detail("the JSON is nested too deeply")
                .with_body(body))
        }
        Err(error) if error.is_syntax() || error.is_eof() => {
            let kind = if status.is_success() {
                ErrorKind::Decode
            } else {
                ErrorKind::Status
            };
            Err(Error::new(kind)
                .with_status(status)
                .with_detail("the body is not JSON")
                .with_body(body))
        }
        Err(error) => Err(shape_error::<T>(status, body, error)),
    }
}

/// What an envelope decoded without error means. `body` is the whole body, or (`complete`
/// false) only its start, for snippets: a body read as chunks is gone once decoded.
fn from_envelope<T: DeserializeOwned>(
    status: StatusCode,
    body: &[u8],
    complete: bool,
    envelope: Envelope<T>,
) -> Result<T> {
    let Envelope {
        success,
        data,
        error,
        code,
        message,
    } = envelope;
    let says_error = error.is_some() || code.is_some() || message.is_some();
    // Without `success`, an object is an error if the status says so, or if it has the
    // documented error shape (`error` and `message`), whatever the status.
    let error_shaped = success.is_none() && data.is_none() && error.is_some() && message.is_some();
    if success == Some(false)
        || (!status.is_success() && success.is_none() && says_error)
        || error_shaped
    {
        return Err(api_error(status, error, code, message));
    }
    if !status.is_success() {
        return Err(Error::new(ErrorKind::Status)
            .with_status(status)
            .with_body(body));
    }
    if success.is_none() && data.is_none() && !complete {
        return Err(Error::new(ErrorKind::Decode)
            .with_status(status)
            .with_detail(format!(
                "the body is JSON but not an Autoposting envelope; a body of more than \
                 {CHUNKED_FROM} bytes is decoded only from an envelope"
            ))
            .with_body(body));
    }
    if success.is_none() && data.is_none() {
        // Some endpoints (the CLI device-code flow) answer bare JSON without the envelope.
        // Rare, so the second pass over the body costs the common path nothing.
        return serde_json::from_slice::<T>(body).map_err(|_| {
            Error::new(ErrorKind::Decode)
                .with_status(status)
                .with_detail(
                    "the body is JSON but neither an Autoposting envelope nor the expected data",
                )
                .with_body(body)
        });
    }
    match data {
        Some(data) => Ok(data),
        None => from_nothing().ok_or_else(|| {
            Error::new(ErrorKind::Decode)
                .with_status(status)
                .with_decode_path("data".to_owned())
                .with_detail("the envelope has no `data`, but the operation returns data")
                .with_body(body)
        }),
    }
}

/// The body is JSON but does not fit `Envelope<T>`. Runs only on failure: re-reads the
/// envelope without `T` to find an error envelope whose `data` came before `success`, and
/// otherwise decodes again with path tracking to name the failing field.
fn shape_error<T: DeserializeOwned>(
    status: StatusCode,
    body: &[u8],
    error: serde_json::Error,
) -> Error {
    if let Ok(envelope) = serde_json::from_slice::<Envelope<IgnoredAny>>(body)
        && envelope.success == Some(false)
    {
        return api_error(status, envelope.error, envelope.code, envelope.message);
    }
    if !status.is_success() {
        return Error::new(ErrorKind::Status)
            .with_status(status)
            .with_body(body);
    }
    // Through the reader the other slow paths use (a copy of the body, on failure only), so
    // that `T` is not compiled for a third reader.
    let located =
        decode_streamed::<Envelope<T>>(VecDeque::from([Bytes::copy_from_slice(body)])).err();
    let mut decode = Error::new(ErrorKind::Decode).with_status(status);
    if let Some((path, located)) = located {
        if let Some(path) = path {
            decode = decode.with_decode_path(path);
        }
        decode = decode.with_source(located);
    } else {
        decode = decode.with_source(error);
    }
    decode.with_body(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)] // read only through Debug
    struct Run {
        id: String,
        tokens_used: u64,
        tags: Vec<String>,
    }

    fn statuses() -> impl Strategy<Value = StatusCode> {
        prop::sample::select(vec![200u16, 201, 204, 400, 401, 404, 429, 500, 502])
            .prop_map(|code| StatusCode::from_u16(code).unwrap())
    }

    /// Arbitrary JSON, biased towards envelope-like objects.
    fn json() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::from),
            any::<i64>().prop_map(serde_json::Value::from),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(serde_json::Value::from),
            "[a-z_]{0,8}".prop_map(serde_json::Value::from),
        ];
        leaf.prop_recursive(4, 32, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
                prop::collection::btree_map(
                    prop::sample::select(vec![
                        "success",
                        "data",
                        "error",
                        "message",
                        "code",
                        "id",
                        "tokensUsed",
                        "tags",
                        "x"
                    ])
                    .prop_map(str::to_owned),
                    inner,
                    0..6,
                )
                .prop_map(|map| serde_json::Value::Object(map.into_iter().collect())),
            ]
        })
    }

    fn classify<T: std::fmt::Debug>(status: StatusCode, result: Result<T>) {
        match result {
            Ok(value) => assert!(status.is_success(), "{status} decoded to {value:?}"),
            Err(error) => {
                // Every failure is a typed error with a non-empty description.
                assert!(matches!(
                    error.kind(),
                    ErrorKind::Api | ErrorKind::Status | ErrorKind::Decode
                ));
                assert_eq!(error.status(), Some(status));
                assert!(!error.to_string().is_empty());
            }
        }
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(status in statuses(), body in prop::collection::vec(any::<u8>(), 0..512)) {
            classify(status, decode::<Run>(status, &body));
            classify(status, decode::<IgnoredAny>(status, &body));
            classify(status, decode::<Option<Vec<u8>>>(status, &body));
        }

        #[test]
        fn arbitrary_json_never_panics(status in statuses(), value in json()) {
            let body = serde_json::to_vec(&value).unwrap();
            classify(status, decode::<Run>(status, &body));
            classify(status, decode::<IgnoredAny>(status, &body));
            classify(status, decode::<serde_json::Value>(status, &body));
        }

        #[test]
        fn success_false_is_always_an_api_error(status in statuses(), data in json(), code in "[a-z_]{1,12}") {
            let body = serde_json::to_vec(&serde_json::json!({"data": data, "success": false, "error": code})).unwrap();
            let error = decode::<Run>(status, &body).unwrap_err();
            prop_assert_eq!(error.kind(), ErrorKind::Api);
            prop_assert_eq!(error.code(), Some(code.as_str()));
        }

        /// The chunked decoder agrees with the one-buffer decoder on every enveloped body,
        /// however the body is cut into chunks (empty chunks included).
        #[test]
        fn chunks_decode_as_the_whole_body_does(
            value in json(),
            cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..6),
            pretty in any::<bool>(),
        ) {
            let status = StatusCode::OK;
            let envelope = serde_json::json!({"success": true, "data": value});
            let body = if pretty {
                serde_json::to_vec_pretty(&envelope).unwrap()
            } else {
                serde_json::to_vec(&envelope).unwrap()
            };
            let mut at: Vec<usize> = cuts.iter().map(|i| i.index(body.len() + 1)).collect();
            at.sort_unstable();
            let mut chunks = VecDeque::new();
            let mut start = 0;
            for end in at.into_iter().chain([body.len()]) {
                chunks.push_back(Bytes::copy_from_slice(&body[start..end]));
                start = end;
            }
            let whole = decode::<serde_json::Value>(status, &body).map_err(|e| e.kind());
            let chunked = decode_chunks::<serde_json::Value>(status, chunks).map_err(|e| e.kind());
            prop_assert_eq!(whole, chunked);
        }
    }
}
