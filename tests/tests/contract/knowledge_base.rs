//! Knowledge Base.
