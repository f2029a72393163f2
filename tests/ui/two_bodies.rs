use autoposting_client::{api, Result};

#[api]
pub trait Api {
    #[post("/agents")]
    async fn create_agent(&self, #[body] first: &str, #[body] second: &str) -> Result<()>;
}

fn main() {}
