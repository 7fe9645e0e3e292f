//! Serde helpers for the contract's "treat every optional field as possibly absent or null" rule.

use std::fmt;

use serde::de::{DeserializeOwned, Error as _, IgnoredAny, SeqAccess, Unexpected, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;

/// An optional field: absent, `null` or of the wrong shape all read as `None`.
///
/// The value is delimited first and decoded on its own, so a wrong shape is skipped without
/// failing the document, and every type is decoded by one kind of deserializer (JSON text):
/// going through a `Value` tree instead would compile each type's decoder twice into the wasm.
/// Works under serde_json's deserializers (text or `Value`), not under serde's own buffering
/// ones (internally tagged enums, `flatten`), which cannot hand over raw JSON.
pub(crate) fn optional<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    let raw = Option::<Box<RawValue>>::deserialize(deserializer)?;
    Ok(raw.and_then(|raw| serde_json::from_str(raw.get()).ok()))
}

/// A list whose malformed entries are dropped one by one instead of failing the whole document;
/// anything that is not an array reads as empty. At most [`MAX_PAGE_ITEMS`] entries are read,
/// as from a page. Same deserializers as [`optional`].
pub(crate) fn list<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    let raw = Option::<Box<RawValue>>::deserialize(deserializer)?;
    let entries = raw.and_then(|raw| serde_json::from_str::<Entries>(raw.get()).ok());
    Ok(entries.map(|entries| Entries::decode(&entries.0)).unwrap_or_default())
}

/// Most entries read from one page of a list endpoint: the largest comment thread the app is
/// built to show in one page. A broken or hostile backend can send 100,000; the rest are skipped
/// by the parser without being kept, so memory and time stay bounded.
pub const MAX_PAGE_ITEMS: usize = 10_000;

/// The items of a page of a list endpoint (and of adapters' backends' lists): entries that fail
/// to decode are dropped one by one, at most [`MAX_PAGE_ITEMS`] entries are read, and anything
/// but an array is an error.
pub fn array_items<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    let entries = Entries::deserialize(deserializer)?;
    Ok(Entries::decode(&entries.0))
}

/// A list's entries, delimited but not yet decoded (at most [`MAX_PAGE_ITEMS`]; anything but an
/// array is an error). Decoding each on its own lets a bad one be dropped, is about twice as
/// fast as going through a `Value` tree, and lets a long list be decoded a slice at a time.
#[derive(Debug, Default)]
pub struct Entries(pub Vec<Box<RawValue>>);

impl Entries {
    /// The entries of `slice` that decode as `T`, in order.
    pub fn decode<T: DeserializeOwned>(slice: &[Box<RawValue>]) -> Vec<T> {
        let mut items = Vec::with_capacity(slice.len());
        items.extend(slice.iter().filter_map(|entry| serde_json::from_str(entry.get()).ok()));
        items
    }
}

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Entries, D::Error> {
        deserializer.deserialize_seq(EntriesVisitor)
    }
}

struct EntriesVisitor;

impl<'de> Visitor<'de> for EntriesVisitor {
    type Value = Entries;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a list of items")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Entries, A::Error> {
        let mut entries = Vec::new();
        while entries.len() < MAX_PAGE_ITEMS {
            match seq.next_element()? {
                Some(entry) => entries.push(entry),
                None => return Ok(Entries(entries)),
            }
        }
        // The rest is read past without being kept.
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Entries(entries))
    }
}

/// A boolean flag that defaults to false when absent, `null` or not a boolean.
pub(crate) fn flag<'de, D>(deserializer: D) -> Result<bool, D::Error>
where
    D: Deserializer<'de>,
{
    Ok(optional::<D, bool>(deserializer)?.unwrap_or(false))
}

/// A required text that has to say something (an id, a headline, a source's name): empty or only
/// whitespace fails like a missing field, so the entry is dropped from its list (and an article
/// without a headline is malformed) rather than shown as a link without a name or an empty
/// headline.
pub(crate) fn text<'de, D>(deserializer: D) -> Result<String, D::Error>
where
    D: Deserializer<'de>,
{
    let text = String::deserialize(deserializer)?;
    if text.trim().is_empty() {
        return Err(D::Error::invalid_value(Unexpected::Str(&text), &"a text that is not blank"));
    }
    Ok(text)
}

/// Declares a struct of the contract whose lenient fields say so once, by a marker the macro
/// replaces with their serde attributes:
///
/// - `#[optional]` on an `Option<T>`: absent, `null` or of the wrong shape reads as `None`
///   ([`optional`]), and `None` is left out when writing.
/// - `#[list]` on a `Vec<T>`: absent or not an array reads as empty, bad entries are dropped
///   ([`list`]), and an empty list is left out when writing.
/// - `#[flag]` on a `bool`: reads as false unless it is `true` ([`flag`]); false is left out.
///
/// The expansion is exactly those attributes written out: each field's decoder is still one of
/// the generic functions above, compiled once per type into the wasm.
macro_rules! contract_struct {
    ($(#[$attr:meta])* $vis:vis struct $name:ident { $($fields:tt)* }) => {
        $crate::lenient::contract_struct!(@field [$(#[$attr])* $vis struct $name] [] $($fields)*);
    };
    (@field [$($head:tt)*] [$($done:tt)*]) => {
        $($head)* { $($done)* }
    };
    (@field $head:tt [$($done:tt)*] #[optional] $($rest:tt)*) => {
        $crate::lenient::contract_struct!(@field $head [$($done)*
            #[serde(
                default,
                skip_serializing_if = "Option::is_none",
                deserialize_with = "crate::lenient::optional"
            )]
        ] $($rest)*);
    };
    (@field $head:tt [$($done:tt)*] #[list] $($rest:tt)*) => {
        $crate::lenient::contract_struct!(@field $head [$($done)*
            #[serde(
                default,
                skip_serializing_if = "Vec::is_empty",
                deserialize_with = "crate::lenient::list"
            )]
        ] $($rest)*);
    };
    (@field $head:tt [$($done:tt)*] #[flag] $($rest:tt)*) => {
        $crate::lenient::contract_struct!(@field $head [$($done)*
            #[serde(
                default,
                skip_serializing_if = "std::ops::Not::not",
                deserialize_with = "crate::lenient::flag"
            )]
        ] $($rest)*);
    };
    // Any other attribute (serde's own, a doc comment), as written.
    (@field $head:tt [$($done:tt)*] #[$field_attr:meta] $($rest:tt)*) => {
        $crate::lenient::contract_struct!(@field $head [$($done)* #[$field_attr]] $($rest)*);
    };
    (@field $head:tt [$($done:tt)*] $field_vis:vis $field:ident : $ty:ty $(, $($rest:tt)*)?) => {
        $crate::lenient::contract_struct!(@field $head [$($done)* $field_vis $field: $ty,]
            $($($rest)*)?);
    };
}
pub(crate) use contract_struct;
