//! A local Autoposting: every operation of the API, with state, on 127.0.0.1, for testing
//! code built on `autoposting-client` without the real service, its credits or its side
//! effects.
//!
//! - **All operations** of the API contract, at their methods and paths, answering in the
//!   documented envelopes and shapes, written from the contract (not from the client's models).
//! - **State with the documented rules**: brands by unique slug (409 on a duplicate); posts
//!   through `draft → scheduled → validating → publishing → published | partial | failed`, with
//!   per-platform outcomes (`platformResults`: a platform the brand has connected succeeds,
//!   another fails), `retry` re-sending only failed platforms, and platform text limits as 400s;
//!   agent runs `queued → running → completed` (or `failed`) writing posts and counting tokens;
//!   API keys with scopes (403 outside them); knowledge bases `building → active`; clips through
//!   the multipart upload, with presigned part URLs served by this server; credits and usage
//!   that move as work is done.
//! - **Webhooks really delivered**: signed POSTs to the registered URL (see [`signature`]),
//!   retried on failure on a compressed schedule.
//! - **Time**: the real clock, or a manual one moved by [`MockServer::advance`].
//! - **Faults** per route ([`Fault`]), from [`MockServer::add_fault`] or `POST /__admin/faults`.
//! - **Inspection**: [`MockServer::requests`] (keys redacted), [`MockServer::posts`] and the
//!   other state accessors.
//!
//! Auth is as documented: `Authorization: Bearer …` or `x-api-key: …`, otherwise 401
//! `{"success": false, "error": "unauthorized", "message": "Authentication required."}`.
//! Lists page as documented (`limit` 1–100, default 50, `offset`; clips by `page`).
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! use std::time::Duration;
//! use autoposting_mock::{MockServer, Seed};
//!
//! let server = MockServer::builder().seed(Seed::Empty).manual_clock().start().await?;
//! println!("{} accepts {}", server.base_url(), server.api_key());
//! // … the code under test creates a brand and schedules a post for tomorrow …
//! server.advance(Duration::from_secs(24 * 3600)).await;
//! for post in server.posts() {
//!     assert_eq!(post["status"], "published");
//! }
//! # Ok(()) }
//! ```

use std::collections::HashSet;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware;
use chrono::{DateTime, Utc};
use serde_json::Value;
use tokio::sync::watch;

mod admin;
mod auth;
mod clock;
mod delivery;
mod envelope;
mod faults;
mod persist;
mod routes;
mod seed;
mod server;
mod state;

pub use crate::delivery::signature;
pub use crate::faults::{Fault, FaultRule};
pub use crate::seed::Seed;
pub use crate::server::{RateLimit, RecordedRequest};
pub use crate::state::DeliveryAttempt;

use crate::server::{App, Config, Inner, MockListener, Peer};
use crate::state::public;

/// The API key a server accepts unless told otherwise.
pub const DEFAULT_API_KEY: &str = "sk-social-mock-0123456789";

/// A running local Autoposting; it stops when dropped.
pub struct MockServer {
    addr: SocketAddr,
    api_key: String,
    app: App,
    shutdown: watch::Sender<bool>,
}

impl std::fmt::Debug for MockServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockServer")
            .field("addr", &self.addr)
            .field("api_key", &"[redacted]")
            .finish_non_exhaustive()
    }
}

/// Configures a [`MockServer`]; from [`MockServer::builder`].
#[derive(Debug, Clone)]
pub struct MockServerBuilder {
    keys: Vec<String>,
    port: u16,
    seed: Seed,
    manual_start: Option<DateTime<Utc>>,
    manual: bool,
    step: Duration,
    rate_limit: Option<RateLimit>,
    max_body: usize,
    max_object: usize,
    max_upload: usize,
    min_part_size: usize,
    webhook_retries: Vec<Duration>,
    webhook_timeout: Duration,
    faults: Vec<FaultRule>,
    state_file: Option<PathBuf>,
}

