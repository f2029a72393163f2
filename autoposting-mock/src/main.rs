//! `autoposting-mock`: a local Autoposting in the foreground, on 127.0.0.1, until Ctrl-C.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Parser, ValueEnum};

/// A local, stateful Autoposting API on 127.0.0.1 for testing code against.
#[derive(Debug, Parser)]
#[command(name = "autoposting-mock", version, about, long_about = None)]
struct Args {
    /// The port to listen on (0 for any free port).
    #[arg(long, default_value_t = 8787)]
    port: u16,

    /// The API key to accept with every right (repeatable).
    #[arg(long = "api-key", value_name = "KEY")]
    api_keys: Vec<String>,

    /// The data to start with, unless --state names an existing snapshot.
    #[arg(long, value_enum, default_value_t = SeedArg::Example)]
    seed: SeedArg,

    /// Keep the state in FILE across restarts (rewritten atomically after every change).
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,

    /// Allow this many requests per minute per credential, then answer 429.
    #[arg(long, value_name = "N")]
    rate_limit: Option<u32>,

    /// How long each processing stage takes (milliseconds): posts validating and
    /// publishing, runs queued and running, knowledge bases building.
    #[arg(long, value_name = "MS", default_value_t = 1000)]
    processing_ms: u64,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SeedArg {
    /// No data.
    Empty,
    /// The reference's example agent runs.
    Example,
    /// A brand, posts in several states, an agent with runs, a knowledge base, a webhook.
    Demo,
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let mut builder = autoposting_mock::MockServer::builder()
        .port(args.port)
        .seed(match args.seed {
            SeedArg::Empty => autoposting_mock::Seed::Empty,
            SeedArg::Example => autoposting_mock::Seed::Example,
            SeedArg::Demo => autoposting_mock::Seed::Demo,
        })
        .processing_time(Duration::from_millis(args.processing_ms));
    for key in args.api_keys {
        builder = builder.api_key(key);
    }
    if let Some(limit) = args.rate_limit {
        builder = builder.rate_limit(limit, Duration::from_secs(60));
    }
    if let Some(path) = args.state {
        builder = builder.state_file(path);
    }
    let server = builder.start().await?;
    println!("Autoposting mock listening on {}", server.base_url());
    println!("API key: {}", server.api_key());
    println!("export AUTOPOSTING_BASE_URL={}", server.base_url());
    println!("export AUTOPOSTING_API_KEY={}", server.api_key());
    tokio::signal::ctrl_c().await?;
    Ok(())
}
