//! A message catalogue: the interface's words in one language, read from an i18next JSON v4 file
//! (`public/locales/<tag>.json`), the format translation platforms (Weblate, Crowdin, Lokalise)
//! import and export.
//!
//! - Keys are nested objects, addressed with dots: `{"comments": {"heading": "Comments"}}` is
//!   `comments.heading`.
//! - `{{name}}` in a message is replaced by the argument `name`.
//! - A message that depends on a count has one key per plural category of the language, with the
//!   category as a suffix: `comments.count_one`, `comments.count_other` (and `_zero`, `_two`,
//!   `_few`, `_many` where the language has them). `_zero`, if present, is used for 0 in any
//!   language ("No comments yet" rather than "0 comments").
//!
//! Nothing here knows the browser: the plural category of a count is chosen by the caller (the
//! browser's `Intl.PluralRules` in the app; CLDR's rules natively in `publish`), so the lookups
//! are tested natively. Shared by the app (`src/i18n`) and the pages the server draws.

use std::collections::HashMap;

use serde_json::Value;

/// The plural categories of CLDR, as i18next names its key suffixes.
pub const PLURAL_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// One language's messages, by their full key (`comments.count_one`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Catalogue {
    messages: HashMap<String, String>,
}

/// Why a catalogue file could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct CatalogueError(pub String);

impl Catalogue {
    /// Reads a catalogue file. Only strings and objects are allowed: anything else is named, so a
    /// translator's mistake is found by the tests rather than shown to readers.
    pub fn parse(text: &str) -> Result<Catalogue, CatalogueError> {
        let root: Value = serde_json::from_str(text)
            .map_err(|e| CatalogueError(format!("is not valid JSON ({e})")))?;
        let mut messages = HashMap::new();
        flatten("", &root, &mut messages)?;
        Ok(Catalogue { messages })
    }

    /// The message stored under exactly this key (plural suffix included), if any.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.messages.get(key).map(String::as_str)
    }

    /// The message for `count` in `category` (its language's plural category for the count):
    /// `_zero` for 0 if the catalogue has one, else the category's, else `_other`.
    pub fn plural(&self, key: &str, count: i64, category: &str) -> Option<&str> {
        let zero = (count == 0).then(|| self.get(&format!("{key}_zero"))).flatten();
        zero.or_else(|| self.get(&format!("{key}_{category}")))
            .or_else(|| self.get(&format!("{key}_other")))
    }

    /// Every key, plural suffixes included.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.messages.keys().map(String::as_str)
    }

    /// Each message rewritten by `rewrite` (the pseudo-locale is English rewritten).
    pub fn map(&self, rewrite: impl Fn(&str) -> String) -> Catalogue {
        let messages = self.messages.iter().map(|(k, v)| (k.clone(), rewrite(v))).collect();
        Catalogue { messages }
    }
}

fn flatten(
    prefix: &str,
    value: &Value,
    messages: &mut HashMap<String, String>,
) -> Result<(), CatalogueError> {
    match value {
        Value::Object(entries) => {
            for (key, value) in entries {
                let key = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
                flatten(&key, value, messages)?;
            }
            Ok(())
        }
        Value::String(message) if !prefix.is_empty() => {
            messages.insert(prefix.to_owned(), message.clone());
            Ok(())
        }
        _ => Err(CatalogueError(format!("\"{prefix}\" must be a string or an object of them"))),
    }
}

/// The key without its plural suffix (`comments.count_one` → `comments.count`).
pub fn without_plural_suffix(key: &str) -> &str {
    PLURAL_CATEGORIES
        .iter()
        .find_map(|category| key.strip_suffix(category)?.strip_suffix('_'))
        .unwrap_or(key)
}

/// `message` with each `{{name}}` replaced by its argument's value. A placeholder without an
/// argument is left as it is, so a mistake shows rather than silently dropping words.
pub fn interpolate(message: &str, arguments: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            out.push_str(&rest[start..]);
            return out;
        };
        let name = after[..end].trim();
        match arguments.iter().find(|(argument, _)| *argument == name) {
            Some((_, value)) => out.push_str(value),
            None => out.push_str(&rest[start..start + 2 + end + 2]),
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

/// The names of the placeholders in a message, in order.
pub fn placeholders(message: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = message;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        names.push(after[..end].trim());
        rest = &after[end + 2..];
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"{
        "comments": {
            "heading": "Comments",
            "count_zero": "No comments yet",
            "count_one": "{{count}} comment",
            "count_other": "{{count}} comments"
        },
        "reply_to": "Reply to {{author}}"
    }"#;

    #[test]
    fn nested_keys_are_addressed_with_dots() {
        let catalogue = Catalogue::parse(SAMPLE).expect("valid");
        assert_eq!(catalogue.get("comments.heading"), Some("Comments"));
        assert_eq!(catalogue.get("reply_to"), Some("Reply to {{author}}"));
        assert_eq!(catalogue.get("comments"), None);
    }

    #[test]
    fn plurals_pick_zero_then_the_category_then_other() {
        let catalogue = Catalogue::parse(SAMPLE).expect("valid");
        assert_eq!(catalogue.plural("comments.count", 0, "other"), Some("No comments yet"));
        assert_eq!(catalogue.plural("comments.count", 1, "one"), Some("{{count}} comment"));
        assert_eq!(catalogue.plural("comments.count", 3, "few"), Some("{{count}} comments"));
        assert_eq!(catalogue.plural("missing", 3, "few"), None);
    }

    #[test]
    fn anything_but_strings_and_objects_is_refused_with_its_key() {
        for (text, key) in [
            (r#"{"a": {"b": 1}}"#, "a.b"),
            (r#"{"a": ["x"]}"#, "a"),
            (r#"{"a": null}"#, "a"),
            (r#""just a string""#, ""),
        ] {
            let error = Catalogue::parse(text).expect_err(text);
            assert!(error.0.contains(&format!("\"{key}\"")), "{text}: {error:?}");
        }
        assert!(Catalogue::parse("{").is_err());
    }

    #[test]
    fn placeholders_are_replaced_and_unknown_ones_kept() {
        assert_eq!(interpolate("Reply to {{author}}", &[("author", "Zoë")]), "Reply to Zoë");
        assert_eq!(interpolate("{{ a }}-{{b}}", &[("a", "1"), ("b", "2")]), "1-2");
        assert_eq!(interpolate("Hi {{who}}", &[]), "Hi {{who}}");
        assert_eq!(interpolate("open {{ never closed", &[("x", "y")]), "open {{ never closed");
        // A value is inserted as it is, never read as a placeholder itself.
        assert_eq!(interpolate("{{a}}{{b}}", &[("a", "{{b}}"), ("b", "!")]), "{{b}}!");
        assert_eq!(placeholders("{{count}} of {{ total }}"), ["count", "total"]);
    }

    #[test]
    fn plural_suffixes_are_recognised() {
        assert_eq!(without_plural_suffix("comments.count_few"), "comments.count");
        assert_eq!(without_plural_suffix("comments.heading"), "comments.heading");
        assert_eq!(without_plural_suffix("share.other_apps"), "share.other_apps");
    }
}
