use autoposting_client::{api, Result};

#[api]
pub trait Api {
    #[delete("/agents/<agent_id>")]
    async fn delete_agent(&self, agent_id: &str, #[body] reason: &str) -> Result<()>;
}

fn main() {}
