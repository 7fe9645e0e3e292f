//! `broadsheet-prerender`: writes into a build (`dist/`) what the reference backend draws as it
//! is asked, so that a static host serving the build behaves as the backend does for link
//! unfurlers, crawlers and the reader's first paint:
//!
//! - `articles/<id>.html` for the newest articles: the built `index.html` with the article's
//!   head (title, description, canonical link, Open Graph, Twitter card, JSON-LD) and preview
//!   (`broadsheet_publish::page`), which the static host's configuration serves for
//!   `/articles/<id>` (`scripts/static-host.mjs`);
//! - `sitemap.xml`, `feed.xml`, `feed.json`, and `robots.txt` when the site is at the root of
//!   its origin (`broadsheet_publish::feeds`);
//! - in `index.html`, links to the feeds, which every page then carries.
//!
//! The articles are read from the backend `config.json` names, of any kind, through the app's
//! own adapters (`broadsheet::api::newest`). Re-run it on a schedule or when an article is
//! published: each run writes every file anew (atomically), removes the pages of articles no
//! longer among the newest, and, when the backend cannot be read, changes nothing.

mod files;
pub mod http;
mod preview;

use std::collections::HashSet;
use std::path::PathBuf;

use broadsheet::api::newest::{newest_articles, Fetch, Newest};
use broadsheet::config::Config;
use broadsheet::sanitize::parsed::html_to_text;
use broadsheet_publish::feeds::{json_feed, robots_txt, rss_xml, sitemap_xml, Site};
use broadsheet_publish::{page, ArticlePages, Interface, SiteName};

/// Where the prerendered article pages go, under the build.
pub const ARTICLES_FOLDER: &str = "articles";

/// What a run is asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    /// The build: `index.html` and `config.json` are read from it, the pages written into it.
    pub dist: PathBuf,
    /// Where readers reach the build: `https://news.example/` or `https://example.org/news/`.
    pub site_url: String,
    /// How many of the newest articles get a page.
    pub articles: usize,
    /// The clock the previews' relative times are drawn at.
    pub now_ms: i64,
}

/// What a run did.
#[derive(Debug, Default)]
pub struct Report {
    /// The article pages written, as paths under the build.
    pub pages: Vec<String>,
    /// Articles not drawn, and why.
    pub skipped: Vec<(String, String)>,
    /// Pages of earlier runs removed: their articles are no longer among the newest.
    pub removed: Vec<String>,
    /// The other files written (`sitemap.xml`...).
    pub files: Vec<String>,
}

/// Reads the newest articles through `fetch` and writes the build's pages and files.
pub fn run(options: &Options, fetch: Fetch) -> Result<Report, String> {
    let site_url = site_url(&options.site_url)?;
    let dist = &options.dist;
    let read = |name: &str| {
        std::fs::read_to_string(dist.join(name))
            .map_err(|e| format!("cannot read {}: {e}", dist.join(name).display()))
    };
    let (index, config_text) = (read("index.html")?, read("config.json")?);
    let config = Config::parse(&config_text).map_err(|e| e.to_string())?;
    // The shell as built: the links an earlier run added to index.html are taken out first.
    let shell = page::without_server_head(&index);
    let site = SiteName::from_config(&config_text, Some(site_url.clone()));
    let pages = ArticlePages::new(&shell, site.clone())
        .ok_or_else(|| format!("{}: no <body> to draw the preview into", dist.display()))?
        .speaking(Interface::read(dist, site.language()));

    // Nothing is written until the backend has been read.
    let Newest { articles, skipped } =
        newest_articles(&config.backend, &site_url, options.articles, fetch, &html_to_text)
            .map_err(|e| format!("cannot read the newest articles (nothing was changed): {e}"))?;
    let mut report = Report {
        skipped: skipped.into_iter().map(|(id, e)| (id, format!("{e:?}"))).collect(),
        ..Report::default()
    };

    let folder = dist.join(ARTICLES_FOLDER);
    let mut written = HashSet::new();
    let mut drawn = Vec::new();
    for article in &articles {
        let Some(file) = files::page_path(&article.id) else {
            report.skipped.push((article.id.clone(), "its id cannot be a file's path".into()));
            continue;
        };
        // Ids that differ only in repeated slashes would share a file: the first keeps it.
        if !written.insert(file.clone()) {
            report.skipped.push((article.id.clone(), format!("{file} is another article's")));
            continue;
        }
        let path = folder.join(&file);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        let previewed = preview::with_opening(article);
        let html = pages.page_with_preview(article, &previewed, Some(&site_url), options.now_ms);
        files::write(&path, &html)?;
        report.pages.push(format!("{ARTICLES_FOLDER}/{file}"));
        drawn.push(article.clone());
    }
    report.removed = files::remove_other_pages(&folder, &written)?
        .into_iter()
        .map(|file| format!("{ARTICLES_FOLDER}/{file}"))
        .collect();

    let description = pages.interface().site_description(site.name());
    let about = Site {
        name: site.name(),
        origin: &site_url,
        language: site.language(),
        description: &description,
    };
    let mut documents = vec![
        ("sitemap.xml", sitemap_xml(about, &drawn, options.now_ms)),
        ("feed.xml", rss_xml(about, &drawn)),
        ("feed.json", json_feed(about, &drawn)),
        ("index.html", page::with_site_head(&shell, &site, pages.interface(), Some(&site_url))),
    ];
    // Crawlers read robots.txt at the root of an origin only.
    if is_origin(&site_url) {
        documents.push(("robots.txt", robots_txt(about)));
    }
    for (name, text) in documents {
        files::write(&dist.join(name), &text)?;
        report.files.push(name.to_owned());
    }
    Ok(report)
}

/// The site's URL without its trailing slash, as the published links start with it; an error
/// unless it is an absolute http(s) URL with a host and nothing after its path.
pub fn site_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    let valid = broadsheet_model::meta::absolute(url, "http://invalid")
        .filter(|absolute| absolute == url)
        .filter(|_| !url.contains(['?', '#']));
    match valid {
        Some(url) => Ok(url.trim_end_matches('/').to_owned()),
        None => Err(format!(
            "--site-url {url:?}: expected where readers reach the build, such as \
             https://news.example/ or https://example.org/news/"
        )),
    }
}

/// Whether `site_url` (without its trailing slash) is an origin, with no path.
fn is_origin(site_url: &str) -> bool {
    site_url.split_once("://").is_some_and(|(_, rest)| !rest.contains('/'))
}
