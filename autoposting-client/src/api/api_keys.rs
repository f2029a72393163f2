//! API keys: create, list and update the keys used for programmatic access.
//!
//! The [`ApiKeys`] trait declares the operations of the API's *API Keys* tag; [`Client`]
//! implements it.
//!
//! Keys are scoped to one organisation and carry [`ApiKeyScope`]s. Managing keys needs a
#![cfg_attr(
    feature = "auth",
    doc = "session token from [`Auth::login`](crate::auth::Auth::login) (set it as the client's key),"
)]
#![cfg_attr(
    not(feature = "auth"),
    doc = "session token from `Auth::login` (set it as the client's key),"
)]
//! not an API key. The full key value is returned once, by
//! [`create_api_key`](ApiKeys::create_api_key); lists show only a hint.
//!
//! # Errors common to every operation
//! Besides the errors each method lists, every call can fail with
//! [`ErrorKind::Api`](crate::ErrorKind::Api) 401 when the credential is missing, invalid or
//! expired, 429 when rate limited (`Retry-After` in seconds), and 500; and with transport
//! and decode errors.
//!
//! [`Client`]: crate::Client

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::common::string_enum::string_enum;
use crate::{List, Patch, Result, api};

/// Operations of the *API Keys* tag.
#[api(crate = "crate", async_fn_docs)]
pub trait ApiKeys {
    /// The API keys of the active organisation, each with a [`key_hint`](ApiKey::key_hint)
    /// and never the full key.
    ///
    /// The reference shows a bare array; any other list shape of the API decodes into
    /// [`List`] too.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) 401 without a valid credential.
    #[get("/api-keys")]
    async fn list_api_keys(&self) -> Result<List<ApiKey>>;

    /// Creates an API key in the active organisation; the response's
    /// [`key`](ApiKey::key) holds the full key, shown this once.
    ///
    /// Needs a session token, not an API key. The reference's example key starts with
    /// `ap_live_` while the authentication page says keys start with `sk-social-`: treat
    /// the value as opaque.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) 400 for a missing or invalid field (`name`
    /// and `scopes` are required); 401 without a valid session token (the authentication
    /// page requires one, without saying what an API key gets); 403 with code
    /// `billing_suspended` when the subscription is expired or suspended.
    #[post("/api-keys", sensitive)]
    async fn create_api_key(&self, #[body] request: &CreateApiKeyRequest) -> Result<ApiKey>;

    /// Renames a key or changes its expiry; only the fields set on `request` are sent.
    /// `key_id` is e.g. `key_01HXYZ`, sent as a percent-encoded path segment.
    ///
    /// The response body is not published ("API key updated"); it is read as the updated
    /// [`ApiKey`], with [`updated_at`](ApiKey::updated_at) where the server sends it.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) 400 for an invalid field; 401 without a
    /// valid credential; 403 with code `billing_suspended`; 404 when the key does not exist
    /// or belongs to another organisation.
    /// [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument) for an empty, `.`
    /// or `..` id, before anything is sent.
    #[patch("/api-keys/<key_id>")]
    async fn update_api_key(
        &self,
        key_id: &str,
        #[body] request: &UpdateApiKeyRequest,
    ) -> Result<ApiKey>;
}

/// An API key and its metadata.
///
/// `Debug` shows `key` as `[redacted]`.
///
/// ```json
/// {"id": "key_01HXYZ", "name": "CI/CD Pipeline Key", "keyHint": "ap_live_abc1...xyz7",
///  "scopes": ["posts:read", "posts:write", "brands:read"], "lastUsedAt": "2024-01-10T08:00:00Z",
///  "expiresAt": null, "createdAt": "2024-01-01T00:00:00Z"}
/// ```
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ApiKey {
    /// `id`: the key's id, e.g. `key_01HXYZ`.
    pub id: String,
    /// `name`: its human-readable label, e.g. `CI/CD Pipeline Key`.
    pub name: String,
    /// `key`: the full key: only in the response to [`ApiKeys::create_api_key`]. Store it then;
    /// it cannot be read again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// `keyHint`: the start and end of the key, e.g. `ap_live_abc1...xyz7`: in lists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_hint: Option<String>,
    /// `scopes`: what the key may do.
    pub scopes: Vec<ApiKeyScope>,
    /// `lastUsedAt`: when the key was last used; `None` if never, or not in this response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_used_at: Option<DateTime<Utc>>,
    /// `expiresAt`: when the key stops working; `None` if it never expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<DateTime<Utc>>,
    /// `createdAt`: when the key was created (RFC 3339, UTC). Optional: the answer of
    /// `POST /api-keys`, which carries the only copy of the key, must decode whatever it
    /// leaves out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<DateTime<Utc>>,
    /// `updatedAt`: when the key was last changed: in update responses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<DateTime<Utc>>,
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiKey")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("key", &self.key.as_ref().map(|_| "[redacted]"))
            .field("key_hint", &self.key_hint)
            .field("scopes", &self.scopes)
            .field("last_used_at", &self.last_used_at)
            .field("expires_at", &self.expires_at)
            .field("created_at", &self.created_at)
            .field("updated_at", &self.updated_at)
            .finish()
    }
}

