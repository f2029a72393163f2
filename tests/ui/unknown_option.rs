use autoposting_client::api;

#[api(crate = "autoposting_client", retries = 3)]
pub trait Api {}

fn main() {}
