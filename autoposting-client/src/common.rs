//! Types that several API areas share: platforms, lists, partial updates, presigned uploads.
//!
//! API areas import these from here and never from each other.

mod list;
mod patch;
mod platform;
mod post_source;
mod presigned;
pub(crate) mod spelling;
pub(crate) mod string_enum;

pub use list::List;
pub use patch::Patch;
pub use platform::{Platform, PlatformAccountType, PlatformConnection};
pub use post_source::PostSource;
pub use presigned::PresignedUpload;
