//! Notifications: the in-app notification feed.
//!
//! The [`Notifications`] trait declares the operations of the API's *Notifications* tag; [`Client`]
//! implements it.
//!
//! [`Client`]: crate::Client

use crate::api;

/// Operations of the *Notifications* tag.
#[api(crate = "crate")]
pub trait Notifications {}
