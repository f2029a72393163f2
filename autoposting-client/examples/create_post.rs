//! Creates a post for a brand, creating the brand first when it does not exist yet.
//!
//! ```text
//! cargo run -p autoposting-client --example create_post [BRAND_SLUG] [TEXT]
//! ```
//!
//! It looks the brand up with `get_brand`; on a 404 it creates it with `create_brand`
//! (x and linkedin enabled), then creates the post with `create_post` and prints it.
//! `BRAND_SLUG` defaults to `example-brand`, `TEXT` to a short greeting.
//!
//! Without `AUTOPOSTING_API_KEY` it needs no network: it starts the local mock server from
//! `autoposting-mock` on 127.0.0.1 and calls that. With the key set it calls the real API,
//! or `AUTOPOSTING_BASE_URL` if that is set too; the post is then really created (and,
//! with no `scheduledAt`, published right away to the brand's connected accounts).

mod support;

use std::process::ExitCode;

use autoposting_client::Platform;
use autoposting_client::StatusCode;
use autoposting_client::brands::CreateBrandRequest;
use autoposting_client::posts::CreatePostRequest;
use autoposting_client::prelude::*;
use autoposting_mock::Seed;

#[tokio::main]
async fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let brand_slug = args.next().unwrap_or_else(|| "example-brand".to_owned());
    let text = args
        .next()
        .unwrap_or_else(|| "Hello from the autoposting-client examples!".to_owned());
    support::exit(run(&brand_slug, &text).await)
}

async fn run(brand_slug: &str, text: &str) -> Result<(), Box<dyn std::error::Error>> {
    // Keep the local server, if any, alive until the calls are done.
    let (client, _mock) = support::connect(Seed::Example).await?;

    match client.get_brand(brand_slug).await {
        Ok(brand) => println!("brand `{}` exists: {}", brand.slug, brand.name),
        Err(error) if error.status() == Some(StatusCode::NOT_FOUND) => {
            let request = CreateBrandRequest::builder()
                .name(format!("Example brand ({brand_slug})"))
                .slug(brand_slug)
                .platforms(vec![Platform::X, Platform::Linkedin])
                .build();
            let brand = client.create_brand(&request).await?;
            println!("created brand `{}`: {}", brand.slug, brand.name);
        }
        Err(error) => return Err(error.into()),
    }

    let request = CreatePostRequest::builder()
        .brand_slug(brand_slug)
        .text(text)
        .platforms([Platform::X, Platform::Linkedin])
        .build();
    let post = client.create_post(&request).await?;
    println!("created post {} ({:?})", post.id, post.status);
    println!("{post:#?}");
    Ok(())
}
