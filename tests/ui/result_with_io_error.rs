use autoposting_client::api;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Agent {
    pub id: String,
}

#[api]
pub trait Api {
    #[get("/agents/<agent_id>")]
    async fn get_agent(&self, agent_id: &str) -> Result<Agent, std::io::Error>;
}

fn main() {}
