use autoposting_client::{api, Result};

#[api]
pub trait Api {
    const VERSION: u32;

    #[get("/health")]
    async fn health(&self) -> Result<()>;
}

fn main() {}
