use autoposting_client::{api, Result};

#[api]
pub trait Api {
    #[get("/agents")]
    async fn list_agents(&self, #[header("Authorization")] token: &str) -> Result<()>;
}

fn main() {}
