use autoposting_client::{api, Result};

#[api]
pub trait Api {
    #[get("/agents/<self>")]
    async fn get_agent(&self) -> Result<()>;
}

fn main() {}
