use autoposting_client::{api, Result};

#[api]
pub trait Api {
    async fn health(&self) -> Result<()>;
}

fn main() {}
