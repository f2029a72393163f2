//! Health: whether the API is up; needs no credentials.
//!
//! The [`Health`] trait declares the API's one untagged operation; [`Client`] implements
//! it.
//!
//! [`Client`]: crate::Client

use crate::{Result, api};

/// The API's untagged operation: its health check.
#[api(crate = "crate", async_fn_docs)]
pub trait Health {
    /// Whether the API is operational: `Ok(())` when it answers `{"success": true}` (200).
    ///
    /// Needs no credential: a client built without a key can call it, and one with a key
    /// sends it as usual.
    ///
    /// # Errors
    /// - [`ErrorKind::Api`](crate::ErrorKind::Api) when the API answers an error envelope,
    ///   e.g. 500.
    /// - [`ErrorKind::Status`](crate::ErrorKind::Status) for an error status without an
    ///   envelope, such as a proxy's 502 or 503 page while the API is down.
    /// - [`ErrorKind::Timeout`](crate::ErrorKind::Timeout),
    ///   [`ErrorKind::Connect`](crate::ErrorKind::Connect) and
    ///   [`ErrorKind::Transport`](crate::ErrorKind::Transport) when it cannot be reached.
    #[get("/health")]
    async fn check_health(&self) -> Result<()>;
}
