//! Carousels: multi-slide posts, AI-generated copy and design, and their assets.
//!
//! The [`Carousels`] trait declares the operations of the API's *Carousels* tag; [`Client`]
//! implements it.
//!
//! A carousel is written by hand ([`Carousels::create_carousel`]) or by the AI
//! ([`Carousels::generate_carousel`], 15 credits), edited slide by slide
//! ([`Carousels::update_carousel`]), designed ([`Carousels::generate_carousel_design`],
//! 15 credits), given images ([`Carousels::upload_carousel_assets`]) and finally turned into
//! a post draft ([`Carousels::create_carousel_draft`]).
//!
//! # Two descriptions of a carousel
//! The reference pages show `{id, brandSlug, title, slides: [{id, title, body, imageUrl,
//! order}], design, status, createdAt, updatedAt}`; the official SDK types a carousel as
//! `{id, title?, slides: [{index, text?, imageUrl?}], status, createdAt}`. [`Carousel`]
//! decodes both: what only one of them carries is an `Option`, a slide's `text` fills
//! [`CarouselSlide::body`] and its `index` fills [`CarouselSlide::order`].
//!
//! [`Client`]: crate::Client

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::common::spelling::keeps_spelling;
use crate::common::string_enum::string_enum;
use crate::{List, Part, Result, api};

