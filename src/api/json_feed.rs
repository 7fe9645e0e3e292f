//! A JSON Feed (version 1.1, and 1.0's differences): its items as articles, the feed's title as
//! their source. A pure decode layer tested natively over fixture feeds, then the thin async glue.
//!
//! A feed is one document a page at a time (`next_url`), with no per-item URL to fetch: an
//! article is looked up in the pages fetched so far, following `next_url` a few pages further
//! when it is not there. Related articles are the known items that share its tags. A feed has
//! no comments: every article shows them closed, and no comment request is ever made.

use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::rc::Rc;

use send_wrapper::SendWrapper;
use serde_json::Value;

use super::backend::{Articles, Backend, Leave, Operations};
use super::{http, ApiError, HtmlToText, Local};
use crate::config::{key_error, BackendSettings, ConfigError};
use crate::model::{
    time, Article, ArticleSummary, Block, CommentSettings, Entries, Image, Page, Person, Source,
};
use crate::parts::part;
use crate::sanitize::dom::html_to_text;

/// Pages of the feed read at most to find one article, or a page with a section's items.
pub const MAX_PAGES: usize = 5;
/// Longest title made from an untitled item's text, in characters.
const MADE_TITLE_CHARS: usize = 80;

/// One page of a feed: its items as articles, and the next page's URL.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedPage {
    pub items: Vec<Article>,
    pub next_url: Option<String>,
}

/// The parts of the feed that items inherit.
struct FeedInfo {
    source: Option<Source>,
    language: Option<String>,
    authors: Vec<Person>,
}

/// A feed's top level: its items as a page's items are read (at most
/// [`crate::model::MAX_PAGE_ITEMS`]), and every other member.
struct FeedDocument {
    items: Vec<Value>,
    feed: serde_json::Map<String, Value>,
}

impl<'de> serde::Deserialize<'de> for FeedDocument {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(FeedVisitor)
    }
}

/// Reads the members one by one (`#[serde(flatten)]` would buffer the whole document first).
struct FeedVisitor;

impl<'de> serde::de::Visitor<'de> for FeedVisitor {
    type Value = FeedDocument;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a JSON Feed object")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<FeedDocument, A::Error> {
        let (mut items, mut feed) = (None, serde_json::Map::new());
        while let Some(key) = map.next_key::<String>()? {
            if key == "items" {
                let entries = map.next_value::<Entries>()?;
                items = Some(Entries::decode(&entries.0));
            } else {
                feed.insert(key, map.next_value()?);
            }
        }
        let items = items.ok_or_else(|| serde::de::Error::missing_field("items"))?;
        Ok(FeedDocument { items, feed })
    }
}

/// Decodes one page of a feed fetched from `url` (which relative URLs in it are resolved
/// against). Items that cannot be shown (no id, no title or text to make one from, no valid
/// date) are left out; optional fields of the wrong type are ignored.
pub fn decode_feed(text: &str, url: &str, html: HtmlToText) -> Result<FeedPage, ApiError> {
    let FeedDocument { items, feed } =
        serde_json::from_str(text).map_err(|_| ApiError::Malformed)?;
    let feed = Value::Object(feed);
    let link = |value: &Value, key: &str| string(value, key).and_then(|u| resolve(url, &u));
    let info = FeedInfo {
        source: string(&feed, "title").map(|name| Source {
            name,
            url: link(&feed, "home_page_url"),
            logo_url: link(&feed, "icon").or_else(|| link(&feed, "favicon")),
        }),
        language: string(&feed, "language"),
        authors: authors(&feed, url),
    };
    let next_url = link(&feed, "next_url").filter(|next| next != url);
    let items = items.iter().filter_map(|item| decode_item(item, &info, url, html)).collect();
    Ok(FeedPage { items, next_url })
}

