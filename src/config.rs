//! The deployment's runtime configuration, read from `/config.json` next to `index.html`, so one
//! build can be pointed at any backend without recompiling.

use serde_json::Value;

/// Where the configuration is served from.
pub const CONFIG_PATH: &str = "/config.json";

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The site's name, shown in the header and the document title.
    pub site_name: String,
    /// The site's logo, shown before its name in the header.
    pub logo_url: Option<String>,
    pub backend: Backend,
    /// Links to the site's apps, shown in the footer; none means no app promotion.
    pub app_links: Vec<AppLink>,
    /// Sections the front page can be filtered by (the backend's `section` values).
    pub sections: Vec<String>,
    /// How long a fetched article is shown again (back/forward, prefetch) without refetching.
    pub cache_fresh_ms: i64,
    /// How many articles are kept in memory.
    pub cache_capacity: usize,
    /// Partner sites (canonical origins) whose pages may embed Broadsheet's widgets.
    pub embed_origins: Vec<String>,
    /// Where links inside an embed open.
    pub embed_link_target: EmbedLinkTarget,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppLink {
    pub label: &'static str,
    pub url: String,
}

/// The app stores the footer can link to: configuration key and link text.
const APP_STORES: [(&str, &str); 2] =
    [("app_store", "Download on the App Store"), ("google_play", "Get it on Google Play")];

#[derive(Debug, Clone, PartialEq)]
pub enum Backend {
    /// The native JSON contract, at `base_url` (e.g. `/api/v1` or `https://api.example/v1`).
    Native { base_url: String },
}

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
    pub fn attribute(self) -> &'static str {
        match self {
            EmbedLinkTarget::NewTab => "_blank",
            EmbedLinkTarget::Top => "_top",
        }
    }
}

/// A configuration problem, named precisely enough for a deployer to fix it.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigError {
    /// The key at fault, e.g. `backend.base_url`; `None` when the file itself is the problem.
    pub key: Option<String>,
    pub problem: String,
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
        let root: Value = serde_json::from_str(text)
            .map_err(|e| ConfigError { key: None, problem: format!("is not valid JSON ({e}).") })?;
        if !root.is_object() {
            return Err(ConfigError { key: None, problem: "must be a JSON object.".into() });
        }
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
        let kind = match root.pointer("/backend/kind") {
            Some(Value::String(kind)) => kind.as_str(),
            None => return Err(key_error("backend.kind", "is missing: expected \"native\".")),
            Some(_) => {
                return Err(key_error("backend.kind", "must be a string: expected \"native\"."))
            }
        };
        let base_url =
            match root.pointer("/backend/base_url") {
                Some(Value::String(url)) if is_usable_base_url(url) => {
                    url.trim().trim_end_matches('/').to_owned()
                }
                None => {
                    return Err(key_error(
                        "backend.base_url",
                        "is missing: expected a URL such as \"/api/v1\".",
                    ))
                }
                Some(_) => return Err(key_error(
                    "backend.base_url",
                    "must be an http(s) URL or a path starting with \"/\", such as \"/api/v1\".",
                )),
            };
        let backend = match kind {
            "native" => Backend::Native { base_url },
            other => {
                return Err(key_error(
                    "backend.kind",
                    &format!("is \"{other}\": expected \"native\"."),
                ))
            }
        };
        let logo_url = optional_url(&root, "site.logo_url")?;
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
            .map_or(crate::api::cache::DEFAULT_FRESH_MS, |s| s as i64 * 1_000);
        let cache_capacity = optional_count(&root, "cache.max_articles", 500)?
            .map_or(crate::api::cache::DEFAULT_CAPACITY, |n| n.max(1) as usize);
        let (embed_origins, embed_link_target) = embed_settings(&root)?;
        Ok(Config {
            site_name,
            logo_url,
            backend,
            app_links,
            sections,
            cache_fresh_ms,
            cache_capacity,
            embed_origins,
            embed_link_target,
        })
    }
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
        Some(value) => match value.as_u64() {
            Some(n) if n <= max => Ok(Some(n)),
            _ => Err(key_error(key, &format!("must be a whole number from 0 to {max}."))),
        },
    }
}

