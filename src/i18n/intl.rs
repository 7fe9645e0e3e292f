//! The browser's CLDR data through `Intl`: plural categories, numbers, relative times and dates
//! in any locale, at no cost to the wasm. Outside a browser (the native tests) English stands in.
//!
//! Each formatter is made once per locale and kept: making one costs far more than using it,
//! and every time on the page is worded again each minute.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::JsValue;

#[cfg(target_arch = "wasm32")]
mod browser {
    use std::cell::RefCell;

    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = Intl, js_name = PluralRules)]
        pub type PluralRules;
        #[wasm_bindgen(constructor, js_namespace = Intl, js_class = PluralRules, catch)]
        pub fn new(locale: &str) -> Result<PluralRules, JsValue>;
        #[wasm_bindgen(method)]
        pub fn select(this: &PluralRules, n: f64) -> String;

        #[wasm_bindgen(js_namespace = Intl, js_name = NumberFormat)]
        pub type NumberFormat;
        #[wasm_bindgen(constructor, js_namespace = Intl, js_class = NumberFormat, catch)]
        pub fn new(locale: &str) -> Result<NumberFormat, JsValue>;
        #[wasm_bindgen(method, js_name = format)]
        pub fn format(this: &NumberFormat, n: f64) -> String;

        #[wasm_bindgen(js_namespace = Intl, js_name = RelativeTimeFormat)]
        pub type RelativeTimeFormat;
        #[wasm_bindgen(constructor, js_namespace = Intl, js_class = RelativeTimeFormat, catch)]
        pub fn new(locale: &str, options: &JsValue) -> Result<RelativeTimeFormat, JsValue>;
        #[wasm_bindgen(method, js_name = format)]
        pub fn format(this: &RelativeTimeFormat, value: f64, unit: &str) -> String;

        #[wasm_bindgen(js_namespace = Intl, js_name = DateTimeFormat)]
        pub type DateTimeFormat;
        #[wasm_bindgen(constructor, js_namespace = Intl, js_class = DateTimeFormat, catch)]
        pub fn new(locale: &str, options: &JsValue) -> Result<DateTimeFormat, JsValue>;
        #[wasm_bindgen(method, js_name = format)]
        pub fn format(this: &DateTimeFormat, date: &js_sys::Date) -> String;

        #[wasm_bindgen(js_namespace = Intl, js_name = ListFormat)]
        pub type ListFormat;
        #[wasm_bindgen(constructor, js_namespace = Intl, js_class = ListFormat, catch)]
        pub fn new(locale: &str) -> Result<ListFormat, JsValue>;
        #[wasm_bindgen(method, js_name = formatToParts, catch)]
        pub fn format_to_parts(
            this: &ListFormat,
            list: &js_sys::Array,
        ) -> Result<js_sys::Array, JsValue>;
    }

    thread_local! {
        /// The formatters made so far, with what they are for and their locale: a handful (a
        /// page has one or two locales), so a list is all it takes.
        static MADE: RefCell<Vec<(&'static str, String, JsValue)>> = RefCell::default();
    }

    /// The formatter for `purpose` in `locale`, made by `make` the first time; `None` where the
    /// browser refuses to make it (the caller then words it in English).
    pub fn kept<T: JsCast>(
        purpose: &'static str,
        locale: &str,
        make: impl FnOnce() -> Result<T, JsValue>,
    ) -> Option<T> {
        let found = MADE.with_borrow(|made| {
            made.iter().find(|(p, l, _)| *p == purpose && l == locale).map(|(.., f)| f.clone())
        });
        if let Some(made) = found {
            return Some(made.unchecked_into());
        }
        let made = make().ok()?;
        MADE.with_borrow_mut(|kept| kept.push((purpose, locale.to_owned(), made.as_ref().clone())));
        Some(made)
    }

    /// An options object from string pairs.
    pub fn options(pairs: &[(&str, &str)]) -> JsValue {
        let object = js_sys::Object::new();
        for (key, value) in pairs {
            let _ = js_sys::Reflect::set(&object, &(*key).into(), &(*value).into());
        }
        object.into()
    }
}

