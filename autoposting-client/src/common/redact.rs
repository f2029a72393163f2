//! `Debug` output for values that hold presigned URLs: the signature is in the query
//! (`X-Amz-Signature=…`, `sig=…`), and whoever holds it can write to the storage key until
//! it expires, so it never reaches a log line. Webhook receiver URLs carry theirs in the
//! path (Slack's `/services/T…/B…/<token>`, Discord's `/api/webhooks/<id>/<token>`) or the
//! query, so of those only the origin is shown.
//!
//! [`url`] shows `scheme://host[:port]/path` and `?<redacted>` in place of the query and
//! fragment (and nothing of a user or password); [`origin`] shows `scheme://host[:port]`
//! and `/<redacted>` in place of the rest; [`json`] shows a JSON value with every URL
//! string in it shown as [`url`] does. A URL without a host (`mailto:`, `data:`) is shown
//! as its scheme and `<redacted>`. Serialisation is unaffected: these are for `Debug`
//! impls only.

// Each area uses some of these (clips and webhooks the URL, knowledge bases and uploads
// the JSON too).
#![cfg_attr(
    not(all(feature = "clips", feature = "knowledge_base", feature = "posts")),
    allow(dead_code)
)]

use std::fmt;

use reqwest::Url;

/// What replaces the query (and fragment) of a URL.
const REDACTED_QUERY: &str = "?<redacted>";
/// What replaces all after the origin of a receiver URL.
const REDACTED_REST: &str = "/<redacted>";

/// `url` for `Debug`: quoted like a string, without its query, fragment or user info. A
/// value that does not parse as a URL is shown as `"<redacted>"` (it may still hold one).
pub(crate) fn url(url: &str) -> RedactedUrl<'_> {
    RedactedUrl {
        url,
        keep_path: true,
    }
}

/// An optional URL for `Debug`, as [`url`].
pub(crate) fn optional_url(url: &Option<String>) -> Option<RedactedUrl<'_>> {
    url.as_deref().map(self::url)
}

/// A webhook receiver's `url` for `Debug`: quoted, its origin only, and `/<redacted>` for
/// whatever follows it.
pub(crate) fn origin(url: &str) -> RedactedUrl<'_> {
    RedactedUrl {
        url,
        keep_path: false,
    }
}

/// An optional receiver URL for `Debug`, as [`origin`].
pub(crate) fn optional_origin(url: &Option<String>) -> Option<RedactedUrl<'_>> {
    url.as_deref().map(origin)
}

/// `value` for `Debug`, with every string that is an `http`/`https` URL shown as [`url`].
pub(crate) fn json(value: &serde_json::Value) -> RedactedJson<'_> {
    RedactedJson(value)
}

/// A JSON object (a model's unknown fields) for `Debug`, as [`json`].
pub(crate) fn json_map(map: &serde_json::Map<String, serde_json::Value>) -> RedactedMap<'_> {
    RedactedMap(map)
}

/// See [`json_map`].
pub(crate) struct RedactedMap<'a>(&'a serde_json::Map<String, serde_json::Value>);

impl fmt::Debug for RedactedMap<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.0.iter().map(|(key, value)| (key, json(value))))
            .finish()
    }
}

/// See [`url`] and [`origin`].
pub(crate) struct RedactedUrl<'a> {
    url: &'a str,
    /// Whether the path is shown ([`url`]) or only the origin ([`origin`]).
    keep_path: bool,
}

impl fmt::Debug for RedactedUrl<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Ok(parsed) = Url::parse(self.url) else {
            return f.write_str("\"<redacted>\"");
        };
        // Neither a user nor a password is ever shown. Without a host (`mailto:x@y`,
        // `data:…`, `file:///…`), everything after the scheme may be the secret.
        let Some(host) = parsed.host_str().filter(|host| !host.is_empty()) else {
            return write!(f, "\"{}:<redacted>\"", parsed.scheme());
        };
        write!(f, "\"{}://{host}", parsed.scheme())?;
        if let Some(port) = parsed.port() {
            write!(f, ":{port}")?;
        }
        let hidden = parsed.query().is_some() || parsed.fragment().is_some();
        if self.keep_path {
            // The path as the URL writes it: percent-encoded, so no quote or control
            // character.
            f.write_str(parsed.path())?;
            if hidden {
                f.write_str(REDACTED_QUERY)?;
            }
        } else if hidden || parsed.path() != "/" {
            f.write_str(REDACTED_REST)?;
        }
        f.write_str("\"")
    }
}

/// See [`json`].
pub(crate) struct RedactedJson<'a>(&'a serde_json::Value);

impl fmt::Debug for RedactedJson<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use serde_json::Value;
        match self.0 {
            Value::String(text) if looks_like_url(text) => url(text).fmt(f),
            Value::String(text) => fmt::Debug::fmt(text, f),
            Value::Array(items) => f.debug_list().entries(items.iter().map(json)).finish(),
            Value::Object(map) => json_map(map).fmt(f),
            other => fmt::Display::fmt(other, f),
        }
    }
}

