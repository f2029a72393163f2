use autoposting_client::{api, Result};

#[api]
pub trait Api {
    #[get("/health")]
    async fn health(&self) -> Result<(), String>;
}

fn main() {}
