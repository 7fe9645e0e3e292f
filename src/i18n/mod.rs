//! The interface's language: its words from a message catalogue, and its numbers, dates, plurals
//! and direction from the browser's `Intl`, for the locale the site (`site.locale` in
//! `config.json`) or a widget (`data-lang`) asks for. The article, its comments and related
//! stories keep their own languages: only the interface around them is translated.
//!
//! English is compiled in; any other catalogue is fetched with the configuration, from
//! `locales/<tag>.json` beside it, so English readers download none of them. Adding a locale is
//! adding its file to `public/locales/` (the build lists the folder) and running the tests.

mod intl;
mod pseudo;

// Shared with the pages the server draws (`publish`).
use crate::model::{catalogue, locale};

use std::sync::OnceLock;

use leptos::prelude::*;

use crate::model::time::{self, Ago};
pub use catalogue::{
    interpolate, placeholders, without_plural_suffix, Catalogue, PLURAL_CATEGORIES,
};
pub use locale::{fallback_chain, negotiate, DEFAULT, PSEUDO};

/// The English catalogue, the interface's default and every other catalogue's fallback.
pub const ENGLISH_CATALOGUE: &str = include_str!("../../public/locales/en.json");

// `CATALOGUES`: the tags of the files in public/locales/, listed by build.rs.
include!(concat!(env!("OUT_DIR"), "/catalogues.rs"));

/// Every locale the interface speaks: the catalogues, and the pseudo-locale.
pub fn available() -> Vec<&'static str> {
    CATALOGUES.iter().copied().chain([PSEUDO]).collect()
}

fn english() -> &'static Catalogue {
    static ENGLISH: OnceLock<Catalogue> = OnceLock::new();
    // The catalogue is checked by the tests: an error cannot ship, and would only leave keys.
    ENGLISH.get_or_init(|| Catalogue::parse(ENGLISH_CATALOGUE).unwrap_or_default())
}

