//! Agents.
//!
//! One test per operation of the area against its documented example, with its
//! neighbours; long because the area has eleven operations.

use autoposting_client::Platform;
use autoposting_client::agents::{
    AgentFrequency, AgentRunStatus, AgentTone, AgentType, AgentWeekday, CreateAgentRequest,
    UpdateAgentRequest,
};
use autoposting_client::prelude::*;
use chrono::{TimeZone, Utc};
use serde_json::{Value, json};

use crate::harness::{check, request_example, serve};

/// The SDK's agent fixture: `type`, `frequency`, `prompt` instead of the reference's fields.
fn sdk_agent() -> Value {
    json!({
        "id": "agent-1",
        "name": "Daily Publisher",
        "type": "publish",
        "brandSlug": "my-brand",
        "brandName": "My Brand",
        "prompt": "Write a post about tech trends",
        "frequency": "daily",
        "time": "09:00",
        "enabled": true,
        "kbId": "kb_01HXYZ",
        "kbName": "Product docs",
        "createdAt": "2024-01-01T00:00:00Z",
        "updatedAt": "2024-01-02T00:00:00Z"
    })
}

#[tokio::test]
async fn get_agent_run() {
    check("GET", "/agents/{agentId}/runs/{runId}", |c| async move {
        c.get_agent_run("agent_01HXYZ", "run_01HXYZ").await
    })
    .await;
}

#[tokio::test]
async fn list_agent_runs() {
    check("GET", "/agents/{agentId}/runs", |c| async move {
        c.list_agent_runs("agent_01HXYZ", Some(20), None).await
    })
    .await;
}

#[tokio::test]
async fn list_agent_runs_sends_limit_and_offset() {
    let (server, client) = serve(json!({"success": true, "data": {"runs": [], "total": 0}})).await;
    client
        .list_agent_runs("agent_01HXYZ", Some(20), Some(40))
        .await
        .unwrap();
    client
        .list_agent_runs("agent_01HXYZ", None, None)
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.path(), "/agents/agent_01HXYZ/runs");
    assert_eq!(requests[0].url.query(), Some("limit=20&offset=40"));
    assert_eq!(requests[1].url.query(), None);
}

#[tokio::test]
async fn list_agent_runs_decodes_the_sdk_shape_and_every_status_spelling() {
    let run = |id: &str, status: &str| json!({"id": id, "agentId": "agent-1", "status": status, "output": "Post published successfully", "createdAt": "2024-01-02T09:00:00Z"});
    let (_server, client) = serve(json!({
        "success": true,
        "data": {
            "items": [
                run("run-1", "queued"),
                run("run-2", "pending"),
                run("run-3", "running"),
                run("run-4", "completed"),
                run("run-5", "succeeded"),
                run("run-6", "partial"),
                run("run-7", "failed"),
                run("run-8", "cancelled")
            ],
            "total": 8,
            "limit": 50,
            "offset": 0
        }
    }))
    .await;

    let runs = client.list_agent_runs("agent-1", None, None).await.unwrap();

    assert_eq!(
        (runs.total, runs.limit, runs.offset, runs.key()),
        (Some(8), Some(50), Some(0), Some("items"))
    );
    let statuses: Vec<AgentRunStatus> = runs.iter().map(|r| r.status.clone()).collect();
    assert_eq!(
        statuses,
        [
            AgentRunStatus::Queued,
            AgentRunStatus::Queued,
            AgentRunStatus::Running,
            AgentRunStatus::Completed,
            AgentRunStatus::Completed,
            AgentRunStatus::Partial,
            AgentRunStatus::Failed,
            AgentRunStatus::Other("cancelled".to_owned()),
        ]
    );
    let first = &runs.items[0];
    assert_eq!(first.output.as_deref(), Some("Post published successfully"));
    assert_eq!(
        first.created_at,
        Some(Utc.with_ymd_and_hms(2024, 1, 2, 9, 0, 0).unwrap())
    );
    assert_eq!(first.started_at, None);
    assert_eq!(first.posts_generated, None);
}

