//! Webhooks: outbound endpoints that receive real-time events.
//!
//! The [`Webhooks`] trait declares the operations of the API's *Webhooks* tag; [`Client`]
//! implements it.
//!
//! A webhook ([`Webhook`]) subscribes a public HTTPS URL to [`WebhookEvent`]s. Each
//! delivery is a signed `POST` with a JSON body `{id: "evt_…", event, timestamp, orgId,
//! data}` and the headers `X-Autoposting-Event`, `X-Autoposting-Delivery`,
//! `X-Autoposting-Signature` and `X-Autoposting-Timestamp`. The signature is an HMAC-SHA256,
//! keyed with the webhook's secret, of `"<timestamp>.<raw body>"`; compare it in constant
//! time and reject timestamps older than five minutes. Delivery is at least once (dedupe
//! on the payload's `id`), retried on failure for about 18 hours (5 min, 30 min, 2 h, 5 h,
//! 10 h); repeated failures disable the webhook until it is re-enabled with
//! [`Webhooks::update_webhook`] and [`UpdateWebhookRequest::with_enabled`]`(true)`.
//!
//! # Where the documents disagree
//! - **Secret.** The API reference lets the caller supply the `secret` on creation (the
//!   signature header is then present); the concept page says the server generates it and
//!   returns it once, at creation, under `data.webhook.secret`. [`CreatedWebhook`] decodes
//!   both, and [`Webhook::secret`] holds a returned secret. A lost secret cannot be read
//!   again: delete the webhook and create a new one.
//! - **Enabled.** The reference calls the on/off flag `enabled`, the official SDK `active`;
//!   both fill [`Webhook::enabled`]. Requests send `enabled`, as the reference documents.
//! - **No single-webhook read.** The backend has no `GET /webhooks/{id}` (the SDK notes it
//!   answers 404); find a webhook in [`Webhooks::list_webhooks`].
//!
//! # Scopes
//! The authentication page lists `webhooks:read` and `webhooks:write`; the API-key
//! reference's scope list has no webhook scopes.
//!
//! [`Client`]: crate::Client

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::common::string_enum::string_enum;
use crate::{List, Result, api};

pub use crate::jobs::webhook_signature::*;

/// Operations of the *Webhooks* tag.
#[api(crate = "crate")]
pub trait Webhooks {
    /// Creates a webhook endpoint subscribed to `request.events`.
    ///
    /// The URL must be public HTTPS; `["*"]` ([`WebhookEvent::All`]) subscribes to every
    /// event. A webhook is enabled unless `enabled: false` is sent. With a `secret`,
    /// deliveries carry `X-Autoposting-Signature`; the concept page instead has the server
    /// generate the secret and return it once, which [`CreatedWebhook`] keeps (see the
    /// [module docs](self)).
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 400 for a URL that is not
    /// public HTTPS, no events, or an unknown event; 401 without a valid key; 403 without
    /// the `webhooks:write` scope, or with code `billing_suspended` when the subscription
    /// is suspended; 409 for a conflict such as a duplicate; 429 when rate limited.
    #[post("/webhooks", sensitive)]
    async fn create_webhook(
        &self,
        #[body] request: &CreateWebhookRequest,
    ) -> Result<CreatedWebhook>;

    /// Changes the webhook `webhook_id` ([`Webhook::id`], e.g. `wh_01HXYZ`): only the fields
    /// set in `request` are sent. Sending `enabled: true`
    /// re-enables a webhook that repeated delivery failures disabled.
    ///
    /// The reference documents `enabled`; the SDK sends `active`. This client sends
    /// `enabled` and reads either back.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 400 for an invalid URL or
    /// event; 401 without a valid key; 403 without the `webhooks:write` scope or with code
    /// `billing_suspended`; 404 when the webhook does not exist or belongs to another
    /// organisation; 429 when rate limited.
    ///
    /// [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument) for an empty, `.` or
    /// `..` id, before anything is sent.
    #[patch("/webhooks/<webhook_id>", sensitive)]
    async fn update_webhook(
        &self,
        webhook_id: &str,
        #[body] request: &UpdateWebhookRequest,
    ) -> Result<Webhook>;

    /// Sends a test delivery (a synthetic [`WebhookEvent::WebhookTest`] event) to the webhook
    /// `webhook_id` ([`Webhook::id`]) and reports whether its endpoint accepted it.
    ///
    /// The response `{delivered, httpStatus}` is known from the official SDK.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 401 without a valid key; 403
    /// without the `webhooks:write` scope; 404 when the webhook does not exist or belongs to
    /// another organisation; 429 when rate limited. An endpoint that refuses the delivery
    /// is not an error: see [`WebhookTestResult::delivered`].
    ///
    /// [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument) for an empty, `.` or
    /// `..` id, before anything is sent.
    #[post("/webhooks/<webhook_id>/test")]
    async fn test_webhook(&self, webhook_id: &str) -> Result<WebhookTestResult>;

