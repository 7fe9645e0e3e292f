//! Serde helpers for the contract's "treat every optional field as possibly absent or null" rule.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{DeserializeOwned, Error, IgnoredAny, MapAccess, SeqAccess, Unexpected, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// An optional field: absent, `null` or of the wrong shape all read as `None`.
pub(crate) fn optional<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    let value = Option::<Value>::deserialize(deserializer)?;
    Ok(value.and_then(|v| T::deserialize(v).ok()))
}

/// A list whose malformed entries are dropped one by one instead of failing the whole document;
/// anything that is not an array reads as empty.
pub(crate) fn list<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    let value = Option::<Value>::deserialize(deserializer)?;
    Ok(match value {
        Some(Value::Array(items)) => {
            items.into_iter().filter_map(|item| T::deserialize(item).ok()).collect()
        }
        _ => Vec::new(),
    })
}

/// Most entries read from one page of a list endpoint. A broken or hostile backend can send
/// 100,000; the rest are skipped by the parser without being kept, so memory and time stay
/// bounded.
pub const MAX_PAGE_ITEMS: usize = 1_000;

/// A list of items as a page of a list endpoint has it: entries that fail to decode are
/// dropped one by one, anything that is not an array reads as empty, and at most
/// [`MAX_PAGE_ITEMS`] entries are read.
pub fn page_items<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    deserializer.deserialize_any(PageItems { strict: false, item: PhantomData })
}

/// [`page_items`] for documents that must be a list (adapters' backends): anything but an array
/// is an error.
pub fn array_items<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    deserializer.deserialize_any(PageItems { strict: true, item: PhantomData })
}

struct PageItems<T> {
    /// Whether anything but an array is an error (else it reads as no items).
    strict: bool,
    item: PhantomData<T>,
}

impl<T: DeserializeOwned> PageItems<T> {
    fn not_a_list<E: Error>(&self, found: Unexpected) -> Result<Vec<T>, E> {
        match self.strict {
            true => Err(E::invalid_type(found, self)),
            false => Ok(Vec::new()),
        }
    }
}

impl<'de, T: DeserializeOwned> Visitor<'de> for PageItems<T> {
    type Value = Vec<T>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a list of items")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut items = Vec::new();
        for _ in 0..MAX_PAGE_ITEMS {
            match seq.next_element::<Value>()? {
                Some(item) => items.extend(T::deserialize(item).ok()),
                None => return Ok(items),
            }
        }
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(items)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<T>, A::Error> {
        if !self.strict {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        }
        self.not_a_list(Unexpected::Map)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Vec<T>, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_none<E: Error>(self) -> Result<Vec<T>, E> {
        self.not_a_list(Unexpected::Option)
    }

    fn visit_unit<E: Error>(self) -> Result<Vec<T>, E> {
        self.not_a_list(Unexpected::Unit)
    }

    fn visit_bool<E: Error>(self, v: bool) -> Result<Vec<T>, E> {
        self.not_a_list(Unexpected::Bool(v))
    }

    fn visit_i64<E: Error>(self, v: i64) -> Result<Vec<T>, E> {
        self.not_a_list(Unexpected::Signed(v))
    }

    fn visit_u64<E: Error>(self, v: u64) -> Result<Vec<T>, E> {
        self.not_a_list(Unexpected::Unsigned(v))
    }

    fn visit_f64<E: Error>(self, v: f64) -> Result<Vec<T>, E> {
        self.not_a_list(Unexpected::Float(v))
    }

    fn visit_str<E: Error>(self, v: &str) -> Result<Vec<T>, E> {
        self.not_a_list(Unexpected::Str(v))
    }
}

/// A boolean flag that defaults to false when absent, `null` or not a boolean.
pub(crate) fn flag<'de, D>(deserializer: D) -> Result<bool, D::Error>
where
    D: Deserializer<'de>,
{
    Ok(optional::<D, bool>(deserializer)?.unwrap_or(false))
}
