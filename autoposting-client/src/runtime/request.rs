//! The one generic request runtime that every `#[api]` method calls.
//!
//! Generated code is a chain such as
//! `Request::new(self, endpoint).path("agent_id", &agent_id).query("limit", &limit).send::<T>()`:
//! the URL is written once into a single buffer (base URL, literal pieces, percent-encoded
//! segments, query pairs), the first invalid argument is remembered and returned before
//! anything is sent, and only the final decode is generic over `T`.

use std::fmt::{self, Display, Write as _};
use std::pin::Pin;

use futures_util::FutureExt as _;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC};
use reqwest::Url;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::Serialize;
use serde::de::{DeserializeOwned, IgnoredAny};

use crate::runtime::client::Client;
use crate::runtime::endpoint::Endpoint;
use crate::runtime::envelope;
use crate::runtime::error::{Error, Result};
use crate::runtime::multipart::AsPart;
use crate::runtime::params::{self, Level, Sink};
use crate::runtime::rate_limit::RateLimit;
use crate::runtime::response::ApiResponse;
use crate::runtime::retry;
use crate::runtime::transport::{self, Body, Prepared, Received};

/// Everything but RFC 3986 unreserved characters is escaped, so a value is always exactly
/// one segment (`/`, `%`, `?`, `#`, space, `+` and non-ASCII included) and the server
/// decodes back the same string.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The future of a request sent by generated code: boxed, `Send`, and borrowing only the
/// client. Not a stable API.
#[doc(hidden)]
pub type Pending<'c, T> = Pin<Box<dyn Future<Output = Result<T>> + Send + 'c>>;

/// A request being assembled by generated code. Not a stable API.
#[doc(hidden)]
#[must_use = "a request does nothing until it is sent"]
pub struct Request<'c> {
    client: &'c Client,
    endpoint: &'static Endpoint,
    url: String,
    filled: usize,
    query_start: Option<usize>,
    headers: HeaderMap,
    body: Body,
    error: Option<Error>,
}

/// Percent-encodes everything written through it into the URL buffer.
struct SegmentWriter<'a>(&'a mut String);

impl fmt::Write for SegmentWriter<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        for chunk in percent_encoding::utf8_percent_encode(s, SEGMENT) {
            self.0.push_str(chunk);
        }
        Ok(())
    }
}

impl Sink for form_urlencoded::Serializer<'_, &mut String> {
    fn push(&mut self, name: &str, value: &str) {
        self.append_pair(name, value);
    }
}

/// Header values of one argument.
struct HeaderValues(Vec<String>);

impl Sink for HeaderValues {
    fn push(&mut self, _: &str, value: &str) {
        self.0.push(value.to_owned());
    }
}

impl<'c> Request<'c> {
    /// Starts a request to `endpoint` on `client`'s base URL.
    pub fn new(client: &'c Client, endpoint: &'static Endpoint) -> Self {
        let base = client.base_url();
        let mut url = String::with_capacity(base.len() + endpoint.path.len() + 64);
        url.push_str(base);
        url.push_str(endpoint.pieces.first().copied().unwrap_or_default());
        Request {
            client,
            endpoint,
            url,
            filled: 0,
            query_start: None,
            headers: HeaderMap::new(),
            body: Body::Empty,
            error: None,
        }
    }

    fn fail(&mut self, error: Error) {
        if self.error.is_none() {
            self.error = Some(error);
        }
    }

    /// Fills the next path placeholder with `value`, percent-encoded as one segment.
    /// Empty, `.` and `..` are refused: URL normalisation would erase them.
    pub fn path<T: Display + ?Sized>(mut self, name: &'static str, value: &T) -> Self {
        let start = self.url.len();
        if write!(SegmentWriter(&mut self.url), "{value}").is_err() {
            // Only a failing `Display` impl gets here; it may have written half a value.
            let error =
                Error::invalid_argument(format!("path argument `{name}` could not be formatted"));
            self.fail(error);
        }
        let segment = &self.url[start..];
        if matches!(segment, "" | "." | "..") {
            let error = Error::invalid_argument(format!(
                "path argument `{name}` is {segment:?}; a path segment cannot be empty, `.` or `..`"
            ));
            self.fail(error);
        }
        self.filled += 1;
        self.url.push_str(
            self.endpoint
                .pieces
                .get(self.filled)
                .copied()
                .unwrap_or_default(),
        );
        self
    }