/// The plural category (`"one"`, `"few"`, ...) of `n` in `locale`.
pub fn plural_category(locale: &str, n: i64) -> String {
    #[cfg(target_arch = "wasm32")]
    if let Some(rules) = browser::kept("plural", locale, || browser::PluralRules::new(locale)) {
        return rules.select(n as f64);
    }
    let _ = locale;
    if n == 1 { "one" } else { "other" }.to_owned()
}

/// `n` as the locale writes numbers ("1.234" in German, "١٢" in Arabic where it uses its digits).
pub fn number(locale: &str, n: i64) -> String {
    #[cfg(target_arch = "wasm32")]
    if let Some(format) = browser::kept("number", locale, || browser::NumberFormat::new(locale)) {
        return format.format(n as f64);
    }
    let _ = locale;
    n.to_string()
}

/// "vor 5 Minuten", "قبل يومين": `-value` of `unit` (`"minute"`, `"hour"`, `"day"`) from now,
/// in words where the language has them ("yesterday", "gestern").
pub fn relative_time(locale: &str, value: i64, unit: &str) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    let words = {
        let format = browser::kept("relative", locale, || {
            browser::RelativeTimeFormat::new(locale, &browser::options(&[("numeric", "auto")]))
        })?;
        Some(format.format(-(value as f64), unit))
    };
    #[cfg(not(target_arch = "wasm32"))]
    let words = {
        let _ = (locale, value, unit);
        None
    };
    words
}

/// The date (`with_time: false`) or the date and time with its zone, in UTC as the rest of the
/// app shows times, as the locale writes them.
pub fn date(locale: &str, ms: i64, with_time: bool) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    let date = {
        let purpose = if with_time { "date and time" } else { "date" };
        let format = browser::kept(purpose, locale, || {
            let mut fields = vec![("year", "numeric"), ("month", "short"), ("day", "numeric")];
            if with_time {
                fields.extend([
                    ("hour", "2-digit"),
                    ("minute", "2-digit"),
                    ("timeZoneName", "short"),
                ]);
            }
            fields.push(("timeZone", "UTC"));
            browser::DateTimeFormat::new(locale, &browser::options(&fields))
        })?;
        Some(format.format(&js_sys::Date::new(&(ms as f64).into())))
    };
    #[cfg(not(target_arch = "wasm32"))]
    let date = {
        let _ = (locale, ms, with_time);
        None
    };
    date
}

/// The words between the items of a list ("A, B and C"), as `locale` writes them around these
/// very items: the language's conjunction may depend on the next one (Spanish "y" is "e" before
/// an i-sound: "Ana e Inés"; Hebrew "ו" takes a hyphen before a Latin name). `None` where the
/// browser has no `Intl.ListFormat` or its parts are not items and words in turn.
pub fn list_separators(locale: &str, items: &[&str]) -> Option<Vec<String>> {
    #[cfg(target_arch = "wasm32")]
    let separators = {
        let format = browser::kept("list", locale, || browser::ListFormat::new(locale))?;
        let list: js_sys::Array = items.iter().map(|item| JsValue::from_str(item)).collect();
        let mut separators = Vec::with_capacity(items.len());
        let mut item_next = true;
        for part in format.format_to_parts(&list).ok()?.iter() {
            let field = |name: &str| js_sys::Reflect::get(&part, &name.into()).ok()?.as_string();
            match (field("type")?.as_str(), item_next) {
                ("element", true) => item_next = false,
                ("literal", false) => {
                    separators.push(field("value")?);
                    item_next = true;
                }
                _ => return None,
            }
        }
        (separators.len() + 1 == items.len()).then_some(separators)
    };
    #[cfg(not(target_arch = "wasm32"))]
    let separators = {
        let _ = (locale, items);
        None
    };
    separators
}