#[tokio::test]
async fn update_agent() {
    check("PATCH", "/agents/{agentId}", |c| async move {
        c.update_agent(
            "agent_01HXYZ",
            &UpdateAgentRequest::builder().name("x").build(),
        )
        .await
    })
    .await;
}

#[tokio::test]
async fn update_agent_sends_the_documented_request_example() {
    let (server, client) = serve(json!({"success": true, "data": sdk_agent()})).await;
    let request = UpdateAgentRequest::builder()
        .name("<string>")
        .schedule("<string>")
        .platforms(Vec::<Platform>::new())
        .instructions("<string>")
        .auto_publish(true)
        .posts_per_run(123)
        .build();

    client.update_agent("agent_01HXYZ", &request).await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].method.as_str(), "PATCH");
    assert_eq!(requests[0].url.path(), "/agents/agent_01HXYZ");
    assert_eq!(
        requests[0].body_json::<Value>().unwrap(),
        request_example("PATCH", "/agents/{agentId}")
    );
}

#[tokio::test]
async fn update_agent_sends_only_the_fields_set() {
    let (server, client) = serve(json!({"success": true, "data": sdk_agent()})).await;
    let request = UpdateAgentRequest::builder()
        .prompt("Write about Rust releases")
        .frequency(AgentFrequency::Weekly)
        .weekday(AgentWeekday::Friday)
        .tone(AgentTone::ThoughtLeader)
        .build();

    let agent = client.update_agent("agent-1", &request).await.unwrap();

    assert_eq!(agent.name, "Daily Publisher");
    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        requests[0].body_json::<Value>().unwrap(),
        json!({
            "prompt": "Write about Rust releases",
            "frequency": "weekly",
            "weekday": "fri",
            "tone": "thought-leader"
        })
    );
    assert_eq!(
        serde_json::to_value(UpdateAgentRequest::default()).unwrap(),
        json!({})
    );
}

#[tokio::test]
async fn create_agent_sends_the_documented_request_example() {
    let (server, client) = serve(json!({"success": true, "data": sdk_agent()})).await;
    let request = CreateAgentRequest::builder()
        .name("Weekly LinkedIn Insights")
        .agent_type(AgentType::Publish)
        .frequency(AgentFrequency::Weekly)
        .brand_slug("brand_slug")
        .kb_id("kb_id")
        .weekday(AgentWeekday::Monday)
        .time("09:00")
        .timezone("America/New_York")
        .platforms([Platform::Linkedin])
        .posts_per_run(3)
        .auto_publish(false)
        .build();

    client.create_agent(&request).await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].method.as_str(), "POST");
    assert_eq!(requests[0].url.path(), "/agents");
    let body = requests[0].body_json::<Value>().unwrap();
    assert_eq!(body, request_example("POST", "/agents"));
    assert_eq!(body["platforms"], json!(["linkedin"]));
}

#[tokio::test]
async fn create_agent_leaves_out_unset_fields_and_decodes_the_sdk_agent() {
    let (server, client) = serve(json!({"success": true, "data": sdk_agent()})).await;
    let request = CreateAgentRequest::builder()
        .name("Daily Publisher")
        .agent_type(AgentType::Research)
        .frequency(AgentFrequency::Manual)
        .prompt("Write a post about tech trends")
        .content_source(autoposting_client::agents::ContentSource::Both)
        .notify_email(true)
        .build();

    let agent = client.create_agent(&request).await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        requests[0].body_json::<Value>().unwrap(),
        json!({
            "name": "Daily Publisher",
            "type": "research",
            "frequency": "manual",
            "prompt": "Write a post about tech trends",
            "contentSource": "both",
            "notifyEmail": true
        })
    );
    assert_eq!(agent.id, "agent-1");
    assert_eq!(agent.agent_type, Some(AgentType::Publish));
    assert_eq!(agent.frequency, Some(AgentFrequency::Daily));
    assert_eq!(agent.time.as_deref(), Some("09:00"));
    assert_eq!(agent.brand_name.as_deref(), Some("My Brand"));
    assert_eq!(agent.knowledge_base_id.as_deref(), Some("kb_01HXYZ"));
    assert_eq!(agent.kb_name.as_deref(), Some("Product docs"));
    assert!(agent.enabled);
    assert_eq!(agent.schedule, None);
    assert_eq!(
        agent.updated_at,
        Utc.with_ymd_and_hms(2024, 1, 2, 0, 0, 0).unwrap()
    );
}

