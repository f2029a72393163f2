//! Posts and media: create, schedule, publish, score and rewrite posts across platforms, and upload their media.
//!
//! The [`Posts`] trait declares the operations of the API's *Posts* tag; [`Client`]
//! implements it.
//!
//! [`Client`]: crate::Client

use crate::api;

/// Operations of the *Posts* tag.
#[api(crate = "crate")]
pub trait Posts {}
