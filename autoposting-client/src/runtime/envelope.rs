//! Decodes the API's response envelope in one pass from the body bytes.
//!
//! `{"success": true, "data": …}` gives `data` decoded straight into the caller's type,
//! with no intermediate `serde_json::Value`. A body without `success` is not an envelope:
//! it is the data itself, every field kept (only if it does not fit the type but its
//! `data` does is that `data` taken). `{"success": false, …}`, or an error status with an
//! error body of any shape [`error_body`](crate::runtime::error_body) reads, is an API
//! error. Everything else (an empty body, an HTML page from a proxy, JSON of the wrong
//! shape) becomes a typed [`Error`] that keeps the status and a snippet of the body; a
//! shape mismatch names the failing field (`data.runs[2].startedAt`). A body that is not
//! JSON to `serde_json` is repaired as [`lenient`] describes and decoded once more. The
//! field path and the repairs are computed only on failure, so the success path pays
//! nothing for them.
//!
//! Every response type's `Deserialize` is compiled once per serde_json reader that drives
//! it, and in a release build that is most of this crate's cost. So there are two: the
//! body read as one slice (`serde_json::from_slice`, at the speed of bare data: the fast
//! path, the general path and the repairs), and one path-tracking reader over chunks
//! ([`decode_streamed`]) that every other path shares: a body read as chunks, a `data`
//! held until `success` is known, and the second pass that names a failing field.
//!
//! Longer than most files here, and kept whole: it is one decoding algorithm (fast path,
//! general path, chunks, located errors) and the property tests that hold it together.

use std::collections::VecDeque;
use std::fmt;
use std::io::{self, BufReader, Read};
use std::marker::PhantomData;

use bytes::{Buf, Bytes};

use reqwest::StatusCode;
use serde::Deserialize;
use serde::de::{self, DeserializeOwned, Deserializer, IgnoredAny, MapAccess, Visitor};

use serde_json::value::RawValue;

use crate::runtime::error::{Error, ErrorKind, Result};
use crate::runtime::error_body::{Entry, ErrorBody, Scalar};
use crate::runtime::lenient;
use crate::runtime::transport::{CHUNKED_FROM, ReceivedBody};

/// The fields of a body the client reads; any others are skipped.
struct Envelope<T> {
    success: Option<bool>,
    data: Data<T>,
    error: ErrorBody,
}

/// An envelope's `data`: decoded as soon as it is read if `success: true` came first (the
/// common order); held as raw JSON if `success` was not yet known, since a body without
/// `success` is not an envelope and its `data` is then not what the caller asked for.
enum Data<T> {
    Absent,
    Decoded(T),
    Raw(Box<RawValue>),
}

#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "lowercase")]
enum Key {
    Success,
    Data,
    Error,
    Code,
    Message,
    Errors,
    Detail,
    Title,
    #[serde(rename = "error_description")]
    ErrorDescription,
    Msg,
    #[serde(other)]
    Other,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Envelope<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        deserializer.deserialize_map(EnvelopeVisitor {
            marker: PhantomData,
        })
    }
}

struct EnvelopeVisitor<T> {
    marker: PhantomData<T>,
}

/// An entry that says nothing (`null`, `true`, `{}`) is as good as absent.
fn some_entry(entry: Entry) -> Option<Entry> {
    (entry.text.is_some() || entry.code.is_some() || !entry.messages.is_empty()).then_some(entry)
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
            data: Data::Absent,
            error: ErrorBody::default(),
        };
        let error = &mut envelope.error;
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Success => envelope.success = Some(map.next_value()?),
                // An error envelope's `data`, if any, need not fit the success type.
                Key::Data if envelope.success == Some(false) => {
                    map.next_value::<IgnoredAny>()?;
                }
                Key::Data if envelope.success == Some(true) => {
                    envelope.data = Data::Decoded(map.next_value()?);
                }
                Key::Data => envelope.data = Data::Raw(map.next_value()?),
                Key::Error => error.error = some_entry(map.next_value()?),
                Key::Code => error.code = map.next_value::<Scalar>()?.0,
                Key::Message => error.message = some_entry(map.next_value()?),
                Key::Errors => error.errors = some_entry(map.next_value()?),
                Key::Detail | Key::ErrorDescription | Key::Msg => {
                    error.details.extend(map.next_value::<Entry>()?.messages);
                }
                Key::Title => error.title = map.next_value::<Scalar>()?.0,
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(envelope)
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

