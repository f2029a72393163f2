//! The waiters against a real loopback API (wiremock): statuses that change across polls,
//! deadlines, rate limits, and cancellation by drop.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use autoposting_client::agents::AgentRunStatus;
use autoposting_client::clips::{ClipStatus, RenderJobStatus};
use autoposting_client::knowledge_base::KbStatus;
use autoposting_client::posts::{PlatformResultStatus, PostStatus};
use autoposting_client::wait::{self, WaitError, WaitOptions};
use autoposting_client::{Client, Platform, RetryPolicy, StatusCode};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// Answers its responses in order, one per request, repeating the last; records when each
/// request arrived.
#[derive(Clone)]
struct Sequence {
    responses: Arc<Vec<ResponseTemplate>>,
    arrivals: Arc<Mutex<Vec<Instant>>>,
}

impl Sequence {
    fn new(responses: Vec<ResponseTemplate>) -> Self {
        Sequence {
            responses: Arc::new(responses),
            arrivals: Arc::default(),
        }
    }

    fn arrivals(&self) -> Vec<Instant> {
        self.arrivals.lock().unwrap().clone()
    }
}

impl Respond for Sequence {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let mut arrivals = self.arrivals.lock().unwrap();
        arrivals.push(Instant::now());
        let index = (arrivals.len() - 1).min(self.responses.len() - 1);
        self.responses[index].clone()
    }
}

fn ok(data: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"success": true, "data": data}))
}

fn run(status: &str) -> ResponseTemplate {
    let finished = matches!(status, "completed" | "succeeded" | "failed");
    ok(json!({
        "id": "run_1", "agentId": "agent_1", "status": status,
        "postsGenerated": if finished { 3 } else { 0 }, "tokensUsed": 1200,
        "error": if status == "failed" { json!("The knowledge base is empty.") } else { Value::Null },
        "startedAt": "2024-01-10T09:00:00Z",
        "completedAt": if finished { json!("2024-01-10T09:02:00Z") } else { Value::Null },
    }))
}

fn rate_limited(retry_after: &str) -> ResponseTemplate {
    ResponseTemplate::new(429)
        .insert_header("retry-after", retry_after)
        .insert_header("x-ratelimit-limit", "60")
        .insert_header("x-ratelimit-remaining", "0")
        .set_body_json(
            json!({"success": false, "error": "rate_limited", "message": "Too many requests."}),
        )
}

/// A client that does not retry by itself, so every failure reaches the waiter.
fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .api_key("sk-social-test")
        .retry_policy(RetryPolicy::never())
        .build()
        .unwrap()
}

fn quick() -> WaitOptions {
    WaitOptions::default()
        .interval(Duration::from_millis(20))
        .max_interval(Duration::from_millis(50))
        .timeout(Duration::from_secs(30))
}

async fn serve(route: &str, sequence: &Sequence) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(route))
        .respond_with(sequence.clone())
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn a_run_goes_queued_running_completed_across_polls() {
    let sequence = Sequence::new(vec![
        run("queued"),
        run("running"),
        run("running"),
        run("completed"),
    ]);
    let server = serve("/agents/agent_1/runs/run_1", &sequence).await;
    let done = wait::wait_for_agent_run(&client(&server), "agent_1", "run_1", quick())
        .await
        .unwrap();
    assert_eq!(done.status, AgentRunStatus::Completed);
    assert_eq!(done.posts_generated, 3);
    assert_eq!(
        sequence.arrivals().len(),
        4,
        "one poll per status, none after"
    );
}

#[tokio::test]
async fn the_concept_pages_spellings_pending_and_succeeded_are_followed() {
    let sequence = Sequence::new(vec![run("pending"), run("running"), run("succeeded")]);
    let server = serve("/agents/agent_1/runs/run_1", &sequence).await;
    let done = wait::wait_for_agent_run(&client(&server), "agent_1", "run_1", quick())
        .await
        .unwrap();
    assert_eq!(done.status, AgentRunStatus::Completed);
    assert_eq!(sequence.arrivals().len(), 3);
}

