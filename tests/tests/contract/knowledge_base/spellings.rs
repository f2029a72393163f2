//! Round trips: a field accepted under two names is written back under the name received,
//! and numbers at their edges.

use super::*;

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
    // The issue's case: the reference's `chunk` must not come back as `content`.
    let hit: KbSearchHit =
        round_trip(json!({"documentId": "d", "documentName": "n", "chunk": "c", "score": 0.9}));
    assert_eq!((hit.content.as_str(), hit.score), ("c", Some(0.9)));
    let hit: KbSearchHit = round_trip(json!({"content": "c", "score": 0.9}));
    assert_eq!(hit.content, "c");
    // Both names at once: no "duplicate field"; the first one wins and is the one written
    // back (the rule of `common::spelling`).
    let hit: KbSearchHit = serde_json::from_str(r#"{"content": "c", "chunk": "other"}"#).unwrap();
    assert_eq!(hit.content, "c");
    assert_eq!(serde_json::to_value(&hit).unwrap(), json!({"content": "c"}));
    let hit: KbSearchHit =
        serde_json::from_str(r#"{"chunk": "from chunk", "content": "from content"}"#).unwrap();
    assert_eq!(hit.content, "from chunk");
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
    // Decoded as a stream, the error carries no key path here (the client's decoder adds it).
    assert!(error.contains("invalid type"), "{error}");
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
    // Both: the first one wins and is the one written back (the rule of `common::spelling`).
    let kb: Kb =
        serde_json::from_str(r#"{"id": "kb_1", "_id": "kb_2", "name": "Research"}"#).unwrap();
    assert_eq!(kb.id, "kb_1");
    assert_eq!(
        serde_json::to_value(&kb).unwrap(),
        json!({"id": "kb_1", "name": "Research"})
    );
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
    let upload: KbDocumentUpload = serde_json::from_str(
        r#"{"uploadUrl": "https://a.test/put", "presignedUrl": "https://b.test/put"}"#,
    )
    .unwrap();
    assert_eq!(upload.url.as_deref(), Some("https://a.test/put"));
    assert_eq!(
        serde_json::to_value(&upload).unwrap(),
        json!({"uploadUrl": "https://a.test/put"})
    );
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
    assert!(error.contains("invalid value"), "{error}");
    // A virality score is a score: integers, fractions and negatives all read.
    for (score, expected) in [(json!(82), 82.0), (json!(82.5), 82.5), (json!(-3), -3.0)] {
        let mut idea = stored_idea("linkedin");
        idea["viralityScore"] = score;
        let idea: Idea = serde_json::from_value(idea).unwrap();
        assert_eq!(idea.virality_score, expected);
    }
}
