//! What a page about an article tells link unfurlers and search engines, described once: its
//! document title, description, canonical link, Open Graph and Twitter card tags, and a schema.org
//! `NewsArticle` in JSON-LD. The reference backend draws it into the article pages it sends; the
//! app keeps the document's head the same after in-app navigation.
//!
//! Every value comes from the article, so every value is untrusted: texts are trimmed and blank
//! ones left out, URLs are kept only when they are http(s) (a relative one is resolved against
//! the page's own URL, since unfurlers need absolute URLs), times only when they parse. Nothing
//! here escapes for HTML: renderers put [`Tag::content`] in attributes through their own
//! escaping. [`ArticleMeta::json_ld`] is the exception, made safe to sit inside a `<script>`
//! element as it is.

use serde_json::{json, Map, Value};

use crate::article::{is_language_tag, Article, Block};
use crate::safety::safe_url;
use crate::time;

/// The longest description, in characters: about what search results and unfurlers show.
pub const DESCRIPTION_MAX_CHARS: usize = 200;

/// What the page knows about the site it belongs to.
#[derive(Debug, Clone, Copy)]
pub struct Site<'a> {
    /// The site's name (`og:site_name`, the publisher, the end of the document title).
    pub name: &'a str,
    /// The site's logo, as configured (the publisher's logo in JSON-LD).
    pub logo_url: Option<&'a str>,
    /// The page's own absolute URL: `og:url` when the article names no canonical URL, and the
    /// base relative URLs are resolved against.
    pub page_url: &'a str,
}

/// Whether a tag is read by its `name` (Twitter, description) or its `property` (Open Graph).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attribute {
    Name,
    Property,
}

impl Attribute {
    pub fn as_str(self) -> &'static str {
        match self {
            Attribute::Name => "name",
            Attribute::Property => "property",
        }
    }
}

/// One `<meta>` tag: `<meta {attribute}="{key}" content="{content}">`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub attribute: Attribute,
    pub key: &'static str,
    pub content: String,
}

/// The head of an article's page: see the module documentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleMeta {
    /// The document title: "Headline – Site".
    pub title: String,
    /// The `link rel=canonical`: the article's own URL when it has a usable one, else the page's.
    pub canonical: String,
    /// The `<meta>` tags, `description` first, in a fixed order.
    pub tags: Vec<Tag>,
    /// A schema.org `NewsArticle`, for `<script type="application/ld+json">`: `<`, `>` and `&`
    /// are written as JSON escapes, so no text in it can close the script element.
    pub json_ld: String,
}

/// The document title of an article's page.
pub fn document_title(headline: &str, site_name: &str) -> String {
    match (headline.trim(), site_name.trim()) {
        ("", site) => site.to_owned(),
        (headline, "") => headline.to_owned(),
        (headline, site) => format!("{headline} – {site}"),
    }
}

