//! A webhook receiver: verifies each delivery before handling it.
//!
//! ```text
//! AUTOPOSTING_WEBHOOK_SECRET=whsec_... cargo run -p autoposting-client --features axum --example webhook_receiver [PORT]
//! cargo run -p autoposting-client --features axum --example webhook_receiver -- --self-test
//! ```
//!
//! It listens on 127.0.0.1:PORT (default 3000) at `/webhooks/autoposting`; expose it over
//! HTTPS (a reverse proxy or a tunnel) and register that URL with `create_webhook`. Each
//! delivery is verified by the `VerifiedWebhook` extractor: a genuine one is handled and
//! answered 200, anything else 400 or 401, which the API retries later.
//!
//! `--self-test` needs no network: it starts the receiver on a free loopback port, posts it
//! one delivery signed as the API does and one forged, prints both answers and exits
//! (status 0 when the genuine one is accepted and the forged one refused).

mod support;

use std::process::ExitCode;

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use autoposting_client::webhooks::{
    self, SIGNATURE_HEADER, TIMESTAMP_HEADER, VerifiedWebhook, Verifier, WebhookEvent,
};
use axum::Router;
use axum::extract::{FromRef, State};
use axum::http::StatusCode;
use axum::routing::post;

const SECRET_ENV: &str = "AUTOPOSTING_WEBHOOK_SECRET";

#[derive(Clone)]
struct AppState {
    verifier: Verifier,
    /// Event ids already handled: delivery is at least once, so a retry may repeat one.
    seen: Arc<Mutex<HashSet<String>>>,
}

impl FromRef<AppState> for Verifier {
    fn from_ref(state: &AppState) -> Verifier {
        state.verifier.clone()
    }
}

async fn receive(
    State(state): State<AppState>,
    VerifiedWebhook(event): VerifiedWebhook,
) -> (StatusCode, String) {
    let first_time = match state.seen.lock() {
        Ok(mut seen) => seen.insert(event.id.clone()),
        Err(_) => return (StatusCode::INTERNAL_SERVER_ERROR, "try again".into()),
    };
    if !first_time {
        return (StatusCode::OK, format!("{} already handled", event.id));
    }
    match &event.event {
        WebhookEvent::PostPublished | WebhookEvent::PostPartial | WebhookEvent::PostFailed => {
            println!(
                "{}: post {} ({})",
                event.event, event.data["postId"], event.id
            )
        }
        WebhookEvent::AgentRunCompleted | WebhookEvent::AgentRunFailed => {
            println!(
                "{}: run {} ({})",
                event.event, event.data["runId"], event.id
            )
        }
        WebhookEvent::WebhookTest => println!("test delivery {}", event.id),
        other => println!("{other}: {} ({})", event.data, event.id),
    }
    (StatusCode::OK, "ok".into())
}

fn app(secret: &str) -> Router {
    Router::new()
        .route("/webhooks/autoposting", post(receive))
        .with_state(AppState {
            verifier: Verifier::new(secret),
            seen: Arc::default(),
        })
}

#[tokio::main]
async fn main() -> ExitCode {
    let arg = std::env::args().nth(1);
    let outcome = if arg.as_deref() == Some("--self-test") {
        self_test().await
    } else {
        serve(arg.as_deref()).await
    };
    support::exit(outcome)
}

async fn serve(port: Option<&str>) -> Result<(), Box<dyn std::error::Error>> {
    let secret = std::env::var(SECRET_ENV)
        .map_err(|_| format!("set {SECRET_ENV} to the webhook's signing secret"))?;
    let port: u16 = port.unwrap_or("3000").parse()?;
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    println!(
        "listening on http://{}/webhooks/autoposting",
        listener.local_addr()?
    );
    axum::serve(listener, app(&secret)).await?;
    Ok(())
}

async fn self_test() -> Result<(), Box<dyn std::error::Error>> {
    let secret = "whsec_self_test";
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/webhooks/autoposting", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app(secret)).await });

    let now = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs();
    let body = format!(
        r#"{{"id":"evt_self_test","event":"post.published","timestamp":{now},"orgId":"org_1","data":{{"postId":"post_1","platforms":["x"]}}}}"#
    );
    let timestamp = now.to_string();
    let http = reqwest::Client::new();
    let send = |signature: String| {
        http.post(&url)
            .header(SIGNATURE_HEADER, signature)
            .header(TIMESTAMP_HEADER, &timestamp)
            .body(body.clone())
            .send()
    };

    let genuine = send(webhooks::sign(secret, &timestamp, body.as_bytes())).await?;
    let genuine = (genuine.status(), genuine.text().await?);
    println!("genuine delivery: {} {}", genuine.0, genuine.1);
    let forged = send(webhooks::sign("whsec_wrong", &timestamp, body.as_bytes())).await?;
    let forged = (forged.status(), forged.text().await?);
    println!("forged delivery:  {} {}", forged.0, forged.1);

    if genuine.0 == reqwest::StatusCode::OK && forged.0 == reqwest::StatusCode::UNAUTHORIZED {
        Ok(())
    } else {
        Err("the receiver did not accept the genuine delivery and refuse the forged one".into())
    }
}
