//! [`Patch`]: a field of a partial update that can be left alone, cleared, or set.

use serde::{Serialize, Serializer};

/// One field of a partial update (`PATCH`) where the API can clear the value.
///
/// `Option` cannot say "clear": `None` fields are left out of request JSON. `Patch` can:
///
/// | value | JSON |
/// | --- | --- |
/// | `Patch::Keep` (the default) | the field is left out, the server keeps its value |
/// | `Patch::Clear` | `null`, the server clears the value |
/// | `Patch::Set(v)` | `v` |
///
/// A field of this type needs `#[serde(default, skip_serializing_if = "Patch::is_keep")]`
/// on the request struct, which the client's own request types carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Patch<T> {
    /// Leave the field out: no change.
    #[default]
    Keep,
    /// Send `null`: clear the field.
    Clear,
    /// Send the value.
    Set(T),
}

impl<T> Patch<T> {
    /// Whether this is [`Patch::Keep`]; for `skip_serializing_if`.
    pub fn is_keep(&self) -> bool {
        matches!(self, Patch::Keep)
    }
}

impl<T> From<T> for Patch<T> {
    fn from(value: T) -> Self {
        Patch::Set(value)
    }
}

impl From<&str> for Patch<String> {
    /// Sets a text field: `.logo_url("https://…")` in a request builder.
    fn from(value: &str) -> Self {
        Patch::Set(value.to_owned())
    }
}

impl<T> From<Option<T>> for Patch<T> {
    /// `Some(v)` sets, `None` clears.
    fn from(value: Option<T>) -> Self {
        value.map_or(Patch::Clear, Patch::Set)
    }
}

impl<T: Serialize> Serialize for Patch<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            // Only reached without `skip_serializing_if`; `null` would clear, so refuse.
            Patch::Keep => Err(serde::ser::Error::custom(
                "Patch::Keep must be skipped: add #[serde(skip_serializing_if = \"Patch::is_keep\")]",
            )),
            Patch::Clear => serializer.serialize_none(),
            Patch::Set(value) => serializer.serialize_some(value),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Serialize, Default)]
    #[serde(rename_all = "camelCase")]
    struct Change {
        #[serde(skip_serializing_if = "Patch::is_keep")]
        scheduled_at: Patch<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        name: Option<String>,
    }

    #[test]
    fn keep_clear_set() {
        assert_eq!(serde_json::to_value(Change::default()).unwrap(), json!({}));
        let clear = Change {
            scheduled_at: Patch::Clear,
            ..Change::default()
        };
        assert_eq!(
            serde_json::to_value(clear).unwrap(),
            json!({"scheduledAt": null})
        );
        let set = Change {
            scheduled_at: "2024-01-10T09:00:00Z".to_owned().into(),
            name: Some("x".into()),
        };
        assert_eq!(
            serde_json::to_value(set).unwrap(),
            json!({"scheduledAt": "2024-01-10T09:00:00Z", "name": "x"})
        );
    }

    #[test]
    fn keep_without_skip_is_an_error_not_a_silent_clear() {
        assert!(serde_json::to_value(Patch::<u8>::Keep).is_err());
    }
}
