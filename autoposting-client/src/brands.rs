//! Brands: each brand maps to a set of connected social accounts; addressed by slug.
//!
//! The [`Brands`] trait declares the operations of the API's *Brands* tag; [`Client`]
//! implements it.
//!
//! [`Client`]: crate::Client

use crate::api;

/// Operations of the *Brands* tag.
#[api(crate = "crate")]
pub trait Brands {}
