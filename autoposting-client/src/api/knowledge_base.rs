//! Knowledge bases, document ingestion, semantic search, and AI content ideas.
//!
//! The [`KnowledgeBase`] trait declares the operations of the API's *Knowledge Base* tag; [`Client`]
//! implements it.
//!
//! A knowledge base ([`Kb`]) holds documents ([`KbDocument`]) that are chunked and embedded
//! so that they can be searched ([`KnowledgeBase::search_kb`]) and used as context when
//! generating content ideas ([`KnowledgeBase::generate_ideas`]). Documents arrive either
//! from a public web page ([`KnowledgeBase::ingest_kb_url`]) or as a file uploaded in three
//! steps:
//!
//! 1. [`KnowledgeBase::start_kb_document_upload`] with the file name and MIME type returns a
//!    presigned storage URL and a storage key ([`KbDocumentUpload`]);
//! 2. the file is `PUT` to that URL directly (not through this client, and without the API
//!    key);
//! 3. [`KnowledgeBase::complete_kb_document_upload`] with the key starts ingestion.
//!
//! PDF, DOCX and TXT files are accepted; large PDFs (100+ pages) take roughly 30–90 seconds
//! to ingest.
//!
//! # Paths: `/kbs` and `/kb`
//! The API reference and the official SDK use `/kbs/…`; the knowledge-base concept page uses
//! `/kb/…`. Each operation is declared under the path it is catalogued with, so the upload
//! steps and the `GET` search use `/kb/…` and everything else `/kbs/…`.
//!
//! # Scopes
//! The API-key reference names the scopes `kbs:read` and `kbs:write`; the authentication
//! page calls them `kb:read` and `kb:write`. A key without the needed scope gets a 403.
//!
//! [`Client`]: crate::Client

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::common::string_enum::string_enum;
use crate::{List, Result, api};

/// Operations of the *Knowledge Base* tag.
#[api(crate = "crate", async_fn_docs)]
pub trait KnowledgeBase {
    /// Semantic search within a knowledge base: the chunks of its documents closest in
    /// meaning to a natural-language query, best first.
    ///
    /// `kb_id` is the knowledge base's id ([`Kb::id`]), sent as a path segment,
    /// percent-encoded; `request` carries the query and the maximum number of hits (the
    /// API's default is 10).
    ///
    /// The reference page documents each hit as `{documentId, documentName, chunk, score}`
    /// but shows no example; the official SDK types the data as
    /// `{query, limit, total, results: [{kind, uri, score, content, matchReason}]}`. Both
    /// hit shapes decode into [`KbSearchHit`], and the list under `results` (or a bare array)
    /// into a [`List`] whose `total` and `limit` are kept; the echoed `query` is not.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 400 for a missing or empty
    /// query; 401 without a valid key; 403 without the `kbs:read` scope (`kb:read` on the
    /// authentication page); 404 when the knowledge base does not exist or belongs to
    /// another organisation; 429 when rate limited (see `Retry-After`).
    ///
    /// [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument) for an empty, `.` or
    /// `..` id, before anything is sent.
    #[post("/kbs/<kb_id>/search")]
    async fn search_kb(
        &self,
        kb_id: &str,
        #[body] request: &SearchKbRequest,
    ) -> Result<List<KbSearchHit>>;

    /// Searches a knowledge base through the `GET` form shown on the knowledge-base concept
    /// page: `GET /kb/{kbId}/search?q=…&limit=…`.
    ///
    /// The reference documents the search as [`search_kb`](KnowledgeBase::search_kb)
    /// (`POST /kbs/{kbId}/search` with a JSON body) instead; this is most likely the same
    /// operation under an older path. Prefer `search_kb` unless your deployment only
    /// answers this one.
    ///
    /// `kb_id` is the knowledge base's id ([`Kb::id`]), sent as a path segment,
    /// percent-encoded. `query` is the search text, sent as `q` and percent-encoded;
    /// `limit` is the maximum number of hits (the concept page's example asks for 10);
    /// `None` leaves it out. The response is undocumented and decodes like
    /// [`search_kb`](KnowledgeBase::search_kb)'s.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 400 for a missing `q`; 401
    /// without a valid key; 403 without the `kbs:read` (`kb:read`) scope; 404 for an
    /// unknown knowledge base or one this server does not serve under `/kb/…`; 429 when
    /// rate limited.
    ///
    /// [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument) for an empty, `.` or
    /// `..` id, before anything is sent.
    #[get("/kb/<kb_id>/search")]
    async fn query_kb(
        &self,
        kb_id: &str,
        #[query("q")] query: &str,
        #[query] limit: Option<u32>,
    ) -> Result<List<KbSearchHit>>;

