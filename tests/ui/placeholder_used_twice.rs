use autoposting_client::{api, Result};

#[api]
pub trait Api {
    #[get("/agents/<agent_id>/copy/<agent_id>")]
    async fn copy_agent(&self, agent_id: &str) -> Result<()>;
}

fn main() {}
