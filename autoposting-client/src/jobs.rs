//! The API's jobs built on its operations: walking every page of a list; uploading a file
//! in one call.

pub mod pagination;
pub mod upload;
