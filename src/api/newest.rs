//! The newest articles of the configured backend, read outside the browser: what
//! `broadsheet-prerender` draws into a build's static pages. Each kind's addresses and decoding
//! are its adapter's own, so a prerendered page holds the article the app will show. The caller
//! makes the requests ([`Fetch`], one at a time), which keeps this free of any HTTP client and
//! testable over fixture answers.

use std::collections::HashSet;

use super::backend::Backend;
use super::json_feed::{decode_feed, JsonFeed};
use super::native::Native;
use super::wordpress::{self, decode_article, decode_summaries, Totals, WordPress};
use super::{http, ApiError, HtmlToText};
use crate::config::{BackendSettings, ConfigError};
use crate::model::meta::absolute;
use crate::model::{Article, ArticleSummary, Page};

/// A success answer's body and headers.
#[derive(Debug, Clone, Default)]
pub struct Answer {
    pub text: String,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
}

impl Answer {
    fn header(&self, name: &str) -> Option<String> {
        let name = name.to_ascii_lowercase();
        self.headers.iter().find(|(n, _)| *n == name).map(|(_, value)| value.clone())
    }
}

/// Makes a GET request: the answer to a success status, or what went wrong.
pub type Fetch<'a> = &'a mut dyn FnMut(&str) -> Result<Answer, ApiError>;

/// What was read, and what could not be.
#[derive(Debug, Default)]
pub struct Newest {
    /// Newest first, each once.
    pub articles: Vec<Article>,
    /// Articles listed but not readable, with why: left out, the others still drawn.
    pub skipped: Vec<(String, ApiError)>,
}

/// Why nothing could be read.
#[derive(Debug, Clone, PartialEq)]
pub enum NewestError {
    Config(ConfigError),
    /// An address of the backend that is not http(s), even against the site's URL.
    Address(String),
    /// The list of articles itself could not be read.
    List {
        url: String,
        error: ApiError,
    },
}

impl std::fmt::Display for NewestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NewestError::Config(error) => write!(f, "{error}"),
            NewestError::Address(url) => write!(f, "{url:?} is not an http(s) address"),
            NewestError::List { url, error } => write!(f, "{url}: {error:?}"),
        }
    }
}

impl From<ConfigError> for NewestError {
    fn from(error: ConfigError) -> NewestError {
        NewestError::Config(error)
    }
}

/// Reads up to `count` of the newest articles from the backend `settings` describe; addresses
/// relative to the site (the native default `/api/v1`) are resolved against `site_url`.
pub fn newest_articles(
    settings: &BackendSettings,
    site_url: &str,
    count: usize,
    fetch: Fetch,
    html: HtmlToText,
) -> Result<Newest, NewestError> {
    let names = [Native::NAME, WordPress::NAME, JsonFeed::NAME];
    let kind = settings.kind(&names)?;
    let mut reader = Reader { site_url, fetch, seen: HashSet::new() };
    let mut newest = Newest::default();
    if kind == Native::NAME {
        let native = Native::from_settings(settings)?;
        let ids = reader.list(
            count,
            |cursor| native.feed_url(cursor, None),
            |answer, _| http::decode::<Page<ArticleSummary>>(&answer.text),
        )?;
        for id in ids {
            let article = reader
                .get(&native.article_url(&id))
                .and_then(|answer| http::decode::<Article>(&answer.text));
            newest.add(id, article);
        }
    } else if kind == WordPress::NAME {
        let site = WordPress::from_settings(settings)?;
        let page_url = |cursor: Option<&str>| site.posts_url(wordpress::page_number(cursor), None);
        let ids = reader.list(count, page_url, |answer, cursor| {
            let totals = wordpress::TOTAL_HEADERS.map(|name| answer.header(name));
            let page = wordpress::page_number(cursor);
            decode_summaries(&answer.text, page, Totals::from_headers(&totals), html)
        })?;
        for id in ids {
            let article = reader
                .get(&site.article_url(&id))
                .and_then(|answer| decode_article(&answer.text, &id, html))
                .map(|post| post.article);
            newest.add(id, article);
        }
    } else if kind == JsonFeed::NAME {
        let feed = JsonFeed::from_settings(settings)?;
        let (mut url, mut pages_read) = (Some(feed.feed_url().to_owned()), HashSet::new());
        for _ in 0..MAX_PAGES {
            let Some(page_url) = url.take().filter(|_| newest.articles.len() < count) else {
                break;
            };
            let page = reader
                .list_page(&page_url, |answer, address| decode_feed(&answer.text, address, html))?;
            for article in page.items {
                if newest.articles.len() < count && reader.seen.insert(article.id.clone()) {
                    newest.articles.push(article);
                }
            }
            url = page.next_url.filter(|next| pages_read.insert(next.clone()));
        }
    } else {
        return Err(settings.unknown_kind(kind, &names).into());
    }
    Ok(newest)
}

/// Pages through a list at most this far: a backend whose cursors never end cannot keep the
/// prerender going.
const MAX_PAGES: usize = 100;

struct Reader<'a, 'f> {
    site_url: &'a str,
    fetch: Fetch<'f>,
    /// Ids listed so far: each once.
    seen: HashSet<String>,
}

impl Reader<'_, '_> {
    /// A page of the list at `url`, decoded (given its absolute address); the list cannot be
    /// read without it.
    fn list_page<T>(
        &mut self,
        url: &str,
        decode: impl FnOnce(&Answer, &str) -> Result<T, ApiError>,
    ) -> Result<T, NewestError> {
        let address =
            absolute(url, self.site_url).ok_or_else(|| NewestError::Address(url.to_owned()))?;
        (self.fetch)(&address)
            .and_then(|answer| decode(&answer, &address))
            .map_err(|error| NewestError::List { url: address, error })
    }

    fn get(&mut self, url: &str) -> Result<Answer, ApiError> {
        let address = absolute(url, self.site_url).ok_or(ApiError::Malformed)?;
        (self.fetch)(&address)
    }

    /// The ids of up to `count` listed articles, newest first, page after page.
    fn list(
        &mut self,
        count: usize,
        page_url: impl Fn(Option<&str>) -> String,
        decode: impl Fn(&Answer, Option<&str>) -> Result<Page<ArticleSummary>, ApiError>,
    ) -> Result<Vec<String>, NewestError> {
        let (mut ids, mut cursor) = (Vec::new(), None::<String>);
        for _ in 0..MAX_PAGES {
            let page = self.list_page(&page_url(cursor.as_deref()), |answer, _| {
                decode(answer, cursor.as_deref())
            })?;
            for summary in page.items {
                if ids.len() < count && self.seen.insert(summary.id.clone()) {
                    ids.push(summary.id);
                }
            }
            match page.next_cursor.filter(|next| Some(next) != cursor.as_ref()) {
                Some(next) if ids.len() < count => cursor = Some(next),
                _ => break,
            }
        }
        Ok(ids)
    }
}

impl Newest {
    fn add(&mut self, id: String, article: Result<Article, ApiError>) {
        match article {
            Ok(article) => self.articles.push(article),
            Err(error) => self.skipped.push((id, error)),
        }
    }
}
