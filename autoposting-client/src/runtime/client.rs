//! The [`Client`] and its [`ClientBuilder`]: configuration, credentials and the shared
//! connection pool behind every generated endpoint method.
//!
//! Longer than most files here, and kept whole: most of it is the builder's options, each
//! documented with its default, its unit and the errors it can cause, and they read best
//! side by side.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{self, HeaderMap, HeaderName, HeaderValue};
use secrecy::zeroize::Zeroizing;
use secrecy::{ExposeSecret, SecretString};

use crate::runtime::error::{Error, Result};
use crate::runtime::retry::RetryPolicy;

/// The production base URL; every documented path is relative to it.
pub const DEFAULT_BASE_URL: &str = "https://app.autoposting.ai/api-proxy";

/// The environment variable [`Client::from_env`] reads the API key from.
pub const API_KEY_ENV: &str = "AUTOPOSTING_API_KEY";

/// The environment variable [`Client::from_env`] reads an optional base URL from.
pub const BASE_URL_ENV: &str = "AUTOPOSTING_BASE_URL";

/// The default whole-request timeout: connecting, sending and reading the body.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// The default timeout for establishing a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The default limit on a response body: 32 MiB.
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 32 * 1024 * 1024;

/// The default time an idle pooled connection is kept.
pub const DEFAULT_POOL_IDLE_TIMEOUT: Duration = Duration::from_secs(4);

/// How the API key is sent. Both are documented by the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum AuthScheme {
    /// `Authorization: Bearer sk-social-…` (the default).
    #[default]
    Bearer,
    /// `x-api-key: sk-social-…`.
    ApiKeyHeader,
}

/// A client of the Autoposting API.
///
/// Cheap to clone: clones share one configuration and one connection pool, so build a
/// client once and clone it wherever it is needed, across tasks and threads. Endpoint
/// methods come from the traits that the client crate and your own code declare with
/// [`api`](crate::api); bring them into scope with [`prelude`](crate::prelude).
///
/// ```no_run
/// use autoposting_client::prelude::*;
///
/// # async fn run() -> autoposting_client::Result<()> {
/// let client = Client::builder().api_key("sk-social-...").build()?;
/// let run = client.get_agent_run("agent_01HXYZ", "run_01HXYZ").await?;
/// println!("{:?} used {} tokens", run.status, run.tokens_used);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    shared: Arc<Shared>,
    /// This handle's retry policy: the builder's, unless replaced by [`Client::with_retry_policy`].
    retry: RetryPolicy,
}

struct Shared {
    http: reqwest::Client,
    base_url: String,
    scheme: AuthScheme,
    timeout: Duration,
    max_response_bytes: u64,
    /// The prepared credential header, marked sensitive; `None` sends no credentials.
    auth: Option<(HeaderName, HeaderValue)>,
    /// Headers added to every API request to the configured origin, marked sensitive.
    default_headers: HeaderMap,
}

impl Client {
    /// A builder with the defaults: the production base URL, Bearer auth, a 30 s request
    /// timeout and a 10 s connect timeout.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client configured from the environment: the API key from `AUTOPOSTING_API_KEY`
    /// (required) and the base URL from `AUTOPOSTING_BASE_URL` (optional).
    ///
    /// # Errors
    /// [`ErrorKind::Config`](crate::ErrorKind::Config) if `AUTOPOSTING_API_KEY` is unset or
    /// empty, or if either value is invalid.
    pub fn from_env() -> Result<Client> {
        ClientBuilder::from_env()?.build()
    }