#[tokio::test]
async fn a_failed_run_is_a_final_value_not_an_error() {
    let sequence = Sequence::new(vec![run("running"), run("failed")]);
    let server = serve("/agents/agent_1/runs/run_1", &sequence).await;
    let done = wait::wait_for_agent_run(&client(&server), "agent_1", "run_1", quick())
        .await
        .unwrap();
    assert_eq!(done.status, AgentRunStatus::Failed);
    assert_eq!(done.error.as_deref(), Some("The knowledge base is empty."));
}

#[tokio::test]
async fn a_deadline_that_expires_keeps_the_last_status() {
    let sequence = Sequence::new(vec![run("queued"), run("running")]);
    let server = serve("/agents/agent_1/runs/run_1", &sequence).await;
    let options = quick().timeout(Duration::from_millis(300));
    let error = wait::wait_for_agent_run(&client(&server), "agent_1", "run_1", options)
        .await
        .unwrap_err();
    let WaitError::TimedOut {
        last,
        last_error,
        polls,
        ..
    } = error
    else {
        panic!("{error:?}")
    };
    assert_eq!(last.map(|run| run.status), Some(AgentRunStatus::Running));
    assert!(last_error.is_none());
    assert!(polls >= 2, "{polls}");
    // Every poll counted reached the server; one more may have been in flight when the
    // deadline cut it short.
    let arrivals = sequence.arrivals().len();
    assert!(
        (polls as usize..=polls as usize + 1).contains(&arrivals),
        "{polls} polls, {arrivals} arrivals"
    );
}

#[tokio::test]
async fn a_429_with_retry_after_in_the_middle_is_waited_out() {
    let sequence = Sequence::new(vec![
        run("queued"),
        rate_limited("1"),
        run("running"),
        run("completed"),
    ]);
    let server = serve("/agents/agent_1/runs/run_1", &sequence).await;
    let done = wait::wait_for_agent_run(&client(&server), "agent_1", "run_1", quick())
        .await
        .unwrap();
    assert_eq!(done.status, AgentRunStatus::Completed);
    let arrivals = sequence.arrivals();
    assert_eq!(arrivals.len(), 4);
    // The poll after the 429 waited the second the server asked for, not the 20 ms interval.
    assert!(arrivals[2] - arrivals[1] >= Duration::from_secs(1));
}

#[tokio::test]
async fn a_retry_after_beyond_the_deadline_ends_the_wait_with_the_429() {
    let sequence = Sequence::new(vec![run("running"), rate_limited("3600")]);
    let server = serve("/agents/agent_1/runs/run_1", &sequence).await;
    let error = wait::wait_for_agent_run(&client(&server), "agent_1", "run_1", quick())
        .await
        .unwrap_err();
    let WaitError::TimedOut {
        last, last_error, ..
    } = error
    else {
        panic!("{error:?}")
    };
    assert_eq!(last.map(|run| run.status), Some(AgentRunStatus::Running));
    let last_error = last_error.unwrap();
    assert_eq!(last_error.status(), Some(StatusCode::TOO_MANY_REQUESTS));
    assert_eq!(last_error.retry_after(), Some(Duration::from_secs(3600)));
    assert_eq!(sequence.arrivals().len(), 2);
}

#[tokio::test]
async fn server_errors_are_polled_through() {
    let sequence = Sequence::new(vec![
        run("running"),
        ResponseTemplate::new(503),
        ResponseTemplate::new(502),
        run("completed"),
    ]);
    let server = serve("/agents/agent_1/runs/run_1", &sequence).await;
    let done = wait::wait_for_agent_run(&client(&server), "agent_1", "run_1", quick())
        .await
        .unwrap();
    assert_eq!(done.status, AgentRunStatus::Completed);
    assert_eq!(sequence.arrivals().len(), 4);
}

