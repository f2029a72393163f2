//! Clips: video upload (multipart), AI candidates, rendering and credit checks.
//!
//! The [`Clips`] trait declares the operations of the API's *Clips* tag; [`Client`]
//! implements it.
//!
//! [`Client`]: crate::Client

use crate::api;

/// Operations of the *Clips* tag.
#[api(crate = "crate")]
pub trait Clips {}