    /// The base URL every path is appended to, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.shared.base_url
    }

    /// How the API key is sent.
    pub fn auth_scheme(&self) -> AuthScheme {
        self.shared.scheme
    }

    /// The retry policy this handle uses.
    pub fn retry_policy(&self) -> RetryPolicy {
        self.retry
    }

    /// A handle sharing this client's configuration and connections, with another retry
    /// policy: override it for one call or a group of calls.
    ///
    /// ```
    /// # use autoposting_client::{Client, RetryPolicy};
    /// # let client = Client::builder().build().unwrap();
    /// let once = client.with_retry_policy(RetryPolicy::never());
    /// assert_eq!(once.retry_policy().max_retries, 0);
    /// assert_eq!(client.retry_policy().max_retries, 2);
    /// ```
    pub fn with_retry_policy(&self, policy: RetryPolicy) -> Client {
        Client {
            shared: self.shared.clone(),
            retry: policy,
        }
    }

    /// The timeout of one attempt, redirects included.
    pub fn timeout(&self) -> Duration {
        self.shared.timeout
    }

    /// The largest response body this client reads, in bytes.
    pub fn max_response_bytes(&self) -> u64 {
        self.shared.max_response_bytes
    }

    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.shared.http
    }

    pub(crate) fn auth_header(&self) -> Option<&(HeaderName, HeaderValue)> {
        self.shared.auth.as_ref()
    }

    /// The configured key as sent (without its `Bearer ` scheme), to redact from errors
    /// built from a response that echoes it.
    pub(crate) fn key_text(&self) -> Option<&str> {
        let (_, value) = self.shared.auth.as_ref()?;
        let text = value.to_str().ok()?;
        let key = text.rsplit(' ').next().unwrap_or(text);
        (!key.is_empty()).then_some(key)
    }

    pub(crate) fn default_headers(&self) -> &HeaderMap {
        &self.shared.default_headers
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.shared.base_url)
            .field("auth_scheme", &self.shared.scheme)
            .field("retry", &self.retry)
            .field("api_key", &self.shared.auth.as_ref().map(|_| "[redacted]"))
            .finish_non_exhaustive()
    }
}

/// Configures a [`Client`]; see [`Client::builder`].
#[derive(Debug)]
#[must_use = "a builder does nothing until `build` is called"]
pub struct ClientBuilder {
    base_url: String,
    api_key: Option<SecretString>,
    scheme: AuthScheme,
    timeout: Duration,
    connect_timeout: Duration,
    user_agent: String,
    retry: RetryPolicy,
    max_response_bytes: u64,
    pool_idle_timeout: Duration,
    allow_insecure_http: bool,
    /// Added by `default_header`, checked by `build`; values may be secret (tenant tokens).
    default_headers: Vec<(String, SecretString)>,
    proxy: ProxySetting,
}

/// Where requests to hosts other than loopback go.
#[derive(Debug)]
enum ProxySetting {
    /// `HTTP_PROXY`, `HTTPS_PROXY`, `ALL_PROXY` and `NO_PROXY` (either case).
    Environment,
    /// One proxy for every request; the URL may hold credentials.
    Url(SecretString),
    /// Never a proxy.
    Direct,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            base_url: DEFAULT_BASE_URL.to_owned(),
            api_key: None,
            scheme: AuthScheme::default(),
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            user_agent: concat!("autoposting-rust/", env!("CARGO_PKG_VERSION")).to_owned(),
            retry: RetryPolicy::default(),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            pool_idle_timeout: DEFAULT_POOL_IDLE_TIMEOUT,
            allow_insecure_http: false,
            default_headers: Vec::new(),
            proxy: ProxySetting::Environment,
        }
    }
}

impl ClientBuilder {
    /// A builder preset from `AUTOPOSTING_API_KEY` (required) and `AUTOPOSTING_BASE_URL`
    /// (optional), for callers who want to adjust more settings before building.
    ///
    /// # Errors
    /// [`ErrorKind::Config`](crate::ErrorKind::Config) naming the variable if the key is
    /// missing, empty, or either variable is not valid Unicode.
    pub fn from_env() -> Result<ClientBuilder> {
        let key = match std::env::var(API_KEY_ENV) {
            Ok(key) if !key.trim().is_empty() => key,
            Ok(_) => {
                return Err(Error::config(format!(
                    "the environment variable {API_KEY_ENV} is empty"
                )));
            }
            Err(std::env::VarError::NotPresent) => {
                return Err(Error::config(format!(
                    "the environment variable {API_KEY_ENV} is not set; set it to your API key (sk-social-…)"
                )));
            }
            Err(std::env::VarError::NotUnicode(_)) => {
                return Err(Error::config(format!(
                    "the environment variable {API_KEY_ENV} is not valid Unicode"
                )));
            }
        };
        let mut builder = ClientBuilder::default().api_key(key);
        match std::env::var(BASE_URL_ENV) {
            Ok(url) if !url.trim().is_empty() => builder = builder.base_url(url.trim()),
            Ok(_) | Err(std::env::VarError::NotPresent) => {}
            Err(std::env::VarError::NotUnicode(_)) => {
                return Err(Error::config(format!(
                    "the environment variable {BASE_URL_ENV} is not valid Unicode"
                )));
            }
        }
        Ok(builder)
    }