    /// Creates a knowledge base.
    ///
    /// `request` carries the name and, as the concept page shows, an optional slug and
    /// description (the SDK sends only the name). The SDK returns the new knowledge base
    /// itself; the concept page's example reads its id from `data.kb._id`. Both shapes
    /// decode into [`CreatedKb`].
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 400 for a missing name; 401
    /// without a valid key; 403 without the `kbs:write` (`kb:write`) scope, or with code
    /// `billing_suspended` when the subscription is suspended; 409 for a conflict such as a
    /// duplicate; 429 when rate limited.
    #[post("/kbs")]
    async fn create_kb(&self, #[body] request: &CreateKbRequest) -> Result<CreatedKb>;

    /// Ingests a public web page into a knowledge base: the server fetches `url`, stores it
    /// as a document and starts chunking and embedding it.
    ///
    /// `kb_id` is the knowledge base's id ([`Kb::id`]); `request` carries the page's URL
    /// and an optional label for the document.
    ///
    /// Returns the new document, normally with status
    /// [`Processing`](KbDocumentStatus::Processing); poll
    /// [`list_kb_documents`](KnowledgeBase::list_kb_documents) until it is
    /// [`Ready`](KbDocumentStatus::Ready) or [`Failed`](KbDocumentStatus::Failed).
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 400 for a missing or invalid
    /// URL; 401 without a valid key; 403 without the `kbs:write` (`kb:write`) scope or with
    /// code `billing_suspended`; 404 for an unknown knowledge base; 429 when rate limited.
    ///
    /// [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument) for an empty, `.` or
    /// `..` id, before anything is sent.
    #[post("/kbs/<kb_id>/docs/ingest-url")]
    async fn ingest_kb_url(
        &self,
        kb_id: &str,
        #[body] request: &IngestKbUrlRequest,
    ) -> Result<KbDocument>;

    /// Step 1 of a file upload: asks for a presigned URL to which the file is then `PUT`
    /// directly (see the [module docs](self)).
    ///
    /// `kb_id` is the knowledge base's id ([`Kb::id`]); `request` names the file and its
    /// MIME type (`application/pdf`,
    /// `application/vnd.openxmlformats-officedocument.wordprocessingml.document`,
    /// `text/plain`). The concept page describes this step in prose only and does not name
    /// the response fields; see [`KbDocumentUpload`] for how they are read.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 400 for a missing file name or
    /// an unsupported type; 401 without a valid key; 403 without the `kbs:write`
    /// (`kb:write`) scope or with code `billing_suspended`; 404 for an unknown knowledge
    /// base; 429 when rate limited.
    ///
    /// [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument) for an empty, `.` or
    /// `..` id, before anything is sent.
    #[post("/kb/<kb_id>/docs/upload")]
    async fn start_kb_document_upload(
        &self,
        kb_id: &str,
        #[body] request: &StartKbDocumentUploadRequest,
    ) -> Result<KbDocumentUpload>;

    /// Step 3 of a file upload: confirms that the file was stored under `request.key` (the
    /// key from [`start_kb_document_upload`](KnowledgeBase::start_kb_document_upload)) and
    /// starts ingesting it into the knowledge base `kb_id` ([`Kb::id`]).
    ///
    /// The response is not documented, so any success is accepted and nothing is decoded;
    /// follow the new document with [`list_kb_documents`](KnowledgeBase::list_kb_documents).
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 400 for a missing key or one
    /// with no stored file; 401 without a valid key; 403 without the `kbs:write`
    /// (`kb:write`) scope or with code `billing_suspended`; 404 for an unknown knowledge
    /// base; 429 when rate limited.
    ///
    /// [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument) for an empty, `.` or
    /// `..` id, before anything is sent.
    #[post("/kb/<kb_id>/docs/complete")]
    async fn complete_kb_document_upload(
        &self,
        kb_id: &str,
        #[body] request: &CompleteKbDocumentUploadRequest,
    ) -> Result<()>;

    /// Every knowledge base of the organisation.
    ///
    /// Known from the official SDK only, which receives a bare array; an object holding the
    /// array with paging fields also decodes into [`List`].
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 401 without a valid key; 403
    /// without the `kbs:read` (`kb:read`) scope; 429 when rate limited.
    #[get("/kbs")]
    async fn list_kbs(&self) -> Result<List<Kb>>;

    /// One knowledge base, by its id `kb_id` ([`Kb::id`]).
    ///
    /// Known from the official SDK only.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 401 without a valid key; 403
    /// without the `kbs:read` (`kb:read`) scope; 404 when it does not exist or belongs to
    /// another organisation; 429 when rate limited.
    ///
    /// [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument) for an empty, `.` or
    /// `..` id, before anything is sent.
    #[get("/kbs/<kb_id>")]
    async fn get_kb(&self, kb_id: &str) -> Result<Kb>;

    /// Deletes the knowledge base `kb_id` ([`Kb::id`]) and its documents.
    ///
    /// Known from the official SDK only. Succeeds on `{"success": true}` with or without
    /// `data`, and on 204.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 401 without a valid key; 403
    /// without the `kbs:write` (`kb:write`) scope or with code `billing_suspended`; 404 when
    /// it does not exist or belongs to another organisation; 429 when rate limited.
    ///
    /// [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument) for an empty, `.` or
    /// `..` id, before anything is sent.
    #[delete("/kbs/<kb_id>")]
    async fn delete_kb(&self, kb_id: &str) -> Result<()>;

    /// The documents of the knowledge base `kb_id` ([`Kb::id`]), with their ingestion
    /// status.
    ///
    /// Known from the official SDK only, which receives a bare array; an object holding the
    /// array with paging fields also decodes into [`List`].
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 401 without a valid key; 403
    /// without the `kbs:read` (`kb:read`) scope; 404 for an unknown knowledge base; 429 when
    /// rate limited.
    ///
    /// [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument) for an empty, `.` or
    /// `..` id, before anything is sent.
    #[get("/kbs/<kb_id>/docs")]
    async fn list_kb_documents(&self, kb_id: &str) -> Result<List<KbDocument>>;

    /// Generates content ideas with AI, on a topic, from a knowledge base, or both.
    ///
    /// Every field of `request` is optional: `kb_id` grounds the ideas in a knowledge base
    /// (they then carry [`citations`](GeneratedIdea::citations)), `topic` steers them,
    /// `count` asks for a number of ideas. Uses AI credits; when generation falls back to a
    /// deterministic result, [`GeneratedIdeas::degraded`] is set and the credits may be
    /// refunded ([`GeneratedIdeas::credits_restored`]).
    ///
    /// Known from the official SDK only. Ideas name X `twitter`, not `x`: see
    /// [`IdeaPlatform`].
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 400 for an invalid count; 401
    /// without a valid key; 402 `insufficient_credits`; 403 with code `billing_suspended`
    /// or without the needed scope; 404 for an unknown knowledge base; 429 when rate
    /// limited.
    #[post("/ideas/generate-topic")]
    async fn generate_ideas(
        &self,
        #[body] request: &GenerateIdeasRequest,
    ) -> Result<GeneratedIdeas>;

    /// One page of the organisation's stored ideas.
    ///
    /// `limit` is the page size (at most 100; the API's default is 50) and `offset` the
    /// number of ideas to skip (default 0), as the overview documents for every list
    /// endpoint; `None` leaves either out. Known from the official SDK only, which receives
    /// `{"items": […], "total", "limit", "offset"}`; that and a bare array decode into
    /// [`List`]. To walk every page, see [`paginate`](crate::pagination::paginate).
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 400 for an invalid `limit` or
    /// `offset`; 401 without a valid key; 403 without the needed scope; 429 when rate limited.
    #[get("/ideas")]
    async fn list_ideas(
        &self,
        #[query] limit: Option<u32>,
        #[query] offset: Option<u32>,
    ) -> Result<List<Idea>>;

    /// Starts turning an idea into drafts for one to five platforms, in the background.
    ///
    /// The idea is sent as an object ([`IdeaDraft`], e.g. made `From` a stored [`Idea`]),
    /// not as an id. The API answers 202 with the id of the job ([`EnrichJob`]). Uses AI
    /// credits. Known from the official SDK only.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 400 for no or more than five
    /// platforms, or an idea without a title, hook or angle; 401 without a valid key; 402
    /// `insufficient_credits`; 403 with code `billing_suspended` or without the needed
    /// scope; 404 for an unknown knowledge base; 429 when rate limited.
    #[post("/ideas/enrich")]
    async fn enrich_idea(&self, #[body] request: &EnrichIdeaRequest) -> Result<EnrichJob>;

    /// Deletes the stored idea `idea_id` ([`Idea::id`]).
    ///
    /// Known from the official SDK only. Succeeds on `{"success": true}` with or without
    /// `data`, and on 204.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 401 without a valid key; 403
    /// without the needed scope or with code `billing_suspended`; 404 when the idea does
    /// not exist or belongs to another organisation; 429 when rate limited.
    ///
    /// [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument) for an empty, `.` or
    /// `..` id, before anything is sent.
    #[delete("/ideas/<idea_id>")]
    async fn delete_idea(&self, idea_id: &str) -> Result<()>;
}

// ---------------------------------------------------------------------------------------
// Knowledge bases and documents
// ---------------------------------------------------------------------------------------

/// A knowledge base: a named collection of searchable documents.
///
/// The SDK gives `{id, name, docCount?, createdAt, updatedAt}`; the concept page adds a
/// slug, a description, a [`status`](Kb::status) and an `errorMessage`, and reads the id
/// as `_id`, which is accepted for [`id`](Kb::id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Kb {
    /// The knowledge base id (also read from `_id`).
    #[serde(alias = "_id")]
    pub id: String,
    /// The display name, e.g. `Product Research`.
    pub name: String,
    /// The URL-friendly identifier, e.g. `product-research`, where the response has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    /// What the knowledge base holds, where the response says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether the knowledge base is usable, building or broken, where the response says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<KbStatus>,
    /// Why the knowledge base is in [`KbStatus::Error`], where it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
    /// How many documents it holds, where the response says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_count: Option<u64>,
    /// When it was created (RFC 3339, UTC), where the response says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<DateTime<Utc>>,
    /// When it was last changed (RFC 3339, UTC), where the response says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<DateTime<Utc>>,
}

string_enum! {
    /// The state of a [`Kb`] (knowledge-base concept page).
    pub enum KbStatus {
        /// Ready to search.
        Active = "active",
        /// Documents are being ingested.
        Building = "building",
        /// Something failed; see [`Kb::error_message`].
        Error = "error",
    }
}

/// What [`KnowledgeBase::create_kb`] returns: the new knowledge base, in whichever of the
/// two documented shapes the server used. Serialises back in the shape it came in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum CreatedKb {
    /// The knowledge base itself, as the SDK receives it.
    Bare(Kb),
    /// `{"kb": {…}}`, as the concept page's example reads it (`data.kb._id`).
    Wrapped {
        /// The new knowledge base.
        kb: Kb,
    },
}

