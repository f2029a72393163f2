use autoposting_client::{api, Part, Result};

#[api]
pub trait Api {
    #[post("/media")]
    async fn upload_media(&self, #[body] meta: &str, #[part] file: &Part) -> Result<()>;
}

fn main() {}
