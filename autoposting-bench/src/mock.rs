//! Rows 9 and 10: the local Autoposting (`autoposting-mock`).
//!
//! Row 9 times its start-up in this process: `MockServer::start()` and the first answered
//! `get_agent_run` of the documented example run (an absolute time), with the client's build
//! between the two timed apart, as it is the caller's cost rather than the server's.
//!
//! Row 10 measures `get_agent_run` end to end as rows 3-4 do (one client process on one
//! thread, the server in a child process, batches interleaved round by round), with the
//! same macro-generated client against two servers: the local Autoposting (this binary,
//! `__mock`, on a one-thread runtime like the bare server's) and the benchmark's bare hyper
//! server, which answers a fixed body.

use std::io::Read;
use std::sync::Arc;
use std::time::{Duration, Instant};

use autoposting_client::Client;
use autoposting_client::agents::Agents;
use autoposting_mock::MockServer;

use crate::measure::{self, Estimate, Sample};
use crate::server::Server;

const AGENT_ID: &str = "agent_01HXYZ";
const RUN_ID: &str = "run_01HXYZ";
/// `tokensUsed` of the documented example run, which the mock's default seed serves.
const TOKENS: u64 = 850;

fn client(base_url: &str) -> Client {
    Client::builder()
        .base_url(base_url)
        .api_key(autoposting_mock::DEFAULT_API_KEY)
        .build()
        .expect("our client")
}

async fn call(client: &Client) {
    let run = client
        .get_agent_run(AGENT_ID, RUN_ID)
        .await
        .expect("get_agent_run succeeds");
    assert_eq!(run.tokens_used, TOKENS);
}

/// Row 9's result.
#[derive(Debug, Clone, Copy)]
pub struct StartUp {
    /// Milliseconds of the local Autoposting's part of a start-up, over rounds:
    /// `MockServer::start()` plus the first `get_agent_run` from a client already built (its
    /// connection included), i.e. the client's build left out.
    pub first_answer_ms: Estimate,
    /// Milliseconds spent in `MockServer::start()` itself (median round).
    pub start_ms: f64,
    /// Milliseconds building the client (`Client::builder()…build()`, its HTTP and TLS
    /// set-up), between the two (median round): the caller's cost, not the server's.
    pub client_build_ms: f64,
    /// Milliseconds from `MockServer::start()` to the first answer, client build included
    /// (median round), what a user's test sees.
    pub total_ms: f64,
    /// The first round's server part, the first start in this process (cold: lazy statics),
    /// for the record.
    pub cold_ms: f64,
    /// Calls that failed before the first answer, over all rounds (0 expected: the port is
    /// bound when `start` returns).
    pub failed_calls: usize,
}

/// Row 9: `rounds` start-ups of a fresh server and client on a multi-thread runtime (what
/// `#[tokio::main]` builds). Each round times `MockServer::start()`, then the client's
/// build, then the first successful `get_agent_run`, separately: the client needs the
/// server's URL to be built, so it is built in between, and its time is reported apart.
pub fn start_up(rounds: usize) -> StartUp {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let mut first = Vec::with_capacity(rounds);
    let mut start = Vec::with_capacity(rounds);
    let mut build = Vec::with_capacity(rounds);
    let mut total = Vec::with_capacity(rounds);
    let mut failed_calls = 0;
    for _ in 0..rounds {
        let (started, built, answered, failed) = runtime.block_on(async {
            let t0 = Instant::now();
            let server = MockServer::start().await.expect("the mock starts");
            let started = t0.elapsed();
            let t1 = Instant::now();
            let client = client(&server.base_url());
            let built = t1.elapsed();
            let t2 = Instant::now();
            let mut failed = 0;
            loop {
                match client.get_agent_run(AGENT_ID, RUN_ID).await {
                    Ok(run) => {
                        assert_eq!(run.tokens_used, TOKENS);
                        break;
                    }
                    Err(_) if failed < 1_000 => failed += 1,
                    Err(error) => panic!("the mock never answered: {error}"),
                }
            }
            let answered = t2.elapsed();
            drop(client);
            drop(server);
            (started, built, answered, failed)
        });
        // Let the stopped server's tasks finish before the next round.
        runtime.block_on(async { tokio::time::sleep(Duration::from_millis(20)).await });
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        first.push(ms(started + answered));
        start.push(ms(started));
        build.push(ms(built));
        total.push(ms(started + built + answered));
        failed_calls += failed;
    }
    StartUp {
        cold_ms: first.first().copied().unwrap_or(f64::NAN),
        first_answer_ms: measure::estimate(first),
        start_ms: measure::median(start),
        client_build_ms: measure::median(build),
        total_ms: measure::median(total),
        failed_calls,
    }
}

