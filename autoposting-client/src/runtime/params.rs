//! Turns `#[query]` and `#[header]` argument values into name/value pairs through serde.
//!
//! One serializer covers every shape a user may pass, without the macro guessing types:
//! a scalar is one pair under the argument's name; `None` (and `()`) adds nothing, never an
//! empty or `null` value; a sequence repeats the name once per element; a struct or map
//! (only as the argument itself) contributes one pair per field under the field's serde
//! name, with the same rules for each field's value. Unit enum variants use their serde
//! name, so `#[serde(rename_all = "snake_case")]` enums work as values.

use std::fmt::{self, Display};

use serde::ser::{self, Impossible, Serialize};

/// Where pairs go: a query string or a header map.
pub(crate) trait Sink {
    fn push(&mut self, name: &str, value: &str);
}

/// The reason a value could not be turned into pairs.
#[derive(Debug)]
pub(crate) struct ParamError(String);

impl Display for ParamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ParamError {}

impl ser::Error for ParamError {
    fn custom<T: Display>(msg: T) -> Self {
        ParamError(msg.to_string())
    }
}

/// How deep in the argument a value sits; decides which shapes are allowed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Level {
    /// The argument itself: scalar, option, sequence, struct or map.
    Argument,
    /// A field of a struct argument, or a header value: scalar, option or sequence.
    Field,
    /// An element of a sequence: scalar or option.
    Element,
}

/// Serializes `value` as pairs named `name` (or after its fields) into `sink`.
pub(crate) fn write<T, S>(
    sink: &mut S,
    name: &str,
    level: Level,
    value: &T,
) -> Result<(), ParamError>
where
    T: Serialize + ?Sized,
    S: Sink,
{
    value.serialize(Pairs { sink, name, level })
}

struct Pairs<'a, S> {
    sink: &'a mut S,
    name: &'a str,
    level: Level,
}

impl<S: Sink> Pairs<'_, S> {
    fn scalar(self, value: &str) -> Result<(), ParamError> {
        if self.name.is_empty() {
            return Err(ParamError("a parameter name cannot be empty".into()));
        }
        self.sink.push(self.name, value);
        Ok(())
    }

    fn unsupported(&self, what: &str) -> ParamError {
        ParamError(format!("`{}` cannot be {what}", self.name))
    }
}

macro_rules! scalar_via_display {
    ($($method:ident: $ty:ty),*) => {$(
        fn $method(self, value: $ty) -> Result<(), ParamError> {
            self.scalar(&value.to_string())
        }
    )*};
}

impl<'a, S: Sink> ser::Serializer for Pairs<'a, S> {
    type Ok = ();
    type Error = ParamError;
    type SerializeSeq = Elements<'a, S>;
    type SerializeTuple = Elements<'a, S>;
    type SerializeTupleStruct = Elements<'a, S>;
    type SerializeTupleVariant = Impossible<(), ParamError>;
    type SerializeMap = Fields<'a, S>;
    type SerializeStruct = Fields<'a, S>;
    type SerializeStructVariant = Impossible<(), ParamError>;

    scalar_via_display!(
        serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_i128: i128, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_u128: u128, serialize_char: char
    );

    fn serialize_bool(self, value: bool) -> Result<(), ParamError> {
        self.scalar(if value { "true" } else { "false" })
    }

    fn serialize_f32(self, value: f32) -> Result<(), ParamError> {
        self.serialize_f64(f64::from(value))
    }

    fn serialize_f64(self, value: f64) -> Result<(), ParamError> {
        if !value.is_finite() {
            return Err(self.unsupported("a non-finite number"));
        }
        self.scalar(&value.to_string())
    }

    fn serialize_str(self, value: &str) -> Result<(), ParamError> {
        self.scalar(value)
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<(), ParamError> {
        Err(self.unsupported("raw bytes; pass a string"))
    }

    fn serialize_none(self) -> Result<(), ParamError> {
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), ParamError> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), ParamError> {
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), ParamError> {
        Ok(())
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), ParamError> {
        self.scalar(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), ParamError> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), ParamError> {
        Err(self.unsupported("an enum variant with data"))
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Elements<'a, S>, ParamError> {
        if self.level == Level::Element {
            return Err(self.unsupported("a nested sequence"));
        }
        Ok(Elements {
            sink: self.sink,
            name: self.name,
        })
    }

    fn serialize_tuple(self, len: usize) -> Result<Elements<'a, S>, ParamError> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        len: usize,
    ) -> Result<Elements<'a, S>, ParamError> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, ParamError> {
        Err(self.unsupported("an enum variant with data"))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Fields<'a, S>, ParamError> {
        if self.level != Level::Argument {
            return Err(
                self.unsupported("a nested struct or map: only the argument itself may be one")
            );
        }
        Ok(Fields {
            sink: self.sink,
            key: None,
        })
    }

    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Fields<'a, S>, ParamError> {
        self.serialize_map(Some(len))
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, ParamError> {
        Err(self.unsupported("an enum variant with data"))
    }
}

/// The elements of a sequence, each a pair under the same name.
pub(crate) struct Elements<'a, S> {
    sink: &'a mut S,
    name: &'a str,
}

impl<S: Sink> Elements<'_, S> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ParamError> {
        value.serialize(Pairs {
            sink: &mut *self.sink,
            name: self.name,
            level: Level::Element,
        })
    }
}