#[tokio::test]
async fn list_agents_decodes_both_agent_shapes_and_unknown_values() {
    let reference_agent = json!({
        "id": "agent_01HXYZ",
        "name": "Weekly digest",
        "brandSlug": "my-brand",
        "platforms": ["linkedin", "x"],
        "schedule": "0 9 * * 1",
        "active": false,
        "autoPublish": true,
        "instructions": "Summarise the week",
        "knowledgeBaseId": "kb_01HXYZ",
        "postsPerRun": 2,
        "lastRunAt": "2024-01-08T09:00:00Z",
        "nextRunAt": "2024-01-15T09:00:00Z",
        "createdAt": "2024-01-01T00:00:00Z",
        "updatedAt": "2024-01-08T09:00:45Z"
    });
    let mut odd_agent = sdk_agent();
    odd_agent["type"] = json!("curate");
    odd_agent["frequency"] = json!("hourly");
    odd_agent["weekday"] = json!("someday");
    odd_agent["platforms"] = json!(["mastodon", "twitter"]);
    let (server, client) = serve(json!({
        "success": true,
        "data": {"items": [sdk_agent(), reference_agent, odd_agent], "total": 3, "limit": 200, "offset": 0}
    }))
    .await;

    let agents = client.list_agents(Some(100), Some(0)).await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.path(), "/agents");
    assert_eq!(requests[0].url.query(), Some("limit=100&offset=0"));
    assert_eq!((agents.total, agents.limit), (Some(3), Some(200)));
    let reference = &agents.items[1];
    assert!(!reference.enabled, "`active` fills `enabled`");
    assert_eq!(
        reference.platforms.as_deref(),
        Some(&[Platform::Linkedin, Platform::X][..])
    );
    assert_eq!(reference.schedule.as_deref(), Some("0 9 * * 1"));
    assert_eq!(reference.knowledge_base_id.as_deref(), Some("kb_01HXYZ"));
    assert_eq!(reference.posts_per_run, Some(2));
    assert_eq!(
        reference.next_run_at,
        Some(Utc.with_ymd_and_hms(2024, 1, 15, 9, 0, 0).unwrap())
    );
    let odd = &agents.items[2];
    assert_eq!(odd.agent_type, Some(AgentType::Other("curate".to_owned())));
    assert_eq!(
        odd.frequency,
        Some(AgentFrequency::Other("hourly".to_owned()))
    );
    assert_eq!(odd.weekday, Some(AgentWeekday::Other("someday".to_owned())));
    // An unknown platform is kept as received; the SDK's `twitter` is X.
    assert_eq!(
        odd.platforms.as_deref(),
        Some(&[Platform::Other("mastodon".to_owned()), Platform::X][..])
    );
}

#[tokio::test]
async fn list_agents_decodes_a_bare_array() {
    let (server, client) = serve(json!({"success": true, "data": [sdk_agent()]})).await;
    let agents = client.list_agents(None, None).await.unwrap();
    assert_eq!(agents.len(), 1);
    assert_eq!(agents.total, None);
    assert_eq!(agents.items[0].name, "Daily Publisher");
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.query(), None);
}

#[tokio::test]
async fn get_agent() {
    let (server, client) = serve(json!({"success": true, "data": sdk_agent()})).await;
    let agent = client.get_agent("agent-1").await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].method.as_str(), "GET");
    assert_eq!(requests[0].url.path(), "/agents/agent-1");
    assert_eq!(
        agent.prompt.as_deref(),
        Some("Write a post about tech trends")
    );
    assert_eq!(agent.brand_slug.as_deref(), Some("my-brand"));
    assert_eq!(
        agent.created_at,
        Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap()
    );
}

