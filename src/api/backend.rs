//! One interface for every kind of backend. A kind is a module that reads its own settings from
//! `config.json`'s `backend` object (`from_settings`) and implements [`Backend`]: the operations
//! pages need, in the contract's types. The [`kinds!`] line at the end of this file registers it;
//! nothing else in the app names a kind. The recipe for adding one is in ARCHITECTURE.md.
//!
//! The native kind is in the app's core; the others are parts of their own (`crate::parts`),
//! whose code only a deployment that names them fetches: their settings are read with the
//! configuration (so a mistake shows on the set-up page), their operations on first use.

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;

use futures::future::{FutureExt, LocalBoxFuture};
use send_wrapper::SendWrapper;

use super::comments::Sort;
use super::{json_feed, native, wordpress, ApiError};
use crate::config::{BackendSettings, Config, ConfigError};
use crate::model::{Article, ArticleSummary, Comment, NewComment, Page};
use crate::parts::PartUnavailable;

/// Aborts a request when the page that asked for it goes away (`api::leave_signal`).
pub(crate) type Leave<'a> = Option<&'a web_sys::AbortSignal>;

/// What every kind does. The [`Client`](super::Client) adds what is the same for all (the
/// article cache, prefetching, the related list's rules), so a kind only maps requests and
/// answers. (Its futures are not `Send`: wasm runs on one thread.)
pub(crate) trait Backend {
    /// Its `backend.kind` value.
    const NAME: &'static str;

    /// One page of the front page's feed, newest first, optionally of one section.
    async fn feed(
        &self,
        cursor: Option<&str>,
        section: Option<&str>,
    ) -> Result<Page<ArticleSummary>, ApiError>;

    /// An article by its id. The request owns what it needs: the client shares it between
    /// everyone who asks while it runs.
    fn article(&self, id: &str) -> impl Future<Output = Result<Article, ApiError>> + 'static;

    /// Up to `limit` articles related to article `id`.
    async fn related(
        &self,
        id: &str,
        limit: u32,
        articles: &impl Articles,
        leave: Leave<'_>,
    ) -> Result<Page<ArticleSummary>, ApiError>;

    /// One page of article `id`'s comments: whole threads, top-level comments in `sort` order.
    /// A kind without comments leaves this out: its articles show them closed, and nothing is
    /// asked.
    async fn comments(
        &self,
        _id: &str,
        _sort: Sort,
        _cursor: Option<&str>,
        _articles: &impl Articles,
        _leave: Leave<'_>,
    ) -> Result<Page<Comment>, ApiError> {
        Ok(Page { items: Vec::new(), next_cursor: None, total: Some(0) })
    }

    /// Posts a comment on article `id`. The same `idempotency_key` for the same comment must
    /// never create a second one. A kind without comments answers as a backend does when
    /// comments are closed.
    async fn post_comment(
        &self,
        _id: &str,
        _new: &NewComment,
        _idempotency_key: &str,
        _articles: &impl Articles,
    ) -> Result<Comment, ApiError> {
        Err(ApiError::Status(403))
    }
}

/// The articles the client has (its cache, and the requests on their way), for a kind that
/// needs an article's details to find its related stories or comments (a WordPress post's
/// number, a feed item's tags).
pub(crate) trait Articles {
    async fn article(&self, id: &str) -> Result<Article, ApiError>;
}

/// A kind's operations behind a pointer: how the core calls a kind whose code is a part.
pub(crate) trait Operations {
    fn feed<'a>(
        &'a self,
        cursor: Option<&'a str>,
        section: Option<&'a str>,
    ) -> LocalBoxFuture<'a, Result<Page<ArticleSummary>, ApiError>>;

    fn article(&self, id: &str) -> LocalBoxFuture<'static, Result<Article, ApiError>>;

    fn related<'a>(
        &'a self,
        id: &'a str,
        limit: u32,
        articles: &'a dyn ArticlesByPointer,
        leave: Leave<'a>,
    ) -> LocalBoxFuture<'a, Result<Page<ArticleSummary>, ApiError>>;

    fn comments<'a>(
        &'a self,
        id: &'a str,
        sort: Sort,
        cursor: Option<&'a str>,
        articles: &'a dyn ArticlesByPointer,
        leave: Leave<'a>,
    ) -> LocalBoxFuture<'a, Result<Page<Comment>, ApiError>>;

    fn post_comment<'a>(
        &'a self,
        id: &'a str,
        new: &'a NewComment,
        idempotency_key: &'a str,
        articles: &'a dyn ArticlesByPointer,
    ) -> LocalBoxFuture<'a, Result<Comment, ApiError>>;
}