    /// Adds query parameters from `value` under `name`; see [`params`] for the shapes.
    pub fn query<T: Serialize + ?Sized>(mut self, name: &'static str, value: &T) -> Self {
        let start = match self.query_start {
            Some(start) => start,
            None => {
                self.url.push('?');
                *self.query_start.insert(self.url.len())
            }
        };
        let mut pairs = form_urlencoded::Serializer::for_suffix(&mut self.url, start);
        let result = params::write(&mut pairs, name, Level::Argument, value);
        if let Err(error) = result {
            self.fail(Error::invalid_argument(format!(
                "query parameter `{name}`: {error}"
            )));
        }
        self
    }

    /// Adds the header `name` with the value(s) of `value`; `None` adds nothing, a sequence
    /// adds the header once per element.
    pub fn header<T: Serialize + ?Sized>(mut self, name: HeaderName, value: &T) -> Self {
        let mut values = HeaderValues(Vec::new());
        if let Err(error) = params::write(&mut values, name.as_str(), Level::Field, value) {
            self.fail(Error::invalid_argument(format!("header `{name}`: {error}")));
            return self;
        }
        for value in values.0 {
            // Visible ASCII, spaces and tabs only: obs-text bytes are legal on the wire but
            // decoded differently by every server.
            let printable = value
                .bytes()
                .all(|b| b.is_ascii_graphic() || b == b' ' || b == b'\t');
            match HeaderValue::try_from(value) {
                Ok(value) if printable => {
                    self.headers.append(name.clone(), value);
                }
                _ => {
                    // The value itself is not shown: headers may carry secrets.
                    let detail = format!(
                        "header `{name}`: the value has characters not allowed in a header"
                    );
                    self.fail(Error::invalid_argument(detail));
                }
            }
        }
        self
    }

    /// Sets the JSON body.
    pub fn json<T: Serialize + ?Sized>(mut self, value: &T) -> Self {
        match serde_json::to_vec(value) {
            // A `None` body (`null`) sends no body at all, never `null`.
            Ok(body) if body == b"null" => self.body = Body::Empty,
            Ok(body) => self.body = Body::Json(body.into()),
            Err(error) => self.fail(
                Error::invalid_argument("the request body could not be serialized")
                    .with_source(error),
            ),
        }
        self
    }

    /// Adds a `multipart/form-data` field; `None` values add nothing.
    pub fn part<T: AsPart + ?Sized>(mut self, name: &'static str, value: &T) -> Self {
        if let Some(part) = value.as_part() {
            match &mut self.body {
                Body::Multipart(parts) => parts.push((name, part)),
                _ => self.body = Body::Multipart(vec![(name, part)]),
            }
        }
        self
    }

    /// Sends the request and decodes the envelope's `data` as `T`.
    ///
    /// The arguments are checked and the URL built when this is called; nothing is sent
    /// until the future is awaited. The future comes boxed, as the methods of an `#[api]`
    /// trait return it: generated code hands it on as it is, and the compiler proves it
    /// `Send` once, here, not in every crate that declares endpoints. A call makes two
    /// allocations for its futures: this box, and the exchange's (see `exchanged`).
    pub fn send<T: DeserializeOwned + 'c>(self) -> Pending<'c, T> {
        Box::pin(self.decoded::<T>())
    }

