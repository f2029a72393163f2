//! Models that accept a field under several names and write it back under the names received.
//!
//! The docs and the official SDK spell some fields differently (`enabled`/`active`,
//! `content`/`chunk`, `id`/`_id`). serde's `alias` accepts either spelling but fails with
//! "duplicate field" on a body carrying both, and always serialises the canonical name, so a
//! decoded model does not round-trip. A model with such fields instead keeps a private
//! [`Spellings`] field, has its serde code derived on a private mirror struct
//! (`#[serde(remote = "Model")]`, the same fields with their serde attributes: the derive then
//! writes functions of the mirror, not public methods of the model), and implements
//! `Serialize`/`Deserialize` through [`aliased_serde!`], that is [`decode`] and [`encode`]:
//!
//! - decoding buffers the object, moves the first spelling present (the canonical name wins
//!   when several are) under the canonical name, drops the others, remembers which were there,
//!   and decodes the rest as usual, naming the failing field's path in an error;
//! - encoding writes the field under every name the body carried, or the canonical name for a
//!   value built in code.

use std::fmt;

use serde::ser::Error as _;
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

/// The names of one field, the canonical (camelCase) name first.
pub(crate) type Names = &'static [&'static str];

/// Which spellings of each aliased field a decoded body carried: bit `4 × field + name`.
///
/// Zero for a value built in code (written with the canonical names). Never part of a
/// model's equality: two models with the same values are equal however they were spelled.
#[derive(Clone, Copy, Default)]
pub(crate) struct Spellings(u32);

impl Spellings {
    /// A value that came as something other than an object (e.g. a bare string).
    pub(crate) const BARE: Spellings = Spellings(1 << 31);

    fn has(self, field: usize, name: usize) -> bool {
        self.0 & (1 << (4 * field + name)) != 0
    }

    /// Whether the value came as something other than an object.
    pub(crate) fn is_bare(self) -> bool {
        self.0 & Spellings::BARE.0 != 0
    }
}

impl PartialEq for Spellings {
    fn eq(&self, _: &Spellings) -> bool {
        true
    }
}

impl Eq for Spellings {}

impl fmt::Debug for Spellings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:#x}", self.0)
    }
}

/// Decodes a model with aliased `fields` from `value` through `remote` (the deserialize
/// function of its `#[serde(remote = "Model")]` mirror), returning it with the spellings
/// seen.
///
/// An error names the failing field's path inside the model (`score: invalid type…`).
pub(crate) fn decode<T, E>(
    value: Value,
    fields: &[Names],
    remote: impl for<'a, 'b> FnOnce(
        serde_path_to_error::Deserializer<'a, 'b, Value>,
    ) -> Result<T, serde_json::Error>,
) -> Result<(T, Spellings), E>
where
    E: serde::de::Error,
{
    let mut seen = 0u32;
    let value = match value {
        Value::Object(mut map) => {
            for (field, names) in fields.iter().enumerate() {
                debug_assert!(field < 7 && names.len() <= 4);
                let mut kept = None;
                for (index, name) in names.iter().enumerate() {
                    if let Some(found) = map.remove(*name) {
                        seen |= 1 << (4 * field + index);
                        kept.get_or_insert(found);
                    }
                }
                if let (Some(kept), Some(canonical)) = (kept, names.first()) {
                    map.insert((*canonical).to_owned(), kept);
                }
            }
            Value::Object(map)
        }
        other => other,
    };
    let mut track = serde_path_to_error::Track::new();
    match remote(serde_path_to_error::Deserializer::new(value, &mut track)) {
        Ok(model) => Ok((model, Spellings(seen))),
        Err(error) => {
            let path = received_path(&track.path().to_string(), fields, Spellings(seen));
            Err(if path == "." || path.is_empty() {
                E::custom(error)
            } else {
                E::custom(format_args!("{path}: {error}"))
            })
        }
    }
}

/// `path` (from the canonical names) with its first segment spelled as the body spelled it:
/// a bad `active` is reported as `active`, not as the `enabled` it was read into.
fn received_path(path: &str, fields: &[Names], spellings: Spellings) -> String {
    let (first, rest) = match path.find(['.', '[']) {
        Some(at) => path.split_at(at),
        None => (path, ""),
    };
    let spelled = fields.iter().enumerate().find_map(|(field, names)| {
        if names.first() != Some(&first) || spellings.has(field, 0) {
            return None;
        }
        (1..names.len())
            .find(|&index| spellings.has(field, index))
            .map(|index| names[index])
    });
    match spelled {
        Some(name) => format!("{name}{rest}"),
        None => path.to_owned(),
    }
}

/// Encodes a model already turned into `encoded` (by its mirror's serialize function, into
/// a [`serde_json::value::Serializer`]), writing each aliased field under the names
/// `spellings` recorded.
pub(crate) fn encode<S>(
    serializer: S,
    encoded: Result<Value, serde_json::Error>,
    fields: &[Names],
    spellings: Spellings,
) -> Result<S::Ok, S::Error>
where
    S: Serializer,
{
    let mut map: Map<String, Value> = match encoded.map_err(S::Error::custom)? {
        Value::Object(map) => map,
        other => return other.serialize(serializer),
    };
    for (field, names) in fields.iter().enumerate() {
        let received: Vec<&str> = (0..names.len())
            .filter(|&index| spellings.has(field, index))
            .map(|index| names[index])
            .collect();
        let (Some(canonical), false) = (names.first(), received.is_empty()) else {
            continue;
        };
        if let Some(value) = map.remove(*canonical) {
            for name in received {
                map.insert(name.to_owned(), value.clone());
            }
        }
    }
    map.serialize(serializer)
}

/// Implements `Serialize` and `Deserialize` for a model that has a private
/// `spellings: Spellings` field, through its private mirror (`#[serde(remote = "Model")]`),
/// given its aliased fields (`&[&["enabled", "active"]]`, canonical name first):
/// `aliased_serde!(Webhook via WebhookSerde, &[&["enabled", "active"]]);`.
macro_rules! aliased_serde {
    ($model:ident via $mirror:ident, $fields:expr) => {
        impl ::serde::Serialize for $model {
            fn serialize<S>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error>
            where
                S: ::serde::Serializer,
            {
                const FIELDS: &[$crate::common::aliased::Names] = $fields;
                let encoded = $mirror::serialize(self, ::serde_json::value::Serializer);
                $crate::common::aliased::encode(serializer, encoded, FIELDS, self.spellings)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $model {
            fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
            where
                D: ::serde::Deserializer<'de>,
            {
                const FIELDS: &[$crate::common::aliased::Names] = $fields;
                let value =
                    <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                let (mut model, spellings) =
                    $crate::common::aliased::decode(value, FIELDS, |de| $mirror::deserialize(de))?;
                model.spellings = spellings;
                Ok(model)
            }
        }
    };
}
pub(crate) use aliased_serde;
