//! Waits for an agent run to finish, or starts one and waits for it.
//!
//! ```text
//! cargo run -p autoposting-client --example wait_for_run [AGENT_ID] [RUN_ID]
//! AUTOPOSTING_API_KEY=sk-social-... cargo run -p autoposting-client --example wait_for_run agent_01HXYZ run_01HXYZ
//! AUTOPOSTING_API_KEY=sk-social-... cargo run -p autoposting-client --example wait_for_run agent_01HXYZ --trigger
//! ```
//!
//! With `AUTOPOSTING_API_KEY` set it uses `Client::from_env()` (the real API, or
//! `AUTOPOSTING_BASE_URL`); `--trigger` starts a new run of the agent first. Without the key
//! it needs no network: it waits for a run of the local mock server from `autoposting-mock`
//! on 127.0.0.1.

mod support;

use std::process::ExitCode;

use std::time::Duration;

use autoposting_client::ErrorKind;
use autoposting_client::agents::AgentRunStatus;
use autoposting_client::wait::{self, WaitError, WaitOptions};
use autoposting_mock::Seed;

#[tokio::main]
async fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let agent_id = args.next().unwrap_or_else(|| "agent_01HXYZ".to_owned());
    let run_id = args.next().unwrap_or_else(|| "run_01HXYZ".to_owned());
    support::exit(run(&agent_id, &run_id).await)
}

async fn run(agent_id: &str, run_id: &str) -> Result<(), Box<dyn std::error::Error>> {
    // Keep the local server, if any, alive until the wait is over.
    let (client, _mock) = support::connect(Seed::Example).await?;

    // Poll after 1 s, 1.5 s, 2.25 s, … (at most 10 s apart), for up to 5 minutes.
    let options = WaitOptions::default()
        .max_interval(Duration::from_secs(10))
        .timeout(Duration::from_secs(300));
    let waited = if run_id == "--trigger" {
        println!("starting a run of {agent_id} and waiting for it…");
        wait::trigger_agent_run_and_wait(&client, agent_id, options).await
    } else {
        println!("waiting for run {run_id} of {agent_id}…");
        wait::wait_for_agent_run(&client, agent_id, run_id, options).await
    };

    match waited {
        Ok(run) => match run.status {
            AgentRunStatus::Completed => println!(
                "{} completed: {} posts, {} tokens",
                run.id, run.posts_generated, run.tokens_used
            ),
            AgentRunStatus::Failed => println!(
                "{} failed: {}",
                run.id,
                run.error.as_deref().unwrap_or("no reason given")
            ),
            other => println!("{} ended as {other}", run.id),
        },
        Err(WaitError::TimedOut { last, polls, .. }) => {
            let status = last.map_or("unknown".to_owned(), |run| run.status.to_string());
            println!("gave up after {polls} polls; the run is still {status}");
        }
        Err(WaitError::Request(error)) if error.kind() == ErrorKind::Api => {
            return Err(format!("the API refused: {error}").into());
        }
        Err(error) => return Err(error.into()),
    }
    Ok(())
}
