//! Carousels.
