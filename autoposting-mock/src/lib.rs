//! A small Autoposting-compatible server on 127.0.0.1, for examples and tests.
//!
//! It checks the API key the way the API does (`Authorization: Bearer …` or `x-api-key: …`)
//! and serves agent runs in the documented shapes and error envelopes:
//!
//! | request | answer |
//! | --- | --- |
//! | `GET /health` | `{"success": true}`, no auth needed |
//! | `GET /agents/{agentId}/runs/{runId}` | the run, or 404 `not_found` |
//! | `GET /agents/{agentId}/runs?limit&offset` | `{"runs": […], "total": n}`; `limit` ≤ 100, default 50 |
//! | anything else | 404 `not_found` |
//! | any authenticated route without a valid key | 401 `unauthorized`, `Authentication required.` |
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! let server = autoposting_mock::MockServer::start().await?;
//! println!("{} accepts {}", server.base_url(), server.api_key());
//! # Ok(()) }
//! ```

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};
use tokio::sync::oneshot;

/// The API key a server started with [`MockServer::start`] accepts.
pub const DEFAULT_API_KEY: &str = "sk-social-mock-0123456789";

/// A running mock server; it stops when dropped.
#[derive(Debug)]
pub struct MockServer {
    addr: SocketAddr,
    api_key: String,
    shutdown: Option<oneshot::Sender<()>>,
}

impl MockServer {
    /// Starts a server on an ephemeral port of 127.0.0.1 that accepts [`DEFAULT_API_KEY`].
    ///
    /// # Errors
    /// If no loopback port can be bound.
    pub async fn start() -> std::io::Result<MockServer> {
        Self::start_with_key(DEFAULT_API_KEY, 0).await
    }

    /// Starts a server on `port` of 127.0.0.1 (0 for any free port) that accepts `api_key`.
    ///
    /// # Errors
    /// If the port cannot be bound.
    pub async fn start_with_key(api_key: &str, port: u16) -> std::io::Result<MockServer> {
        let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, port)).await?;
        let addr = listener.local_addr()?;
        let (shutdown, stopped) = oneshot::channel::<()>();
        let app = router(api_key);
        tokio::spawn(async move {
            let serve = axum::serve(listener, app).with_graceful_shutdown(async {
                let _ = stopped.await;
            });
            if let Err(error) = serve.await {
                eprintln!("autoposting-mock stopped: {error}");
            }
        });
        Ok(MockServer {
            addr,
            api_key: api_key.to_owned(),
            shutdown: Some(shutdown),
        })
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL to give a client: `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The API key the server accepts.
    pub fn api_key(&self) -> &str {
        &self.api_key
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

/// The server's routes, for embedding in another axum application or test.
pub fn router(api_key: &str) -> Router {
    let state = Arc::new(AppState {
        api_key: api_key.to_owned(),
        runs: seed_runs(),
    });
    let authenticated = Router::new()
        .route("/agents/{agent_id}/runs", get(list_runs))
        .route("/agents/{agent_id}/runs/{run_id}", get(get_run))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(state.clone(), require_key));
    Router::new()
        .route("/health", get(health))
        .merge(authenticated)
        .with_state(state)
}

struct AppState {
    api_key: String,
    runs: Vec<Value>,
}

/// The documented example run first, then one of each other status.
fn seed_runs() -> Vec<Value> {
    vec![
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
    ]
}

fn error(status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        Json(json!({"success": false, "error": code, "message": message})),
    )
        .into_response()
}

fn data(value: Value) -> Response {
    Json(json!({"success": true, "data": value})).into_response()
}

async fn require_key(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    request: Request,
    next: Next,
) -> Response {
    let presented = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .or_else(|| headers.get("x-api-key").and_then(|v| v.to_str().ok()));
    if presented != Some(state.api_key.as_str()) {
        return error(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "Authentication required.",
        );
    }
    next.run(request).await
}

async fn health() -> Response {
    Json(json!({"success": true})).into_response()
}

async fn get_run(
    State(state): State<Arc<AppState>>,
    Path((agent_id, run_id)): Path<(String, String)>,
) -> Response {
    state
        .runs
        .iter()
        .find(|run| run["agentId"] == agent_id.as_str() && run["id"] == run_id.as_str())
        .map(|run| data(run.clone()))
        .unwrap_or_else(|| error(StatusCode::NOT_FOUND, "not_found", "Run not found."))
}

#[derive(serde::Deserialize)]
struct Page {
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn list_runs(
    State(state): State<Arc<AppState>>,
    Path(agent_id): Path<String>,
    Query(page): Query<Page>,
) -> Response {
    let limit = page.limit.unwrap_or(50);
    if limit == 0 || limit > 100 {
        return error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "limit must be between 1 and 100.",
        );
    }
    let runs: Vec<&Value> = state
        .runs
        .iter()
        .filter(|run| run["agentId"] == agent_id.as_str())
        .collect();
    let total = runs.len();
    let page: Vec<Value> = runs
        .into_iter()
        .skip(page.offset.unwrap_or(0))
        .take(limit)
        .cloned()
        .collect();
    data(json!({"runs": page, "total": total}))
}

async fn not_found() -> Response {
    error(StatusCode::NOT_FOUND, "not_found", "No such endpoint.")
}
