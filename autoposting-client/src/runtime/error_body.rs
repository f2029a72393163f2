//! What an error body says, whatever shape the server gave it.
//!
//! The API documents `{"success": false, "error": "<code>", "message": "…"}`, but gateways,
//! frameworks and older endpoints answer in other shapes. Each is read into one
//! [`ErrorBody`], which gives the error's code and message:
//!
//! | shape | code | message |
//! | --- | --- | --- |
//! | `{"error": "not_found", "message": "…"}` (documented) | `error` | `message` |
//! | `{"error": {"code": "…", "message": "…"}}` | `error.code` | `error.message` |
//! | `{"errors": [{"code": "…", "message": "…"}, …]}` | the first `code` | every `message` |
//! | `{"statusCode": 400, "message": ["…", "…"], "error": "Bad Request"}` (NestJS) | `error` | every `message` |
//! | `{"error": "Unauthorized", "code": "UNAUTHORIZED"}` | `code` | `message`, else `error` |
//! | `{"type": "…", "title": "…", "detail": "…"}` (RFC 7807) | `code` if any | `detail`, else `title` |
//! | `{"error": "invalid_grant", "error_description": "…"}` (OAuth 2) | `error` | `error_description` |
//! | `{"message": "…", "errors": {"text": ["…"]}}` (Laravel, Rails) | — | `message`, then `text: …` |
//!
//! So the code is a `code` field where there is one (at the top level, then in a nested
//! `error` object, then in the first of `errors`), and otherwise the `error` string. The
//! message gathers, in this order and without repeats, `message` (a string or a list),
//! the nested `error`'s and every `errors` entry's messages (prefixed with their `field`),
//! `detail`, `error_description` and `msg`; failing all of those, `title`, or an `error`
//! string that lost the code to `code`. Messages are joined with `; ` and cut at
//! [`MESSAGE_BYTES`].

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// The most of a message an error keeps, in bytes (cut at a character boundary).
pub(crate) const MESSAGE_BYTES: usize = 2048;

/// The error-related fields of a top-level body, as read by the envelope decoder.
#[derive(Default)]
pub(crate) struct ErrorBody {
    /// `error`: a string, an object or a list.
    pub(crate) error: Option<Entry>,
    /// `code`, a string or a number.
    pub(crate) code: Option<String>,
    /// `message`, a string or a list of strings.
    pub(crate) message: Option<Entry>,
    /// `errors`: a list of entries, or an object of field → messages.
    pub(crate) errors: Option<Entry>,
    /// `detail`, `error_description` and `msg`, in the order met.
    pub(crate) details: Vec<String>,
    /// `title` (RFC 7807).
    pub(crate) title: Option<String>,
}

impl ErrorBody {
    /// Whether any field of an error was present (RFC 7807's `title` included).
    pub(crate) fn says_error(&self) -> bool {
        self.error.is_some()
            || self.code.is_some()
            || self.message.is_some()
            || self.errors.is_some()
            || !self.details.is_empty()
            || self.title.is_some()
    }

    /// Whether the body has the shape of an error even on a success status: an `error`
    /// together with a message somewhere.
    pub(crate) fn is_error_shaped(&self) -> bool {
        let message = self.message.is_some()
            || !self.details.is_empty()
            || self
                .error
                .as_ref()
                .is_some_and(|e| e.text.is_none() && !e.messages.is_empty());
        self.error.is_some() && message
    }

    /// The code and the message, by the rules of the module's table.
    pub(crate) fn resolve(self) -> (Option<String>, Option<String>) {
        let ErrorBody {
            error,
            code,
            message,
            errors,
            details,
            title,
        } = self;
        let error_text = error.as_ref().and_then(|e| e.text.clone());
        let code = code
            .or_else(|| error.as_ref().and_then(|e| e.code.clone()))
            .or_else(|| errors.as_ref().and_then(|e| e.code.clone()));
        let (code, displaced) = match code {
            Some(code) => (Some(code), error_text),
            None => (error_text, None),
        };
        // An `error` string is a code (or a title), not a message.
        let error = error.filter(|e| e.text.is_none());
        let mut messages = Messages::default();
        for entry in [message, error, errors].into_iter().flatten() {
            for text in entry.messages {
                messages.push(text);
            }
        }
        for text in details {
            messages.push(text);
        }
        if messages.is_empty() {
            for text in [title, displaced].into_iter().flatten() {
                messages.push(text);
                if !messages.is_empty() {
                    break;
                }
            }
        }
        (code, messages.finish())
    }
}

