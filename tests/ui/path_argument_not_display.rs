use autoposting_client::{api, Result};

pub struct AgentId(pub String);

pub struct Change {
    pub name: String,
}

#[api]
pub trait Api {
    #[patch("/agents/<agent_id>")]
    async fn rename(&self, agent_id: &AgentId, #[body] change: &Change) -> Result<()>;
}

fn main() {}
