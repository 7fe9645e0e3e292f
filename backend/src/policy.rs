//! The Content-Security-Policy of the app's HTML pages, built once at start-up from the served
//! build (`<dist>`):
//! - scripts only from the app's own origin, WebAssembly compilation (`'wasm-unsafe-eval'`), and
//!   the inline scripts of `index.html` (early.js and the loader), allowed by their SHA-256
//!   hashes; no `'unsafe-inline'`, no `eval` (Trusted Types cannot be required: Leptos builds its
//!   templates through `innerHTML` with its own, constant markup);
//! - styles from the app's origin and the stylesheet inlined into `index.html`, by its hash;
//! - requests (`connect-src`) only to the app's origin and the backend named in `config.json`;
//! - images from the app's origin and any web site (articles link images from anywhere);
//! - no plugins, no `<base>`, no frames inside the app;
//! - `frame-ancestors`: the embed pages (`/embed/...`) may be framed by the reader itself and
//!   by the partner sites `config.json` allows (`embed.allowed_origins`, the one list the app
//!   checks too), every other page only by the reader.
//!
//! `broadsheet-backend --print-csp` prints the policy for deployers who serve the build from
//! another server.
//!
//! Article pages also get a `Link: <…>; rel=preload` for the article's JSON when the app would
//! ask the native backend for it by its default path: the request `public/early.js` makes then
//! starts with the page, not after `config.json` has arrived.

use std::path::Path;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::csp_reports::REPORT_PATH;

/// Where the app's embed pages live (the app's `embed::PATH_PREFIX`).
const EMBED_PREFIX: &str = "/embed/";

/// What the served build needs its policy to allow, read from `<dist>`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BuildSources {
    /// The partner sites that may frame the embed pages (canonical origins).
    pub partners: Vec<String>,
    /// The backend's origin when `backend.base_url` is on another origin than the app.
    pub backend: Option<String>,
    /// `'sha256-…'` sources of the inline scripts in `index.html` (early.js and the loader).
    pub inline_scripts: Vec<String>,
    /// `'sha256-…'` sources of the inline stylesheets in `index.html` (the app's CSS).
    pub inline_styles: Vec<String>,
    /// `backend.base_url` without trailing slashes, when the backend is native and uses the
    /// default paths (then an article's JSON is at `<base>/articles/<id>`).
    pub article_base: Option<String>,
}

impl BuildSources {
    /// Reads `config.json` and `index.html` in `dist`; a build without them (only the API is
    /// served) needs nothing beyond the defaults.
    pub fn read(dist: &Path) -> Result<BuildSources, String> {
        let mut sources = BuildSources::default();
        if let Some(text) = read_optional(&dist.join("config.json"))? {
            let root: Value = serde_json::from_str(&text).map_err(|e| {
                format!("{}: is not valid JSON ({e})", dist.join("config.json").display())
            })?;
            sources.partners =
                broadsheet_model::origin::allowed_origins(root.pointer("/embed/allowed_origins"))
                    .map_err(|problem| {
                    format!(
                        "{}: \"embed.allowed_origins\" {problem}",
                        dist.join("config.json").display()
                    )
                })?;
            let base_url = root.pointer("/backend/base_url").and_then(Value::as_str);
            sources.backend = base_url.and_then(origin_of_url);
            let native = root.pointer("/backend/kind").and_then(Value::as_str) == Some("native");
            let default_paths = root.pointer("/backend/paths").is_none_or(Value::is_null);
            sources.article_base = base_url
                .filter(|_| native && default_paths)
                .map(|base| base.trim().trim_end_matches('/').to_owned())
                .filter(|base| !base.is_empty() && base.bytes().all(is_link_safe));
        }
        if let Some(html) = read_optional(&dist.join("index.html"))? {
            sources.inline_scripts = inline_elements(&html, "script").map(sha256_source).collect();
            sources.inline_styles = inline_elements(&html, "style").map(sha256_source).collect();
        }
        Ok(sources)
    }
}

/// A file of the build, or `None` when the build has no such file.
pub fn read_optional(path: &Path) -> Result<Option<String>, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    }
}

/// The origin of an absolute http(s) URL; `None` for a path on the app's own origin.
fn origin_of_url(url: &str) -> Option<String> {
    let (scheme, rest) = url.trim().split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    broadsheet_model::origin::canonical(&format!("{scheme}://{authority}"))
}

