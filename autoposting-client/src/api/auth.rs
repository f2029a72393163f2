//! Auth: sign-in, profile, social login and the CLI device-code flow.
//!
//! The [`Auth`] trait declares the operations of the API's *Auth* tag; [`Client`]
//! implements it.
//!
//! The API takes two kinds of credential, both set with
//! [`ClientBuilder::api_key`](crate::ClientBuilder::api_key): an organisation-scoped API
//! key (`sk-social-…`) for automation, or a session token from [`Auth::login`],
//! [`Auth::exchange_social_code`] or the device-code flow, which acts with the user's full
//! permissions and expires. Sign-in calls need no credential: build the client without one.
//!
//! `Debug` never shows passwords, tokens or device codes: they print as `[redacted]`.
//!
//! # Errors common to every operation
//! Besides the errors each method lists, every call can fail with
//! [`ErrorKind::Api`](crate::ErrorKind::Api) 429 when rate limited (`Retry-After` in
//! seconds) and 500, and with transport and decode errors.
//!
//! [`Client`]: crate::Client

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::common::string_enum::string_enum;
use crate::{Result, api};

/// Operations of the *Auth* tag.
#[api(crate = "crate", async_fn_docs)]
pub trait Auth {
    /// Signs in with an e-mail address and password and returns a session token, to use as
    /// the client's key for calls that need a session (creating API keys, listing
    /// organisations). Session tokens expire; long-running services should use API keys.
    ///
    /// The documented answer is abbreviated to `{"data": {"token": "eyJhbGci..."}}`,
    /// without `success`; it decodes as shown.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) 400 for a missing field; a rejected
    /// e-mail address or password is an API error too (the docs do not give its status;
    /// expect 401).
    #[post("/auth/login", sensitive)]
    async fn login(&self, #[body] request: &LoginRequest) -> Result<AuthSession>;

    /// Who the client's credential belongs to: for an API key, the organisation
    /// ([`auth_type`](Profile::auth_type) `api_key`, with an empty e-mail address); for a
    /// session, the user.
    ///
    /// Known from the official SDK and its test fixtures, not from a reference page.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) 401 when the credential is rejected or
    /// expired.
    #[get("/auth/profile")]
    async fn get_profile(&self) -> Result<Profile>;

    /// Changes the signed-in user's display name or avatar; only the fields set on
    /// `request` are sent. Returns the updated profile.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) 400 for an invalid field; 401 without a
    /// valid session.
    #[patch("/auth/profile")]
    async fn update_profile(&self, #[body] request: &UpdateProfileRequest) -> Result<Profile>;

    /// Exchanges the authorization code from a Google or GitHub OAuth redirect for a
    /// session: its token and the signed-in user.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) 400 for a missing field or a provider
    /// other than `google` or `github`; a code the provider rejects (expired, already used)
    /// is an API error too, with a status the docs do not give.
    #[post("/auth/social/exchange", sensitive)]
    async fn exchange_social_code(
        &self,
        #[body] request: &SocialExchangeRequest,
    ) -> Result<AuthSession>;

    /// Starts a device-code sign-in, as the official CLI does: show the user
    /// [`user_code`](DeviceCode::user_code) and [`verification_uri`](DeviceCode::verification_uri),
    /// then call [`poll_device_code`](Auth::poll_device_code) every
    /// [`interval`](DeviceCode::interval) seconds until it completes or
    /// [`expires_in`](DeviceCode::expires_in) seconds pass. Needs no credential.
    ///
    /// Known from the official CLI only. **Caveat:** the CLI reads this response as a bare
    /// object, without the API's `{"success", "data"}` envelope; this client reads the
    /// envelope, as for every endpoint, and fails with
    /// [`ErrorKind::Decode`](crate::ErrorKind::Decode) if the server sends the bare object.
    ///
    /// # Errors
    /// No error is documented beyond the common ones.
    #[post("/auth/cli/device-code", sensitive)]
    async fn create_device_code(&self) -> Result<DeviceCode>;

    /// Asks whether the user has approved a device-code sign-in. `device_code` is
    /// [`DeviceCode::device_code`], sent as the `device_code` query parameter.
    ///
    /// While the user has not answered, the status is
    /// [`AuthorizationPending`](DevicePollStatus::AuthorizationPending); on
    /// [`SlowDown`](DevicePollStatus::SlowDown) wait the returned
    /// [`interval`](DevicePoll::interval) (or double yours) before asking again; on
    /// [`Complete`](DevicePollStatus::Complete) the poll carries the session token.
    ///
    /// Known from the official CLI only; the envelope caveat of
    /// [`create_device_code`](Auth::create_device_code) applies here too.
    ///
    /// # Errors
    /// No error is documented beyond the common ones: expiry and refusal arrive as statuses
    /// ([`ExpiredToken`](DevicePollStatus::ExpiredToken),
    /// [`AccessDenied`](DevicePollStatus::AccessDenied)), not as errors.
    #[get("/auth/cli/poll", sensitive)]
    async fn poll_device_code(
        &self,
        #[query("device_code")] device_code: &str,
    ) -> Result<DevicePoll>;
}

/// The body of [`Auth::login`]. `Debug` shows the password as `[redacted]`.
///
/// ```json
/// {"email": "you@example.com", "password": "your-password"}
/// ```
#[derive(Clone, PartialEq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LoginRequest {
    /// `email`: the account's e-mail address.
    pub email: String,
    /// `password`: the account's password.
    pub password: String,
}

impl LoginRequest {
    /// Credentials for `email` with `password`.
    pub fn new(email: impl Into<String>, password: impl Into<String>) -> Self {
        LoginRequest {
            email: email.into(),
            password: password.into(),
        }
    }
}

impl fmt::Debug for LoginRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LoginRequest")
            .field("email", &self.email)
            .field("password", &"[redacted]")
            .finish()
    }
}

