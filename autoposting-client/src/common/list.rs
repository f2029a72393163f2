//! [`List`]: one type for every list shape the API is documented or known to return.
//!
//! The reference pages show `{"runs": […], "total": 3}` (the array under the resource's
//! plural); the official SDK sees `{"items": […], "total", "limit", "offset"}` for some
//! resources, `{"clips": […], "pagination": {"page", "limit", "total", "totalPages"}}` for
//! clips, and bare arrays for others. All decode into a `List<T>`, in one pass, and encode
//! back in the shape they came in.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

/// A list of `T` with whatever paging facts the response carried.
///
/// # The shapes it decodes
/// Every list shape the API's documents and the official SDK show, in one pass:
///
/// | shape | example | facts filled |
/// | --- | --- | --- |
/// | a bare array | `[{…}, {…}]` | none |
/// | the items under the resource's plural (reference pages) | `{"runs": […], "total": 3}` | `total` |
/// | `items` with offset paging (SDK) | `{"items": […], "total": 120, "limit": 50, "offset": 0}` | `total`, `limit`, `offset` |
/// | a nested `pagination` object (SDK, clips) | `{"clips": […], "pagination": {"page": 1, "limit": 20, "total": 45, "totalPages": 3}}` | `page`, `limit`, `total`, `total_pages` |
/// | page numbers at the top level | `{"items": […], "page": 2, "totalPages": 5}` | `page`, `total_pages` |
///
/// The array is looked for under a known key first (`items`, `runs`, `agents`, `outputs`,
/// `keys`, `apiKeys`, `posts`, `brands`, `carousels`, `clips`, `jobs`, `kbs`,
/// `knowledgeBases`, `docs`, `documents`, `results`, `ideas`, `notifications`, `tokens`,
/// `connections`, `webhooks`, `deliveries`, `orgs`, `organizations`, `workspaces`, `slides`,
/// `candidates`); the first known key wins, and `null` under it is an empty list. Without
/// one, the first array under another key whose every element decodes as `T` is the list
/// (a non-empty one preferred); an object without such an array is an error.
///
/// A paging fact is a non-negative integer, also read from a string (`"12"`) or a whole
/// float (`12.0`); any other value (`null`, `-1`, `"many"`) leaves the fact `None` rather
/// than failing the response. An item that does not decode as `T` fails the whole list,
/// with the path of the failing field.
///
/// Encoding gives back the shape received: the same key, the facts at the top level or
/// under `pagination` as they came (a bare array for a list built with [`List::new`]).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct List<T> {
    /// The items of this page, in the order received.
    pub items: Vec<T>,
    /// How many items exist in all, where the response says (JSON `total`, or
    /// `pagination.total`).
    pub total: Option<u64>,
    /// The page size the server applied, where the response says (JSON `limit`, or
    /// `pagination.limit`).
    pub limit: Option<u64>,
    /// The offset of the first item, where the response says (JSON `offset`).
    pub offset: Option<u64>,
    /// The 1-based page number, where the response says (JSON `page`, or clips'
    /// `pagination.page`).
    pub page: Option<u64>,
    /// How many pages exist, where the response says (JSON `totalPages`, or clips'
    /// `pagination.totalPages`).
    pub total_pages: Option<u64>,
    /// The JSON key the items came under (`runs`, `items`, `clips`); `None` for a bare array.
    key: Option<String>,
    /// Whether the paging facts came in a nested `pagination` object.
    nested_pagination: bool,
}

impl<T> Default for List<T> {
    fn default() -> Self {
        List {
            items: Vec::new(),
            total: None,
            limit: None,
            offset: None,
            page: None,
            total_pages: None,
            key: None,
            nested_pagination: false,
        }
    }
}

impl<T> List<T> {
    /// A list of `items` with no paging facts, as a bare array would decode.
    pub fn new(items: Vec<T>) -> Self {
        List {
            items,
            ..List::default()
        }
    }

    /// Sets the total, for building lists by hand (test doubles).
    pub fn with_total(mut self, total: u64) -> Self {
        self.total = Some(total);
        self
    }

    /// The number of items on this page.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether this page has no items.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Iterates over the items.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }

    /// The JSON key the items came under, `None` for a bare array.
    pub fn key(&self) -> Option<&str> {
        self.key.as_deref()
    }
}

impl<T> IntoIterator for List<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a List<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl<T> From<Vec<T>> for List<T> {
    fn from(items: Vec<T>) -> Self {
        List::new(items)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ListVisitor(PhantomData))
    }
}

struct ListVisitor<T>(PhantomData<T>);

