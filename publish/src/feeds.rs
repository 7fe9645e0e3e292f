//! How readers' tools and crawlers find the site's articles without running the app:
//! `robots.txt`, `sitemap.xml` (with Google's news extension for recent articles), and feeds of
//! the recent articles in RSS 2.0 and JSON Feed 1.1. Pure functions of the articles and the
//! site's public origin; whoever serves them sets the content types and cache headers.
//!
//! Every text comes from articles and is escaped for XML (or encoded by serde_json); URLs are
//! kept only when they are http(s) with a host (`model::meta::absolute`).

use broadsheet_model::meta::absolute;
use broadsheet_model::{is_language_tag, time, Article};
use html_escape::encode_text;
use serde_json::{json, Map, Value};

/// Articles in the feeds and the sitemap, newest first.
pub const RECENT_ARTICLES: usize = 50;
/// Google News reads a news sitemap's entries for articles published within two days.
const NEWS_WINDOW_MS: i64 = 2 * 24 * 60 * 60 * 1_000;

/// The site as its public pages name it.
#[derive(Debug, Clone, Copy)]
pub struct Site<'a> {
    pub name: &'a str,
    /// Where readers reach it, without a trailing slash: `https://news.example`.
    pub origin: &'a str,
    /// The language of the site, for feeds and news entries whose article names none.
    pub language: &'a str,
    /// What the site is, in its language (`Interface::site_description`), for the RSS channel.
    pub description: &'a str,
}

impl Site<'_> {
    /// The reader's page of an article.
    pub fn article_url(&self, article: &Article) -> String {
        crate::page::article_url(self.origin, &article.id)
    }
}

/// The API is closed to crawlers; the widgets are not, so that they read the widgets'
/// `X-Robots-Tag: noindex` (a crawler kept out would still list a widget's address it saw linked).
pub fn robots_txt(site: Site<'_>) -> String {
    format!("User-agent: *\nAllow: /\nDisallow: /api/\n\nSitemap: {}/sitemap.xml\n", site.origin)
}