impl CreatedKb {
    /// The new knowledge base.
    pub fn kb(&self) -> &Kb {
        match self {
            CreatedKb::Bare(kb) | CreatedKb::Wrapped { kb } => kb,
        }
    }

    /// The new knowledge base, by value.
    pub fn into_kb(self) -> Kb {
        match self {
            CreatedKb::Bare(kb) | CreatedKb::Wrapped { kb } => kb,
        }
    }
}

/// A document of a knowledge base (`KbDocument` in the SDK).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct KbDocument {
    /// The document id, e.g. `doc_01HXYZ`.
    pub id: String,
    /// The id of the knowledge base that holds it.
    pub kb_id: String,
    /// Its name: the file name, or the page's label or URL.
    pub name: String,
    /// What kind of source it came from, as the server names it (e.g. `url`); the values
    /// are not documented.
    #[serde(rename = "type")]
    pub kind: String,
    /// Where ingestion is.
    pub status: KbDocumentStatus,
    /// When it was added (RFC 3339, UTC).
    pub created_at: DateTime<Utc>,
}

string_enum! {
    /// The ingestion status of a [`KbDocument`].
    pub enum KbDocumentStatus {
        /// Being fetched, chunked and embedded.
        Processing = "processing",
        /// Searchable.
        Ready = "ready",
        /// Ingestion failed.
        Failed = "failed",
    }
}

