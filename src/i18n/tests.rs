//! The catalogues against the English one and the source: every key, no stray one, the same
//! placeholders, and every plural category each language's rules have.

use std::collections::BTreeSet;

use super::*;

fn catalogue_file(tag: &str) -> String {
    let path = format!("{}/public/locales/{tag}.json", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn catalogue(tag: &str) -> Catalogue {
    Catalogue::parse(&catalogue_file(tag)).unwrap_or_else(|e| panic!("{tag}.json {}", e.0))
}

/// The messages' keys without plural suffixes.
fn messages(catalogue: &Catalogue) -> BTreeSet<String> {
    catalogue.keys().map(|key| without_plural_suffix(key).to_owned()).collect()
}

/// Every key the source asks for: the string literals passed to `t`, `t_with` and `t_count`,
/// and the keys kept in constants and tables (`"errors.network"`), found as literals of the
/// catalogue's shape (`section.name`).
fn keys_in_source() -> BTreeSet<String> {
    let english = messages(&catalogue(DEFAULT));
    let sections: BTreeSet<&str> = english.iter().filter_map(|key| key.split('.').next()).collect();
    // `config.json`'s keys have the same shape (`embed.link_target`).
    let config_keys: BTreeSet<String> = crate::config::KNOWN_KEYS
        .iter()
        .flat_map(|(object, keys)| keys.iter().map(move |key| format!("{object}.{key}")))
        .collect();
    let mut found = BTreeSet::new();
    // The article header's words are named by the model, for the app and the server alike.
    let mut files = vec![
        std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src")),
        std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/model/src/header.rs")),
        // What the server draws in the site's language (the preview, the head, the feeds).
        std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/publish/src")),
    ];
    while let Some(path) = files.pop() {
        if path.is_dir() {
            for entry in std::fs::read_dir(&path).expect("src/ is readable").flatten() {
                files.push(entry.path());
            }
            continue;
        }
        // The catalogues' own code and tests are not the interface.
        if path.extension().is_none_or(|ext| ext != "rs")
            || path.parent().is_some_and(|p| p.ends_with("i18n"))
        {
            continue;
        }
        let source = std::fs::read_to_string(&path).expect("a source file");
        // Tests are not the interface.
        let source = source.split("#[cfg(test)]\nmod tests").next().unwrap_or_default();
        for literal in source.split('"').skip(1).step_by(2) {
            let Some((section, rest)) = literal.split_once('.') else { continue };
            let shaped = !rest.is_empty()
                && rest.bytes().all(|b| b.is_ascii_lowercase() || b == b'_' || b.is_ascii_digit());
            if shaped && sections.contains(section) && !config_keys.contains(literal) {
                found.insert(literal.to_owned());
            }
        }
    }
    found
}

#[test]
fn the_list_of_catalogues_is_the_folder() {
    assert!(CATALOGUES.contains(&DEFAULT));
    for tag in [DEFAULT, "de", "fr", "es", "pt", "ar", "he", "ru", "ja", "zh-Hans"] {
        assert!(CATALOGUES.contains(&tag), "public/locales/{tag}.json is missing");
    }
    for tag in CATALOGUES {
        assert!(crate::model::is_language_tag(tag), "{tag}.json is not named by a language tag");
        catalogue(tag);
    }
}

#[test]
fn every_key_the_source_uses_is_in_english_and_every_english_key_is_used() {
    let english = messages(&catalogue(DEFAULT));
    let used = keys_in_source();
    let missing: Vec<_> = used.difference(&english).collect();
    assert!(missing.is_empty(), "used in src/ but not in en.json: {missing:?}");
    let unused: Vec<_> = english.difference(&used).collect();
    assert!(unused.is_empty(), "in en.json but used nowhere in src/: {unused:?}");
}

#[test]
fn every_catalogue_has_every_key_and_no_stray_one() {
    let english = messages(&catalogue(DEFAULT));
    for tag in CATALOGUES.iter().filter(|tag| **tag != DEFAULT) {
        let theirs = messages(&catalogue(tag));
        let missing: Vec<_> = english.difference(&theirs).collect();
        let stray: Vec<_> = theirs.difference(&english).collect();
        assert!(missing.is_empty(), "{tag}.json lacks {missing:?}");
        assert!(stray.is_empty(), "{tag}.json has keys English does not: {stray:?}");
    }
}

#[test]
fn every_message_has_the_english_placeholders() {
    let english = catalogue(DEFAULT);
    for tag in CATALOGUES {
        let theirs = catalogue(tag);
        for key in theirs.keys() {
            let base = without_plural_suffix(key);
            // The English message of the same key, or of any of its plural forms.
            let expected: BTreeSet<&str> = english
                .keys()
                .filter(|k| without_plural_suffix(k) == base)
                .flat_map(|k| placeholders(english.get(k).unwrap_or_default()))
                .filter(|name| *name != "count")
                .collect();
            let message = theirs.get(key).unwrap_or_default();
            let mut found: BTreeSet<&str> = placeholders(message).into_iter().collect();
            found.remove("count");
            assert_eq!(found, expected, "{tag}.json \"{key}\": {message}");
            assert!(
                !message.trim().is_empty() || english.get(key) == Some(message),
                "{tag}.json \"{key}\" is blank"
            );
        }
    }
}

#[test]
fn plural_messages_cover_every_category_of_their_language() {
    use intl_pluralrules::{PluralRuleType, PluralRules};
    let english = catalogue(DEFAULT);
    let plurals: BTreeSet<&str> = english
        .keys()
        .filter(|key| *key != without_plural_suffix(key))
        .map(without_plural_suffix)
        .collect();
    for tag in CATALOGUES {
        let theirs = catalogue(tag);
        // CLDR's plural rules are by language (`zh`, not `zh-Hans`).
        let primary = tag.split('-').next().unwrap_or_default();
        let language: unic_langid::LanguageIdentifier =
            primary.parse().unwrap_or_else(|_| panic!("{tag} is a language identifier"));
        let rules = PluralRules::create(language, PluralRuleType::CARDINAL)
            .unwrap_or_else(|_| panic!("CLDR has plural rules for {tag}"));
        // The categories whole numbers fall in (the app counts whole things), and `other`, which
        // every lookup falls back to.
        let mut categories: BTreeSet<&str> =
            (0..=1_000).filter_map(|n| rules.select(n).ok()).map(plural_name).collect();
        categories.insert("other");
        for key in &plurals {
            for category in &categories {
                assert!(
                    theirs.get(&format!("{key}_{category}")).is_some(),
                    "{tag}.json lacks \"{key}_{category}\""
                );
            }
        }
    }
}

fn plural_name(category: intl_pluralrules::PluralCategory) -> &'static str {
    use intl_pluralrules::PluralCategory::*;
    match category {
        ZERO => "zero",
        ONE => "one",
        TWO => "two",
        FEW => "few",
        MANY => "many",
        OTHER => "other",
    }
}

#[test]
fn a_site_locale_finds_its_catalogue_or_falls_back_to_english() {
    assert_eq!(I18n::catalogue_path("de-AT").as_deref(), Some("/locales/de.json"));
    assert_eq!(I18n::catalogue_path("en-GB"), None);
    assert_eq!(I18n::catalogue_path(PSEUDO), None);
    let german = I18n::from_catalogue("de-AT", Some(&catalogue_file("de")));
    assert_eq!(german.lang(), "de");
    assert_eq!(
        german.t("comments.heading"),
        catalogue("de").get("comments.heading").unwrap_or_default()
    );
    let arabic = I18n::from_catalogue("ar", Some(&catalogue_file("ar")));
    assert_eq!(arabic.dir(), "rtl");
    // A catalogue that does not arrive or does not read: English, never keys.
    for broken in [None, Some("{"), Some("[1]")] {
        let fallen = I18n::from_catalogue("de", broken);
        assert_eq!((fallen.lang(), fallen.dir()), ("en", "ltr"));
        assert_eq!(fallen.t("comments.heading"), "Comments");
    }
    // A key a catalogue lacks is said in English.
    let partial = I18n::from_catalogue("de", Some(r#"{"comments": {"heading": "Kommentare"}}"#));
    assert_eq!(partial.t("comments.heading"), "Kommentare");
    assert_eq!(partial.t("comments.closed"), "Comments are closed");
}

#[test]
fn the_pseudo_locale_rewrites_every_english_message() {
    let pseudo = I18n::from_catalogue(PSEUDO, None);
    assert_eq!(pseudo.lang(), PSEUDO);
    let heading = pseudo.t("comments.heading");
    assert!(heading.starts_with("[Çömméñţš"), "{heading}");
    assert!(heading.ends_with(']'));
    let reply = pseudo.t_with("comments.reply_to", &[("author", "Zoë")]);
    assert!(reply.contains("Zoë") && reply.starts_with('['), "{reply}");
}

#[test]
fn english_plurals_and_placeholders() {
    let english = I18n::english();
    assert_eq!(english.t_count("comments.more_loaded", 0, &[]), "No more comments.");
    assert_eq!(english.t_count("comments.more_loaded", 1, &[]), "1 more comment loaded.");
    assert_eq!(english.t_count("comments.show_replies", 3, &[]), "Show 3 replies");
    assert_eq!(english.t_with("comments.reply_to", &[("author", "Sam")]), "Reply to Sam");
}

/// The keys docs/translating.md has notes for: the first cell of each row of its table.
fn keys_with_notes() -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/translating.md");
    let notes = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    notes
        .lines()
        .filter_map(|line| line.strip_prefix("| `")?.split_once("` |"))
        .map(|(key, _)| key.to_owned())
        .collect()
}

#[test]
fn every_note_for_translators_is_for_a_message() {
    let english = messages(&catalogue(DEFAULT));
    let keys = keys_with_notes();
    assert!(keys.len() >= 10, "docs/translating.md's table is read: {keys:?}");
    let unknown: Vec<_> = keys.iter().filter(|key| !english.contains(*key)).collect();
    assert!(unknown.is_empty(), "docs/translating.md has notes for no message: {unknown:?}");
    let mut seen = BTreeSet::new();
    let twice: Vec<_> = keys.iter().filter(|key| !seen.insert(*key)).collect();
    assert!(twice.is_empty(), "docs/translating.md notes these twice: {twice:?}");
}
