//! Knowledge bases, document ingestion, semantic search, and AI content ideas.
//!
//! The [`KnowledgeBase`] trait declares the operations of the API's *Knowledge Base* tag; [`Client`]
//! implements it.
//!
//! [`Client`]: crate::Client

use crate::api;

/// Operations of the *Knowledge Base* tag.
#[api(crate = "crate")]
pub trait KnowledgeBase {}