impl<B: Backend> Operations for B {
    fn feed<'a>(
        &'a self,
        cursor: Option<&'a str>,
        section: Option<&'a str>,
    ) -> LocalBoxFuture<'a, Result<Page<ArticleSummary>, ApiError>> {
        Backend::feed(self, cursor, section).boxed_local()
    }

    fn article(&self, id: &str) -> LocalBoxFuture<'static, Result<Article, ApiError>> {
        Backend::article(self, id).boxed_local()
    }

    fn related<'a>(
        &'a self,
        id: &'a str,
        limit: u32,
        articles: &'a dyn ArticlesByPointer,
        leave: Leave<'a>,
    ) -> LocalBoxFuture<'a, Result<Page<ArticleSummary>, ApiError>> {
        async move { Backend::related(self, id, limit, &ByPointer(articles), leave).await }
            .boxed_local()
    }

    fn comments<'a>(
        &'a self,
        id: &'a str,
        sort: Sort,
        cursor: Option<&'a str>,
        articles: &'a dyn ArticlesByPointer,
        leave: Leave<'a>,
    ) -> LocalBoxFuture<'a, Result<Page<Comment>, ApiError>> {
        async move { Backend::comments(self, id, sort, cursor, &ByPointer(articles), leave).await }
            .boxed_local()
    }

    fn post_comment<'a>(
        &'a self,
        id: &'a str,
        new: &'a NewComment,
        idempotency_key: &'a str,
        articles: &'a dyn ArticlesByPointer,
    ) -> LocalBoxFuture<'a, Result<Comment, ApiError>> {
        async move {
            Backend::post_comment(self, id, new, idempotency_key, &ByPointer(articles)).await
        }
        .boxed_local()
    }
}

/// [`Articles`] behind a pointer, for [`Operations`].
pub(crate) trait ArticlesByPointer {
    fn article<'a>(&'a self, id: &'a str) -> LocalBoxFuture<'a, Result<Article, ApiError>>;
}

impl<A: Articles> ArticlesByPointer for A {
    fn article<'a>(&'a self, id: &'a str) -> LocalBoxFuture<'a, Result<Article, ApiError>> {
        Articles::article(self, id).boxed_local()
    }
}

struct ByPointer<'a>(&'a dyn ArticlesByPointer);

impl Articles for ByPointer<'_> {
    async fn article(&self, id: &str) -> Result<Article, ApiError> {
        self.0.article(id).await
    }
}

/// A kind's operations once its part has been fetched, shared by the clones of its connection.
type OnceFetched = Rc<RefCell<Option<Rc<dyn Operations>>>>;

/// A kind whose code is a part: its settings, and its operations once its code is fetched
/// (by `load`, the kind's part). Fetching that fails fails the request that needed it, which
/// says so with a Retry like any other, and the next request tries again.
#[derive(Clone)]
struct PartKind<K> {
    kind: K,
    operations: SendWrapper<OnceFetched>,
}

impl<K: Clone> PartKind<K> {
    fn new(kind: K) -> Self {
        PartKind { kind, operations: SendWrapper::new(Rc::default()) }
    }

    async fn operations<Load>(
        &self,
        load: impl FnOnce(K) -> Load,
    ) -> Result<Rc<dyn Operations>, ApiError>
    where
        Load: Future<Output = Result<Rc<dyn Operations>, PartUnavailable>>,
    {
        if let Some(operations) = self.operations.borrow().clone() {
            return Ok(operations);
        }
        let operations =
            load(self.kind.clone()).await.map_err(|PartUnavailable| ApiError::Network)?;
        *self.operations.borrow_mut() = Some(operations.clone());
        Ok(operations)
    }
}

