//! Knowledge Base.
//!
//! No operation of the tag has a documented response example, so every test serves a body
//! built from schemas.json, the concept page and the official SDK's types, and asserts
//! the decoded values, the request sent, and the documented disagreements (`/kb` vs
//! `/kbs`, the two search-hit shapes, `data.kb._id`, bare arrays vs `{items, …}`, ideas'
//! `twitter`).

use autoposting_client::knowledge_base::{
    CompleteKbDocumentUploadRequest, CreateKbRequest, CreatedKb, EnrichIdeaRequest, EnrichMode,
    EnrichPlatform, GenerateIdeasRequest, IdeaDraft, IdeaPlatform, IngestKbUrlRequest,
    KbDocumentStatus, KbSearchHitKind, KbStatus, SearchKbRequest, StartKbDocumentUploadRequest,
};
use autoposting_client::prelude::*;
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use crate::harness::{request_example, serve};

mod ideas;
mod spellings;

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

fn kb_sdk() -> Value {
    json!({
        "id": "kb_01HXYZ",
        "name": "Product Research",
        "docCount": 3,
        "createdAt": "2024-01-01T00:00:00Z",
        "updatedAt": "2024-01-02T00:00:00Z"
    })
}

fn document(id: &str, status: &str) -> Value {
    json!({
        "id": id,
        "kbId": "kb_01HXYZ",
        "name": "Q2 Market Research",
        "type": "url",
        "status": status,
        "createdAt": "2024-01-10T09:00:00Z"
    })
}

fn stored_idea(target_platform: &str) -> Value {
    json!({
        "id": "idea_01HXYZ",
        "kbId": "kb_01HXYZ",
        "kbName": "Product Research",
        "topic": "pricing",
        "title": "Pricing is positioning",
        "hook": "Your price tells customers who you are.",
        "angle": "Contrarian",
        "targetPlatform": target_platform,
        "viralityScore": 82.5,
        "citations": [{"snippet": "Customers anchor on the first price they see.", "docId": "doc_01HXYZ"}],
        "reasoning": "Pricing posts drive discussion.",
        "status": "new",
        "source": "kb",
        "createdAt": "2024-01-10T09:00:00Z",
        "updatedAt": "2024-01-10T09:05:00Z"
    })
}

// ---------------------------------------------------------------------------------------
// Search
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn search_kb() {
    // The SDK's shape: {query, limit, total, results: [{kind, uri, score, content, matchReason}]}.
    let (server, client) = serve(json!({"success": true, "data": {
        "query": "product pricing strategy",
        "limit": 5,
        "total": 2,
        "results": [
            {"kind": "resource", "uri": "kb://kb_01HXYZ/doc_01HXYZ#3", "score": 0.92,
             "content": "Value-based pricing anchors on outcomes.", "matchReason": "semantic"},
            {"kind": "memory", "uri": null, "score": null,
             "content": "The team prefers annual plans.", "matchReason": null}
        ]
    }}))
    .await;
    let request = SearchKbRequest::builder()
        .query("product pricing strategy")
        .limit(5)
        .build();
    let hits = client.search_kb("kb_01HXYZ", &request).await.unwrap();

    assert_eq!((hits.total, hits.limit, hits.len()), (Some(2), Some(5), 2));
    assert_eq!(hits.items[0].kind, Some(KbSearchHitKind::Resource));
    assert_eq!(hits.items[0].score, Some(0.92));
    assert_eq!(
        hits.items[0].content,
        "Value-based pricing anchors on outcomes."
    );
    assert_eq!(hits.items[0].match_reason.as_deref(), Some("semantic"));
    assert_eq!(hits.items[1].kind, Some(KbSearchHitKind::Memory));
    assert_eq!((&hits.items[1].uri, hits.items[1].score), (&None, None));

    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!(sent.method.as_str(), "POST");
    assert_eq!(sent.url.path(), "/kbs/kb_01HXYZ/search");
    // The documented request_example.
    assert_eq!(
        sent.body_json::<Value>().unwrap(),
        request_example("POST", "/kbs/{kbId}/search")
    );
}

