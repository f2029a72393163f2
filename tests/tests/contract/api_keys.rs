//! Api Keys.