/// A session from [`Auth::login`] or [`Auth::exchange_social_code`]. `Debug` shows the
/// token as `[redacted]`.
///
/// ```json
/// {"token": "sk-social-your-key",
///  "user": {"id": "usr_01HXYZ", "email": "user@example.com", "name": "Jane Doe", "emailVerified": true}}
/// ```
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AuthSession {
    /// `token`: the session (Bearer) token: pass it to
    /// [`ClientBuilder::api_key`](crate::ClientBuilder::api_key). It expires.
    pub token: String,
    /// `user`: the signed-in user: in social-login responses; `None` from [`Auth::login`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<Profile>,
}

impl fmt::Debug for AuthSession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthSession")
            .field("token", &"[redacted]")
            .field("user", &self.user)
            .finish()
    }
}

/// Who a credential belongs to, or a user's profile.
///
/// [`Auth::get_profile`] answers with `orgId` and `authType` (SDK);
/// [`Auth::update_profile`] and social login with `avatarUrl`, `emailVerified` and
/// `createdAt` (reference). Fields not in both are optional.
///
/// ```json
/// {"id": "usr_01HXYZ", "email": "user@example.com", "name": "Jane Doe",
///  "avatarUrl": "https://cdn.example.com/avatar.jpg", "emailVerified": true,
///  "createdAt": "2024-01-01T00:00:00Z"}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Profile {
    /// `id`: the user id (`usr_01HXYZ`), or for an API key the organisation's id.
    pub id: String,
    /// `email`: the e-mail address; empty for an API key.
    pub email: String,
    /// `name`: the display name; `API Key` for an API key.
    pub name: String,
    /// `orgId`: the organisation the credential acts in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_id: Option<String>,
    /// `authType`: whether the credential is an API key or a session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_type: Option<AuthType>,
    /// `avatarUrl`: the avatar image's URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar_url: Option<String>,
    /// `emailVerified`: whether the e-mail address is verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_verified: Option<bool>,
    /// `createdAt`: when the user signed up (RFC 3339, UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<DateTime<Utc>>,
}

string_enum! {
    /// The kind of credential behind a [`Profile`].
    pub enum AuthType {
        /// An organisation-scoped API key.
        ApiKey = "api_key",
        /// A user's session token.
        Session = "session",
    }
}

