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

// ---------------------------------------------------------------------------------------
// Ideas
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn generate_ideas() {
    let (server, client) = serve(json!({"success": true, "data": {
        "success": true,
        "ideas": [
            {"id": "idea_01", "title": "Pricing is positioning", "hook": "Your price is a message.",
             "angle": "Contrarian", "targetPlatform": "twitter", "viralityScore": 78,
             "citations": [{"snippet": "Anchoring works.", "docId": "doc_01HXYZ", "uri": "kb://doc_01HXYZ"}],
             "reasoning": "Debate drives replies."},
            {"title": "Annual vs monthly", "hook": "Which plan wins?", "angle": "Data",
             "targetPlatform": "any", "viralityScore": 64.5, "citations": []},
            {"title": "Pricing pages", "hook": "Three pages we love.", "angle": "Showcase",
             "targetPlatform": "tiktok", "viralityScore": 51, "citations": []}
        ],
        "degraded": false,
        "creditsRestored": false,
        "source": "kb",
        "topic": "pricing"
    }}))
    .await;
    let request = GenerateIdeasRequest::builder()
        .kb_id("kb_01HXYZ")
        .topic("pricing")
        .count(3)
        .build();
    let generated = client.generate_ideas(&request).await.unwrap();

    assert_eq!(
        (generated.source.as_str(), generated.topic.as_str()),
        ("kb", "pricing")
    );
    assert_eq!(
        (
            generated.success,
            generated.degraded,
            generated.credits_restored
        ),
        (Some(true), Some(false), Some(false))
    );
    let ideas = generated.ideas.as_deref().unwrap();
    assert_eq!(ideas[0].id.as_deref(), Some("idea_01"));
    assert_eq!(ideas[0].target_platform, IdeaPlatform::Twitter);
    assert_eq!(ideas[0].virality_score, 78.0);
    assert_eq!(ideas[0].citations[0].doc_id.as_deref(), Some("doc_01HXYZ"));
    assert_eq!(
        ideas[0].citations[0].uri.as_deref(),
        Some("kb://doc_01HXYZ")
    );
    assert_eq!(ideas[1].id, None);
    assert_eq!(ideas[1].target_platform, IdeaPlatform::Any);
    // An unknown platform inside the nested list does not fail the response.
    assert_eq!(
        ideas[2].target_platform,
        IdeaPlatform::Other("tiktok".into())
    );

    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        (sent.method.as_str(), sent.url.path()),
        ("POST", "/ideas/generate-topic")
    );
    assert_eq!(
        sent.body_json::<Value>().unwrap(),
        json!({"kbId": "kb_01HXYZ", "topic": "pricing", "count": 3})
    );
}

#[tokio::test]
async fn generate_ideas_with_nothing_set_sends_an_empty_object() {
    let (server, client) = serve(json!({"success": true, "data": {
        "degraded": true, "creditsRestored": true, "source": "fallback", "topic": ""
    }}))
    .await;
    let generated = client
        .generate_ideas(&GenerateIdeasRequest::default())
        .await
        .unwrap();
    assert_eq!(generated.ideas, None);
    assert_eq!(
        (generated.degraded, generated.credits_restored),
        (Some(true), Some(true))
    );
    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!(sent.body_json::<Value>().unwrap(), json!({}));
}

#[tokio::test]
async fn list_ideas() {
    // The SDK's {items, total, limit, offset}; X spelled `x` is read as Twitter.
    let mut used = stored_idea("x");
    used["id"] = json!("idea_02HXYZ");
    used["status"] = json!("used");
    used["usedAt"] = json!("2024-01-11T08:00:00Z");
    used["usedPostId"] = json!("post_01HXYZ");
    let (server, client) = serve(json!({"success": true, "data": {
        "items": [stored_idea("linkedin"), used], "total": 42, "limit": 20, "offset": 40
    }}))
    .await;
    let ideas = client.list_ideas(Some(20), Some(40)).await.unwrap();

    assert_eq!(
        (ideas.total, ideas.limit, ideas.offset, ideas.key()),
        (Some(42), Some(20), Some(40), Some("items"))
    );
    let first = &ideas.items[0];
    assert_eq!(first.id, "idea_01HXYZ");
    assert_eq!(first.kb_name.as_deref(), Some("Product Research"));
    assert_eq!(first.target_platform, IdeaPlatform::Linkedin);
    assert_eq!(first.virality_score, 82.5);
    assert_eq!(
        first.citations[0].snippet,
        "Customers anchor on the first price they see."
    );
    assert_eq!(
        (first.status.as_str(), first.source.as_str()),
        ("new", "kb")
    );
    assert_eq!(first.created_at, at("2024-01-10T09:00:00Z"));
    assert_eq!(first.used_at, None);
    let second = &ideas.items[1];
    assert_eq!(second.target_platform, IdeaPlatform::Twitter);
    assert_eq!(second.used_at, Some(at("2024-01-11T08:00:00Z")));
    assert_eq!(second.used_post_id.as_deref(), Some("post_01HXYZ"));

    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!((sent.method.as_str(), sent.url.path()), ("GET", "/ideas"));
    assert_eq!(sent.url.query(), Some("limit=20&offset=40"));
}

