use autoposting_client::{api, Part, Result};

#[api]
pub trait Api {
    #[get("/media")]
    async fn list_media(&self, #[part] file: &Part) -> Result<()>;
}

fn main() {}