#[tokio::test]
async fn an_unknown_run_fails_at_once() {
    let sequence = Sequence::new(vec![ResponseTemplate::new(404).set_body_json(
        json!({"success": false, "error": "not_found", "message": "Run not found."}),
    )]);
    let server = serve("/agents/agent_1/runs/run_1", &sequence).await;
    let error = wait::wait_for_agent_run(&client(&server), "agent_1", "run_1", quick())
        .await
        .unwrap_err();
    let WaitError::Request(error) = error else {
        panic!("{error:?}")
    };
    assert_eq!(error.status(), Some(StatusCode::NOT_FOUND));
    assert_eq!(error.code(), Some("not_found"));
    assert_eq!(sequence.arrivals().len(), 1);
}

#[tokio::test]
async fn dropping_the_wait_stops_the_polling() {
    let sequence = Sequence::new(vec![run("running")]);
    let server = serve("/agents/agent_1/runs/run_1", &sequence).await;
    let client = client(&server);
    let waiting = wait::wait_for_agent_run(&client, "agent_1", "run_1", quick());
    assert!(
        tokio::time::timeout(Duration::from_millis(200), waiting)
            .await
            .is_err()
    );
    let polls = sequence.arrivals().len();
    assert!(polls >= 1);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(sequence.arrivals().len(), polls, "no poll after the drop");
}

#[tokio::test]
async fn trigger_and_wait_triggers_once_then_follows_the_new_run() {
    let sequence = Sequence::new(vec![run("running"), run("completed")]);
    let server = serve("/agents/agent_1/runs/run_1", &sequence).await;
    Mock::given(method("POST"))
        .and(path("/agents/agent_1/run"))
        .respond_with(ok(json!({"runId": "run_1", "status": "pending"})))
        .expect(1)
        .mount(&server)
        .await;
    let done = wait::trigger_agent_run_and_wait(&client(&server), "agent_1", quick())
        .await
        .unwrap();
    assert_eq!(done.id, "run_1");
    assert_eq!(done.status, AgentRunStatus::Completed);
    server.verify().await;
}

#[tokio::test]
async fn a_failed_trigger_is_not_resent() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/agents/agent_1/run"))
        .respond_with(ResponseTemplate::new(503))
        .expect(1)
        .mount(&server)
        .await;
    let error = wait::trigger_agent_run_and_wait(&client(&server), "agent_1", quick())
        .await
        .unwrap_err();
    assert!(
        matches!(&error, WaitError::Request(e) if e.status() == Some(StatusCode::SERVICE_UNAVAILABLE))
    );
    server.verify().await;
}

fn post(status: &str) -> ResponseTemplate {
    ok(json!({
        "id": "post_1", "brandSlug": "acme", "text": "Launch day", "platforms": ["x", "linkedin"],
        "status": status, "createdAt": "2024-01-10T09:00:00Z", "updatedAt": "2024-01-10T09:01:00Z",
    }))
}

#[tokio::test]
async fn a_post_is_followed_through_the_publishing_states() {
    for last in ["published", "partial", "failed"] {
        let sequence = Sequence::new(vec![
            post("scheduled"),
            post("validating"),
            post("validated"),
            post("publishing"),
            post(last),
        ]);
        let server = serve("/posts/post_1", &sequence).await;
        let done = wait::wait_for_post(&client(&server), "post_1", quick())
            .await
            .unwrap();
        assert_eq!(done.status.as_str(), last);
        assert_eq!(sequence.arrivals().len(), 5);
    }
}

#[tokio::test]
async fn a_post_that_will_not_move_on_its_own_is_returned_at_once() {
    for status in ["draft", "billing_hold", "archived"] {
        let sequence = Sequence::new(vec![post(status)]);
        let server = serve("/posts/post_1", &sequence).await;
        let done = wait::wait_for_post(&client(&server), "post_1", quick())
            .await
            .unwrap();
        assert_eq!(done.status.as_str(), status);
        assert_ne!(done.status, PostStatus::Publishing);
        assert_eq!(sequence.arrivals().len(), 1);
    }
}

fn clip(status: &str) -> ResponseTemplate {
    ok(json!({"id": "clip_1", "status": status, "createdAt": "2024-01-10T09:00:00Z"}))
}

