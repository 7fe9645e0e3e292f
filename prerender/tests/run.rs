//! A run over answers given here instead of a backend: what it reads through each kind's
//! adapter, what it writes into the build, and that a backend it cannot read changes nothing.

use std::collections::HashMap;
use std::path::Path;

use broadsheet::api::newest::{newest_articles, Answer};
use broadsheet::api::ApiError;
use broadsheet::config::Config;
use broadsheet::sanitize::parsed::html_to_text;
use broadsheet_prerender::{run, site_url, Options};
use serde_json::{json, Value};

const SHELL: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Broadsheet</title></head><body><div id=\"app\"></div></body></html>";
/// A day after the articles were published: they are recent news.
const NOW: i64 = 1_796_198_400_000;

/// Answers by address; anything else is a 404.
fn backend(answers: HashMap<String, String>) -> impl FnMut(&str) -> Result<Answer, ApiError> {
    move |url: &str| match answers.get(url) {
        Some(text) => Ok(Answer { text: text.clone(), headers: Vec::new() }),
        None => Err(ApiError::NotFound),
    }
}

fn article(id: &str, title: &str) -> Value {
    json!({
        "id": id, "title": title, "summary": format!("About {title}."),
        "published_at": "2026-12-01T08:00:00Z",
        "body": [{ "type": "paragraph", "text": format!("{title} opens.") }]
    })
}

/// A native backend at the site's own /api/v1 with two pages of three articles, one of which
/// cannot be read and one of which has an id that cannot be a file.
fn native_answers() -> HashMap<String, String> {
    let api = "https://news.example/api/v1";
    let mut answers = HashMap::new();
    let summary =
        |id: &str| json!({ "id": id, "title": id, "published_at": "2026-12-01T08:00:00Z" });
    answers.insert(
        format!("{api}/articles?limit=10"),
        json!({ "items": [summary("tram"), summary("gone")], "next_cursor": "p2" }).to_string(),
    );
    answers.insert(
        format!("{api}/articles?limit=10&cursor=p2"),
        json!({ "items": [summary("tram"), summary("../up")], "next_cursor": null }).to_string(),
    );
    answers.insert(
        format!("{api}/articles/tram"),
        article("tram", "Trams </title> return").to_string(),
    );
    answers.insert(format!("{api}/articles/..%2Fup"), article("../up", "Up").to_string());
    answers
}

fn build(config: Value) -> tempfile::TempDir {
    let dist = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dist.path().join("index.html"), SHELL).expect("written");
    std::fs::write(dist.path().join("config.json"), config.to_string()).expect("written");
    dist
}