/// The body of [`KnowledgeBase::create_kb`].
///
/// ```
/// use autoposting_client::knowledge_base::CreateKbRequest;
///
/// let request = CreateKbRequest::new("Product Research")
///     .with_slug("product-research")
///     .with_description("Competitive analysis, customer interviews, and positioning docs.");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CreateKbRequest {
    /// The display name.
    pub name: String,
    /// A URL-friendly identifier (concept page); `None` is not sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    /// What the knowledge base is for (concept page); `None` is not sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl CreateKbRequest {
    /// A knowledge base called `name`, with no slug or description.
    pub fn new(name: impl Into<String>) -> Self {
        CreateKbRequest {
            name: name.into(),
            slug: None,
            description: None,
        }
    }

    /// Sets the slug.
    pub fn with_slug(mut self, slug: impl Into<String>) -> Self {
        self.slug = Some(slug.into());
        self
    }

    /// Sets the description.
    pub fn with_description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }
}

/// The body of [`KnowledgeBase::ingest_kb_url`].
///
/// ```
/// use autoposting_client::knowledge_base::IngestKbUrlRequest;
///
/// let request =
///     IngestKbUrlRequest::new("https://example.com/report").with_label("Q2 Market Research");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct IngestKbUrlRequest {
    /// The public page to fetch (`https://…`).
    pub url: String,
    /// A human-readable label for the document (concept page); `None` is not sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

