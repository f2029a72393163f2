//! Organizations (workspaces) a session belongs to, and the active one.
//!
//! The [`Organizations`] trait declares the operations of the API's *Organizations* tag; [`Client`]
//! implements it.
//!
//! [`Client`]: crate::Client

use crate::api;

/// Operations of the *Organizations* tag.
#[api(crate = "crate")]
pub trait Organizations {}