impl ArticleMeta {
    pub fn of(article: &Article, site: Site<'_>) -> ArticleMeta {
        let headline = article.title.trim();
        let site_name = site.name.trim();
        let page_url = absolute(site.page_url, site.page_url).unwrap_or_default();
        let canonical = article
            .url
            .as_deref()
            .and_then(|url| absolute(url, &page_url))
            .unwrap_or_else(|| page_url.clone());
        let description = description(article);
        let image = article.image.as_ref().and_then(|image| {
            let url = absolute(&image.url, &page_url)?;
            Some((url, image))
        });
        let published = valid_time(&article.published_at);
        let modified = article.updated_at.as_deref().and_then(valid_time);
        let section = text(article.section.as_deref());
        let language = article.language.as_deref().map(str::trim).filter(|l| is_language_tag(l));
        let authors: Vec<(&str, Option<String>)> = article
            .authors
            .iter()
            .filter_map(|author| {
                let name = text(Some(&author.name))?;
                Some((name, author.url.as_deref().and_then(|url| absolute(url, &page_url))))
            })
            .collect();
        let tags_of_article: Vec<&str> =
            article.tags.iter().filter_map(|tag| text(Some(tag))).collect();

        let mut tags = Vec::new();
        let mut add = |attribute, key, content: &str| {
            tags.push(Tag { attribute, key, content: content.to_owned() })
        };
        use Attribute::{Name, Property};
        if let Some(description) = &description {
            add(Name, "description", description);
        }
        add(Property, "og:type", "article");
        if !headline.is_empty() {
            add(Property, "og:title", headline);
        }
        if let Some(description) = &description {
            add(Property, "og:description", description);
        }
        add(Property, "og:url", &canonical);
        if !site_name.is_empty() {
            add(Property, "og:site_name", site_name);
        }
        if let Some(language) = language {
            // Open Graph writes locales as `ll_CC`.
            add(Property, "og:locale", &language.replace('-', "_"));
        }
        if let Some((url, image)) = &image {
            add(Property, "og:image", url);
            if let Some(width) = image.width.filter(|w| *w > 0) {
                add(Property, "og:image:width", &width.to_string());
            }
            if let Some(height) = image.height.filter(|h| *h > 0) {
                add(Property, "og:image:height", &height.to_string());
            }
            if let Some(alt) = text(image.alt.as_deref()) {
                add(Property, "og:image:alt", alt);
            }
        }
        if let Some(published) = published {
            add(Property, "article:published_time", published);
        }
        if let Some(modified) = modified {
            add(Property, "article:modified_time", modified);
        }
        if let Some(section) = section {
            add(Property, "article:section", section);
        }
        for tag in &tags_of_article {
            add(Property, "article:tag", tag);
        }
        for (name, _) in &authors {
            add(Property, "article:author", name);
        }
        add(Name, "twitter:card", if image.is_some() { "summary_large_image" } else { "summary" });
        if !headline.is_empty() {
            add(Name, "twitter:title", headline);
        }
        if let Some(description) = &description {
            add(Name, "twitter:description", description);
        }
        if let Some((url, image)) = &image {
            add(Name, "twitter:image", url);
            if let Some(alt) = text(image.alt.as_deref()) {
                add(Name, "twitter:image:alt", alt);
            }
        }

        // schema.org NewsArticle: Google's required and recommended properties, each only when
        // the article has it.
        let mut ld = Map::new();
        ld.insert("@context".into(), json!("https://schema.org"));
        ld.insert("@type".into(), json!("NewsArticle"));
        ld.insert("mainEntityOfPage".into(), json!({"@type": "WebPage", "@id": canonical}));
        ld.insert("url".into(), json!(canonical));
        if !headline.is_empty() {
            ld.insert("headline".into(), json!(headline));
        }
        if let Some(description) = &description {
            ld.insert("description".into(), json!(description));
        }
        if let Some((url, image)) = &image {
            let mut object = Map::new();
            object.insert("@type".into(), json!("ImageObject"));
            object.insert("url".into(), json!(url));
            if let Some(width) = image.width.filter(|w| *w > 0) {
                object.insert("width".into(), json!(width));
            }
            if let Some(height) = image.height.filter(|h| *h > 0) {
                object.insert("height".into(), json!(height));
            }
            ld.insert("image".into(), json!([object]));
        }
        if let Some(published) = published {
            ld.insert("datePublished".into(), json!(published));
        }
        if let Some(modified) = modified.or(published) {
            ld.insert("dateModified".into(), json!(modified));
        }
        if !authors.is_empty() {
            let people: Vec<Value> = authors
                .iter()
                .map(|(name, url)| match url {
                    Some(url) => json!({"@type": "Person", "name": name, "url": url}),
                    None => json!({"@type": "Person", "name": name}),
                })
                .collect();
            ld.insert("author".into(), Value::Array(people));
        }
        if !site_name.is_empty() {
            let mut publisher = Map::new();
            publisher.insert("@type".into(), json!("Organization"));
            publisher.insert("name".into(), json!(site_name));
            if let Some(logo) = site.logo_url.and_then(|url| absolute(url, &page_url)) {
                publisher.insert("logo".into(), json!({"@type": "ImageObject", "url": logo}));
            }
            ld.insert("publisher".into(), Value::Object(publisher));
        }
        if let Some(section) = section {
            ld.insert("articleSection".into(), json!(section));
        }
        if !tags_of_article.is_empty() {
            ld.insert("keywords".into(), json!(tags_of_article));
        }
        if let Some(language) = language {
            ld.insert("inLanguage".into(), json!(language));
        }

        ArticleMeta {
            title: document_title(headline, site_name),
            canonical,
            tags,
            json_ld: script_safe(&Value::Object(ld).to_string()),
        }
    }
}

/// A trimmed text, or `None` when blank.
fn text(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|text| !text.is_empty())
}

/// The timestamp as the article gives it (trimmed), when it parses as RFC 3339.
fn valid_time(value: &str) -> Option<&str> {
    let value = value.trim();
    time::parse_rfc3339(value).map(|_| value)
}