#[tokio::test]
async fn a_clip_is_waited_for_until_ready_or_failed() {
    for (last, expected) in [("ready", ClipStatus::Ready), ("failed", ClipStatus::Failed)] {
        let sequence = Sequence::new(vec![clip("uploading"), clip("processing"), clip(last)]);
        let server = serve("/clips/clip_1", &sequence).await;
        let done = wait::wait_for_clip(&client(&server), "clip_1", quick())
            .await
            .unwrap();
        assert_eq!(done.status, expected);
        assert_eq!(sequence.arrivals().len(), 3);
    }
}

#[tokio::test]
async fn a_render_job_is_found_in_the_clips_jobs_and_followed() {
    let job = |status: &str| json!({"jobId": "job_1", "status": status});
    let other = json!({"jobId": "job_0", "status": "completed"});
    let sequence = Sequence::new(vec![
        ok(json!([other])),
        ok(json!([other, job("queued")])),
        ok(json!({"jobs": [other, job("rendering")]})),
        ok(json!([other, job("completed")])),
    ]);
    let server = serve("/clips/clip_1/jobs", &sequence).await;
    let done = wait::wait_for_render_job(&client(&server), "clip_1", "job_1", quick())
        .await
        .unwrap();
    assert_eq!(done.job_id, "job_1");
    assert_eq!(done.status, RenderJobStatus::Completed);
    assert_eq!(sequence.arrivals().len(), 4);
}

#[tokio::test]
async fn a_render_job_never_listed_times_out_with_nothing_seen() {
    let sequence = Sequence::new(vec![ok(json!([]))]);
    let server = serve("/clips/clip_1/jobs", &sequence).await;
    let options = quick().timeout(Duration::from_millis(150));
    let error = wait::wait_for_render_job(&client(&server), "clip_1", "job_1", options)
        .await
        .unwrap_err();
    assert!(error.is_timeout());
    assert!(error.last().is_none());
}

fn kb(status: &str) -> ResponseTemplate {
    ok(json!({"id": "kb_1", "name": "Docs", "status": status}))
}

#[tokio::test]
async fn a_knowledge_base_is_waited_for_until_it_leaves_building() {
    for (last, expected) in [("active", KbStatus::Active), ("error", KbStatus::Error)] {
        let sequence = Sequence::new(vec![kb("building"), kb("building"), kb(last)]);
        let server = serve("/kbs/kb_1", &sequence).await;
        let done = wait::wait_for_kb(&client(&server), "kb_1", quick())
            .await
            .unwrap();
        assert_eq!(done.status, Some(expected));
        assert_eq!(sequence.arrivals().len(), 3);
    }
}

/// A post's JSON with its per-platform outcomes, as the local Autoposting and the
/// client's docs show them.
fn post_with_results(status: &str, results: Value) -> ResponseTemplate {
    ok(json!({
        "id": "post_1", "brandSlug": "acme", "text": "Launch day", "platforms": ["x", "linkedin"],
        "status": status, "createdAt": "2024-01-10T09:00:00Z", "updatedAt": "2024-01-10T09:01:00Z",
        "platformResults": results,
    }))
}

#[tokio::test]
async fn a_partial_post_says_which_platform_failed_and_why() {
    let pending = json!([
        {"platform": "x", "status": "pending", "error": null, "url": null, "publishedAt": null},
        {"platform": "linkedin", "status": "pending", "error": null, "url": null, "publishedAt": null},
    ]);
    let done = json!([
        {"platform": "x", "status": "published", "error": null,
         "url": "https://x.com/acme/status/1", "publishedAt": "2024-01-10T09:02:00Z"},
        {"platform": "linkedin", "status": "failed",
         "error": "LinkedIn token expired; reconnect the account.", "url": null, "publishedAt": null},
    ]);
    let sequence = Sequence::new(vec![
        post_with_results("publishing", pending),
        post_with_results("partial", done),
    ]);
    let server = serve("/posts/post_1", &sequence).await;

    let post = wait::wait_for_post(&client(&server), "post_1", quick())
        .await
        .unwrap();

    assert_eq!(post.status, PostStatus::Partial);
    let x = post.platform_result(&Platform::X).unwrap();
    assert_eq!(x.status, PlatformResultStatus::Published);
    assert_eq!(x.url.as_deref(), Some("https://x.com/acme/status/1"));
    assert_eq!(
        x.published_at.map(|at| at.to_rfc3339()),
        Some("2024-01-10T09:02:00+00:00".to_owned())
    );
    let failed: Vec<_> = post.failed_platforms().collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].platform, Platform::Linkedin);
    assert_eq!(
        failed[0].error.as_deref(),
        Some("LinkedIn token expired; reconnect the account.")
    );
    assert_eq!(failed[0].url, None);
    assert_eq!(sequence.arrivals().len(), 2);
}

