//! A typed client for the [Autoposting API](https://docs.autoposting.ai): schedule, publish
//! and AI-enhance social posts on X, LinkedIn, Instagram, Threads and YouTube.
//!
//! Every operation is a method of a trait declared with the [`api`] macro, implemented by
//! [`Client`]. Responses arrive in the API's envelope `{"success": true, "data": …}`; the
//! methods return `data` decoded into a typed model, and every failure (an API error
//! envelope, an HTTP error page, a timeout, a field of the wrong type) as one [`Error`].
//!
//! ```no_run
//! use autoposting_client::prelude::*;
//!
//! # async fn run() -> autoposting_client::Result<()> {
//! let client = Client::from_env()?; // AUTOPOSTING_API_KEY, optional AUTOPOSTING_BASE_URL
//! let run = client.get_agent_run("agent_01HXYZ", "run_01HXYZ").await?;
//! println!("run {} is {}", run.id, run.status);
//! # Ok(()) }
//! ```
//!
//! Your own endpoints are declared the same way; see [`api`].
//!
//! # Map of the crate
//! - `runtime/`: what every endpoint calls into: [`Client`] and its builder, request
//!   building, the transport (retries, redirects, size limit), envelope decoding, [`Error`].
//! - `api/<area>.rs`: the API surface, one module per API area (`agents`, `posts`, …),
//!   each opening with its `#[api]` trait, then its models; re-exported here at the root.
//! - `common/`: the types several areas share ([`Platform`], [`List`], [`Patch`],
//!   [`PresignedUpload`]); areas import these, never each other.
//! - `jobs/`: work built over several calls, such as [`pagination`].
//!
//! # Features
//! Each API area is a cargo feature named as its module (`agents`, `api_keys`, `auth`,
//! `billing`, `brands`, `carousels`, `clips`, `health`, `knowledge_base`, `notifications`,
//! `organizations`, `platform_oauth`, `posts`, `usage`, `webhooks`), all on by default
//! (`full`). A crate that calls only some areas compiles only those:
//!
//! ```toml
//! autoposting-client = { version = "0.1", default-features = false, features = ["agents"] }
//! ```
//!
//! The runtime, the shared types, [`pagination`] and [`api`] are always there. The crate
//! re-exports [`chrono`], whose `DateTime` the models' timestamps are.
//!
//! Within an area, an endpoint's code (and the decoding of its response type) is compiled
//! in the crate that calls it, as generic code is: a release build pays for the endpoints
//! it calls, not for the area's others (a crate that turns [`Client`] into a `dyn` trait
//! object, `Box<dyn Agents>`, compiles every method of that trait, for its vtable).

// The two layers: the runtime every endpoint calls into, and the API surface declared
// on it. Types several areas share live in `common`; `jobs` builds on the operations.
mod api;
mod common;
mod jobs;
mod runtime;

// The areas whose features are on, at the root: `autoposting_client::agents`, ….
#[allow(unused_imports)] // nothing to import with no area on
pub use api::*;
pub use jobs::pagination;
#[cfg(all(feature = "clips", feature = "knowledge_base", feature = "posts"))]
pub use jobs::upload;
pub use jobs::wait;

pub use common::{List, Patch, Platform, PresignedUpload};
// Shared types only some areas name, at the root too, so that they can be named whichever
// of those areas is on.
#[cfg(any(feature = "posts", feature = "usage"))]
pub use common::PostSource;
#[cfg(any(feature = "brands", feature = "platform_oauth"))]
pub use common::{PlatformAccountType, PlatformConnection};
pub use reqwest::{Method, StatusCode};
pub use runtime::client::{
    API_KEY_ENV, AuthScheme, BASE_URL_ENV, Client, ClientBuilder, DEFAULT_BASE_URL,
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_POOL_IDLE_TIMEOUT,
    DEFAULT_TIMEOUT,
};
pub use runtime::endpoint::Endpoint;
pub use runtime::error::{Error, ErrorKind, Result};
pub use runtime::multipart::{AsPart, Part};
pub use runtime::rate_limit::RateLimit;
pub use runtime::response::ApiResponse;
pub use runtime::retry::RetryPolicy;

// The README's Rust examples compile as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;

