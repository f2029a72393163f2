//! `string_enum!`: API enums that never fail a response.
//!
//! The API adds values over time, and its documents spell some values several ways. Each
//! enum made here decodes every documented spelling to a variant, in any letter case
//! (`"LinkedIn"`, `"X"`), keeps any other value in an `Other(String)` variant exactly as
//! received, encodes back the canonical spelling (or the kept value), and implements
//! `Display`, `FromStr` (infallible, same rules as decoding), `as_str` and `is_other`.

/// Declares a string enum; see the module docs.
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$variant_meta:meta])*
                $variant:ident = $wire:literal $(| $alias:literal)*,
            )*
        }
    ) => {
        $(#[$meta])*
        ///
        /// Decoding and [`FromStr`](std::str::FromStr) accept every spelling in any letter
        /// case (`"LinkedIn"` reads as `"linkedin"`); a value this version of the client does
        /// not know is kept, as received, in `Other`. Encoding and `Display` give the
        /// canonical spelling.
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        $vis enum $name {
            $(
                $(#[$variant_meta])*
                #[doc = concat!("\n\nOn the wire: `\"", $wire, "\"`", $(", also read from `\"", $alias, "\"`",)* ".")]
                $variant,
            )*
            /// A value this version of the client does not know, kept as received.
            Other(String),
        }

        impl $name {
            /// The value as the API spells it.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)*
                    $name::Other(value) => value,
                }
            }

            /// Whether this is a value the client does not know ([`Self::Other`]).
            pub fn is_other(&self) -> bool {
                matches!(self, $name::Other(_))
            }

            /// The variant of a spelling: exact first (the common case), then ignoring case.
            fn from_wire(value: &str) -> Option<Self> {
                match value {
                    $($wire $(| $alias)* => return Some($name::$variant),)*
                    _ => {}
                }
                $(
                    if value.eq_ignore_ascii_case($wire) $(|| value.eq_ignore_ascii_case($alias))* {
                        return Some($name::$variant);
                    }
                )*
                None
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok(Self::from_wire(value).unwrap_or_else(|| $name::Other(value.to_owned())))
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                struct V;
                impl<'de> ::serde::de::Visitor<'de> for V {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(concat!("a ", stringify!($name), " string"))
                    }
                    fn visit_str<E: ::serde::de::Error>(self, value: &str) -> ::std::result::Result<$name, E> {
                        Ok($name::from_wire(value).unwrap_or_else(|| $name::Other(value.to_owned())))
                    }
                    fn visit_string<E: ::serde::de::Error>(self, value: String) -> ::std::result::Result<$name, E> {
                        Ok($name::from_wire(&value).unwrap_or($name::Other(value)))
                    }
                }
                deserializer.deserialize_str(V)
            }
        }
    };
}

pub(crate) use string_enum;
