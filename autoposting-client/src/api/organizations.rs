//! Organizations (workspaces) a session belongs to, and the active one.
//!
//! The [`Organizations`] trait declares the operations of the API's *Organizations* tag;
//! [`Client`] implements it.
//!
#![cfg_attr(
    feature = "auth",
    doc = "Both operations need a session token (from [`Auth::login`](crate::auth::Auth::login) or"
)]
#![cfg_attr(
    not(feature = "auth"),
    doc = "Both operations need a session token (from `Auth::login` or"
)]
//! the device-code flow) as the client's key: an API key is bound to the one organisation
//! it was created in, and gets a bare 401 here. They are known from the official SDK only,
//! and the tag is inferred.
//!
//! # Errors common to every operation
//! [`ErrorKind::Api`](crate::ErrorKind::Api) 401 with an API key, or without a valid
//! session; 429 when rate limited (`Retry-After` in seconds); 500. The SDK says the 401 to
//! an API key may come without an error envelope, as
//! [`ErrorKind::Status`](crate::ErrorKind::Status) 401. Transport and decode errors as for
//! every call.
//!
//! [`Client`]: crate::Client

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{List, Result, api};

/// Operations of the *Organizations* tag.
#[api(crate = "crate", async_fn_docs)]
pub trait Organizations {
    /// The organisations the signed-in user belongs to, and which one is active.
    ///
    /// The SDK reads `{"organizations": […], "activeOrgId": "…"}`; the list also decodes
    /// from the API's other list shapes (`{"items": […], "total"}`).
    ///
    /// # Errors
    /// Only the common ones (see the [module docs](self)).
    #[get("/orgs")]
    async fn list_organizations(&self) -> Result<OrganizationList>;

    /// Makes `request`'s organisation the session's active one: later calls with this
    /// session act in it.
    ///
    /// The SDK ignores the response (its fixture answers with the organisation's `id`,
    /// `name` and `slug`); any success is `Ok(())`.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) 400 for a missing `organizationId`; an
    /// organisation the user does not belong to is an API error too (its status is not
    /// documented; 404 by the API's rule for ids outside the caller's reach); and the common
    /// ones.
    #[put("/orgs/active")]
    async fn switch_active_organization(
        &self,
        #[body] request: &SwitchOrganizationRequest,
    ) -> Result<()>;
}

/// The organisations of a user, from [`Organizations::list_organizations`].
///
/// ```json
/// {
///   "organizations": [
///     {"id": "org-1", "name": "Acme Corp", "slug": "acme", "createdAt": "2024-01-01T00:00:00Z"},
///     {"id": "org-2", "name": "Globex", "slug": "globex"}
///   ],
///   "activeOrgId": "org-1"
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct OrganizationList {
    /// `organizations` (the SDK's key; another list key such as `items`, with `total`,
    /// `limit` and `offset`, is read too and written back as received): the organisations,
    /// with any paging facts the response carried.
    #[serde(flatten)]
    pub organizations: List<Organization>,
    /// `activeOrgId`: the id of the organisation the session acts in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_org_id: Option<String>,
}

impl OrganizationList {
    /// The active organisation, if it is in the list.
    pub fn active(&self) -> Option<&Organization> {
        let active = self.active_org_id.as_deref()?;
        self.organizations.iter().find(|org| org.id == active)
    }
}

/// An organisation (a workspace: the SDK's `Workspace`).
///
/// ```json
/// {"id": "org-1", "name": "Acme Corp", "slug": "acme", "createdAt": "2024-01-01T00:00:00Z"}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Organization {
    /// `id`: the organisation's id, e.g. `org-1`.
    pub id: String,
    /// `name`: its display name, e.g. `Acme Corp`.
    pub name: String,
    /// `slug`: its URL slug, e.g. `acme`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    /// `createdAt`: when it was created (RFC 3339, UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<DateTime<Utc>>,
}

/// The body of [`Organizations::switch_active_organization`].
///
/// ```
/// use autoposting_client::organizations::SwitchOrganizationRequest;
///
/// let request = SwitchOrganizationRequest::builder().organization_id("org-2").build();
/// ```
///
/// ```json
/// {"organizationId": "org-2"}
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, bon::Builder)]
#[serde(rename_all = "camelCase")]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct SwitchOrganizationRequest {
    /// `organizationId`: the id of the organisation to act in.
    pub organization_id: String,
}