impl IngestKbUrlRequest {
    /// Ingests `url`, with no label.
    pub fn new(url: impl Into<String>) -> Self {
        IngestKbUrlRequest {
            url: url.into(),
            label: None,
        }
    }

    /// Sets the label.
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }
}

/// The body of [`KnowledgeBase::start_kb_document_upload`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct StartKbDocumentUploadRequest {
    /// The file's name, e.g. `pricing.pdf` (sent as `filename`).
    pub filename: String,
    /// The file's MIME type, e.g. `application/pdf` (sent as `mimeType`).
    pub mime_type: String,
}

impl StartKbDocumentUploadRequest {
    /// An upload of a file called `filename` of type `mime_type`.
    pub fn new(filename: impl Into<String>, mime_type: impl Into<String>) -> Self {
        StartKbDocumentUploadRequest {
            filename: filename.into(),
            mime_type: mime_type.into(),
        }
    }
}

/// Where to `PUT` a document's file: the answer of
/// [`KnowledgeBase::start_kb_document_upload`].
///
/// The docs say only that a presigned URL and a storage key come back, not under which
/// names. The URL is read from `url`, `uploadUrl` or `presignedUrl`, the key from `key`;
/// every other field is kept in [`extra`](KbDocumentUpload::extra), so nothing the server
/// sends is lost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct KbDocumentUpload {
    /// The presigned storage URL to `PUT` the file to, without the API key.
    #[serde(
        default,
        alias = "uploadUrl",
        alias = "presignedUrl",
        skip_serializing_if = "Option::is_none"
    )]
    pub url: Option<String>,
    /// The storage key to pass to
    /// [`complete_kb_document_upload`](KnowledgeBase::complete_kb_document_upload).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Every other field of the response, as received.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// The body of [`KnowledgeBase::complete_kb_document_upload`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CompleteKbDocumentUploadRequest {
    /// The storage key from [`KbDocumentUpload::key`].
    pub key: String,
}

impl CompleteKbDocumentUploadRequest {
    /// Completes the upload stored under `key`.
    pub fn new(key: impl Into<String>) -> Self {
        CompleteKbDocumentUploadRequest { key: key.into() }
    }
}

// ---------------------------------------------------------------------------------------
// Search
// ---------------------------------------------------------------------------------------

/// The body of [`KnowledgeBase::search_kb`].
///
/// ```
/// use autoposting_client::knowledge_base::SearchKbRequest;
///
/// let request = SearchKbRequest::new("product pricing strategy").with_limit(5);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SearchKbRequest {
    /// The natural-language query.
    pub query: String,
    /// The maximum number of hits; `None` is not sent and the API returns up to 10.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

