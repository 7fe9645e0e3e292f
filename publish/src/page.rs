//! Article pages with the article drawn into their HTML, for readers' first paint and for link
//! unfurlers and crawlers, which run no script: the built app's `index.html` with the article's
//! head (title, description, canonical link, Open Graph and Twitter card tags, a `NewsArticle`
//! in JSON-LD, links to the site's feeds) and, just inside `<body>`, its preview: the article's
//! header (as `broadsheet_model::header` describes it, the app's own), lead image and opening
//! paragraphs. The reference backend draws these pages as they are asked for; the prerender
//! command writes them as files for static hosts.
//!
//! The preview's markup is the one `public/early.js` builds from the article's JSON when no
//! page was drawn (same element id and classes, inert and hidden from assistive technology);
//! early.js leaves a preview already in the page alone, and the app removes it when it shows a
//! page of its own (`src/early_preview.rs`). Its times read as the app's do, from the clock when
//! the page is drawn.
//!
//! Every field is escaped as text or as a quoted attribute, and only http(s) or relative image
//! addresses are written, like everywhere else the app shows article data.

use broadsheet_model::header::{Header, Part, PartKind, Piece, SEPARATOR};
use broadsheet_model::meta::{self, ArticleMeta};
use broadsheet_model::safety::safe_url;
use broadsheet_model::{encode_segment, is_language_tag, Article, Block};
use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};
use serde_json::Value;

use crate::interface::Interface;

/// How much of the opening paragraphs is drawn: a screenful or two (the app shows them all).
const MAX_PREVIEW_CHARS: usize = 3000;

/// What every article page shares: the built page and the site.
pub struct ArticlePages {
    /// `index.html` as built, split where the preview goes (just inside `<body>`).
    before: String,
    after: String,
    /// The built page's `<title>` element, which an article's head replaces.
    title_element: Option<String>,
    pub site: SiteName,
    /// The interface's words in the site's language.
    interface: Interface,
}

/// The site's name and logo, as `config.json` gives them (`site.name`, `site.logo_url`), and
/// where readers reach it.
#[derive(Debug, Default, Clone)]
pub struct SiteName {
    pub name: Option<String>,
    pub logo_url: Option<String>,
    /// The interface's language (`site.locale`), which is the site's.
    pub locale: Option<String>,
    /// The public origin (`https://news.example`), or the site's public URL without its trailing
    /// slash when the app is not at the root (`https://example.org/news`); `None` when each
    /// request names it (the reference backend without `--public-origin`).
    pub public_origin: Option<String>,
}

impl SiteName {
    /// The site as the build's `config.json` names it.
    pub fn from_config(config: &str, public_origin: Option<String>) -> SiteName {
        let config: Value = serde_json::from_str(config).unwrap_or_default();
        let field =
            |pointer: &str| config.pointer(pointer).and_then(Value::as_str).map(str::to_owned);
        SiteName {
            name: field("/site/name"),
            logo_url: field("/site/logo_url"),
            locale: field("/site/locale"),
            public_origin,
        }
    }

    /// The site's language (a BCP 47 tag), for feeds and news entries whose article names none:
    /// its interface's, or English.
    pub fn language(&self) -> &str {
        self.locale.as_deref().map(str::trim).filter(|tag| is_language_tag(tag)).unwrap_or("en")
    }

    /// The site's name, or Broadsheet's.
    pub fn name(&self) -> &str {
        non_blank(self.name.as_deref()).map_or("Broadsheet", str::trim)
    }
}

/// The reader's page of article `id` on the site at `origin`.
pub fn article_url(origin: &str, id: &str) -> String {
    format!("{origin}/articles/{}", encode_segment(id))
}

impl ArticlePages {
    /// `None` for a built page without a `<body>`.
    pub fn new(page: &str, site: SiteName) -> Option<ArticlePages> {
        let lower = page.to_ascii_lowercase();
        let body = lower.find("<body")?;
        let inside = body + page[body..].find('>')? + 1;
        let title_element = title_range(&lower[..body]).map(|range| page[range].to_owned());
        Some(ArticlePages {
            before: page[..inside].to_owned(),
            after: page[inside..].to_owned(),
            title_element,
            site,
            interface: Interface::english(),
        })
    }

