//! Platform Oauth.
