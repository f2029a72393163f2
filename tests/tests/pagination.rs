//! `pagination::paginate` walks an offset-paginated list lazily, against a server on
//! 127.0.0.1 that holds 237 runs.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use autoposting_client::agents::Agents;
use autoposting_client::pagination::paginate;
use autoposting_client::{Client, ErrorKind, List, Result, RetryPolicy};
use futures_util::{StreamExt, TryStreamExt};
use serde_json::json;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// Serves `total` runs in the SDK's `{items, total, limit, offset}` shape; optionally fails
/// the request at `fail_at_offset`.
struct Runs {
    total: usize,
    fail_at_offset: Option<usize>,
    calls: Arc<AtomicUsize>,
}

impl Respond for Runs {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        self.calls.fetch_add(1, Ordering::SeqCst);
        let param = |name: &str| {
            request
                .url
                .query_pairs()
                .find(|(k, _)| k == name)
                .and_then(|(_, v)| v.parse::<usize>().ok())
        };
        let (limit, offset) = (param("limit").unwrap_or(50), param("offset").unwrap_or(0));
        if limit > 100 {
            return ResponseTemplate::new(400)
                .set_body_json(json!({"success": false, "error": "invalid_request"}));
        }
        if Some(offset) == self.fail_at_offset {
            return ResponseTemplate::new(500)
                .set_body_json(json!({"success": false, "error": "internal", "message": "boom"}));
        }
        let items: Vec<_> = (offset..self.total.min(offset + limit))
            .map(|i| json!({"id": format!("run_{i:03}"), "agentId": "agent_1", "status": "completed"}))
            .collect();
        ResponseTemplate::new(200).set_body_json(json!({
            "success": true,
            "data": {"items": items, "total": self.total, "limit": limit, "offset": offset}
        }))
    }
}

async fn serve(
    total: usize,
    fail_at_offset: Option<usize>,
) -> (MockServer, Client, Arc<AtomicUsize>) {
    let server = MockServer::start().await;
    let calls = Arc::new(AtomicUsize::new(0));
    Mock::given(wiremock::matchers::any())
        .respond_with(Runs {
            total,
            fail_at_offset,
            calls: calls.clone(),
        })
        .mount(&server)
        .await;
    // Without retries, so a failed page is seen exactly once.
    let client = Client::builder()
        .base_url(server.uri())
        .retry_policy(RetryPolicy::never())
        .build()
        .unwrap();
    (server, client, calls)
}

#[tokio::test]
async fn walks_237_runs_in_pages_of_100() {
    let (server, client, calls) = serve(237, None).await;

    let runs: Vec<_> = paginate(100, |limit, offset| {
        let client = client.clone();
        async move {
            client
                .list_agent_runs("agent_1", Some(limit), Some(offset))
                .await
        }
    })
    .try_collect()
    .await
    .unwrap();

    assert_eq!(runs.len(), 237);
    assert_eq!(runs[0].id, "run_000");
    assert_eq!(runs[236].id, "run_236");
    assert!(
        runs.windows(2).all(|w| w[0].id < w[1].id),
        "in order, no duplicates"
    );
    assert_eq!(
        calls.load(Ordering::SeqCst),
        3,
        "stops at the total without an extra request"
    );
    let queries: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| r.url.query().unwrap_or("").to_owned())
        .collect();
    assert_eq!(
        queries,
        [
            "limit=100&offset=0",
            "limit=100&offset=100",
            "limit=100&offset=200"
        ]
    );
}

#[tokio::test]
async fn pages_are_fetched_lazily() {
    let (_server, client, calls) = serve(237, None).await;

    let first_five: Vec<_> = paginate(100, |limit, offset| {
        let client = client.clone();
        async move {
            client
                .list_agent_runs("agent_1", Some(limit), Some(offset))
                .await
        }
    })
    .take(5)
    .try_collect()
    .await
    .unwrap();

    assert_eq!(first_five.len(), 5);
    assert_eq!(calls.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn page_size_is_capped_at_100() {
    let (server, client, _) = serve(150, None).await;

    let count = paginate(1000, |limit, offset| {
        let client = client.clone();
        async move {
            client
                .list_agent_runs("agent_1", Some(limit), Some(offset))
                .await
        }
    })
    .try_fold(0, |n, _| async move { Ok(n + 1) })
    .await
    .unwrap();

    assert_eq!(count, 150);
    assert!(
        server.received_requests().await.unwrap().iter().all(|r| r
            .url
            .query()
            .unwrap()
            .starts_with("limit=100&"))
    );
}

#[tokio::test]
async fn an_error_is_passed_through_and_ends_the_stream() {
    let (_server, client, calls) = serve(237, Some(100)).await;

    let results: Vec<Result<_>> = paginate(100, |limit, offset| {
        let client = client.clone();
        async move {
            client
                .list_agent_runs("agent_1", Some(limit), Some(offset))
                .await
        }
    })
    .collect()
    .await;

    assert_eq!(results.len(), 101);
    assert!(results[..100].iter().all(Result::is_ok));
    let error = results[100].as_ref().unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Api);
    assert_eq!(error.message(), Some("boom"));
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_short_page_ends_a_list_without_total() {
    let pages = [
        List::new((0..100).collect::<Vec<u32>>()),
        List::new((100..130).collect()),
    ];
    let calls = Arc::new(AtomicUsize::new(0));

    let items: Vec<u32> = paginate(100, |_, offset| {
        let calls = calls.clone();
        let page = pages
            .get(offset as usize / 100)
            .cloned()
            .unwrap_or_default();
        async move {
            calls.fetch_add(1, Ordering::SeqCst);
            Ok(page)
        }
    })
    .try_collect()
    .await
    .unwrap();

    assert_eq!(items, (0..130).collect::<Vec<_>>());
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}