    /// The base URL (default [`DEFAULT_BASE_URL`]); a trailing slash is ignored. Checked by
    /// [`build`](Self::build): it must be an absolute `http` or `https` URL with no query,
    /// fragment or credentials.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// The API key (`sk-social-…`) or a session token from `POST /auth/login`. It is held as
    /// a secret: it never appears in `Debug` output, errors or logs. Without a key, requests
    /// carry no credentials (enough for `GET /health` and the sign-in endpoints).
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(SecretString::from(key.into()));
        self
    }

    /// How the key is sent (default [`AuthScheme::Bearer`]).
    pub fn auth_scheme(mut self, scheme: AuthScheme) -> Self {
        self.scheme = scheme;
        self
    }

    /// The whole-request timeout, covering connecting, sending and reading the whole body
    /// (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The timeout for establishing a connection (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The `User-Agent` header (default `autoposting-rust/<version>`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// How failed idempotent requests are retried (default [`RetryPolicy::default`]: 2
    /// retries, 1 s base delay, 30 s max delay). Override per call with
    /// [`Client::with_retry_policy`].
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The largest response body read, in bytes (default 32 MiB). A success with a larger
    /// declared `Content-Length` is refused before reading; a longer chunked or compressed
    /// success is cut off at the limit. Either fails with
    /// [`ErrorKind::ResponseTooLarge`](crate::ErrorKind::ResponseTooLarge).
    ///
    /// An error response (a 4xx or 5xx) is never refused for its size, so that its status
    /// still decides the error and the retry: its body is read up to this limit if it is
    /// JSON and up to 64 KiB (or this limit, if lower) otherwise, and the error's detail
    /// says where a longer body was cut.
    ///
    /// Success bodies of up to 8 MiB are decoded from one buffer; longer ones from the
    /// chunks they arrived in, each released once read, so that peak memory stays near the
    /// size of the decoded value rather than body plus value. A body of more than 8 MiB
    /// must be an Autoposting envelope (`{"success": true, "data": …}`); its decode errors
    /// give the field path as well as serde_json's line and column.
    pub fn max_response_bytes(mut self, bytes: u64) -> Self {
        self.max_response_bytes = bytes;
        self
    }

    /// How long an idle pooled connection is kept (default 4 s). Kept below the 5 s
    /// keep-alive of the Node.js front end that serves the API, so the client does not
    /// reuse a connection the server is closing.
    pub fn pool_idle_timeout(mut self, timeout: Duration) -> Self {
        self.pool_idle_timeout = timeout;
        self
    }

    /// Allows a plain `http://` base URL on a host other than loopback (default: refused,
    /// since the API key would cross the network in clear text). Loopback addresses
    /// (`127.0.0.0/8`, `[::1]`, `localhost`) are always allowed.
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// Adds a header to every request to the API, such as `x-source: sdk`, a tracing id or
    /// a tenant header. Call it once per header; a name given twice sends both values. A
    /// header of the same name passed to an endpoint's `#[header]` argument replaces it for
    /// that call.
    ///
    /// Like the API key, these headers go only to the configured origin: never to another
    /// host a redirect points at, nor with uploads to presigned storage URLs. Their values
    /// are treated as secrets and never shown in `Debug` output or errors.
    ///
    /// Checked by [`build`](Self::build), which refuses (with
    /// [`ErrorKind::Config`](crate::ErrorKind::Config)) a name or value that is not a valid
    /// header, and the headers the client sets itself: `Authorization` and `x-api-key` (use
    /// [`api_key`](Self::api_key)), `Content-Type`, `Content-Length`, `Transfer-Encoding`,
    /// `Host` and `Accept` (set for each request from its body and the JSON it expects),
    /// and `User-Agent` (use [`user_agent`](Self::user_agent)).
    ///
    /// ```
    /// # use autoposting_client::Client;
    /// let client = Client::builder()
    ///     .api_key("sk-social-...")
    ///     .default_header("x-source", "sdk")
    ///     .default_header("x-tenant", "acme")
    ///     .build()?;
    /// # Ok::<(), autoposting_client::Error>(())
    /// ```
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.default_headers
            .push((name.into(), SecretString::from(value.into())));
        self
    }

    /// Sends every request to a host other than loopback through the proxy at `url`
    /// (`http://proxy.internal:3128`, `socks5://…` is not supported; credentials may be
    /// given in the URL), instead of the proxy the environment names. Checked by
    /// [`build`](Self::build). Loopback destinations still go direct; see
    /// [`no_proxy`](Self::no_proxy) for the default.
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.proxy = ProxySetting::Url(SecretString::from(url.into()));
        self
    }

    /// Sends every request directly, ignoring the proxy environment variables.
    ///
    /// By default, a client follows `HTTP_PROXY`, `HTTPS_PROXY` and `ALL_PROXY` (or their
    /// lowercase forms; `HTTP_PROXY` is ignored when `REQUEST_METHOD` is set, as in a CGI
    /// script) except for the hosts listed in `NO_PROXY`, like curl. Loopback destinations
    /// (`127.0.0.0/8`, `::1`, `localhost`) always go direct, as in Go's and .NET's clients,
    /// since a proxy cannot reach the caller's own machine.
    pub fn no_proxy(mut self) -> Self {
        self.proxy = ProxySetting::Direct;
        self
    }

    /// Builds the client and its connection pool.
    ///
    /// # Errors
    /// [`ErrorKind::Config`](crate::ErrorKind::Config) if the base URL is invalid, the key is
    /// empty or is not a valid header value (control characters, non-ASCII), a default
    /// header is refused (see [`default_header`](Self::default_header)), the proxy URL (given
    /// or from the environment) is invalid, or the HTTP stack cannot be initialised. The
    /// key, header values and proxy URLs are never part of the error.
    pub fn build(self) -> Result<Client> {
        let base_url = normalise_base_url(&self.base_url, self.allow_insecure_http)?;
        let auth = match &self.api_key {
            None => None,
            Some(key) => Some(auth_header(self.scheme, key)?),
        };
        let default_headers = default_headers(&self.default_headers)?;
        let mut http = reqwest::Client::builder()
            .user_agent(self.user_agent)
            .timeout(self.timeout)
            .connect_timeout(self.connect_timeout)
            .pool_idle_timeout(self.pool_idle_timeout)
            // Redirects are followed by the runtime, which keeps credentials on the origin.
            .redirect(reqwest::redirect::Policy::none());
        http = match proxies(&self.proxy)? {
            proxies if proxies.is_empty() => http.no_proxy(),
            proxies => proxies
                .into_iter()
                .fold(http, |http, proxy| http.proxy(proxy)),
        };
        let http = http.build().map_err(|e| {
            Error::config("the HTTP client could not be initialised").with_source(e)
        })?;
        let shared = Shared {
            http,
            base_url,
            scheme: self.scheme,
            timeout: self.timeout,
            max_response_bytes: self.max_response_bytes,
            auth,
            default_headers,
        };
        Ok(Client {
            shared: Arc::new(shared),
            retry: self.retry,
        })
    }
}

