//! Brands.
