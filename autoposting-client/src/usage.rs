//! Usage: summaries and token-level breakdowns.
//!
//! The [`Usage`] trait declares the operations of the API's *Usage* tag; [`Client`]
//! implements it.
//!
//! [`Client`]: crate::Client

use crate::api;

/// Operations of the *Usage* tag.
#[api(crate = "crate")]
pub trait Usage {}