fn key_error(key: &str, problem: &str) -> ConfigError {
    ConfigError { key: Some(key.to_owned()), problem: problem.to_owned() }
}

fn is_usable_base_url(url: &str) -> bool {
    let url = url.trim();
    url.starts_with("https://")
        || url.starts_with("http://")
        || (url.starts_with('/') && !url.starts_with("//"))
}

#[cfg(test)]
mod tests {
    use super::*;

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
                backend: Backend::Native { base_url: "/api/v1".into() },
                app_links: vec![],
                sections: vec![],
                cache_fresh_ms: crate::api::cache::DEFAULT_FRESH_MS,
                cache_capacity: crate::api::cache::DEFAULT_CAPACITY,
                embed_origins: vec![],
                embed_link_target: EmbedLinkTarget::NewTab,
            })
        );
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
        let config = Config::parse(
            r#"{"backend": {"kind": "native", "base_url": "https://api.example/v1"}}"#,
        )
        .expect("valid");
        assert_eq!(config.site_name, "Broadsheet");
    }

    #[test]
    fn reads_the_logo_and_app_links() {
        let config = Config::parse(
            r#"{"site": {"logo_url": "/logo.svg"}, "backend": {"kind": "native", "base_url": "/api"},
                "apps": {"google_play": "https://play.example/app", "app_store": null}}"#,
        )
        .expect("valid");
        assert_eq!(config.logo_url.as_deref(), Some("/logo.svg"));
        assert_eq!(
            config.app_links,
            [AppLink { label: "Get it on Google Play", url: "https://play.example/app".into() }]
        );
    }

    #[test]
    fn reads_sections_and_cache_settings() {
        let config = Config::parse(
            r#"{"backend": {"kind": "native", "base_url": "/api"}, "sections": ["City", " Science "],
                "cache": {"fresh_seconds": 60, "max_articles": 5}}"#,
        )
        .expect("valid");
        assert_eq!(config.sections, ["City", "Science"]);
        assert_eq!((config.cache_fresh_ms, config.cache_capacity), (60_000, 5));
    }

    #[test]
    fn names_the_key_and_what_was_expected() {
        let cases = [
            ("not json", None, "is not valid JSON"),
            ("[]", None, "must be a JSON object."),
            (
                r#"{"backend": {"base_url": "/api"}}"#,
                Some("backend.kind"),
                "is missing: expected \"native\".",
            ),
            (
                r#"{"backend": {"kind": "gopher", "base_url": "/api"}}"#,
                Some("backend.kind"),
                "is \"gopher\": expected \"native\".",
            ),
            (r#"{"backend": {"kind": "native"}}"#, Some("backend.base_url"), "is missing"),
            (
                r#"{"backend": {"kind": "native", "base_url": "javascript:alert(1)"}}"#,
                Some("backend.base_url"),
                "must be an http(s) URL",
            ),
            (
                r#"{"site": {"name": 3}, "backend": {"kind": "native", "base_url": "/a"}}"#,
                Some("site.name"),
                "must be a non-empty string",
            ),
            (
                r#"{"backend": {"kind": "native", "base_url": "/a"}, "embed": {"allowed_origins": ["https://p.example/page"]}}"#,
                Some("embed.allowed_origins"),
                "has \"https://p.example/page\": expected an origin such as \"https://partner.example\"",
            ),
            (
                r#"{"backend": {"kind": "native", "base_url": "/a"}, "embed": {"allowed_origins": "*"}}"#,
                Some("embed.allowed_origins"),
                "must be a list of origins",
            ),
            (
                r#"{"backend": {"kind": "native", "base_url": "/a"}, "embed": {"link_target": "_parent"}}"#,
                Some("embed.link_target"),
                "must be \"new_tab\" or \"top\".",
            ),
        ];
        for (text, key, problem) in cases {
            let error = Config::parse(text).expect_err(text);
            assert_eq!(error.key.as_deref(), key, "{text}");
            assert!(error.problem.starts_with(problem), "{text}: {}", error.problem);
        }
    }
}