/// The interface's language: see the module documentation. `Copy`, so views use it freely: each
/// language is made once for the page's life (once per page, or per widget) and never dropped.
#[derive(Clone, Copy, Debug)]
pub struct I18n(&'static Language);

#[derive(Debug)]
struct Language {
    /// The catalogue's tag (`de`): the language the interface is in, for `lang`.
    tag: String,
    /// The tag as the site asked for it (`de-CH`), for `Intl`'s formats, when it is one the
    /// catalogue speaks for; else the catalogue's.
    locale: String,
    messages: Catalogue,
}

impl Language {
    fn new(tag: &str, locale: &str, messages: Catalogue) -> Language {
        Language { tag: tag.to_owned(), locale: locale.to_owned(), messages }
    }
}

impl Default for I18n {
    fn default() -> I18n {
        I18n::english()
    }
}

impl I18n {
    /// The interface in English.
    pub fn english() -> I18n {
        static ENGLISH: OnceLock<Language> = OnceLock::new();
        I18n(ENGLISH.get_or_init(|| Language::new(DEFAULT, DEFAULT, english().clone())))
    }

    fn new(tag: &str, locale: &str, messages: Catalogue) -> I18n {
        I18n(Box::leak(Box::new(Language::new(tag, locale, messages))))
    }

    /// The interface for `requested`, with `messages` as its catalogue's file (`None` for
    /// English and the pseudo-locale, which need none). A catalogue that does not read leaves the
    /// interface in English.
    pub fn from_catalogue(requested: &str, messages: Option<&str>) -> I18n {
        let tag = negotiate(requested, &available());
        // `Intl` gets the site's own tag (its region's dates and numbers) if it is valid.
        let locale = if crate::model::is_language_tag(requested) { requested } else { tag };
        if tag == PSEUDO {
            return I18n::new(PSEUDO, DEFAULT, english().map(pseudo::pseudo_localise));
        }
        match messages.map(Catalogue::parse) {
            Some(Ok(messages)) if tag != DEFAULT => I18n::new(tag, locale, messages),
            Some(Err(error)) => {
                leptos::logging::warn!(
                    "locales/{tag}.json {}: the interface stays in English",
                    error.0
                );
                I18n::english()
            }
            _ if tag == DEFAULT && locale != DEFAULT => {
                I18n::new(DEFAULT, locale, english().clone())
            }
            _ => I18n::english(),
        }
    }

    /// The catalogue file to fetch for `requested`, under the app's base: `None` when it is
    /// compiled in.
    pub fn catalogue_path(requested: &str) -> Option<String> {
        let tag = negotiate(requested, &available());
        (tag != DEFAULT && tag != PSEUDO).then(|| format!("/locales/{tag}.json"))
    }

    /// The interface's language tag, for `lang`.
    pub fn lang(self) -> &'static str {
        &self.0.tag
    }

    /// Its direction, for `dir`: `"rtl"` for Arabic or Hebrew.
    pub fn dir(self) -> &'static str {
        crate::model::text_direction(&self.0.tag)
    }

    /// The message `key`.
    pub fn t(self, key: &str) -> String {
        self.t_with(key, &[])
    }

    /// The message `key` with its `{{placeholders}}` filled in.
    pub fn t_with(self, key: &str, arguments: &[(&str, &str)]) -> String {
        let message = self.0.messages.get(key).or_else(|| english().get(key)).unwrap_or(key);
        interpolate(message, arguments)
    }

    /// The message `key` for `count` by the language's plural rules, with `{{count}}` as the
    /// locale writes the number.
    pub fn t_count(self, key: &str, count: i64, arguments: &[(&str, &str)]) -> String {
        let category = intl::plural_category(&self.0.locale, count);
        let message = self.0.messages.plural(key, count, &category).or_else(|| {
            let category = if count == 1 { "one" } else { "other" };
            english().plural(key, count, category)
        });
        let number = self.number(count);
        let mut all = vec![("count", number.as_str())];
        all.extend_from_slice(arguments);
        interpolate(message.unwrap_or(key), &all)
    }

    /// The words between the names of a list of two or more, by the browser for the locale
    /// (see [`intl::list_separators`]); `None` in English and the pseudo-locale, whose words
    /// are the catalogue's (the server-drawn preview's too), or where the browser cannot say.
    pub fn list_separators(self, names: &[&str]) -> Option<Vec<String>> {
        let own_words = self.is_english() || self.0.tag == PSEUDO;
        (!own_words && names.len() > 1).then(|| intl::list_separators(&self.0.locale, names))?
    }

    /// A number as the locale writes it.
    pub fn number(self, n: i64) -> String {
        intl::number(&self.0.locale, n)
    }

    fn is_english(self) -> bool {
        self.0.tag == DEFAULT
    }

    /// "5 minutes ago", "vor 5 Minuten", the date after a week. In English, the words the
    /// server-drawn preview uses too ([`time::relative`]).
    pub fn relative_time(self, then_ms: i64, now_ms: i64) -> String {
        if self.is_english() {
            return time::relative(then_ms, now_ms);
        }
        let locale = &self.0.locale;
        let words = match time::ago(then_ms, now_ms) {
            Ago::JustNow => intl::relative_time(locale, 0, "second"),
            Ago::Minutes(n) => intl::relative_time(locale, n, "minute"),
            Ago::Hours(n) => intl::relative_time(locale, n, "hour"),
            Ago::Days(n) => intl::relative_time(locale, n, "day"),
            Ago::Long => intl::date(locale, then_ms, false),
        };
        words.unwrap_or_else(|| time::relative(then_ms, now_ms))
    }

    /// The full date and time, for a time's tooltip.
    pub fn date_time(self, ms: i64) -> String {
        if self.is_english() {
            return time::date_time(ms);
        }
        intl::date(&self.0.locale, ms, true).unwrap_or_else(|| time::date_time(ms))
    }

    /// Marks the document as being in this language and direction (the widget's own document
    /// in its iframe, or the whole page).
    pub fn apply_to_document(self) {
        let root = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.document_element());
        if let Some(root) = root {
            let _ = root.set_attribute("lang", self.lang());
            let _ = root.set_attribute("dir", self.dir());
        }
    }
}

/// Makes `i18n` the interface's language for everything drawn below.
pub fn provide_i18n(i18n: I18n) {
    provide_context(i18n);
}

/// The interface's language; English where none was provided (a component drawn on its own).
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_default()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
