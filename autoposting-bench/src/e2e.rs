//! Rows 3 and 4: `get_agent_run` end to end against the local server, through the
//! macro-generated method, the same call written by hand with reqwest, and the
//! progenitor-generated client, interleaved round by round in one process.

use std::sync::Arc;
use std::time::Duration;

use autoposting_client::Client;
use autoposting_client::agents::{AgentRun, Agents};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::header::{ACCEPT, AUTHORIZATION, HeaderMap, HeaderValue};
use serde::Deserialize;

use crate::measure::{self, Sample};

const API_KEY: &str = "sk-social-bench";
const AGENT_ID: &str = "agent_01HXYZ";
const RUN_ID: &str = "run_01HXYZ";
/// `tokensUsed` of the documented example: every call checks it decoded.
const TOKENS: u64 = 850;

/// The reqwest settings `autoposting_client::ClientBuilder` uses by default, for the
/// hand-written and progenitor variants.
fn reqwest_builder() -> reqwest::ClientBuilder {
    reqwest::Client::builder()
        .user_agent(concat!("autoposting-rust/", env!("CARGO_PKG_VERSION")))
        .timeout(autoposting_client::DEFAULT_TIMEOUT)
        .connect_timeout(autoposting_client::DEFAULT_CONNECT_TIMEOUT)
        // `ClientBuilder`'s default idle timeout (4 s).
        .pool_idle_timeout(Duration::from_secs(4))
        .redirect(reqwest::redirect::Policy::none())
}

/// The path segment encode set a careful hand-written client uses (RFC 3986 unreserved
/// characters stay, everything else is escaped), as the runtime does.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// `get_agent_run` written by hand: same headers as the generated method (auth, Accept),
/// status check, envelope decoded in one pass from the body bytes.
pub struct Hand {
    http: reqwest::Client,
    base_url: String,
    auth: HeaderValue,
}

#[derive(Deserialize)]
struct Envelope<T> {
    success: bool,
    data: Option<T>,
}

impl Hand {
    fn new(base_url: &str) -> Hand {
        let mut auth = HeaderValue::from_str(&format!("Bearer {API_KEY}")).expect("ASCII");
        auth.set_sensitive(true);
        Hand {
            http: reqwest_builder().build().expect("a reqwest client"),
            base_url: base_url.to_owned(),
            auth,
        }
    }

    /// `GET /agents/{agent_id}/runs/{run_id}`.
    pub async fn get_agent_run(&self, agent_id: &str, run_id: &str) -> Result<AgentRun, String> {
        let url = format!(
            "{}/agents/{}/runs/{}",
            self.base_url,
            utf8_percent_encode(agent_id, SEGMENT),
            utf8_percent_encode(run_id, SEGMENT)
        );
        let response = self
            .http
            .get(url)
            .header(AUTHORIZATION, self.auth.clone())
            .header(ACCEPT, HeaderValue::from_static("application/json"))
            .send()
            .await
            .map_err(|e| e.to_string())?;
        let status = response.status();
        let body = response.bytes().await.map_err(|e| e.to_string())?;
        if !status.is_success() {
            return Err(format!("HTTP {status}"));
        }
        let envelope: Envelope<AgentRun> =
            serde_json::from_slice(&body).map_err(|e| e.to_string())?;
        match envelope {
            Envelope {
                success: true,
                data: Some(data),
            } => Ok(data),
            _ => Err("an error envelope".into()),
        }
    }
}

/// The three clients, one connection pool each, all with the same reqwest settings.
struct Clients {
    ours: Client,
    hand: Hand,
    progenitor: crate::generated::Client,
}

impl Clients {
    fn new(base_url: &str) -> Arc<Clients> {
        let ours = Client::builder()
            .base_url(base_url)
            .api_key(API_KEY)
            .build()
            .expect("our client");
        // progenitor leaves authentication to the reqwest client: a default header.
        let mut headers = HeaderMap::new();
        let mut auth = HeaderValue::from_str(&format!("Bearer {API_KEY}")).expect("ASCII");
        auth.set_sensitive(true);
        headers.insert(AUTHORIZATION, auth);
        let progenitor_http = reqwest_builder()
            .default_headers(headers)
            .build()
            .expect("a reqwest client");
        Arc::new(Clients {
            ours,
            hand: Hand::new(base_url),
            progenitor: crate::generated::Client::new_with_client(base_url, progenitor_http),
        })
    }

    async fn call(&self, variant: usize) {
        let tokens = match variant {
            0 => {
                self.ours
                    .get_agent_run(AGENT_ID, RUN_ID)
                    .await
                    .expect("the macro-generated call succeeds")
                    .tokens_used
            }
            1 => {
                self.hand
                    .get_agent_run(AGENT_ID, RUN_ID)
                    .await
                    .expect("the hand-written call succeeds")
                    .tokens_used
            }
            _ => {
                let response = self
                    .progenitor
                    .get_agent_run(AGENT_ID, RUN_ID)
                    .await
                    .expect("the progenitor call succeeds")
                    .into_inner();
                response.data.and_then(|run| run.tokens_used).expect("data") as u64
            }
        };
        assert_eq!(tokens, TOKENS);
    }
}

/// Ratios of ours against one other variant.
#[derive(Debug, Clone, Copy)]
pub struct Versus {
    /// Our throughput ÷ theirs (> 1: we are faster).
    pub throughput: measure::Estimate,
    /// Our client CPU time per request ÷ theirs (< 1: we use less).
    pub cpu: measure::Estimate,
}

