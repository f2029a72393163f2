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
//! [`Webhooks::update_webhook`] and `UpdateWebhookRequest::builder().enabled(true)`.
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

use crate::common::spelling::keeps_spelling;
use crate::common::string_enum::string_enum;
use crate::{List, Result, api};

pub use crate::jobs::webhook_signature::*;

/// Operations of the *Webhooks* tag.
#[api(crate = "crate", async_fn_docs)]
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

keeps_spelling! {
    /// A webhook endpoint.
    ///
    /// The documented example (`enabled` may come as `active`, the SDK's name; a decoded webhook
    /// is written back with the name it came with; one carrying both decodes, the first
    /// one winning):
    ///
    /// ```json
    /// {
    ///   "id": "wh_01HXYZ",
    ///   "url": "https://your-server.com/webhooks/autoposting",
    ///   "events": ["post.published", "post.failed", "clip.render.completed"],
    ///   "enabled": true,
    ///   "createdAt": "2024-01-01T00:00:00Z"
    /// }
    /// ```
    #[derive(Clone, PartialEq, Eq)]
    #[non_exhaustive]
    pub struct Webhook as "Webhook" {
        /// `id`: the webhook id, e.g. `wh_01HXYZ`.
        pub id: String,
        /// `url`: the URL deliveries are posted to.
        pub url: String,
        /// `events`: the events it is subscribed to.
        pub events: Vec<WebhookEvent>,
        /// `enabled` (reference) or `active` (SDK): whether deliveries are made; `false` after
        /// it was disabled, by request or after repeated failures.
        pub enabled: bool,
        /// `name`: a display name, where the webhook has one (the concept page creates webhooks
        /// with a `name`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub name: Option<String>,
        /// `secret`: the signing secret, where the response carries it: on creation when the
        /// server generates it (concept page). It is not shown again.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub secret: Option<String>,
        /// `createdAt`: when it was created (RFC 3339, UTC).
        pub created_at: DateTime<Utc>,
    }
    aliases = [("active", "enabled")];
    debug = manual;
}

impl std::fmt::Debug for Webhook {
    /// Shows the signing secret as `[redacted]`, and of the URL only its origin (receivers
    /// take a token in the path or the query).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Webhook")
            .field("id", &self.id)
            .field("url", &crate::common::redact::origin(&self.url))
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
///
/// ```json
/// {"webhook": {
///   "id": "wh_02HXYZ",
///   "url": "https://your-server.com/webhooks/autoposting",
///   "events": ["*"],
///   "enabled": true,
///   "name": "Production",
///   "secret": "whsec_generated_once",
///   "createdAt": "2024-01-02T00:00:00Z"
/// }}
/// ```
///
/// An object with a `webhook` key is the wrapped shape, anything else the bare one; a
/// decode error names the failing field inside the shape chosen (`data.webhook.url`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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

// By hand rather than `#[serde(untagged)]`, whose error ("did not match any variant")
// names no field: the shape is chosen first, and its error keeps its path.
impl<'de> Deserialize<'de> for CreatedWebhook {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Wrapped {
            webhook: Webhook,
        }
        let value = serde_json::Value::deserialize(deserializer)?;
        if value.get("webhook").is_some() {
            serde_path_to_error::deserialize::<_, Wrapped>(&value)
                .map(|wrapped| CreatedWebhook::Wrapped {
                    webhook: wrapped.webhook,
                })
                .map_err(crate::runtime::envelope::nested_error)
        } else {
            serde_path_to_error::deserialize::<_, Webhook>(&value)
                .map(CreatedWebhook::Bare)
                .map_err(crate::runtime::envelope::nested_error)
        }
    }
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

/// The body of [`Webhooks::create_webhook`], built with [`CreateWebhookRequest::builder`];
/// `url` and `events` are required, every other field left unset is not sent.
///
/// ```
/// use autoposting_client::webhooks::{CreateWebhookRequest, WebhookEvent};
///
/// let request = CreateWebhookRequest::builder()
///     .url("https://your-server.com/webhooks/autoposting")
///     .events([
///         WebhookEvent::PostPublished,
///         WebhookEvent::PostFailed,
///         WebhookEvent::ClipRenderCompleted,
///     ])
///     .secret("whsec_your_signing_secret")
///     .build();
/// ```
///
/// sends the documented example:
///
/// ```json
/// {
///   "url": "https://your-server.com/webhooks/autoposting",
///   "events": ["post.published", "post.failed", "clip.render.completed"],
///   "secret": "whsec_your_signing_secret"
/// }
/// ```
#[derive(Clone, PartialEq, Eq, Serialize, bon::Builder)]
#[serde(rename_all = "camelCase")]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct CreateWebhookRequest {
    /// `url`: the public HTTPS URL to deliver to.
    pub url: String,
    /// `events`: the events to subscribe to (at least one; [`WebhookEvent::All`] for every
    /// event).
    #[builder(with = |events: impl IntoIterator<Item = WebhookEvent>| events.into_iter().collect())]
    pub events: Vec<WebhookEvent>,
    /// `secret`: the signing secret; `None` is not sent (the concept page has the server
    /// generate one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    /// `enabled`: whether to deliver at once; `None` is not sent and the API's default is
    /// `true`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// `name`: a display name (concept page); `None` is not sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl std::fmt::Debug for CreateWebhookRequest {
    /// Shows the signing secret as `[redacted]`, and of the URL only its origin (receivers
    /// take a token in the path or the query).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CreateWebhookRequest")
            .field("url", &crate::common::redact::origin(&self.url))
            .field("events", &self.events)
            .field("secret", &self.secret.as_ref().map(|_| "[redacted]"))
            .field("enabled", &self.enabled)
            .field("name", &self.name)
            .finish()
    }
}

