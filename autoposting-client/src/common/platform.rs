//! Platforms and the connection of an account on one: named by posts, brands, agents,
//! notifications and platform tokens alike.

#[cfg(any(feature = "brands", feature = "platform_oauth"))]
use chrono::{DateTime, Utc};
#[cfg(any(feature = "brands", feature = "platform_oauth"))]
use serde::{Deserialize, Serialize};

use crate::common::string_enum::string_enum;

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

/// The connection state of one platform on a brand, from
#[cfg_attr(
    feature = "platform_oauth",
    doc = "[`PlatformOauth::get_brand_auth_status`](crate::platform_oauth::PlatformOauth::get_brand_auth_status)"
)]
#[cfg_attr(
    not(feature = "platform_oauth"),
    doc = "`PlatformOauth::get_brand_auth_status`"
)]
/// and, in the official SDK's shape,
#[cfg_attr(
    feature = "brands",
    doc = "[`Brand::platforms`](crate::brands::Brand::platforms)."
)]
#[cfg_attr(not(feature = "brands"), doc = "`Brand::platforms`.")]
///
/// Field names are those the official SDK verified against the backend.
///
/// ```json
/// {"platform": "linkedin", "connected": true, "platformUsername": "@mybrand",
///  "platformUserId": "urn:li:person:8k2", "platformAccountType": "organization",
///  "profileImageUrl": "https://cdn.example.com/p.png", "expiresAt": "2024-03-01T00:00:00Z"}
/// ```
#[cfg(any(feature = "brands", feature = "platform_oauth"))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PlatformConnection {
    /// `platform`: the platform (`x`, `linkedin`, `instagram`, `threads` or `youtube` on the wire); a
    /// platform this client does not know is kept as [`Platform::Other`].
    pub platform: Platform,
    /// `connected`: whether an account is connected on this platform.
    pub connected: bool,
    /// `platformUsername`: the connected account's name or handle on the platform, e.g. `@mybrand`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform_username: Option<String>,
    /// `platformUserId`: the connected account's id on the platform.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform_user_id: Option<String>,
    /// `platformAccountType`: whether the account is a personal profile or an organisation page (LinkedIn
    /// connects both with separate credentials).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform_account_type: Option<PlatformAccountType>,
    /// `profileImageUrl`: the account's profile picture URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile_image_url: Option<String>,
    /// `expiresAt`: when the token expires (RFC 3339, UTC); a connection past it cannot post.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<DateTime<Utc>>,
    /// `refreshError`: why the last automatic refresh failed, if it did; the account must be reconnected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_error: Option<String>,
}

#[cfg(any(feature = "brands", feature = "platform_oauth"))]
string_enum! {
    /// The kind of account behind a [`PlatformConnection`].
    pub enum PlatformAccountType {
        /// A personal profile.
        Personal = "personal",
        /// An organisation (company) page.
        Organization = "organization" | "organisation",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_str_accepts_any_case() {
        for (text, platform) in [
            ("x", Platform::X),
            ("X", Platform::X),
            ("Twitter", Platform::X),
            ("TWITTER", Platform::X),
            ("LinkedIn", Platform::Linkedin),
            ("linkedin", Platform::Linkedin),
            ("Instagram", Platform::Instagram),
            ("THREADS", Platform::Threads),
            ("YouTube", Platform::Youtube),
        ] {
            assert_eq!(text.parse::<Platform>(), Ok(platform.clone()), "{text}");
            let decoded: Platform = serde_json::from_value(serde_json::json!(text)).unwrap();
            assert_eq!(decoded, platform, "{text}");
        }
    }

    #[test]
    fn an_unknown_value_stays_visible_as_received() {
        let mastodon: Platform = "Mastodon".parse().unwrap();
        assert_eq!(mastodon, Platform::Other("Mastodon".to_owned()));
        assert!(mastodon.is_other() && !Platform::X.is_other());
        assert_eq!(mastodon.to_string(), "Mastodon");
        assert_eq!(
            serde_json::to_value(&mastodon).unwrap(),
            serde_json::json!("Mastodon")
        );
        // Near misses are not guessed.
        assert!(" x".parse::<Platform>().unwrap().is_other());
        assert!("linked-in".parse::<Platform>().unwrap().is_other());
    }

    #[test]
    fn known_values_encode_canonically() {
        let linkedin: Platform = "LINKEDIN".parse().unwrap();
        assert_eq!(linkedin.as_str(), "linkedin");
        assert_eq!(
            serde_json::to_value(PlatformAccountType::Organization).unwrap(),
            serde_json::json!("organization")
        );
        assert_eq!(
            "Organisation".parse::<PlatformAccountType>(),
            Ok(PlatformAccountType::Organization)
        );
    }
}