string_enum! {
    /// What an API key may do: a resource and `read` or `write`.
    ///
    /// The reference's enum (used here) names knowledge bases `kbs:*` and has `usage:read`;
    /// the authentication page names them `kb:*` (decoded to the same variants) and adds
    /// `webhooks:*`. Out-of-scope calls fail with 403.
    pub enum ApiKeyScope {
        /// Read posts.
        PostsRead = "posts:read",
        /// Create, change and publish posts.
        PostsWrite = "posts:write",
        /// Read brands.
        BrandsRead = "brands:read",
        /// Create and change brands.
        BrandsWrite = "brands:write",
        /// Read clips.
        ClipsRead = "clips:read",
        /// Upload and render clips.
        ClipsWrite = "clips:write",
        /// Read carousels.
        CarouselsRead = "carousels:read",
        /// Create and change carousels.
        CarouselsWrite = "carousels:write",
        /// Read agents and their runs.
        AgentsRead = "agents:read",
        /// Create, change and run agents.
        AgentsWrite = "agents:write",
        /// Read and search knowledge bases.
        KbsRead = "kbs:read" | "kb:read",
        /// Create knowledge bases and ingest documents.
        KbsWrite = "kbs:write" | "kb:write",
        /// Read usage.
        UsageRead = "usage:read",
        /// Read webhooks (authentication page only).
        WebhooksRead = "webhooks:read",
        /// Create and change webhooks (authentication page only).
        WebhooksWrite = "webhooks:write",
    }
}

/// The body of [`ApiKeys::create_api_key`], built with [`CreateApiKeyRequest::builder`]:
/// `name` and `scopes` are required; without `expires_at` the key never expires.
///
/// ```
/// use autoposting_client::api_keys::{ApiKeyScope, CreateApiKeyRequest};
///
/// let request = CreateApiKeyRequest::builder()
///     .name("CI/CD Pipeline Key")
///     .scopes([ApiKeyScope::PostsRead, ApiKeyScope::PostsWrite])
///     .build();
/// ```
///
/// ```json
/// {"name": "CI/CD Pipeline Key", "scopes": ["posts:read", "posts:write", "brands:read"],
///  "expiresAt": "2023-11-07T05:31:56Z"}
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CreateApiKeyRequest {
    /// `name`: A human-readable label.
    pub name: String,
    /// `scopes`: what the key may do; at least one.
    #[builder(into)]
    pub scopes: Vec<ApiKeyScope>,
    /// `expiresAt`: when the key stops working; left out, it never expires.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<DateTime<Utc>>,
}

/// The body of [`ApiKeys::update_api_key`], built with [`UpdateApiKeyRequest::builder`]:
/// unset fields are left out, so the server keeps them.
///
/// `expires_at` takes a time, or [`Patch::Clear`] to make the key never expire
/// (`"expiresAt": null`).
///
/// ```
/// use autoposting_client::api_keys::UpdateApiKeyRequest;
/// use autoposting_client::Patch;
///
/// // Rename the key and make it never expire.
/// let change = UpdateApiKeyRequest::builder()
///     .name("Updated Key Name")
///     .expires_at(Patch::Clear)
///     .build();
/// ```
///
/// ```json
/// {"name": "Updated Key Name", "expiresAt": "2025-01-01T00:00:00Z"}
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UpdateApiKeyRequest {
    /// `name`: A new display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `expiresAt`: A new expiry: [`Patch::Set`] a time, [`Patch::Clear`] (`null`) for none, or
    /// [`Patch::Keep`] to leave it.
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[builder(default, into)]
    pub expires_at: Patch<DateTime<Utc>>,
}
