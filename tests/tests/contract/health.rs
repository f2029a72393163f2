//! Health.