#[tokio::test]
async fn delete_agent() {
    let (server, client) = serve(json!({"success": true})).await;
    client.delete_agent("agent-1").await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].method.as_str(), "DELETE");
    assert_eq!(requests[0].url.path(), "/agents/agent-1");
}

#[tokio::test]
async fn trigger_agent_run() {
    let (server, client) =
        serve(json!({"success": true, "data": {"runId": "run-1", "status": "pending"}})).await;
    let run = client.trigger_agent_run("agent-1").await.unwrap();
    assert_eq!(run.run_id, "run-1");
    assert_eq!(run.status, AgentRunStatus::Queued);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].method.as_str(), "POST");
    assert_eq!(requests[0].url.path(), "/agents/agent-1/run");
    assert!(requests[0].body.is_empty(), "no body is sent");
}

#[tokio::test]
async fn trigger_agent_run_reads_a_full_run_too() {
    let (_server, client) = serve(json!({
        "success": true,
        "data": {"id": "run_01HXYZ", "agentId": "agent_01HXYZ", "status": "queued", "startedAt": "2024-01-10T09:00:00Z"}
    }))
    .await;
    let run = client.trigger_agent_run("agent_01HXYZ").await.unwrap();
    assert_eq!(run.run_id, "run_01HXYZ");
    assert_eq!(run.status, AgentRunStatus::Queued);
}

#[tokio::test]
async fn toggle_agent() {
    let mut toggled = sdk_agent();
    toggled["enabled"] = json!(false);
    let (server, client) = serve(json!({"success": true, "data": toggled})).await;
    let agent = client.toggle_agent("agent-1").await.unwrap();
    assert!(!agent.enabled);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].method.as_str(), "POST");
    assert_eq!(requests[0].url.path(), "/agents/agent-1/toggle");
}

#[tokio::test]
async fn get_agent_stats_keeps_every_field() {
    let (server, client) = serve(json!({
        "success": true,
        "data": {
            "totalRuns": 12,
            "postsGenerated": 30,
            "tokensUsed": 10200,
            "lastRunAt": "2024-01-10T09:00:45Z",
            "runsByStatus": {"completed": 10, "failed": 2}
        }
    }))
    .await;

    let stats = client.get_agent_stats("agent_01HXYZ").await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.path(), "/agents/agent_01HXYZ/stats");
    assert_eq!(stats.total_runs, Some(12));
    assert_eq!(stats.posts_generated, Some(30));
    assert_eq!(stats.tokens_used, Some(10200));
    assert_eq!(
        stats.last_run_at,
        Some(Utc.with_ymd_and_hms(2024, 1, 10, 9, 0, 45).unwrap())
    );
    assert_eq!(
        stats.other.get("runsByStatus"),
        Some(&json!({"completed": 10, "failed": 2}))
    );
    assert_eq!(
        serde_json::to_value(&stats).unwrap()["runsByStatus"]["failed"],
        json!(2)
    );
}

#[tokio::test]
async fn list_agent_outputs() {
    let (server, client) = serve(json!({
        "success": true,
        "data": {
            "outputs": [{
                "id": "post_01HXYZ",
                "runId": "run_01HXYZ",
                "brandSlug": "my-brand",
                "text": "Three things we learned shipping Rust in production",
                "platforms": ["linkedin"],
                "status": "scheduled",
                "scheduledAt": "2024-01-11T09:00:00Z",
                "createdAt": "2024-01-10T09:00:40Z",
                "score": 82
            }],
            "total": 1
        }
    }))
    .await;

    let outputs = client
        .list_agent_outputs("agent_01HXYZ", Some(10), Some(0))
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.path(), "/agents/agent_01HXYZ/outputs");
    assert_eq!(requests[0].url.query(), Some("limit=10&offset=0"));
    assert_eq!((outputs.total, outputs.key()), (Some(1), Some("outputs")));
    let post = &outputs.items[0];
    assert_eq!(post.id, "post_01HXYZ");
    assert_eq!(post.run_id.as_deref(), Some("run_01HXYZ"));
    assert_eq!(post.platforms.as_deref(), Some(&[Platform::Linkedin][..]));
    assert_eq!(post.status.as_deref(), Some("scheduled"));
    assert_eq!(
        post.scheduled_at,
        Some(Utc.with_ymd_and_hms(2024, 1, 11, 9, 0, 0).unwrap())
    );
    assert_eq!(post.published_at, None);
    assert_eq!(post.other.get("score"), Some(&json!(82)));
}