/// Headers the client sets itself, which a default header may not replace.
const CLIENT_OWNED: [(&str, &str); 8] = [
    ("authorization", "the API key is set with `api_key`"),
    ("x-api-key", "the API key is set with `api_key`"),
    ("content-type", "it is set from each request's body"),
    ("content-length", "it is set from each request's body"),
    ("transfer-encoding", "it is set from each request's body"),
    ("host", "it is set from the base URL"),
    ("accept", "the client asks for the JSON it decodes"),
    ("user-agent", "use `user_agent`"),
];

fn default_headers(headers: &[(String, SecretString)]) -> Result<HeaderMap> {
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        let parsed = HeaderName::from_bytes(name.trim().as_bytes()).map_err(|_| {
            Error::config(format!(
                "the default header name {name:?} is not a valid header name"
            ))
        })?;
        if let Some((_, why)) = CLIENT_OWNED.iter().find(|(owned, _)| parsed == *owned) {
            return Err(Error::config(format!(
                "the default header `{parsed}` is set by the client and cannot be replaced: {why}"
            )));
        }
        // Visible ASCII, spaces and tabs, as for `#[header]` arguments.
        let text = value.expose_secret();
        let printable = text
            .bytes()
            .all(|b| b.is_ascii_graphic() || b == b' ' || b == b'\t');
        let mut value = HeaderValue::from_str(text)
            .ok()
            .filter(|_| printable)
            .ok_or_else(|| {
                Error::config(format!(
                    "the value of the default header `{parsed}` has characters not allowed in a header"
                ))
            })?;
        value.set_sensitive(true);
        map.append(parsed, value);
    }
    Ok(map)
}

