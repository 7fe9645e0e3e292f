//! The reader's `localStorage`, which may be missing, full or refused (private mode, blocked
//! cookies): every read can come back empty and every write can silently not happen.

fn local_storage() -> Option<web_sys::Storage> {
    // `local_storage()` throws where storage is blocked; both failures mean "no storage".
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn get(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
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
