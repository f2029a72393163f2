use autoposting_client::api;

#[api]
pub trait Api {}

#[api]
pub struct NotATrait;

fn main() {}
