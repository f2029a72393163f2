use autoposting_client::{api, Result};

#[api]
pub trait Api {
    #[get("/agents")]
    async fn list_agents(&self, #[cfg(test)] #[query] limit: u32) -> Result<()>;
}

fn main() {}
