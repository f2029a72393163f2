//! The API's jobs built on its operations: walking every page of a list, checking webhook
//! deliveries, and waiting for asynchronous work to finish.

pub mod pagination;
pub mod wait;
#[cfg(feature = "webhooks")]
pub(crate) mod webhook_signature;
