//! Posts and media: create, schedule, publish, score and rewrite posts across platforms, and upload their media.
//!
//! The [`Posts`] trait declares the operations of the API's *Posts* tag; [`Client`]
//! implements it.
//!
//! [`Client`]: crate::Client

use crate::api;
use crate::string_enum::string_enum;

/// Operations of the *Posts* tag.
#[api(crate = "crate")]
pub trait Posts {}

string_enum! {
    /// A social network a post, an account or a token belongs to.
    ///
    /// Shared by every module that names platforms. The ideas domain of the official SDK
    /// spells X `twitter`; it decodes to [`Platform::X`] and is sent back as `x`.
    pub enum Platform {
        /// X (formerly Twitter): 280 characters (25,000 with Premium), up to 4 images,
        /// a video or a GIF, threads and polls.
        X = "x" | "twitter",
        /// LinkedIn: 3,000 characters (700 for organisation pages), up to 20 images.
        Linkedin = "linkedin",
        /// Instagram (Business or Creator account linked to a Facebook Page): 2,200
        /// characters, carousels of up to 10 items, Reels.
        Instagram = "instagram",
        /// Threads: 500 characters, up to 10 images.
        Threads = "threads",
        /// YouTube: a video is required; description at most 5,000 characters.
        Youtube = "youtube",
    }
}

string_enum! {
    /// Where a post is in its life cycle.
    ///
    /// `draft` → `scheduled` (when `scheduledAt` is in the future) → `validating` →
    /// `validated` → `publishing` → `published` | `partial` | `failed`, with the side states
    /// `billing_hold`, `render_pending` and `archived`. The official SDK only knows `draft`,
    /// `scheduled`, `published` and `failed`; the docs list all eleven.
    pub enum PostStatus {
        /// Not scheduled; edited freely.
        Draft = "draft",
        /// Waiting for its `scheduledAt` time; a per-minute job then moves it to validating.
        Scheduled = "scheduled",
        /// Being checked: token health, media, platform constraints.
        Validating = "validating",
        /// Passed validation; about to publish.
        Validated = "validated",
        /// Being sent to its platforms.
        Publishing = "publishing",
        /// Published on every platform.
        Published = "published",
        /// Published on some platforms and failed on others; retry re-sends the failed ones.
        Partial = "partial",
        /// Failed on every platform.
        Failed = "failed",
        /// Held because the organisation's subscription is suspended.
        BillingHold = "billing_hold",
        /// Waiting for a clip render to finish.
        RenderPending = "render_pending",
        /// Excluded from publishing and analytics.
        Archived = "archived",
    }
}
