//! The request runtime that every endpoint method calls into: the client and its settings,
//! request building, the transport with its retries and redirects, envelope decoding and
//! errors.
//!
//! Code that `#[api]` generates reaches it through `crate::__private`; users see only what
//! the crate root re-exports.

pub(crate) mod argument_type;
pub(crate) mod client;
pub(crate) mod endpoint;
pub(crate) mod envelope;
pub(crate) mod error;
pub(crate) mod error_body;
pub(crate) mod lenient;
pub(crate) mod multipart;
pub(crate) mod params;
pub(crate) mod rate_limit;
pub(crate) mod request;
pub(crate) mod response;
pub(crate) mod response_type;
pub(crate) mod retry;
pub(crate) mod transport;
