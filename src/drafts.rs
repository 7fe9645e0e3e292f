//! Comment drafts kept in the reader's browser as they type, one per article and reply target,
//! so that neither a reload nor a failed post loses a word; and the name, remembered across
//! articles.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::storage::{self, draft_key, COMMENTER_NAME};

/// What the reader has typed for one comment, and the idempotency key that identifies this
/// comment to the backend however often its posting is retried.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub name: String,
    pub body: String,
    pub idempotency_key: String,
}

impl Draft {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a stored draft. Storage is the reader's to edit: fields of the wrong type read as
    /// empty, and anything that is not a JSON object is no draft at all.
    pub fn from_json(text: &str) -> Option<Draft> {
        let value: Value = serde_json::from_str(text).ok()?;
        let object = value.as_object()?;
        let field = |name: &str| object.get(name).and_then(Value::as_str).unwrap_or("").to_owned();
        Some(Draft {
            name: field("name"),
            body: field("body"),
            idempotency_key: field("idempotency_key"),
        })
    }
}

/// A version 4 UUID (RFC 9562) from 16 random bytes: the version and variant bits are set.
pub fn uuid_v4(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

/// A fresh idempotency key: `crypto.randomUUID()` where the browser has it (secure contexts),
/// else a v4 UUID from `Math.random` (unique enough to tell one reader's drafts apart).
pub fn new_idempotency_key() -> String {
    let from_crypto = web_sys::window()
        .and_then(|window| js_sys::Reflect::get(&window, &"crypto".into()).ok())
        .filter(|crypto| crypto.is_object())
        .and_then(|crypto| {
            let random_uuid = js_sys::Reflect::get(&crypto, &"randomUUID".into()).ok()?;
            let random_uuid: &js_sys::Function = wasm_bindgen::JsCast::dyn_ref(&random_uuid)?;
            random_uuid.call0(&crypto).ok()?.as_string()
        });
    from_crypto.unwrap_or_else(|| {
        let mut bytes = [0u8; 16];
        for byte in &mut bytes {
            *byte = (js_sys::Math::random() * 256.0) as u8;
        }
        uuid_v4(bytes)
    })
}

/// The stored draft for this target, or a new one with the remembered name; either way with an
/// idempotency key.
pub fn load(article_id: &str, parent_id: Option<&str>) -> Draft {
    let stored =
        storage::get(&draft_key(article_id, parent_id)).and_then(|text| Draft::from_json(&text));
    let mut draft = stored.unwrap_or_default();
    if draft.name.trim().is_empty() {
        draft.name = storage::get(COMMENTER_NAME).unwrap_or_default();
    }
    if draft.idempotency_key.trim().is_empty() {
        draft.idempotency_key = new_idempotency_key();
    }
    draft
}

/// Keeps the draft (and the name, for other articles) as the reader types; a draft with no text
/// is not worth a place in storage.
pub fn save(article_id: &str, parent_id: Option<&str>, draft: &Draft) {
    let key = draft_key(article_id, parent_id);
    if draft.body.trim().is_empty() {
        storage::remove(&key);
    } else {
        storage::set(&key, &draft.to_json());
    }
    if !draft.name.trim().is_empty() {
        storage::set(COMMENTER_NAME, draft.name.trim());
    }
}

/// Forgets a draft once its comment is posted.
pub fn clear(article_id: &str, parent_id: Option<&str>) {
    storage::remove(&draft_key(article_id, parent_id));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_survive_a_round_trip_with_any_text() {
        let draft = Draft {
            name: "Zoë \"Z\" نور".into(),
            body: "Line one\n\n  line two 🚋 </script>".into(),
            idempotency_key: "3b0c7f5e-1f0e-4c1e-9a51-6f1f5c0d2a11".into(),
        };
        assert_eq!(Draft::from_json(&draft.to_json()), Some(draft));
    }

    #[test]
    fn stored_drafts_from_elsewhere_are_read_leniently() {
        assert_eq!(
            Draft::from_json(r#"{"body": "kept", "name": 5, "extra": true}"#),
            Some(Draft { body: "kept".into(), ..Draft::default() })
        );
        for broken in ["", "not json", "[]", "\"text\"", "null", "{\"body\": "] {
            assert_eq!(Draft::from_json(broken), None, "{broken:?}");
        }
    }

    #[test]
    fn uuids_are_version_4() {
        let uuid = uuid_v4([0xff; 16]);
        assert_eq!(uuid, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert_eq!(uuid_v4([0; 16]), "00000000-0000-4000-8000-000000000000");
    }
}
