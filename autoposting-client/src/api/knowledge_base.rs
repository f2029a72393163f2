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

use crate::{List, Result, api};

mod ideas;
mod kbs;

pub use ideas::*;
pub use kbs::*;

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
    #[post("/kb/<kb_id>/docs/upload", sensitive)]
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