/// Messages gathered without repeats and joined, up to [`MESSAGE_BYTES`].
#[derive(Default)]
struct Messages {
    joined: String,
    seen: Vec<String>,
    cut: bool,
}

impl Messages {
    fn push(&mut self, text: String) {
        let text = text.trim();
        if text.is_empty() || self.cut || self.seen.iter().any(|seen| seen == text) {
            return;
        }
        if !self.joined.is_empty() {
            self.joined.push_str("; ");
        }
        let room = MESSAGE_BYTES.saturating_sub(self.joined.len());
        if text.len() > room {
            let mut end = room;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            self.joined.push_str(&text[..end]);
            self.joined.push('…');
            self.cut = true;
        } else {
            self.joined.push_str(text);
        }
        self.seen.push(text.to_owned());
    }

    fn is_empty(&self) -> bool {
        self.joined.is_empty()
    }

    fn finish(self) -> Option<String> {
        (!self.joined.is_empty()).then_some(self.joined)
    }
}

/// One value of an error field, whatever its shape: a string, an object such as
/// `{"code": …, "message": …, "field": …}`, a list of those, or an object of field →
/// messages. Values of no use (fractions, booleans, `null`) are skipped, never
/// failing the decode: an error body of an unexpected shape must still surface as an error.
#[derive(Default)]
pub(crate) struct Entry {
    /// The value itself, when it is a string.
    pub(crate) text: Option<String>,
    /// The first code found (`code`, else `status` when a string).
    pub(crate) code: Option<String>,
    /// Every message found, each prefixed by its entry's `field` if it has one.
    pub(crate) messages: Vec<String>,
}

impl<'de> Deserialize<'de> for Entry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(EntryVisitor)
    }
}

struct EntryVisitor;

