//! Article pages (`/articles/<id>`) with the article's preview drawn into their HTML: the
//! headline, standfirst, byline, lead image and opening paragraphs are on screen with the first
//! paint, from the same response as the page, with no script run and nothing else fetched first.
//!
//! The markup is the one `public/early.js` builds from the article's JSON when the app is served
//! by another server (same element id and classes, inert and hidden from assistive technology);
//! early.js leaves a preview already in the page alone, and the app removes it when it shows a
//! page of its own (`src/early_preview.rs`). Drawn only when `config.json` points the app at this
//! server's own API with the default paths (`/api/v1`): then the preview is exactly the article
//! the app is about to ask for.
//!
//! Every field is escaped as text or as a quoted attribute, and only http(s) or relative image
//! addresses are written, like everywhere else the app shows article data.

use std::path::Path;
use std::sync::Arc;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path as UrlPath, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use broadsheet_model::safety::safe_url;
use broadsheet_model::{is_language_tag, Article, Block};
use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};
use serde_json::Value;
use tower_http::compression::CompressionLayer;

use crate::policy::read_optional;
use crate::routes::AppState;
use crate::static_files::REVALIDATE;

/// The API path this server answers under; the preview is drawn when the app asks it.
const OWN_API: &str = "/api/v1";
/// How much of the opening paragraphs is drawn: a screenful or two (the app shows them all).
const MAX_PREVIEW_CHARS: usize = 3000;

/// What every article page shares, read from `<dist>` at start-up.
pub struct ArticlePages {
    /// `index.html` as built, split where the preview goes (just inside `<body>`).
    before: String,
    after: String,
    site: SiteName,
}

/// The site's name and logo, as `config.json` gives them (`site.name`, `site.logo_url`).
#[derive(Debug, Default)]
pub struct SiteName {
    pub name: Option<String>,
    pub logo_url: Option<String>,
}

impl ArticlePages {
    /// `None` when article pages get no preview: no built `index.html` (or none with a `<body>`),
    /// or a `config.json` whose app asks another backend, or this one by other paths.
    pub fn read(dist: &Path, article_base: Option<&str>) -> Result<Option<ArticlePages>, String> {
        if article_base != Some(OWN_API) {
            return Ok(None);
        }
        let read = |name: &str| read_optional(&dist.join(name));
        let (Some(page), Some(config)) = (read("index.html")?, read("config.json")?) else {
            return Ok(None);
        };
        let config: Value = serde_json::from_str(&config).unwrap_or_default();
        let field =
            |pointer: &str| config.pointer(pointer).and_then(Value::as_str).map(str::to_owned);
        let site = SiteName { name: field("/site/name"), logo_url: field("/site/logo_url") };
        Ok(ArticlePages::new(&page, site))
    }

    fn new(page: &str, site: SiteName) -> Option<ArticlePages> {
        let body = page.to_ascii_lowercase().find("<body")?;
        let inside = body + page[body..].find('>')? + 1;
        Some(ArticlePages {
            before: page[..inside].to_owned(),
            after: page[inside..].to_owned(),
            site,
        })
    }

    /// The page for `article`, or the page as built when there is none to draw.
    fn page(&self, article: Option<&Article>) -> String {
        let preview = article.map(|a| preview(&self.site, a)).unwrap_or_default();
        [self.before.as_str(), &preview, &self.after].concat()
    }
}

/// `/articles/<id>` (with or without a trailing slash), before the app's other routes.
pub fn routes(pages: ArticlePages, state: AppState) -> Router {
    let pages = Arc::new(pages);
    let handler = move |State(state): State<AppState>,
                        id: Result<UrlPath<String>, PathRejection>| {
        let pages = Arc::clone(&pages);
        async move { article_page(&pages, &state, id.ok().map(|UrlPath(id)| id)) }
    };
    Router::new()
        .route("/articles/{id}", get(handler.clone()))
        .route("/articles/{id}/", get(handler))
        .layer(CompressionLayer::new())
        .with_state(state)
}

fn article_page(pages: &ArticlePages, state: &AppState, id: Option<String>) -> Response {
    // An unknown or malformed id, or a store that fails, gets the page without a preview: the
    // app then shows why there is no article, exactly as it would have.
    let article = id.and_then(|id| state.article(&id));
    let mut response = axum::response::Html(pages.page(article.as_ref())).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(REVALIDATE));
    response
}

