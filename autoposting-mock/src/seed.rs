//! Starting data: nothing, the documented example runs, or a small realistic organisation.

use chrono::{DateTime, Duration, Utc};
use serde_json::json;

use crate::clock::format;
use crate::state::Store;

/// What a server starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Seed {
    /// An empty organisation.
    Empty,
    /// The reference's example agent `agent_01HXYZ` with three runs: `run_01HXYZ` (the
    /// documented completed run), `run_01HXZ0` (failed) and `run_01HXZ1` (running). The
    /// default, so the README's example finds its run.
    #[default]
    Example,
    /// A small organisation: a brand `acme` with x and linkedin connected, posts in several
    /// states, an agent with runs, a knowledge base, and a webhook to `http://127.0.0.1:9/`
    /// (a closed port: its deliveries fail and are retried).
    Demo,
}

fn base(now: DateTime<Utc>) -> Store {
    let mut store = Store {
        user: json!({
            "id": "usr_01HXYZ", "email": "user@example.com", "name": "Jane Doe", "avatarUrl": null,
            "emailVerified": true, "createdAt": "2024-01-01T00:00:00Z",
        }),
        plan: json!({"plan": "plan_pro"}),
        ..Store::default()
    };
    store.seq = 0;
    let _ = now;
    store
}

fn example_runs(store: &mut Store) {
    store.runs.extend([
        json!({
            "id": "run_01HXYZ", "agentId": "agent_01HXYZ", "status": "completed",
            "postsGenerated": 1, "tokensUsed": 850, "error": null,
            "startedAt": "2024-01-10T09:00:00Z", "completedAt": "2024-01-10T09:00:45Z"
        }),
        json!({
            "id": "run_01HXZ0", "agentId": "agent_01HXYZ", "status": "failed",
            "postsGenerated": 0, "tokensUsed": 120, "error": "Brand voice profile is missing.",
            "startedAt": "2024-01-11T09:00:00Z", "completedAt": "2024-01-11T09:00:03Z"
        }),
        json!({
            "id": "run_01HXZ1", "agentId": "agent_01HXYZ", "status": "running",
            "postsGenerated": 0, "tokensUsed": 0, "error": null,
            "startedAt": "2024-01-12T09:00:00Z", "completedAt": null
        }),
    ]);
}

fn example_agent(brand: &str) -> serde_json::Value {
    json!({
        "id": "agent_01HXYZ", "name": "Weekly LinkedIn Insights", "brandSlug": brand,
        "platforms": ["linkedin"], "schedule": "0 9 * * 1", "enabled": true, "autoPublish": false,
        "instructions": "Share one practical insight from the week.", "knowledgeBaseId": null,
        "postsPerRun": 1, "lastRunAt": "2024-01-12T09:00:00Z", "nextRunAt": null,
        "createdAt": "2024-01-01T00:00:00Z", "updatedAt": "2024-01-01T00:00:00Z",
        "_type": "publish", "_timezone": "UTC",
    })
}

/// The store a seed describes, with times relative to `now`.
pub(crate) fn store(seed: Seed, now: DateTime<Utc>) -> Store {
    let mut store = base(now);
    match seed {
        Seed::Empty => {}
        Seed::Example => {
            store.agents.push(example_agent(""));
            example_runs(&mut store);
        }
        Seed::Demo => demo(&mut store, now),
    }
    store
}

fn demo(store: &mut Store, now: DateTime<Utc>) {
    let t = |minutes: i64| format(now + Duration::minutes(minutes));
    store.brands.push(json!({
        "id": "brand_01HXYZ", "name": "Acme Corp", "slug": "acme", "description": "Official Acme brand",
        "logoUrl": null, "order": 0, "connectedPlatforms": ["x", "linkedin"],
        "createdAt": t(-7 * 24 * 60), "updatedAt": t(-7 * 24 * 60), "_timezone": "America/New_York",
    }));
    let post = |id: &str,
                text: &str,
                platforms: serde_json::Value,
                status: &str,
                scheduled: Option<String>,
                published: Option<String>,
                results: serde_json::Value| {
        json!({
            "id": id, "brandSlug": "acme", "text": text, "platforms": platforms, "status": status,
            "scheduledAt": scheduled, "publishedAt": published, "createdAt": t(-3 * 24 * 60), "updatedAt": t(-60),
            "media": [], "score": null, "source": "dashboard", "platformResults": results,
        })
    };
    let ok = |p: &str| json!({"platform": p, "status": "published", "error": null, "url": format!("https://{p}.example/post"), "publishedAt": t(-60)});
    let pending = |p: &str| json!({"platform": p, "status": "pending", "error": null, "url": null, "publishedAt": null});
    store.posts.extend([
        post("post_01DEMO1", "We just shipped dark mode. 🌙", json!(["x", "linkedin"]), "published", None, Some(t(-60)), json!([ok("x"), ok("linkedin")])),
        post("post_01DEMO2", "Our Q3 roadmap, in one thread.", json!(["x", "instagram"]), "partial", None, Some(t(-60)),
            json!([ok("x"), {"platform": "instagram", "status": "failed", "error": "No instagram account is connected to the brand `acme`.", "url": null, "publishedAt": null}])),
        post("post_01DEMO3", "Join our webinar tomorrow at 5 pm.", json!(["linkedin"]), "scheduled", Some(t(24 * 60)), None, json!([pending("linkedin")])),
        post("post_01DEMO4", "Draft: five lessons from our first year.", json!(["linkedin"]), "draft", None, None, json!([pending("linkedin")])),
    ]);
    store.agents.push(example_agent("acme"));
    example_runs(store);
    store.kbs.push(json!({
        "id": "kb_01DEMO", "name": "Product Research", "slug": "product-research",
        "description": "Competitive analysis and positioning docs.", "status": "active", "errorMessage": null,
        "docCount": 1, "createdAt": t(-5 * 24 * 60), "updatedAt": t(-5 * 24 * 60),
    }));
    store.kb_docs.push(json!({
        "id": "doc_01DEMO", "kbId": "kb_01DEMO", "name": "Pricing strategy.pdf", "type": "pdf",
        "status": "ready", "createdAt": t(-5 * 24 * 60),
    }));
    store.webhooks.push(json!({
        "id": "wh_01DEMO", "url": "http://127.0.0.1:9/webhooks/autoposting", "events": ["post.published", "post.failed"],
        "enabled": true, "createdAt": t(-7 * 24 * 60), "_secret": "whsec_demo_secret",
    }));
    store.credits.balance = 450;
    store.credits.spent.insert("aiGeneration".into(), 50);
}
