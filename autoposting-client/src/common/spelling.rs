//! Models that accept a field under two names and give it back under the one received.
//!
//! The API's documents name some fields two ways (`enabled` or `active` on an agent, `order`
//! or `position` on a brand). serde's `alias` reads both, but fails a body that carries
//! both ("duplicate field") and always writes the canonical name back, so a decoded model
//! does not serialise to what the server sent. A model declared with [`keeps_spelling!`]
//! instead:
//! - reads either name (or any of several), and a body with more than one (the first one
//!   wins, the others are skipped);
//! - remembers which name each field came under, and serialises it under that name;
//! - compares equal whatever the spelling (the spelling is not part of the value).
//!
//! How: the model's fields are declared once; the macro emits the public struct and a
//! private serde "remote" twin of it. Decoding runs the twin through [`KeyRenamer`], which
//! renames second spellings to the canonical one as the keys stream by and records which
//! came; encoding runs the twin through [`RenamingSerializer`], which writes them back.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{self, Impossible, Serialize, SerializeStruct, Serializer};

/// A model's second spellings: `(alias, canonical)` JSON keys, at most 32. A field with
/// several second spellings has one pair for each.
pub(crate) type Aliases = &'static [(&'static str, &'static str)];

/// Which second spellings a decoded model received; part of no comparison.
#[derive(Clone, Copy, Default)]
pub(crate) struct Spelling {
    aliases: Aliases,
    received: u32,
}

impl Spelling {
    /// The second spellings received, as they were written.
    fn received(&self) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        self.aliases
            .iter()
            .enumerate()
            .filter(|(index, _)| self.received & (1 << index) != 0)
            .map(|(_, pair)| *pair)
    }
}

impl PartialEq for Spelling {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Spelling {}

impl fmt::Debug for Spelling {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.received().map(|(alias, _)| alias))
            .finish()
    }
}

/// A decoded model and the spelling it came in, between the twin and the public type.
pub(crate) struct Spelled<T>(pub(crate) T, pub(crate) Spelling);

/// Decodes `T` through `decode` (the twin's remote `deserialize`), reading each alias of
/// `aliases` as its canonical key; answers the value and the spelling received.
pub(crate) fn deserialize<'de, D, T>(
    deserializer: D,
    aliases: Aliases,
    decode: impl FnOnce(KeyRenamer<'_, D>) -> Result<T, D::Error>,
) -> Result<Spelled<T>, D::Error>
where
    D: Deserializer<'de>,
{
    let received = Cell::new(0);
    let value = decode(KeyRenamer {
        inner: deserializer,
        aliases,
        received: &received,
    })?;
    let spelling = Spelling {
        aliases,
        received: received.get(),
    };
    Ok(Spelled(value, spelling))
}

/// Encodes `value` through `encode` (the twin's remote `serialize`), writing each field
/// under the spelling it was received in.
pub(crate) fn serialize<T, S: Serializer>(
    value: &T,
    spelling: Spelling,
    serializer: S,
    encode: impl FnOnce(&T, RenamingSerializer<S>) -> Result<S::Ok, S::Error>,
) -> Result<S::Ok, S::Error> {
    encode(
        value,
        RenamingSerializer {
            inner: serializer,
            spelling,
        },
    )
}

/// A deserializer whose maps give each second spelling under its canonical key, and skip a
/// key whose field was already read under the other spelling.
pub(crate) struct KeyRenamer<'a, D> {
    inner: D,
    aliases: Aliases,
    received: &'a Cell<u32>,
}

