//! The deployment's runtime configuration, read from `/config.json` next to `index.html`, so one
//! build can be pointed at any backend without recompiling.

use std::sync::Arc;

use serde_json::{Map, Value};

/// Where the configuration is served from, under the app's base (`/news/config.json` for an app
/// at `/news/`: see `router::href`).
pub(crate) const CONFIG_PATH: &str = "/config.json";

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The site's name, shown in the header and the document title.
    pub site_name: String,
    /// The site's logo, shown before its name in the header.
    pub logo_url: Option<String>,
    /// The interface's language (`site.locale`, a BCP 47 tag; `src/i18n` finds its catalogue).
    pub locale: String,
    /// The `backend` object: which kind of backend, and its settings (`api::backend` reads them).
    pub backend: BackendSettings,
    /// Links to the site's apps, shown in the footer; none means no app promotion.
    pub app_links: Vec<AppLink>,
    /// Sections the front page can be filtered by (the backend's `section` values).
    pub(crate) sections: Vec<String>,
    /// How long a fetched article is shown again (back/forward, prefetch) without refetching.
    pub cache_fresh_ms: i64,
    /// How many articles are kept in memory.
    pub cache_capacity: usize,
    /// Which optional parts of the page are shown.
    pub(crate) features: Features,
    /// Partner sites (canonical origins) whose pages may embed Broadsheet's widgets.
    pub embed_origins: Vec<String>,
    /// Where links inside an embed open.
    pub(crate) embed_link_target: EmbedLinkTarget,
}

/// The optional parts of the page, each on unless `features.<name>` is `false`. A part that is
/// off is neither shown nor fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Features {
    /// The comments section under an article.
    pub comments: bool,
    /// "Related articles" under an article.
    pub related: bool,
    /// The reader-tools promo block in an article ("Try our AI features").
    pub promo: bool,
}

impl Default for Features {
    fn default() -> Features {
        Features { comments: true, related: true, promo: true }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppLink {
    /// The catalogue key of the link's text.
    pub(crate) label: &'static str,
    pub url: String,
}

/// The app stores the footer can link to: configuration key and the catalogue key of the link's
/// text.
const APP_STORES: [(&str, &str); 2] =
    [("app_store", "footer.app_store"), ("google_play", "footer.google_play")];

/// How long a fetched article is shown again without refetching, unless `cache.fresh_seconds` says.
pub(crate) const DEFAULT_FRESH_MS: i64 = 5 * 60 * 1_000;
/// How many articles are kept in memory, unless `cache.max_articles` says.
pub(crate) const DEFAULT_CAPACITY: usize = 24;

/// Every object in `config.json` with the keys it may have (the top level is `""`). Any other
/// key is an error, so a misspelt setting is named instead of silently left at its default.
/// `backend.paths` depends on the backend's kind (each kind reads its own: `api::backend`). `tests/config_schema.rs` checks
/// that `public/config.schema.json` has the same keys.
pub const KNOWN_KEYS: [(&str, &[&str]); 7] = [
    ("", &["$schema", "site", "backend", "features", "sections", "cache", "embed", "apps"]),
    ("site", &["name", "logo_url", "locale"]),
    ("backend", &["kind", "base_url", "paths"]),
    ("features", &["comments", "related", "promo"]),
    ("cache", &["fresh_seconds", "max_articles"]),
    ("embed", &["allowed_origins", "link_target"]),
    ("apps", &["app_store", "google_play"]),
];

/// Where a link inside an embed opens: never inside the partner's iframe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EmbedLinkTarget {
    /// A new tab (`"new_tab"`, the default).
    #[default]
    NewTab,
    /// The partner's whole window (`"top"`).
    Top,
}

impl EmbedLinkTarget {
    /// The link's `target` attribute.
    pub(crate) fn attribute(self) -> &'static str {
        match self {
            EmbedLinkTarget::NewTab => "_blank",
            EmbedLinkTarget::Top => "_top",
        }
    }
}

