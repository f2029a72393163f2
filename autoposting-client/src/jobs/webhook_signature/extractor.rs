//! An axum extractor that verifies a webhook delivery before the handler sees it.

use std::time::SystemTime;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRef, FromRequest, Request};
use axum::response::{IntoResponse, Response};

use super::{Verifier, VerifyError, WebhookPayload};

/// A verified webhook delivery, as an axum extractor (feature `axum`).
///
/// It reads the whole body (within axum's body limit, 2 MB by default), verifies it with
/// the [`Verifier`] taken from the router's state (`Verifier: FromRef<S>`) at the current
/// time, and decodes the event. A delivery that fails is refused with a
/// [`WebhookRejection`] and the handler does not run. Put it last among the handler's
/// arguments, since it consumes the body.
///
/// ```no_run
/// use autoposting_client::webhooks::{Verifier, VerifiedWebhook};
/// use axum::{Router, routing::post};
///
/// async fn receive(VerifiedWebhook(event): VerifiedWebhook) -> &'static str {
///     println!("{} {}", event.event, event.id);
///     "ok"
/// }
///
/// # async fn run() -> std::io::Result<()> {
/// let app = Router::new()
///     .route("/webhooks/autoposting", post(receive))
///     .with_state(Verifier::new("whsec_…"));
/// let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
/// axum::serve(listener, app).await
/// # }
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct VerifiedWebhook(pub WebhookPayload);

impl<S> FromRequest<S> for VerifiedWebhook
where
    S: Send + Sync,
    Verifier: FromRef<S>,
{
    type Rejection = WebhookRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let verifier = Verifier::from_ref(state);
        let headers = request.headers().clone();
        let body = Bytes::from_request(request, state)
            .await
            .map_err(WebhookRejection::Body)?;
        verifier
            .verify(&headers, &body, SystemTime::now())
            .map(VerifiedWebhook)
            .map_err(WebhookRejection::Refused)
    }
}

/// Why [`VerifiedWebhook`] refused a request; answers with a plain-text reason.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookRejection {
    /// The body could not be read (too large, or the connection failed); axum's own
    /// status (413, 400, …).
    #[error(transparent)]
    Body(BytesRejection),
    /// The delivery failed verification; status [`VerifyError::http_status`] (400 or 401).
    #[error(transparent)]
    Refused(VerifyError),
}

impl IntoResponse for WebhookRejection {
    fn into_response(self) -> Response {
        match self {
            WebhookRejection::Body(rejection) => rejection.into_response(),
            WebhookRejection::Refused(error) => {
                (error.http_status(), error.to_string()).into_response()
            }
        }
    }
}
