//! Billing: credits, plan changes and subscription status.
//!
//! The [`Billing`] trait declares the operations of the API's *Billing* tag; [`Client`]
//! implements it.
//!
//! [`Client`]: crate::Client

use crate::api;

/// Operations of the *Billing* tag.
#[api(crate = "crate")]
pub trait Billing {}