/// One concurrency level of row 10.
#[derive(Debug, Clone, Copy)]
pub struct Level {
    /// Requests in flight.
    pub in_flight: usize,
    /// Throughput against the local Autoposting ÷ against the bare hyper server.
    pub throughput: Estimate,
    /// Requests per second against the local Autoposting (median round), for the record.
    pub mock_per_s: f64,
    /// Requests per second against the bare server (median round), for the record.
    pub bare_per_s: f64,
}

/// `requests` calls with `in_flight` tasks, as rows 3-4's batches.
fn batch(
    runtime: &tokio::runtime::Runtime,
    client: &Arc<Client>,
    requests: usize,
    in_flight: usize,
) -> Sample {
    // The previous batch's leftovers run first, as in rows 3-4.
    runtime.block_on(async { tokio::time::sleep(Duration::from_millis(20)).await });
    measure::sample(|| {
        runtime.block_on(async {
            if in_flight == 1 {
                for _ in 0..requests {
                    call(client).await;
                }
                return;
            }
            let tasks: Vec<_> = (0..in_flight)
                .map(|task| {
                    let client = client.clone();
                    let share = requests / in_flight + usize::from(task < requests % in_flight);
                    tokio::spawn(async move {
                        for _ in 0..share {
                            call(&client).await;
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

/// Row 10: each level of `(in flight, requests per round)`, `rounds` rounds, against the
/// local Autoposting and the bare server, both in child processes.
/// `quick` warms up with fewer calls than rows 3-4's `2 × max(in flight, 64)`.
pub fn throughput(levels: &[(usize, usize)], rounds: usize, quick: bool) -> Vec<Level> {
    let mock = Server::start_mock();
    let bare = Server::start(1);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let clients = [
        Arc::new(client(&mock.base_url())),
        Arc::new(client(&bare.base_url())),
    ];
    let mut results = Vec::new();
    for &(in_flight, requests) in levels {
        for client in &clients {
            let warm_up = if quick {
                in_flight
            } else {
                in_flight.max(64) * 2
            };
            batch(&runtime, client, warm_up, in_flight);
        }
        let mut variants: Vec<Box<dyn FnMut() -> Sample>> = clients
            .iter()
            .map(|client| {
                let client = client.clone();
                let runtime = &runtime;
                Box::new(move || batch(runtime, &client, requests, in_flight))
                    as Box<dyn FnMut() -> Sample>
            })
            .collect();
        let mut refs: Vec<&mut dyn FnMut() -> Sample> =
            variants.iter_mut().map(|v| &mut **v as _).collect();
        let samples = measure::interleave(rounds, &mut refs);
        let per_s = |samples: &[Sample]| {
            measure::median(
                samples
                    .iter()
                    .map(|s| requests as f64 / s.wall.as_secs_f64())
                    .collect(),
            )
        };
        results.push(Level {
            in_flight,
            throughput: measure::ratio(&samples[0], &samples[1], |mock, bare| {
                bare.wall.as_secs_f64() / mock.wall.as_secs_f64()
            }),
            mock_per_s: per_s(&samples[0]),
            bare_per_s: per_s(&samples[1]),
        });
    }
    results
}

/// The `__mock` child's main: the local Autoposting with its defaults on a one-thread
/// runtime, its address printed, until standard input closes.
pub fn serve() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let server = runtime.block_on(async { MockServer::start().await.expect("the mock starts") });
    println!("{} 0", server.addr());
    std::thread::spawn(|| {
        // EOF or an error: the parent has gone.
        let _ = std::io::stdin().read_to_end(&mut Vec::new());
        std::process::exit(0);
    });
    runtime.block_on(async {
        tokio::time::sleep(Duration::from_secs(30 * 60)).await;
    });
    drop(server);
}
