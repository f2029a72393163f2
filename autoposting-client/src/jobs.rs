//! The API's jobs built on its operations: walking every page of a list, checking webhook
//! deliveries, waiting for asynchronous work to finish, and uploading a file in one call.

pub mod pagination;
// Uploads drive the clips, knowledge-base and post-media flows: compiled with all three areas.
#[cfg(all(feature = "clips", feature = "knowledge_base", feature = "posts"))]
pub mod upload;
pub mod wait;
#[cfg(feature = "webhooks")]
pub(crate) mod webhook_signature;
