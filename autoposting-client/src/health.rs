//! Health: whether the API is up; needs no credentials.
//!
//! The [`Health`] trait declares the operations of the API's *(untagged)* tag; [`Client`]
//! implements it.
//!
//! [`Client`]: crate::Client

use crate::api;

/// Operations of the *(untagged)* tag.
#[api(crate = "crate")]
pub trait Health {}
