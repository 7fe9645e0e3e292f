//! Serde helpers for the contract's "treat every optional field as possibly absent or null" rule.

use serde::de::DeserializeOwned;
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

/// A boolean flag that defaults to false when absent, `null` or not a boolean.
pub(crate) fn flag<'de, D>(deserializer: D) -> Result<bool, D::Error>
where
    D: Deserializer<'de>,
{
    Ok(optional::<D, bool>(deserializer)?.unwrap_or(false))
}
