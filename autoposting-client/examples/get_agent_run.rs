//! Calls `get_agent_run` and prints the decoded run.
//!
//! ```text
//! cargo run -p autoposting-client --example get_agent_run [AGENT_ID] [RUN_ID]
//! ```
//!
//! Without `AUTOPOSTING_API_KEY` it needs no network: it starts the local mock server from
//! `autoposting-mock` on 127.0.0.1 and calls that. With the key set it calls the real API,
//! or `AUTOPOSTING_BASE_URL` if that is set too.

use autoposting_client::prelude::*;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let mut args = std::env::args().skip(1);
    let agent_id = args.next().unwrap_or_else(|| "agent_01HXYZ".to_owned());
    let run_id = args.next().unwrap_or_else(|| "run_01HXYZ".to_owned());
    match run(&agent_id, &run_id).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(agent_id: &str, run_id: &str) -> Result<(), Box<dyn std::error::Error>> {
    // Keep the mock server alive until the call is done.
    let (client, _mock) = if std::env::var_os(autoposting_client::API_KEY_ENV).is_some() {
        (Client::from_env()?, None)
    } else {
        let mock = autoposting_mock::MockServer::start().await?;
        println!(
            "AUTOPOSTING_API_KEY is not set: using the local mock server at {}",
            mock.base_url()
        );
        let client = Client::builder()
            .base_url(mock.base_url())
            .api_key(mock.api_key())
            .build()?;
        (client, Some(mock))
    };

    let run = client.get_agent_run(agent_id, run_id).await?;
    println!("{run:#?}");
    Ok(())
}
