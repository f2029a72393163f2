//! Runs the mock Autoposting server in the foreground.
//!
//! `cargo run -p autoposting-mock -- [PORT] [API_KEY]` (defaults: 8787 and the crate's
//! `DEFAULT_API_KEY`); it listens on 127.0.0.1 only and stops on Ctrl-C.

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let port = match args.next() {
        Some(port) => port.parse().map_err(|_| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("not a port: {port}"),
            )
        })?,
        None => 8787,
    };
    let key = args
        .next()
        .unwrap_or_else(|| autoposting_mock::DEFAULT_API_KEY.to_owned());
    let server = autoposting_mock::MockServer::start_with_key(&key, port).await?;
    println!("Autoposting mock listening on {}", server.base_url());
    println!("API key: {}", server.api_key());
    tokio::signal::ctrl_c().await?;
    Ok(())
}