/// The body of [`Auth::update_profile`], built with [`UpdateProfileRequest::builder`]: unset
/// fields are left out, so the server keeps them.
///
/// ```
/// use autoposting_client::auth::UpdateProfileRequest;
///
/// let change = UpdateProfileRequest::builder().name("Jane Doe").build();
/// ```
///
/// ```json
/// {"name": "Jane Doe", "avatarUrl": "https://cdn.example.com/avatar.jpg"}
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UpdateProfileRequest {
    /// `name`: A new display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `avatarUrl`: A new avatar image URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub avatar_url: Option<String>,
}

string_enum! {
    /// An identity provider for social login.
    pub enum SocialProvider {
        /// Google.
        Google = "google",
        /// GitHub.
        Github = "github",
    }
}

/// The body of [`Auth::exchange_social_code`]. `Debug` shows the code as `[redacted]`.
///
/// ```json
/// {"provider": "google", "code": "<string>"}
/// ```
#[derive(Clone, PartialEq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SocialExchangeRequest {
    /// `provider`: the provider that issued the code.
    pub provider: SocialProvider,
    /// `code`: the authorization code from the OAuth redirect.
    pub code: String,
}

impl SocialExchangeRequest {
    /// An exchange of `code` from `provider`.
    pub fn new(provider: SocialProvider, code: impl Into<String>) -> Self {
        SocialExchangeRequest {
            provider,
            code: code.into(),
        }
    }
}

impl fmt::Debug for SocialExchangeRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SocialExchangeRequest")
            .field("provider", &self.provider)
            .field("code", &"[redacted]")
            .finish()
    }
}

/// A started device-code sign-in, from [`Auth::create_device_code`]. `Debug` shows the
/// device code as `[redacted]`.
///
/// ```json
/// {"deviceCode": "dc_8f2…", "userCode": "ABCD-1234",
///  "verificationUri": "https://app.autoposting.ai/device", "expiresIn": 900, "interval": 5}
/// ```
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DeviceCode {
    /// `deviceCode`: the secret code to poll with; not for the user.
    pub device_code: String,
    /// `userCode`: the code the user enters, e.g. `ABCD-1234`.
    pub user_code: String,
    /// `verificationUri`: where the user enters it.
    pub verification_uri: String,
    /// `expiresIn`: how long the codes stay valid, in seconds.
    pub expires_in: u64,
    /// `interval`: how long to wait between polls, in seconds.
    pub interval: u64,
}

impl fmt::Debug for DeviceCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeviceCode")
            .field("device_code", &"[redacted]")
            .field("user_code", &self.user_code)
            .field("verification_uri", &self.verification_uri)
            .field("expires_in", &self.expires_in)
            .field("interval", &self.interval)
            .finish()
    }
}

/// The state of a device-code sign-in, from [`Auth::poll_device_code`]. `Debug` shows the
/// session token as `[redacted]`.
///
/// ```json
/// {"status": "complete", "sessionToken": "eyJhbGci...", "orgId": "org_01HXYZ"}
/// ```
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DevicePoll {
    /// `status`: where the sign-in stands.
    pub status: DevicePollStatus,
    /// `sessionToken`: the session token, once the status is [`Complete`](DevicePollStatus::Complete).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_token: Option<String>,
    /// `orgId`: the organisation the session acts in, once complete.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_id: Option<String>,
    /// `interval`: A new polling interval in seconds, with [`SlowDown`](DevicePollStatus::SlowDown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<u64>,
}

impl fmt::Debug for DevicePoll {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DevicePoll")
            .field("status", &self.status)
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| "[redacted]"),
            )
            .field("org_id", &self.org_id)
            .field("interval", &self.interval)
            .finish()
    }
}

string_enum! {
    /// Where a device-code sign-in stands (the OAuth device flow's terms).
    pub enum DevicePollStatus {
        /// The user has not answered yet: poll again after the interval.
        AuthorizationPending = "authorization_pending",
        /// The user approved; the poll carries the session token.
        Complete = "complete",
        /// The codes expired: start again.
        ExpiredToken = "expired_token",
        /// The user refused.
        AccessDenied = "access_denied",
        /// Polling too often: wait longer.
        SlowDown = "slow_down",
    }
}