/// The body of [`Webhooks::update_webhook`], built with [`UpdateWebhookRequest::builder`]:
/// only the fields set are sent.
///
/// ```
/// use autoposting_client::webhooks::UpdateWebhookRequest;
///
/// // Re-enable a webhook that was disabled after repeated failures: `{"enabled": true}`.
/// let request = UpdateWebhookRequest::builder().enabled(true).build();
/// ```
///
/// The documented example sets every field:
///
/// ```json
/// {"url": "<string>", "events": [], "secret": "<string>", "enabled": true}
/// ```
#[derive(Clone, Default, PartialEq, Eq, Serialize, bon::Builder)]
#[serde(rename_all = "camelCase")]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct UpdateWebhookRequest {
    /// `url`: a new delivery URL (public HTTPS); `None` is not sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// `events`: the new event list, replacing the old one; `None` is not sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(with = |events: impl IntoIterator<Item = WebhookEvent>| events.into_iter().collect())]
    pub events: Option<Vec<WebhookEvent>>,
    /// `secret`: a new signing secret; `None` is not sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    /// `enabled`: enables or disables deliveries; `None` is not sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}

impl std::fmt::Debug for UpdateWebhookRequest {
    /// Shows the signing secret as `[redacted]`, and of the URL only its origin (receivers
    /// take a token in the path or the query).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UpdateWebhookRequest")
            .field("url", &crate::common::redact::optional_origin(&self.url))
            .field("events", &self.events)
            .field("secret", &self.secret.as_ref().map(|_| "[redacted]"))
            .field("enabled", &self.enabled)
            .finish()
    }
}

/// The outcome of [`Webhooks::test_webhook`].
///
/// ```json
/// {"delivered": true, "httpStatus": 200}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WebhookTestResult {
    /// `delivered`: whether the endpoint answered with a 2xx.
    pub delivered: bool,
    /// `httpStatus`: the HTTP status the endpoint answered with; `None` when it could not be reached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u16>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_signing_secret_or_the_query_of_a_url() {
        // Receivers take a token in the path (Slack, Discord) or in the query.
        let url = "https://hooks.example.com/services/TOPSECRET?token=TOPSECRET";
        let create = CreateWebhookRequest::builder()
            .url(url)
            .events([WebhookEvent::All])
            .secret("whsec_TOPSECRET")
            .build();
        let update = UpdateWebhookRequest::builder()
            .url(url)
            .secret("whsec_TOPSECRET")
            .build();
        let webhook: Webhook = serde_json::from_value(serde_json::json!({
            "id": "wh_1", "url": url, "events": ["*"], "enabled": true,
            "secret": "whsec_TOPSECRET", "createdAt": "2024-01-10T09:00:00Z"
        }))
        .unwrap();
        for shown in [
            format!("{create:?}"),
            format!("{update:?}"),
            format!("{webhook:?}"),
        ] {
            assert!(!shown.contains("TOPSECRET"), "{shown}");
            assert!(shown.contains(r#"secret: Some("[redacted]")"#), "{shown}");
            assert!(shown.contains(r#""https://hooks.example.com/<redacted>""#), "{shown}");
        }
    }
}