/// Operations of the *Carousels* tag.
#[api(crate = "crate", async_fn_docs)]
pub trait Carousels {
    /// Creates a carousel from slides written by the caller, in status
    /// [`draft`](CarouselStatus::Draft).
    ///
    /// The request names the brand by slug (`acme-corp`), an internal title and, optionally,
    /// the slides in display order; see [`CreateCarouselRequest`]. Creating a carousel by
    /// hand costs no credits; to have the AI write it, use
    /// [`generate_carousel`](Carousels::generate_carousel).
    ///
    /// # Errors
    /// - [`ErrorKind::Api`](crate::ErrorKind::Api) with status 400 for a missing `brandSlug`
    ///   or `title`; 401 when the key is missing or invalid; 403 `billing_suspended` when the
    ///   subscription is suspended, or when the key lacks the `carousels:write` scope; 404
    ///   when the brand does not exist or belongs to another organisation; 429 when rate
    ///   limited (see `Retry-After`).
    /// - Transport and decode errors as for every call.
    #[post("/carousels")]
    async fn create_carousel(&self, #[body] request: &CreateCarouselRequest) -> Result<Carousel>;

    /// One carousel with its slides, design and status.
    ///
    /// `id` is the carousel id (e.g. `car_01HXYZ`), sent as one percent-encoded path
    /// segment.
    ///
    /// # Errors
    /// - [`ErrorKind::Api`](crate::ErrorKind::Api) with status 401 without a valid key; 403
    ///   without the `carousels:read` scope; 404 when the carousel does not exist or belongs
    ///   to another organisation.
    /// - [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument) for an empty, `.`
    ///   or `..` id, before anything is sent.
    #[get("/carousels/<id>")]
    async fn get_carousel(&self, id: &str) -> Result<Carousel>;

    /// Changes a carousel's title and/or replaces its slides.
    ///
    /// `id` is the carousel id (e.g. `car_01HXYZ`). Only the fields set on the
    /// [`UpdateCarouselRequest`] are sent. `slides` is a **full replacement**: the new list
    /// becomes the carousel's slides, each slide's order being its index in the list, so
    /// send every slide you want to keep.
    ///
    /// # Errors
    /// - [`ErrorKind::Api`](crate::ErrorKind::Api) with status 400 for an invalid body; 401
    ///   without a valid key; 403 `billing_suspended` when the subscription is suspended, or
    ///   without the `carousels:write` scope; 404 for an unknown carousel or one of another
    ///   organisation; 429 when rate limited.
    /// - [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument) for an empty, `.`
    ///   or `..` id, before anything is sent.
    #[patch("/carousels/<id>")]
    async fn update_carousel(
        &self,
        id: &str,
        #[body] request: &UpdateCarouselRequest,
    ) -> Result<Carousel>;

    /// Has the AI design the carousel's slides, optionally with a given template and colour
    /// scheme; answers the carousel with its [`design`](Carousel::design) filled in.
    ///
    /// `id` is the carousel id (e.g. `car_01HXYZ`). An empty [`GenerateCarouselDesignRequest`]
    /// (`{}`) lets the API choose. Design generation costs **15 credits** (template or
    /// AI-design mode), per the carousels concept page.
    ///
    /// # Errors
    /// - [`ErrorKind::Api`](crate::ErrorKind::Api) with status 402 `insufficient_credits` when
    ///   the organisation has fewer credits than the design costs; 403 `billing_suspended`
    ///   when the subscription is suspended, or without the `carousels:write` scope; 401
    ///   without a valid key; 404 for an unknown carousel; 429 when rate limited.
    /// - [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument) for an empty, `.`
    ///   or `..` id, before anything is sent.
    #[post("/carousels/<id>/generate-design")]
    async fn generate_carousel_design(
        &self,
        id: &str,
        #[body] request: &GenerateCarouselDesignRequest,
    ) -> Result<Carousel>;

    /// Uploads an image or other media file for a carousel's slides, as
    /// `multipart/form-data` with the file in the field `file`.
    ///
    /// `carousel_id` is the carousel id (e.g. `car_01HXYZ`). Give the [`Part`] a file name
    /// and a content type (`Part::bytes(png).file_name("cover.png").content_type("image/png")`)
    /// so the server can tell what it receives.
    ///
    /// **Evidence:** the reference page states only the path and the multipart encoding;
    /// neither the form's field names nor the response are published. The field name `file`
    /// follows the API's other upload (`POST /media/upload`), and the response's `data` is
    /// returned as untyped JSON (`Null` when the answer carries none) rather than guessed.
    ///
    /// # Errors
    /// - [`ErrorKind::Api`](crate::ErrorKind::Api) with status 400 for a missing or
    ///   unsupported file; 401 without a valid key; 403 `billing_suspended` or without the
    ///   `carousels:write` scope; 404 for an unknown carousel; 429 when rate limited.
    /// - [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument) for an empty, `.`
    ///   or `..` id or an invalid content type on the part, before anything is sent.
    #[post("/carousels/<carousel_id>/assets")]
    async fn upload_carousel_assets(
        &self,
        carousel_id: &str,
        #[part("file")] file: &Part,
    ) -> Result<serde_json::Value>;

    /// Has the AI write a carousel's copy on a topic; answers the new carousel.
    ///
    /// See [`GenerateCarouselRequest`] for the topic, platform preset, slide count and
    /// brand. Copy generation costs **15 credits**, each later refinement 10 (carousels
    /// concept page).
    ///
    /// **Evidence:** the request comes from the concept page's example and the SDK; the
    /// response is not documented, and the SDK types it as a carousel.
    ///
    /// # Errors
    /// - [`ErrorKind::Api`](crate::ErrorKind::Api) with status 400 for a missing `topic`; 402
    ///   `insufficient_credits` when the organisation has fewer than 15 credits; 403
    ///   `billing_suspended` when the subscription is suspended, or without the
    ///   `carousels:write` scope; 401 without a valid key; 404 for an unknown brand; 429 when
    ///   rate limited.
    #[post("/carousels/generate")]
    async fn generate_carousel(
        &self,
        #[body] request: &GenerateCarouselRequest,
    ) -> Result<Carousel>;

    /// One page of the organisation's carousels.
    ///
    /// `limit` is the page size (at most 100; the API's default is 50) and `offset` the
    /// number of carousels to skip (default 0); `None` leaves either out. To walk every
    /// page, see [`paginate`](crate::pagination::paginate).
    ///
    /// **Evidence:** this operation is known only from the SDK, which reads
    /// `{"items": […], "total", "limit", "offset"}`; the reference's list convention would
    /// be `{"carousels": […], "total"}`. Both, and a bare array, decode into [`List`]. The
    /// `limit`/`offset` parameters are the overview's rule for every list endpoint and match
    /// the paging fields the SDK sees; no page documents them for carousels specifically.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 401 without a valid key; 403
    /// without the `carousels:read` scope; 429 when rate limited.
    #[get("/carousels")]
    async fn list_carousels(
        &self,
        #[query] limit: Option<u32>,
        #[query] offset: Option<u32>,
    ) -> Result<List<Carousel>>;

    /// Converts a carousel into a post draft, ready to be scheduled or published through
    /// the posts operations. Sends no body.
    ///
    /// `id` is the carousel id (e.g. `car_01HXYZ`).
    ///
    /// **Evidence:** known only from the SDK, which types the answer as the carousel; the
    /// draft post itself is not described.
    ///
    /// # Errors
    /// - [`ErrorKind::Api`](crate::ErrorKind::Api) with status 401 without a valid key; 403
    ///   `billing_suspended` or without the `carousels:write` scope; 404 for an unknown
    ///   carousel; 409 for the conflicts the overview lists (a missing platform connection,
    ///   an expired token, a duplicate); 429 when rate limited.
    /// - [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument) for an empty, `.`
    ///   or `..` id, before anything is sent.
    #[post("/carousels/<id>/create-draft")]
    async fn create_carousel_draft(&self, id: &str) -> Result<Carousel>;

    /// Deletes a carousel. Any success counts: an envelope with or without `data`, or 204.
    ///
    /// `id` is the carousel id (e.g. `car_01HXYZ`). Known only from the SDK.
    ///
    /// # Errors
    /// - [`ErrorKind::Api`](crate::ErrorKind::Api) with status 401 without a valid key; 403
    ///   without the `carousels:write` scope; 404 for an unknown carousel or one of another
    ///   organisation; 429 when rate limited.
    /// - [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument) for an empty, `.`
    ///   or `..` id, before anything is sent.
    #[delete("/carousels/<id>")]
    async fn delete_carousel(&self, id: &str) -> Result<()>;
}

/// A carousel: an ordered set of slides published as one post.
///
/// ```json
/// {"id": "car_01HXYZ", "brandSlug": "acme-corp", "title": "5 Growth Hacks for 2025",
///  "slides": [{"id": "slide_01", "title": "Hook", "body": "Most founders ignore this...",
///              "imageUrl": null, "order": 0}],
///  "design": null, "status": "draft", "createdAt": "2024-01-01T00:00:00Z",
///  "updatedAt": "2024-01-01T00:00:00Z"}
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Carousel {
    /// `id`: the carousel id, e.g. `car_01HXYZ`.
    pub id: String,
    /// `brandSlug`: the slug of the brand it belongs to (`acme-corp`); the SDK's shape leaves it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand_slug: Option<String>,
    /// `title`: the internal title; optional in the SDK's shape.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `slides`: the slides, in display order.
    pub slides: Vec<CarouselSlide>,
    /// `design`: the generated design, as untyped JSON: `None` until
    /// [`generate_carousel_design`](Carousels::generate_carousel_design) has run. Its
    /// fields are not documented.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub design: Option<serde_json::Value>,
    /// `status`: where the carousel is in its life cycle.
    pub status: CarouselStatus,
    /// `createdAt`: when the carousel was created (RFC 3339, UTC).
    pub created_at: DateTime<Utc>,
    /// `updatedAt`: when the carousel last changed (RFC 3339, UTC); the SDK's shape leaves it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<DateTime<Utc>>,
}

keeps_spelling! {
    /// One slide of a [`Carousel`].
    ///
    /// The reference's slide carries `body` and `order`; the SDK's carries `text` and
    /// `index` for the same things. Each is written back under the key it came in, and a
    /// slide carrying both spellings decodes (the first one wins).
    ///
    /// ```json
    /// {"id": "slide_01", "title": "Hook", "body": "Most founders ignore this...",
    ///  "imageUrl": null, "order": 0}
    /// ```
    #[derive(Clone, PartialEq, Eq)]
    #[non_exhaustive]
    pub struct CarouselSlide as "CarouselSlide" {
        /// `id`: the slide id, e.g. `slide_01`; the SDK's shape has none.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub id: Option<String>,
        /// `title`: the slide's heading.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub title: Option<String>,
        /// `body` (or the SDK's `text`): the slide's text.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub body: Option<String>,
        /// `imageUrl`: the URL of the slide's image; `None` when it has none.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub image_url: Option<String>,
        /// `order` (or the SDK's `index`): the slide's 0-based position.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub order: Option<u64>,
    }
    aliases = [("text", "body"), ("index", "order")];
}

string_enum! {
    /// The status of a [`Carousel`].
    pub enum CarouselStatus {
        /// Being written or edited; the status of a new carousel.
        Draft = "draft",
        /// Complete and ready to be turned into a post (from the SDK's type).
        Ready = "ready",
    }
}

string_enum! {
    /// A colour scheme for [`GenerateCarouselDesignRequest::color_scheme`]. The
    /// reference gives these as examples, not as a closed list: any other value can be sent
    /// as [`CarouselColorScheme::Other`].
    pub enum CarouselColorScheme {
        /// Light text on a dark background.
        Dark = "dark",
        /// Dark text on a light background.
        Light = "light",
        /// The brand's own colours.
        Brand = "brand",
    }
}

/// The body of [`Carousels::create_carousel`], built with [`CreateCarouselRequest::builder`]:
/// `brand_slug` and `title` are required, `slides` is left out when unset.
///
/// ```
/// use autoposting_client::carousels::{CarouselSlideInput, CreateCarouselRequest};
///
/// let request = CreateCarouselRequest::builder()
///     .brand_slug("acme-corp")
///     .title("5 Growth Hacks for 2025")
///     .slides(vec![CarouselSlideInput::builder()
///         .title("Hook")
///         .body("Most founders ignore this...")
///         .build()])
///     .build();
/// ```
///
/// ```json
/// {"brandSlug": "acme-corp", "title": "5 Growth Hacks for 2025",
///  "slides": [{"title": "Hook", "body": "Most founders ignore this...", "imageUrl": "<string>"}]}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CreateCarouselRequest {
    /// `brandSlug`: the slug of the brand the carousel belongs to (required).
    pub brand_slug: String,
    /// `title`: the internal title (required).
    pub title: String,
    /// `slides`: the slides in display order; left out when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(into)]
    pub slides: Option<Vec<CarouselSlideInput>>,
}

