//! Knowledge bases, their documents and search: the models of
//! [`KnowledgeBase`](super::KnowledgeBase)'s `kbs`/`kb` operations.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::common::redact;
use crate::common::spelling::keeps_spelling;
use crate::common::string_enum::string_enum;

keeps_spelling! {
    /// A knowledge base: a named collection of searchable documents.
    ///
    /// The SDK gives `{id, name, docCount?, createdAt, updatedAt}`; the concept page adds a
    /// slug, a description, a [`status`](Kb::status) and an `errorMessage`, and reads the id
    /// as `_id`, which is accepted for [`id`](Kb::id) and written back as received.
    ///
    /// The SDK's shape:
    ///
    /// ```json
    /// {
    ///   "id": "kb_01HXYZ",
    ///   "name": "Product Research",
    ///   "docCount": 3,
    ///   "createdAt": "2024-01-01T00:00:00Z",
    ///   "updatedAt": "2024-01-02T00:00:00Z"
    /// }
    /// ```
    #[derive(Clone, PartialEq, Eq)]
    #[non_exhaustive]
    pub struct Kb as "Kb" {
        /// `id` (SDK) or `_id` (concept page): the knowledge base id.
        pub id: String,
        /// `name`: the display name, e.g. `Product Research`.
        pub name: String,
        /// `slug`: the URL-friendly identifier, e.g. `product-research`, where the response has one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub slug: Option<String>,
        /// `description`: what the knowledge base holds, where the response says.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub description: Option<String>,
        /// `status`: whether the knowledge base is usable, building or broken, where the response says.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub status: Option<KbStatus>,
        /// `errorMessage`: why the knowledge base is in [`KbStatus::Error`], where it is.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub error_message: Option<String>,
        /// `docCount`: how many documents it holds, where the response says.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub doc_count: Option<u64>,
        /// `createdAt`: when it was created (RFC 3339, UTC), where the response says.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub created_at: Option<DateTime<Utc>>,
        /// `updatedAt`: when it was last changed (RFC 3339, UTC), where the response says.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub updated_at: Option<DateTime<Utc>>,
    }
    aliases = [("_id", "id")];
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

/// What [`KnowledgeBase::create_kb`](super::KnowledgeBase::create_kb) returns: the new knowledge base, in whichever of the
/// two documented shapes the server used. Serialises back in the shape it came in.
///
/// ```json
/// {"kb": {"_id": "65a1f0c2e4b0a1b2c3d4e5f6", "name": "Product Research", "slug": "product-research", "status": "building"}}
/// ```
///
/// An object with a `kb` key is the wrapped shape, anything else the bare one; a decode
/// error names the failing field inside the shape chosen (`data.kb.name`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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

// By hand rather than `#[serde(untagged)]`, whose error ("did not match any variant")
// names no field: the shape is chosen first, and its error keeps its path.
impl<'de> Deserialize<'de> for CreatedKb {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Wrapped {
            kb: Kb,
        }
        let value = serde_json::Value::deserialize(deserializer)?;
        if value.get("kb").is_some() {
            serde_path_to_error::deserialize::<_, Wrapped>(&value)
                .map(|wrapped| CreatedKb::Wrapped { kb: wrapped.kb })
                .map_err(crate::runtime::envelope::nested_error)
        } else {
            serde_path_to_error::deserialize::<_, Kb>(&value)
                .map(CreatedKb::Bare)
                .map_err(crate::runtime::envelope::nested_error)
        }
    }
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
///
/// ```json
/// {
///   "id": "doc_01HXYZ",
///   "kbId": "kb_01HXYZ",
///   "name": "Q2 Market Research",
///   "type": "url",
///   "status": "processing",
///   "createdAt": "2024-01-10T09:00:00Z"
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct KbDocument {
    /// `id`: the document id, e.g. `doc_01HXYZ`.
    pub id: String,
    /// `kbId`: the id of the knowledge base that holds it.
    pub kb_id: String,
    /// `name`: its name: the file name, or the page's label or URL.
    pub name: String,
    /// `type`: what kind of source it came from, as the server names it (e.g. `url`); the values
    /// are not documented.
    #[serde(rename = "type")]
    pub kind: String,
    /// `status`: where ingestion is.
    pub status: KbDocumentStatus,
    /// `createdAt`: when it was added (RFC 3339, UTC).
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

/// The body of [`KnowledgeBase::create_kb`](super::KnowledgeBase::create_kb).
///
/// ```
/// use autoposting_client::knowledge_base::CreateKbRequest;
///
/// let request = CreateKbRequest::builder()
///     .name("Product Research")
///     .slug("product-research")
///     .description("Competitive analysis, customer interviews, and positioning docs.")
///     .build();
/// ```
///
/// sends the documented example:
///
/// ```json
/// {
///   "name": "Product Research",
///   "slug": "product-research",
///   "description": "Competitive analysis, customer interviews, and positioning docs."
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, bon::Builder)]
#[serde(rename_all = "camelCase")]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct CreateKbRequest {
    /// `name`: the display name.
    pub name: String,
    /// `slug`: a URL-friendly identifier (concept page); `None` is not sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    /// `description`: what the knowledge base is for (concept page); `None` is not sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// The body of [`KnowledgeBase::ingest_kb_url`](super::KnowledgeBase::ingest_kb_url).
