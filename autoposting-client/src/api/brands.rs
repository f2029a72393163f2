//! Brands: each brand maps to a set of connected social accounts; addressed by slug.
//!
//! The [`Brands`] trait declares the operations of the API's *Brands* tag; [`Client`]
//! implements it. A brand's connected accounts and their tokens are managed through
#![cfg_attr(
    feature = "platform_oauth",
    doc = "[`PlatformOauth`](crate::platform_oauth::PlatformOauth)."
)]
#![cfg_attr(not(feature = "platform_oauth"), doc = "`PlatformOauth`.")]
//!
//! The API's documents describe a brand three ways, and [`Brand`] decodes all of them: the
//! reference page (`description`, `logoUrl`, `order`, `connectedPlatforms` as platform
//! names), the concept page (`timezone`, `position`, `platforms` as platform names,
//! `clipTemplateDefaults`) and the official SDK (`timezone`, `platforms` as connection
//! objects). Platform names are [`Platform`] values in every shape; one this client does
//! not know decodes to [`Platform::Other`].
//!
//! [`Client`]: crate::Client

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::common::Platform;
use crate::common::PlatformConnection;
use crate::common::spelling::keeps_spelling;
use crate::{List, Patch, Result, api};

/// Operations of the *Brands* tag.
#[api(crate = "crate", async_fn_docs)]
pub trait Brands {
    /// Every brand of the caller's organisation.
    ///
    /// The API takes no paging parameters here. The official SDK receives a bare array,
    /// and the overview says every list may come as `{"brands": […], "total": n}` or
    /// `{"items": […], "total", "limit", "offset"}`: all decode into [`List`].
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 401 when the key is missing,
    /// invalid or expired; 403 when it lacks the `brands:read` scope; 429 when rate limited.
    ///
    /// Evidence: the official SDK only; no reference page was retrieved.
    #[get("/brands")]
    async fn list_brands(&self) -> Result<List<Brand>>;

    /// One brand, by its slug.
    ///
    /// `brand_slug` is the brand's URL-safe identifier, unique per organisation (e.g.
    /// `acme-corp`), sent as one percent-encoded path segment.
    ///
    /// # Errors
    /// - [`ErrorKind::Api`](crate::ErrorKind::Api) with status 401 without a valid key;
    ///   403 without the `brands:read` scope; 404 when no brand has this slug in the
    ///   caller's organisation; 429 when rate limited.
    /// - [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument) for an empty,
    ///   `.` or `..` slug, before anything is sent.
    ///
    /// Evidence: the official SDK only; no reference page was retrieved.
    #[get("/brands/<brand_slug>")]
    async fn get_brand(&self, brand_slug: &str) -> Result<Brand>;