/// The front page and every article (newest first), with the news extension for those
/// published within the last two days (`now_ms`).
pub fn sitemap_xml(site: Site<'_>, articles: &[Article], now_ms: i64) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset \
         xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n",
    );
    xml.push_str(&format!("<url><loc>{}/</loc></url>\n", encode_text(site.origin)));
    for article in articles {
        let Some(published) = time::parse_rfc3339(&article.published_at) else { continue };
        let modified = article.updated_at.as_deref().and_then(time::parse_rfc3339);
        xml.push_str("<url><loc>");
        xml.push_str(&encode_text(&site.article_url(article)));
        xml.push_str("</loc><lastmod>");
        xml.push_str(&time::to_rfc3339(modified.unwrap_or(published).max(published)));
        xml.push_str("</lastmod>");
        let title = article.title.trim();
        if (0..=NEWS_WINDOW_MS).contains(&(now_ms - published)) && !title.is_empty() {
            xml.push_str(&format!(
                "<news:news><news:publication><news:name>{}</news:name>\
                 <news:language>{}</news:language></news:publication>\
                 <news:publication_date>{}</news:publication_date>\
                 <news:title>{}</news:title></news:news>",
                encode_text(site.name.trim()),
                encode_text(&news_language(article, site)),
                time::to_rfc3339(published),
                encode_text(title),
            ));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// The article's language as Google News wants it: its primary subtag (`en` of `en-GB`),
/// except for Chinese, whose script matters (`zh-cn`, `zh-tw`).
fn news_language(article: &Article, site: Site<'_>) -> String {
    let tag = article
        .language
        .as_deref()
        .map(str::trim)
        .filter(|tag| is_language_tag(tag))
        .unwrap_or(site.language)
        .to_ascii_lowercase();
    match tag.as_str() {
        "zh-hant" | "zh-tw" | "zh-hk" => "zh-tw".to_owned(),
        t if t.starts_with("zh") => "zh-cn".to_owned(),
        t => t.split('-').next().unwrap_or("en").to_owned(),
    }
}

/// RSS 2.0 of the recent articles (newest first).
pub fn rss_xml(site: Site<'_>, articles: &[Article]) -> String {
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" \
         xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n<title>{name}</title>\n\
         <link>{origin}/</link>\n<description>{description}</description>\n\
         <language>{language}</language>\n\
         <atom:link href=\"{origin}/feed.xml\" rel=\"self\" type=\"application/rss+xml\"/>\n",
        name = encode_text(site.name.trim()),
        origin = encode_text(site.origin),
        description = encode_text(site.description),
        language = encode_text(site.language),
    );
    for article in articles {
        let Some(published) = time::parse_rfc3339(&article.published_at) else { continue };
        let url = site.article_url(article);
        xml.push_str("<item>");
        xml.push_str(&format!("<title>{}</title>", encode_text(article.title.trim())));
        xml.push_str(&format!("<link>{}</link>", encode_text(&url)));
        xml.push_str(&format!("<guid isPermaLink=\"true\">{}</guid>", encode_text(&url)));
        xml.push_str(&format!("<pubDate>{}</pubDate>", time::to_rfc2822(published)));
        if let Some(summary) = text(article.summary.as_deref()) {
            xml.push_str(&format!("<description>{}</description>", encode_text(summary)));
        }
        if let Some(section) = text(article.section.as_deref()) {
            xml.push_str(&format!("<category>{}</category>", encode_text(section)));
        }
        xml.push_str("</item>\n");
    }
    xml.push_str("</channel>\n</rss>\n");
    xml
}

/// JSON Feed 1.1 of the recent articles (newest first).
pub fn json_feed(site: Site<'_>, articles: &[Article]) -> String {
    let items: Vec<Value> = articles
        .iter()
        .filter(|article| time::parse_rfc3339(&article.published_at).is_some())
        .map(|article| {
            let url = site.article_url(article);
            let mut item = Map::new();
            item.insert("id".into(), json!(url));
            item.insert("url".into(), json!(url));
            if let Some(external) = article.url.as_deref().and_then(|u| absolute(u, &url)) {
                if external != url {
                    item.insert("external_url".into(), json!(external));
                }
            }
            item.insert("title".into(), json!(article.title.trim()));
            // A feed item needs content: the summary, or else the title.
            let summary = text(article.summary.as_deref()).unwrap_or(article.title.trim());
            item.insert("content_text".into(), json!(summary));
            if let Some(summary) = text(article.summary.as_deref()) {
                item.insert("summary".into(), json!(summary));
            }
            if let Some(image) = article.image.as_ref().and_then(|i| absolute(&i.url, &url)) {
                item.insert("image".into(), json!(image));
            }
            item.insert("date_published".into(), json!(article.published_at.trim()));
            if let Some(updated) = article.updated_at.as_deref().map(str::trim) {
                if time::parse_rfc3339(updated).is_some() {
                    item.insert("date_modified".into(), json!(updated));
                }
            }
            let authors: Vec<Value> = article
                .authors
                .iter()
                .filter_map(|author| {
                    let name = text(Some(&author.name))?;
                    Some(match author.url.as_deref().and_then(|u| absolute(u, &url)) {
                        Some(link) => json!({"name": name, "url": link}),
                        None => json!({"name": name}),
                    })
                })
                .collect();
            if !authors.is_empty() {
                item.insert("authors".into(), Value::Array(authors));
            }
            let tags: Vec<&str> = article.tags.iter().filter_map(|t| text(Some(t))).collect();
            if !tags.is_empty() {
                item.insert("tags".into(), json!(tags));
            }
            if let Some(language) =
                article.language.as_deref().map(str::trim).filter(|l| is_language_tag(l))
            {
                item.insert("language".into(), json!(language));
            }
            Value::Object(item)
        })
        .collect();
    json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": site.name.trim(),
        "home_page_url": format!("{}/", site.origin),
        "feed_url": format!("{}/feed.json", site.origin),
        "language": site.language,
        "items": items,
    })
    .to_string()
}