#[tokio::test]
async fn list_ideas_decodes_a_bare_array_and_sends_no_query_by_default() {
    let (server, client) = serve(json!({"success": true, "data": [stored_idea("threads")]})).await;
    let ideas = client.list_ideas(None, None).await.unwrap();
    assert_eq!((ideas.len(), ideas.total), (1, None));
    assert_eq!(ideas.items[0].target_platform, IdeaPlatform::Threads);
    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!(sent.url.query(), None);
}

#[tokio::test]
async fn enrich_idea() {
    let (server, client) = serve(json!({"success": true, "data": {"jobId": "job_01HXYZ"}})).await;
    let idea: autoposting_client::knowledge_base::Idea =
        serde_json::from_value(stored_idea("twitter")).unwrap();
    let request = EnrichIdeaRequest::builder()
        .idea(&idea)
        .platforms([
            EnrichPlatform::builder()
                .platform(IdeaPlatform::Twitter)
                .mode(EnrichMode::Thread)
                .thread_count(5)
                .build(),
            EnrichPlatform::builder()
                .platform(IdeaPlatform::Linkedin)
                .mode(EnrichMode::Standard)
                .target_length(1200)
                .build(),
        ])
        .kb_id("kb_01HXYZ")
        .build();
    let job = client.enrich_idea(&request).await.unwrap();
    assert_eq!(job.job_id, "job_01HXYZ");

    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        (sent.method.as_str(), sent.url.path()),
        ("POST", "/ideas/enrich")
    );
    assert_eq!(
        sent.body_json::<Value>().unwrap(),
        json!({
            "idea": {
                "title": "Pricing is positioning",
                "hook": "Your price tells customers who you are.",
                "angle": "Contrarian",
                "reasoning": "Pricing posts drive discussion.",
                "citations": [{"snippet": "Customers anchor on the first price they see.", "docId": "doc_01HXYZ"}]
            },
            "platforms": [
                {"platform": "twitter", "mode": "thread", "threadCount": 5},
                {"platform": "linkedin", "mode": "standard", "targetLength": 1200}
            ],
            "kbId": "kb_01HXYZ"
        })
    );
}

#[tokio::test]
async fn enrich_idea_sends_only_what_is_set() {
    let (server, client) = serve(json!({"success": true, "data": {"jobId": "job_02HXYZ"}})).await;
    let request = EnrichIdeaRequest::builder()
        .idea(
            IdeaDraft::builder()
                .title("Title")
                .hook("Hook")
                .angle("Angle")
                .build(),
        )
        .platforms([EnrichPlatform::builder()
            .platform(IdeaPlatform::Instagram)
            .build()])
        .build();
    client.enrich_idea(&request).await.unwrap();
    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        sent.body_json::<Value>().unwrap(),
        json!({
            "idea": {"title": "Title", "hook": "Hook", "angle": "Angle"},
            "platforms": [{"platform": "instagram"}]
        })
    );
}

#[tokio::test]
async fn delete_idea() {
    let (server, client) = serve(json!({"success": true})).await;
    client.delete_idea("idea_01HXYZ").await.unwrap();
    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        (sent.method.as_str(), sent.url.path()),
        ("DELETE", "/ideas/idea_01HXYZ")
    );
}

// ---------------------------------------------------------------------------------------
// Round trips: a field accepted under two names is written back under the name received
// ---------------------------------------------------------------------------------------

/// Decodes `received` as `T`, checks it encodes back to exactly `received`, and returns it.
fn round_trip<T>(received: Value) -> T
where
    T: serde::de::DeserializeOwned + serde::Serialize,
{
    let decoded: T = serde_json::from_value(received.clone())
        .unwrap_or_else(|error| panic!("{received}: {error}"));
    assert_eq!(serde_json::to_value(&decoded).unwrap(), received);
    decoded
}

#[test]
fn a_search_hit_keeps_chunk_or_content_as_received() {
    use autoposting_client::knowledge_base::KbSearchHit;
    // The case: the reference's `chunk` must not come back as `content`.
    let hit: KbSearchHit =
        round_trip(json!({"documentId": "d", "documentName": "n", "chunk": "c", "score": 0.9}));
    assert_eq!((hit.content.as_str(), hit.score), ("c", Some(0.9)));
    let hit: KbSearchHit = round_trip(json!({"content": "c", "score": 0.9}));
    assert_eq!(hit.content, "c");
    // Both names at once: no "duplicate field"; `content` wins and both are written back.
    let hit: KbSearchHit = round_trip(json!({"content": "c", "chunk": "c"}));
    assert_eq!(hit.content, "c");
    let hit: KbSearchHit =
        serde_json::from_value(json!({"chunk": "from chunk", "content": "from content"})).unwrap();
    assert_eq!(hit.content, "from content");
}

