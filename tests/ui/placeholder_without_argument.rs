use autoposting_client::{api, Result};

#[api]
pub trait Api {
    #[get("/agents/<agent_id>/runs/<run_id>")]
    async fn get_agent_run(&self, agent_id: &str) -> Result<()>;
}

fn main() {}
