//! Ideas: generation, listing, enrichment and deletion (`/ideas/…`), with ideas' `twitter`.

use super::*;

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