impl<S: Sink> ser::SerializeSeq for Elements<'_, S> {
    type Ok = ();
    type Error = ParamError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ParamError> {
        self.element(value)
    }
    fn end(self) -> Result<(), ParamError> {
        Ok(())
    }
}

impl<S: Sink> ser::SerializeTuple for Elements<'_, S> {
    type Ok = ();
    type Error = ParamError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ParamError> {
        self.element(value)
    }
    fn end(self) -> Result<(), ParamError> {
        Ok(())
    }
}

impl<S: Sink> ser::SerializeTupleStruct for Elements<'_, S> {
    type Ok = ();
    type Error = ParamError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ParamError> {
        self.element(value)
    }
    fn end(self) -> Result<(), ParamError> {
        Ok(())
    }
}

/// The fields of a struct or entries of a map, each named after its field or key.
pub(crate) struct Fields<'a, S> {
    sink: &'a mut S,
    key: Option<String>,
}

impl<S: Sink> ser::SerializeStruct for Fields<'_, S> {
    type Ok = ();
    type Error = ParamError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), ParamError> {
        value.serialize(Pairs {
            sink: &mut *self.sink,
            name: key,
            level: Level::Field,
        })
    }
    fn end(self) -> Result<(), ParamError> {
        Ok(())
    }
}

impl<S: Sink> ser::SerializeMap for Fields<'_, S> {
    type Ok = ();
    type Error = ParamError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), ParamError> {
        let mut name = KeyName(None);
        write(&mut name, "map key", Level::Element, key)?;
        self.key = Some(
            name.0
                .ok_or_else(|| ParamError("a map key cannot be empty or None".into()))?,
        );
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ParamError> {
        let key = self
            .key
            .take()
            .ok_or_else(|| ParamError("map value without a key".into()))?;
        value.serialize(Pairs {
            sink: &mut *self.sink,
            name: &key,
            level: Level::Field,
        })
    }
    fn end(self) -> Result<(), ParamError> {
        Ok(())
    }
}

/// Captures a map key rendered as a scalar.
struct KeyName(Option<String>);

impl Sink for KeyName {
    fn push(&mut self, _: &str, value: &str) {
        self.0 = Some(value.to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    #[derive(Default)]
    struct Collect(Vec<(String, String)>);

    impl Sink for Collect {
        fn push(&mut self, name: &str, value: &str) {
            self.0.push((name.to_owned(), value.to_owned()));
        }
    }

    fn pairs<T: Serialize + ?Sized>(
        name: &str,
        value: &T,
    ) -> Result<Vec<(String, String)>, ParamError> {
        let mut sink = Collect::default();
        write(&mut sink, name, Level::Argument, value)?;
        Ok(sink.0)
    }

    fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn scalars_are_one_pair() {
        assert_eq!(pairs("limit", &20u32).unwrap(), owned(&[("limit", "20")]));
        assert_eq!(pairs("q", "a b").unwrap(), owned(&[("q", "a b")]));
        assert_eq!(
            pairs("unreadOnly", &true).unwrap(),
            owned(&[("unreadOnly", "true")])
        );
        assert_eq!(pairs("ratio", &0.5f64).unwrap(), owned(&[("ratio", "0.5")]));
    }

    #[test]
    fn none_adds_nothing() {
        assert!(pairs("limit", &None::<u32>).unwrap().is_empty());
        assert_eq!(
            pairs("limit", &Some(5u32)).unwrap(),
            owned(&[("limit", "5")])
        );
    }

    #[test]
    fn sequences_repeat_the_name() {
        let platforms = vec!["x", "linkedin"];
        assert_eq!(
            pairs("platform", &platforms).unwrap(),
            owned(&[("platform", "x"), ("platform", "linkedin")])
        );
        assert!(pairs("platform", &Vec::<String>::new()).unwrap().is_empty());
        assert_eq!(
            pairs("ids", &[Some(1), None, Some(3)]).unwrap(),
            owned(&[("ids", "1"), ("ids", "3")])
        );
    }

    #[test]
    fn struct_fields_become_parameters() {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Filter {
            brand_slug: &'static str,
            limit: Option<u32>,
            offset: Option<u32>,
            status: Vec<Status>,
        }
        #[derive(Serialize)]
        #[serde(rename_all = "snake_case")]
        enum Status {
            Draft,
            BillingHold,
        }
        let filter = Filter {
            brand_slug: "my-brand",
            limit: Some(20),
            offset: None,
            status: vec![Status::Draft, Status::BillingHold],
        };
        assert_eq!(
            pairs("filter", &filter).unwrap(),
            owned(&[
                ("brandSlug", "my-brand"),
                ("limit", "20"),
                ("status", "draft"),
                ("status", "billing_hold")
            ])
        );
    }

    #[test]
    fn nested_shapes_are_errors_not_panics() {
        #[derive(Serialize)]
        struct Inner {
            a: u8,
        }
        #[derive(Serialize)]
        struct Outer {
            inner: Inner,
        }
        assert!(
            pairs(
                "x",
                &Outer {
                    inner: Inner { a: 1 }
                }
            )
            .is_err()
        );
        assert!(pairs("x", &vec![vec![1]]).is_err());
        assert!(pairs("x", &f64::NAN).is_err());
        assert!(pairs("x", serde_bytes_like()).is_err());
    }

    fn serde_bytes_like() -> &'static impl Serialize {
        struct Bytes;
        impl Serialize for Bytes {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(b"ab")
            }
        }
        &Bytes
    }
}
