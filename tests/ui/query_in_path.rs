use autoposting_client::{api, Result};

#[api]
pub trait Api {
    #[get("/agents?limit=5")]
    async fn list_agents(&self) -> Result<()>;
}

fn main() {}
