//! The API surface: one module per API area, each opening with its `#[api]` trait (the
//! area's table of contents), then its models.
//!
//! Areas import shared types from [`crate::common`] and the runtime, never from each other.
//! Each area is behind the cargo feature of its module's name (`agents`, `api_keys`, …,
//! all on by default through `full`), so a crate that turns the defaults off and names the
//! areas it calls compiles only those.

#[cfg(feature = "agents")]
pub mod agents;
#[cfg(feature = "api_keys")]
pub mod api_keys;
#[cfg(feature = "auth")]
pub mod auth;
#[cfg(feature = "billing")]
pub mod billing;
#[cfg(feature = "brands")]
pub mod brands;
#[cfg(feature = "carousels")]
pub mod carousels;
#[cfg(feature = "clips")]
pub mod clips;
#[cfg(feature = "health")]
pub mod health;
#[cfg(feature = "knowledge_base")]
pub mod knowledge_base;
#[cfg(feature = "notifications")]
pub mod notifications;
#[cfg(feature = "organizations")]
pub mod organizations;
#[cfg(feature = "platform_oauth")]
pub mod platform_oauth;
#[cfg(feature = "posts")]
pub mod posts;
#[cfg(feature = "usage")]
pub mod usage;
#[cfg(feature = "webhooks")]
pub mod webhooks;
