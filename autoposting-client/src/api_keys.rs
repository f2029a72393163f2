//! API keys: create, list, update and revoke the keys used for programmatic access.
//!
//! The [`ApiKeys`] trait declares the operations of the API's *API Keys* tag; [`Client`]
//! implements it.
//!
//! [`Client`]: crate::Client

use crate::api;

/// Operations of the *API Keys* tag.
#[api(crate = "crate")]
pub trait ApiKeys {}