    /// Creates a brand.
    ///
    /// The concept page sends `name`, `slug`, `timezone` and `platforms`; the official SDK
    /// sends only `name` and an optional `timezone`, so the server presumably derives a slug
    /// from the name when none is given. A slug cannot be changed after creation.
    ///
    /// # Errors
    /// - [`ErrorKind::Api`](crate::ErrorKind::Api) with status 400 for a missing name or a
    ///   slug that is not URL-safe; 401 without a valid key; 403 without the `brands:write`
    ///   scope, or with code `billing_suspended` when the subscription is expired or
    ///   suspended (every mutating route checks billing); 409 when the slug is already
    ///   taken in the organisation; 429 when rate limited.
    /// - [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument) if the body
    ///   cannot be serialised, before anything is sent.
    ///
    /// Evidence: the concept page's example request and the official SDK; no response
    /// example is published (the SDK decodes the brand it returns).
    #[post("/brands")]
    async fn create_brand(&self, #[body] request: &CreateBrandRequest) -> Result<Brand>;

    /// Changes a brand's name, description, logo or timezone; returns the updated brand.
    ///
    /// Only the fields set on `request` are sent. The slug is immutable. `brand_slug` is
    /// the slug of the brand to change (e.g. `acme-corp`).
    ///
    /// The reference page documents `name`, `description` and `logoUrl`; the official SDK
    /// sends `name` and `timezone`. [`UpdateBrandRequest`] can send any of them.
    ///
    /// # Errors
    /// - [`ErrorKind::Api`](crate::ErrorKind::Api) with status 400 for an invalid value;
    ///   401 without a valid key; 403 without the `brands:write` scope, or with code
    ///   `billing_suspended` when the subscription is expired or suspended; 404 when no
    ///   brand has this slug in the caller's organisation; 429 when rate limited.
    /// - [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument) for an empty,
    ///   `.` or `..` slug, before anything is sent.
    #[patch("/brands/<brand_slug>")]
    async fn update_brand(
        &self,
        brand_slug: &str,
        #[body] request: &UpdateBrandRequest,
    ) -> Result<Brand>;

    /// Deletes a brand.
    ///
    /// `brand_slug` is the slug of the brand to delete. Whatever the success body (the
    /// official SDK sees `{"deleted": true}`; a bare `{"success": true}` or 204 are also
    /// accepted), the call returns `()`.
    ///
    /// # Errors
    /// - [`ErrorKind::Api`](crate::ErrorKind::Api) with status 401 without a valid key;
    ///   403 without the `brands:write` scope, or with code `billing_suspended`; 404 when
    ///   no brand has this slug in the caller's organisation; 429 when rate limited.
    /// - [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument) for an empty,
    ///   `.` or `..` slug, before anything is sent.
    ///
    /// Evidence: the official SDK only; no reference page was retrieved.
    #[delete("/brands/<brand_slug>")]
    async fn delete_brand(&self, brand_slug: &str) -> Result<()>;
}

keeps_spelling! {
    /// A brand: a named set of connected social accounts, with scheduling defaults.
    ///
    /// The reference page, the concept page and the official SDK each describe other fields;
    /// everything beyond `id`, `slug` and `name` is optional here, and `None` means the
    /// response did not carry the field.
    ///
    /// `order` also comes as the concept page's `position`; it is written back under the key it
    /// came in, and a brand carrying both decodes (the first one wins).
    ///
    /// ```json
    /// {"id": "brand_01HXYZ", "name": "Acme Corp", "slug": "acme-corp",
    ///  "description": "Official Acme brand", "logoUrl": null, "order": 0,
    ///  "connectedPlatforms": ["x", "linkedin"], "createdAt": "2024-01-01T00:00:00Z",
    ///  "updatedAt": "2024-01-01T00:00:00Z"}
    /// ```
    #[derive(Clone, PartialEq)]
    #[non_exhaustive]
    pub struct Brand as "Brand" {
        /// `id`: the brand id, e.g. `brand_01HXYZ`. Operations address brands by [`slug`](Self::slug).
        pub id: String,
        /// `slug`: the URL-safe identifier, unique per organisation and immutable, e.g. `acme-corp`.
        pub slug: String,
        /// `name`: the display name shown across the dashboard.
        pub name: String,
        /// `description`: a free-text description (reference page).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub description: Option<String>,
        /// `logoUrl`: the URL of the brand's logo; `None` when it has none (reference page).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub logo_url: Option<String>,
        /// `timezone`: the IANA time zone used for scheduling defaults, e.g. `America/New_York` (concept
        /// page, SDK).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub timezone: Option<String>,
        /// `order` (or the concept page's `position`): the brand's place in the brand list,
        /// lowest first.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub order: Option<i64>,
        /// `connectedPlatforms`: the platforms with a connected account, as the reference page shows them: platform
        /// names (`x`, `linkedin`, `instagram`, `threads`, `youtube`). A platform this client
        /// does not know survives as [`Platform::Other`].
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub connected_platforms: Option<Vec<Platform>>,
        /// `platforms`: the brand's platforms, as the concept page (platform names) or the official SDK
        /// (one [`PlatformConnection`] per platform) show them.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub platforms: Option<Vec<BrandPlatform>>,
        /// `clipTemplateDefaults`: defaults for clip renders: caption preset, platform presets and aspect ratios
        /// (concept page). Its fields are not documented, so it is kept as raw JSON.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub clip_template_defaults: Option<serde_json::Value>,
        /// `createdAt`: when the brand was created (RFC 3339, UTC).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub created_at: Option<DateTime<Utc>>,
        /// `updatedAt`: when the brand was last changed (RFC 3339, UTC).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub updated_at: Option<DateTime<Utc>>,
    }
    aliases = [("position", "order")];
}

/// One entry of [`Brand::platforms`], in either documented shape.
///
/// ```json
/// "linkedin"
/// ```
///
/// ```json
/// {"platform": "linkedin", "connected": true, "platformUsername": "@mybrand"}
/// ```
///
/// A string is the name, an object the connection; a decode error names the failing field
/// inside the object (`data.platforms[1].connected`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum BrandPlatform {
    /// A platform name such as `x` or `linkedin` (the concept page's "enabled platforms").
    Name(Platform),
    /// A platform with its connection state (the official SDK).
    Connection(PlatformConnection),
}