/// The interface language a configuration names (`site.locale`) when the file can be read that far
/// although it is wrong elsewhere: the set-up page is then in the site's language.
pub(crate) fn locale_hint(text: &str) -> Option<String> {
    let root: Value = serde_json::from_str(text).ok()?;
    let tag = root.pointer("/site/locale")?.as_str()?.trim();
    crate::model::is_language_tag(tag).then(|| tag.to_owned())
}

/// A configuration problem, named precisely enough for a deployer to fix it.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigError {
    /// The key at fault, e.g. `backend.base_url`; `None` when the file itself is the problem.
    pub(crate) key: Option<String>,
    pub(crate) problem: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.key {
            Some(key) => write!(f, "{CONFIG_PATH}: \"{key}\" {}", self.problem),
            None => write!(f, "{CONFIG_PATH}: {}", self.problem),
        }
    }
}

impl Config {
    pub fn parse(text: &str) -> Result<Config, ConfigError> {
        let mut root: Value = serde_json::from_str(text)
            .map_err(|e| ConfigError { key: None, problem: format!("is not valid JSON ({e}).") })?;
        if !root.is_object() {
            return Err(ConfigError { key: None, problem: "must be a JSON object.".into() });
        }
        known_keys(&root)?;
        let site_name = match root.pointer("/site/name") {
            None | Some(Value::Null) => "Broadsheet".to_owned(),
            Some(Value::String(name)) if !name.trim().is_empty() => name.trim().to_owned(),
            Some(_) => {
                return Err(key_error(
                    "site.name",
                    "must be a non-empty string, e.g. \"Broadsheet\".",
                ))
            }
        };
        // Taken out rather than cloned: nothing below reads it.
        let backend = BackendSettings(Arc::new(match root.get_mut("backend").map(Value::take) {
            Some(Value::Object(settings)) => settings,
            // Anything but an object or `null` was refused by `known_keys`.
            _ => Map::new(),
        }));
        let logo_url = optional_url(&root, "site.logo_url")?;
        let locale = match root.pointer("/site/locale") {
            None | Some(Value::Null) => crate::i18n::DEFAULT.to_owned(),
            Some(Value::String(tag)) if crate::model::is_language_tag(tag.trim()) => {
                tag.trim().to_owned()
            }
            Some(_) => {
                return Err(key_error(
                    "site.locale",
                    "must be a BCP 47 language tag, e.g. \"de\" or \"pt-BR\".",
                ))
            }
        };
        let mut app_links = Vec::new();
        for (store, label) in APP_STORES {
            if let Some(url) = optional_url(&root, &format!("apps.{store}"))? {
                app_links.push(AppLink { label, url });
            }
        }
        let sections = match root.get("sections") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items))
                if items.iter().all(|i| i.as_str().is_some_and(|s| !s.trim().is_empty())) =>
            {
                items.iter().filter_map(Value::as_str).map(|s| s.trim().to_owned()).collect()
            }
            Some(_) => {
                return Err(key_error(
                    "sections",
                    "must be a list of section names, e.g. [\"City\", \"Science\"].",
                ))
            }
        };
        let cache_fresh_ms = optional_count(&root, "cache.fresh_seconds", 86_400)?
            .map_or(DEFAULT_FRESH_MS, |s| s as i64 * 1_000);
        let cache_capacity = optional_count(&root, "cache.max_articles", 500)?
            .map_or(DEFAULT_CAPACITY, |n| n.max(1) as usize);
        let (embed_origins, embed_link_target) = embed_settings(&root)?;
        Ok(Config {
            site_name,
            logo_url,
            locale,
            backend,
            app_links,
            sections,
            cache_fresh_ms,
            cache_capacity,
            features: features(&root)?,
            embed_origins,
            embed_link_target,
        })
    }
}

/// The `backend` object as written. Which kinds there are, and what each makes of its settings,
/// is for the kinds themselves (`api::backend`): this only reads the values every kind has, so
/// that each says the same thing about them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BackendSettings(Arc<Map<String, Value>>);

