//! Carousels: multi-slide posts, AI-generated copy and design, and their assets.
//!
//! The [`Carousels`] trait declares the operations of the API's *Carousels* tag; [`Client`]
//! implements it.
//!
//! [`Client`]: crate::Client

use crate::api;

/// Operations of the *Carousels* tag.
#[api(crate = "crate")]
pub trait Carousels {}
