//! `pagination` walks paged lists lazily against servers on 127.0.0.1: offset lists
//! (`list_agent_runs`) and page-numbered ones (`list_clips`), servers that cap the page size,
//! and servers that ignore the position or whose list shifts under the walk.
//!
//! Long because each kind of server misbehaviour has its own short test.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use autoposting_client::agents::{AgentRunListItem, Agents};
use autoposting_client::clips::{Clip, Clips};
use autoposting_client::pagination::{paginate, paginate_pages, walk};
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

/// How a test server pages its list, and what it says about it.
#[derive(Clone, Copy)]
struct Paging {
    /// How many items the list holds.
    total: usize,
    /// The most items the server serves a page, whatever `limit` asks.
    cap: usize,
    /// Whether the answer states `total` (`pagination.total` and `totalPages` for pages).
    says_total: bool,
    /// Whether the answer states the `limit` it applied.
    says_limit: bool,
    /// Whether the answer states the `offset` it served (offset lists only).
    says_offset: bool,
    /// Serve the first page whatever the position asked for.
    ignores_position: bool,
    /// Add this many items to the list after the first request.
    grows_by: usize,
    /// Page by `page` number and answer in the clips' shape, not by `offset`.
    by_page: bool,
}

impl Paging {
    fn offsets(total: usize, cap: usize) -> Self {
        Paging {
            total,
            cap,
            says_total: true,
            says_limit: true,
            says_offset: true,
            ignores_position: false,
            grows_by: 0,
            by_page: false,
        }
    }

    fn pages(total: usize, cap: usize) -> Self {
        Paging {
            by_page: true,
            says_offset: false,
            ..Paging::offsets(total, cap)
        }
    }
}

struct PagedServer {
    paging: Paging,
    calls: Arc<AtomicUsize>,
}

impl Respond for PagedServer {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let p = self.paging;
        let call = self.calls.fetch_add(1, Ordering::SeqCst);
        let total = if call == 0 {
            p.total
        } else {
            p.total + p.grows_by
        };
        let param = |name: &str| {
            request
                .url
                .query_pairs()
                .find(|(k, _)| k == name)
                .and_then(|(_, v)| v.parse::<usize>().ok())
        };
        let limit = param("limit").unwrap_or(50).min(p.cap);
        let page = param("page").unwrap_or(1).max(1);
        let mut offset = if p.by_page {
            (page - 1) * limit
        } else {
            param("offset").unwrap_or(0)
        };
        if p.ignores_position {
            offset = 0;
        }
        let end = total.min(offset + limit);
        let data = if p.by_page {
            let clips: Vec<_> = (offset..end)
                .map(|i| json!({"id": format!("clip_{i:03}"), "status": "ready", "createdAt": "2024-01-01T00:00:00Z"}))
                .collect();
            let mut pagination = json!({"page": if p.ignores_position { 1 } else { page }});
            if p.says_limit {
                pagination["limit"] = json!(limit);
            }
            if p.says_total {
                pagination["total"] = json!(total);
                pagination["totalPages"] = json!(total.div_ceil(limit));
            }
            json!({"clips": clips, "pagination": pagination})
        } else {
            let items: Vec<_> = (offset..end)
                .map(|i| json!({"id": format!("run_{i:03}"), "agentId": "agent_1", "status": "completed"}))
                .collect();
            let mut data = json!({"items": items});
            if p.says_total {
                data["total"] = json!(total);
            }
            if p.says_limit {
                data["limit"] = json!(limit);
            }
            if p.says_offset {
                data["offset"] = json!(offset);
            }
            data
        };
        ResponseTemplate::new(200).set_body_json(json!({"success": true, "data": data}))
    }
}

async fn serve_paged(paging: Paging) -> (MockServer, Client, Arc<AtomicUsize>) {
    let server = MockServer::start().await;
    let calls = Arc::new(AtomicUsize::new(0));
    Mock::given(wiremock::matchers::any())
        .respond_with(PagedServer {
            paging,
            calls: calls.clone(),
        })
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .retry_policy(RetryPolicy::never())
        .build()
        .unwrap();
    (server, client, calls)
}

/// Walks `agent_1`'s runs in pages of `page_size`, keeping every item and error.
async fn walk_runs(client: &Client, page_size: u32) -> Vec<Result<AgentRunListItem>> {
    paginate(page_size, |limit, offset| {
        let client = client.clone();
        async move {
            client
                .list_agent_runs("agent_1", Some(limit), Some(offset))
                .await
        }
    })
    .collect()
    .await
}

/// Walks the clips in pages of `page_size`, keeping every item and error.
async fn walk_clips(client: &Client, page_size: u32) -> Vec<Result<Clip>> {
    paginate_pages(page_size, |page, limit| {
        let client = client.clone();
        async move { client.list_clips(Some(page), Some(limit)).await }
    })
    .collect()
    .await
}

