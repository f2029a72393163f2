use autoposting_client::{api, ApiResponse, Result};

pub struct Agent {
    pub id: String,
}

#[api]
pub trait Api {
    #[get("/agents/<agent_id>")]
    async fn get_agent(&self, agent_id: &str) -> Result<Agent>;

    #[get("/agents")]
    async fn list_agents(&self) -> Result<ApiResponse<Vec<Agent>>>;
}

fn main() {}