///
/// ```
/// use autoposting_client::knowledge_base::IngestKbUrlRequest;
///
/// let request = IngestKbUrlRequest::builder()
///     .url("https://example.com/report")
///     .label("Q2 Market Research")
///     .build();
/// ```
///
/// sends the documented example:
///
/// ```json
/// {"url": "https://example.com/report", "label": "Q2 Market Research"}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, bon::Builder)]
#[serde(rename_all = "camelCase")]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct IngestKbUrlRequest {
    /// `url`: the public page to fetch (`https://…`).
    pub url: String,
    /// `label`: a human-readable label for the document (concept page); `None` is not sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// The body of [`KnowledgeBase::start_kb_document_upload`](super::KnowledgeBase::start_kb_document_upload).
///
/// ```
/// use autoposting_client::knowledge_base::StartKbDocumentUploadRequest;
///
/// let request = StartKbDocumentUploadRequest::builder()
///     .filename("pricing.pdf")
///     .mime_type("application/pdf")
///     .build();
/// ```
///
/// ```json
/// {"filename": "pricing.pdf", "mimeType": "application/pdf"}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, bon::Builder)]
#[serde(rename_all = "camelCase")]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct StartKbDocumentUploadRequest {
    /// `filename`: the file's name, e.g. `pricing.pdf`.
    pub filename: String,
    /// `mimeType`: the file's MIME type, e.g. `application/pdf`.
    pub mime_type: String,
}

keeps_spelling! {
    /// Where to `PUT` a document's file: the answer of
    /// [`KnowledgeBase::start_kb_document_upload`](super::KnowledgeBase::start_kb_document_upload).
    ///
    /// The docs say only that a presigned URL and a storage key come back, not under which
    /// names. The URL is read from `url`, `uploadUrl` or `presignedUrl` (and written back under
    /// the name it came with), the key from `key`; every other field is kept in
    /// [`extra`](KbDocumentUpload::extra), so nothing the server sends is lost.
    ///
    /// ```json
    /// {"uploadUrl": "https://storage.example.com/kb/pricing.pdf?X-Amz-Signature=…", "key": "kb/kb_01HXYZ/pricing.pdf"}
    /// ```
    #[derive(Clone, PartialEq)]
    #[non_exhaustive]
    pub struct KbDocumentUpload as "KbDocumentUpload" {
        /// `url`, `uploadUrl` or `presignedUrl`: the presigned storage URL to `PUT` the file
        /// to, without the API key.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub url: Option<String>,
        /// `key`: the storage key to pass to
        /// [`complete_kb_document_upload`](super::KnowledgeBase::complete_kb_document_upload).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub key: Option<String>,
        /// Every other field of the response, as received.
        #[serde(flatten)]
        pub extra: serde_json::Map<String, serde_json::Value>,
    }
    aliases = [("uploadUrl", "url"), ("presignedUrl", "url")];
    debug = manual;
}

// The presigned URL's query carries its signature: `Debug` shows it as `?<redacted>`,
// and every URL among the other fields too.
impl std::fmt::Debug for KbDocumentUpload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KbDocumentUpload")
            .field("url", &redact::optional_url(&self.url))
            .field("key", &self.key)
            .field("extra", &redact::json_map(&self.extra))
            .finish()
    }
}

/// The body of [`KnowledgeBase::complete_kb_document_upload`](super::KnowledgeBase::complete_kb_document_upload).
///
/// ```
/// use autoposting_client::knowledge_base::CompleteKbDocumentUploadRequest;
///
/// let request = CompleteKbDocumentUploadRequest::builder()
///     .key("kb/kb_01HXYZ/pricing.pdf")
///     .build();
/// ```
///
/// ```json
/// {"key": "kb/kb_01HXYZ/pricing.pdf"}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, bon::Builder)]
#[serde(rename_all = "camelCase")]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct CompleteKbDocumentUploadRequest {
    /// `key`: the storage key from [`KbDocumentUpload::key`].
    pub key: String,
}