/// The API error an error body describes, keeping a snippet of the body.
fn api_error(status: StatusCode, error: ErrorBody, body: &[u8]) -> Error {
    let (code, message) = error.resolve();
    Error::new(ErrorKind::Api)
        .with_status(status)
        .with_api(code, message)
        .with_body(body)
}

/// The detail of an error whose body `serde_json` cannot read, even repaired.
pub(crate) const NOT_JSON: &str = "the body is not JSON";

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
///
/// `cut` says that the body was cut at its size limit (only error bodies are): one that
/// then does not read as JSON is closed where it was cut ([`lenient::close_cut`]) so that
/// the API error at its start is still read.
pub(crate) fn decode_received<T: DeserializeOwned>(
    status: StatusCode,
    body: ReceivedBody,
    cut: bool,
) -> Result<T> {
    match body {
        ReceivedBody::Whole(body) => decode_whole(status, &body, cut),
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

/// Decodes a `V` from `chunks` in one pass, releasing each chunk once read, and naming the
/// path of the value that fails (`.` for the value itself). The one decoder of every path
/// but the fast one, so that each response type's `Deserialize` is compiled for two
/// serde_json readers only (see the module docs).
fn decode_streamed<V: DeserializeOwned>(
    chunks: VecDeque<Bytes>,
) -> std::result::Result<V, (String, serde_json::Error)> {
    let reader = BufReader::with_capacity(64 * 1024, ChunkReader(chunks));
    let mut deserializer = serde_json::Deserializer::from_reader(reader);
    let value = serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|located| (located.path().to_string(), located.into_inner()))?;
    deserializer
        .end()
        .map_err(|error| (".".to_owned(), error))?;
    Ok(value)
}

/// Decodes a long success body from its chunks in one pass, never holding it whole.
///
/// Unlike [`decode`], it cannot read the body twice: a body without the envelope is a
/// decode error instead of being taken as the data itself, and of the repairs of
/// [`lenient`] only the stripping of what comes before the JSON (byte-order marks, an
/// anti-XSSI prefix) is made. A shape error names the field path as well as serde_json's
/// line and column. Snippets come from the first bytes.
fn decode_chunks<T: DeserializeOwned>(
    status: StatusCode,
    mut chunks: VecDeque<Bytes>,
) -> Result<T> {
    // The first piece is a block of at least 1 MiB (or the first 8 MiB): enough for a
    // snippet, which then knows the body goes on.
    let head = chunks.front().map_or(Vec::new(), |first| {
        first[..first.len().min(crate::runtime::error::SNIPPET_BYTES + 1)].to_vec()
    });
    if let Some(first) = chunks.front_mut() {
        let prefix = lenient::prefix_len(first);
        first.advance(prefix);
    }
    match decode_streamed::<Envelope<T>>(chunks) {
        Ok(envelope) => from_envelope(status, &head, false, envelope),
        Err((_, error)) if error.is_syntax() || error.is_eof() || error.is_io() => {
            Err(Error::new(ErrorKind::Decode)
                .with_status(status)
                .with_detail(NOT_JSON)
                .with_source(error)
                .with_body(&head))
        }
        Err((path, error)) => {
            let decode = Error::new(ErrorKind::Decode).with_status(status);
            Err(located(decode, &path, error).with_body(&head))
        }
    }
}

/// Decodes a response body received with `status` as the envelope of a `T`.
///
/// A body that is not JSON as `serde_json` reads it is repaired (byte-order marks, an
/// anti-XSSI prefix, trailing NULs, bytes that are not UTF-8, unpaired surrogate escapes)
/// and decoded again; a well-formed body never pays for that.
pub fn decode<T: DeserializeOwned>(status: StatusCode, body: &[u8]) -> Result<T> {
    decode_whole(status, body, false)
}

/// [`decode`] of a body that may have been `cut` at its size limit.
fn decode_whole<T: DeserializeOwned>(status: StatusCode, body: &[u8], cut: bool) -> Result<T> {
    if status.is_success()
        && let Some(data) = decode_common(body)
    {
        return Ok(data);
    }
    decode_general(status, body, true, cut)
}

/// [`decode`] past its fast path; `may_repair` is false for a body repaired already, and
/// `cut` says the body was cut at its size limit (it is then closed where it was cut,
/// [`lenient::close_cut`], rather than repaired).
fn decode_general<T: DeserializeOwned>(
    status: StatusCode,
    body: &[u8],
    may_repair: bool,
    cut: bool,
) -> Result<T> {
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
    let kind = if status.is_success() {
        ErrorKind::Decode
    } else {
        ErrorKind::Status
    };
    match serde_json::from_slice::<Envelope<T>>(body) {
        Ok(envelope) => from_envelope(status, body, true, envelope),
        Err(error) if error.to_string().starts_with("recursion limit exceeded") => {
            Err(Error::new(kind)
                .with_status(status)
                .with_detail("the JSON is nested too deeply")
                .with_body(body))
        }
        Err(error) if error.is_syntax() || error.is_eof() => {
            let repaired = match (may_repair, cut) {
                (false, _) => None,
                // A closed body may still need the repairs.
                (true, true) => lenient::close_cut(body).map(|closed| (closed, true)),
                (true, false) => lenient::repair(body).map(|repaired| (repaired, false)),
            };
            if let Some((repaired, may_repair)) = repaired {
                // Errors show the body as it came, not as repaired.
                return decode_general(status, &repaired, may_repair, false)
                    .map_err(|error| error.with_body_if_kept(body));
            }
            Err(Error::new(kind)
                .with_status(status)
                .with_detail(NOT_JSON)
                .with_body(body))
        }
        // JSON, but not an object: bare data, such as a list.
        Err(_) if status.is_success() && !skip_whitespace(body).starts_with(b"{") => {
            decode_bare(status, body)
        }
        Err(error) => Err(shape_error::<T>(status, body, error)),
    }
}

/// `inner` (`.` for the value itself, `[3].x`, `x.y`) appended to `outer`.
fn join_path(outer: &str, inner: &str) -> String {
    match (outer, inner) {
        (".", inner) => inner.to_owned(),
        (outer, ".") => outer.to_owned(),
        (outer, inner) if inner.starts_with('[') => format!("{outer}{inner}"),
        (outer, inner) => format!("{outer}.{inner}"),
    }
}

/// The start of the message of an error raised by [`nested_error`].
const NESTED_AT: &str = "at `";

/// An error for a value a model decodes by hand from a buffered copy (an untagged enum
/// that picks its variant by shape): it carries the failing field's path inside the value,
/// which the envelope decoder appends to the path of the value itself, so that the caller
/// sees `data.webhook.url` rather than `data` and "did not match any variant".
#[cfg_attr(
    not(any(feature = "webhooks", feature = "knowledge_base")),
    allow(dead_code)
)] // used by untagged shapes (webhooks, knowledge bases)
pub(crate) fn nested_error<E: de::Error>(
    located: serde_path_to_error::Error<serde_json::Error>,
) -> E {
    let path = located.path().to_string();
    E::custom(format_args!("{NESTED_AT}{path}`: {}", located.into_inner()))
}