/// `config.json` read whole: the configuration, and the backend it names connected. An error
/// says what to fix, in the file or in the backend's settings.
pub fn read_config(text: &str) -> Result<(Config, Connection), ConfigError> {
    let config = Config::parse(text)?;
    let backend = connect(&config.backend)?;
    Ok((config, backend))
}

/// Declares the kinds there are: [`Connection`], one of them configured, which passes each
/// operation on to it, and [`connect`], which picks one by its name. Kinds in the core are
/// called directly (a `match`, so the compiler sees through it); kinds that are parts through
/// their [`Operations`], which their part (`=> part`) makes once its code is fetched.
macro_rules! kinds {
    (
        in the core: $($module:ident::$kind:ident),+;
        as parts: $($part_module:ident::$part_kind:ident => $part:ident),+ $(;)?
    ) => {
        /// A configured backend of any kind, for the [`Client`](super::Client).
        #[derive(Clone)]
        pub struct Connection(Kinds);

        #[derive(Clone)]
        enum Kinds {
            $($kind($module::$kind),)+
            $($part_kind(PartKind<$part_module::$part_kind>),)+
        }

        /// Every kind's `backend.kind` name, in the order error messages list them.
        const NAMES: &[&str] = &[
            $(<$module::$kind as Backend>::NAME,)+
            $(<$part_module::$part_kind as Backend>::NAME,)+
        ];

        /// The backend `settings` describe, or the configuration error that says what to fix.
        pub fn connect(settings: &BackendSettings) -> Result<Connection, ConfigError> {
            let kind = settings.kind(NAMES)?;
            $(
                if kind == <$module::$kind as Backend>::NAME {
                    return Ok(Connection(Kinds::$kind($module::$kind::from_settings(settings)?)));
                }
            )+
            $(
                if kind == <$part_module::$part_kind as Backend>::NAME {
                    let settings = $part_module::$part_kind::from_settings(settings)?;
                    return Ok(Connection(Kinds::$part_kind(PartKind::new(settings))));
                }
            )+
            Err(settings.unknown_kind(kind, NAMES))
        }

        impl Connection {
            pub(crate) async fn feed(
                &self,
                cursor: Option<&str>,
                section: Option<&str>,
            ) -> Result<Page<ArticleSummary>, ApiError> {
                match &self.0 {
                    $(Kinds::$kind(kind) => Backend::feed(kind, cursor, section).await,)+
                    $(Kinds::$part_kind(kind) => {
                        kind.operations($part_module::$part).await?.feed(cursor, section).await
                    })+
                }
            }

            pub(crate) fn article(
                &self,
                id: &str,
            ) -> LocalBoxFuture<'static, Result<Article, ApiError>> {
                match &self.0 {
                    $(Kinds::$kind(kind) => Backend::article(kind, id).boxed_local(),)+
                    $(Kinds::$part_kind(kind) => {
                        let (kind, id) = (kind.clone(), id.to_owned());
                        async move {
                            kind.operations($part_module::$part).await?.article(&id).await
                        }
                        .boxed_local()
                    })+
                }
            }

            pub(crate) async fn related(
                &self,
                id: &str,
                limit: u32,
                articles: &impl Articles,
                leave: Leave<'_>,
            ) -> Result<Page<ArticleSummary>, ApiError> {
                match &self.0 {
                    $(Kinds::$kind(kind) => Backend::related(kind, id, limit, articles, leave).await,)+
                    $(Kinds::$part_kind(kind) => {
                        let operations = kind.operations($part_module::$part).await?;
                        operations.related(id, limit, articles, leave).await
                    })+
                }
            }

            pub(crate) async fn comments(
                &self,
                id: &str,
                sort: Sort,
                cursor: Option<&str>,
                articles: &impl Articles,
                leave: Leave<'_>,
            ) -> Result<Page<Comment>, ApiError> {
                match &self.0 {
                    $(Kinds::$kind(kind) => {
                        Backend::comments(kind, id, sort, cursor, articles, leave).await
                    })+
                    $(Kinds::$part_kind(kind) => {
                        let operations = kind.operations($part_module::$part).await?;
                        operations.comments(id, sort, cursor, articles, leave).await
                    })+
                }
            }

            pub(crate) async fn post_comment(
                &self,
                id: &str,
                new: &NewComment,
                idempotency_key: &str,
                articles: &impl Articles,
            ) -> Result<Comment, ApiError> {
                match &self.0 {
                    $(Kinds::$kind(kind) => {
                        Backend::post_comment(kind, id, new, idempotency_key, articles).await
                    })+
                    $(Kinds::$part_kind(kind) => {
                        let operations = kind.operations($part_module::$part).await?;
                        operations.post_comment(id, new, idempotency_key, articles).await
                    })+
                }
            }
        }
    };
}

