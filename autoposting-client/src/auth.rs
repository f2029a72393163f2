//! Auth: sign-in, profile, social login and the CLI device-code flow.
//!
//! The [`Auth`] trait declares the operations of the API's *Auth* tag; [`Client`]
//! implements it.
//!
//! [`Client`]: crate::Client

use crate::api;

/// Operations of the *Auth* tag.
#[api(crate = "crate")]
pub trait Auth {}