impl<'de> Visitor<'de> for EntryVisitor {
    type Value = Entry;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Entry, E> {
        Ok(Entry {
            text: Some(v.to_owned()),
            code: None,
            messages: vec![v.to_owned()],
        })
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Entry, E> {
        Ok(Entry::default())
    }

    // An integer is text as its digits (`"error": 500`, `"message": 42`).
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Entry, E> {
        self.visit_str(&v.to_string())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Entry, E> {
        self.visit_str(&v.to_string())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Entry, E> {
        Ok(Entry::default())
    }

    fn visit_unit<E: de::Error>(self) -> Result<Entry, E> {
        Ok(Entry::default())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Entry, A::Error> {
        let mut all = Entry::default();
        while let Some(entry) = seq.next_element::<Entry>()? {
            if all.code.is_none() {
                all.code = entry.code;
            }
            all.messages.extend(entry.messages);
        }
        Ok(all)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entry, A::Error> {
        let mut code = None;
        let mut status = None;
        let mut field = None;
        let mut messages = Vec::new();
        // `key: message` for keys that are not an entry's own: an object of field → messages.
        let mut by_field = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "code" => code = map.next_value::<Scalar>()?.0,
                "status" => status = map.next_value::<Scalar>()?.0,
                "field" | "path" | "param" | "property" => {
                    field = map.next_value::<Scalar>()?.0;
                }
                "message" | "msg" | "detail" | "description" | "error_description" => {
                    messages.extend(map.next_value::<Entry>()?.messages);
                }
                _ => {
                    let texts = map.next_value::<Texts>()?.0;
                    by_field.extend(texts.into_iter().map(|text| format!("{key}: {text}")));
                }
            }
        }
        let is_entry = code.is_some() || !messages.is_empty();
        let messages = match (&field, is_entry) {
            (_, false) => by_field,
            (Some(field), true) => messages
                .into_iter()
                .map(|text| format!("{field}: {text}"))
                .collect(),
            (None, true) => messages,
        };
        Ok(Entry {
            text: None,
            // A numeric `status` is the HTTP status again; only a word (`INVALID_ARGUMENT`) is a code.
            code: code.or(status.filter(|s| !s.bytes().all(|b| b.is_ascii_digit()))),
            messages,
        })
    }
}

/// A string or an integer as text; anything else is skipped as `None`.
pub(crate) struct Scalar(pub(crate) Option<String>);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar(Some(v.to_owned())))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Scalar, E> {
                Ok(Scalar(None))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(Some(v.to_string())))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(Some(v.to_string())))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Scalar, E> {
                Ok(Scalar(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
                Ok(Scalar(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Scalar(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Scalar(None))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// The strings of a string or of a list (strings only); anything else is skipped.
struct Texts(Vec<String>);

impl<'de> Deserialize<'de> for Texts {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Lists of entries are read as entries: their messages are the texts.
        let entry = Entry::deserialize(deserializer)?;
        Ok(Texts(entry.messages))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Top {
        error: Option<Entry>,
        #[serde(default, deserialize_with = "scalar")]
        code: Option<String>,
        message: Option<Entry>,
        errors: Option<Entry>,
        detail: Option<String>,
        title: Option<String>,
    }

    fn scalar<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        Ok(Scalar::deserialize(d)?.0)
    }

    fn resolve(json: &str) -> (Option<String>, Option<String>) {
        let top: Top = serde_json::from_str(json).unwrap();
        ErrorBody {
            error: top.error,
            code: top.code,
            message: top.message,
            errors: top.errors,
            details: top.detail.into_iter().collect(),
            title: top.title,
        }
        .resolve()
    }

    fn pair(code: Option<&str>, message: Option<&str>) -> (Option<String>, Option<String>) {
        (code.map(str::to_owned), message.map(str::to_owned))
    }

    #[test]
    fn documented_shape() {
        assert_eq!(
            resolve(r#"{"error":"not_found","message":"Run not found."}"#),
            pair(Some("not_found"), Some("Run not found."))
        );
    }

    #[test]
    fn google_style_nested_error_takes_the_status_word_as_code() {
        assert_eq!(
            resolve(r#"{"error":{"code":400,"message":"bad","status":"INVALID_ARGUMENT"}}"#),
            pair(Some("400"), Some("bad"))
        );
        assert_eq!(
            resolve(r#"{"error":{"message":"bad","status":"INVALID_ARGUMENT"}}"#),
            pair(Some("INVALID_ARGUMENT"), Some("bad"))
        );
    }

    #[test]
    fn errors_with_fields_are_prefixed() {
        assert_eq!(
            resolve(r#"{"errors":[{"field":"text","message":"too long"},"plain"]}"#),
            pair(None, Some("text: too long; plain"))
        );
    }

    #[test]
    fn title_is_the_message_only_without_another() {
        assert_eq!(
            resolve(r#"{"title":"Not Found","detail":"no run r"}"#),
            pair(None, Some("no run r"))
        );
        assert_eq!(
            resolve(r#"{"title":"Not Found"}"#),
            pair(None, Some("Not Found"))
        );
    }

    #[test]
    fn repeated_messages_appear_once_and_long_ones_are_cut() {
        assert_eq!(
            resolve(r#"{"message":"same","error":{"message":"same"}}"#),
            pair(None, Some("same"))
        );
        let long = "é".repeat(MESSAGE_BYTES);
        let (_, message) = resolve(&format!(r#"{{"message":"{long}"}}"#));
        let message = message.unwrap();
        assert!(message.len() <= MESSAGE_BYTES + '…'.len_utf8());
        assert!(message.ends_with('…'));
    }

    #[test]
    fn odd_values_are_skipped_not_fatal() {
        assert_eq!(
            resolve(r#"{"error":true,"code":1.5,"message":{"deep":{"x":1.5}},"errors":[7.5]}"#),
            pair(None, None)
        );
    }
}
