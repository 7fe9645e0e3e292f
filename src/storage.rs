//! The reader's `localStorage`, which may be missing, full or refused (private mode, blocked
//! cookies): every read can come back empty and every write can silently not happen.
//!
//! Every key is `broadsheet:<purpose>[:<id>…]` and is made here, nowhere else. A key renamed
//! since an earlier release is listed in `RENAMED`: the first read that misses the new key moves
//! the reader's value over from the old one, so a rename never loses what a reader saved.

/// The reader's text size for article text.
pub const TEXT_SIZE: &str = "broadsheet:text-size";
/// The commenter's name, remembered for every article.
pub const COMMENTER_NAME: &str = "broadsheet:name";
/// The order the reader prefers comments in.
pub const COMMENT_SORT: &str = "broadsheet:comment-sort";

/// The draft of a comment on `article_id`, replying to `parent_id` (or top-level).
pub fn draft_key(article_id: &str, parent_id: Option<&str>) -> String {
    format!("broadsheet:draft:{article_id}:{}", parent_id.unwrap_or("top"))
}

/// (key, the key of earlier releases it replaces).
const RENAMED: [(&str, &str); 1] = [(TEXT_SIZE, "broadsheet.text-size")];

/// What reading and migrating need of a storage: the browser's, or a map in tests.
trait Store {
    fn get(&self, key: &str) -> Option<String>;
    /// Whether the value was kept (a full or refused storage keeps nothing).
    fn set(&self, key: &str, value: &str) -> bool;
    fn remove(&self, key: &str);
}

impl Store for web_sys::Storage {
    fn get(&self, key: &str) -> Option<String> {
        self.get_item(key).ok().flatten()
    }

    fn set(&self, key: &str, value: &str) -> bool {
        self.set_item(key, value).is_ok()
    }

    fn remove(&self, key: &str) {
        let _ = self.remove_item(key);
    }
}

/// The value under `key`, moved there from its old key if only that one holds it. The old key
/// goes only once the value is safely under the new one.
fn read(store: &impl Store, key: &str) -> Option<String> {
    let mut value = store.get(key);
    let Some((_, old)) = RENAMED.iter().find(|(new, _)| *new == key) else {
        return value;
    };
    if value.is_none() {
        let old_value = store.get(old)?;
        if !store.set(key, &old_value) {
            return Some(old_value);
        }
        value = Some(old_value);
    }
    store.remove(old);
    value
}

fn local_storage() -> Option<web_sys::Storage> {
    // `local_storage()` throws where storage is blocked; both failures mean "no storage".
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn get(key: &str) -> Option<String> {
    read(&local_storage()?, key)
}

/// Stores `value`; a full or refused storage keeps nothing, and the page carries on.
pub fn set(key: &str, value: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(key, value);
    }
}

pub fn remove(key: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(key);
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::collections::BTreeMap;

    use super::*;

    /// A storage in memory; `full` refuses every write, as a full or blocked one does.
    #[derive(Default)]
    struct Memory {
        items: RefCell<BTreeMap<String, String>>,
        full: bool,
    }

    impl Memory {
        fn with(items: &[(&str, &str)]) -> Memory {
            let items = items.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
            Memory { items: RefCell::new(items), full: false }
        }

        fn keys(&self) -> Vec<String> {
            self.items.borrow().keys().cloned().collect()
        }
    }

    impl Store for Memory {
        fn get(&self, key: &str) -> Option<String> {
            self.items.borrow().get(key).cloned()
        }

        fn set(&self, key: &str, value: &str) -> bool {
            if !self.full {
                self.items.borrow_mut().insert(key.into(), value.into());
            }
            !self.full
        }

        fn remove(&self, key: &str) {
            self.items.borrow_mut().remove(key);
        }
    }

    #[test]
    fn every_key_is_broadsheet_colon_purpose() {
        assert_eq!(TEXT_SIZE, "broadsheet:text-size");
        assert_eq!(COMMENTER_NAME, "broadsheet:name");
        assert_eq!(COMMENT_SORT, "broadsheet:comment-sort");
        assert_eq!(
            draft_key("harbour-tram-trial", None),
            "broadsheet:draft:harbour-tram-trial:top"
        );
        assert_eq!(draft_key("a", Some("c7")), "broadsheet:draft:a:c7");
        for (new, old) in RENAMED {
            assert!(new.starts_with("broadsheet:"), "{new}");
            assert_ne!(new, old);
        }
    }

    #[test]
    fn an_old_key_is_moved_to_the_new_one_on_first_read() {
        let store = Memory::with(&[("broadsheet.text-size", "large")]);
        assert_eq!(read(&store, TEXT_SIZE).as_deref(), Some("large"));
        assert_eq!(store.keys(), ["broadsheet:text-size"]);
        assert_eq!(read(&store, TEXT_SIZE).as_deref(), Some("large"));
    }

    #[test]
    fn the_new_key_wins_and_a_leftover_old_key_goes() {
        let store = Memory::with(&[("broadsheet.text-size", "large"), (TEXT_SIZE, "small")]);
        assert_eq!(read(&store, TEXT_SIZE).as_deref(), Some("small"));
        assert_eq!(store.keys(), ["broadsheet:text-size"]);
    }

    #[test]
    fn a_storage_that_refuses_the_move_keeps_the_old_key() {
        let store = Memory { full: true, ..Memory::with(&[("broadsheet.text-size", "large")]) };
        assert_eq!(read(&store, TEXT_SIZE).as_deref(), Some("large"));
        assert_eq!(store.keys(), ["broadsheet.text-size"]);
    }

    #[test]
    fn values_are_moved_as_they_are_and_absent_keys_stay_absent() {
        // Garbage is moved untouched: what a value means is for its reader to judge.
        let store = Memory::with(&[("broadsheet.text-size", "enormous\"; x")]);
        assert_eq!(read(&store, TEXT_SIZE).as_deref(), Some("enormous\"; x"));
        let empty = Memory::default();
        assert_eq!(read(&empty, TEXT_SIZE), None);
        assert_eq!(read(&empty, COMMENTER_NAME), None);
        assert!(empty.keys().is_empty());
    }

    #[test]
    fn keys_never_renamed_are_read_as_they_are() {
        let store = Memory::with(&[(COMMENTER_NAME, "Sam"), ("broadsheet.name", "Old")]);
        assert_eq!(read(&store, COMMENTER_NAME).as_deref(), Some("Sam"));
        assert_eq!(store.keys().len(), 2);
    }
}