#[tokio::test]
async fn a_post_without_per_platform_outcomes_still_decodes() {
    for results in [None, Some(Value::Null), Some(json!([]))] {
        let mut body = json!({
            "id": "post_1", "brandSlug": "acme", "text": "t", "platforms": ["x"],
            "status": "failed", "createdAt": "2024-01-10T09:00:00Z",
            "updatedAt": "2024-01-10T09:01:00Z",
        });
        if let Some(results) = &results {
            body["platformResults"] = results.clone();
        }
        let sequence = Sequence::new(vec![ok(body)]);
        let server = serve("/posts/post_1", &sequence).await;
        let post = wait::wait_for_post(&client(&server), "post_1", quick())
            .await
            .unwrap();
        assert_eq!(post.failed_platforms().count(), 0, "{results:?}");
        assert_eq!(post.platform_result(&Platform::X), None);
    }
}

#[tokio::test]
async fn the_local_autoposting_publishes_on_x_and_fails_on_linkedin() {
    use autoposting_client::brands::{Brands, CreateBrandRequest};
    use autoposting_client::posts::{CreatePostRequest, Posts};

    let mock = autoposting_mock::MockServer::builder()
        .seed(autoposting_mock::Seed::Empty)
        .processing_time(Duration::from_millis(10))
        .start()
        .await
        .unwrap();
    let api = Client::builder()
        .base_url(mock.base_url())
        .api_key(mock.api_key())
        .build()
        .unwrap();
    // Only X is connected to the brand: LinkedIn fails for want of an account.
    api.create_brand(
        &CreateBrandRequest::builder()
            .name("Acme")
            .slug("acme")
            .platforms([Platform::X])
            .build(),
    )
    .await
    .unwrap();
    let created = api
        .create_post(
            &CreatePostRequest::builder()
                .brand_slug("acme")
                .text("Launch day")
                .platforms([Platform::X, Platform::Linkedin])
                .build(),
        )
        .await
        .unwrap();

    let post = wait::wait_for_post(&api, &created.id, quick())
        .await
        .unwrap();

    assert_eq!(post.status, PostStatus::Partial);
    let x = post.platform_result(&Platform::X).unwrap();
    assert!(x.is_published());
    assert!(x.url.as_deref().is_some_and(|url| !url.is_empty()));
    assert!(x.published_at.is_some());
    let failed: Vec<_> = post.failed_platforms().collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].platform, Platform::Linkedin);
    assert!(failed[0].is_failed());
    let why = failed[0].error.as_deref().unwrap();
    assert!(why.contains("linkedin"), "{why}");
}

/// Answers `post_1` as still publishing, with an exhausted rate-limit window whose reset is
/// computed when the first request arrives, then as published; records when (wall clock)
/// each request arrived and the reset instant it announced.
#[derive(Clone)]
struct ExhaustedWindow {
    /// Writes the reset header from the arrival time; answers the instant it stands for.
    reset: fn(SystemTime) -> (String, SystemTime),
    seen: Arc<Mutex<(Vec<SystemTime>, Option<SystemTime>)>>,
}