/// Every loopback destination, in `NO_PROXY` syntax.
const LOOPBACK: &str = "127.0.0.0/8,::1,localhost";

/// The first of the environment variables `names` that is set and not empty.
fn first_env(names: [&str; 2]) -> Option<(&str, String)> {
    names.into_iter().find_map(|name| {
        std::env::var(name)
            .ok()
            .filter(|value| !value.trim().is_empty())
            .map(|value| (name, value))
    })
}

/// How a proxy for one kind of destination is made from its URL.
type MakeProxy = fn(&str) -> reqwest::Result<reqwest::Proxy>;

/// The proxies of a setting, each skipping loopback; empty for no proxy at all.
fn proxies(setting: &ProxySetting) -> Result<Vec<reqwest::Proxy>> {
    let invalid = |source: &str| {
        Error::config(format!(
            "the proxy URL {source} is not valid (not shown: it may hold credentials)"
        ))
    };
    match setting {
        ProxySetting::Direct => Ok(Vec::new()),
        ProxySetting::Url(url) => {
            let proxy = reqwest::Proxy::all(url.expose_secret().trim())
                .map_err(|_| invalid("given to `proxy`"))?
                .no_proxy(reqwest::NoProxy::from_string(LOOPBACK));
            Ok(vec![proxy])
        }
        ProxySetting::Environment => {
            let no_proxy = match first_env(["NO_PROXY", "no_proxy"]) {
                Some((_, list)) => format!("{LOOPBACK},{list}"),
                None => LOOPBACK.to_owned(),
            };
            // httpoxy: in a CGI script, `HTTP_PROXY` may come from a request's `Proxy` header.
            let cgi = std::env::var_os("REQUEST_METHOD").is_some();
            let mut proxies = Vec::new();
            let wanted: [(MakeProxy, [&str; 2]); 3] = [
                (
                    |url| reqwest::Proxy::http(url),
                    ["HTTP_PROXY", "http_proxy"],
                ),
                (
                    |url| reqwest::Proxy::https(url),
                    ["HTTPS_PROXY", "https_proxy"],
                ),
                (|url| reqwest::Proxy::all(url), ["ALL_PROXY", "all_proxy"]),
            ];
            for (make, names) in wanted {
                if cgi && names[0] == "HTTP_PROXY" {
                    continue;
                }
                if let Some((name, url)) = first_env(names) {
                    let proxy = make(url.trim())
                        .map_err(|_| invalid(&format!("in `{name}`")))?
                        .no_proxy(reqwest::NoProxy::from_string(&no_proxy));
                    proxies.push(proxy);
                }
            }
            Ok(proxies)
        }
    }
}