// By hand rather than `#[serde(untagged)]`, whose error ("did not match any variant")
// names no field: the JSON type picks the shape, and the object is decoded in place, so
// its error keeps its path.
impl<'de> Deserialize<'de> for BrandPlatform {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ShapeVisitor;
        impl<'de> serde::de::Visitor<'de> for ShapeVisitor {
            type Value = BrandPlatform;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a platform name, or an object with `platform` and `connected`")
            }
            fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<BrandPlatform, E> {
                Platform::deserialize(serde::de::value::StrDeserializer::<E>::new(name))
                    .map(BrandPlatform::Name)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<BrandPlatform, A::Error> {
                PlatformConnection::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(BrandPlatform::Connection)
            }
        }
        deserializer.deserialize_any(ShapeVisitor)
    }
}

impl BrandPlatform {
    /// The platform, whichever shape the entry came in.
    pub fn platform(&self) -> &Platform {
        match self {
            BrandPlatform::Name(name) => name,
            BrandPlatform::Connection(connection) => &connection.platform,
        }
    }
}

/// The body of [`Brands::create_brand`], built with [`CreateBrandRequest::builder`]: `name`
/// is required, the other fields are left out of the JSON when unset.
///
/// ```
/// use autoposting_client::brands::CreateBrandRequest;
/// use autoposting_client::Platform;
///
/// let request = CreateBrandRequest::builder()
///     .name("Acme Corp")
///     .slug("acme-corp")
///     .timezone("America/New_York")
///     .platforms([Platform::X, Platform::Linkedin])
///     .build();
/// ```
///
/// ```json
/// {"name": "Acme Corp", "slug": "acme-corp", "timezone": "America/New_York",
///  "platforms": ["x", "linkedin"]}
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CreateBrandRequest {
    /// `name`: the display name; required.
    pub name: String,
    /// `slug`: the URL-safe slug, unique per organisation and immutable; the server picks one
    /// when it is left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    /// `timezone`: the IANA time zone for scheduling defaults, e.g. `America/New_York`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// `platforms`: the platforms to enable, sent as their API names (`x`, `linkedin`, `youtube`,
    /// `instagram`, `threads`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(into)]
    pub platforms: Option<Vec<Platform>>,
}

/// The body of [`Brands::update_brand`], built with [`UpdateBrandRequest::builder`]: only
/// what is set is sent (`UpdateBrandRequest::default()` sends `{}`).
///
/// `logo_url` takes a URL, or [`Patch::Clear`] to remove the logo (`"logoUrl": null`).
///
/// ```
/// use autoposting_client::brands::UpdateBrandRequest;
/// use autoposting_client::Patch;
///
/// let rename = UpdateBrandRequest::builder().name("Acme Corporation").build();
/// let new_logo = UpdateBrandRequest::builder().logo_url("https://cdn.example.com/acme.png").build();
/// let drop_logo = UpdateBrandRequest::builder().logo_url(Patch::Clear).build();
/// ```
///
/// ```json
/// {"name": "Acme Corporation", "description": "Updated description", "logoUrl": "<string>"}
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UpdateBrandRequest {
    /// `name`: the new display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `description`: the new description (reference page).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `logoUrl`: the new logo URL, or [`Patch::Clear`] to remove the logo (a brand's `logoUrl` can
    /// be `null`). Left out by default.
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[builder(default, into)]
    pub logo_url: Patch<String>,
    /// `timezone`: the new IANA time zone (official SDK).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
}
