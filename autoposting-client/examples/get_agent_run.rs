//! Calls `get_agent_run` and prints the decoded run.
//!
//! ```text
//! cargo run -p autoposting-client --example get_agent_run [AGENT_ID] [RUN_ID]
//! ```
//!
//! Without `AUTOPOSTING_API_KEY` it needs no network: it starts the local mock server from
//! `autoposting-mock` on 127.0.0.1 and calls that. With the key set it calls the real API,
//! or `AUTOPOSTING_BASE_URL` if that is set too.

mod support;

use std::process::ExitCode;

use autoposting_client::prelude::*;
use autoposting_mock::Seed;

#[tokio::main]
async fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let agent_id = args.next().unwrap_or_else(|| "agent_01HXYZ".to_owned());
    let run_id = args.next().unwrap_or_else(|| "run_01HXYZ".to_owned());
    support::exit(run(&agent_id, &run_id).await)
}

async fn run(agent_id: &str, run_id: &str) -> Result<(), Box<dyn std::error::Error>> {
    // Keep the local server, if any, alive until the call is done.
    let (client, _mock) = support::connect(Seed::Example).await?;

    let run = client.get_agent_run(agent_id, run_id).await?;
    println!("{run:#?}");
    Ok(())
}