fn ids<T>(results: &[Result<T>], id: impl Fn(&T) -> &str) -> Vec<String> {
    results
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .map(|item| id(item).to_owned())
        .collect()
}

fn expected_ids(prefix: &str, count: usize) -> Vec<String> {
    (0..count).map(|i| format!("{prefix}_{i:03}")).collect()
}

async fn queries(server: &MockServer) -> Vec<String> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| r.url.query().unwrap_or("").to_owned())
        .collect()
}

#[tokio::test]
async fn a_server_capping_pages_at_50_is_walked_to_all_120_runs() {
    let (server, client, calls) = serve_paged(Paging::offsets(120, 50)).await;

    let results = walk_runs(&client, 100).await;

    assert!(results.iter().all(Result::is_ok));
    assert_eq!(ids(&results, |r| &r.id), expected_ids("run", 120));
    assert_eq!(calls.load(Ordering::SeqCst), 3);
    assert_eq!(
        queries(&server).await,
        [
            "limit=100&offset=0",
            "limit=100&offset=50",
            "limit=100&offset=100"
        ],
        "the offset advances by what was received"
    );
}

/// What a capped page (50 of the 100 asked for) says of itself, and what the walk makes of
/// it: it ends early only when nothing the server said shows that more remain.
#[tokio::test]
async fn a_capped_page_ends_the_walk_only_if_nothing_says_more_remain() {
    // (says `total`, says its own `limit`, runs walked, requests made, why)
    let cases = [
        (true, false, 120, 3, "the total says 70 remain"),
        // 50 + 50 + 20: the page of 20 is short of the server's own limit of 50.
        (false, true, 120, 3, "a full page of the server's own limit"),
        (
            false,
            false,
            50,
            1,
            "nothing shows more remain after 50 of 100",
        ),
    ];
    for (says_total, says_limit, runs, requests, why) in cases {
        let paging = Paging {
            says_total,
            says_limit,
            says_offset: false,
            ..Paging::offsets(120, 50)
        };
        let (_server, client, calls) = serve_paged(paging).await;

        let results = walk_runs(&client, 100).await;

        assert_eq!(ids(&results, |r| &r.id), expected_ids("run", runs), "{why}");
        assert_eq!(calls.load(Ordering::SeqCst), requests, "{why}");
    }
}

#[tokio::test]
async fn an_empty_page_ends_the_walk_whatever_the_total_says() {
    // The server claims 120 runs but holds 60.
    let (server, client, calls) = serve_paged(Paging::offsets(60, 50)).await;
    let results: Vec<Result<String>> = paginate(50, |limit, offset| {
        let client = client.clone();
        async move {
            let page = client
                .list_agent_runs("agent_1", Some(limit), Some(offset))
                .await?;
            let ids: Vec<String> = page.iter().map(|run| run.id.clone()).collect();
            Ok(List::new(ids).with_total(120))
        }
    })
    .collect()
    .await;

    assert_eq!(results.len(), 60);
    assert!(results.iter().all(Result::is_ok));
    assert_eq!(calls.load(Ordering::SeqCst), 3);
    assert_eq!(
        queries(&server).await,
        [
            "limit=50&offset=0",
            "limit=50&offset=50",
            "limit=50&offset=60"
        ]
    );
}

#[tokio::test]
async fn a_server_ignoring_the_offset_ends_the_walk_with_an_error() {
    let paging = Paging {
        ignores_position: true,
        ..Paging::offsets(120, 50)
    };
    let (_server, client, calls) = serve_paged(paging).await;

    let results = walk_runs(&client, 100).await;

    assert_eq!(results.len(), 51, "50 runs once, then the error");
    assert_eq!(ids(&results, |r| &r.id), expected_ids("run", 50));
    let error = results[50].as_ref().unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Decode);
    assert_eq!(error.operation(), Some("paginate"));
    let text = error.to_string();
    assert!(
        text.contains("offset 50") && text.contains("offset 0"),
        "{text}"
    );
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_server_ignoring_the_offset_silently_is_caught_by_the_repeated_page() {
    // No `offset`, `total` or `limit` in the answer: only the items show the repeat.
    let paging = Paging {
        ignores_position: true,
        says_total: false,
        says_limit: false,
        says_offset: false,
        ..Paging::offsets(500, 100)
    };
    let (_server, client, calls) = serve_paged(paging).await;

    let results = walk_runs(&client, 100).await;

    assert_eq!(results.len(), 101);
    assert_eq!(ids(&results, |r| &r.id), expected_ids("run", 100));
    let error = results[100].as_ref().unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Decode);
    assert!(error.to_string().contains("same item"), "{error}");
    assert_eq!(calls.load(Ordering::SeqCst), 2, "bounded: no third request");
}