/// The preview's markup (see the module documentation).
pub fn preview(site: &SiteName, article: &Article) -> String {
    let mut html = String::with_capacity(4096);
    html.push_str(
        r#"<div class="early-preview" id="early-preview" aria-hidden="true" inert><header class="site-header"><span class="site-name">"#,
    );
    if let Some(logo) = site.logo_url.as_deref().and_then(|url| safe_url(url, false)) {
        html += &format!(r#"<img class="logo" alt="" height="32" src="{}">"#, attr(logo));
    }
    let name = non_blank(site.name.as_deref()).map_or("Broadsheet", str::trim);
    html += &format!(
        r#"{}</span></header><div class="early-main"><article class="article""#,
        text(name)
    );
    if let Some(language) = non_blank(article.language.as_deref()).map(str::trim) {
        if is_language_tag(language) {
            html += &format!(r#" lang="{}" dir="auto""#, attr(language));
        }
    }
    html.push_str(r#"><header class="article-header">"#);
    if let Some(section) = non_blank(article.section.as_deref()) {
        html += &format!(r#"<p class="kicker" dir="auto">{}</p>"#, text(section));
    }
    html += &format!(r#"<h1 dir="auto">{}</h1>"#, text(&article.title));
    if let Some(summary) = non_blank(article.summary.as_deref()) {
        html += &format!(r#"<p class="dek" dir="auto">{}</p>"#, text(summary));
    }
    if let Some(names) = byline(article) {
        html += &format!(r#"<p class="byline">By {}</p>"#, text(&names));
    }
    // Where the app has its date line, sharing and reader tools.
    html.push_str(r#"<div class="early-tools"></div></header>"#);
    if let Some(image) = &article.image {
        if let Some(src) = safe_url(&image.url, false) {
            html.push_str(r#"<figure class="figure lead"><img"#);
            for (name, value) in [("width", image.width), ("height", image.height)] {
                if let Some(value) = value {
                    html += &format!(r#" {name}="{value}""#);
                }
            }
            let alt = non_blank(image.alt.as_deref()).unwrap_or_default();
            html += &format!(
                r#" alt="{}" fetchpriority="high" src="{}"></figure>"#,
                attr(alt),
                attr(src)
            );
        }
    }
    html.push_str(r#"<div class="article-body">"#);
    let mut left = MAX_PREVIEW_CHARS;
    for block in &article.body {
        // The opening paragraphs, up to the first block of another kind.
        let Block::Paragraph { text: words } = block else { break };
        if left == 0 {
            break;
        }
        let Some(words) = non_blank(Some(words)) else { continue };
        let length = words.chars().count();
        if length > left {
            let cut: String = words.chars().take(left).collect();
            html += &format!("<p>{}…</p>", text(&cut));
        } else {
            html += &format!("<p>{}</p>", text(words));
        }
        left = left.saturating_sub(length);
    }
    html.push_str("</div></article></div></div>");
    html
}

/// "By A", "By A and B", "By A, B and C": the authors with a name.
fn byline(article: &Article) -> Option<String> {
    let mut names: Vec<&str> =
        article.authors.iter().filter_map(|a| non_blank(Some(&a.name))).collect();
    let last = names.pop()?;
    Some(if names.is_empty() {
        last.to_owned()
    } else {
        format!("{} and {last}", names.join(", "))
    })
}

fn non_blank(value: Option<&str>) -> Option<&str> {
    value.filter(|v| !v.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use broadsheet_model::{Image, Person};

    fn article() -> Article {
        serde_json::from_value(serde_json::json!({
            "id": "tram",
            "title": "Trams return",
            "published_at": "2026-11-20T08:00:00Z",
            "body": [
                { "type": "paragraph", "text": "First." },
                { "type": "paragraph", "text": "Second." },
                { "type": "heading", "level": 2, "text": "Later" },
                { "type": "paragraph", "text": "After the heading." }
            ]
        }))
        .expect("a valid article")
    }

    fn site() -> SiteName {
        SiteName { name: Some(" Port Wendell Post ".into()), logo_url: Some("/logo.svg".into()) }
    }

    #[test]
    fn draws_the_header_lead_image_and_the_opening_paragraphs() {
        let mut a = article();
        a.section = Some("City".into());
        a.summary = Some("A little late, very full.".into());
        a.language = Some("pt-BR".into());
        a.authors = ["Ana", " ", "Bo", "Cy"]
            .map(|name| Person { name: name.into(), url: None, avatar_url: None })
            .to_vec();
        a.image = Some(Image {
            url: "https://img.example/tram.jpg".into(),
            alt: Some("A tram".into()),
            width: Some(1200),
            height: Some(800),
            caption: None,
            credit: None,
        });
        let html = preview(&site(), &a);
        assert!(html.starts_with(
            r#"<div class="early-preview" id="early-preview" aria-hidden="true" inert>"#
        ));
        assert!(html.contains(r#"<span class="site-name"><img class="logo" alt="" height="32" src="/logo.svg">Port Wendell Post</span>"#));
        assert!(html.contains(r#"<article class="article" lang="pt-BR" dir="auto">"#));
        assert!(html.contains(r#"<p class="kicker" dir="auto">City</p><h1 dir="auto">Trams return</h1><p class="dek" dir="auto">A little late, very full.</p><p class="byline">By Ana, Bo and Cy</p>"#));
        assert!(html.contains(r#"<img width="1200" height="800" alt="A tram" fetchpriority="high" src="https://img.example/tram.jpg">"#));
        assert!(html.ends_with(
            r#"<div class="article-body"><p>First.</p><p>Second.</p></div></article></div></div>"#
        ));
    }

    #[test]
    fn hostile_fields_stay_text_and_unsafe_addresses_are_not_written() {
        let attack = r#"<img src=x onerror="alert(1)">"><script>alert(2)</script>&"#;
        let mut a = article();
        a.title = attack.into();
        a.section = Some(attack.into());
        a.language = Some(r#"en" onload="alert(3)"#.into());
        a.authors = vec![Person { name: attack.into(), url: None, avatar_url: None }];
        a.image = Some(Image {
            url: "javascript:alert(4)".into(),
            alt: Some(attack.into()),
            width: None,
            height: None,
            caption: None,
            credit: None,
        });
        a.body = vec![Block::Paragraph { text: attack.into() }];
        let site =
            SiteName { name: Some(attack.into()), logo_url: Some(" data:image/svg+xml,x".into()) };
        let html = preview(&site, &a);
        // Markup only as text: no element but the preview's own, no attribute from the data.
        for absent in ["<script", "<img", "onload", "javascript:", "data:"] {
            assert!(!html.contains(absent), "{absent} in {html}");
        }
        assert!(html.contains("&lt;img src=x onerror=\"alert(1)\"&gt;\"&gt;&lt;script&gt;alert(2)&lt;/script&gt;&amp;"));
        assert!(html.contains(r#"<article class="article">"#), "an invalid language is left out");
    }

    #[test]
    fn blank_fields_are_left_out_and_a_long_opening_is_cut() {
        let mut a = article();
        a.summary = Some("   ".into());
        a.section = Some(String::new());
        let long = "ä".repeat(MAX_PREVIEW_CHARS + 10);
        a.body = vec![
            Block::Paragraph { text: "  ".into() },
            Block::Paragraph { text: long },
            Block::Paragraph { text: "Never reached.".into() },
        ];
        let html = preview(&SiteName::default(), &a);
        assert!(html.contains(r#"<span class="site-name">Broadsheet</span>"#));
        assert!(!html.contains("kicker") && !html.contains("dek") && !html.contains("byline"));
        assert!(!html.contains("<figure"));
        let body = html.split(r#"<div class="article-body">"#).nth(1).expect("a body");
        assert_eq!(
            body,
            format!("<p>{}…</p></div></article></div></div>", "ä".repeat(MAX_PREVIEW_CHARS))
        );
    }

    #[test]
    fn the_preview_goes_just_inside_the_body_of_the_built_page() {
        let built = "<!doctype html><html><head><title>B</title></head><BODY class=x><noscript>JS</noscript></body></html>";
        let pages = ArticlePages::new(built, SiteName::default()).expect("a page with a body");
        let page = pages.page(Some(&article()));
        assert!(page.starts_with("<!doctype html><html><head><title>B</title></head><BODY class=x><div class=\"early-preview\""));
        assert!(page.ends_with("</div><noscript>JS</noscript></body></html>"));
        assert_eq!(pages.page(None), built);
        assert!(ArticlePages::new("<html>no body</html>", SiteName::default()).is_none());
    }

    #[test]
    fn only_an_app_that_asks_this_server_by_the_default_paths_gets_previews() {
        let dist = tempfile::tempdir().expect("temp dir");
        std::fs::write(dist.path().join("index.html"), "<html><body></body></html>")
            .expect("write");
        std::fs::write(dist.path().join("config.json"), r#"{"site":{"name":"Post"}}"#)
            .expect("write");
        let read = |base| ArticlePages::read(dist.path(), base).expect("readable");
        assert!(read(Some("/api/v1")).is_some_and(|p| p.site.name.as_deref() == Some("Post")));
        assert!(read(Some("https://api.example/v1")).is_none());
        assert!(read(None).is_none());
        assert!(ArticlePages::read(&dist.path().join("missing"), Some("/api/v1"))
            .expect("ok")
            .is_none());
    }
}