#[tokio::test]
async fn search_kb_decodes_the_reference_hit_shape_and_unknown_kinds() {
    // The reference's hits {documentId, documentName, chunk, score}, here as a bare array,
    // next to a hit of a kind this client does not know.
    let (server, client) = serve(json!({"success": true, "data": [
        {"documentId": "doc_01HXYZ", "documentName": "pricing.pdf",
         "chunk": "Tiered pricing lifts ARPU.", "score": 0.81},
        {"kind": "episode", "content": "Call notes", "score": 0.4}
    ]}))
    .await;
    let hits = client
        .search_kb(
            "kb_01HXYZ",
            &SearchKbRequest::builder().query("pricing").build(),
        )
        .await
        .unwrap();

    assert_eq!((hits.total, hits.key()), (None, None));
    let hit = &hits.items[0];
    assert_eq!(hit.content, "Tiered pricing lifts ARPU.");
    assert_eq!(hit.document_id.as_deref(), Some("doc_01HXYZ"));
    assert_eq!(hit.document_name.as_deref(), Some("pricing.pdf"));
    assert_eq!(hit.score, Some(0.81));
    assert_eq!(hit.kind, None);
    assert_eq!(
        hits.items[1].kind,
        Some(KbSearchHitKind::Other("episode".into()))
    );

    // `limit` was not set, so it is not sent.
    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        sent.body_json::<Value>().unwrap(),
        json!({"query": "pricing"})
    );
}

#[tokio::test]
async fn query_kb() {
    let (server, client) = serve(json!({"success": true, "data": {"results": [
        {"documentId": "doc_01HXYZ", "documentName": "pricing.pdf", "chunk": "Annual plans.", "score": 0.7}
    ], "total": 1}}))
    .await;
    let hits = client
        .query_kb("kb_01HXYZ", "product pricing strategy", Some(10))
        .await
        .unwrap();
    assert_eq!(
        (hits.total, hits.items[0].content.as_str()),
        (Some(1), "Annual plans.")
    );

    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!(sent.method.as_str(), "GET");
    assert_eq!(sent.url.path(), "/kb/kb_01HXYZ/search");
    assert_eq!(
        sent.url.query(),
        Some("q=product+pricing+strategy&limit=10")
    );
}

#[tokio::test]
async fn query_kb_without_limit_sends_only_q() {
    let (server, client) = serve(json!({"success": true, "data": []})).await;
    let hits = client.query_kb("kb_01HXYZ", "pricing", None).await.unwrap();
    assert!(hits.is_empty());
    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!(sent.url.query(), Some("q=pricing"));
}

// ---------------------------------------------------------------------------------------
// Knowledge bases
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn create_kb() {
    let (server, client) = serve(json!({"success": true, "data": kb_sdk()})).await;
    let request = CreateKbRequest::builder()
        .name("Product Research")
        .slug("product-research")
        .description("Competitive analysis, customer interviews, and positioning docs.")
        .build();
    let created = client.create_kb(&request).await.unwrap();

    assert!(matches!(created, CreatedKb::Bare(_)));
    let kb = created.kb();
    assert_eq!(
        (kb.id.as_str(), kb.name.as_str()),
        ("kb_01HXYZ", "Product Research")
    );
    assert_eq!(kb.doc_count, Some(3));
    assert_eq!(kb.created_at, Some(at("2024-01-01T00:00:00Z")));
    assert_eq!(kb.updated_at, Some(at("2024-01-02T00:00:00Z")));
    assert_eq!(serde_json::to_value(&created).unwrap(), kb_sdk());

    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!((sent.method.as_str(), sent.url.path()), ("POST", "/kbs"));
    // The documented request_example.
    assert_eq!(
        sent.body_json::<Value>().unwrap(),
        request_example("POST", "/kbs")
    );
}

#[tokio::test]
async fn create_kb_decodes_the_concept_pages_wrapped_mongo_shape() {
    // The concept page reads the new id from `data.kb._id`.
    let wrapped = json!({"kb": {
        "_id": "65a1f0c2e4b0a1b2c3d4e5f6",
        "name": "Product Research",
        "slug": "product-research",
        "description": "Competitive analysis.",
        "status": "building"
    }});
    let (server, client) = serve(json!({"success": true, "data": wrapped})).await;
    let created = client
        .create_kb(&CreateKbRequest::builder().name("Product Research").build())
        .await
        .unwrap();

    assert!(matches!(created, CreatedKb::Wrapped { .. }));
    let kb = created.clone().into_kb();
    assert_eq!(kb.id, "65a1f0c2e4b0a1b2c3d4e5f6");
    assert_eq!(kb.slug.as_deref(), Some("product-research"));
    assert_eq!(kb.status, Some(KbStatus::Building));
    assert_eq!((kb.doc_count, kb.created_at), (None, None));
    // Re-encoded in the shape received, the id still spelled `_id`.
    assert_eq!(serde_json::to_value(&created).unwrap(), wrapped);

    // Only the name was set: slug and description are absent, not null.
    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        sent.body_json::<Value>().unwrap(),
        json!({"name": "Product Research"})
    );
}

