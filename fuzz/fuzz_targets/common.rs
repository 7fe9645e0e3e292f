//! Checks shared by the targets (each target includes this file as a module).
#![allow(dead_code)]

use broadsheet::model::Article;

/// The input as text: libFuzzer's bytes, invalid UTF-8 replaced (backends' bodies are text).
pub fn text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// An optional first line `#a b c` of parameters, and the rest of the input.
pub fn split_params(text: &str) -> (Vec<&str>, &str) {
    match text.strip_prefix('#') {
        Some(rest) => {
            let (line, body) = rest.split_once('\n').unwrap_or((rest, ""));
            (line.split_whitespace().collect(), body)
        }
        None => (Vec::new(), text),
    }
}

/// The HTML-to-text the adapters get natively (html5ever, as the browser's DOMParser).
pub fn html_to_text(html: &str) -> String {
    broadsheet::sanitize::parsed::html_to_text(html)
}

/// A valid RFC 3339 time, as the contract requires of `published_at`.
pub fn assert_time(time: &str) {
    assert!(broadsheet::model::time::parse_rfc3339(time).is_some(), "not RFC 3339: {time:?}");
}

/// What an adapter hands the pages must survive the contract's own encoding and decoding
/// unchanged (pages never see anything a native backend could not have sent).
pub fn assert_contract_round_trip<T>(value: &T)
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let json = serde_json::to_string(value).expect("contract types always serialise");
    let again: T = serde_json::from_str(&json).expect("what was encoded decodes");
    assert_eq!(&again, value, "changed by a round trip through {json}");
}

/// Every article needs an id, a title and a valid publication time.
pub fn assert_article(article: &Article) {
    assert!(!article.id.is_empty());
    assert!(!article.title.trim().is_empty(), "untitled: {article:?}");
    assert_time(&article.published_at);
    if let Some(updated) = &article.updated_at {
        assert_time(updated);
    }
    let _ = article.reading_minutes();
    let _ = article.to_summary(Some(3));
    assert_contract_round_trip(article);
}