impl Respond for ExhaustedWindow {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let mut seen = self.seen.lock().unwrap();
        let now = SystemTime::now();
        seen.0.push(now);
        if seen.0.len() > 1 {
            return post("published");
        }
        let (header, at) = (self.reset)(now);
        seen.1 = Some(at);
        post("publishing")
            .insert_header("x-ratelimit-limit", "60")
            .insert_header("x-ratelimit-remaining", "0")
            .insert_header("x-ratelimit-reset", header.as_str())
    }
}

fn unix(now: SystemTime) -> Duration {
    now.duration_since(UNIX_EPOCH).unwrap()
}

#[tokio::test]
async fn an_exhausted_window_on_a_successful_poll_is_waited_out_until_its_reset() {
    let resets: [fn(SystemTime) -> (String, SystemTime); 2] = [
        // Unix seconds, as documented: the next whole second.
        |now| {
            let secs = unix(now).as_secs() + 1;
            (secs.to_string(), UNIX_EPOCH + Duration::from_secs(secs))
        },
        // Unix milliseconds, 300 ms on.
        |now| {
            let millis = unix(now).as_millis() as u64 + 300;
            (
                millis.to_string(),
                UNIX_EPOCH + Duration::from_millis(millis),
            )
        },
    ];
    for reset in resets {
        let window = ExhaustedWindow {
            reset,
            seen: Arc::default(),
        };
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/posts/post_1"))
            .respond_with(window.clone())
            .mount(&server)
            .await;

        let post = wait::wait_for_post(&client(&server), "post_1", quick())
            .await
            .unwrap();

        assert_eq!(post.status, PostStatus::Published);
        let (arrivals, reset_at) = window.seen.lock().unwrap().clone();
        assert_eq!(arrivals.len(), 2, "one poll in the window, one after it");
        let reset_at = reset_at.unwrap();
        assert!(
            arrivals[1] >= reset_at,
            "the second poll came {:?} before the reset",
            reset_at.duration_since(arrivals[1]).unwrap_or_default()
        );
    }
}

#[tokio::test]
async fn a_reset_beyond_the_deadline_ends_the_wait_without_another_poll() {
    let window = ExhaustedWindow {
        reset: |now| {
            let secs = unix(now).as_secs() + 3600;
            (secs.to_string(), UNIX_EPOCH + Duration::from_secs(secs))
        },
        seen: Arc::default(),
    };
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/posts/post_1"))
        .respond_with(window.clone())
        .mount(&server)
        .await;

    let error = wait::wait_for_post(&client(&server), "post_1", quick())
        .await
        .unwrap_err();

    let WaitError::TimedOut {
        last,
        last_error,
        polls,
        ..
    } = error
    else {
        panic!("{error:?}")
    };
    assert_eq!(last.map(|post| post.status), Some(PostStatus::Publishing));
    assert!(last_error.is_none(), "the poll itself succeeded");
    assert_eq!(polls, 1);
    assert_eq!(window.seen.lock().unwrap().0.len(), 1);
}

#[tokio::test]
async fn missing_or_unreadable_rate_limit_headers_keep_the_ordinary_interval() {
    let cases: [&[(&str, &str)]; 5] = [
        &[("x-ratelimit-remaining", "0")],
        &[
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-reset", "soon"),
        ],
        &[("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "-5")],
        &[
            ("x-ratelimit-remaining", "lots"),
            ("x-ratelimit-reset", "3600"),
        ],
        &[
            ("x-ratelimit-remaining", "7"),
            ("x-ratelimit-reset", "3600"),
        ],
    ];
    for headers in cases {
        let mut first = post("publishing");
        for (name, value) in headers {
            first = first.insert_header(*name, *value);
        }
        let sequence = Sequence::new(vec![first, post("publishing"), post("published")]);
        let server = serve("/posts/post_1", &sequence).await;
        // A wait read from these headers would reach past this deadline and end the wait.
        let options = quick().timeout(Duration::from_secs(5));
        let done = wait::wait_for_post(&client(&server), "post_1", options)
            .await
            .unwrap_or_else(|error| panic!("{headers:?}: {error:?}"));
        assert_eq!(done.status, PostStatus::Published);
        assert_eq!(sequence.arrivals().len(), 3, "{headers:?}");
    }
}