#[tokio::test]
async fn list_kbs() {
    // The SDK receives a bare array; statuses from the concept page, one unknown.
    let mut errored = kb_sdk();
    errored["id"] = json!("kb_02HXYZ");
    errored["status"] = json!("error");
    errored["errorMessage"] = json!("embedding failed");
    let mut archived = kb_sdk();
    archived["id"] = json!("kb_03HXYZ");
    archived["status"] = json!("archived");
    let (server, client) =
        serve(json!({"success": true, "data": [kb_sdk(), errored, archived]})).await;
    let kbs = client.list_kbs().await.unwrap();

    assert_eq!(kbs.len(), 3);
    assert_eq!(kbs.total, None);
    assert_eq!(kbs.items[0].status, None);
    assert_eq!(kbs.items[1].status, Some(KbStatus::Error));
    assert_eq!(
        kbs.items[1].error_message.as_deref(),
        Some("embedding failed")
    );
    assert_eq!(
        kbs.items[2].status,
        Some(KbStatus::Other("archived".into()))
    );

    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!((sent.method.as_str(), sent.url.path()), ("GET", "/kbs"));
    assert_eq!(sent.url.query(), None);
}

#[tokio::test]
async fn list_kbs_decodes_an_items_envelope() {
    let (_server, client) =
        serve(json!({"success": true, "data": {"items": [kb_sdk()], "total": 1, "limit": 50, "offset": 0}}))
            .await;
    let kbs = client.list_kbs().await.unwrap();
    assert_eq!((kbs.len(), kbs.total, kbs.limit), (1, Some(1), Some(50)));
    assert_eq!(kbs.items[0].id, "kb_01HXYZ");
}

#[tokio::test]
async fn get_kb() {
    let (server, client) = serve(json!({"success": true, "data": kb_sdk()})).await;
    let kb = client.get_kb("kb_01HXYZ").await.unwrap();
    assert_eq!((kb.id.as_str(), kb.doc_count), ("kb_01HXYZ", Some(3)));
    assert_eq!(kb.updated_at, Some(at("2024-01-02T00:00:00Z")));
    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        (sent.method.as_str(), sent.url.path()),
        ("GET", "/kbs/kb_01HXYZ")
    );
}

#[tokio::test]
async fn delete_kb() {
    let (server, client) = serve(json!({"success": true})).await;
    client.delete_kb("kb_01HXYZ").await.unwrap();
    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        (sent.method.as_str(), sent.url.path()),
        ("DELETE", "/kbs/kb_01HXYZ")
    );
    assert!(sent.body.is_empty());
}

// ---------------------------------------------------------------------------------------
// Documents
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn ingest_kb_url() {
    let (server, client) =
        serve(json!({"success": true, "data": document("doc_01HXYZ", "processing")})).await;
    let request = IngestKbUrlRequest::builder()
        .url("https://example.com/report")
        .label("Q2 Market Research")
        .build();
    let doc = client.ingest_kb_url("kb_01HXYZ", &request).await.unwrap();

    assert_eq!(
        (doc.id.as_str(), doc.kb_id.as_str()),
        ("doc_01HXYZ", "kb_01HXYZ")
    );
    assert_eq!(
        (doc.name.as_str(), doc.kind.as_str()),
        ("Q2 Market Research", "url")
    );
    assert_eq!(doc.status, KbDocumentStatus::Processing);
    assert_eq!(doc.created_at, at("2024-01-10T09:00:00Z"));
    assert_eq!(
        serde_json::to_value(&doc).unwrap(),
        document("doc_01HXYZ", "processing")
    );

    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        (sent.method.as_str(), sent.url.path()),
        ("POST", "/kbs/kb_01HXYZ/docs/ingest-url")
    );
    // The documented request_example.
    assert_eq!(
        sent.body_json::<Value>().unwrap(),
        request_example("POST", "/kbs/{kbId}/docs/ingest-url")
    );
}

