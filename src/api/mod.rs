//! Talking to backends. Pages ask a [`Client`] for contract types; each backend kind is a module
//! implementing [`backend::Backend`] that maps its answers onto `model`, and every request goes
//! through [`http`].

pub(crate) mod backend;
pub(crate) mod cache;
pub(crate) mod comments;
mod http;
// Public only for the fuzz targets (`fuzzing`).
#[cfg(feature = "fuzzing")]
pub mod json_feed;
#[cfg(not(feature = "fuzzing"))]
mod json_feed;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod json_values;
pub mod native;
// The newest articles read outside the browser, for broadsheet-prerender (`prerender`).
#[cfg(feature = "prerender")]
pub mod newest;
pub(crate) mod paths;
mod surrogates;
pub mod wordpress;

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::rc::Rc;

use futures::future::{FutureExt, LocalBoxFuture, Shared};
use send_wrapper::SendWrapper;

use crate::clock::now_ms;
use cache::Cache;

/// Percent-encodes one path segment (identifiers are opaque strings: `/`, `?` and `#` must not
/// change the request's shape); the backend uses the same rule.
pub(crate) use crate::model::encode_segment;
pub(crate) use http::get_text as http_get_text;
pub(crate) use http::yield_to_browser;
// Public for the browser tests (reading a body under its limit).
pub use http::{read_capped, Limit};

use crate::config::Config;
use crate::model::{related_stories, Article, ArticleSummary, ErrorDetail, Page};
use backend::Articles;
pub use backend::{read_config, Connection};

/// Plain text from an HTML fragment, for adapters whose backends send HTML where the contract
/// has text: the browser's parser in the app (`sanitize::dom::html_to_text`), html5ever in tests.
pub type HtmlToText<'a> = &'a dyn Fn(&str) -> String;

/// State an adapter shares between clones of the [`Client`] (single-threaded, as wasm is).
pub(crate) type Local<T> = SendWrapper<Rc<RefCell<T>>>;

/// What went wrong with a request, in terms a page can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// No answer at all: offline, connection reset, DNS or CORS failure.
    Network,
    /// No answer within the time limit.
    Timeout,
    /// The backend says the thing asked for does not exist.
    NotFound,
    /// Any other non-success status.
    Status(u16),
    /// A success status whose body is not the JSON the contract promises.
    Malformed,
    /// An answer bigger than this kind of request may be ([`http::Limit`]): refused unread.
    TooLarge,
    /// A 4xx answer to a POST with the contract's error body: its message is for the reader.
    Rejected(u16, ErrorDetail),
}

impl ApiError {
    /// The catalogue key of the reader-facing wording: short, blame-free, and saying what to do.
    pub(crate) fn message_key(&self) -> &'static str {
        match self {
            ApiError::Network => "errors.network",
            ApiError::Timeout => "errors.timeout",
            ApiError::NotFound => "errors.not_found",
            ApiError::Status(429) => "errors.busy",
            ApiError::Status(status) if *status >= 500 => "errors.server",
            ApiError::Status(_) | ApiError::Rejected(..) => "errors.refused",
            ApiError::Malformed => "errors.malformed",
            ApiError::TooLarge => "errors.too_large",
        }
    }

    pub(crate) fn from_status(status: u16) -> ApiError {
        match status {
            404 | 410 => ApiError::NotFound,
            other => ApiError::Status(other),
        }
    }
}

/// The configured backend, shared through Leptos context. Clones share one article cache.
/// Pages call its methods and never learn which kind of backend answers them.
#[derive(Clone)]
pub(crate) struct Client {
    backend: Connection,
    articles: SendWrapper<Rc<RefCell<ArticleStore>>>,
    /// Related lists, so going back to an article shows them at once too.
    related: SendWrapper<Rc<RefCell<Cache<Page<ArticleSummary>>>>>,
}

type SharedArticle = Shared<LocalBoxFuture<'static, Result<Article, ApiError>>>;

/// Articles already fetched, and those on their way (so a click on a card whose prefetch is
/// still running waits for that request instead of starting another).
struct ArticleStore {
    cache: Cache<Article>,
    pending: HashMap<String, SharedArticle>,
    prefetching: usize,
    /// Prefetches waiting for a free slot, most recent interest first.
    queued: VecDeque<String>,
}

/// Prefetches allowed at once, so hovering over many cards cannot flood the backend.
const MAX_PREFETCHES: usize = 2;
/// Prefetches kept waiting; older interest is forgotten first.
const MAX_QUEUED_PREFETCHES: usize = 8;
/// Related cards shown under an article.
const RELATED_LIMIT: u32 = 6;

impl Client {
    /// A client of `backend` (see [`connect`]), with caches sized by `config`.
    pub fn new(config: &Config, backend: Connection) -> Client {
        let store = ArticleStore {
            cache: Cache::new(config.cache_capacity, config.cache_fresh_ms),
            pending: HashMap::new(),
            prefetching: 0,
            queued: VecDeque::new(),
        };
        let related = Cache::new(config.cache_capacity, config.cache_fresh_ms);
        Client {
            backend,
            articles: SendWrapper::new(Rc::new(RefCell::new(store))),
            related: SendWrapper::new(Rc::new(RefCell::new(related))),
        }
    }