/// `(inner path, message)` of an error raised by [`nested_error`].
fn split_nested(message: &str) -> Option<(&str, &str)> {
    message.strip_prefix(NESTED_AT)?.split_once("`: ")
}

/// `error` located at `path` (`.` for the top) by `source`, whose own inner path, if it
/// has one, is appended.
fn located(mut error: Error, path: &str, source: serde_json::Error) -> Error {
    let text = source.to_string();
    let (path, detail) = match split_nested(&text) {
        Some((inner, rest)) => (join_path(path, inner), Some(rest.to_owned())),
        None => (path.to_owned(), None),
    };
    if path != "." {
        error = error.with_decode_path(path);
    }
    match detail {
        Some(detail) => error.with_detail(detail),
        None => error.with_source(source),
    }
}

/// Decodes `json` (known to be one JSON value) as a `T`, naming the failing field (`.` for
/// the value itself) on error. Runs on the slow paths only, through [`decode_streamed`]
/// over a copy of `json`, so that `T` is not compiled for a third reader.
fn decode_located<T: DeserializeOwned>(
    json: &[u8],
) -> std::result::Result<T, (String, serde_json::Error)> {
    decode_streamed(VecDeque::from([Bytes::copy_from_slice(json)]))
}

/// A success whose body is JSON but not an object with `success`: the data itself.
fn decode_bare<T: DeserializeOwned>(status: StatusCode, body: &[u8]) -> Result<T> {
    decode_located::<T>(body).map_err(|(path, source)| {
        let error = Error::new(ErrorKind::Decode)
            .with_status(status)
            .with_detail(
                "the body is JSON but neither an Autoposting envelope nor the expected data",
            );
        located(error, &path, source).with_body(body)
    })
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
    } = envelope;
    // Without `success`, an object is an error if the status says so, or if it has the
    // shape of an error (`error` and a message), whatever the status.
    let error_shaped = success.is_none() && matches!(data, Data::Absent) && error.is_error_shaped();
    if success == Some(false)
        || (!status.is_success() && success.is_none() && error.says_error())
        || error_shaped
    {
        return Err(api_error(status, error, body));
    }
    if !status.is_success() {
        return Err(Error::new(ErrorKind::Status)
            .with_status(status)
            .with_body(body));
    }
    if success.is_none() {
        if !complete {
            return Err(Error::new(ErrorKind::Decode)
                .with_status(status)
                .with_detail(format!(
                    "the body is JSON but not an Autoposting envelope (it has no `success`); \
                     a body of more than {CHUNKED_FROM} bytes is decoded only from an envelope"
                ))
                .with_body(body));
        }
        // Not an envelope: the body is the data itself (a webhook event, the CLI
        // device-code flow), and keeps every field even if one of them is `data`. Only a
        // body that does not fit `T` and has a `data` that does gives that `data` (the docs
        // abbreviate some answers to `{"data": …}`).
        if let Ok(whole) = serde_json::from_slice::<T>(body) {
            return Ok(whole);
        }
        if let Data::Raw(raw) = &data
            && let Ok(inner) = serde_json::from_slice::<T>(raw.get().as_bytes())
        {
            return Ok(inner);
        }
        return decode_bare(status, body);
    }
    match data {
        Data::Decoded(data) => Ok(data),
        Data::Raw(raw) => decode_located::<T>(raw.get().as_bytes()).map_err(|(path, source)| {
            let error = Error::new(ErrorKind::Decode).with_status(status);
            located(error, &join_path("data", &path), source).with_body(body)
        }),
        Data::Absent => from_nothing().ok_or_else(|| {
            Error::new(ErrorKind::Decode)
                .with_status(status)
                .with_decode_path("data".to_owned())
                .with_detail("the envelope has no `data`, but the operation returns data")
                .with_body(body)
        }),
    }
}

/// The body is a JSON object but does not fit `Envelope<T>`. Runs only on failure: re-reads
/// the body without `T` to find an error, and otherwise decodes again with path tracking to
/// name the failing field.
fn shape_error<T: DeserializeOwned>(
    status: StatusCode,
    body: &[u8],
    error: serde_json::Error,
) -> Error {
    if let Ok(envelope) = serde_json::from_slice::<Envelope<IgnoredAny>>(body)
        && (envelope.success == Some(false)
            || (!status.is_success() && envelope.success.is_none() && envelope.error.says_error()))
    {
        return api_error(status, envelope.error, body);
    }
    if !status.is_success() {
        return Error::new(ErrorKind::Status)
            .with_status(status)
            .with_body(body);
    }
    let decode = Error::new(ErrorKind::Decode).with_status(status);
    match decode_located::<Envelope<T>>(body) {
        Err((path, found)) => located(decode, &path, found),
        Ok(_) => decode.with_source(error),
    }
    .with_body(body)
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