fn decode_item(item: &Value, feed: &FeedInfo, base: &str, html: HtmlToText) -> Option<Article> {
    // JSON Feed 1.1: an id that is not a string (a number, say) is read as one.
    let id = match item.get("id")? {
        Value::String(id) => id.trim().to_owned(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    if id.is_empty() {
        return None;
    }
    let content_html = string(item, "content_html");
    let content_text = string(item, "content_text");
    let summary = string(item, "summary");
    let title = string(item, "title").or_else(|| {
        let text = summary
            .clone()
            .or_else(|| content_text.clone())
            .or_else(|| content_html.as_deref().map(html))?;
        made_title(&text)
    })?;
    let date = |key: &str| string(item, key).filter(|t| time::parse_rfc3339(t).is_some());
    let published_at = date("date_published").or_else(|| date("date_modified"))?;
    let body = match (content_html, &content_text) {
        (Some(html), _) => vec![Block::Html { html }],
        (None, Some(text)) => text
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| Block::Paragraph { text: p.to_owned() })
            .collect(),
        (None, None) => Vec::new(),
    };
    let link = |key: &str| string(item, key).and_then(|u| resolve(base, &u));
    let item_authors = authors(item, base);
    let tags = item
        .get("tags")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect();
    Some(Article {
        id,
        title,
        url: link("url").or_else(|| link("external_url")),
        summary,
        source: feed.source.clone(),
        authors: if item_authors.is_empty() { feed.authors.clone() } else { item_authors },
        published_at,
        updated_at: date("date_modified"),
        image: link("image").or_else(|| link("banner_image")).map(|url| Image {
            url,
            alt: None,
            width: None,
            height: None,
            caption: None,
            credit: None,
        }),
        section: None,
        tags,
        language: string(item, "language").or_else(|| feed.language.clone()),
        comments: Some(CommentSettings { enabled: false, count: None }),
        body,
    })
}

/// `authors` (1.1), or else `author` (1.0), of a feed or an item.
fn authors(value: &Value, base: &str) -> Vec<Person> {
    let person = |author: &Value| {
        let link = |key: &str| string(author, key).and_then(|u| resolve(base, &u));
        Some(Person { name: string(author, "name")?, url: link("url"), avatar_url: link("avatar") })
    };
    match value.get("authors") {
        Some(Value::Array(list)) => list.iter().filter_map(person).collect(),
        _ => value.get("author").and_then(person).into_iter().collect(),
    }
}

/// A non-empty string field, trimmed.
fn string(value: &Value, key: &str) -> Option<String> {
    value.get(key)?.as_str().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned)
}

/// A title for an untitled item (microblog posts often have none): its first line, cut to
/// whole words within [`MADE_TITLE_CHARS`].
fn made_title(text: &str) -> Option<String> {
    let first_line = text.trim().lines().next()?;
    let mut title = String::new();
    for word in first_line.split_whitespace() {
        if title.chars().count() + word.chars().count() >= MADE_TITLE_CHARS {
            if title.is_empty() {
                title = word.chars().take(MADE_TITLE_CHARS - 1).collect();
            }
            title.push('…');
            break;
        }
        if !title.is_empty() {
            title.push(' ');
        }
        title.push_str(word);
    }
    (!title.is_empty()).then_some(title)
}

/// `reference` resolved against the URL of the document it came from, if it is an http(s) URL
/// or a relative one; anything with another scheme (`javascript:`, `data:`) is `None`.
pub fn resolve(base: &str, reference: &str) -> Option<String> {
    let reference = reference.trim();
    // A control character inside a URL is never a real link (browsers strip some of them, so
    // "java\tscript:" would run): refuse it whatever the scheme looks like.
    if reference.is_empty() || reference.chars().any(char::is_control) {
        return None;
    }
    let lower = reference.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        return Some(reference.to_owned());
    }
    let has_scheme =
        reference.find([':', '/', '?', '#']).is_some_and(|end| reference[end..].starts_with(':'));
    if has_scheme {
        return None;
    }
    // scheme://authority of an absolute base; "" for a same-origin path.
    let origin_end = base
        .find("://")
        .map(|start| base[start + 3..].find('/').map_or(base.len(), |i| start + 3 + i))
        .unwrap_or(0);
    let (origin, path) = base.split_at(origin_end);
    if let Some(rest) = reference.strip_prefix("//") {
        let scheme = origin.split_once("://").map(|(scheme, _)| scheme);
        return Some(match scheme {
            Some(scheme) => format!("{scheme}://{rest}"),
            None => reference.to_owned(),
        });
    }
    if reference.starts_with('/') {
        return Some(format!("{origin}{reference}"));
    }
    let path = path.split(['?', '#']).next().unwrap_or_default();
    if reference.starts_with('?') {
        return Some(format!("{origin}{path}{reference}"));
    }
    let directory = path.rfind('/').map_or("/", |i| &path[..=i]);
    Some(format!("{origin}{directory}{reference}"))
}

/// Articles related to `article` among `candidates`: those sharing the most tags first (case
/// ignored), then the most recent; when none shares a tag, simply the most recent.
pub fn related(article: &Article, candidates: &[Article], limit: usize) -> Vec<ArticleSummary> {
    let tags: HashSet<String> = article.tags.iter().map(|t| t.to_lowercase()).collect();
    let mut ranked: Vec<(usize, i64, &Article)> = candidates
        .iter()
        .filter(|c| c.id != article.id)
        .map(|c| {
            let shared = c.tags.iter().filter(|t| tags.contains(&t.to_lowercase())).count();
            (shared, time::parse_rfc3339(&c.published_at).unwrap_or(i64::MIN), c)
        })
        .collect();
    if ranked.iter().any(|(shared, _, _)| *shared > 0) {
        ranked.retain(|(shared, _, _)| *shared > 0);
    }
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
    ranked.into_iter().take(limit).map(|(_, _, a)| a.to_summary(None)).collect()
}

/// Whether an item belongs to a section: one of its tags is the section's name.
fn in_section(article: &Article, section: &str) -> bool {
    article.tags.iter().any(|tag| tag.trim().eq_ignore_ascii_case(section.trim()))
}

