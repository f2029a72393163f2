use autoposting_client::{api, Result};

#[api]
pub trait Api {
    #[get("/agents/<agent_id>")]
    async fn get_agent(&self, agent_id: impl std::fmt::Display) -> Result<()>;
}

fn main() {}