#[tokio::test]
async fn ingest_kb_url_without_label_sends_only_the_url() {
    let (server, client) =
        serve(json!({"success": true, "data": document("doc_01HXYZ", "processing")})).await;
    client
        .ingest_kb_url(
            "kb_01HXYZ",
            &IngestKbUrlRequest::builder()
                .url("https://example.com")
                .build(),
        )
        .await
        .unwrap();
    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        sent.body_json::<Value>().unwrap(),
        json!({"url": "https://example.com"})
    );
}

#[tokio::test]
async fn list_kb_documents() {
    let (server, client) = serve(json!({"success": true, "data": [
        document("doc_01", "processing"),
        document("doc_02", "ready"),
        document("doc_03", "failed"),
        document("doc_04", "queued")
    ]}))
    .await;
    let docs = client.list_kb_documents("kb_01HXYZ").await.unwrap();

    let statuses: Vec<KbDocumentStatus> = docs.iter().map(|d| d.status.clone()).collect();
    assert_eq!(
        statuses,
        [
            KbDocumentStatus::Processing,
            KbDocumentStatus::Ready,
            KbDocumentStatus::Failed,
            KbDocumentStatus::Other("queued".into()),
        ]
    );
    assert_eq!(docs.items[3].id, "doc_04");
    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        (sent.method.as_str(), sent.url.path()),
        ("GET", "/kbs/kb_01HXYZ/docs")
    );
}

#[tokio::test]
async fn start_kb_document_upload() {
    // The field names are undocumented: the URL is read under its likely names, and every
    // other field is kept.
    let (server, client) = serve(json!({"success": true, "data": {
        "uploadUrl": "https://storage.example.com/kb/kb_01HXYZ/pricing.pdf?X-Amz-Signature=abc",
        "key": "kb/kb_01HXYZ/pricing.pdf",
        "expiresIn": 900
    }}))
    .await;
    let request = StartKbDocumentUploadRequest::builder()
        .filename("pricing.pdf")
        .mime_type("application/pdf")
        .build();
    let upload = client
        .start_kb_document_upload("kb_01HXYZ", &request)
        .await
        .unwrap();

    assert_eq!(
        upload.url.as_deref(),
        Some("https://storage.example.com/kb/kb_01HXYZ/pricing.pdf?X-Amz-Signature=abc")
    );
    assert_eq!(upload.key.as_deref(), Some("kb/kb_01HXYZ/pricing.pdf"));
    assert_eq!(upload.extra.get("expiresIn"), Some(&json!(900)));

    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        (sent.method.as_str(), sent.url.path()),
        ("POST", "/kb/kb_01HXYZ/docs/upload")
    );
    assert_eq!(
        sent.body_json::<Value>().unwrap(),
        json!({"filename": "pricing.pdf", "mimeType": "application/pdf"})
    );
}

#[tokio::test]
async fn start_kb_document_upload_reads_a_presigned_url_field() {
    let (_server, client) = serve(json!({"success": true, "data": {
        "presignedUrl": "https://storage.example.com/put", "key": "k1"
    }}))
    .await;
    let upload = client
        .start_kb_document_upload(
            "kb_01HXYZ",
            &StartKbDocumentUploadRequest::builder()
                .filename("notes.txt")
                .mime_type("text/plain")
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(
        upload.url.as_deref(),
        Some("https://storage.example.com/put")
    );
    assert_eq!(upload.key.as_deref(), Some("k1"));
    assert!(upload.extra.is_empty());
}

#[tokio::test]
async fn complete_kb_document_upload() {
    // The response is undocumented: a document in `data` is accepted as well as none.
    let (server, client) =
        serve(json!({"success": true, "data": document("doc_01HXYZ", "processing")})).await;
    let request = CompleteKbDocumentUploadRequest::builder()
        .key("kb/kb_01HXYZ/pricing.pdf")
        .build();
    client
        .complete_kb_document_upload("kb_01HXYZ", &request)
        .await
        .unwrap();
    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        (sent.method.as_str(), sent.url.path()),
        ("POST", "/kb/kb_01HXYZ/docs/complete")
    );
    assert_eq!(
        sent.body_json::<Value>().unwrap(),
        json!({"key": "kb/kb_01HXYZ/pricing.pdf"})
    );

    let (_server, client) = serve(json!({"success": true})).await;
    client
        .complete_kb_document_upload("kb_01HXYZ", &request)
        .await
        .unwrap();
}