#[test]
fn a_search_hit_without_its_text_names_the_missing_field() {
    let error = serde_json::from_value::<autoposting_client::knowledge_base::KbSearchHit>(
        json!({"documentId": "d", "score": 0.5}),
    )
    .unwrap_err()
    .to_string();
    assert!(error.contains("missing field `content`"), "{error}");
    let error = serde_json::from_value::<autoposting_client::knowledge_base::KbSearchHit>(
        json!({"chunk": "c", "score": "high"}),
    )
    .unwrap_err()
    .to_string();
    assert!(error.starts_with("score: invalid type"), "{error}");
}

#[tokio::test]
async fn search_hits_in_a_list_keep_their_spelling_through_the_client() {
    let received = json!([
        {"documentId": "d", "documentName": "n", "chunk": "c", "score": 0.9},
        {"kind": "memory", "content": "m", "score": null}
    ]);
    let (_server, client) = serve(json!({"success": true, "data": received.clone()})).await;
    let hits = client
        .search_kb("kb_1", &SearchKbRequest::builder().query("q").build())
        .await
        .unwrap();
    // `score: null` is not written back (an absent score and a null one are both `None`).
    assert_eq!(
        serde_json::to_value(&hits.items).unwrap(),
        json!([
            {"documentId": "d", "documentName": "n", "chunk": "c", "score": 0.9},
            {"kind": "memory", "content": "m"}
        ])
    );
}

#[test]
fn a_kb_keeps_id_or_underscore_id_as_received() {
    use autoposting_client::knowledge_base::Kb;
    let kb: Kb = round_trip(kb_sdk());
    assert_eq!(kb.id, "kb_01HXYZ");
    let kb: Kb = round_trip(json!({"_id": "65a1", "name": "Research"}));
    assert_eq!(kb.id, "65a1");
    let kb: Kb = round_trip(json!({"id": "kb_1", "_id": "kb_1", "name": "Research"}));
    assert_eq!(kb.id, "kb_1");
    // Equality compares values, not spellings.
    let spelled: Kb = serde_json::from_value(json!({"_id": "kb_1", "name": "Research"})).unwrap();
    let canonical: Kb = serde_json::from_value(json!({"id": "kb_1", "name": "Research"})).unwrap();
    assert_eq!(spelled, canonical);
}

#[test]
fn a_document_upload_keeps_its_url_name_as_received() {
    use autoposting_client::knowledge_base::KbDocumentUpload;
    for name in ["url", "uploadUrl", "presignedUrl"] {
        let upload: KbDocumentUpload = round_trip(
            json!({name: "https://storage.example.com/put", "key": "k1", "expiresIn": 900}),
        );
        assert_eq!(
            upload.url.as_deref(),
            Some("https://storage.example.com/put"),
            "{name}"
        );
        // The URL is not also kept among the other fields.
        assert_eq!(upload.extra.keys().collect::<Vec<_>>(), ["expiresIn"]);
    }
    let upload: KbDocumentUpload = round_trip(
        json!({"uploadUrl": "https://a.test/put", "presignedUrl": "https://a.test/put"}),
    );
    assert_eq!(upload.url.as_deref(), Some("https://a.test/put"));
    let upload: KbDocumentUpload = round_trip(json!({"key": "k1"}));
    assert_eq!(upload.url, None);
}

#[test]
fn kb_numbers_at_their_edges() {
    use autoposting_client::knowledge_base::{Idea, Kb};
    // A document count is a counter: 0 and the largest u64 fit; a negative count does not.
    for count in [0, u64::MAX] {
        let kb: Kb =
            serde_json::from_value(json!({"id": "kb_1", "name": "n", "docCount": count})).unwrap();
        assert_eq!(kb.doc_count, Some(count));
    }
    let error = serde_json::from_value::<Kb>(json!({"id": "kb_1", "name": "n", "docCount": -1}))
        .unwrap_err()
        .to_string();
    assert!(error.starts_with("docCount: invalid value"), "{error}");
    // A virality score is a score: integers, fractions and negatives all read.
    for (score, expected) in [(json!(82), 82.0), (json!(82.5), 82.5), (json!(-3), -3.0)] {
        let mut idea = stored_idea("linkedin");
        idea["viralityScore"] = score;
        let idea: Idea = serde_json::from_value(idea).unwrap();
        assert_eq!(idea.virality_score, expected);
    }
}
