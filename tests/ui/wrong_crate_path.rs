use autoposting_client::{api, Result};

#[api(crate = "wrong::path")]
pub trait Api {
    #[get("/health")]
    async fn health(&self) -> Result<()>;

    #[get("/agents/<agent_id>")]
    async fn get_agent(&self, agent_id: &str, #[header("X-Trace")] trace: &str) -> Result<String>;
}

fn main() {}