/// Declares API endpoints as the methods of a trait and implements them for [`Client`].
///
/// ```no_run
/// use autoposting_client::{api, Client, Result};
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Debug, Deserialize)]
/// pub struct Agent { pub id: String, pub name: String }
///
/// #[derive(Serialize)]
/// pub struct AgentChange<'a> { pub name: &'a str }
///
/// #[api]
/// pub trait MyAgents {
///     /// Renames an agent.
///     #[patch("/agents/<agent_id>")]
///     async fn rename(&self, agent_id: &str, #[body] change: &AgentChange<'_>) -> Result<Agent>;
///
///     /// Lists agents, `limit` at most 100.
///     #[get("/agents")]
///     async fn agents(&self, #[query] limit: Option<u32>, #[query("brandSlug")] brand: Option<&str>) -> Result<Vec<Agent>>;
///
///     /// Deletes an agent.
///     #[delete("/agents/<agent_id>")]
///     async fn remove(&self, agent_id: &str) -> Result<()>;
/// }
///
/// # async fn run() -> Result<()> {
/// let client = Client::builder().api_key("sk-social-...").build()?;
/// let agent = client.rename("agent_01HXYZ", &AgentChange { name: "Weekly digest" }).await?;
/// # Ok(()) }
/// ```
///
/// # Endpoint methods
/// A method with a verb attribute — `#[get("/path")]`, `#[post]`, `#[put]`, `#[patch]` or
/// `#[delete]` — is an endpoint. It must be an `async fn` taking `&self`, with no type
/// parameters and no body, returning `Result<T>` (this crate's [`Result`]). An argument may
/// be `impl Trait` (`agent_id: impl Display`); see [generic methods](#generic-methods).
///
/// - **Path**: starts with `/`, relative to the client's base URL. Each `<name>` fills one
///   whole segment with the argument called `name` (any `Display` type), percent-encoded so
///   that `/`, `%`, `?`, `#`, spaces, `+` and non-ASCII arrive as the same string. An empty,
///   `.` or `..` value fails with [`ErrorKind::InvalidArgument`] before anything is sent.
/// - **`#[query]`** / **`#[query("name")]`**: query parameters under the argument's name or
///   the given one, from any `Serialize` value. `None` adds nothing (never `null` or empty);
///   a `Vec` repeats the key (`status=draft&status=failed`); a struct or map argument adds
///   one parameter per field, named as serde names them.
/// - **`#[body]`**: the JSON body (`Serialize`), at most one, not on GET or DELETE.
/// - **`#[header("Name")]`**: a request header from a scalar value; `None` adds nothing.
///   Visible ASCII only; headers the client sets itself (`Authorization`, `x-api-key`,
///   `Accept`, `Content-Type`, …) cannot be arguments.
/// - **`#[part]`** / **`#[part("name")]`**: one field of a `multipart/form-data` body, from a
///   [`Part`] (bytes with a file name and content type), a string or a number ([`AsPart`]);
///   `None` adds nothing. Not combined with `#[body]`, not on GET or DELETE.
///
/// Every argument needs exactly one of these roles. Each endpoint's documentation ends with
/// the verb and path it sends, and a line per query, header and multipart argument naming
/// it as it goes on the wire (`` `brand_slug` is sent as the query parameter `brandSlug` ``).
///
/// # Retries
/// GET, PUT and DELETE endpoints are retried on transient failures per the client's
/// [`RetryPolicy`]. POST and PATCH are never retried automatically, since the API has no
/// idempotency keys; declare one that is safe to resend as `#[post("/path", idempotent)]`.
///
/// # Sensitive endpoints
/// An endpoint whose answers carry secrets (a new API key, a session token, a webhook
/// signing secret) is declared `#[post("/path", sensitive)]`: its errors keep no body
/// snippet, so a secret that failed to decode never reaches a log.
///
/// # Return types
/// - `Result<T>`: the envelope's `data` decoded as `T` (`T: DeserializeOwned`). `Option<T>`
///   also accepts a missing or `null` `data`. A `T` that is not `Deserialize` is reported
///   at `T`; so is another error type than [`Error`], including through an alias such as
///   `anyhow::Result<T>` (convert where the endpoint is called: `?` does it for `anyhow`).
/// - `Result<()>`: any success: an envelope with or without `data`, an empty body, or 204.
/// - `Result<ApiResponse<T>>` (or `ApiResponse<()>`): the same, with the HTTP status,
///   the response headers and the [`RateLimit`] they carry.
///
/// `{"success": false, …}` is an [`ErrorKind::Api`] error whatever the status, 200 included.
///
/// # What is generated
/// - The trait, kept as a plain interface with its docs, each endpoint's docs ending with
///   the verb and path it sends. Through [`async_trait`](macro@async_trait) its methods return
///   boxed `Send` futures, so the trait is dyn-compatible (`Box<dyn MyAgents>`) and calls can
///   be spawned; `Send + Sync` become supertraits. Methods without a verb that have a default
///   body pass through unchanged, except as said under [generic methods](#generic-methods).
/// - `impl MyAgents for Client`: each method is a few steps into one shared runtime.
/// - `<dyn MyAgents>::ENDPOINTS`: an [`Endpoint`] per method (method, path, operation name).
///
/// A test double implements the trait by hand, with no HTTP:
///
/// ```
/// # use autoposting_client::{api, Result};
/// # #[api] pub trait Health { #[get("/health")] async fn health(&self) -> Result<()>; }
/// struct AlwaysHealthy;
///
/// #[autoposting_client::async_trait]
/// impl Health for AlwaysHealthy {
///     async fn health(&self) -> Result<()> { Ok(()) }
/// }
/// let service: Box<dyn Health> = Box::new(AlwaysHealthy);
/// ```
///
/// A double fails as the API does with [`Error::api`]; the client's own models are
/// `#[non_exhaustive]`, so a double builds them from JSON with `serde_json::from_value`.
///
/// # Generic methods
/// A method that takes `impl Trait` arguments or (default methods only) has type
/// parameters cannot be called through `dyn Trait`; the macro gives it `where Self: Sized`,
/// so that the trait stays dyn-compatible. Such a method is called on [`Client`] or any
/// other implementation, and a default method may loop over endpoints:
///
/// ```no_run
/// # use autoposting_client::{api, Result};
/// # #[derive(serde::Deserialize)] pub struct Agent { pub id: String }
/// #[api]
/// pub trait AgentsById {
///     #[get("/agents/<agent_id>")]
///     async fn agent(&self, agent_id: &str) -> Result<Agent>;
///
///     async fn agents(&self, ids: impl IntoIterator<Item = String> + Send) -> Result<Vec<Agent>> {
///         let mut agents = Vec::new();
///         for id in ids {
///             agents.push(self.agent(&id).await?);
///         }
///         Ok(agents)
///     }
/// }
/// ```
///
/// Such an `async` default method returns its future unboxed (`impl Future`), which is
/// `Send` wherever what it holds is: `tokio::spawn` takes `client.agents(vec![…])`, and the
/// body may hold the iterator of an `impl IntoIterator` across `.await`. A test double that
/// overrides it writes it as a plain `fn` returning `impl Future`, which `#[async_trait]`
/// leaves alone.
///
/// # Options
/// - `#[api(crate = "path")]` names this crate where it is not `::autoposting_client` (a
///   renamed dependency, or a re-export). A path that does not resolve is reported once,
///   at the string.
/// - `#[api(async_fn_docs)]` makes `cargo doc` show the methods as declared
///   (`async fn agent(&self, agent_id: &str) -> Result<Agent>`) rather than in
///   `async_trait`'s desugared form (`fn agent<'life0, 'life1, 'async_trait>(&'life0 self,
///   …) -> Pin<Box<dyn Future<…> + Send + 'async_trait>>`). Only the documentation changes:
///   under `cfg(doc)`, which rustdoc sets while documenting the crate and never for its
///   builds, tests or doctests, the macro emits the trait and `impl Trait for Client` with
///   `async fn`s (each with a `where Self: Sized` that keeps the rendered trait
///   dyn-compatible, as the real one is). A hand-written `#[async_trait] impl` of the trait
///   outside `#[cfg(test)]` would not match that rendering, so mark it
///   `#[cfg(not(doc))]` or leave the option off. This crate's own traits use it.
///
/// # Compile errors
/// Misuse is reported at the offending token, all of a trait's errors in one build: a
/// placeholder without a matching argument or used twice, an invalid placeholder name
/// (`<agent-id>`), an argument without a role, two `#[body]` arguments, `#[body]` or
/// `#[part]` on GET or DELETE, an endpoint that is not `async`, lacks `&self` or has type
/// parameters, an unknown verb or endpoint option, an empty path, one not starting with `/`
/// or with `.`/`..` segments, a reserved header, another error type than [`Error`], a data
/// type that is not `Deserialize`, and what would make the trait not dyn-compatible
/// (associated types and constants). The trait and a placeholder implementation are still
/// emitted, so code calling the trait reports nothing more.
pub use autoposting_macros::api;

