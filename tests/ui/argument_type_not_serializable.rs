use autoposting_client::{api, Result};

#[api]
pub trait Api {
    #[get("/agents")]
    async fn list_agents(&self, #[query] limit: std::time::Instant) -> Result<()>;
}

fn main() {}