impl BackendSettings {
    /// `backend.kind`, trimmed; `kinds` are the names it may have, for the message when it is
    /// missing or not a string.
    pub(crate) fn kind(&self, kinds: &[&str]) -> Result<&str, ConfigError> {
        match self.0.get("kind") {
            Some(Value::String(kind)) => Ok(kind.trim()),
            None => Err(kind_error("is missing", kinds)),
            Some(_) => Err(kind_error("must be a string", kinds)),
        }
    }

    /// The error for a `backend.kind` that names none of `kinds`.
    pub(crate) fn unknown_kind(&self, kind: &str, kinds: &[&str]) -> ConfigError {
        kind_error(&format!("is \"{kind}\""), kinds)
    }
}

fn kind_error(problem: &str, kinds: &[&str]) -> ConfigError {
    key_error("backend.kind", &format!("{problem}: expected {}.", quoted_list("", kinds)))
}

impl BackendSettings {
    /// `backend.base_url`: an http(s) URL or a path from the site's root. `example` is the
    /// kind's own, for the message.
    pub(crate) fn base_url(&self, example: &str) -> Result<&str, ConfigError> {
        match self.0.get("base_url") {
            Some(Value::String(url)) if is_usable_base_url(url) => Ok(url.trim()),
            None => Err(key_error(
                "backend.base_url",
                &format!("is missing: expected a URL such as {example}."),
            )),
            Some(_) => Err(key_error(
                "backend.base_url",
                &format!(
                    "must be an http(s) URL or a path starting with \"/\", such as {example}."
                ),
            )),
        }
    }

    /// `backend.paths`, when given: an object naming the endpoints whose path template differs.
    pub(crate) fn paths(&self) -> Result<Option<&Map<String, Value>>, ConfigError> {
        match self.0.get("paths") {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Object(paths)) => Ok(Some(paths)),
            Some(_) => Err(key_error(
                "backend.paths",
                "must be an object of path templates, e.g. {\"article\": \"/stories/{id}\"}.",
            )),
        }
    }
}

fn features(root: &Value) -> Result<Features, ConfigError> {
    let mut features = Features::default();
    // Anything but an object or `null` was refused by `known_keys`.
    let Some(Value::Object(configured)) = root.get("features") else { return Ok(features) };
    for (name, value) in configured {
        let key = format!("features.{name}");
        let slot = match name.as_str() {
            "comments" => &mut features.comments,
            "related" => &mut features.related,
            "promo" => &mut features.promo,
            // Refused by `known_keys` already.
            _ => continue,
        };
        match value {
            Value::Bool(on) => *slot = *on,
            Value::Null => {}
            _ => return Err(key_error(&key, "must be true or false.")),
        }
    }
    Ok(features)
}

/// `embed.allowed_origins` (the partner sites) and `embed.link_target`.
fn embed_settings(root: &Value) -> Result<(Vec<String>, EmbedLinkTarget), ConfigError> {
    let origins = crate::model::origin::allowed_origins(root.pointer("/embed/allowed_origins"))
        .map_err(|problem| key_error("embed.allowed_origins", &problem))?;
    let target = match root.pointer("/embed/link_target") {
        None | Some(Value::Null) => EmbedLinkTarget::default(),
        Some(Value::String(target)) if target == "new_tab" => EmbedLinkTarget::NewTab,
        Some(Value::String(target)) if target == "top" => EmbedLinkTarget::Top,
        Some(_) => {
            return Err(key_error("embed.link_target", "must be \"new_tab\" or \"top\"."));
        }
    };
    Ok((origins, target))
}

/// An optional URL setting at a dotted key: absent or `null` is `None`, anything but an http(s)
/// URL or a same-origin path is an error.
fn optional_url(root: &Value, key: &str) -> Result<Option<String>, ConfigError> {
    let pointer = format!("/{}", key.replace('.', "/"));
    match root.pointer(&pointer) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(url)) if is_usable_base_url(url) => Ok(Some(url.trim().to_owned())),
        Some(_) => Err(key_error(key, "must be an http(s) URL or a path starting with \"/\".")),
    }
}

