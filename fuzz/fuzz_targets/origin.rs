//! Small parsers of untrusted text in `model/`: origins (`embed.allowed_origins`, compared with
//! `MessageEvent.origin` and written into a CSP header), RFC 3339 times and comment validation.
//! No panic; a canonical origin is canonical again and holds nothing a header could be split
//! or widened with; times survive formatting; validation's limits hold.
#![no_main]

use broadsheet::model::comment::{BODY_MAX_CHARS, NAME_MAX_CHARS};
use broadsheet::model::origin::{allowed_origins, canonical};
use broadsheet::model::time::{date_time, parse_rfc3339, relative, to_rfc3339};
use broadsheet::model::NewComment;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let text = common::text(data);

    if let Some(origin) = canonical(&text) {
        assert_eq!(canonical(&origin).as_deref(), Some(origin.as_str()), "not idempotent");
        assert!(origin.starts_with("http://") || origin.starts_with("https://"), "{origin}");
        assert!(
            origin.bytes().all(|b| b.is_ascii_alphanumeric() || b"-.:/[]".contains(&b)),
            "{origin:?}"
        );
        assert!(!origin.ends_with('/'));
        assert_eq!(origin.matches('/').count(), 2, "a path in {origin:?}");
    }
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) {
        if let Ok(origins) = allowed_origins(Some(&value)) {
            for origin in &origins {
                assert_eq!(canonical(origin).as_deref(), Some(origin.as_str()));
            }
            let distinct: std::collections::HashSet<&String> = origins.iter().collect();
            assert_eq!(distinct.len(), origins.len(), "listed twice");
        }
    }

    if let Some(ms) = parse_rfc3339(&text) {
        let written = to_rfc3339(ms);
        assert_eq!(parse_rfc3339(&written), Some(ms), "{text:?} -> {written}");
        let _ = (date_time(ms), relative(ms, 1_800_000_000_000), relative(1_800_000_000_000, ms));
    }

    let (name, body) = text.split_once('\n').unwrap_or((&text, ""));
    match NewComment::new(name, body, None).validate() {
        Ok(valid) => {
            assert!((1..=NAME_MAX_CHARS).contains(&valid.author.name.chars().count()));
            assert!((1..=BODY_MAX_CHARS).contains(&valid.body.chars().count()));
            assert_eq!(valid.validate().as_ref(), Ok(&valid), "valid once, valid again");
        }
        Err(errors) => assert!(!errors.is_empty() && errors.len() <= 2),
    }
});