/// A JSON string redacted as a URL: any `http:` or `https:` URL (any letter case), with
/// surrounding whitespace.
fn looks_like_url(text: &str) -> bool {
    let text = text.trim_start();
    ["http:", "https:"].iter().any(|scheme| {
        text.get(..scheme.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(scheme))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn shown(value: impl fmt::Debug) -> String {
        format!("{value:?}")
    }

    #[test]
    fn the_query_fragment_and_user_are_hidden() {
        let signed = "https://r2.example.test/bucket/clips/a.mp4?X-Amz-Algorithm=AWS4&X-Amz-Signature=deadbeef";
        assert_eq!(
            shown(url(signed)),
            "\"https://r2.example.test/bucket/clips/a.mp4?<redacted>\""
        );
        assert_eq!(
            shown(url("http://user:pw@127.0.0.1:9000/up#sig=1")),
            "\"http://127.0.0.1:9000/up?<redacted>\""
        );
        assert_eq!(
            shown(url("https://cdn.example.com/a.png")),
            "\"https://cdn.example.com/a.png\""
        );
        // An empty query is still a query.
        assert_eq!(
            shown(url("https://s.example/x?")),
            "\"https://s.example/x?<redacted>\""
        );
    }

    /// Receiver URLs keep their token in the path (Slack, Discord, Zapier), a path
    /// parameter, an encoded `?`, the query or the user info: only the origin is shown.
    #[test]
    fn a_receiver_url_shows_only_its_origin() {
        for (receiver, expected) in [
            (
                "https://hooks.slack.com/services/T000/B000/TOKEN",
                "\"https://hooks.slack.com/<redacted>\"",
            ),
            (
                "https://discord.com/api/webhooks/123/TOKEN",
                "\"https://discord.com/<redacted>\"",
            ),
            (
                "https://h.example/hook;token=TOKEN",
                "\"https://h.example/<redacted>\"",
            ),
            (
                "https://h.example/%3Ftoken=TOKEN",
                "\"https://h.example/<redacted>\"",
            ),
            (
                "https://h.example/?token=TOKEN",
                "\"https://h.example/<redacted>\"",
            ),
            (
                "https://h.example/#TOKEN",
                "\"https://h.example/<redacted>\"",
            ),
            (
                "https://user:TOKEN@h.example:8443/",
                "\"https://h.example:8443\"",
            ),
            ("https://h.example", "\"https://h.example\""),
            (
                "http://[::1]:9000/in/TOKEN",
                "\"http://[::1]:9000/<redacted>\"",
            ),
            ("mailto:TOKEN@x.y", "\"mailto:<redacted>\""),
            ("file:///etc/TOKEN", "\"file:<redacted>\""),
            ("not a url TOKEN", "\"<redacted>\""),
        ] {
            assert_eq!(shown(origin(receiver)), expected, "{receiver}");
        }
        assert_eq!(shown(optional_origin(&None)), "None");
    }

    /// A URL without a host may hold its secret anywhere after the scheme.
    #[test]
    fn a_url_without_a_host_shows_only_its_scheme() {
        for (value, expected) in [
            ("mailto:TOKEN@x.y", "\"mailto:<redacted>\""),
            ("data:text/plain,TOKEN", "\"data:<redacted>\""),
            ("javascript:TOKEN", "\"javascript:<redacted>\""),
            ("file:///etc/TOKEN", "\"file:<redacted>\""),
        ] {
            assert_eq!(shown(url(value)), expected, "{value}");
        }
    }

    #[test]
    fn what_does_not_parse_is_hidden_whole() {
        for text in ["not a url ?sig=1", "", "//host/path?sig=1"] {
            assert_eq!(shown(url(text)), "\"<redacted>\"", "{text}");
        }
        assert_eq!(shown(optional_url(&None)), "None");
        assert_eq!(
            shown(optional_url(&Some("https://h/p?sig=1".into()))),
            "Some(\"https://h/p?<redacted>\")"
        );
    }

    #[test]
    fn urls_inside_json_are_hidden_everywhere() {
        let value = json!({
            "uploadUrl": "https://s.example/put?X-Amz-Signature=abc",
            "fields": [" HTTPS://s.example/b?sig=def", "plain ?sig=text", 5, null, true],
            "nested": {"u": "http://127.0.0.1:1/x?token=ghi"}
        });
        let text = shown(json(&value));
        for secret in ["abc", "def", "ghi"] {
            assert!(!text.contains(secret), "{text}");
        }
        assert!(
            text.contains("\"https://s.example/put?<redacted>\""),
            "{text}"
        );
        assert!(text.contains("\"plain ?sig=text\""), "{text}");
        assert!(text.contains("5, null, true"), "{text}");
    }
}
