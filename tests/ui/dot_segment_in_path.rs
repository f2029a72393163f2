use autoposting_client::{api, Result};

#[api]
pub trait Api {
    #[get("/agents/../admin/<id>")]
    async fn get_admin(&self, id: &str) -> Result<()>;
}

fn main() {}
