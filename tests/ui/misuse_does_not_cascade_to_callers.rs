use autoposting_client::{api, Client, Result};

#[api]
pub trait Api {
    #[get("/a/<id>")]
    async fn bad(&self) -> Result<()>;

    #[get("/ok")]
    async fn good(&self) -> Result<()>;
}

async fn caller(client: &Client) -> Result<()> {
    client.good().await?;
    client.bad().await
}

fn main() {
    let _ = caller;
}
