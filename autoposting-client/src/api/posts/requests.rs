//! What [`Posts`](super::Posts) sends: request bodies and the query of `list_posts`, each
//! built with a derived builder (`Type::builder()…build()`; a required field left out does
//! not compile).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{MediaType, PostStatus};
use crate::common::string_enum::string_enum;
use crate::common::{Platform, PostSource};

/// The query of [`Posts::list_posts`](super::Posts::list_posts): filters and paging, built
/// with [`ListPostsParams::builder`]; every field left unset is not sent.
///
/// ```
/// use autoposting_client::posts::{ListPostsParams, PostStatus};
///
/// // GET /posts?brandSlug=acme&status=scheduled&limit=50
/// let params = ListPostsParams::builder()
///     .brand_slug("acme")
///     .status(PostStatus::Scheduled)
///     .limit(50)
///     .build();
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, bon::Builder)]
#[serde(rename_all = "camelCase")]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ListPostsParams {
    /// Sent as `brandSlug`: only posts of this brand (brands are addressed by slug).
    pub brand_slug: Option<String>,
    /// Sent as `status`: only posts in this status. The SDK offers `draft`, `scheduled`,
    /// `published` and `failed`; whether the server filters on the other documented
    /// statuses is not documented.
    pub status: Option<PostStatus>,
    /// Sent as `limit`: the page size, at most 100; the API's default is 50.
    pub limit: Option<u32>,
    /// Sent as `offset`: posts to skip; default 0.
    pub offset: Option<u32>,
}

/// The body of [`Posts::create_post`](super::Posts::create_post), built with
/// [`CreatePostRequest::builder`]: `brand_slug`, `text` and `platforms` are required; every
/// field left unset is not sent.
///
/// ```
/// use autoposting_client::posts::{CreatePostRequest, Platform};
///
/// # fn main() -> Result<(), chrono::ParseError> {
/// let request = CreatePostRequest::builder()
///     .brand_slug("brand_slug")
///     .text("Excited to share our latest update!")
///     .platforms([Platform::X, Platform::Linkedin])
///     .scheduled_at("2025-06-15T14:00:00Z".parse()?)
///     .build();
/// # Ok(()) }
/// ```
///
/// sends the documented example:
///
/// ```json
/// {
///   "brandSlug": "brand_slug",
///   "text": "Excited to share our latest update!",
///   "platforms": ["x", "linkedin"],
///   "scheduledAt": "2025-06-15T14:00:00Z"
/// }
/// ```
///
/// The fields the SDK adds (per-platform texts, media and accounts, platform options,
/// `source`) have setters too.
#[derive(Debug, Clone, PartialEq, Serialize, bon::Builder)]
#[serde(rename_all = "camelCase")]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct CreatePostRequest {
    /// `brandSlug`: the slug of the brand to post as.
    pub brand_slug: String,
    /// `text`: the main text.
    pub text: String,
    /// `platforms`: the platforms to post to.
    #[builder(with = |platforms: impl IntoIterator<Item = Platform>| platforms.into_iter().collect())]
    pub platforms: Vec<Platform>,
    /// `scheduledAt`: when to publish (absolute time, sent as RFC 3339 in UTC); `None`
    /// publishes right away.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduled_at: Option<DateTime<Utc>>,
    /// `thread`: follow-up posts chained after `text` as a thread (X and Threads; at most
    /// 25).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(with = |posts: impl IntoIterator<Item = impl Into<String>>| posts.into_iter().map(Into::into).collect())]
    pub thread: Option<Vec<String>>,
    /// `poll`: a poll attached to the post.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub poll: Option<Poll>,
    /// `media`: media for every platform.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(with = |media: impl IntoIterator<Item = MediaInput>| media.into_iter().collect())]
    pub media: Option<Vec<MediaInput>>,
    /// `platformMedia`: media for one platform instead of [`media`](Self::media) (SDK),
    /// e.g. `[(Platform::Instagram, vec![…])]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(with = |media: impl IntoIterator<Item = (Platform, Vec<MediaInput>)>| media.into_iter().collect())]
    pub platform_media: Option<HashMap<Platform, Vec<MediaInput>>>,
    /// `platformTexts`: text for one platform instead of [`text`](Self::text) (SDK), e.g.
    /// `[(Platform::X, "Short version")]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(with = |texts: impl IntoIterator<Item = (Platform, impl Into<String>)>| texts.into_iter().map(|(platform, text)| (platform, text.into())).collect())]
    pub platform_texts: Option<HashMap<Platform, String>>,
    /// `targetAccountIds`: the connected accounts to post from, per platform (SDK); by
    /// default the brand's.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(with = |accounts: impl IntoIterator<Item = (Platform, Vec<String>)>| accounts.into_iter().collect())]
    pub target_account_ids: Option<HashMap<Platform, Vec<String>>>,
    /// `instagramOptions`: Instagram options (SDK).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instagram_options: Option<InstagramOptions>,
    /// `threadsOptions`: Threads options (SDK).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threads_options: Option<ThreadsOptions>,
    /// `youtubeOptions`: YouTube options (SDK).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub youtube_options: Option<YoutubeOptions>,
    /// `source`: what is creating the post (SDK); the server's default applies when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<PostSource>,
}

/// A poll attached to a post (`poll` of [`CreatePostRequest`]).
///
/// ```json
/// {"options": ["Yes", "No"], "durationMinutes": 1440}
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, bon::Builder)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Poll {
    /// `options`: the choices, 2 to 4.
    #[builder(with = |options: impl IntoIterator<Item = impl Into<String>>| options.into_iter().map(Into::into).collect())]
    pub options: Vec<String>,
    /// `durationMinutes`: how long the poll stays open, in minutes.
    pub duration_minutes: u32,
}

