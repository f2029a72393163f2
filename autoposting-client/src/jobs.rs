//! The API's jobs built on its operations: walking every page of a list.

pub mod pagination;