/// One concurrency level's results.
#[derive(Debug, Clone, Copy)]
pub struct Concurrency {
    /// Requests in flight.
    pub in_flight: usize,
    /// Against the hand-written reqwest call.
    pub vs_hand: Versus,
    /// Against the progenitor client.
    pub vs_progenitor: Versus,
    /// Our requests per second (median round), for the record.
    pub ours_per_s: f64,
    /// Our client CPU microseconds per request (median round), for the record.
    pub ours_cpu_us: f64,
}

/// Runs `requests` calls of `variant` with `in_flight` tasks, each making its share in turn.
fn batch(
    runtime: &tokio::runtime::Runtime,
    clients: &Arc<Clients>,
    variant: usize,
    requests: usize,
    in_flight: usize,
) -> Sample {
    // Let the previous batch's leftovers (connection tasks finishing their responses on
    // this one-thread runtime) run first, so that they are not charged to this batch.
    runtime.block_on(async { tokio::time::sleep(Duration::from_millis(20)).await });
    measure::sample(|| {
        runtime.block_on(async {
            if in_flight == 1 {
                for _ in 0..requests {
                    clients.call(variant).await;
                }
                return;
            }
            let tasks: Vec<_> = (0..in_flight)
                .map(|task| {
                    let clients = clients.clone();
                    let share = requests / in_flight + usize::from(task < requests % in_flight);
                    tokio::spawn(async move {
                        for _ in 0..share {
                            clients.call(variant).await;
                        }
                    })
                })
                .collect();
            for task in tasks {
                task.await.expect("a benchmark task");
            }
        })
    })
    .0
}

/// Measures sequential calls and `in_flight` concurrent calls, `rounds` rounds of
/// `requests` calls per variant each.
pub fn run(base_url: &str, levels: &[(usize, usize)], rounds: usize) -> Vec<Concurrency> {
    // One thread: the client's CPU time is then its own work, not the work-stealing
    // scheduler's spinning and waking, which varies from batch to batch far more than the
    // difference being measured.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let clients = Clients::new(base_url);
    let mut results = Vec::new();
    for &(in_flight, requests) in levels {
        // Warm-up: open every connection the level needs, fill caches.
        for variant in 0..3 {
            batch(
                &runtime,
                &clients,
                variant,
                in_flight.max(64) * 2,
                in_flight,
            );
        }
        let mut variants: Vec<Box<dyn FnMut() -> Sample>> = (0..3)
            .map(|variant| {
                let clients = clients.clone();
                let runtime = &runtime;
                Box::new(move || batch(runtime, &clients, variant, requests, in_flight))
                    as Box<dyn FnMut() -> Sample>
            })
            .collect();
        let mut refs: Vec<&mut dyn FnMut() -> Sample> =
            variants.iter_mut().map(|v| &mut **v as _).collect();
        let samples = measure::interleave(rounds, &mut refs);
        if std::env::var_os("BENCH_DEBUG").is_some() {
            for (v, variant) in samples.iter().enumerate() {
                let per: Vec<String> = variant
                    .iter()
                    .map(|s| format!("{:.1}", s.cpu.as_secs_f64() * 1e6 / requests as f64))
                    .collect();
                eprintln!(
                    "{in_flight} in flight, variant {v}: {} µs CPU/request",
                    per.join(" ")
                );
            }
        }
        let versus = |other: usize| Versus {
            throughput: measure::ratio(&samples[0], &samples[other], |ours, theirs| {
                theirs.wall.as_secs_f64() / ours.wall.as_secs_f64()
            }),
            cpu: measure::ratio(&samples[0], &samples[other], |ours, theirs| {
                ours.cpu.as_secs_f64() / theirs.cpu.as_secs_f64()
            }),
        };
        results.push(Concurrency {
            in_flight,
            vs_hand: versus(1),
            vs_progenitor: versus(2),
            ours_per_s: measure::median(
                samples[0]
                    .iter()
                    .map(|s| requests as f64 / s.wall.as_secs_f64())
                    .collect(),
            ),
            ours_cpu_us: measure::median(
                samples[0]
                    .iter()
                    .map(|s| s.cpu.as_secs_f64() * 1e6 / requests as f64)
                    .collect(),
            ),
        });
    }
    results
}

/// Runs `requests` calls of one variant only, `in_flight` at a time, for a profiler.
pub fn profile(base_url: &str, variant: usize, requests: usize, in_flight: usize) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let clients = Clients::new(base_url);
    batch(&runtime, &clients, variant, requests, in_flight);
}

/// Instructions per request of each variant (ours, hand-written, progenitor) at `in_flight`,
/// counted by callgrind: deterministic where CPU time on a shared machine is not. `None`
/// if valgrind is not installed. The count is the difference between runs of `requests`
/// and `2 × requests` calls, divided by `requests`, so start-up cancels out.
pub fn instructions(base_url: &str, in_flight: usize, requests: usize) -> Option<[f64; 3]> {
    let exe = std::env::current_exe().ok()?;
    let count = |variant: usize, calls: usize| {
        measure::callgrind(
            &exe,
            &[
                "__profile",
                &variant.to_string(),
                &calls.to_string(),
                base_url,
                &in_flight.to_string(),
            ],
        )
    };
    let mut result = [0.0; 3];
    for (variant, slot) in result.iter_mut().enumerate() {
        *slot = (count(variant, 2 * requests)? - count(variant, requests)?) / requests as f64;
    }
    Some(result)
}
