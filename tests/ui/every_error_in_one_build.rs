use autoposting_client::{api, Result};

#[api]
pub trait Api {
    #[get("/agents/<agent_id>")]
    fn get_agent(&self) -> Result<()>;

    #[post("/agents")]
    async fn create_agent(&self, #[body] a: &str, #[body] b: &str, stray: u8) -> Result<()>;

    #[fetch("/health")]
    async fn health(&self) -> Result<()>;
}

fn main() {}
