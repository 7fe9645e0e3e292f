//! `Page<T>`: one page of a cursor-paginated list.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::lenient::Entries;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "T: DeserializeOwned"))]
pub struct Page<T> {
    /// Entries that fail to decode are dropped individually, so one bad item never hides the rest;
    /// at most [`MAX_PAGE_ITEMS`](crate::MAX_PAGE_ITEMS) are read. Anything but an array is not a
    /// page.
    #[serde(deserialize_with = "crate::lenient::array_items")]
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

/// A [`Page`] whose entries are delimited but not decoded yet, for pages that can be long (a
/// thread of 10,000 comments): the app decodes them a slice at a time with
/// [`Entries::decode`], letting the browser paint in between, then calls [`RawPage::with_items`].
#[derive(Debug, Deserialize)]
pub struct RawPage {
    pub items: Entries,
    #[serde(default, deserialize_with = "crate::lenient::optional")]
    pub next_cursor: Option<String>,
    #[serde(default, deserialize_with = "crate::lenient::optional")]
    pub total: Option<u64>,
}

impl RawPage {
    /// The page with its decoded entries.
    pub fn with_items<T>(self, items: Vec<T>) -> Page<T> {
        Page { items, next_cursor: self.next_cursor, total: self.total }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MAX_PAGE_ITEMS;

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Item {
        id: String,
    }

    fn decode(json: &str) -> Page<Item> {
        serde_json::from_str(json).expect("a page")
    }

    #[test]
    fn a_page_of_100000_items_keeps_the_first_ten_thousand_and_reads_on() {
        let items: Vec<String> = (0..100_000).map(|i| format!(r#"{{"id": "a{i}"}}"#)).collect();
        let page = decode(&format!(
            r#"{{"items": [{}], "next_cursor": "next", "total": 100000}}"#,
            items.join(",")
        ));
        assert_eq!(page.items.len(), MAX_PAGE_ITEMS);
        assert_eq!(page.items[MAX_PAGE_ITEMS - 1], Item { id: format!("a{}", MAX_PAGE_ITEMS - 1) });
        assert_eq!((page.next_cursor.as_deref(), page.total), (Some("next"), Some(100_000)));
    }

    #[test]
    fn a_raw_page_decoded_in_slices_is_the_page() {
        let text = r#"{"items": [{"id": "a"}, 7, {"id": "b"}, {"id": "c"}, {}], "next_cursor": "n", "total": 5}"#;
        let raw: RawPage = serde_json::from_str(text).expect("a raw page");
        let items = raw.items.0.chunks(2).flat_map(Entries::decode::<Item>).collect();
        assert_eq!(raw.with_items(items), decode(text));
        assert!(serde_json::from_str::<RawPage>(r#"{"items": {"id": "a"}}"#).is_err());
    }

    #[test]
    fn bad_entries_are_dropped_and_anything_but_a_list_is_not_a_page() {
        let page = decode(r#"{"items": [{"id": "a"}, 7, {"id": 3}, null, {"id": "b"}]}"#);
        assert_eq!(page.items, [Item { id: "a".into() }, Item { id: "b".into() }]);
        for items in [r#"{"id": "a"}"#, "null", "true", "12", "-1", "1.5", r#""a""#] {
            let text = format!(r#"{{"items": {items}, "total": 1}}"#);
            assert!(serde_json::from_str::<Page<Item>>(&text).is_err(), "{items}");
        }
        assert!(
            serde_json::from_str::<Page<Item>>(r#"{"total": 1}"#).is_err(),
            "items are required"
        );
    }
}
