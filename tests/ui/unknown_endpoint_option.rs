use autoposting_client::{api, Result};

#[api]
pub trait Api {
    #[post("/posts", retry)]
    async fn create_post(&self) -> Result<()>;
}

fn main() {}