    /// One page of the home feed, newest first, optionally of one section.
    pub async fn feed(
        &self,
        cursor: Option<String>,
        section: Option<String>,
    ) -> Result<Page<ArticleSummary>, ApiError> {
        self.backend.feed(cursor.as_deref(), section.as_deref()).await
    }

    /// An article: from the cache while fresh, else from the backend (one request per id at a time).
    pub async fn article(&self, id: &str) -> Result<Article, ApiError> {
        let request = {
            let mut store = self.articles.borrow_mut();
            if let Some(article) = store.cache.get(id, now_ms()) {
                return Ok(article);
            }
            match store.pending.get(id) {
                Some(pending) => pending.clone(),
                None => {
                    let request = self.fetch_article(id.to_owned()).boxed_local().shared();
                    store.pending.insert(id.to_owned(), request.clone());
                    request
                }
            }
        };
        request.await
    }

    /// An article already in the cache and still fresh, without waiting: a page can show it in
    /// the same turn as the navigation that asked for it (a hit counts as a use).
    pub fn cached_article(&self, id: &str) -> Option<Article> {
        self.articles.borrow_mut().cache.get(id, now_ms())
    }

    fn fetch_article(&self, id: String) -> impl Future<Output = Result<Article, ApiError>> {
        let request = self.backend.article(&id);
        let articles = self.articles.clone();
        async move {
            let result = request.await;
            let mut store = articles.borrow_mut();
            store.pending.remove(&id);
            if let Ok(article) = &result {
                store.cache.put(&id, article.clone(), now_ms());
            }
            result
        }
    }

    /// Fetches an article the reader is likely to open, unless it is already here or on its
    /// way, or the reader asked to save data. At most [`MAX_PREFETCHES`] run at once; the rest
    /// wait, the most recent first.
    pub fn prefetch(&self, id: &str) {
        {
            let mut store = self.articles.borrow_mut();
            if saves_data()
                || store.pending.contains_key(id)
                || store.cache.contains_fresh(id, now_ms())
            {
                return;
            }
            if store.prefetching >= MAX_PREFETCHES {
                store.queued.retain(|queued| queued != id);
                store.queued.push_front(id.to_owned());
                store.queued.truncate(MAX_QUEUED_PREFETCHES);
                return;
            }
            store.prefetching += 1;
        }
        let client = self.clone();
        let id = id.to_owned();
        leptos::task::spawn_local(async move {
            let _ = client.article(&id).await;
            let next = {
                let mut store = client.articles.borrow_mut();
                store.prefetching -= 1;
                store.queued.pop_front()
            };
            if let Some(next) = next {
                client.prefetch(&next);
            }
        });
    }

    /// Articles related to `id`.
    pub async fn related(
        &self,
        id: &str,
        leave: Option<&web_sys::AbortSignal>,
    ) -> Result<Page<ArticleSummary>, ApiError> {
        if let Some(page) = self.related.borrow_mut().get(id, now_ms()) {
            return Ok(page);
        }
        let mut page = self.backend.related(id, RELATED_LIMIT, self, leave).await?;
        // Each story once, never the article itself; and a backend that ignores the limit (or
        // sends 100,000) still gets a short list.
        page.items = related_stories(id, page.items, RELATED_LIMIT as usize);
        self.related.borrow_mut().put(id, page.clone(), now_ms());
        Ok(page)
    }
}

impl Articles for Client {
    async fn article(&self, id: &str) -> Result<Article, ApiError> {
        Client::article(self, id).await
    }
}

/// A signal that fires when the current page goes away (its owner is cleaned up), so its
/// requests are aborted instead of finishing for nobody.
pub(crate) fn leave_signal() -> web_sys::AbortSignal {
    match web_sys::AbortController::new() {
        Ok(controller) => {
            let signal = controller.signal();
            let controller = SendWrapper::new(controller);
            leptos::prelude::on_cleanup(move || controller.abort());
            signal
        }
        // Without AbortController nothing can be aborted: a signal that never fires.
        Err(_) => web_sys::AbortSignal::timeout_with_u32(u32::MAX),
    }
}

/// The reader's "save data" preference (`navigator.connection.saveData`), where browsers have it.
fn saves_data() -> bool {
    let Some(window) = web_sys::window() else { return false };
    let navigator: wasm_bindgen::JsValue = window.navigator().into();
    js_sys::Reflect::get(&navigator, &"connection".into())
        .ok()
        .filter(|connection| connection.is_object())
        .and_then(|connection| js_sys::Reflect::get(&connection, &"saveData".into()).ok())
        .and_then(|save| save.as_bool())
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_cannot_escape_their_place_in_the_path() {
        assert_eq!(encode_segment("harbour-bridge_2.0~x"), "harbour-bridge_2.0~x");
        assert_eq!(encode_segment("../admin?x=1#y"), "..%2Fadmin%3Fx%3D1%23y");
        assert_eq!(encode_segment("نور"), "%D9%86%D9%88%D8%B1");
    }

    #[test]
    fn statuses_map_to_errors_readers_understand() {
        assert_eq!(ApiError::from_status(404), ApiError::NotFound);
        assert_eq!(ApiError::from_status(503), ApiError::Status(503));
        assert_eq!(ApiError::Status(503).message_key(), "errors.server");
        assert_eq!(ApiError::Status(429).message_key(), "errors.busy");
    }
}
