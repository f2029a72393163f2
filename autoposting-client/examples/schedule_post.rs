//! Schedules a post for this time tomorrow with `schedule_post`, then reads it back with
//! `get_post` and shows its status.
//!
//! ```text
//! cargo run -p autoposting-client --example schedule_post [POST_ID]
//! ```
//!
//! With `POST_ID` it schedules that post (a draft, scheduled or failed one). Without it,
//! it first creates a post in the brand `acme` (the mock's example brand; set
//! `AUTOPOSTING_BRAND` for another) scheduled a week out, and then moves it to tomorrow.
//!
//! Without `AUTOPOSTING_API_KEY` it needs no network: it starts the local mock server from
//! `autoposting-mock` on 127.0.0.1, seeded with its demo data (`Seed::Demo`, which has the
//! brand `acme`), and calls that. With the key set it calls the real API, or
//! `AUTOPOSTING_BASE_URL` if that is set too.

mod support;

use std::process::ExitCode;

use autoposting_client::Platform;
use autoposting_client::posts::{CreatePostRequest, SchedulePostRequest};
use autoposting_client::prelude::*;
use autoposting_mock::Seed;
use chrono::{Duration, Utc};

#[tokio::main]
async fn main() -> ExitCode {
    let post_id = std::env::args().nth(1);
    support::exit(run(post_id).await)
}

async fn run(post_id: Option<String>) -> Result<(), Box<dyn std::error::Error>> {
    // Keep the local server, if any, alive until the calls are done.
    let (client, _mock) = support::connect(Seed::Demo).await?;

    let post_id = match post_id {
        Some(id) => id,
        None => {
            let brand_slug = std::env::var("AUTOPOSTING_BRAND").unwrap_or_else(|_| "acme".into());
            let request = CreatePostRequest::builder()
                .brand_slug(brand_slug)
                .text("A post from the schedule_post example.")
                .platforms([Platform::X])
                .scheduled_at(Utc::now() + Duration::days(7))
                .build();
            let post = client.create_post(&request).await?;
            println!("created post {} ({:?})", post.id, post.status);
            post.id
        }
    };

    let tomorrow = Utc::now() + Duration::days(1);
    let scheduled = client
        .schedule_post(&post_id, &SchedulePostRequest::new(tomorrow))
        .await?;
    println!("scheduled post {} for {tomorrow}", scheduled.id);

    let post = client.get_post(&post_id).await?;
    match post.scheduled_at {
        Some(at) => println!("post {}: status {:?}, due at {at}", post.id, post.status),
        None => println!("post {}: status {:?}, not scheduled", post.id, post.status),
    }
    Ok(())
}