impl Default for MockServerBuilder {
    fn default() -> Self {
        MockServerBuilder {
            keys: Vec::new(),
            port: 0,
            seed: Seed::Example,
            manual_start: None,
            manual: false,
            step: Duration::from_millis(100),
            rate_limit: None,
            max_body: 1024 * 1024,
            max_object: 64 * 1024 * 1024,
            max_upload: 20 * 1024 * 1024,
            min_part_size: 5 * 1024 * 1024,
            webhook_retries: [50, 100, 200, 400, 800].map(Duration::from_millis).to_vec(),
            webhook_timeout: Duration::from_secs(5),
            faults: Vec::new(),
            state_file: None,
        }
    }
}

impl MockServerBuilder {
    /// A key the server accepts with every right; call again to accept several. Without
    /// any, [`DEFAULT_API_KEY`]. The first is [`MockServer::api_key`].
    #[must_use]
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.keys.push(key.into());
        self
    }

    /// The loopback port (0, the default, for any free port).
    #[must_use]
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// The starting data (default [`Seed::Example`]); ignored when a
    /// [`state_file`](Self::state_file) already exists.
    #[must_use]
    pub fn seed(mut self, seed: Seed) -> Self {
        self.seed = seed;
        self
    }

    /// A manual clock, stopped at the moment the server starts; move it with
    /// [`MockServer::advance`].
    #[must_use]
    pub fn manual_clock(mut self) -> Self {
        self.manual = true;
        self
    }

    /// A manual clock stopped at `start`.
    #[must_use]
    pub fn manual_clock_at(mut self, start: DateTime<Utc>) -> Self {
        self.manual = true;
        self.manual_start = Some(start);
        self
    }

    /// How long each processing stage takes on the server's clock (a post validating, then
    /// publishing; a run queued, then running; a knowledge base building…). Default 100 ms;
    /// `Duration::ZERO` makes everything finish on the next request.
    #[must_use]
    pub fn processing_time(mut self, step: Duration) -> Self {
        self.step = step;
        self
    }

    /// Turns rate limiting on: `limit` requests per `window` per credential, then 429 with
    /// `Retry-After` and `X-RateLimit-Limit`, `-Remaining`, `-Reset`. Off by default.
    #[must_use]
    pub fn rate_limit(mut self, limit: u32, window: Duration) -> Self {
        self.rate_limit = Some(RateLimit { limit, window });
        self
    }

    /// The largest JSON request body an API operation accepts, in bytes (default 1 MiB).
    ///
    /// A larger body is answered `413` `payload_too_large` in the documented error envelope
    /// (the message names the limit in bytes), as soon as its `Content-Length` or the bytes
    /// received so far (a chunked body) pass the limit, with `Connection: close`. The rest of
    /// the body is read and thrown away (up to 64 MiB, within 10 s), so that a client still
    /// sending it reads the 413 rather than a connection reset. The uploads have their own
    /// limits: [`max_upload_size`](Self::max_upload_size) and
    /// [`max_part_size`](Self::max_part_size).
    #[must_use]
    pub fn max_body_size(mut self, bytes: usize) -> Self {
        self.max_body = bytes;
        self
    }

    /// The largest file accepted by the multipart uploads `POST /media/upload` and
    /// `POST /carousels/{carouselId}/assets`, in bytes (default 20 MiB, the documented
    /// ≤ 20 MB). A request body larger than this plus 16 KiB for the form's framing gets 413
    /// as for [`max_body_size`](Self::max_body_size), before it is read; a file over the
    /// limit in a smaller body gets the same 413 from `POST /media/upload`.
    #[must_use]
    pub fn max_upload_size(mut self, bytes: usize) -> Self {
        self.max_upload = bytes;
        self
    }

    /// The largest object one `PUT` to a presigned storage URL (a clip upload part, a media
    /// or document file) may carry, in bytes (default 64 MiB); larger get 413 as for
    /// [`max_body_size`](Self::max_body_size).
    #[must_use]
    pub fn max_part_size(mut self, bytes: usize) -> Self {
        self.max_object = bytes;
        self
    }

    /// The smallest size, in bytes, of every clip upload part but the last (default 5 MiB,
    /// as S3 and R2 require).
    #[must_use]
    pub fn min_part_size(mut self, bytes: usize) -> Self {
        self.min_part_size = bytes;
        self
    }

    /// The waits between webhook delivery attempts (default 50, 100, 200, 400, 800 ms: the
    /// documented 5 min → 10 h schedule, compressed). After the last, the delivery is given up.
    #[must_use]
    pub fn webhook_retries(mut self, waits: Vec<Duration>) -> Self {
        self.webhook_retries = waits;
        self
    }

    /// A fault in place from the first request.
    #[must_use]
    pub fn fault(mut self, rule: FaultRule) -> Self {
        self.faults.push(rule);
        self
    }

    /// Keeps the state in `path`: loaded at start if it exists, rewritten atomically after
    /// every change.
    #[must_use]
    pub fn state_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.state_file = Some(path.into());
        self
    }

    /// Starts the server.
    ///
    /// # Errors
    /// If the port cannot be bound, or the state file exists but cannot be read.
    pub async fn start(self) -> std::io::Result<MockServer> {
        let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, self.port)).await?;
        let addr = listener.local_addr()?;
        let keys = if self.keys.is_empty() {
            vec![DEFAULT_API_KEY.to_owned()]
        } else {
            self.keys
        };
        let clock = if self.manual {
            clock::Clock::manual(
                self.manual_start
                    .unwrap_or_else(|| chrono::SubsecRound::trunc_subsecs(Utc::now(), 0)),
            )
        } else {
            clock::Clock::real()
        };
        let store = match &self.state_file {
            Some(path) => persist::load(path)?,
            None => None,
        }
        .unwrap_or_else(|| seed::store(self.seed, clock.now()));
        let (shutdown, stopped) = watch::channel(false);
        let kills = Arc::new(Mutex::new(HashSet::new()));
        let app = App(Arc::new(Inner {
            store: Mutex::new(store),
            clock,
            config: Config {
                root_keys: keys.clone(),
                step: self.step,
                rate_limit: self.rate_limit,
                max_body: self.max_body,
                max_object: self.max_object,
                max_upload: self.max_upload,
                min_part_size: self.min_part_size,
                webhook_retries: self.webhook_retries,
                webhook_timeout: self.webhook_timeout,
                state_file: self.state_file,
            },
            base_url: format!("http://{addr}"),
            faults: Mutex::new(self.faults),
            log: Mutex::new(Vec::new()),
            kills: kills.clone(),
            windows: Mutex::new(std::collections::HashMap::new()),
            http: std::sync::OnceLock::new(),
            wake: tokio::sync::Notify::new(),
            shutdown: stopped.clone(),
        }));
        let router: Router = routes()
            .layer(middleware::from_fn_with_state(app.clone(), server::gate))
            .layer(middleware::from_fn(server::envelope_errors))
            .layer(DefaultBodyLimit::disable())
            .with_state(app.clone());
        let listener = MockListener {
            inner: listener,
            kills,
        };
        let mut until = stopped.clone();
        tokio::spawn(async move {
            let serve = axum::serve(
                listener,
                router.into_make_service_with_connect_info::<Peer>(),
            )
            .with_graceful_shutdown(async move {
                let _ = until.changed().await;
            });
            if let Err(error) = serve.await {
                eprintln!("autoposting-mock stopped: {error}");
            }
        });
        tokio::spawn(delivery::run(app.clone()));
        Ok(MockServer {
            addr,
            api_key: keys[0].clone(),
            app,
            shutdown,
        })
    }
}

