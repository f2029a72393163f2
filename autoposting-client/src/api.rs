//! The API surface: one module per API area, each opening with its `#[api]` trait (the
//! area's table of contents), then its models.
//!
//! Areas import shared types from [`crate::common`] and the runtime, never from each other.

pub mod agents;
pub mod api_keys;
pub mod auth;
pub mod billing;
pub mod brands;
pub mod carousels;
pub mod clips;
pub mod health;
pub mod knowledge_base;
pub mod notifications;
pub mod organizations;
pub mod platform_oauth;
pub mod posts;
pub mod usage;
pub mod webhooks;