    /// Every webhook of the organisation.
    ///
    /// Known from the official SDK only, which receives a bare array; an object holding the
    /// array with paging fields also decodes into [`List`].
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 401 without a valid key; 403
    /// without the `webhooks:read` scope; 429 when rate limited.
    #[get("/webhooks")]
    async fn list_webhooks(&self) -> Result<List<Webhook>>;

    /// Deletes the webhook `webhook_id` ([`Webhook::id`]); deliveries to it stop.
    ///
    /// Known from the official SDK only. Succeeds on `{"success": true}` with or without
    /// `data`, and on 204.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 401 without a valid key; 403
    /// without the `webhooks:write` scope or with code `billing_suspended`; 404 when the
    /// webhook does not exist or belongs to another organisation; 429 when rate limited.
    ///
    /// [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument) for an empty, `.` or
    /// `..` id, before anything is sent.
    #[delete("/webhooks/<webhook_id>")]
    async fn delete_webhook(&self, webhook_id: &str) -> Result<()>;
}

/// A webhook endpoint.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Webhook {
    /// The webhook id, e.g. `wh_01HXYZ`.
    pub id: String,
    /// The URL deliveries are posted to.
    pub url: String,
    /// The events it is subscribed to.
    pub events: Vec<WebhookEvent>,
    /// Whether deliveries are made: `false` after it was disabled, by request or after
    /// repeated failures. Read from `enabled` (reference) or `active` (SDK).
    #[serde(alias = "active")]
    pub enabled: bool,
    /// A display name, where the webhook has one (the concept page creates webhooks with a
    /// `name`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The signing secret, where the response carries it: on creation when the server
    /// generates it (concept page). It is not shown again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    /// When it was created (RFC 3339, UTC).
    pub created_at: DateTime<Utc>,
}

impl std::fmt::Debug for Webhook {
    /// Shows the signing secret as `[redacted]`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Webhook")
            .field("id", &self.id)
            .field("url", &self.url)
            .field("events", &self.events)
            .field("enabled", &self.enabled)
            .field("name", &self.name)
            .field("secret", &self.secret.as_ref().map(|_| "[redacted]"))
            .field("created_at", &self.created_at)
            .finish()
    }
}

/// What [`Webhooks::create_webhook`] returns: the new webhook, in whichever of the two
/// documented shapes the server used. Serialises back in the shape it came in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum CreatedWebhook {
    /// The webhook itself, as the API reference and the SDK show it.
    Bare(Webhook),
    /// `{"webhook": {…}}`, as the concept page's example reads it (`data.webhook.secret`).
    Wrapped {
        /// The new webhook.
        webhook: Webhook,
    },
}

impl CreatedWebhook {
    /// The new webhook.
    pub fn webhook(&self) -> &Webhook {
        match self {
            CreatedWebhook::Bare(webhook) | CreatedWebhook::Wrapped { webhook } => webhook,
        }
    }

    /// The new webhook, by value.
    pub fn into_webhook(self) -> Webhook {
        match self {
            CreatedWebhook::Bare(webhook) | CreatedWebhook::Wrapped { webhook } => webhook,
        }
    }

    /// The signing secret the server returned, if it generated one. Keep it: it is shown
    /// only once.
    pub fn secret(&self) -> Option<&str> {
        self.webhook().secret.as_deref()
    }
}

string_enum! {
    /// An event a webhook can subscribe to, or that a delivery carries.
    ///
    /// The reference's subscription list is post.published, post.failed, post.scheduled,
    /// clip.render.completed, clip.render.failed, agent.run.completed, agent.run.failed and
    /// `*`; the concept page adds post.partial, post.cancelled and token.expired, and test
    /// deliveries carry webhook.test.
    pub enum WebhookEvent {
        /// Every event (`*`), for subscriptions.
        All = "*",
        /// A post was published on every platform.
        PostPublished = "post.published",
        /// A post was published on some platforms and failed on others (concept page).
        PostPartial = "post.partial",
        /// A post failed on every platform.
        PostFailed = "post.failed",
        /// A post was scheduled.
        PostScheduled = "post.scheduled",
        /// A scheduled post was cancelled (concept page).
        PostCancelled = "post.cancelled",
        /// A clip finished rendering.
        ClipRenderCompleted = "clip.render.completed",
        /// A clip render failed; no credits were consumed.
        ClipRenderFailed = "clip.render.failed",
        /// An agent run completed.
        AgentRunCompleted = "agent.run.completed",
        /// An agent run failed.
        AgentRunFailed = "agent.run.failed",
        /// A platform connection's token expired (concept page).
        TokenExpired = "token.expired",
        /// A test delivery from [`Webhooks::test_webhook`].
        WebhookTest = "webhook.test",
    }
}