/// The API's and the admin's routes, built once per process (building the router of every
/// operation is most of what a start-up would cost otherwise) and cloned for each server.
fn routes() -> Router<App> {
    static ROUTES: std::sync::OnceLock<Router<App>> = std::sync::OnceLock::new();
    ROUTES
        .get_or_init(|| routes::api().merge(admin::routes()))
        .clone()
}

impl MockServer {
    /// Starts a server on an ephemeral port of 127.0.0.1 that accepts [`DEFAULT_API_KEY`],
    /// with the [`Seed::Example`] data and the real clock.
    ///
    /// # Errors
    /// If no loopback port can be bound.
    pub async fn start() -> std::io::Result<MockServer> {
        MockServer::builder().start().await
    }

    /// Starts a server on `port` of 127.0.0.1 (0 for any free port) that accepts `api_key`.
    ///
    /// # Errors
    /// If the port cannot be bound.
    pub async fn start_with_key(api_key: &str, port: u16) -> std::io::Result<MockServer> {
        MockServer::builder()
            .api_key(api_key)
            .port(port)
            .start()
            .await
    }

    /// A builder for keys, seed data, clock, rate limit, faults and the state file.
    pub fn builder() -> MockServerBuilder {
        MockServerBuilder::default()
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL to give a client: `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The (first) API key the server accepts with every right.
    pub fn api_key(&self) -> &str {
        &self.api_key
    }

    /// The server's current time.
    pub fn now(&self) -> DateTime<Utc> {
        self.app.now()
    }

    /// Moves a manual clock forward by `by`, does everything that falls due (scheduled posts
    /// publish, runs finish, …) and makes the first attempt of every webhook delivery that
    /// causes, before returning. Failed deliveries are retried in the background.
    ///
    /// Returns `false`, doing nothing, on a server with the real clock.
    pub async fn advance(&self, by: Duration) -> bool {
        if !self.app.0.clock.advance(by) {
            return false;
        }
        drop(self.app.store());
        delivery::deliver_due(&self.app).await;
        self.app.changed();
        true
    }

    /// Sends every webhook delivery that is due now and waits for the receivers' answers.
    pub async fn flush_webhooks(&self) {
        drop(self.app.store());
        delivery::deliver_due(&self.app).await;
    }

    /// Scripts a fault for the next requests matching its route.
    pub fn add_fault(&self, rule: FaultRule) {
        self.app.faults().push(rule);
    }

    /// Removes every scripted fault.
    pub fn clear_faults(&self) {
        self.app.faults().clear();
    }

    /// Every request received so far (admin requests excepted), oldest first, with
    /// credentials and secrets redacted.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.app.log().clone()
    }

    /// Every webhook delivery attempt so far, oldest first.
    pub fn webhook_deliveries(&self) -> Vec<DeliveryAttempt> {
        self.app.raw_store().attempts.clone()
    }

    fn collection(&self, pick: impl Fn(&state::Store) -> &Vec<Value>) -> Vec<Value> {
        let store = self.app.store();
        pick(&store).iter().map(public).collect()
    }

    /// The posts, as `GET /posts/{postId}` shows them, in creation order.
    pub fn posts(&self) -> Vec<Value> {
        self.collection(|s| &s.posts)
    }

    /// The brands, as `GET /brands/{brandSlug}` shows them.
    pub fn brands(&self) -> Vec<Value> {
        self.collection(|s| &s.brands)
    }

    /// The agents.
    pub fn agents(&self) -> Vec<Value> {
        self.collection(|s| &s.agents)
    }

    /// Every agent run, as `GET /agents/{agentId}/runs/{runId}` shows them.
    pub fn runs(&self) -> Vec<Value> {
        self.collection(|s| &s.runs)
    }

    /// The webhooks (without their secrets).
    pub fn webhooks(&self) -> Vec<Value> {
        self.collection(|s| &s.webhooks)
    }

    /// The clips.
    pub fn clips(&self) -> Vec<Value> {
        self.collection(|s| &s.clips)
    }

    /// The knowledge bases.
    pub fn knowledge_bases(&self) -> Vec<Value> {
        self.collection(|s| &s.kbs)
    }

    /// The carousels.
    pub fn carousels(&self) -> Vec<Value> {
        self.collection(|s| &s.carousels)
    }

    /// The notifications, newest first.
    pub fn notifications(&self) -> Vec<Value> {
        self.collection(|s| &s.notifications)
    }

    /// The credit balance.
    pub fn credit_balance(&self) -> i64 {
        self.app.store().credits.balance
    }

    /// Sets the credit balance (e.g. to 0, to test a caller's handling of 402).
    pub fn set_credit_balance(&self, balance: i64) {
        self.app.store().credits.balance = balance;
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
    }
}