/// The body of [`KnowledgeBase::search_kb`](super::KnowledgeBase::search_kb).
///
/// ```
/// use autoposting_client::knowledge_base::SearchKbRequest;
///
/// let request = SearchKbRequest::builder()
///     .query("product pricing strategy")
///     .limit(5)
///     .build();
/// ```
///
/// sends the documented example:
///
/// ```json
/// {"query": "product pricing strategy", "limit": 5}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, bon::Builder)]
#[serde(rename_all = "camelCase")]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct SearchKbRequest {
    /// `query`: the natural-language query.
    pub query: String,
    /// `limit`: the maximum number of hits; `None` is not sent and the API returns up to 10.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

keeps_spelling! {
    /// One hit of a knowledge-base search.
    ///
    /// The reference documents `{documentId, documentName, chunk, score}`; the SDK
    /// `{kind, uri, score, content, matchReason}`. The matching text fills
    /// [`content`](KbSearchHit::content) from either `content` or `chunk` and is written back
    /// under the name it came with (the first one wins when both come); every other field is present only in one of the
    /// shapes.
    ///
    /// The reference's shape:
    ///
    /// ```json
    /// {"documentId": "doc_01HXYZ", "documentName": "Pricing notes", "chunk": "Value-based pricing anchors on outcomes.", "score": 0.9}
    /// ```
    ///
    /// The SDK's:
    ///
    /// ```json
    /// {"kind": "resource", "uri": "kb://kb_01HXYZ/doc_01HXYZ#3", "score": 0.92, "content": "Value-based pricing anchors on outcomes.", "matchReason": "semantic"}
    /// ```
    #[derive(Clone, PartialEq)]
    #[non_exhaustive]
    pub struct KbSearchHit as "KbSearchHit" {
        /// `content` (SDK) or `chunk` (reference): the matching text.
        pub content: String,
        /// `score`: the relevance, 0 to 1 (higher is closer); `None` for a hit the server cannot rank.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub score: Option<f64>,
        /// `documentId`: the id of the document the chunk comes from (reference shape).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub document_id: Option<String>,
        /// `documentName`: the name of that document (reference shape).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub document_name: Option<String>,
        /// `kind`: whether the hit is a document chunk or a memory (SDK shape).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub kind: Option<KbSearchHitKind>,
        /// `uri`: where the hit can be addressed, for hits that have an address (SDK shape).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub uri: Option<String>,
        /// `matchReason`: why a resource hit matched (SDK shape; set for resource hits only).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub match_reason: Option<String>,
    }
    aliases = [("chunk", "content")];
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_presigned_url_s_signature_under_any_name() {
        for name in ["url", "uploadUrl", "presignedUrl"] {
            let body = format!(
                r#"{{"{name}": "https://storage.example.com/kb/a.pdf?X-Amz-Signature=c0ffee",
                    "key": "kb/a.pdf", "fields": {{"policy": "https://s.example/p?sig=beef"}},
                    "expiresIn": 900}}"#
            );
            let upload: KbDocumentUpload = serde_json::from_str(&body).unwrap();
            let shown = format!("{upload:?}");
            assert!(
                !shown.contains("c0ffee") && !shown.contains("beef"),
                "{shown}"
            );
            assert!(
                shown.starts_with(
                    "KbDocumentUpload { url: Some(\"https://storage.example.com/kb/a.pdf?<redacted>\"), \
                     key: Some(\"kb/a.pdf\"), extra: {"
                ),
                "{shown}"
            );
            assert!(shown.contains("\"expiresIn\": 900"), "{shown}");
            assert!(
                shown.contains("\"fields\": {\"policy\": \"https://s.example/p?<redacted>\"}"),
                "{shown}"
            );
            let json = serde_json::to_value(&upload).unwrap();
            assert_eq!(
                json[name],
                "https://storage.example.com/kb/a.pdf?X-Amz-Signature=c0ffee"
            );
        }
    }

    #[test]
    fn debug_of_models_that_keep_their_spelling_shows_no_spelling() {
        let kb: Kb = serde_json::from_str(r#"{"_id": "kb_1", "name": "R"}"#).unwrap();
        let shown = format!("{kb:?}");
        assert!(!shown.contains("spelling"), "{shown}");
        assert!(
            shown.starts_with(r#"Kb { id: "kb_1", name: "R", slug: None"#),
            "{shown}"
        );
    }
}