/// The body of [`Webhooks::create_webhook`].
///
/// ```
/// use autoposting_client::webhooks::{CreateWebhookRequest, WebhookEvent};
///
/// let request = CreateWebhookRequest::new(
///     "https://your-server.com/webhooks/autoposting",
///     vec![WebhookEvent::PostPublished, WebhookEvent::PostFailed],
/// )
/// .with_secret("whsec_your_signing_secret");
/// ```
#[derive(Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CreateWebhookRequest {
    /// The public HTTPS URL to deliver to.
    pub url: String,
    /// The events to subscribe to (at least one; [`WebhookEvent::All`] for every event).
    pub events: Vec<WebhookEvent>,
    /// The signing secret; `None` is not sent (the concept page has the server generate
    /// one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    /// Whether to deliver at once; `None` is not sent and the API's default is `true`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// A display name (concept page); `None` is not sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl std::fmt::Debug for CreateWebhookRequest {
    /// Shows the signing secret as `[redacted]`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CreateWebhookRequest")
            .field("url", &self.url)
            .field("events", &self.events)
            .field("secret", &self.secret.as_ref().map(|_| "[redacted]"))
            .field("enabled", &self.enabled)
            .field("name", &self.name)
            .finish()
    }
}

impl CreateWebhookRequest {
    /// A webhook delivering `events` to `url`, with no secret, name or `enabled` sent.
    pub fn new(url: impl Into<String>, events: Vec<WebhookEvent>) -> Self {
        CreateWebhookRequest {
            url: url.into(),
            events,
            secret: None,
            enabled: None,
            name: None,
        }
    }

    /// Sets the signing secret.
    pub fn with_secret(mut self, secret: impl Into<String>) -> Self {
        self.secret = Some(secret.into());
        self
    }

    /// Sets whether deliveries start enabled.
    pub fn with_enabled(mut self, enabled: bool) -> Self {
        self.enabled = Some(enabled);
        self
    }

    /// Sets the display name.
    pub fn with_name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }
}

/// The body of [`Webhooks::update_webhook`]: only the fields set are sent.
///
/// ```
/// use autoposting_client::webhooks::UpdateWebhookRequest;
///
/// // Re-enable a webhook that was disabled after repeated failures.
/// let request = UpdateWebhookRequest::new().with_enabled(true);
/// ```
#[derive(Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UpdateWebhookRequest {
    /// A new delivery URL (public HTTPS); `None` is not sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The new event list, replacing the old one; `None` is not sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<WebhookEvent>>,
    /// A new signing secret; `None` is not sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    /// Enables or disables deliveries; `None` is not sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}

impl std::fmt::Debug for UpdateWebhookRequest {
    /// Shows the signing secret as `[redacted]`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UpdateWebhookRequest")
            .field("url", &self.url)
            .field("events", &self.events)
            .field("secret", &self.secret.as_ref().map(|_| "[redacted]"))
            .field("enabled", &self.enabled)
            .finish()
    }
}

impl UpdateWebhookRequest {
    /// An update that changes nothing (`{}`).
    pub fn new() -> Self {
        UpdateWebhookRequest::default()
    }

    /// Sets the delivery URL.
    pub fn with_url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }

    /// Replaces the event list.
    pub fn with_events(mut self, events: Vec<WebhookEvent>) -> Self {
        self.events = Some(events);
        self
    }

    /// Sets the signing secret.
    pub fn with_secret(mut self, secret: impl Into<String>) -> Self {
        self.secret = Some(secret.into());
        self
    }

    /// Enables or disables deliveries.
    pub fn with_enabled(mut self, enabled: bool) -> Self {
        self.enabled = Some(enabled);
        self
    }
}

/// The outcome of [`Webhooks::test_webhook`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WebhookTestResult {
    /// Whether the endpoint answered with a 2xx.
    pub delivered: bool,
    /// The HTTP status the endpoint answered with; `None` when it could not be reached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u16>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_signing_secret() {
        let create = CreateWebhookRequest::new("https://example.com/hook", vec![WebhookEvent::All])
            .with_secret("whsec_TOPSECRET");
        let update = UpdateWebhookRequest::new().with_secret("whsec_TOPSECRET");
        let webhook: Webhook = serde_json::from_value(serde_json::json!({
            "id": "wh_1", "url": "https://example.com/hook", "events": ["*"], "enabled": true,
            "secret": "whsec_TOPSECRET", "createdAt": "2024-01-10T09:00:00Z"
        }))
        .unwrap();
        for shown in [
            format!("{create:?}"),
            format!("{update:?}"),
            format!("{webhook:?}"),
        ] {
            assert!(!shown.contains("TOPSECRET"), "{shown}");
            assert!(shown.contains("[redacted]"), "{shown}");
        }
    }
}