// Every kind Broadsheet can read. Adding one is a module and its name here.
kinds! {
    in the core: native::Native;
    as parts: wordpress::WordPress => wordpress_operations, json_feed::JsonFeed => json_feed_operations;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::paths::Template;

    fn settings(backend: &str) -> BackendSettings {
        let text = format!(r#"{{"backend": {backend}}}"#);
        Config::parse(&text).unwrap_or_else(|e| panic!("{text}: {e}")).backend
    }

    /// The key and problem of a backend that cannot be connected.
    fn problem(backend: &str) -> (Option<String>, String) {
        match connect(&settings(backend)) {
            Ok(_) => panic!("{backend} connected"),
            Err(error) => (error.key, error.problem),
        }
    }

    #[test]
    fn every_kind_connects() {
        for (kind, base_url) in
            [("native", "/api"), ("wordpress", "https://blog.example"), ("json_feed", "/f.json")]
        {
            let backend = format!(r#"{{"kind": " {kind} ", "base_url": "{base_url}"}}"#);
            assert!(connect(&settings(&backend)).is_ok(), "{backend}");
        }
    }

    #[test]
    fn reads_a_native_backend_and_its_path_templates() {
        let api = Native::from_settings(&settings(
            r#"{"kind": "native", "base_url": "https://cms.example/", "paths": {
                "article": "/stories/{id}.json", "feed": "/stories", "comments": null}}"#,
        ))
        .expect("valid");
        let expected = native::Paths {
            feed: Template::new("/stories"),
            article: Template::new("/stories/{id}.json"),
            ..native::Paths::default()
        };
        assert_eq!(api, Native::new("https://cms.example", expected));
        let api = Native::from_settings(&settings(r#"{"kind": "native", "base_url": "/api/v1/"}"#));
        assert_eq!(api, Ok(Native::new("/api/v1", native::Paths::default())));
    }

    #[test]
    fn reads_a_wordpress_site_by_its_root_or_its_api_root() {
        for (base_url, api_root) in [
            ("https://blog.example", "https://blog.example/wp-json/wp/v2"),
            ("https://blog.example/news/", "https://blog.example/news/wp-json/wp/v2"),
            ("https://blog.example/wp-json/wp/v2/", "https://blog.example/wp-json/wp/v2"),
            ("https://blog.example/?rest_route=/wp/v2", "https://blog.example/?rest_route=/wp/v2"),
            ("/wp-json/wp/v2", "/wp-json/wp/v2"),
        ] {
            let backend = format!(r#"{{"kind": "wordpress", "base_url": "{base_url}"}}"#);
            let api = WordPress::from_settings(&settings(&backend)).expect("valid");
            assert_eq!(api.api_root, api_root, "{base_url}");
            assert_eq!(api.paths(), &wordpress::Paths::default(), "{base_url}");
        }
        let api = WordPress::from_settings(&settings(
            r#"{"kind": "wordpress", "base_url": "https://blog.example",
                "paths": {"post": "/articles/{id}"}}"#,
        ))
        .expect("valid");
        assert_eq!(api.paths().post, Template::new("/articles/{id}"));
    }

    #[test]
    fn reads_a_json_feed_url_exactly_as_given() {
        let api = JsonFeed::from_settings(&settings(
            r#"{"kind": "json_feed", "base_url": " https://blog.example/feed/ "}"#,
        ))
        .expect("valid");
        assert_eq!(api.feed_url(), "https://blog.example/feed/");
    }

    #[test]
    fn names_the_key_and_what_was_expected() {
        let cases = [
            (
                r#"{"base_url": "/api"}"#,
                Some("backend.kind"),
                r#"is missing: expected "native", "wordpress" or "json_feed"."#,
            ),
            (
                r#"{"kind": "gopher", "base_url": "/api"}"#,
                Some("backend.kind"),
                r#"is "gopher": expected "native", "wordpress" or "json_feed"."#,
            ),
            (r#"{"kind": "gopher"}"#, Some("backend.kind"), "is \"gopher\""),
            (r#"{"kind": 1, "base_url": "/api"}"#, Some("backend.kind"), "must be a string"),
            (r#"{"kind": "native"}"#, Some("backend.base_url"), "is missing"),
            (
                r#"{"kind": "wordpress"}"#,
                Some("backend.base_url"),
                r#"is missing: expected a URL such as "https://blog.example""#,
            ),
            (
                r#"{"kind": "native", "base_url": "javascript:alert(1)"}"#,
                Some("backend.base_url"),
                "must be an http(s) URL",
            ),
            (
                r#"{"kind": "json_feed", "base_url": "feed.json"}"#,
                Some("backend.base_url"),
                "must be an http(s) URL or a path starting with \"/\", such as \"https://blog.example/feed.json\"",
            ),
            (
                r#"{"kind": "native", "base_url": "/a", "paths": []}"#,
                Some("backend.paths"),
                "must be an object of path templates",
            ),
            (
                r#"{"kind": "native", "base_url": "/a", "paths": {"article": "/s/{slug}"}}"#,
                Some("backend.paths.article"),
                "may only use the placeholder \"{id}\"",
            ),
            (
                r#"{"kind": "native", "base_url": "/a", "paths": {"related": "/s/related"}}"#,
                Some("backend.paths.related"),
                "must contain \"{id}\", e.g. \"/stories/{id}\".",
            ),
            (
                r#"{"kind": "native", "base_url": "/a", "paths": {"feed": "/s/{id}"}}"#,
                Some("backend.paths.feed"),
                "must not contain \"{id}\"",
            ),
            (
                r#"{"kind": "native", "base_url": "/a", "paths": {"comments": 7}}"#,
                Some("backend.paths.comments"),
                "must be a path template such as \"/stories/{id}\".",
            ),
            (
                r#"{"kind": "native", "base_url": "/a", "paths": {"story": "/s/{id}"}}"#,
                Some("backend.paths.story"),
                r#"is not a known key: expected "backend.paths.feed", "backend.paths.article", "backend.paths.related" or "backend.paths.comments"."#,
            ),
            (
                r#"{"kind": "native", "base_url": "/a", "paths": {"articles": "/a/{id}"}}"#,
                Some("backend.paths.articles"),
                r#"is not a known key; did you mean "backend.paths.article"?"#,
            ),
            (
                r#"{"kind": "wordpress", "base_url": "/a", "paths": {"article": "/s/{id}"}}"#,
                Some("backend.paths.article"),
                r#"is not a known key: expected "backend.paths.posts", "backend.paths.post", "backend.paths.comments" or "backend.paths.categories"."#,
            ),
            (
                r#"{"kind": "json_feed", "base_url": "/f.json", "paths": {}}"#,
                Some("backend.paths"),
                "is not used with \"json_feed\"",
            ),
        ];
        for (backend, key, expected) in cases {
            let (actual_key, actual) = problem(backend);
            assert_eq!(actual_key.as_deref(), key, "{backend}");
            assert!(actual.starts_with(expected), "{backend}: {actual}");
        }
    }

    #[test]
    fn errors_read_as_one_sentence_naming_the_file_and_key() {
        let error = connect(&settings(r#"{"kind": "rss", "base_url": "/feed"}"#))
            .err()
            .expect("rss is not a kind");
        assert_eq!(
            error.to_string(),
            r#"/config.json: "backend.kind" is "rss": expected "native", "wordpress" or "json_feed"."#
        );
    }

    use super::json_feed::JsonFeed;
    use super::native::Native;
    use super::wordpress::WordPress;
}