// ---------------------------------------------------------------------------------------------
// The glue: requests through `http`, answers through the decoders above.

#[derive(Clone)]
pub struct JsonFeed {
    feed_url: String,
    store: Local<Store>,
}

/// Every item read so far, one per id (the latest version), in feed order; and which page
/// follows each page read.
#[derive(Default)]
struct Store {
    items: Vec<Article>,
    next_of: HashMap<String, Option<String>>,
}

impl Store {
    fn remember(&mut self, url: &str, page: &FeedPage) {
        for item in &page.items {
            match self.items.iter_mut().find(|known| known.id == item.id) {
                Some(known) => *known = item.clone(),
                None => self.items.push(item.clone()),
            }
        }
        self.next_of.insert(url.to_owned(), page.next_url.clone());
    }

    fn find(&self, id: &str) -> Option<Article> {
        self.items.iter().find(|item| item.id == id).cloned()
    }
}

impl JsonFeed {
    pub fn new(feed_url: &str) -> JsonFeed {
        JsonFeed { feed_url: feed_url.to_owned(), store: SendWrapper::new(Rc::default()) }
    }

    /// `backend.base_url`: the feed's whole URL, used exactly as given (a trailing slash may
    /// matter to its server); a feed has no other endpoints, so no `backend.paths`.
    pub fn from_settings(settings: &BackendSettings) -> Result<JsonFeed, ConfigError> {
        let feed_url = settings.base_url("\"https://blog.example/feed.json\"")?;
        if settings.paths()?.is_some() {
            return Err(key_error(
                "backend.paths",
                "is not used with \"json_feed\": backend.base_url is the feed's whole URL.",
            ));
        }
        Ok(JsonFeed::new(feed_url))
    }

    #[cfg(any(test, feature = "prerender"))]
    pub(crate) fn feed_url(&self) -> &str {
        &self.feed_url
    }

    /// An item by id, from the pages read so far or else from up to [`MAX_PAGES`] pages.
    async fn find(&self, id: &str) -> Result<Article, ApiError> {
        if let Some(article) = self.store.borrow().find(id) {
            return Ok(article);
        }
        let mut visited = HashSet::new();
        let mut url = Some(self.feed_url.clone());
        while let Some(current) = url.take() {
            if visited.len() >= MAX_PAGES || !visited.insert(current.clone()) {
                break;
            }
            let known_next = self.store.borrow().next_of.get(&current).cloned();
            url = match known_next {
                // Read before, and the item was not on it.
                Some(next) => next,
                None => {
                    let page = self.fetch(&current).await?;
                    if let Some(article) = self.store.borrow().find(id) {
                        return Ok(article);
                    }
                    page.next_url
                }
            };
        }
        Err(ApiError::NotFound)
    }

    async fn fetch(&self, url: &str) -> Result<FeedPage, ApiError> {
        let text = http::get_text(url, http::Limit::Page).await?;
        let page = decode_feed(&text, url, &html_to_text)?;
        self.store.borrow_mut().remember(url, &page);
        Ok(page)
    }
}

/// A feed has no comments: the trait's defaults (none to show, posting refused) are its answer.
impl Backend for JsonFeed {
    const NAME: &'static str = "json_feed";

    /// A page of the feed: the first, or the one at `cursor` (a `next_url`). With a section,
    /// only its items, reading further pages until some are found.
    async fn feed(
        &self,
        cursor: Option<&str>,
        section: Option<&str>,
    ) -> Result<Page<ArticleSummary>, ApiError> {
        let mut url = cursor.unwrap_or(&self.feed_url).to_owned();
        for _ in 0..MAX_PAGES {
            let page = self.fetch(&url).await?;
            let items: Vec<ArticleSummary> = page
                .items
                .iter()
                .filter(|item| section.is_none_or(|section| in_section(item, section)))
                .map(|item| item.to_summary(None))
                .collect();
            match page.next_url {
                Some(next) if items.is_empty() => url = next,
                next_cursor => return Ok(Page { items, next_cursor, total: None }),
            }
        }
        Ok(Page { items: Vec::new(), next_cursor: Some(url), total: None })
    }

    fn article(&self, id: &str) -> impl Future<Output = Result<Article, ApiError>> + 'static {
        let (api, id) = (self.clone(), id.to_owned());
        async move { api.find(&id).await }
    }

    /// Related items come from the feed pages already read, found with the article.
    async fn related(
        &self,
        id: &str,
        limit: u32,
        articles: &impl Articles,
        _leave: Leave<'_>,
    ) -> Result<Page<ArticleSummary>, ApiError> {
        let article = articles.article(id).await?;
        let items = related(&article, &self.store.borrow().items, limit as usize);
        Ok(Page { items, next_cursor: None, total: None })
    }
}

part! {
    /// This kind's operations, a part of its own: only a JSON Feed deployment fetches them.
    pub(crate) fn json_feed_operations(kind: JsonFeed) -> Rc<dyn Operations>,
    fetched by json_feed_operations_code {
        Rc::new(kind)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