/// Re-exported for implementing `#[api]` traits by hand, e.g. in test doubles.
pub use async_trait::async_trait;

/// The date and time crate of the models' timestamps (`chrono::DateTime<Utc>`), re-exported
/// so that a user need not add it to name those types.
pub use chrono;

/// The client and every API trait, so endpoint methods are in scope:
/// `use autoposting_client::prelude::*;`.
pub mod prelude {
    #[allow(unused_imports)] // nothing to import with no area on
    pub use crate::api::traits::*;
    pub use crate::{ApiResponse, Client, Error, ErrorKind, List, Patch, Result};
}

/// Every endpoint the client declares, tag by tag: what [`Client`] covers of the API
/// (of the areas whose features are on).
///
/// ```
/// let operations: Vec<&str> = autoposting_client::endpoints().map(|e| e.operation).collect();
/// assert!(operations.contains(&"get_agent_run"));
/// ```
pub fn endpoints() -> impl Iterator<Item = &'static Endpoint> {
    api::ENDPOINT_TABLES.iter().copied().flatten()
}

/// Paths used by code that `#[api]` generates. Not a stable API.
#[doc(hidden)]
pub mod __private {
    // Generated code names everything through this module, so that a wrong
    // `#[api(crate = "...")]` path fails to resolve once, at the string.
    pub use crate::runtime::argument_type::{PathArgument, SerializeArgument};
    pub use crate::runtime::client::Client;
    pub use crate::runtime::endpoint::Endpoint;
    pub use crate::runtime::envelope::decode as decode_envelope;
    pub use crate::runtime::request::Request;
    pub use crate::runtime::response_type::{EndpointResult, ResponseData};
    pub use async_trait::async_trait;
    pub use reqwest::Method;
    pub use reqwest::header::HeaderName;
}