/// A media item to attach to a new post, by URL (from
/// [`Posts::upload_media`](super::Posts::upload_media) or any public URL).
///
/// ```json
/// {"url": "https://cdn.example.com/cover.png", "type": "image", "altText": "Our new logo"}
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, bon::Builder)]
#[serde(rename_all = "camelCase")]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct MediaInput {
    /// `url`: where the server fetches the media from.
    pub url: String,
    /// `type`: image, video or GIF.
    #[serde(rename = "type")]
    pub kind: MediaType,
    /// `altText`: alternative text for accessibility.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alt_text: Option<String>,
}

/// Instagram options of a new post (SDK).
///
/// ```json
/// {"reel": {"shareToFeed": true, "thumbOffsetMs": 1500}}
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct InstagramOptions {
    /// `reel`: options for publishing the video as a Reel.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reel: Option<ReelOptions>,
}

/// How an Instagram Reel is published (SDK).
///
/// ```json
/// {
///   "thumbOffsetMs": 1500,
///   "shareToFeed": true,
///   "coverUrl": "https://cdn.example.com/cover.jpg",
///   "collaborators": ["partner_account"]
/// }
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[serde(rename_all = "camelCase")]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ReelOptions {
    /// `thumbOffsetMs`: the frame used as thumbnail, in milliseconds from the start of the
    /// video.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thumb_offset_ms: Option<u64>,
    /// `shareToFeed`: whether the Reel also appears in the feed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share_to_feed: Option<bool>,
    /// `coverUrl`: a cover image URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cover_url: Option<String>,
    /// `collaborators`: Instagram usernames invited as collaborators.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(with = |usernames: impl IntoIterator<Item = impl Into<String>>| usernames.into_iter().map(Into::into).collect())]
    pub collaborators: Option<Vec<String>>,
}

/// Threads options of a new post (SDK).
///
/// ```json
/// {"replyToId": "17890000000000000", "replyControl": "everyone"}
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[serde(rename_all = "camelCase")]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ThreadsOptions {
    /// `replyToId`: publishes the post as a reply to this Threads post id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply_to_id: Option<String>,
    /// `replyControl`: who may reply, as the Threads API spells it (e.g. `everyone`); the
    /// SDK does not list the values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply_control: Option<String>,
}

/// YouTube options of a new post (SDK).
///
/// ```json
/// {
///   "title": "Launch day",
///   "description": "Everything we shipped.",
///   "tags": ["launch"],
///   "privacyStatus": "unlisted",
///   "madeForKids": false,
///   "categoryId": "22"
/// }
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[serde(rename_all = "camelCase")]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct YoutubeOptions {
    /// `title`: the video title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `description`: the video description, at most 5,000 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `tags`: the video tags.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(with = |tags: impl IntoIterator<Item = impl Into<String>>| tags.into_iter().map(Into::into).collect())]
    pub tags: Option<Vec<String>>,
    /// `privacyStatus`: who can see the video.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub privacy_status: Option<YoutubePrivacy>,
    /// `madeForKids`: whether the video is made for kids (YouTube requires the declaration).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub made_for_kids: Option<bool>,
    /// `categoryId`: the YouTube category id, e.g. `"22"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category_id: Option<String>,
}

string_enum! {
    /// Who can see a YouTube video (YouTube's `privacyStatus`; the SDK types it as a string).
    pub enum YoutubePrivacy {
        /// Anyone.
        Public = "public",
        /// Anyone with the link.
        Unlisted = "unlisted",
        /// Only the channel.
        Private = "private",
    }
}

/// The body of [`Posts::update_post`](super::Posts::update_post), built with
/// [`UpdatePostRequest::builder`]: the fields to change; fields left unset are not sent and
/// keep their value.
///
/// ```
/// use autoposting_client::posts::{Platform, UpdatePostRequest};
///
/// let request = UpdatePostRequest::builder()
///     .text("Updated text")
///     .platforms([Platform::X])
///     .build();
/// ```
///
/// ```json
/// {"text": "Updated text", "platforms": ["x"], "scheduledAt": "2025-06-15T14:00:00Z"}
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[serde(rename_all = "camelCase")]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct UpdatePostRequest {
    /// `text`: the new text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// `platforms`: the new platforms.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(with = |platforms: impl IntoIterator<Item = Platform>| platforms.into_iter().collect())]
    pub platforms: Option<Vec<Platform>>,
    /// `scheduledAt`: the new publishing time (RFC 3339, UTC).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduled_at: Option<DateTime<Utc>>,
}

/// The body of [`Posts::schedule_post`](super::Posts::schedule_post): a time to publish at
/// ([`SchedulePostRequest::new`], `{"scheduledAt": "2024-06-01T10:00:00Z"}`), or a
/// cancellation ([`SchedulePostRequest::cancel`], `{"cancel": true}`). The two are
/// exclusive, so this type has constructors rather than a builder.
///
/// ```json
/// {"scheduledAt": "2024-06-01T10:00:00Z"}
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SchedulePostRequest {
    /// `scheduledAt`: when to publish; `None` for a cancellation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduled_at: Option<DateTime<Utc>>,
    /// `cancel`: `Some(true)` to unschedule: the post goes back to draft.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancel: Option<bool>,
}

impl SchedulePostRequest {
    /// Schedules the post for `at`: `{"scheduledAt": "2024-06-01T10:00:00Z"}`.
    pub fn new(at: DateTime<Utc>) -> Self {
        SchedulePostRequest {
            scheduled_at: Some(at),
            cancel: None,
        }
    }

    /// Unschedules the post, back to draft: `{"cancel": true}`.
    pub fn cancel() -> Self {
        SchedulePostRequest {
            scheduled_at: None,
            cancel: Some(true),
        }
    }
}