    /// Sends the request and accepts any success: an envelope with or without `data`, an
    /// empty body, or 204.
    ///
    /// `#[inline]`, as generic code is: its decoding is compiled only in a crate that sends
    /// such a request, not in every crate that depends on this one.
    #[inline]
    pub fn send_unit(self) -> Pending<'c, ()> {
        Box::pin(
            self.decoded::<IgnoredAny>()
                .map(|result| result.map(|_| ())),
        )
    }

    /// Like [`send`](Self::send), keeping the status and headers.
    pub fn send_with_response<T: DeserializeOwned + 'c>(self) -> Pending<'c, ApiResponse<T>> {
        Box::pin(self.decoded_with_response::<T>())
    }

    /// Like [`send_unit`](Self::send_unit), keeping the status and headers. `#[inline]` for
    /// the same reason.
    #[inline]
    pub fn send_unit_with_response(self) -> Pending<'c, ApiResponse<()>> {
        Box::pin(self.decoded_with_response::<IgnoredAny>().map(|result| {
            result.map(|response| ApiResponse {
                data: (),
                status: response.status,
                headers: response.headers,
            })
        }))
    }

    /// The future of [`send`](Self::send), unboxed.
    fn decoded<T: DeserializeOwned>(self) -> impl Future<Output = Result<T>> + Send + 'c {
        self.exchanged::<T>()
            .map(|result| result.map(|(data, _received)| data))
    }

    /// The future of [`send_with_response`](Self::send_with_response), unboxed.
    fn decoded_with_response<T: DeserializeOwned>(
        self,
    ) -> impl Future<Output = Result<ApiResponse<T>>> + Send + 'c {
        self.exchanged::<T>().map(|result| {
            result.map(|(data, received)| ApiResponse {
                data,
                status: received.status,
                headers: received.headers,
            })
        })
    }

    /// Sends the request and decodes its body as `T`, giving back what was received
    /// besides (status, headers) for the caller that keeps them.
    ///
    /// Only the decoding is generic: the exchange is [`received`], one boxed future compiled
    /// in this crate. A crate that calls an endpoint then compiles that endpoint's decoding
    /// and nothing of the transport (an `async` block's state machine is otherwise compiled
    /// anew in every crate that awaits it, as generic code is).
    fn exchanged<T: DeserializeOwned>(
        self,
    ) -> impl Future<Output = Result<(T, Received)>> + Send + 'c {
        let (client, endpoint) = (self.client, self.endpoint);
        received(client, endpoint, self.prepare()).map(move |result| {
            let mut received = result?;
            let body = received.take_body();
            let cut = received.cut_at.is_some();
            match envelope::decode_received(received.status, body, cut) {
                Ok(data) => Ok((data, received)),
                Err(error) => {
                    Err(decode_error(error, endpoint, &received).redacting(client.key_text()))
                }
            }
        })
    }

    /// Everything before sending, which does not depend on the response type: the first
    /// invalid argument, or the URL and headers to send. Synchronous, so that the futures
    /// of `send` hold only the transport's.
    fn prepare(self) -> Result<Prepared> {
        let Request {
            mut url,
            query_start,
            headers,
            body,
            error,
            ..
        } = self;
        if let Some(error) = error {
            return Err(error);
        }
        if query_start == Some(url.len()) {
            url.pop(); // every query argument was `None`
        }
        let url = Url::parse(&url)
            .map_err(|e| Error::invalid_argument(format!("the request URL is invalid: {e}")))?;
        // `Accept` is added by the transport: most requests then have no header map at all.
        Ok(Prepared {
            url,
            headers,
            body,
            credentials: true,
        })
    }
}

/// The response to `prepared` (or its first invalid argument), its body not yet decoded.
///
/// Holds the prepared request and the transport's future, and nothing else, so that the
/// future every generated method awaits stays small. Never inlined: it is the part of every
/// call that does not depend on the response type, compiled once, here.
#[inline(never)]
fn received<'c>(
    client: &'c Client,
    endpoint: &'static Endpoint,
    prepared: Result<Prepared>,
) -> Pin<Box<dyn Future<Output = Result<Received>> + Send + 'c>> {
    Box::pin(async move {
        let operation = endpoint.operation;
        let prepared = prepared.map_err(|error| error.with_operation(operation))?;
        let received = transport::send(client, endpoint, &prepared)
            .await
            .map_err(|e| e.with_operation(operation).redacting(client.key_text()))?;
        crate::runtime::rate_limit::observe(&received.headers);
        Ok(received)
    })
}

/// A response that did not decode, with what the caller may want to know about it.
fn decode_error(mut error: Error, endpoint: &'static Endpoint, received: &Received) -> Error {
    if let Some(kept) = received.cut_at {
        error = error.with_body_cut_at(kept);
    }
    if endpoint.sensitive {
        error = error.without_body();
    }
    // A gateway error after a request that is not resent: it may have been processed.
    if !endpoint.idempotent && matches!(received.status.as_u16(), 502 | 504) {
        error = error.outcome_unknown();
    }
    error
        .with_operation(endpoint.operation)
        .with_attempts(received.attempts)
        .with_rate_limit(RateLimit::from_headers(&received.headers))
        .with_retryable(retry::retries_status(endpoint.idempotent, received.status))
}
