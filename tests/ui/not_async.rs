use autoposting_client::{api, Result};

#[api]
pub trait Api {
    #[get("/health")]
    fn health(&self) -> Result<()>;
}

fn main() {}
