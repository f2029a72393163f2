//! Endpoints a user of the client would declare, used by the integration tests in
//! `tests/`: they exercise the `#[api]` macro from outside the client crate, as users do;
//! and, in [`support`], the servers those tests share.

pub mod support;

use autoposting_client::{Result, api};
use serde::{Deserialize, Serialize};

/// A run, as a user might model it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MyRun {
    /// Run id.
    pub id: String,
    /// Status as sent.
    pub status: String,
    /// Tokens used.
    pub tokens_used: u64,
}

/// A page of runs in the documented `{runs, total}` shape.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct RunPage {
    /// The runs of the page.
    pub runs: Vec<MyRun>,
    /// How many runs exist.
    pub total: u64,
}

/// An agent.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Agent {
    /// Agent id.
    pub id: String,
    /// Agent name.
    pub name: String,
}

/// A partial update of an agent; `None` fields are left out of the JSON.
#[derive(Debug, Clone, Serialize)]
pub struct AgentChange {
    /// New name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New enabled flag.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}

/// The example trait of the issue: runs of an agent.
#[api]
pub trait Runs {
    /// One run of an agent.
    #[get("/agents/<agent_id>/runs/<run_id>")]
    async fn run(&self, agent_id: &str, run_id: &str) -> Result<MyRun>;

    /// A page of runs.
    #[get("/agents/<agent_id>/runs")]
    async fn runs(
        &self,
        agent_id: &str,
        #[query] limit: Option<u32>,
        #[query] offset: Option<u32>,
    ) -> Result<RunPage>;

    /// Renames an agent.
    #[patch("/agents/<agent_id>")]
    async fn rename(&self, agent_id: &str, #[body] change: &AgentChange) -> Result<Agent>;

    /// Deletes an agent.
    #[delete("/agents/<agent_id>")]
    async fn delete_agent(&self, agent_id: &str) -> Result<()>;

    /// A method with a default body passes through unchanged.
    fn describe(&self) -> &'static str {
        "runs of an agent"
    }
}

/// A platform, serialised the way the API spells it.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    /// X (Twitter).
    X,
    /// LinkedIn.
    LinkedIn,
}

/// A struct of query parameters.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Filter {
    /// Brand slug.
    pub brand_slug: Option<String>,
    /// Page size.
    pub limit: Option<u32>,
}

/// Endpoints that probe the edges of the runtime.
#[api]
pub trait Probe {
    /// Echoes the two path segments the server received, percent-decoded.
    #[get("/echo/<first>/<second>")]
    async fn echo(&self, first: &str, second: &str) -> Result<Vec<String>>;

    /// Every kind of query and header argument.
    #[get("/search")]
    async fn search(
        &self,
        #[query] q: Option<&str>,
        #[query("platform")] platforms: &[Platform],
        #[query] filter: &Filter,
        #[header("X-Request-Id")] request_id: Option<&str>,
    ) -> Result<serde_json::Value>;

    /// A POST with no body and a numeric path argument.
    #[post("/items/<id>/touch")]
    async fn touch(&self, id: u64) -> Result<()>;

    /// Data that may be absent.
    #[get("/maybe")]
    async fn maybe(&self) -> Result<Option<MyRun>>;

    /// Argument names that a careless expansion could collide with.
    #[put("/hygiene/<self_>/<request>/<type>")]
    async fn hygiene(
        &self,
        self_: &str,
        request: &str,
        r#type: &str,
        #[query] client: Option<&str>,
        #[query] endpoint: Option<&str>,
        #[body] __private: &serde_json::Value,
    ) -> Result<()>;
}

/// The media uploaded by [`Uploads::upload`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Uploaded {
    /// Where the file is served.
    pub url: String,
}

/// Multipart bodies and response metadata.
#[api]
pub trait Uploads {
    /// A multipart upload: a file part and an optional text part.
    #[post("/media/upload")]
    async fn upload(
        &self,
        #[part] file: &autoposting_client::Part,
        #[part("altText")] alt: Option<&str>,
    ) -> Result<Uploaded>;

    /// Data together with status and headers.
    #[get("/media/<id>")]
    async fn media_with_headers(
        &self,
        id: &str,
    ) -> Result<autoposting_client::ApiResponse<Uploaded>>;

    /// No data, but status and headers.
    #[delete("/media/<id>")]
    async fn delete_media_with_headers(
        &self,
        id: &str,
    ) -> Result<autoposting_client::ApiResponse<()>>;
}

/// Endpoints with and without the `idempotent` declaration, for retry tests.
#[api]
pub trait Writes {
    /// A POST: never retried automatically.
    #[post("/posts")]
    async fn create_thing(&self, #[body] body: &serde_json::Value) -> Result<serde_json::Value>;

    /// A POST declared idempotent: retried like a GET.
    #[post("/posts/<id>/score", idempotent)]
    async fn score_thing(&self, id: &str) -> Result<serde_json::Value>;

    /// A GET, with response metadata.
    #[get("/things/<id>")]
    async fn get_thing(
        &self,
        id: &str,
    ) -> Result<autoposting_client::ApiResponse<serde_json::Value>>;
}