#[tokio::test]
async fn a_total_that_changes_during_the_walk_ends_it_with_an_error() {
    let paging = Paging {
        grows_by: 5,
        ..Paging::offsets(120, 50)
    };
    let (_server, client, calls) = serve_paged(paging).await;

    let results = walk_runs(&client, 100).await;

    assert_eq!(results.len(), 51);
    let error = results[50].as_ref().unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Decode);
    let text = error.to_string();
    assert!(text.contains("from 120 to 125"), "{text}");
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn clips_are_walked_by_page_number() {
    let (server, client, calls) = serve_paged(Paging::pages(7, 100)).await;

    let results = walk_clips(&client, 3).await;

    assert!(results.iter().all(Result::is_ok));
    assert_eq!(ids(&results, |c| &c.id), expected_ids("clip", 7));
    assert_eq!(calls.load(Ordering::SeqCst), 3, "stops at totalPages");
    assert_eq!(
        queries(&server).await,
        ["page=1&limit=3", "page=2&limit=3", "page=3&limit=3"]
    );
}

#[tokio::test]
async fn clips_from_a_server_capping_pages_are_walked_to_the_end() {
    let (server, client, _) = serve_paged(Paging::pages(120, 50)).await;

    let results = walk_clips(&client, 100).await;

    assert_eq!(ids(&results, |c| &c.id), expected_ids("clip", 120));
    assert_eq!(
        queries(&server).await,
        ["page=1&limit=100", "page=2&limit=100", "page=3&limit=100"]
    );
}

#[tokio::test]
async fn clips_with_only_a_page_count_stop_at_the_last_page() {
    let (_server, client, calls) = serve_paged(Paging {
        says_limit: false,
        ..Paging::pages(10, 4)
    })
    .await;
    let results = walk_clips(&client, 4).await;
    assert_eq!(ids(&results, |c| &c.id), expected_ids("clip", 10));
    assert_eq!(calls.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn clips_from_a_server_ignoring_the_page_end_with_an_error() {
    let paging = Paging {
        ignores_position: true,
        ..Paging::pages(120, 50)
    };
    let (_server, client, calls) = serve_paged(paging).await;

    let results = walk_clips(&client, 50).await;

    assert_eq!(results.len(), 51);
    let error = results[50].as_ref().unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Decode);
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn walk_gives_both_positions_of_each_page() {
    let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
    let items: Vec<u32> = walk(10, |at| {
        seen.lock().unwrap().push((at.limit, at.offset, at.page));
        // A server capping pages at 4 items, 10 in all, saying nothing else.
        let start = at.offset;
        let page: Vec<u32> = (start..(start + 4).min(10)).collect();
        async move { Ok(List::new(page).with_total(10)) }
    })
    .try_collect()
    .await
    .unwrap();

    assert_eq!(items, (0..10).collect::<Vec<_>>());
    assert_eq!(*seen.lock().unwrap(), [(10, 0, 1), (10, 4, 2), (10, 8, 3)]);
}

#[tokio::test]
async fn a_server_cycling_through_pages_ends_the_walk_with_an_error() {
    // The offset is ignored and the pages alternate: [1, 2], [3, 4], [1, 2], …
    let calls = Arc::new(AtomicUsize::new(0));
    let results: Vec<Result<u32>> = paginate(2, |_, _| {
        let call = calls.fetch_add(1, Ordering::SeqCst);
        let page = if call.is_multiple_of(2) {
            vec![1, 2]
        } else {
            vec![3, 4]
        };
        async move { Ok(List::new(page)) }
    })
    .take(100) // a regression would otherwise walk forever
    .collect()
    .await;

    assert_eq!(results.len(), 5, "{results:?}");
    let items: Vec<u32> = results[..4].iter().map(|r| *r.as_ref().unwrap()).collect();
    assert_eq!(items, [1, 2, 3, 4]);
    let error = results[4].as_ref().unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Decode);
    assert_eq!(error.operation(), Some("paginate"));
    let text = error.to_string();
    assert!(
        text.contains("offset 4") && text.contains("earlier page"),
        "{text}"
    );
    assert_eq!(calls.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn a_server_limit_of_zero_does_not_make_the_walk_endless() {
    // Every page is one new item and says `limit: 0`: a short page, so the walk ends.
    let calls = Arc::new(AtomicUsize::new(0));
    let items: Vec<u32> = paginate(100, |_, offset| {
        calls.fetch_add(1, Ordering::SeqCst);
        let mut list = List::new(vec![offset]);
        list.limit = Some(0);
        async move { Ok(list) }
    })
    .take(100)
    .try_collect()
    .await
    .unwrap();

    assert_eq!(items, [0]);
    assert_eq!(calls.load(Ordering::SeqCst), 1);
}