/// Decodes a value as `Vec<T>` if it is an array, and skips it otherwise.
struct ItemsIfArray<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for ItemsIfArray<T> {
    type Value = Option<Vec<T>>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Option<Vec<T>>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                Vec::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(Some)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(None)
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
        }
        deserializer.deserialize_any(V(PhantomData))
    }
}

/// A paging fact: a non-negative integer, also written as a string (`"12"`); anything else
/// (`null`, `-1`, `1.5`, `"many"`) is `None` rather than a failed response, since the items
/// themselves are still good.
struct Fact(Option<u64>);

impl<'de> Deserialize<'de> for Fact {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Fact;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a count")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Fact, E> {
                Ok(Fact(Some(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Fact, E> {
                Ok(Fact(u64::try_from(v).ok()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Fact, E> {
                let whole = v.fract() == 0.0 && (0.0..=u64::MAX as f64).contains(&v);
                Ok(Fact(whole.then_some(v as u64)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Fact, E> {
                Ok(Fact(v.trim().parse().ok()))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Fact, E> {
                Ok(Fact(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Fact, E> {
                Ok(Fact(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Fact, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Fact(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fact, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Fact(None))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// Clips' `pagination` object.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Pagination {
    page: Option<Fact>,
    limit: Option<Fact>,
    total: Option<Fact>,
    total_pages: Option<Fact>,
    offset: Option<Fact>,
}

/// Known names of a list's array, decoded straight into `T`. An array under any other key
/// is only a candidate: it is held as JSON and used if no known key holds the list.
const LIST_KEYS: &[&str] = &[
    "items",
    "runs",
    "agents",
    "outputs",
    "keys",
    "apiKeys",
    "posts",
    "brands",
    "carousels",
    "clips",
    "jobs",
    "kbs",
    "knowledgeBases",
    "docs",
    "documents",
    "results",
    "ideas",
    "notifications",
    "tokens",
    "connections",
    "webhooks",
    "deliveries",
    "orgs",
    "organizations",
    "workspaces",
    "slides",
    "candidates",
];

impl<'de, T: Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
    type Value = List<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list: an array, or an object holding an array with paging fields")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Ok(List::new(Vec::deserialize(
            de::value::SeqAccessDeserializer::new(seq),
        )?))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut list = List::default();
        let mut found = false;
        // Arrays under unknown keys, in order, kept in case no known key holds the list.
        let mut candidates: Vec<(String, Vec<serde_json::Value>)> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let fact =
                |map: &mut A| -> Result<Option<u64>, A::Error> { Ok(map.next_value::<Fact>()?.0) };
            match key.as_str() {
                "total" => list.total = fact(&mut map)?,
                "limit" => list.limit = fact(&mut map)?,
                "offset" => list.offset = fact(&mut map)?,
                "page" => list.page = fact(&mut map)?,
                "totalPages" => list.total_pages = fact(&mut map)?,
                "pagination" => {
                    if let Some(p) = map.next_value::<Option<Pagination>>().ok().flatten() {
                        let get = |f: Option<Fact>| f.and_then(|f| f.0);
                        list.nested_pagination = true;
                        list.page = get(p.page).or(list.page);
                        list.limit = get(p.limit).or(list.limit);
                        list.total = get(p.total).or(list.total);
                        list.total_pages = get(p.total_pages).or(list.total_pages);
                        list.offset = get(p.offset).or(list.offset);
                    }
                }
                // The first known key wins; `items: null` is an empty list.
                known if !found && LIST_KEYS.contains(&known) => {
                    list.items = map.next_value::<Option<Vec<T>>>()?.unwrap_or_default();
                    list.key = Some(key);
                    found = true;
                }
                _ if found => {
                    map.next_value::<IgnoredAny>()?;
                }
                _ => {
                    if let Some(array) =
                        map.next_value_seed(ItemsIfArray::<serde_json::Value>(PhantomData))?
                    {
                        candidates.push((key, array));
                    }
                }
            }
        }
        if !found {
            // The first candidate whose elements all fit `T`, preferring a non-empty one.
            non_empty_first(&mut candidates);
            let fitting = candidates.into_iter().find_map(|(key, array)| {
                let items: Vec<T> = array
                    .into_iter()
                    .map(T::deserialize)
                    .collect::<Result<_, _>>()
                    .ok()?;
                Some((key, items))
            });
            let Some((key, items)) = fitting else {
                return Err(de::Error::custom(
                    "expected an array of items in the list object",
                ));
            };
            list.items = items;
            list.key = Some(key);
        }
        Ok(list)
    }
}

/// Orders the candidate arrays non-empty first, otherwise as found. Not generic, so that the
/// sort is compiled once, not once per item type.
fn non_empty_first(candidates: &mut [(String, Vec<serde_json::Value>)]) {
    candidates.sort_by_key(|(_, array)| array.is_empty());
}

impl<T: Serialize> Serialize for List<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Some(key) = &self.key else {
            return self.items.serialize(serializer);
        };
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry(key, &self.items)?;
        let facts = [
            ("page", self.page),
            ("limit", self.limit),
            ("offset", self.offset),
            ("total", self.total),
            ("totalPages", self.total_pages),
        ];
        if self.nested_pagination {
            let nested: serde_json::Map<String, serde_json::Value> = facts
                .iter()
                .filter_map(|(name, value)| value.map(|v| ((*name).to_owned(), v.into())))
                .collect();
            map.serialize_entry("pagination", &nested)?;
        } else {
            for (name, value) in facts {
                if let Some(value) = value {
                    map.serialize_entry(name, &value)?;
                }
            }
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn decode(value: serde_json::Value) -> List<u32> {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn bare_array() {
        let list = decode(json!([1, 2, 3]));
        assert_eq!(list.items, [1, 2, 3]);
        assert_eq!(list.total, None);
        assert_eq!(serde_json::to_value(&list).unwrap(), json!([1, 2, 3]));
    }

    #[test]
    fn plural_key_with_total() {
        let list = decode(json!({"runs": [1, 2], "total": 7}));
        assert_eq!(
            (list.items.as_slice(), list.total, list.key()),
            (&[1, 2][..], Some(7), Some("runs"))
        );
        assert_eq!(
            serde_json::to_value(&list).unwrap(),
            json!({"runs": [1, 2], "total": 7})
        );
    }

    #[test]
    fn items_limit_offset() {
        let list = decode(json!({"total": 9, "items": [4], "limit": 1, "offset": 3}));
        assert_eq!(
            (list.items.as_slice(), list.total, list.limit, list.offset),
            (&[4][..], Some(9), Some(1), Some(3))
        );
    }

    #[test]
    fn clips_with_nested_pagination() {
        let value = json!({"clips": [5, 6], "pagination": {"page": 2, "limit": 2, "total": 6, "totalPages": 3}});
        let list = decode(value.clone());
        assert_eq!(
            (list.page, list.limit, list.total, list.total_pages),
            (Some(2), Some(2), Some(6), Some(3))
        );
        assert_eq!(serde_json::to_value(&list).unwrap(), value);
    }

    #[test]
    fn scalar_keys_before_the_array_are_skipped() {
        let list = decode_raw(r#"{"agentId": "a", "runs": [1], "warnings": [9]}"#);
        assert_eq!(list.items, [1]);
        assert_eq!(list.key(), Some("runs"));
    }

    #[test]
    fn items_wins_over_other_arrays() {
        let list = decode(json!({"warnings": [9], "items": [1]}));
        assert_eq!(list.items, [1]);
    }

    fn decode_raw(text: &str) -> List<u32> {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn a_known_key_wins_over_an_earlier_unknown_array() {
        let list = decode_raw(r#"{"warnings": [], "runs": [1, 2], "total": 2}"#);
        assert_eq!(
            (list.items.as_slice(), list.key()),
            (&[1, 2][..], Some("runs"))
        );
        let list = decode_raw(r#"{"tags": ["x"], "posts": [3]}"#);
        assert_eq!(list.items, [3]);
    }

    #[test]
    fn among_unknown_arrays_the_first_that_fits_is_the_list() {
        let list = decode_raw(r#"{"tags": ["x"], "empty": [], "entries": [4, 5]}"#);
        assert_eq!(
            (list.items.as_slice(), list.key()),
            (&[4, 5][..], Some("entries"))
        );
    }

    #[test]
    fn malformed_paging_facts_are_none_not_errors() {
        let list =
            decode_raw(r#"{"items": [1], "total": "7", "limit": -1, "offset": 2.0, "page": "x"}"#);
        assert_eq!(
            (list.total, list.limit, list.offset, list.page),
            (Some(7), None, Some(2), None)
        );
        let list = decode_raw(r#"{"clips": [1], "pagination": {"page": "2", "total": null}}"#);
        assert_eq!((list.page, list.total), (Some(2), None));
    }

    #[test]
    fn null_items_is_an_empty_list() {
        let list = decode_raw(r#"{"items": null, "total": 0}"#);
        assert!(list.is_empty());
    }

    #[test]
    fn an_object_without_an_array_is_an_error() {
        assert!(serde_json::from_value::<List<u32>>(json!({"total": 1})).is_err());
        assert!(serde_json::from_value::<List<u32>>(json!("x")).is_err());
    }

    #[test]
    fn a_bad_item_is_an_error_not_a_skip() {
        assert!(serde_json::from_value::<List<u32>>(json!({"runs": ["x"]})).is_err());
    }
}
