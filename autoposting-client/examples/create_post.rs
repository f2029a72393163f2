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

use autoposting_client::Platform;
use autoposting_client::StatusCode;
use autoposting_client::brands::CreateBrandRequest;
use autoposting_client::posts::CreatePostRequest;
use autoposting_client::prelude::*;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let mut args = std::env::args().skip(1);
    let brand_slug = args.next().unwrap_or_else(|| "example-brand".to_owned());
    let text = args
        .next()
        .unwrap_or_else(|| "Hello from the autoposting-client examples!".to_owned());
    match run(&brand_slug, &text).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(brand_slug: &str, text: &str) -> Result<(), Box<dyn std::error::Error>> {
    // Keep the mock server alive until the calls are done.
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
