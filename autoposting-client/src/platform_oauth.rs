//! Platform OAuth: connecting X, LinkedIn, Instagram, Threads and YouTube accounts, and their tokens.
//!
//! The [`PlatformOauth`] trait declares the operations of the API's *Platform OAuth* tag; [`Client`]
//! implements it.
//!
//! [`Client`]: crate::Client

use crate::api;

/// Operations of the *Platform OAuth* tag.
#[api(crate = "crate")]
pub trait PlatformOauth {}
