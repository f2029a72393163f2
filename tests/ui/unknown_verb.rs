use autoposting_client::{api, Result};

#[api]
pub trait Api {
    #[fetch("/health")]
    async fn health(&self) -> Result<()>;
}

fn main() {}
