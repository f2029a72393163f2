//! Posts.