    /// The page for `article` at the time `now_ms` (its head, for a page at `origin`, and its
    /// preview), or the page as built when there is none to draw.
    pub fn page(&self, article: Option<&Article>, origin: Option<&str>, now_ms: i64) -> String {
        let Some(article) = article else { return [self.before.as_str(), &self.after].concat() };
        self.page_with_preview(article, article, origin, now_ms)
    }

    /// The pages with the interface's words in `interface`'s language (English until then).
    pub fn speaking(self, interface: Interface) -> ArticlePages {
        let after = with_noscript(&self.after, &self.site, &interface);
        ArticlePages { interface, after, ..self }
    }

    /// The interface's words the pages are drawn with.
    pub fn interface(&self) -> &Interface {
        &self.interface
    }

    /// The front page (see [`with_site_head`]). The app does not draw its description and feed
    /// links: after in-app navigation the front page has none (their code would make the front
    /// page's part of the app 1.6 KB bigger).
    pub fn front_page(&self, origin: Option<&str>) -> String {
        let page = [self.before.as_str(), &self.after].concat();
        with_site_head(&page, &self.site, &self.interface, origin)
    }

    /// Like [`ArticlePages::page`], with the preview drawn from `previewed` (the same article,
    /// its opening given as paragraphs where the backend sent HTML) and the head from `article`,
    /// as the app describes it.
    pub fn page_with_preview(
        &self,
        article: &Article,
        previewed: &Article,
        origin: Option<&str>,
        now_ms: i64,
    ) -> String {
        let before = match (&self.title_element, origin) {
            (Some(title), Some(origin)) => {
                self.before.replacen(title, &self.head(article, origin), 1)
            }
            _ => self.before.clone(),
        };
        [before.as_str(), &preview(&self.site, &self.interface, previewed, now_ms), &self.after]
            .concat()
    }

