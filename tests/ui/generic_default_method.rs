use autoposting_client::{api, Result};

#[api]
pub trait Api {
    #[get("/health")]
    async fn health(&self) -> Result<()>;

    fn describe<T: std::fmt::Debug>(&self, value: T) -> String {
        format!("{value:?}")
    }
}

fn main() {}