/// The text of every `<script>` (without a `src`) or `<style>` element in `html`, as `name`
/// says, exactly as the browser hashes it (the characters between the tags). Enough for the HTML
/// Trunk writes; a build whose inline code this misses shows up as CSP violations in the
/// end-to-end tests.
fn inline_elements<'a>(html: &'a str, name: &str) -> impl Iterator<Item = &'a str> {
    let lower = html.to_ascii_lowercase();
    let (open, close_tag) = (format!("<{name}"), format!("</{name}"));
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(start) = lower[from..].find(&open).map(|i| from + i) {
        let Some(open_end) = lower[start..].find('>').map(|i| start + i + 1) else { break };
        let Some(close) = lower[open_end..].find(&close_tag).map(|i| open_end + i) else { break };
        if !lower[start..open_end].contains(" src=") {
            found.push(&html[open_end..close]);
        }
        from = close;
    }
    found.into_iter()
}

fn sha256_source(script: &str) -> String {
    let digest = Sha256::digest(script.as_bytes());
    format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest))
}

/// The header values, built once at start-up.
#[derive(Clone, Debug)]
pub struct PagePolicy {
    embed_pages: HeaderValue,
    other_pages: HeaderValue,
    article_base: Option<String>,
}

impl PagePolicy {
    pub fn new(sources: &BuildSources) -> Result<PagePolicy, String> {
        let value = |embed: bool| {
            HeaderValue::from_str(&header_value(embed, sources))
                .map_err(|_| format!("the policy cannot go into a header: {sources:?}"))
        };
        Ok(PagePolicy {
            embed_pages: value(true)?,
            other_pages: value(false)?,
            article_base: sources.article_base.clone(),
        })
    }

    /// The `Link` header that preloads the article's JSON on an article page (`/articles/<id>`),
    /// the same request `public/early.js` makes.
    fn article_preload(&self, path: &str) -> Option<HeaderValue> {
        let base = self.article_base.as_deref()?;
        let id = path.strip_prefix("/articles/")?;
        let id = id.strip_suffix('/').unwrap_or(id);
        if id.is_empty() || !id.bytes().all(is_link_safe) || id.contains('/') {
            return None;
        }
        let link = format!("<{base}/articles/{id}>; rel=preload; as=fetch; crossorigin");
        HeaderValue::from_str(&link).ok()
    }

    /// The policy of embed pages and of every other page, for `--print-csp`.
    pub fn describe(&self) -> String {
        let text = |value: &HeaderValue| value.to_str().unwrap_or_default().to_owned();
        format!(
            "Pages under {EMBED_PREFIX}:\n{}\n\nEvery other HTML page:\n{}",
            text(&self.embed_pages),
            text(&self.other_pages)
        )
    }

    fn for_path(&self, path: &str) -> &HeaderValue {
        if path.starts_with(EMBED_PREFIX) {
            &self.embed_pages
        } else {
            &self.other_pages
        }
    }
}

/// The policy for an embed page or any other page.
fn header_value(embed: bool, sources: &BuildSources) -> String {
    let backend = sources.backend.as_deref();
    let mut scripts = vec!["'self'", "'wasm-unsafe-eval'"];
    scripts.extend(sources.inline_scripts.iter().map(String::as_str));
    let mut styles = vec!["'self'"];
    styles.extend(sources.inline_styles.iter().map(String::as_str));
    let mut connect = vec!["'self'"];
    connect.extend(backend);
    let mut ancestors = vec!["'self'"];
    if embed {
        ancestors.extend(sources.partners.iter().map(String::as_str));
    }
    let directives: [(&str, Vec<&str>); 11] = [
        ("default-src", vec!["'self'"]),
        ("script-src", scripts),
        ("style-src", styles),
        // Articles show images from anywhere; http too, as browsers upgrade them on https pages.
        ("img-src", vec!["'self'", "https:", "http:"]),
        ("connect-src", connect),
        ("font-src", vec!["'self'"]),
        ("object-src", vec!["'none'"]),
        ("base-uri", vec!["'none'"]),
        ("form-action", vec!["'self'"]),
        ("frame-src", vec!["'none'"]),
        ("frame-ancestors", ancestors),
    ];
    directives
        .iter()
        .map(|(name, sources)| format!("{name} {}", sources.join(" ")))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Middleware: every HTML response gets the policy for its path (JSON and assets need none),
/// and the reader's pages `X-Frame-Options: SAMEORIGIN` too, as the static-host configurations
/// send it: the same framing rule for browsers older than `frame-ancestors`.
pub async fn add_policy(
    State(policy): State<PagePolicy>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"));
    if is_html {
        // What it blocks is reported to this server (`csp_reports`). `report-uri`, which every
        // engine sends at once; `report-to` would make Chromium batch reports for up to a minute
        // and ignore `report-uri`. Only here: a static host has no endpoint to report to, so the
        // shared policy (`--print-csp`) names none.
        let policy_text = policy.for_path(&path).to_str().unwrap_or_default();
        let reported = format!("{policy_text}; report-uri {REPORT_PATH}");
        let value =
            HeaderValue::from_str(&reported).unwrap_or_else(|_| policy.for_path(&path).clone());
        response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, value);
        if let Some(link) = policy.article_preload(&path) {
            response.headers_mut().insert(header::LINK, link);
        }
        // It cannot name the partner sites, so the embed pages do without.
        if !path.starts_with(EMBED_PREFIX) {
            response
                .headers_mut()
                .insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("SAMEORIGIN"));
        } else {
            // A widget is a piece of a partner's page, not a page of its own for search results.
            response.headers_mut().insert("x-robots-tag", HeaderValue::from_static("noindex"));
        }
    }
    response
}

