//! Webhooks: outbound endpoints that receive real-time events.
//!
//! The [`Webhooks`] trait declares the operations of the API's *Webhooks* tag; [`Client`]
//! implements it.
//!
//! [`Client`]: crate::Client

use crate::api;

/// Operations of the *Webhooks* tag.
#[api(crate = "crate")]
pub trait Webhooks {}