impl SearchKbRequest {
    /// A search for `query` with the API's default limit.
    pub fn new(query: impl Into<String>) -> Self {
        SearchKbRequest {
            query: query.into(),
            limit: None,
        }
    }

    /// Sets the maximum number of hits.
    pub fn with_limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }
}

/// One hit of a knowledge-base search.
///
/// The reference documents `{documentId, documentName, chunk, score}`; the SDK
/// `{kind, uri, score, content, matchReason}`. The matching text fills
/// [`content`](KbSearchHit::content) from either `content` or `chunk`; every other field is
/// present only in one of the shapes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct KbSearchHit {
    /// The matching text (SDK `content`, reference `chunk`).
    #[serde(alias = "chunk")]
    pub content: String,
    /// The relevance, 0 to 1 (higher is closer); `None` for a hit the server cannot rank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// The id of the document the chunk comes from (reference shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_id: Option<String>,
    /// The name of that document (reference shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_name: Option<String>,
    /// Whether the hit is a document chunk or a memory (SDK shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<KbSearchHitKind>,
    /// Where the hit can be addressed, for hits that have an address (SDK shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    /// Why a resource hit matched (SDK shape; set for resource hits only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub match_reason: Option<String>,
}

string_enum! {
    /// What a [`KbSearchHit`] is (SDK).
    pub enum KbSearchHitKind {
        /// A chunk of a stored document.
        Resource = "resource",
        /// A remembered fact.
        Memory = "memory",
    }
}

// ---------------------------------------------------------------------------------------
// Ideas
// ---------------------------------------------------------------------------------------

string_enum! {
    /// A platform as the ideas endpoints name it.
    ///
    /// Unlike the rest of the API, where X is `x`, ideas call it `twitter`: `twitter` is
    /// sent, and `x` is read as [`Twitter`](IdeaPlatform::Twitter) too.
    pub enum IdeaPlatform {
        /// X (Twitter).
        Twitter = "twitter" | "x",
        /// LinkedIn.
        Linkedin = "linkedin",
        /// Instagram.
        Instagram = "instagram",
        /// YouTube.
        Youtube = "youtube",
        /// Threads.
        Threads = "threads",
        /// Any platform: only as an idea's [`target_platform`](Idea::target_platform), not
        /// as an enrichment target.
        Any = "any",
    }
}

/// A source an idea draws on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Citation {
    /// The quoted text.
    pub snippet: String,
    /// The id of the knowledge-base document it comes from, where there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_id: Option<String>,
    /// The address it comes from, where there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
}

impl Citation {
    /// A citation of `snippet`, with no document or address.
    pub fn new(snippet: impl Into<String>) -> Self {
        Citation {
            snippet: snippet.into(),
            doc_id: None,
            uri: None,
        }
    }

    /// Sets the document id.
    pub fn with_doc_id(mut self, doc_id: impl Into<String>) -> Self {
        self.doc_id = Some(doc_id.into());
        self
    }

    /// Sets the address.
    pub fn with_uri(mut self, uri: impl Into<String>) -> Self {
        self.uri = Some(uri.into());
        self
    }
}

/// A stored content idea, as [`KnowledgeBase::list_ideas`] returns it (`Idea` in the SDK).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Idea {
    /// The idea id.
    pub id: String,
    /// The knowledge base it was generated from, where there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kb_id: Option<String>,
    /// That knowledge base's name, where there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kb_name: Option<String>,
    /// The topic it was generated for.
    pub topic: String,
    /// A short title.
    pub title: String,
    /// The opening line meant to stop the scroll.
    pub hook: String,
    /// The angle the post takes.
    pub angle: String,
    /// The platform it is meant for.
    pub target_platform: IdeaPlatform,
    /// The predicted virality, as the server scores it (the range is not documented).
    pub virality_score: f64,
    /// The sources it draws on.
    pub citations: Vec<Citation>,
    /// Why the generator suggested it, where it says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasoning: Option<String>,
    /// Its state, as the server names it (e.g. whether it was used); the values are not
    /// documented.
    pub status: String,
    /// How it was produced, as the server names it; the values are not documented.
    pub source: String,
    /// When it was turned into a post, if it was (RFC 3339, UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub used_at: Option<DateTime<Utc>>,
    /// The post it was turned into, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub used_post_id: Option<String>,
    /// When it was stored (RFC 3339, UTC).
    pub created_at: DateTime<Utc>,
    /// When it was last changed (RFC 3339, UTC).
    pub updated_at: DateTime<Utc>,
}