#[test]
fn agent_keeps_the_spelling_it_received() {
    let mut sdk = sdk_agent();
    sdk["active"] = json!(false);
    sdk.as_object_mut().unwrap().remove("enabled");
    let agent: autoposting_client::agents::Agent = serde_json::from_value(sdk).unwrap();
    assert!(!agent.enabled);
    assert_eq!(agent.knowledge_base_id.as_deref(), Some("kb_01HXYZ"));
    let back = serde_json::to_value(&agent).unwrap();
    assert_eq!(back["active"], json!(false));
    assert_eq!(back["kbId"], json!("kb_01HXYZ"));
    assert!(back.get("enabled").is_none() && back.get("knowledgeBaseId").is_none());

    let reference = json!({
        "id": "agent_01HXYZ", "name": "Digest", "enabled": true, "knowledgeBaseId": "kb_1",
        "createdAt": "2024-01-01T00:00:00Z", "updatedAt": "2024-01-02T00:00:00Z"
    });
    let agent: autoposting_client::agents::Agent =
        serde_json::from_value(reference.clone()).unwrap();
    assert_eq!(serde_json::to_value(&agent).unwrap(), reference);
}

#[test]
fn agent_with_both_spellings_decodes_and_the_first_wins() {
    let text = r#"{"id": "a", "name": "n", "enabled": true, "active": false,
        "kbId": "kb_b", "knowledgeBaseId": "kb_a",
        "createdAt": "2024-01-01T00:00:00Z", "updatedAt": "2024-01-01T00:00:00Z"}"#;
    let agent: autoposting_client::agents::Agent = serde_json::from_str(text).unwrap();
    assert!(agent.enabled);
    assert_eq!(agent.knowledge_base_id.as_deref(), Some("kb_b"));
    let back = serde_json::to_value(&agent).unwrap();
    assert_eq!(
        (back.get("enabled"), back.get("active")),
        (Some(&json!(true)), None)
    );
    assert_eq!(
        (back.get("kbId"), back.get("knowledgeBaseId")),
        (Some(&json!("kb_b")), None)
    );
}

#[test]
fn agents_equal_whatever_the_spelling() {
    let mut a = sdk_agent();
    a["active"] = a["enabled"].take();
    a.as_object_mut().unwrap().remove("enabled");
    let a: autoposting_client::agents::Agent = serde_json::from_value(a).unwrap();
    let b: autoposting_client::agents::Agent = serde_json::from_value(sdk_agent()).unwrap();
    assert_eq!(a, b);
}

#[tokio::test]
async fn a_bad_value_under_a_second_spelling_is_named_by_its_key() {
    let mut agent = sdk_agent();
    agent.as_object_mut().unwrap().remove("enabled");
    agent["active"] = json!("yes");
    let (_server, client) = serve(json!({"success": true, "data": agent})).await;
    let error = client.get_agent("agent-1").await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Decode);
    assert_eq!(error.decode_path(), Some("data.active"));
}

#[tokio::test]
async fn list_agents_keeps_each_agents_spelling() {
    let mut active = sdk_agent();
    active["active"] = active["enabled"].take();
    active.as_object_mut().unwrap().remove("enabled");
    let data = json!({"items": [sdk_agent(), active], "total": 2});
    let (_server, client) = serve(json!({"success": true, "data": data.clone()})).await;
    let agents = client.list_agents(None, None).await.unwrap();
    assert_eq!(serde_json::to_value(&agents).unwrap(), data);
}

