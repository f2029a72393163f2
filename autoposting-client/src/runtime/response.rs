//! [`ApiResponse`]: a response's data together with its HTTP metadata.

use reqwest::StatusCode;

use crate::runtime::rate_limit::RateLimit;
use reqwest::header::HeaderMap;

/// The envelope's `data` with the status and headers it came with. Declare an endpoint as
/// returning `Result<ApiResponse<T>>` (or `Result<ApiResponse<()>>`) to receive it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ApiResponse<T> {
    /// The decoded `data`.
    pub data: T,
    /// The HTTP status (a 2xx; errors are [`Error`](crate::Error)s).
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
}

impl<T> ApiResponse<T> {
    /// The data, dropping the metadata.
    pub fn into_data(self) -> T {
        self.data
    }

    /// The rate-limit headers of the response, if it carried any.
    pub fn rate_limit(&self) -> Option<RateLimit> {
        RateLimit::from_headers(&self.headers)
    }

    /// A response header as text, if present and visible ASCII.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }
}
