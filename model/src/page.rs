//! `Page<T>`: one page of a cursor-paginated list.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "T: DeserializeOwned"))]
pub struct Page<T> {
    /// Entries that fail to decode are dropped individually, so one bad item never hides the rest.
    #[serde(deserialize_with = "crate::lenient::list")]
    pub items: Vec<T>,
    /// `None` means there is no further page.
    #[serde(default, deserialize_with = "crate::lenient::optional")]
    pub next_cursor: Option<String>,
    #[serde(default, deserialize_with = "crate::lenient::optional")]
    pub total: Option<u64>,
}

impl<T> Page<T> {
    pub fn has_more(&self) -> bool {
        self.next_cursor.as_deref().is_some_and(|c| !c.is_empty())
    }
}