#[test]
fn triggered_run_keeps_run_id_or_id() {
    use autoposting_client::agents::TriggeredAgentRun;
    for body in [
        json!({"runId": "run-1", "status": "pending"}),
        json!({"id": "run-1", "status": "pending"}),
    ] {
        let run: TriggeredAgentRun = serde_json::from_value(body.clone()).unwrap();
        assert_eq!(run.run_id, "run-1");
        // `pending` is read as Queued and written as its canonical `queued`.
        let mut expected = body;
        expected["status"] = json!("queued");
        assert_eq!(serde_json::to_value(&run).unwrap(), expected);
    }
    let both: TriggeredAgentRun =
        serde_json::from_str(r#"{"id": "run-2", "runId": "run-1", "status": "queued"}"#).unwrap();
    assert_eq!(both.run_id, "run-2");
}

#[test]
fn numbers_of_runs_and_agents_hold_their_edges() {
    let run: autoposting_client::agents::AgentRun = serde_json::from_value(json!({
        "id": "r", "agentId": "a", "status": "completed", "postsGenerated": 0,
        "tokensUsed": u64::MAX, "startedAt": "2024-01-10T09:00:00Z"
    }))
    .unwrap();
    assert_eq!((run.posts_generated, run.tokens_used), (0, u64::MAX));
    // A count is never negative: -1 is refused, with the field named.
    let error = serde_json::from_value::<autoposting_client::agents::AgentRun>(json!({
        "id": "r", "agentId": "a", "status": "completed", "postsGenerated": -1,
        "tokensUsed": 1, "startedAt": "2024-01-10T09:00:00Z"
    }))
    .unwrap_err();
    assert!(error.to_string().contains("-1"), "{error}");
}

#[test]
fn create_agent_request_builder_sends_every_documented_field() {
    let request = CreateAgentRequest::builder()
        .name("n")
        .agent_type(AgentType::Publish)
        .frequency(AgentFrequency::Daily)
        .brand_slug("b")
        .kb_id("kb")
        .weekday(AgentWeekday::Sunday)
        .time("09:00")
        .time_end("17:00")
        .timezone("UTC")
        .platforms(vec![Platform::X])
        .posts_per_run(50)
        .auto_publish(true)
        .content_source(autoposting_client::agents::ContentSource::KnowledgeBase)
        .prompt("p")
        .writing_style("w")
        .notify_email(false)
        .build();
    let keys: Vec<String> = serde_json::to_value(&request)
        .unwrap()
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_sends_every_documented_field("POST", "/agents", &request);
    assert_eq!(keys.len(), 16);
}

#[test]
fn update_agent_request_builder_sends_every_documented_field() {
    let request = UpdateAgentRequest::builder()
        .name("n")
        .schedule("0 9 * * 1")
        .platforms([Platform::Threads])
        .tone(AgentTone::Humorous)
        .instructions("i")
        .auto_publish(false)
        .posts_per_run(1)
        .prompt("p")
        .frequency(AgentFrequency::Weekly)
        .time("10:00")
        .weekday(AgentWeekday::Monday)
        .build();
    assert_sends_every_documented_field("PATCH", "/agents/{agentId}", &request);
}

/// Asserts that `request` serialises every field of the catalogue's `request_body` for
/// `method path` (its documented fields), under the documented names.
pub(crate) fn assert_sends_every_documented_field(
    method: &str,
    path: &str,
    request: &impl serde::Serialize,
) {
    let catalogue: Value =
        serde_json::from_str(include_str!("../../fixtures/endpoints.json")).unwrap();
    let entry = catalogue
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["method"] == method && e["path"] == path)
        .unwrap();
    let sent = serde_json::to_value(request).unwrap();
    for key in entry["request_body"].as_object().unwrap().keys() {
        assert!(
            sent.get(key).is_some(),
            "{method} {path}: the request type cannot send the documented field `{key}`"
        );
    }
}
