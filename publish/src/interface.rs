//! The interface's own words in the pages drawn here (the preview's "By", "and", "Updated" and
//! "3 min read", the document title's pattern), in the site's language (`site.locale`): from
//! the build's catalogues (`locales/<tag>.json`, the app's own files, found along the locale's
//! fallback chain as the app finds them), with CLDR's plural rules, so that the first paint
//! says what the app then says. English when the build has no catalogue for the locale.

use std::path::Path;

use broadsheet_model::catalogue::{interpolate, Catalogue};
use broadsheet_model::header::{Piece, Words};
use broadsheet_model::locale::{negotiate, DEFAULT};
use broadsheet_model::text_direction;
use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};

/// The English catalogue, which every build has (and this crate, for builds without one).
const ENGLISH: &str = include_str!("../../public/locales/en.json");

/// Where a build keeps its catalogues (Trunk copies `public/locales/` there).
pub const CATALOGUES: &str = "locales";

/// One locale's words.
pub struct Interface {
    tag: String,
    messages: Catalogue,
    plurals: Option<PluralRules>,
}

impl Interface {
    /// English, the interface's default.
    pub fn english() -> Interface {
        Interface::of(DEFAULT, ENGLISH).unwrap_or_else(|| Interface {
            tag: DEFAULT.to_owned(),
            messages: Catalogue::default(),
            plurals: None,
        })
    }

    /// The interface for `requested` (a BCP 47 tag) from the catalogues of the build in `dist`:
    /// the first of its chain the build has, else English.
    pub fn read(dist: &Path, requested: &str) -> Interface {
        let tags: Vec<String> = std::fs::read_dir(dist.join(CATALOGUES))
            .map(|listing| {
                listing
                    .flatten()
                    .filter_map(|entry| {
                        let name = entry.file_name().to_string_lossy().into_owned();
                        name.strip_suffix(".json").map(str::to_owned)
                    })
                    .collect()
            })
            .unwrap_or_default();
        let available: Vec<&str> = tags.iter().map(String::as_str).collect();
        let tag = negotiate(requested, &available);
        if tag == DEFAULT {
            return Interface::english();
        }
        std::fs::read_to_string(dist.join(CATALOGUES).join(format!("{tag}.json")))
            .ok()
            .and_then(|text| Interface::of(tag, &text))
            .unwrap_or_else(Interface::english)
    }

    fn of(tag: &str, text: &str) -> Option<Interface> {
        let messages = Catalogue::parse(text).ok()?;
        let plurals = tag
            .parse::<unic_langid::LanguageIdentifier>()
            .ok()
            .and_then(|language| PluralRules::create(language, PluralRuleType::CARDINAL).ok());
        Some(Interface { tag: tag.to_owned(), messages, plurals })
    }

    /// Its language tag, for `lang`.
    pub fn lang(&self) -> &str {
        &self.tag
    }