pub(crate) fn is_loopback(url: &reqwest::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// The base URL for error messages, unless it may hold credentials.
fn shown(raw: &str) -> String {
    if raw.contains('@') || raw.contains('?') || raw.contains('#') {
        "(not shown: it may hold credentials)".to_owned()
    } else {
        format!("{raw:?}")
    }
}

fn normalise_base_url(raw: &str, allow_insecure_http: bool) -> Result<String> {
    let url = reqwest::Url::parse(raw.trim()).map_err(|e| {
        Error::config(format!(
            "the base URL {} is not a valid URL: {e}",
            shown(raw)
        ))
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Error::config(format!(
            "the base URL {} must use http or https",
            shown(raw)
        )));
    }
    if url.cannot_be_a_base() || url.host().is_none() {
        return Err(Error::config(format!(
            "the base URL {} must be an absolute URL with a host",
            shown(raw)
        )));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::config(
            "the base URL must not contain credentials; use `api_key`",
        ));
    }
    if url.scheme() == "http" && !allow_insecure_http && !is_loopback(&url) {
        return Err(Error::config(format!(
            "the base URL {} uses plain http to a non-loopback host, which would send the API key in clear text; use https, or allow it with `allow_insecure_http(true)`",
            shown(raw)
        )));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::config(format!(
            "the base URL {} must not have a query or fragment",
            shown(raw)
        )));
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

fn auth_header(scheme: AuthScheme, key: &SecretString) -> Result<(HeaderName, HeaderValue)> {
    let mut key = key.expose_secret().trim();
    // A key pasted with its scheme ("Bearer sk-social-…") would otherwise be sent twice over.
    if let Some(rest) = key.get(7..)
        && key[..7].eq_ignore_ascii_case("bearer ")
    {
        key = rest.trim_start();
    }
    if key.is_empty() {
        return Err(Error::config("the API key is empty"));
    }
    if !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Error::config(
            "the API key contains characters not allowed in it (spaces, control characters or non-ASCII)",
        ));
    }
    let (name, text) = match scheme {
        AuthScheme::Bearer => (
            header::AUTHORIZATION,
            Zeroizing::new(format!("Bearer {key}")),
        ),
        AuthScheme::ApiKeyHeader => (
            HeaderName::from_static("x-api-key"),
            Zeroizing::new(key.to_owned()),
        ),
    };
    // Checked above to be visible ASCII, so this cannot fail; map the error all the same.
    let mut value = HeaderValue::from_str(&text)
        .map_err(|_| Error::config("the API key is not a valid header value"))?;
    value.set_sensitive(true);
    Ok((name, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailing_slash_is_tolerated() {
        let client = Client::builder()
            .base_url("http://127.0.0.1:9/api-proxy/")
            .build()
            .unwrap();
        assert_eq!(client.base_url(), "http://127.0.0.1:9/api-proxy");
        let client = Client::builder()
            .base_url("http://127.0.0.1:9/")
            .build()
            .unwrap();
        assert_eq!(client.base_url(), "http://127.0.0.1:9");
    }

    #[test]
    fn plain_http_is_for_loopback_unless_allowed() {
        for url in [
            "http://127.0.0.1:1",
            "http://127.8.9.10",
            "http://[::1]:8080",
            "http://LOCALHOST:3000/x",
        ] {
            assert!(Client::builder().base_url(url).build().is_ok(), "{url}");
        }
        let error = Client::builder()
            .base_url("http://api.example.com")
            .build()
            .unwrap_err();
        assert!(error.to_string().contains("allow_insecure_http"), "{error}");
        assert!(
            Client::builder()
                .base_url("http://api.example.com")
                .allow_insecure_http(true)
                .build()
                .is_ok()
        );
    }

    #[test]
    fn default_base_url_is_production() {
        assert_eq!(
            Client::builder().build().unwrap().base_url(),
            DEFAULT_BASE_URL
        );
    }

    #[test]
    fn invalid_base_urls_are_config_errors() {
        for url in [
            "",
            "not a url",
            "ftp://example.com",
            "https://example.com/?a=1",
            "https://u:p@example.com",
            "mailto:x@y",
        ] {
            let error = Client::builder().base_url(url).build().unwrap_err();
            assert_eq!(error.kind(), crate::ErrorKind::Config, "{url}");
        }
    }

    #[test]
    fn key_with_newline_is_a_config_error_that_hides_the_key() {
        let error = Client::builder()
            .api_key("sk-social-SECRET\nx")
            .build()
            .unwrap_err();
        assert_eq!(error.kind(), crate::ErrorKind::Config);
        assert!(!format!("{error} {error:?}").contains("SECRET"));
    }

    #[test]
    fn debug_never_shows_the_key() {
        let builder = Client::builder().api_key("sk-social-SECRET");
        assert!(!format!("{builder:?}").contains("SECRET"));
        let client = builder.build().unwrap();
        let shown = format!("{client:?}");
        assert!(!shown.contains("SECRET"), "{shown}");
        assert!(shown.contains("[redacted]"));
    }

    #[test]
    fn client_is_clone_send_sync() {
        fn assert_traits<T: Clone + Send + Sync + 'static>() {}
        assert_traits::<Client>();
    }
}
