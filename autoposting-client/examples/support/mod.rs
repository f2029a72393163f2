//! What the examples share: the client each one calls, and how each one exits.
//!
//! Not an example itself (cargo builds `examples/*.rs` only); each example includes it with
//! `mod support;`. In your own program, `Client::from_env()` is the whole of [`connect`].

// Each example uses what it needs of this module.
#![allow(dead_code)]

use std::error::Error;
use std::process::ExitCode;

use autoposting_client::Client;
use autoposting_mock::{MockServer, Seed};

/// The client an example calls, and the local Autoposting it calls if any: keep both alive
/// until the example's calls are done (dropping the server stops it).
pub type Connection = (Client, Option<MockServer>);

/// With `AUTOPOSTING_API_KEY` set: `Client::from_env()`, for the real API (or
/// `AUTOPOSTING_BASE_URL` if that is set too). Without it: a local Autoposting
/// (`autoposting-mock`) started on 127.0.0.1 with the data of `seed`, and a client for it,
/// so that the example needs no network.
///
/// Fails if the key or base URL in the environment is invalid, or the local server cannot
/// bind a loopback port.
pub async fn connect(seed: Seed) -> Result<Connection, Box<dyn Error>> {
    if std::env::var_os(autoposting_client::API_KEY_ENV).is_some() {
        return Ok((Client::from_env()?, None));
    }
    let mock = MockServer::builder().seed(seed).start().await?;
    println!(
        "AUTOPOSTING_API_KEY is not set: using the local mock server at {}",
        mock.base_url()
    );
    let client = Client::builder()
        .base_url(mock.base_url())
        .api_key(mock.api_key())
        .build()?;
    Ok((client, Some(mock)))
}

/// An example's exit: success, or its error's message on stderr and a failing exit code.
pub fn exit(outcome: Result<(), Box<dyn Error>>) -> ExitCode {
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