fn read(dist: &Path, name: &str) -> String {
    std::fs::read_to_string(dist.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn options(dist: &Path, articles: usize) -> Options {
    Options {
        dist: dist.to_owned(),
        site_url: "https://news.example/".into(),
        articles,
        now_ms: NOW,
    }
}

#[test]
fn a_native_site_gets_its_article_pages_sitemap_feeds_and_robots() {
    let dist = build(
        json!({ "site": { "name": "Port Post", "locale": "de" }, "backend": { "kind": "native", "base_url": "/api/v1" } }),
    );
    let report = run(&options(dist.path(), 10), &mut backend(native_answers())).expect("a run");
    assert_eq!(report.pages, ["articles/tram.html"]);
    let skipped: Vec<&str> = report.skipped.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(skipped, ["gone", "../up"], "{:?}", report.skipped);

    let page = read(dist.path(), "articles/tram.html");
    assert!(page.contains("<title>Trams &lt;/title&gt; return – Port Post</title>"), "{page}");
    assert!(page.contains(
        r#"<link rel="canonical" href="https://news.example/articles/tram" data-server-head>"#
    ));
    assert!(page.contains(
        r#"<meta name="description" content="About Trams &lt;/title&gt; return." data-server-head>"#
    ));
    assert!(
        page.contains(r#"<div class="early-preview" id="early-preview""#),
        "the preview: {page}"
    );
    assert!(page.contains("<p>Trams &lt;/title&gt; return opens.</p>"), "{page}");

    let sitemap = read(dist.path(), "sitemap.xml");
    assert!(sitemap.contains("<loc>https://news.example/articles/tram</loc>"), "{sitemap}");
    assert!(
        sitemap.contains("<news:language>de</news:language>"),
        "the site's language: {sitemap}"
    );
    let feed: Value = serde_json::from_str(&read(dist.path(), "feed.json")).expect("JSON");
    assert_eq!(feed["items"].as_array().map(Vec::len), Some(1));
    assert!(
        read(dist.path(), "feed.xml").contains("<link>https://news.example/articles/tram</link>")
    );
    assert!(read(dist.path(), "robots.txt").contains("Sitemap: https://news.example/sitemap.xml"));
    let index = read(dist.path(), "index.html");
    assert!(index.contains(r#"<title>Port Post</title><meta name="description" content="The latest articles from Port Post" data-server-head><link rel="alternate" type="application/rss+xml" title="Port Post" href="https://news.example/feed.xml" data-server-head><link rel="alternate" type="application/feed+json" title="Port Post" href="https://news.example/feed.json" data-server-head></head>"#), "{index}");

    // Run again: index.html carries its links once, and pages of articles gone are removed.
    let mut answers = native_answers();
    answers.insert(
        "https://news.example/api/v1/articles?limit=10".into(),
        json!({ "items": [], "next_cursor": null }).to_string(),
    );
    let report = run(&options(dist.path(), 10), &mut backend(answers)).expect("a run");
    assert_eq!(report.removed, ["articles/tram.html"]);
    assert_eq!(read(dist.path(), "index.html"), index);
    assert!(!dist.path().join("articles/tram.html").exists());
}

#[test]
fn a_backend_that_cannot_be_read_changes_nothing() {
    let dist = build(json!({ "backend": { "kind": "native", "base_url": "/api/v1" } }));
    run(&options(dist.path(), 10), &mut backend(native_answers())).expect("a first run");
    let before = read(dist.path(), "sitemap.xml");
    let error = run(&options(dist.path(), 10), &mut |_: &str| Err(ApiError::Timeout))
        .expect_err("an error");
    assert!(error.contains("nothing was changed") && error.contains("Timeout"), "{error}");
    assert_eq!(read(dist.path(), "sitemap.xml"), before);
    assert!(dist.path().join("articles/tram.html").exists());
}

#[test]
fn a_site_under_a_path_gets_no_robots_txt_and_bad_site_urls_are_refused() {
    let dist = build(
        json!({ "backend": { "kind": "native", "base_url": "https://news.example/api/v1" } }),
    );
    let options =
        Options { site_url: "https://news.example/news/".into(), ..options(dist.path(), 10) };
    run(&options, &mut backend(native_answers())).expect("a run");
    assert!(read(dist.path(), "articles/tram.html")
        .contains(r#"href="https://news.example/news/articles/tram""#));
    assert!(!dist.path().join("robots.txt").exists());

    assert_eq!(site_url(" https://a.example/x/ ").as_deref(), Ok("https://a.example/x"));
    for bad in [
        "",
        "news.example",
        "ftp://a.example/",
        "https:///x",
        "https://a.example/?q",
        "javascript:alert(1)",
    ] {
        assert!(site_url(bad).is_err(), "{bad}");
    }
}

/// The JSON Feed fixture the end-to-end fixture site serves: two pages, items of every shape.
#[test]
fn a_json_feed_is_read_page_after_page_through_its_adapter() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/e2e/fixtures/json-feed");
    let mut answers = HashMap::new();
    for name in ["feed.json", "feed-2.json"] {
        let text = std::fs::read_to_string(fixtures.join(name)).expect("a fixture");
        answers.insert(format!("https://ledger.example/{name}"), text);
    }
    let config = Config::parse(
        r#"{"backend":{"kind":"json_feed","base_url":"https://ledger.example/feed.json"}}"#,
    )
    .expect("a config");
    let newest = newest_articles(
        &config.backend,
        "https://news.example",
        50,
        &mut backend(answers.clone()),
        &html_to_text,
    )
    .expect("read");
    let ids: Vec<&str> = newest.articles.iter().map(|a| a.id.as_str()).collect();
    assert!(ids.len() >= 6, "{ids:?}");
    assert!(
        ids.contains(&"https://ledger.example/notes/dredging-starts")
            && ids.contains(&"https://ledger.example/notes/harbour-lights"),
        "both pages: {ids:?}"
    );
    let first_two = newest_articles(
        &config.backend,
        "https://news.example",
        2,
        &mut backend(answers),
        &html_to_text,
    )
    .expect("read");
    assert_eq!(first_two.articles.len(), 2);
}

/// The WordPress fixture: posts listed ten a page, each then read by its slug.
#[test]
fn a_wordpress_site_is_listed_then_read_post_by_post() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/e2e/fixtures/wordpress");
    let posts: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(fixtures.join("posts.json")).expect("posts"))
            .expect("JSON");
    let api = "https://riverside.example/wp-json/wp/v2/posts";
    let embed = "_embed=author%2Cwp%3Afeaturedmedia%2Cwp%3Aterm";
    let mut answers = HashMap::new();
    for (page, slice) in posts.chunks(10).enumerate() {
        answers.insert(
            format!("{api}?{embed}&per_page=10&page={}", page + 1),
            Value::from(slice.to_vec()).to_string(),
        );
    }
    for post in &posts {
        let slug = post["slug"].as_str().expect("a slug");
        answers.insert(format!("{api}?slug={slug}&{embed}"), json!([post]).to_string());
    }
    let config =
        Config::parse(r#"{"backend":{"kind":"wordpress","base_url":"https://riverside.example"}}"#)
            .expect("a config");
    let newest = newest_articles(
        &config.backend,
        "https://news.example",
        12,
        &mut backend(answers),
        &html_to_text,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(newest.skipped.is_empty(), "{:?}", newest.skipped);
    assert_eq!(newest.articles.len(), 12, "two pages were read");
    assert_eq!(newest.articles[0].id, "night-ferry-returns");
    assert!(newest.articles[0]
        .body
        .iter()
        .any(|b| matches!(b, broadsheet::model::Block::Html { .. })));
}