/// An optional whole number from 0 to `max` at a dotted key.
fn optional_count(root: &Value, key: &str, max: u64) -> Result<Option<u64>, ConfigError> {
    let pointer = format!("/{}", key.replace('.', "/"));
    match root.pointer(&pointer) {
        None | Some(Value::Null) => Ok(None),
        // `300.0` and `3e2` are whole numbers too, as JSON Schema's "integer" says.
        Some(value) => match value.as_u64().or_else(|| whole(value.as_f64()?)) {
            Some(n) if n <= max => Ok(Some(n)),
            _ => Err(key_error(key, &format!("must be a whole number from 0 to {max}."))),
        },
    }
}

/// A float with no fractional part, from 0 to 2^53 (beyond that every limit is exceeded anyway).
fn whole(n: f64) -> Option<u64> {
    (n.fract() == 0.0 && (0.0..=9_007_199_254_740_992.0).contains(&n)).then_some(n as u64)
}

/// Refuses any key `KNOWN_KEYS` does not list (`$schema`, for editors, must be a string), and
/// any of its objects that is not an object (`null` stands for absent, as for every key).
fn known_keys(root: &Value) -> Result<(), ConfigError> {
    for (object, known) in KNOWN_KEYS {
        let value = if object.is_empty() { Some(root) } else { root.get(object) };
        let map = match value {
            Some(Value::Object(map)) => map,
            None | Some(Value::Null) => continue,
            Some(_) => {
                // Each object has keys; the first is the example.
                let example = known[0];
                let problem = format!("must be an object, e.g. {{\"{example}\": …}}.");
                return Err(key_error(object, &problem));
            }
        };
        if let Some(name) = map.keys().find(|name| !known.contains(&name.as_str())) {
            let prefix = if object.is_empty() { String::new() } else { format!("{object}.") };
            return Err(unknown_key(&prefix, name, known));
        }
    }
    match root.get("$schema") {
        None | Some(Value::String(_)) => Ok(()),
        Some(_) => Err(key_error("$schema", "must be a string, e.g. \"./config.schema.json\".")),
    }
}

/// The error for `name`, a key not in `known`, naming the nearest known key if one is close
/// enough to be a slip (or starts the same), or else every key that `prefix` may have.
pub(crate) fn unknown_key(prefix: &str, name: &str, known: &[&str]) -> ConfigError {
    let slip = 2.max(name.len() / 3);
    let mut nearest: Option<(usize, &str)> = None;
    for &k in known {
        let d = distance(name, k);
        let alike = !name.is_empty() && (k.starts_with(name) || name.starts_with(k));
        if (d <= slip || alike) && nearest.is_none_or(|(best, _)| d < best) {
            nearest = Some((d, k));
        }
    }
    let problem = match nearest {
        Some((_, k)) => format!("is not a known key; did you mean \"{prefix}{k}\"?"),
        None => format!("is not a known key: expected {}.", quoted_list(prefix, known)),
    };
    key_error(&format!("{prefix}{name}"), &problem)
}

/// `"a", "b" or "c"`, each name after `prefix`.
fn quoted_list(prefix: &str, names: &[&str]) -> String {
    let mut list = String::new();
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            list.push_str(if i + 1 == names.len() { " or " } else { ", " });
        }
        list.push('"');
        list.push_str(prefix);
        list.push_str(name);
        list.push('"');
    }
    list
}

