//! Lists every post, page by page, with `autoposting_client::pagination::paginate` over
//! `list_posts`, and prints one line per post.
//!
//! ```text
//! cargo run -p autoposting-client --example list_posts [BRAND_SLUG]
//! ```
//!
//! With `BRAND_SLUG` only that brand's posts are listed. The page size is small (2) so that
//! the walk goes over several pages; a real program would use up to 100
//! (`pagination::MAX_PAGE_SIZE`).
//!
//! Without `AUTOPOSTING_API_KEY` it needs no network: it starts the local mock server from
//! `autoposting-mock` on 127.0.0.1, seeded with its demo data (`Seed::Demo`: the brand
//! `acme` and its posts), and calls that. With the key set it calls the real API, or
//! `AUTOPOSTING_BASE_URL` if that is set too.

mod support;

use std::process::ExitCode;

use autoposting_client::pagination::paginate;
use autoposting_client::posts::ListPostsParams;
use autoposting_client::prelude::*;
use autoposting_mock::Seed;
use futures_util::TryStreamExt;

const PAGE_SIZE: u32 = 2;

#[tokio::main]
async fn main() -> ExitCode {
    let brand_slug = std::env::args().nth(1);
    support::exit(run(brand_slug).await)
}

async fn run(brand_slug: Option<String>) -> Result<(), Box<dyn std::error::Error>> {
    // Keep the local server, if any, alive until the calls are done.
    let (client, _mock) = support::connect(Seed::Demo).await?;

    let mut posts = std::pin::pin!(paginate(PAGE_SIZE, |limit, offset| {
        let client = client.clone();
        let params = ListPostsParams::builder()
            .maybe_brand_slug(brand_slug.clone())
            .limit(limit)
            .offset(offset)
            .build();
        async move { client.list_posts(&params).await }
    }));

    let mut count = 0;
    while let Some(post) = posts.try_next().await? {
        count += 1;
        println!(
            "{count:>4}. {} [{}] {:?}: {}",
            post.id, post.brand_slug, post.status, post.text
        );
    }
    println!("{count} posts");
    Ok(())
}