/// The summary, or else the start of the first paragraph; at most [`DESCRIPTION_MAX_CHARS`],
/// cut at a word, on one line.
fn description(article: &Article) -> Option<String> {
    let source = text(article.summary.as_deref()).or_else(|| {
        article.body.iter().find_map(|block| match block {
            Block::Paragraph { text: paragraph } => text(Some(paragraph)),
            _ => None,
        })
    })?;
    let one_line: String = source.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= DESCRIPTION_MAX_CHARS {
        return Some(one_line);
    }
    let cut: String = one_line.chars().take(DESCRIPTION_MAX_CHARS - 1).collect();
    // At the last space, unless the text has none (a script written without spaces).
    let at_word = match cut.rfind(' ') {
        Some(space) if space > cut.len() / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    Some(format!("{}…", at_word.trim_end()))
}

/// `url` as an absolute http(s) URL: itself when it is one; resolved against `base` (an
/// absolute http(s) URL) when it is relative to the site's root (`/images/a.jpg`) or to the
/// scheme (`//cdn.example/a.jpg`); otherwise `None` (unfurlers cannot use it).
pub fn absolute(url: &str, base: &str) -> Option<String> {
    let url = safe_url(url, false)?;
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        return has_host(url).then(|| url.to_owned());
    }
    let base = base.trim();
    let (scheme, rest) = base.split_once("://")?;
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let host = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    if host.is_empty() {
        return None;
    }
    if let Some(path) = url.strip_prefix("//") {
        let absolute = format!("{scheme}://{path}");
        has_host(&absolute).then_some(absolute)
    } else if url.starts_with('/') && !url.starts_with("/\\") {
        Some(format!("{scheme}://{host}{url}"))
    } else {
        None
    }
}

/// Whether an absolute URL names a host (`https:///x` and `https://?` do not).
fn has_host(url: &str) -> bool {
    url.split_once("://")
        .is_some_and(|(_, rest)| !rest.is_empty() && !rest.starts_with(['/', '?', '#', '\\']))
}