macro_rules! forward {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
                self.inner.$method(visitor)
            }
        )*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for KeyRenamer<'_, D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let visitor = RenamingVisitor {
            inner: visitor,
            aliases: self.aliases,
            received: self.received,
        };
        self.inner.deserialize_any(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let visitor = RenamingVisitor {
            inner: visitor,
            aliases: self.aliases,
            received: self.received,
        };
        self.inner.deserialize_map(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        let visitor = RenamingVisitor {
            inner: visitor,
            aliases: self.aliases,
            received: self.received,
        };
        self.inner.deserialize_struct(name, fields, visitor)
    }

    forward! {
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_f32
        deserialize_f64 deserialize_char deserialize_str deserialize_string deserialize_bytes
        deserialize_byte_buf deserialize_option deserialize_unit deserialize_seq
        deserialize_identifier deserialize_ignored_any deserialize_i128 deserialize_u128
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_unit_struct(name, visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_newtype_struct(name, visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_tuple(len, visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_tuple_struct(name, len, visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_enum(name, variants, visitor)
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

struct RenamingVisitor<'a, V> {
    inner: V,
    aliases: Aliases,
    received: &'a Cell<u32>,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for RenamingVisitor<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.inner.visit_map(RenamingMap {
            inner: map,
            aliases: self.aliases,
            received: self.received,
            read: 0,
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.inner.visit_seq(seq)
    }
}

struct RenamingMap<'a, A> {
    inner: A,
    aliases: Aliases,
    received: &'a Cell<u32>,
    /// The aliased fields already read, under either spelling.
    read: u32,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for RenamingMap<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        loop {
            let Some(Key(key)) = self.inner.next_key::<Key<'de>>()? else {
                return Ok(None);
            };
            let found = self.aliases.iter().enumerate().find_map(|(index, pair)| {
                if pair.0 == key {
                    Some((index, pair.1, true))
                } else if pair.1 == key {
                    Some((index, pair.1, false))
                } else {
                    None
                }
            });
            let Some((index, canonical, is_alias)) = found else {
                return seed
                    .deserialize(de::value::StrDeserializer::<A::Error>::new(&key[..]))
                    .map(Some);
            };
            // A field with several second spellings is read once, under any of them: its
            // "read" bit is that of its first pair.
            let field = self
                .aliases
                .iter()
                .position(|pair| pair.1 == canonical)
                .unwrap_or(index);
            if self.read & (1 << field) != 0 {
                // The field came under another spelling already: the first one wins.
                self.inner.next_value::<IgnoredAny>()?;
                continue;
            }
            self.read |= 1 << field;
            if is_alias {
                self.received.set(self.received.get() | (1 << index));
            }
            return seed
                .deserialize(de::value::StrDeserializer::<A::Error>::new(canonical))
                .map(Some);
        }
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        self.inner.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

/// A map key as text, borrowed where the input allows.
struct Key<'de>(Cow<'de, str>);

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// A serializer for one struct that writes each canonical key received under another
/// spelling under that spelling. It serialises structs only (as a map when one has a
/// flattened field): what the twins are.
pub(crate) struct RenamingSerializer<S> {
    inner: S,
    spelling: Spelling,
}

fn only_structs<E: ser::Error>() -> E {
    E::custom("a model that keeps its spelling serialises as a struct")
}

macro_rules! refuse {
    ($($method:ident($($arg:ty),*) -> $ret:ty;)*) => {
        $(
            fn $method(self, $(_: $arg),*) -> Result<$ret, S::Error> {
                Err(only_structs())
            }
        )*
    };
}

impl<S: Serializer> Serializer for RenamingSerializer<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Impossible<S::Ok, S::Error>;
    type SerializeTuple = Impossible<S::Ok, S::Error>;
    type SerializeTupleStruct = Impossible<S::Ok, S::Error>;
    type SerializeTupleVariant = Impossible<S::Ok, S::Error>;
    type SerializeMap = RenamingStruct<S::SerializeMap>;
    type SerializeStruct = RenamingStruct<S::SerializeStruct>;
    type SerializeStructVariant = Impossible<S::Ok, S::Error>;

    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, S::Error> {
        Ok(RenamingStruct {
            inner: self.inner.serialize_struct(name, len)?,
            spelling: self.spelling,
        })
    }

    refuse! {
        serialize_bool(bool) -> S::Ok;
        serialize_i8(i8) -> S::Ok;
        serialize_i16(i16) -> S::Ok;
        serialize_i32(i32) -> S::Ok;
        serialize_i64(i64) -> S::Ok;
        serialize_u8(u8) -> S::Ok;
        serialize_u16(u16) -> S::Ok;
        serialize_u32(u32) -> S::Ok;
        serialize_u64(u64) -> S::Ok;
        serialize_f32(f32) -> S::Ok;
        serialize_f64(f64) -> S::Ok;
        serialize_char(char) -> S::Ok;
        serialize_str(&str) -> S::Ok;
        serialize_bytes(&[u8]) -> S::Ok;
        serialize_none() -> S::Ok;
        serialize_unit() -> S::Ok;
        serialize_unit_struct(&'static str) -> S::Ok;
        serialize_unit_variant(&'static str, u32, &'static str) -> S::Ok;
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }

    /// A struct with a `#[serde(flatten)]` field serialises as a map.
    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        Ok(RenamingStruct {
            inner: self.inner.serialize_map(len)?,
            spelling: self.spelling,
        })
    }

    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<S::Ok, S::Error> {
        Err(only_structs())
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<S::Ok, S::Error> {
        Err(only_structs())
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<S::Ok, S::Error> {
        Err(only_structs())
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

pub(crate) struct RenamingStruct<T> {
    inner: T,
    spelling: Spelling,
}

impl<T> RenamingStruct<T> {
    fn spelled<'k>(&self, key: &'k str) -> &'k str {
        self.spelling
            .received()
            .find(|(_, canonical)| *canonical == key)
            .map_or(key, |(alias, _)| alias)
    }
}

impl<T: SerializeStruct> SerializeStruct for RenamingStruct<T> {
    type Ok = T::Ok;
    type Error = T::Error;

    fn serialize_field<V: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &V,
    ) -> Result<(), T::Error> {
        let key = self.spelled(key);
        self.inner.serialize_field(key, value)
    }

    fn skip_field(&mut self, key: &'static str) -> Result<(), T::Error> {
        let key = self.spelled(key);
        self.inner.skip_field(key)
    }

    fn end(self) -> Result<T::Ok, T::Error> {
        self.inner.end()
    }
}

impl<T: ser::SerializeMap> ser::SerializeMap for RenamingStruct<T> {
    type Ok = T::Ok;
    type Error = T::Error;

    fn serialize_key<K: ?Sized + Serialize>(&mut self, key: &K) -> Result<(), T::Error> {
        match key.serialize(serde_json::value::Serializer) {
            Ok(serde_json::Value::String(key)) => {
                let key = self.spelled(&key);
                self.inner.serialize_key(key)
            }
            _ => self.inner.serialize_key(key),
        }
    }

    fn serialize_value<V: ?Sized + Serialize>(&mut self, value: &V) -> Result<(), T::Error> {
        self.inner.serialize_value(value)
    }

    fn end(self) -> Result<T::Ok, T::Error> {
        self.inner.end()
    }
}

/// Declares a model whose fields may come under a second spelling (see the module docs).
///
/// ```ignore
/// keeps_spelling! {
///     /// Docs.
///     #[derive(Debug, Clone, PartialEq)]
///     #[non_exhaustive]
///     pub struct Agent as "Agent" {
///         /// Whether it runs.
///         pub enabled: bool,
///         // …every field, with its serde attributes (camelCase names)…
///     }
///     aliases = [("active", "enabled")];
/// }
/// ```
///
/// The struct gets a private field `spelling`; every field's serde attributes apply, and
/// the JSON names are camelCase. It gets a `Debug` impl too, as `#[derive(Debug)]` would
/// write it without `spelling` (so do not derive `Debug`); with `debug = manual;` after the
/// aliases it gets none, for a model that writes its own (to hide a secret).
macro_rules! keeps_spelling {
    (@debug [manual] $name:ident { $($field:ident)* }) => {};
    (@debug [] $name:ident { $($field:ident)* }) => {
        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(stringify!($name))
                    $( .field(stringify!($field), &self.$field) )*
                    .finish()
            }
        }
    };
    (
        $(#[$meta:meta])*
        pub struct $name:ident as $remote:tt {
            $( $(#[$field_meta:meta])* pub $field:ident : $ty:ty, )*
        }
        aliases = [ $( ($alias:tt, $canonical:tt) ),* $(,)? ];
        $( debug = $manual:ident; )?
    ) => {
        crate::common::spelling::keeps_spelling!(@debug [$($manual)?] $name { $($field)* });

        $(#[$meta])*
        #[derive(::serde::Serialize, ::serde::Deserialize)]
        #[serde(
            from = "crate::common::spelling::Spelled<Self>",
            into = "crate::common::spelling::Spelled<Self>",
            rename_all = "camelCase"
        )]
        pub struct $name {
            $( $(#[$field_meta])* pub $field: $ty, )*
            /// Which JSON keys came under their second spelling.
            #[serde(skip)]
            spelling: crate::common::spelling::Spelling,
        }

        const _: () = {
            use crate::common::spelling::{self, Aliases, Spelled};

            const ALIASES: Aliases = &[ $( ($alias, $canonical) ),* ];

            #[derive(::serde::Serialize, ::serde::Deserialize)]
            #[serde(remote = $remote, rename_all = "camelCase")]
            #[allow(dead_code)]
            struct Twin {
                $( $(#[$field_meta])* $field: $ty, )*
                #[serde(skip)]
                spelling: spelling::Spelling,
            }

            impl From<Spelled<$name>> for $name {
                fn from(Spelled(mut value, spelled): Spelled<$name>) -> Self {
                    value.spelling = spelled;
                    value
                }
            }

            impl From<$name> for Spelled<$name> {
                fn from(value: $name) -> Self {
                    let spelled = value.spelling;
                    Spelled(value, spelled)
                }
            }

            impl<'de> ::serde::Deserialize<'de> for Spelled<$name> {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    spelling::deserialize(deserializer, ALIASES, |d| Twin::deserialize(d))
                }
            }

            impl ::serde::Serialize for Spelled<$name> {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    spelling::serialize(&self.0, self.1, serializer, |v, s| Twin::serialize(v, s))
                }
            }
        };
    };
}

pub(crate) use keeps_spelling;

#[cfg(test)]
mod tests {
    keeps_spelling! {
        /// A model for the tests.
        #[derive(Clone, PartialEq)]
        pub struct Sample as "Sample" {
            pub enabled: bool,
            #[serde(default)]
            pub name: Option<String>,
        }
        aliases = [("active", "enabled")];
    }

    #[test]
    fn debug_shows_the_api_fields_only_whatever_the_spelling() {
        for body in [
            r#"{"enabled": true, "name": "n"}"#,
            r#"{"active": true, "name": "n"}"#,
        ] {
            let sample: Sample = serde_json::from_str(body).unwrap();
            assert_eq!(
                format!("{sample:?}"),
                r#"Sample { enabled: true, name: Some("n") }"#,
                "{body}"
            );
            assert_eq!(
                format!("{sample:#?}"),
                "Sample {\n    enabled: true,\n    name: Some(\n        \"n\",\n    ),\n}"
            );
        }
    }
}