/// The body of [`KnowledgeBase::generate_ideas`]: every field optional.
///
/// ```
/// use autoposting_client::knowledge_base::GenerateIdeasRequest;
///
/// let request = GenerateIdeasRequest::new()
///     .with_kb_id("kb_01HXYZ")
///     .with_topic("pricing")
///     .with_count(5);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct GenerateIdeasRequest {
    /// The knowledge base to ground the ideas in; `None` is not sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kb_id: Option<String>,
    /// The topic to generate ideas about; `None` is not sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    /// How many ideas to generate; `None` is not sent and the server picks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
}

impl GenerateIdeasRequest {
    /// A request with nothing set (`{}`).
    pub fn new() -> Self {
        GenerateIdeasRequest::default()
    }

    /// Grounds the ideas in a knowledge base.
    pub fn with_kb_id(mut self, kb_id: impl Into<String>) -> Self {
        self.kb_id = Some(kb_id.into());
        self
    }

    /// Sets the topic.
    pub fn with_topic(mut self, topic: impl Into<String>) -> Self {
        self.topic = Some(topic.into());
        self
    }

    /// Sets how many ideas to generate.
    pub fn with_count(mut self, count: u32) -> Self {
        self.count = Some(count);
        self
    }
}

/// What [`KnowledgeBase::generate_ideas`] returns (`GenerateIdeasResult` in the SDK).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct GeneratedIdeas {
    /// The generated ideas, where the response has them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ideas: Option<Vec<GeneratedIdea>>,
    /// The generator's own success flag, where it sends one (inside `data`, besides the
    /// envelope's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success: Option<bool>,
    /// Set when generation fell back to a deterministic result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub degraded: Option<bool>,
    /// Set when the credits of the call were refunded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credits_restored: Option<bool>,
    /// What the ideas were generated from, as the server names it; the values are not
    /// documented.
    pub source: String,
    /// The topic the ideas are about.
    pub topic: String,
}

/// A freshly generated idea (`GeneratedIdea` in the SDK): an [`Idea`] before it is stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct GeneratedIdea {
    /// The id of the stored idea, where it was stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// A short title.
    pub title: String,
    /// The opening line meant to stop the scroll.
    pub hook: String,
    /// The angle the post takes.
    pub angle: String,
    /// The platform it is meant for.
    pub target_platform: IdeaPlatform,
    /// The predicted virality, as the server scores it (the range is not documented).
    pub virality_score: f64,
    /// The sources it draws on.
    pub citations: Vec<Citation>,
    /// Why the generator suggested it, where it says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasoning: Option<String>,
}

/// An idea to enrich: the `idea` of an [`EnrichIdeaRequest`].
///
/// Made from its parts, or `From` an [`Idea`] or a [`GeneratedIdea`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct IdeaDraft {
    /// A short title.
    pub title: String,
    /// The opening line.
    pub hook: String,
    /// The angle the post takes.
    pub angle: String,
    /// Why the idea is worth making; `None` is not sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reasoning: Option<String>,
    /// The sources to draw on; `None` is not sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub citations: Option<Vec<Citation>>,
}

impl IdeaDraft {
    /// An idea with a title, hook and angle, and no reasoning or citations.
    pub fn new(
        title: impl Into<String>,
        hook: impl Into<String>,
        angle: impl Into<String>,
    ) -> Self {
        IdeaDraft {
            title: title.into(),
            hook: hook.into(),
            angle: angle.into(),
            reasoning: None,
            citations: None,
        }
    }

    /// Sets the reasoning.
    pub fn with_reasoning(mut self, reasoning: impl Into<String>) -> Self {
        self.reasoning = Some(reasoning.into());
        self
    }

    /// Sets the citations.
    pub fn with_citations(mut self, citations: Vec<Citation>) -> Self {
        self.citations = Some(citations);
        self
    }
}