/// The body of [`Carousels::update_carousel`], built with [`UpdateCarouselRequest::builder`]:
/// only the fields set are sent, so `UpdateCarouselRequest::default()` sends `{}`.
///
/// ```
/// use autoposting_client::carousels::{CarouselSlideInput, UpdateCarouselRequest};
///
/// let change = UpdateCarouselRequest::builder()
///     .title("5 Growth Hacks for 2025")
///     .slides(vec![CarouselSlideInput::builder().title("Hook").build()])
///     .build();
/// ```
///
/// ```json
/// {"title": "5 Growth Hacks for 2025",
///  "slides": [{"title": "Hook", "body": "Most founders ignore this...", "imageUrl": "<string>"}]}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UpdateCarouselRequest {
    /// `title`: the new internal title; left out when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `slides`: the new slides, replacing all current ones (order = index); left out when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(into)]
    pub slides: Option<Vec<CarouselSlideInput>>,
}

/// A slide as sent in [`CreateCarouselRequest`] and [`UpdateCarouselRequest`], built with
/// [`CarouselSlideInput::builder`]; its position is its index in the list. Only the fields
/// set are sent.
///
/// ```json
/// {"title": "Hook", "body": "Most founders ignore this...", "imageUrl": "<string>"}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CarouselSlideInput {
    /// `title`: the slide's heading; left out when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `body`: the slide's text; left out when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// `imageUrl`: the URL of the slide's image (for instance one uploaded with
    /// [`Carousels::upload_carousel_assets`]); left out when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
}