/// A byte that may stand in a `Link` header's URL as it is: URL characters other than the
/// header's own delimiters (`<`, `>`, `,`, `;`, quotes, spaces and controls).
fn is_link_safe(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"-._~%!$&()*+=:@/?#[]".contains(&byte)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn directive<'a>(policy: &'a HeaderValue, name: &str) -> &'a str {
        let text = policy.to_str().expect("ASCII");
        text.split("; ").find(|d| d.starts_with(&format!("{name} "))).expect(name)
    }

    fn sources(partners: &[&str]) -> BuildSources {
        BuildSources {
            partners: partners.iter().map(|p| p.to_string()).collect(),
            ..BuildSources::default()
        }
    }

    #[test]
    fn article_pages_preload_the_article_when_the_app_would_ask_the_native_default_path() {
        let dist = tempfile::tempdir().expect("temp dir");
        let config = |backend: &str| {
            std::fs::write(dist.path().join("config.json"), format!(r#"{{"backend": {backend}}}"#))
                .expect("written");
            PagePolicy::new(&BuildSources::read(dist.path()).expect("read")).expect("valid")
        };
        let link = |policy: &PagePolicy, path: &str| {
            policy.article_preload(path).map(|v| v.to_str().expect("ASCII").to_owned())
        };

        let native = config(r#"{"kind": "native", "base_url": " /api/v1/ "}"#);
        assert_eq!(
            link(&native, "/articles/harbour-tram-trial").as_deref(),
            Some("</api/v1/articles/harbour-tram-trial>; rel=preload; as=fetch; crossorigin")
        );
        assert_eq!(link(&native, "/articles/caf%C3%A9/"), link(&native, "/articles/caf%C3%A9"));
        for path in ["/", "/articles/", "/articles/a/b", "/embed/articles/a/card", "/articles/a>b"]
        {
            assert_eq!(link(&native, path), None, "{path}");
        }
        let elsewhere = config(r#"{"kind": "native", "base_url": "https://api.example/v1"}"#);
        assert_eq!(
            link(&elsewhere, "/articles/a").as_deref(),
            Some("<https://api.example/v1/articles/a>; rel=preload; as=fetch; crossorigin")
        );
        // The app builds other paths itself, and other kinds of backend have their own.
        let custom = r#"{"kind": "native", "base_url": "/api", "paths": {"article": "/a/{id}"}}"#;
        assert_eq!(link(&config(custom), "/articles/a"), None);
        let wordpress = r#"{"kind": "wordpress", "base_url": "https://news.example/wp-json"}"#;
        assert_eq!(link(&config(wordpress), "/articles/a"), None);
        assert_eq!(link(&config(r#"{"kind": "native", "base_url": "/a b"}"#), "/articles/a"), None);
    }

    #[test]
    fn embed_pages_may_be_framed_by_the_partners_and_other_pages_by_nobody_else() {
        let policy =
            PagePolicy::new(&sources(&["https://partner.example", "http://127.0.0.1:8300"]))
                .expect("valid");
        assert_eq!(
            directive(policy.for_path("/embed/articles/a/comments"), "frame-ancestors"),
            "frame-ancestors 'self' https://partner.example http://127.0.0.1:8300"
        );
        for path in ["/", "/articles/a", "/embed", "/embedded/x", "/index.html"] {
            assert_eq!(
                directive(policy.for_path(path), "frame-ancestors"),
                "frame-ancestors 'self'",
                "{path}"
            );
        }
    }

    #[test]
    fn scripts_are_the_apps_own_files_wasm_and_the_hashed_loader_only() {
        let html = "<html><head><script src=\"/early.js\"></script>\n\
                    <SCRIPT type=\"module\">import init from '/app.js';\nawait init();\n</SCRIPT>\
                    </head></html>";
        let loader: Vec<&str> = inline_elements(html, "script").collect();
        assert_eq!(loader, ["import init from '/app.js';\nawait init();\n"]);
        // The hash of a known text, as `openssl dgst -sha256 -binary | base64` gives it.
        assert_eq!(sha256_source("abc"), "'sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0='");

        let policy = PagePolicy::new(&BuildSources {
            inline_scripts: vec![sha256_source(loader[0])],
            ..BuildSources::default()
        })
        .expect("valid");
        let header = policy.for_path("/").to_str().expect("ASCII").to_owned();
        assert!(!header.contains("unsafe-inline") && !header.contains("'unsafe-eval'"), "{header}");
        assert_eq!(
            directive(policy.for_path("/"), "script-src"),
            format!("script-src 'self' 'wasm-unsafe-eval' {}", sha256_source(loader[0]))
        );
        // The stylesheet inlined into the page is allowed by its hash, like the scripts.
        let styled = PagePolicy::new(&BuildSources {
            inline_styles: vec![sha256_source("p{}")],
            ..BuildSources::default()
        })
        .expect("valid");
        assert_eq!(
            directive(styled.for_path("/"), "style-src"),
            format!("style-src 'self' {}", sha256_source("p{}"))
        );
        for expected in ["object-src 'none'", "base-uri 'none'", "default-src 'self'"] {
            assert!(header.contains(expected), "{expected} in {header}");
        }
    }

    #[test]
    fn requests_go_only_to_the_app_and_its_configured_backend() {
        assert_eq!(origin_of_url("/api/v1"), None);
        assert_eq!(
            origin_of_url("https://API.example:443/v1?x=1").as_deref(),
            Some("https://api.example")
        );
        assert_eq!(
            origin_of_url("http://127.0.0.1:8097/wp-json").as_deref(),
            Some("http://127.0.0.1:8097")
        );
        assert_eq!(origin_of_url("javascript://x/%0aalert(1)").as_deref(), None);

        let same_origin = PagePolicy::new(&BuildSources::default()).expect("valid");
        assert_eq!(directive(same_origin.for_path("/"), "connect-src"), "connect-src 'self'");
        let remote = PagePolicy::new(&BuildSources {
            backend: Some("https://api.example".into()),
            ..BuildSources::default()
        })
        .expect("valid");
        assert_eq!(
            directive(remote.for_path("/"), "connect-src"),
            "connect-src 'self' https://api.example"
        );
    }

    #[test]
    fn reads_what_the_policy_needs_from_the_served_build() {
        let dist = tempfile::tempdir().expect("temp dir");
        assert_eq!(BuildSources::read(dist.path()), Ok(BuildSources::default()), "API only");
        let config = dist.path().join("config.json");
        std::fs::write(
            &config,
            r#"{"backend": {"kind": "wordpress", "base_url": "https://blog.example/wp-json/wp/v2"},
                "embed": {"allowed_origins": ["https://Partner.example/"]}}"#,
        )
        .expect("written");
        std::fs::write(dist.path().join("index.html"), "<script>boot()</script><style>p{}</style>")
            .expect("written");
        assert_eq!(
            BuildSources::read(dist.path()),
            Ok(BuildSources {
                partners: vec!["https://partner.example".to_owned()],
                backend: Some("https://blog.example".to_owned()),
                inline_scripts: vec![sha256_source("boot()")],
                inline_styles: vec![sha256_source("p{}")],
                article_base: None,
            })
        );
        std::fs::write(&config, r#"{"embed": {"allowed_origins": ["https://p.example/x"]}}"#)
            .expect("written");
        let error = BuildSources::read(dist.path()).expect_err("a path is not an origin");
        assert!(error.contains("\"embed.allowed_origins\" has \"https://p.example/x\""), "{error}");
        std::fs::write(&config, "{").expect("written");
        assert!(BuildSources::read(dist.path()).expect_err("broken").contains("is not valid JSON"));
    }
}