/// JSON that can sit inside a `<script>` element: `<`, `>` and `&` become JSON escapes, so no
/// string in it can write `</script>` or `<!--`; U+2028 and U+2029 too, for old parsers.
fn script_safe(json: &str) -> String {
    let mut safe = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => safe.push_str("\\u003c"),
            '>' => safe.push_str("\\u003e"),
            '&' => safe.push_str("\\u0026"),
            '\u{2028}' => safe.push_str("\\u2028"),
            '\u{2029}' => safe.push_str("\\u2029"),
            c => safe.push(c),
        }
    }
    safe
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Image, Person, Source};

    const PAGE: &str = "https://news.example/articles/ferry-fares";

    fn site() -> Site<'static> {
        Site { name: "The Harbour Herald", logo_url: Some("/logo.svg"), page_url: PAGE }
    }

    fn bare() -> Article {
        Article {
            id: "ferry-fares".into(),
            title: "Ferry fares capped for the winter".into(),
            url: None,
            summary: None,
            source: None,
            authors: vec![],
            published_at: "2026-11-30T08:00:00Z".into(),
            updated_at: None,
            image: None,
            section: None,
            tags: vec![],
            language: None,
            comments: None,
            body: vec![],
        }
    }

    fn full() -> Article {
        Article {
            url: Some("https://news.example/2026/ferry-fares".into()),
            summary: Some("  The council caps the\nfare at two euros.  ".into()),
            source: Some(Source { name: "Herald".into(), url: None, logo_url: None }),
            authors: vec![
                Person {
                    name: "Ada Quay".into(),
                    url: Some("/people/ada".into()),
                    avatar_url: None,
                },
                Person { name: "  ".into(), url: None, avatar_url: None },
                Person {
                    name: "Ben Pier".into(),
                    url: Some("javascript:x".into()),
                    avatar_url: None,
                },
            ],
            updated_at: Some("2026-11-30T09:15:00+01:00".into()),
            image: Some(Image {
                url: "/images/ferry.jpg".into(),
                alt: Some("A ferry at the quay".into()),
                width: Some(1200),
                height: Some(630),
                caption: None,
                credit: None,
            }),
            section: Some("City".into()),
            tags: vec!["transport".into(), " ".into(), "winter".into()],
            language: Some("en-GB".into()),
            ..bare()
        }
    }

    fn content<'a>(meta: &'a ArticleMeta, key: &str) -> Vec<&'a str> {
        meta.tags.iter().filter(|t| t.key == key).map(|t| t.content.as_str()).collect()
    }

    fn ld(meta: &ArticleMeta) -> Value {
        serde_json::from_str(&meta.json_ld).expect("JSON-LD is JSON")
    }

    #[test]
    fn an_article_with_every_field_describes_itself_fully() {
        let meta = ArticleMeta::of(&full(), site());
        assert_eq!(meta.title, "Ferry fares capped for the winter – The Harbour Herald");
        assert_eq!(meta.canonical, "https://news.example/2026/ferry-fares");
        let description = "The council caps the fare at two euros.";
        assert_eq!(content(&meta, "description"), [description]);
        assert_eq!(content(&meta, "og:description"), [description]);
        assert_eq!(content(&meta, "og:type"), ["article"]);
        assert_eq!(content(&meta, "og:url"), ["https://news.example/2026/ferry-fares"]);
        assert_eq!(content(&meta, "og:site_name"), ["The Harbour Herald"]);
        assert_eq!(content(&meta, "og:locale"), ["en_GB"]);
        assert_eq!(content(&meta, "og:image"), ["https://news.example/images/ferry.jpg"]);
        assert_eq!(content(&meta, "og:image:width"), ["1200"]);
        assert_eq!(content(&meta, "og:image:height"), ["630"]);
        assert_eq!(content(&meta, "og:image:alt"), ["A ferry at the quay"]);
        assert_eq!(content(&meta, "article:published_time"), ["2026-11-30T08:00:00Z"]);
        assert_eq!(content(&meta, "article:modified_time"), ["2026-11-30T09:15:00+01:00"]);
        assert_eq!(content(&meta, "article:section"), ["City"]);
        assert_eq!(content(&meta, "article:tag"), ["transport", "winter"]);
        assert_eq!(content(&meta, "article:author"), ["Ada Quay", "Ben Pier"]);
        assert_eq!(content(&meta, "twitter:card"), ["summary_large_image"]);
        assert_eq!(content(&meta, "twitter:image"), ["https://news.example/images/ferry.jpg"]);
        let ld = ld(&meta);
        assert_eq!(ld["@context"], "https://schema.org");
        assert_eq!(ld["@type"], "NewsArticle");
        assert_eq!(ld["headline"], "Ferry fares capped for the winter");
        assert_eq!(ld["mainEntityOfPage"]["@id"], "https://news.example/2026/ferry-fares");
        assert_eq!(ld["image"][0]["url"], "https://news.example/images/ferry.jpg");
        assert_eq!(ld["image"][0]["width"], 1200);
        assert_eq!(ld["datePublished"], "2026-11-30T08:00:00Z");
        assert_eq!(ld["dateModified"], "2026-11-30T09:15:00+01:00");
        assert_eq!(ld["author"][0]["name"], "Ada Quay");
        assert_eq!(ld["author"][0]["url"], "https://news.example/people/ada");
        // An author whose link is not http(s) keeps the name, not the link.
        assert_eq!(ld["author"][1], json!({"@type": "Person", "name": "Ben Pier"}));
        assert_eq!(ld["publisher"]["name"], "The Harbour Herald");
        assert_eq!(ld["publisher"]["logo"]["url"], "https://news.example/logo.svg");
        assert_eq!(ld["inLanguage"], "en-GB");
        assert_eq!(ld["keywords"], json!(["transport", "winter"]));
    }

    /// Google's NewsArticle needs a headline, an image, the dates and the authors for its rich
    /// results; schema.org's own rule is only that each value has the right type. These hold for
    /// every article, however little it has.
    #[test]
    fn a_bare_article_leaves_out_what_it_does_not_have() {
        let meta = ArticleMeta::of(&bare(), site());
        assert_eq!(meta.canonical, PAGE);
        assert!(content(&meta, "description").is_empty());
        assert!(content(&meta, "og:image").is_empty());
        assert!(content(&meta, "article:section").is_empty());
        assert_eq!(content(&meta, "twitter:card"), ["summary"]);
        let ld = ld(&meta);
        assert_eq!(ld["dateModified"], ld["datePublished"]);
        for absent in ["image", "author", "description", "inLanguage", "keywords"] {
            assert!(ld.get(absent).is_none(), "{absent}");
        }
        // Without a summary, the first paragraph says what the article is about.
        let mut article = bare();
        article.body = vec![
            Block::Heading { level: 2, text: "Not this".into() },
            Block::Paragraph { text: "  ".into() },
            Block::Paragraph { text: "The first words.".into() },
        ];
        assert_eq!(description(&article).as_deref(), Some("The first words."));
    }

    #[test]
    fn long_descriptions_are_cut_at_a_word() {
        let mut article = bare();
        article.summary = Some("word ".repeat(100));
        let cut = description(&article).expect("a description");
        assert!(cut.chars().count() <= DESCRIPTION_MAX_CHARS, "{cut}");
        assert!(cut.ends_with("word…"), "{cut}");
        // A script without spaces is cut at the limit.
        article.summary = Some("渡".repeat(400));
        let cut = description(&article).expect("a description");
        assert_eq!(cut.chars().count(), DESCRIPTION_MAX_CHARS);
    }

    #[test]
    fn hostile_text_cannot_leave_the_script_element() {
        let mut article = full();
        article.title = "</script><script>alert(1)</script><!--".into();
        article.summary = Some("a & b \"quoted\"".into());
        article.section = Some("line\u{2028}separator".into());
        article.tags = vec!["</SCRIPT >".into()];
        let meta = ArticleMeta::of(&article, site());
        let lower = meta.json_ld.to_ascii_lowercase();
        assert!(!lower.contains("</script") && !lower.contains("<!--"), "{}", meta.json_ld);
        assert!(!meta.json_ld.contains(['<', '>', '&', '\u{2028}']), "{}", meta.json_ld);
        // Still the same text once parsed.
        let ld = ld(&meta);
        assert_eq!(ld["headline"], "</script><script>alert(1)</script><!--");
        assert_eq!(ld["description"], "a & b \"quoted\"");
        assert_eq!(ld["articleSection"], "line\u{2028}separator");
        // The tags carry the text as it is: renderers escape attributes.
        assert_eq!(content(&meta, "og:title"), ["</script><script>alert(1)</script><!--"]);
    }

    #[test]
    fn only_http_urls_with_a_host_are_kept() {
        for (url, expected) in [
            ("https://cdn.example/a.jpg", Some("https://cdn.example/a.jpg")),
            (" HTTP://cdn.example/a.jpg ", Some("HTTP://cdn.example/a.jpg")),
            ("/images/a.jpg", Some("https://news.example/images/a.jpg")),
            ("//cdn.example/a.jpg", Some("https://cdn.example/a.jpg")),
            ("images/a.jpg", None),
            ("javascript:alert(1)", None),
            ("data:image/png;base64,AAAA", None),
            ("https:///a.jpg", None),
            ("/\\evil.example/a.jpg", None),
            ("///evil.example", None),
            ("", None),
        ] {
            assert_eq!(absolute(url, PAGE).as_deref(), expected, "{url:?}");
        }
        // Nothing relative resolves against a base that is not an http(s) URL.
        assert_eq!(absolute("/a.jpg", "file:///x"), None);
        assert_eq!(absolute("/a.jpg", "/articles/x"), None);
    }

    #[test]
    fn a_hostile_canonical_or_image_falls_back_or_goes() {
        let mut article = full();
        article.url = Some("javascript:alert(1)".into());
        if let Some(image) = &mut article.image {
            image.url = "data:image/svg+xml,<svg/>".into();
        }
        let meta = ArticleMeta::of(&article, site());
        assert_eq!(meta.canonical, PAGE);
        assert!(content(&meta, "og:image").is_empty());
        assert!(ld(&meta).get("image").is_none());
    }

    #[test]
    fn right_to_left_and_non_latin_titles_are_kept_as_they_are() {
        let mut article = bare();
        article.title = "  تخفيض أسعار العبّارات  ".into();
        article.language = Some("ar".into());
        let meta = ArticleMeta::of(&article, site());
        assert_eq!(meta.title, "تخفيض أسعار العبّارات – The Harbour Herald");
        assert_eq!(content(&meta, "og:title"), ["تخفيض أسعار العبّارات"]);
        assert_eq!(content(&meta, "og:locale"), ["ar"]);
        assert_eq!(ld(&meta)["inLanguage"], "ar");
        // A language that is not a tag says nothing.
        article.language = Some("<b>".into());
        assert!(content(&ArticleMeta::of(&article, site()), "og:locale").is_empty());
    }

    #[test]
    fn the_document_title_names_the_article_then_the_site() {
        assert_eq!(document_title(" A ", " B "), "A – B");
        assert_eq!(document_title("", "B"), "B");
        assert_eq!(document_title("A", ""), "A");
    }
}
