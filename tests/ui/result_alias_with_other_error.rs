// `anyhow::Result<T>` and any other `Result` alias whose error is not the client's: the
// macro cannot see through the alias, so the refusal comes from the type checker, once,
// at the return type.
mod other {
    pub type Result<T> = std::result::Result<T, std::io::Error>;
}

use autoposting_client::api;

#[api]
pub trait Api {
    #[get("/health")]
    async fn health(&self) -> other::Result<()>;
}

fn main() {}