fn text(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|text| !text.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use broadsheet_model::{Image, Person};

    const SITE: Site<'static> = Site {
        name: "The Harbour Herald",
        origin: "https://news.example",
        language: "en",
        description: "The latest articles from The Harbour Herald",
    };

    fn article(id: &str, published_at: &str) -> Article {
        serde_json::from_value(json!({
            "id": id,
            "title": format!("Story {id}"),
            "published_at": published_at,
            "body": []
        }))
        .expect("an article")
    }

    fn now() -> i64 {
        time::parse_rfc3339("2026-12-04T12:00:00Z").expect("valid")
    }

    #[test]
    fn robots_allow_the_reader_and_name_the_sitemap() {
        let robots = robots_txt(SITE);
        assert!(robots.contains("Sitemap: https://news.example/sitemap.xml\n"), "{robots}");
        assert!(robots.contains("Disallow: /api/\n"), "{robots}");
        assert!(!robots.contains("/embed/"), "widgets say noindex themselves: {robots}");
    }

    #[test]
    fn the_sitemap_lists_every_article_and_marks_recent_news() {
        let recent = article("ferry fares/2", "2026-12-04T08:00:00Z");
        let mut old = article("old", "2026-11-01T08:00:00+01:00");
        old.updated_at = Some("2026-11-02T10:00:00Z".into());
        let undated = article("undated", "yesterday");
        let xml = sitemap_xml(SITE, &[recent, old, undated], now());
        assert!(xml.contains("<loc>https://news.example/</loc>"), "{xml}");
        assert!(
            xml.contains("<loc>https://news.example/articles/ferry%20fares%2F2</loc>"),
            "{xml}"
        );
        assert!(xml.contains("<loc>https://news.example/articles/old</loc><lastmod>2026-11-02T10:00:00.000Z</lastmod></url>"), "{xml}");
        assert!(!xml.contains("undated"), "{xml}");
        assert_eq!(xml.matches("<news:news>").count(), 1, "{xml}");
        assert!(xml.contains("<news:title>Story ferry fares/2</news:title>"), "{xml}");
        assert!(xml.contains("<news:language>en</news:language>"), "{xml}");
    }

    #[test]
    fn news_languages_are_what_google_news_reads() {
        for (tag, expected) in [
            (Some("en-GB"), "en"),
            (Some("zh-Hant"), "zh-tw"),
            (Some("zh"), "zh-cn"),
            (Some("<b>"), "en"),
            (None, "en"),
        ] {
            let mut a = article("a", "2026-12-04T08:00:00Z");
            a.language = tag.map(str::to_owned);
            assert_eq!(news_language(&a, SITE), expected, "{tag:?}");
        }
    }

    #[test]
    fn hostile_text_stays_text_in_every_document() {
        let mut hostile = article("x", "2026-12-04T08:00:00Z");
        hostile.title = "</title><script>alert(1)</script> & <![CDATA[".into();
        hostile.summary = Some("]]><evil/>".into());
        hostile.section = Some("<section>".into());
        let site = Site { name: "A & <B>", ..SITE };
        for xml in [sitemap_xml(site, &[hostile.clone()], now()), rss_xml(site, &[hostile.clone()])]
        {
            assert!(!xml.contains("<script>") && !xml.contains("<evil/>"), "{xml}");
            assert!(!xml.contains("<![CDATA[") && !xml.contains("<section>"), "{xml}");
            assert!(xml.contains("&lt;/title&gt;&lt;script&gt;"), "{xml}");
        }
        let feed: Value = serde_json::from_str(&json_feed(site, &[hostile])).expect("JSON");
        assert_eq!(feed["items"][0]["title"], "</title><script>alert(1)</script> & <![CDATA[");
    }

    #[test]
    fn the_rss_feed_has_what_readers_need() {
        let mut a = article("ferry", "2026-12-04T08:00:00+01:00");
        a.summary = Some(" Fares capped. ".into());
        a.section = Some("City".into());
        let xml = rss_xml(SITE, &[a]);
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\""));
        assert!(
            xml.contains("<atom:link href=\"https://news.example/feed.xml\" rel=\"self\""),
            "{xml}"
        );
        assert!(
            xml.contains(
                "<title>Story ferry</title><link>https://news.example/articles/ferry</link>"
            ),
            "{xml}"
        );
        assert!(xml.contains("<pubDate>Fri, 04 Dec 2026 07:00:00 +0000</pubDate>"), "{xml}");
        assert!(
            xml.contains("<description>Fares capped.</description><category>City</category>"),
            "{xml}"
        );
    }

    #[test]
    fn the_json_feed_is_version_1_1_with_absolute_urls_only() {
        let mut a = article("ferry", "2026-12-04T08:00:00Z");
        a.url = Some("https://elsewhere.example/ferry".into());
        a.image = Some(Image {
            url: "/images/ferry.jpg".into(),
            alt: None,
            width: None,
            height: None,
            caption: None,
            credit: None,
        });
        a.authors = vec![
            Person { name: "Ada".into(), url: Some("javascript:x".into()), avatar_url: None },
            Person { name: " ".into(), url: None, avatar_url: None },
        ];
        a.tags = vec!["transport".into(), "".into()];
        a.language = Some("en-GB".into());
        let feed: Value = serde_json::from_str(&json_feed(SITE, &[a])).expect("JSON");
        assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
        assert_eq!(feed["feed_url"], "https://news.example/feed.json");
        let item = &feed["items"][0];
        assert_eq!(item["id"], "https://news.example/articles/ferry");
        assert_eq!(item["external_url"], "https://elsewhere.example/ferry");
        assert_eq!(item["image"], "https://news.example/images/ferry.jpg");
        assert_eq!(item["content_text"], "Story ferry");
        assert_eq!(item["authors"], json!([{"name": "Ada"}]));
        assert_eq!(item["tags"], json!(["transport"]));
        assert_eq!(item["language"], "en-GB");
    }
}