/// The Levenshtein distance between two keys, in bytes: the known keys are ASCII, and bytes
/// keep the code small.
fn distance(a: &str, b: &str) -> usize {
    let b = b.as_bytes();
    // `row[j]`: the distance between the part of `a` read so far and `b[..j]`.
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.bytes().enumerate() {
        let mut diagonal = i;
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1).min(row[j] + 1).min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

pub(crate) fn key_error(key: &str, problem: &str) -> ConfigError {
    ConfigError { key: Some(key.to_owned()), problem: problem.to_owned() }
}

fn is_usable_base_url(url: &str) -> bool {
    let url = url.trim();
    // A control character inside a URL is refused where it is used (`safety::safe_url`).
    !url.chars().any(char::is_control)
        && (url.starts_with("https://")
            || url.starts_with("http://")
            || (url.starts_with('/') && !url.starts_with("//")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The configuration `text` describes, which must be valid.
    fn parse(text: &str) -> Config {
        Config::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    /// The key and problem of an invalid configuration.
    fn problem(text: &str) -> (Option<String>, String) {
        let error = Config::parse(text).expect_err(text);
        (error.key, error.problem)
    }

    #[test]
    fn reads_a_native_backend() {
        let config = Config::parse(
            r#"{"site": {"name": " The Herald "}, "backend": {"kind": "native", "base_url": "/api/v1/"}}"#,
        );
        assert_eq!(
            config,
            Ok(Config {
                site_name: "The Herald".into(),
                logo_url: None,
                locale: "en".into(),
                backend: BackendSettings(Arc::new(
                    serde_json::json!({"kind": "native", "base_url": "/api/v1/"})
                        .as_object()
                        .cloned()
                        .unwrap_or_default()
                )),
                app_links: vec![],
                sections: vec![],
                cache_fresh_ms: DEFAULT_FRESH_MS,
                cache_capacity: DEFAULT_CAPACITY,
                features: Features { comments: true, related: true, promo: true },
                embed_origins: vec![],
                embed_link_target: EmbedLinkTarget::NewTab,
            })
        );
    }

    #[test]
    fn reads_the_interface_locale_as_a_language_tag() {
        let with = |locale: &str| {
            Config::parse(&format!(
                r#"{{"site": {{"locale": {locale}}}, "backend": {{"kind": "native", "base_url": "/api/v1/"}}}}"#
            ))
        };
        assert_eq!(with(r#"" pt-BR ""#).map(|c| c.locale), Ok("pt-BR".to_owned()));
        assert_eq!(with("null").map(|c| c.locale), Ok("en".to_owned()));
        for bad in [r#""""#, r#""pt_BR""#, r#""<b>""#, "12"] {
            let error = with(bad).expect_err(bad);
            assert_eq!(error.key.as_deref(), Some("site.locale"), "{bad}");
        }
    }

    #[test]
    fn a_wrong_configuration_still_names_its_interface_language() {
        // Wrong elsewhere (an unknown key, no backend): the set-up page is in the site's language.
        let wrong = r#"{"site": {"locale": " de-AT ", "colour": "red"}}"#;
        assert!(Config::parse(wrong).is_err());
        assert_eq!(locale_hint(wrong).as_deref(), Some("de-AT"));
        // Nothing usable: the app looks elsewhere (the browser's language, then English).
        for none in ["", "{", "[]", r#"{"site": {"locale": "<b>"}}"#, r#"{"site": {"locale": 7}}"#]
        {
            assert_eq!(locale_hint(none), None, "{none}");
        }
    }

    #[test]
    fn reads_the_partner_sites_allowed_to_embed() {
        let config = Config::parse(
            r#"{"backend": {"kind": "native", "base_url": "/api"},
                "embed": {"allowed_origins": ["https://Partner.example/", "http://127.0.0.1:8300"],
                          "link_target": "top"}}"#,
        )
        .expect("valid");
        assert_eq!(config.embed_origins, ["https://partner.example", "http://127.0.0.1:8300"]);
        assert_eq!(config.embed_link_target, EmbedLinkTarget::Top);
        assert_eq!(config.embed_link_target.attribute(), "_top");
        assert_eq!(EmbedLinkTarget::default().attribute(), "_blank");
    }

    #[test]
    fn site_name_is_optional() {
        let config =
            parse(r#"{"backend": {"kind": "native", "base_url": "https://api.example/v1"}}"#);
        assert_eq!(config.site_name, "Broadsheet");
    }

    #[test]
    fn reads_the_logo_and_app_links() {
        let config = parse(
            r#"{"site": {"logo_url": "/logo.svg"}, "backend": {"kind": "native", "base_url": "/api"},
                "apps": {"google_play": "https://play.example/app", "app_store": null}}"#,
        );
        assert_eq!(config.logo_url.as_deref(), Some("/logo.svg"));
        assert_eq!(
            config.app_links,
            [AppLink { label: "footer.google_play", url: "https://play.example/app".into() }]
        );
    }

    #[test]
    fn reads_sections_and_cache_settings() {
        let config = parse(
            r#"{"backend": {"kind": "native", "base_url": "/api"}, "sections": ["City", " Science "],
                "cache": {"fresh_seconds": 60, "max_articles": 5}}"#,
        );
        assert_eq!(config.sections, ["City", "Science"]);
        assert_eq!((config.cache_fresh_ms, config.cache_capacity), (60_000, 5));
    }

    #[test]
    fn features_are_on_unless_switched_off() {
        let native = r#""backend": {"kind": "native", "base_url": "/api"}"#;
        assert_eq!(parse(&format!("{{{native}}}")).features, Features::default());
        let config = parse(&format!(
            r#"{{{native}, "features": {{"comments": false, "related": true, "promo": false}}}}"#
        ));
        assert_eq!(config.features, Features { comments: false, related: true, promo: false });
        let config = parse(&format!(r#"{{{native}, "features": {{"related": false}}}}"#));
        assert_eq!(config.features, Features { comments: true, related: false, promo: true });
    }

    #[test]
    fn reads_embed_origins_in_lower_case() {
        let config = parse(
            r#"{"backend": {"kind": "native", "base_url": "/api"}, "embed": {"allowed_origins":
                ["https://Partner.example", "http://localhost:8000", "http://[::1]:3000", "https://127.0.0.1"]}}"#,
        );
        assert_eq!(
            config.embed_origins,
            [
                "https://partner.example",
                "http://localhost:8000",
                "http://[::1]:3000",
                "https://127.0.0.1"
            ]
        );
    }

    #[test]
    fn names_the_key_and_what_was_expected() {
        let native = r#""backend": {"kind": "native", "base_url": "/api"}"#;
        let cases = [
            ("not json".to_owned(), None, "is not valid JSON"),
            ("[]".to_owned(), None, "must be a JSON object."),
            (
                r#"{"site": {"name": 3}, "backend": {"kind": "native", "base_url": "/a"}}"#.to_owned(),
                Some("site.name"),
                "must be a non-empty string",
            ),
            (format!(r#"{{{native}, "features": true}}"#), Some("features"), "must be an object"),
            (
                format!(r#"{{{native}, "features": {{"comments": "no"}}}}"#),
                Some("features.comments"),
                "must be true or false.",
            ),
            (
                format!(r#"{{{native}, "features": {{"comment": false}}}}"#),
                Some("features.comment"),
                r#"is not a known key; did you mean "features.comments"?"#,
            ),
            (
                format!(r#"{{{native}, "embed": {{"allowed_origins": ["https://p.example/page"]}}}}"#),
                Some("embed.allowed_origins"),
                "has \"https://p.example/page\": expected an origin such as \"https://partner.example\"",
            ),
            (
                format!(r#"{{{native}, "embed": {{"allowed_origins": "*"}}}}"#),
                Some("embed.allowed_origins"),
                "must be a list of origins",
            ),
            (
                format!(r#"{{{native}, "embed": {{"link_target": "_parent"}}}}"#),
                Some("embed.link_target"),
                "must be \"new_tab\" or \"top\".",
            ),
        ];
        for (text, key, expected) in cases {
            let (actual_key, actual) = problem(&text);
            assert_eq!(actual_key.as_deref(), key, "{text}");
            assert!(actual.starts_with(expected), "{text}: {actual}");
        }
    }

    #[test]
    fn an_unknown_key_is_an_error_at_every_level() {
        let native = r#""backend": {"kind": "native", "base_url": "/api"}"#;
        let cases = [
            (
                format!(r#"{{{native}, "site": {{"logo": "/l.svg"}}}}"#),
                "site.logo",
                "site.logo_url",
            ),
            (
                format!(r#"{{{native}, "apps": {{"appstore": "/a"}}}}"#),
                "apps.appstore",
                "apps.app_store",
            ),
            (
                format!(r#"{{{native}, "embed": {{"allowed_origin": []}}}}"#),
                "embed.allowed_origin",
                "embed.allowed_origins",
            ),
            (
                format!(r#"{{{native}, "cache": {{"fresh": 1}}}}"#),
                "cache.fresh",
                "cache.fresh_seconds",
            ),
            (format!(r#"{{{native}, "section": ["City"]}}"#), "section", "sections"),
            (format!(r#"{{{native}, "Site": {{}}}}"#), "Site", "site"),
            (format!(r#"{{{native}, "schema": "x"}}"#), "schema", "$schema"),
            (
                r#"{"backend": {"kind": "native", "base_url": "/a", "baseurl": "/b"}}"#.to_owned(),
                "backend.baseurl",
                "backend.base_url",
            ),
        ];
        for (text, key, nearest) in cases {
            let error = Config::parse(&text).expect_err(&text);
            assert_eq!(
                error.to_string(),
                format!(r#"/config.json: "{key}" is not a known key; did you mean "{nearest}"?"#),
            );
        }
        // Nothing close: every key the object may have is listed instead.
        assert_eq!(
            Config::parse(&format!(r#"{{{native}, "site": {{"colour": "red"}}}}"#))
                .expect_err("colour")
                .to_string(),
            r#"/config.json: "site.colour" is not a known key: expected "site.name", "site.logo_url" or "site.locale"."#
        );
        let (key, problem) = problem(&format!(r#"{{{native}, "theme": "dark"}}"#));
        assert_eq!(key.as_deref(), Some("theme"));
        assert_eq!(
            problem,
            r#"is not a known key: expected "$schema", "site", "backend", "features", "sections", "cache", "embed" or "apps"."#
        );
    }

    #[test]
    fn the_objects_must_be_objects_and_schema_a_string() {
        let native = r#""backend": {"kind": "native", "base_url": "/api"}"#;
        for object in ["site", "cache", "embed", "apps", "features"] {
            let (key, problem) = problem(&format!(r#"{{{native}, "{object}": "x"}}"#));
            assert_eq!(key.as_deref(), Some(object));
            assert!(problem.starts_with("must be an object, e.g. {"), "{problem}");
            // `null` is the same as leaving the object out.
            parse(&format!(r#"{{{native}, "{object}": null}}"#));
        }
        assert_eq!(problem(r#"{"backend": []}"#).0.as_deref(), Some("backend"));
        let config = parse(&format!(r#"{{"$schema": "./config.schema.json", {native}}}"#));
        assert_eq!(config.site_name, "Broadsheet");
        assert_eq!(
            problem(&format!(r#"{{"$schema": 1, {native}}}"#)).0.as_deref(),
            Some("$schema")
        );
    }

    #[test]
    fn whole_numbers_may_be_written_as_floats() {
        let native = r#""backend": {"kind": "native", "base_url": "/api"}"#;
        let config = parse(&format!(
            r#"{{{native}, "cache": {{"fresh_seconds": 6e1, "max_articles": 5.0}}}}"#
        ));
        assert_eq!((config.cache_fresh_ms, config.cache_capacity), (60_000, 5));
        for bad in ["1.5", "-1", "-0.5", "86401", "1e300"] {
            let (key, _) =
                problem(&format!(r#"{{{native}, "cache": {{"fresh_seconds": {bad}}}}}"#));
            assert_eq!(key.as_deref(), Some("cache.fresh_seconds"), "{bad}");
        }
    }

    #[test]
    fn distance_counts_edits_in_bytes() {
        for (a, b, d) in [
            ("", "", 0),
            ("", "abc", 3),
            ("abc", "", 3),
            ("logo", "logo_url", 4),
            ("appstore", "app_store", 1),
            ("kitten", "sitting", 3),
            ("flaw", "lawn", 2),
            ("é", "e", 2),
        ] {
            assert_eq!(distance(a, b), d, "{a} {b}");
            assert_eq!(distance(b, a), d, "{b} {a}");
        }
    }
}