impl From<&Idea> for IdeaDraft {
    /// Copies the title, hook, angle, reasoning and citations (an empty citation list is
    /// not sent).
    fn from(idea: &Idea) -> Self {
        IdeaDraft {
            title: idea.title.clone(),
            hook: idea.hook.clone(),
            angle: idea.angle.clone(),
            reasoning: idea.reasoning.clone(),
            citations: (!idea.citations.is_empty()).then(|| idea.citations.clone()),
        }
    }
}

impl From<&GeneratedIdea> for IdeaDraft {
    /// Copies the title, hook, angle, reasoning and citations (an empty citation list is
    /// not sent).
    fn from(idea: &GeneratedIdea) -> Self {
        IdeaDraft {
            title: idea.title.clone(),
            hook: idea.hook.clone(),
            angle: idea.angle.clone(),
            reasoning: idea.reasoning.clone(),
            citations: (!idea.citations.is_empty()).then(|| idea.citations.clone()),
        }
    }
}

string_enum! {
    /// The kind of draft to make for a platform in an [`EnrichPlatform`].
    pub enum EnrichMode {
        /// A short post.
        Short = "short",
        /// A long-form post (e.g. for X Premium).
        Premium = "premium",
        /// A thread of posts; see [`EnrichPlatform::thread_count`].
        Thread = "thread",
        /// The platform's usual format.
        Standard = "standard",
        /// A video script.
        Video = "video",
    }
}

/// One platform to draft for in an [`EnrichIdeaRequest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct EnrichPlatform {
    /// The platform (not [`IdeaPlatform::Any`]).
    pub platform: IdeaPlatform,
    /// The kind of draft; `None` is not sent and the server picks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<EnrichMode>,
    /// The desired length of the draft (the unit is not documented); `None` is not sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_length: Option<u32>,
    /// How many posts a [`Thread`](EnrichMode::Thread) should have; `None` is not sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thread_count: Option<u32>,
}

impl EnrichPlatform {
    /// A draft for `platform` with the server's defaults.
    pub fn new(platform: IdeaPlatform) -> Self {
        EnrichPlatform {
            platform,
            mode: None,
            target_length: None,
            thread_count: None,
        }
    }

    /// Sets the kind of draft.
    pub fn with_mode(mut self, mode: EnrichMode) -> Self {
        self.mode = Some(mode);
        self
    }

    /// Sets the desired length.
    pub fn with_target_length(mut self, target_length: u32) -> Self {
        self.target_length = Some(target_length);
        self
    }

    /// Sets the number of posts of a thread.
    pub fn with_thread_count(mut self, thread_count: u32) -> Self {
        self.thread_count = Some(thread_count);
        self
    }
}

/// The body of [`KnowledgeBase::enrich_idea`].
///
/// ```
/// use autoposting_client::knowledge_base::{
///     EnrichIdeaRequest, EnrichMode, EnrichPlatform, IdeaDraft, IdeaPlatform,
/// };
///
/// let idea = IdeaDraft::new("Pricing is positioning", "Your price tells a story.", "Contrarian");
/// let request = EnrichIdeaRequest::new(
///     idea,
///     vec![
///         EnrichPlatform::new(IdeaPlatform::Twitter)
///             .with_mode(EnrichMode::Thread)
///             .with_thread_count(5),
///         EnrichPlatform::new(IdeaPlatform::Linkedin),
///     ],
/// )
/// .with_kb_id("kb_01HXYZ");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct EnrichIdeaRequest {
    /// The idea to enrich.
    pub idea: IdeaDraft,
    /// The platforms to draft for: one to five.
    pub platforms: Vec<EnrichPlatform>,
    /// A knowledge base to add context from; `None` is not sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kb_id: Option<String>,
}

impl EnrichIdeaRequest {
    /// Enriches `idea` for `platforms` (one to five).
    pub fn new(idea: impl Into<IdeaDraft>, platforms: Vec<EnrichPlatform>) -> Self {
        EnrichIdeaRequest {
            idea: idea.into(),
            platforms,
            kb_id: None,
        }
    }

    /// Adds context from a knowledge base.
    pub fn with_kb_id(mut self, kb_id: impl Into<String>) -> Self {
        self.kb_id = Some(kb_id.into());
        self
    }
}

/// The background job started by [`KnowledgeBase::enrich_idea`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct EnrichJob {
    /// The job id.
    pub job_id: String,
}