    /// Its direction, for `dir`.
    pub fn dir(&self) -> &'static str {
        text_direction(&self.tag)
    }

    fn is_english(&self) -> bool {
        self.tag == DEFAULT
    }

    /// The message under `key`, or English's, or the key.
    fn message(&self, key: &str, count: Option<u32>, arguments: &[(&str, &str)]) -> String {
        let english = || (!self.is_english()).then(Interface::english);
        let text = match count {
            None => self.messages.get(key).map(str::to_owned).or_else(|| {
                english().and_then(|english| english.messages.get(key).map(str::to_owned))
            }),
            Some(count) => {
                let category = self.category(count);
                self.messages.plural(key, count.into(), category).map(str::to_owned).or_else(|| {
                    let category = if count == 1 { "one" } else { "other" };
                    english().and_then(|e| {
                        e.messages.plural(key, count.into(), category).map(str::to_owned)
                    })
                })
            }
        };
        let count = count.map(|count| count.to_string());
        let mut all: Vec<(&str, &str)> = count.iter().map(|n| ("count", n.as_str())).collect();
        all.extend_from_slice(arguments);
        interpolate(text.as_deref().unwrap_or(key), &all)
    }

    /// The plural category of `count` in this language (CLDR's cardinal rules).
    fn category(&self, count: u32) -> &'static str {
        let Some(rules) = &self.plurals else { return if count == 1 { "one" } else { "other" } };
        match rules.select(count) {
            Ok(PluralCategory::ZERO) => "zero",
            Ok(PluralCategory::ONE) => "one",
            Ok(PluralCategory::TWO) => "two",
            Ok(PluralCategory::FEW) => "few",
            Ok(PluralCategory::MANY) => "many",
            _ => "other",
        }
    }

    /// The article header's words.
    pub fn words(&self, words: Words) -> String {
        let (key, count) = words.message();
        self.message(key, count, &[])
    }

    /// The document title of a page titled `page` on the site `site` (`head.title`, "Page –
    /// Site" in English); either alone when the other is blank.
    pub fn title(&self, page: &str, site: &str) -> String {
        match (page.trim(), site.trim()) {
            ("", site) => site.to_owned(),
            (page, "") => page.to_owned(),
            (page, site) => self.message("head.title", None, &[("page", page), ("site", site)]),
        }
    }

    /// What the site's front page is, for search results (its `description`) and its feeds'
    /// channel: "The latest articles from <site>".
    pub fn site_description(&self, site: &str) -> String {
        self.message("head.site_description", None, &[("site", site.trim())])
    }

    /// What a reader without JavaScript is told (`<noscript>`).
    pub fn needs_script(&self, site: &str) -> String {
        self.message("app.needs_script", None, &[("site", site.trim())])
    }

    /// A time's `title`: its date and time in full ("20 Nov 2026, 08:00 UTC" in English), as
    /// numbers in other languages (see [`Interface::time_text`]).
    pub fn time_title(&self, ms: i64) -> String {
        if self.is_english() {
            return broadsheet_model::time::date_time(ms);
        }
        let stamp = broadsheet_model::time::to_rfc3339(ms);
        format!("{} {} UTC", &stamp[..10], &stamp[11..16])
    }

    /// A time's text as at `now_ms`: relative in English ("5 minutes ago", as the app says it);
    /// in other languages, which need CLDR's relative-time data the browser has and this
    /// server has not, the date and time as numbers every reader reads ("2026-11-20 08:00 UTC").
    pub fn time_text(&self, ms: i64, now_ms: i64) -> String {
        if self.is_english() {
            return Piece::time_text(ms, now_ms);
        }
        self.time_title(ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(catalogues: &[(&str, &str)]) -> tempfile::TempDir {
        let dist = tempfile::tempdir().expect("a temporary folder");
        std::fs::create_dir(dist.path().join(CATALOGUES)).expect("a folder");
        for (tag, text) in catalogues {
            std::fs::write(dist.path().join(CATALOGUES).join(format!("{tag}.json")), text)
                .expect("written");
        }
        dist
    }

    fn shipped(tag: &str) -> String {
        let path = format!("{}/../public/locales/{tag}.json", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(path).expect("a shipped catalogue")
    }

    #[test]
    fn the_words_are_the_sites_languages_with_its_plural_forms() {
        let dist = build(&[("en", ENGLISH), ("de", &shipped("de")), ("ru", &shipped("ru"))]);
        let german = Interface::read(dist.path(), "de-AT");
        assert_eq!((german.lang(), german.dir()), ("de", "ltr"));
        assert_eq!(german.words(Words::By), "Von ");
        assert_eq!(german.words(Words::And), " und ");
        assert_eq!(german.words(Words::MinutesToRead(3)), "3\u{a0}Min. Lesezeit");
        assert_eq!(german.title("Fähre", "Post"), "Fähre – Post");
        let russian = Interface::read(dist.path(), "ru");
        // Russian's "few" (2–4) and "many" (5–20) forms, as CLDR chooses them.
        let replies = |count| russian.message("comments.show_replies", Some(count), &[]);
        assert_eq!(replies(2), "Показать 2 ответа");
        assert_ne!(replies(2), replies(5));
        assert_eq!(russian.title("Паром", "Пост"), "Паром — Пост");
        assert_eq!(russian.time_text(1_795_161_600_000, 1_795_161_900_000), "2026-11-20 08:00 UTC");
    }

    #[test]
    fn without_the_locales_catalogue_it_is_english() {
        let dist = build(&[("en", ENGLISH), ("de", "not JSON")]);
        for requested in ["fr", "de", "", "<b>"] {
            let interface = Interface::read(dist.path(), requested);
            assert_eq!(interface.lang(), "en", "{requested}");
            assert_eq!(interface.words(Words::MinutesToRead(1)), "1 min read");
            assert_eq!(interface.time_text(0, 5 * 60_000), "5 minutes ago");
        }
        let none = tempfile::tempdir().expect("a temporary folder");
        assert_eq!(Interface::read(none.path(), "ja").title("A", "B"), "A – B");
    }

    #[test]
    fn arabic_is_right_to_left() {
        let dist = build(&[("ar", &shipped("ar"))]);
        let arabic = Interface::read(dist.path(), "ar-EG");
        assert_eq!((arabic.lang(), arabic.dir()), ("ar", "rtl"));
        assert_eq!(arabic.words(Words::By), "بقلم ");
    }
}
