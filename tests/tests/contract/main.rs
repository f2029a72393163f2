//! The client held to the API contract: every documented response example is served from
//! 127.0.0.1 and decoded by the matching typed method, and nothing documented is dropped;
//! operations without a documented example are decoded from the shapes the schemas and the
//! official SDK give. One module per API tag.

mod harness;

mod agents;
mod api_keys;
mod auth;
mod billing;
mod brands;
mod carousels;
mod clips;
mod health;
mod knowledge_base;
mod notifications;
mod organizations;
mod platform_oauth;
mod posts;
mod usage;
mod webhooks;

mod model_examples;