    /// The head elements that describe `article` (in place of the built page's title).
    fn head(&self, article: &Article, origin: &str) -> String {
        let page_url = article_url(origin, &article.id);
        let site = meta::Site {
            name: self.site.name(),
            logo_url: self.site.logo_url.as_deref(),
            page_url: &page_url,
        };
        let meta = ArticleMeta::of(article, site);
        // Each marked as the server's: the app replaces them when it shows another page.
        let title = self.interface.title(&article.title, self.site.name());
        let mut head = format!("<title>{}</title>", text(&title));
        for tag in &meta.tags {
            head += &format!(
                r#"<meta {}="{}" content="{}" data-server-head>"#,
                tag.attribute.as_str(),
                tag.key,
                attr(&tag.content)
            );
        }
        head +=
            &format!(r#"<link rel="canonical" href="{}" data-server-head>"#, attr(&meta.canonical));
        head += &feed_links(&self.site, origin);
        // Not run (its type is not a script's), so the page's CSP has nothing to say about it.
        head += &format!(
            r#"<script type="application/ld+json" data-server-head>{}</script>"#,
            meta.json_ld
        );
        head
    }
}

/// The links to the site's feeds, which every page carries.
fn feed_links(site: &SiteName, origin: &str) -> String {
    let mut links = String::new();
    for (kind, path) in
        [("application/rss+xml", "feed.xml"), ("application/feed+json", "feed.json")]
    {
        links += &format!(
            r#"<link rel="alternate" type="{kind}" title="{}" href="{}/{path}" data-server-head>"#,
            attr(site.name()),
            attr(origin)
        );
    }
    links
}

/// The built page as the site's pages that are not an article's are sent (the front page, and
/// the shell a static host sends for any other): titled with the site's name, with its
/// description (search engines show it in their results) and, given the site's `origin`, the
/// links to its feeds (feed readers given the site's address look for them). Drawn over what an
/// earlier call drew, as that call drew it.
pub fn with_site_head(
    page: &str,
    site: &SiteName,
    interface: &Interface,
    origin: Option<&str>,
) -> String {
    let mut page = without_server_head(page);
    let lower = page.to_ascii_lowercase();
    if let Some(range) = title_range(&lower) {
        page.replace_range(range, &format!("<title>{}</title>", text(site.name())));
    }
    let mut head = format!(
        r#"<meta name="description" content="{}" data-server-head>"#,
        attr(&interface.site_description(site.name()))
    );
    if let Some(origin) = origin {
        head += &feed_links(site, origin);
    }
    let page = match page.to_ascii_lowercase().find("</head>") {
        Some(end) => [&page[..end], &head, &page[end..]].concat(),
        None => page,
    };
    with_noscript(&page, site, interface)
}

/// Where the `<title>` element is in `lower` (a page in lower case).
fn title_range(lower: &str) -> Option<std::ops::Range<usize>> {
    let start = lower.find("<title")?;
    let end = start + lower[start..].find("</title>")? + "</title>".len();
    Some(start..end)
}

/// `page` with what its `<noscript>` says to a reader without JavaScript in the interface's
/// language (the built page says it in English: without script nothing reads `site.locale`).
fn with_noscript(page: &str, site: &SiteName, interface: &Interface) -> String {
    let lower = page.to_ascii_lowercase();
    let Some(start) = lower.find("<noscript>").map(|i| i + "<noscript>".len()) else {
        return page.to_owned();
    };
    let Some(end) = lower[start..].find("</noscript>").map(|i| start + i) else {
        return page.to_owned();
    };
    let said = format!(
        r#"<p lang="{}" dir="{}">{}</p>"#,
        attr(interface.lang()),
        interface.dir(),
        text(&interface.needs_script(site.name()))
    );
    [&page[..start], said.as_str(), &page[end..]].concat()
}

/// The page without the elements drawn into it before (`data-server-head`): the page as built.
pub fn without_server_head(page: &str) -> String {
    let lower = page.to_ascii_lowercase();
    let mut kept = String::with_capacity(page.len());
    let mut at = 0;
    while let Some(start) = lower[at..].find('<').map(|i| at + i) {
        let Some(end) = lower[start..].find('>').map(|i| start + i + 1) else { break };
        kept.push_str(&page[at..start]);
        at = end;
        if !lower[start..end].contains(" data-server-head") {
            kept.push_str(&page[start..end]);
        } else if lower[start..end].starts_with("<script") {
            at = lower[end..].find("</script>").map_or(page.len(), |i| end + i + "</script>".len());
        }
    }
    kept.push_str(&page[at..]);
    kept
}

/// The preview's markup (see the module documentation), its times as at `now_ms`.
pub fn preview(site: &SiteName, interface: &Interface, article: &Article, now_ms: i64) -> String {
    let mut html = String::with_capacity(4096);
    html.push_str(
        r#"<div class="early-preview" id="early-preview" aria-hidden="true" inert><header class="site-header"><span class="site-name">"#,
    );
    if let Some(logo) = site.logo_url.as_deref().and_then(|url| safe_url(url, false)) {
        html += &format!(r#"<img class="logo" alt="" height="32" src="{}">"#, attr(logo));
    }
    let name = site.name();
    html += &format!(
        r#"{}</span></header><div class="early-main"><article class="article""#,
        text(name)
    );
    let header = Header::of(article);
    if let (Some(language), Some(direction)) = (&header.language, header.direction) {
        html += &format!(r#" lang="{}" dir="{direction}""#, attr(language));
    }
    html.push_str(r#"><header class="article-header">"#);
    for part in &header.parts {
        header_part(&mut html, part, interface, now_ms);
    }
    // Where the app has its sharing and reader tools.
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

/// One part of the article header, drawn as the app draws it (`src/pages/article.rs`).
fn header_part(html: &mut String, part: &Part, interface: &Interface, now_ms: i64) {
    let element = match part.kind {
        PartKind::Headline => "h1",
        _ => "p",
    };
    html.push('<');
    html.push_str(element);
    if part.kind != PartKind::Headline {
        *html += &format!(r#" class="{}""#, part.kind.class());
    }
    if part.kind.own_direction() {
        html.push_str(r#" dir="auto""#);
    }
    // The header's own words are the interface's, in the site's language.
    if part.kind.in_interface_language() {
        *html += &format!(r#" lang="{}" dir="{}""#, attr(interface.lang()), interface.dir());
    }
    html.push('>');
    for piece in &part.pieces {
        match piece {
            Piece::Text(words) => html.push_str(&text(words)),
            Piece::Words(words) => html.push_str(&text(&interface.words(*words))),
            Piece::Name { text: name, href: Some(href) } => {
                *html += &format!(
                    r#"<a href="{}" rel="noopener noreferrer" dir="auto">{}</a>"#,
                    attr(href),
                    text(name)
                );
            }
            Piece::Name { text: name, href: None } => {
                *html += &format!(r#"<span dir="auto">{}</span>"#, text(name));
            }
            Piece::Separator => *html += &format!(r#"<span aria-hidden="true">{SEPARATOR}</span>"#),
            Piece::Time { datetime, ms } => {
                *html += &format!(
                    r#"<time datetime="{}" title="{}" dir="auto">{}</time>"#,
                    attr(datetime),
                    attr(&interface.time_title(*ms)),
                    text(&interface.time_text(*ms, now_ms))
                );
            }
        }
    }
    *html += &format!("</{element}>");
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

    /// The clock of these tests: five minutes after the article was published.
    const NOW: i64 = 1_795_161_900_000;

    fn site() -> SiteName {
        SiteName {
            name: Some(" Port Wendell Post ".into()),
            logo_url: Some("/logo.svg".into()),
            ..SiteName::default()
        }
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
        let html = preview(&site(), &Interface::english(), &a, NOW);
        assert!(html.starts_with(
            r#"<div class="early-preview" id="early-preview" aria-hidden="true" inert>"#
        ));
        assert!(html.contains(r#"<span class="site-name"><img class="logo" alt="" height="32" src="/logo.svg">Port Wendell Post</span>"#));
        assert!(html.contains(r#"<article class="article" lang="pt-BR" dir="ltr">"#));
        assert!(html.contains(r#"<header class="article-header"><p class="kicker" dir="auto">City</p><h1 dir="auto">Trams return</h1><p class="dek" dir="auto">A little late, very full.</p><p class="byline" lang="en" dir="ltr">By <span dir="auto">Ana</span>, <span dir="auto">Bo</span> and <span dir="auto">Cy</span></p>"#));
        assert!(html.contains(r#"<p class="meta" lang="en" dir="ltr"><time datetime="2026-11-20T08:00:00Z" title="20 Nov 2026, 08:00 UTC" dir="auto">5 minutes ago</time><span aria-hidden="true"> · </span>1 min read</p><div class="early-tools"></div></header>"#));
        assert!(html.contains(r#"<img width="1200" height="800" alt="A tram" fetchpriority="high" src="https://img.example/tram.jpg">"#));
        assert!(html.ends_with(
            r#"<div class="article-body"><p>First.</p><p>Second.</p></div></article></div></div>"#
        ));
    }

    /// The parity cases of the article header (`model::header`): the e2e spec checks early.js
    /// and the app against the same file.
    const HEADER_CASES: &str = include_str!("../../tests/e2e/fixtures/article-headers.json");

    /// A tag (its name, `/p` for a closing one, and attributes) or a text (no name, the text).
    type Node = (Option<String>, Vec<(String, String)>, String);

    /// The preview's own markup read back, a tag or a text at a time: `<` only ever starts a tag
    /// in it (texts and attributes are escaped), and every attribute value is double-quoted.
    fn markup(html: &str) -> Vec<Node> {
        let mut nodes = Vec::new();
        let mut rest = html;
        while !rest.is_empty() {
            if let Some(tag) = rest.strip_prefix('<') {
                let end = tag.find('>').expect("a tag ends");
                let mut words = tag[..end].splitn(2, ' ');
                let name = words.next().expect("a name").to_owned();
                let mut attributes = Vec::new();
                let mut attrs = words.next().unwrap_or_default().trim();
                while !attrs.is_empty() {
                    let (key, value, after) = match (attrs.find('='), attrs.find(' ')) {
                        (Some(eq), space) if space.is_none_or(|s| eq < s) => {
                            let quoted = &attrs[eq + 2..];
                            let close = quoted.find('"').expect("a closing quote");
                            (&attrs[..eq], &quoted[..close], &quoted[close + 1..])
                        }
                        (_, Some(space)) => (&attrs[..space], "", &attrs[space..]),
                        (_, None) => (attrs, "", ""),
                    };
                    let value = html_escape::decode_html_entities(value).into_owned();
                    attributes.push((key.to_owned(), value));
                    attrs = after.trim_start();
                }
                nodes.push((Some(name), attributes, String::new()));
                rest = &tag[end + 1..];
            } else {
                let end = rest.find('<').unwrap_or(rest.len());
                let text = html_escape::decode_html_entities(&rest[..end]).into_owned();
                nodes.push((None, Vec::new(), text));
                rest = &rest[end..];
            }
        }
        nodes
    }

    /// The header the preview draws, in the parity cases' terms: `lang`, `dir` and the parts.
    fn drawn_header(html: &str) -> serde_json::Value {
        use serde_json::{json, Value};
        let nodes = markup(html);
        let attribute = |attributes: &[(String, String)], name: &str| {
            attributes.iter().find(|(key, _)| key == name).map(|(_, value)| value.clone())
        };
        let article = nodes
            .iter()
            .find(|(name, attrs, _)| {
                name.as_deref() == Some("article") && attribute(attrs, "class").is_some()
            })
            .expect("an article");
        let start = nodes
            .iter()
            .position(|(name, attrs, _)| {
                name.as_deref() == Some("header")
                    && attribute(attrs, "class").as_deref() == Some("article-header")
            })
            .expect("the article's header");
        let mut parts: Vec<Value> = Vec::new();
        let mut nodes = nodes[start + 1..].iter();
        while let Some((Some(name), attrs, _)) = nodes.next() {
            if name == "div" {
                assert_eq!(attribute(attrs, "class").as_deref(), Some("early-tools"));
                break;
            }
            let kind = match (name.as_str(), attribute(attrs, "class").as_deref()) {
                ("h1", None) => "headline",
                ("p", Some("kicker")) => "section",
                ("p", Some("dek")) => "standfirst",
                ("p", Some("byline")) => "byline",
                ("p", Some("meta")) => "meta",
                other => panic!("an unknown part {other:?}"),
            };
            let mut part = json!({ "part": kind, "pieces": [] });
            if let Some(dir) = attribute(attrs, "dir") {
                part["dir"] = json!(dir);
            }
            let close = format!("/{name}");
            loop {
                let (tag, attrs, content) = nodes.next().expect("the part ends");
                let piece = match tag.as_deref() {
                    None => json!(content),
                    Some(tag) if *tag == close => break,
                    Some(tag) => {
                        let (_, _, inner) = nodes.next().expect("a text");
                        assert_eq!(nodes.next().and_then(|n| n.0.clone()), Some(format!("/{tag}")));
                        let dir = attribute(attrs, "dir");
                        match (tag, attribute(attrs, "aria-hidden")) {
                            ("span", Some(hidden)) if hidden == "true" => {
                                json!({ "hidden": inner })
                            }
                            ("span", None) if dir.as_deref() == Some("auto") => {
                                json!({ "name": inner })
                            }
                            ("a", None) if dir.as_deref() == Some("auto") => {
                                assert_eq!(
                                    attribute(attrs, "rel").as_deref(),
                                    Some("noopener noreferrer")
                                );
                                json!({ "name": inner, "href": attribute(attrs, "href") })
                            }
                            ("time", None) if dir.as_deref() == Some("auto") => json!({
                                "time": attribute(attrs, "datetime"),
                                "title": attribute(attrs, "title"),
                                "text": inner,
                            }),
                            other => panic!("an unknown piece {other:?}"),
                        }
                    }
                };
                part["pieces"].as_array_mut().expect("pieces").push(piece);
            }
            parts.push(part);
        }
        json!({
            "lang": attribute(&article.1, "lang"),
            "dir": attribute(&article.1, "dir"),
            "parts": parts,
        })
    }

    #[test]
    fn the_header_is_the_one_every_renderer_draws() {
        let cases: serde_json::Value = serde_json::from_str(HEADER_CASES).expect("JSON");
        let now =
            cases["now"].as_str().and_then(broadsheet_model::time::parse_rfc3339).expect("a clock");
        for case in cases["cases"].as_array().expect("cases") {
            let article: Article =
                serde_json::from_value(case["article"].clone()).expect("an article");
            let html = preview(&site(), &Interface::english(), &article, now);
            assert_eq!(drawn_header(&html), case["header"], "{}: {html}", case["name"]);
        }
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
        let site = SiteName {
            name: Some(attack.into()),
            logo_url: Some(" data:image/svg+xml,x".into()),
            ..SiteName::default()
        };
        let html = preview(&site, &Interface::english(), &a, NOW);
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
        let html = preview(&SiteName::default(), &Interface::english(), &a, NOW);
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
    fn the_site_head_is_drawn_once_however_often_it_is_drawn() {
        let built =
            "<html><head><TITLE>Broadsheet</TITLE><script>x()</script></head><body></body></html>";
        let site = SiteName { name: Some("A & B".into()), ..SiteName::default() };
        let once =
            with_site_head(built, &site, &Interface::english(), Some("https://news.example"));
        assert!(once.starts_with("<html><head><title>A &amp; B</title><script>x()</script><meta name=\"description\" content=\"The latest articles from A &amp; B\" data-server-head><link rel=\"alternate\" type=\"application/rss+xml\" title=\"A &amp; B\" href=\"https://news.example/feed.xml\" data-server-head>"), "{once}");
        assert!(once.ends_with("data-server-head></head><body></body></html>"), "{once}");
        assert_eq!(
            with_site_head(&once, &site, &Interface::english(), Some("https://news.example")),
            once
        );
        // Without an origin, no feed links (they are absolute); the description needs none.
        let without = with_site_head(built, &site, &Interface::english(), None);
        assert!(without.contains(r#"<meta name="description""#) && !without.contains("feed.xml"));
        let ld = r#"<script type="application/ld+json" data-server-head>{"a":"</b>"}</script>"#;
        let drawn = once.replace("</head>", &format!("{ld}</head>"));
        assert_eq!(without_server_head(&drawn), without_server_head(&once));
        assert!(!without_server_head(&once).contains("data-server-head"));
        assert!(without_server_head(&once).contains("<script>x()</script>"));
    }

    #[test]
    fn a_reader_without_script_is_told_in_the_sites_language() {
        let dist = tempfile::tempdir().expect("a temporary folder");
        std::fs::create_dir(dist.path().join("locales")).expect("a folder");
        let german = concat!(env!("CARGO_MANIFEST_DIR"), "/../public/locales/de.json");
        std::fs::copy(german, dist.path().join("locales/de.json")).expect("copied");
        let built = r#"<html><head><title>B</title></head><body><noscript><p lang="en" dir="ltr">Needs JS.</p></noscript></body></html>"#;
        let site = SiteName { name: Some("Post <1>".into()), ..SiteName::default() };
        let german = Interface::read(dist.path(), "de");
        let said = r#"<noscript><p lang="de" dir="ltr">Post &lt;1&gt; braucht JavaScript und WebAssembly, um Artikel anzuzeigen.</p></noscript>"#;
        let front = with_site_head(built, &site, &german, None);
        assert!(front.contains(said), "{front}");
        assert_eq!(with_site_head(&front, &site, &german, None), front);
        let pages = ArticlePages::new(built, site).expect("a body").speaking(german);
        let page = pages.page(Some(&article()), None, NOW);
        assert!(page.contains(said), "{page}");
    }

    #[test]
    fn the_site_is_named_by_its_config() {
        let config = r#"{"site":{"name":"Post","logo_url":"/l.svg","locale":"de-AT"}}"#;
        let site = SiteName::from_config(config, Some("https://news.example".into()));
        assert_eq!((site.name(), site.language()), ("Post", "de-AT"));
        assert_eq!(site.logo_url.as_deref(), Some("/l.svg"));
        for config in ["{}", "not JSON", r#"{"site":{"name":" ","locale":"<b>"}}"#] {
            let site = SiteName::from_config(config, None);
            assert_eq!((site.name(), site.language()), ("Broadsheet", "en"), "{config}");
        }
    }

    #[test]
    fn the_preview_goes_just_inside_the_body_of_the_built_page() {
        let built = "<!doctype html><html><head><title>B</title></head><BODY class=x><noscript>JS</noscript></body></html>";
        let pages = ArticlePages::new(built, SiteName::default()).expect("a page with a body");
        let page = pages.page(Some(&article()), None, NOW);
        assert!(page.starts_with("<!doctype html><html><head><title>B</title></head><BODY class=x><div class=\"early-preview\""));
        assert!(page.ends_with("</div><noscript>JS</noscript></body></html>"));
        assert_eq!(pages.page(None, Some("https://news.example"), NOW), built);
        assert!(ArticlePages::new("<html>no body</html>", SiteName::default()).is_none());
    }

    #[test]
    fn the_head_describes_the_article_for_unfurlers() {
        let built = "<html><head><meta charset=utf-8><TITLE>Broadsheet</TITLE><link rel=icon href=/i.svg></head><body></body></html>";
        let pages = ArticlePages::new(built, site()).expect("a page with a body");
        let mut hostile = article();
        hostile.title = r#"Trams "return" </title><script>alert(1)</script>"#.into();
        hostile.summary = Some("Back on <b>Monday</b> & early".into());
        let page = pages.page(Some(&hostile), Some("https://news.example"), NOW);
        let head = &page[..page.find("<body>").expect("body")];
        assert!(head.starts_with(r#"<html><head><meta charset=utf-8><title>Trams "return" &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; – Port Wendell Post</title>"#), "{head}");
        assert!(
            !head.contains("<TITLE>Broadsheet") && head.contains("<link rel=icon href=/i.svg>"),
            "{head}"
        );
        assert!(head.contains(r#"<meta name="description" content="Back on &lt;b&gt;Monday&lt;/b&gt; &amp; early" data-server-head>"#), "{head}");
        assert!(head.contains(r#"<meta property="og:title" content="Trams &quot;return&quot; &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;" data-server-head>"#), "{head}");
        assert!(
            head.contains(
                r#"<meta property="og:url" content="https://news.example/articles/tram" data-server-head>"#
            ),
            "{head}"
        );
        assert!(
            head.contains(r#"<link rel="canonical" href="https://news.example/articles/tram" data-server-head>"#),
            "{head}"
        );
        assert!(head.contains(r#"<link rel="alternate" type="application/rss+xml" title="Port Wendell Post" href="https://news.example/feed.xml" data-server-head>"#), "{head}");
        // One script element, and only the JSON-LD's own: the hostile title cannot close it.
        assert_eq!(head.to_ascii_lowercase().matches("<script").count(), 1, "{head}");
        let opening = r#"<script type="application/ld+json" data-server-head>"#;
        let start = head.find(opening).expect("JSON-LD") + opening.len();
        let json = &head[start..start + head[start..].find("</script>").expect("closed")];
        let ld: serde_json::Value = serde_json::from_str(json).expect("JSON");
        assert_eq!(ld["headline"], hostile.title.as_str());
        assert_eq!(ld["publisher"]["logo"]["url"], "https://news.example/logo.svg");
        // Without an origin there is no absolute URL to give: the built head stays.
        let page = pages.page(Some(&hostile), None, NOW);
        assert!(page.contains("<TITLE>Broadsheet</TITLE>") && !page.contains("og:title"));
    }
}
