//! Types that several API areas share: platforms, lists, partial updates, presigned uploads,
//! and the two macros models are declared with (`string_enum!`, `keeps_spelling!`).
//!
//! API areas import these from here and never from each other. A type only some areas
//! name is compiled with the features of those areas.

mod list;
// Whole numbers written back as integers: only the areas with fractional amounts use it.
#[cfg(any(feature = "billing", feature = "clips"))]
pub(crate) mod number;
mod patch;
mod platform;
#[cfg(any(feature = "posts", feature = "usage"))]
mod post_source;
mod presigned;
// `Debug` without URLs' queries: for the areas whose values hold a presigned URL (its
// signature) or a webhook receiver's URL (a token, for some receivers).
#[cfg(any(feature = "clips", feature = "knowledge_base", feature = "webhooks"))]
pub(crate) mod redact;
#[cfg(any(
    feature = "agents",
    feature = "brands",
    feature = "carousels",
    feature = "clips",
    feature = "knowledge_base",
    feature = "platform_oauth",
    feature = "posts",
    feature = "usage",
    feature = "webhooks"
))]
pub(crate) mod spelling;
pub(crate) mod string_enum;

pub use list::List;
pub use patch::Patch;
pub use platform::Platform;
#[cfg(any(feature = "brands", feature = "platform_oauth"))]
pub use platform::{PlatformAccountType, PlatformConnection};
#[cfg(any(feature = "posts", feature = "usage"))]
pub use post_source::PostSource;
pub use presigned::PresignedUpload;