/// The body of [`Carousels::generate_carousel_design`], built with
/// [`GenerateCarouselDesignRequest::builder`]: both fields are optional, and
/// `GenerateCarouselDesignRequest::default()` sends `{}`.
///
/// ```
/// use autoposting_client::carousels::{CarouselColorScheme, GenerateCarouselDesignRequest};
///
/// let request = GenerateCarouselDesignRequest::builder()
///     .color_scheme(CarouselColorScheme::Dark)
///     .build();
/// ```
///
/// ```json
/// {"template": "<string>", "colorScheme": "<string>"}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct GenerateCarouselDesignRequest {
    /// `template`: the design template to apply; left out when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// `colorScheme`: A colour scheme overriding the template's; left out when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color_scheme: Option<CarouselColorScheme>,
}

/// The body of [`Carousels::generate_carousel`], built with
/// [`GenerateCarouselRequest::builder`]: `topic` is required, the other fields are left out
/// when unset.
///
/// ```
/// use autoposting_client::carousels::GenerateCarouselRequest;
///
/// let request = GenerateCarouselRequest::builder()
///     .topic("5 reasons to automate your social media")
///     .platform_preset("linkedin")
///     .slide_count(7)
///     .brand_slug("acme-corp")
///     .build();
/// ```
///
/// ```json
/// {"topic": "5 reasons to automate your social media", "platformPreset": "linkedin",
///  "slideCount": 7, "brandSlug": "brand_slug"}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct GenerateCarouselRequest {
    /// `topic`: what the carousel is about (required).
    pub topic: String,
    /// `platformPreset`: the platform the copy is shaped for, e.g. `linkedin`; left out when `None`. Kept a
    /// string rather than a [`Platform`](crate::Platform): the docs call it a preset,
    /// type it as a free string and give only this example, so it is sent exactly as given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform_preset: Option<String>,
    /// `slideCount`: how many slides to write (the docs' example asks for 7; no limit is published);
    /// left out when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slide_count: Option<u32>,
    /// `brandSlug`: the slug of the brand whose voice and knowledge to use; left out when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub brand_slug: Option<String>,
}
