//! The native JSON contract (`contract/`): URLs of each endpoint under the base URL,
//! following the deployment's path templates. Its answers are the contract's types as they are.

use std::future::Future;

use super::backend::{Articles, Backend, Leave};
use super::comments::Sort;
use super::paths::{push_query, read_templates, Slot, Template};
use super::{http, ApiError};
use crate::config::{BackendSettings, ConfigError};
use crate::model::{Article, ArticleSummary, Comment, NewComment, Page};

/// How many feed entries to ask for at once.
pub(crate) const FEED_PAGE_SIZE: u32 = 10;
/// Top-level threads asked for per page of comments (each comes with all its replies).
pub(crate) const COMMENTS_PAGE_SIZE: u32 = 5;

/// The contract's endpoints; each can be overridden in `backend.paths`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub(crate) feed: Template,
    pub(crate) article: Template,
    pub(crate) related: Template,
    /// Both reading (GET) and posting (POST) comments.
    pub(crate) comments: Template,
}

impl Default for Paths {
    fn default() -> Paths {
        Paths {
            feed: Template::new("/articles"),
            article: Template::new("/articles/{id}"),
            related: Template::new("/articles/{id}/related"),
            comments: Template::new("/articles/{id}/comments"),
        }
    }
}

impl Paths {
    pub fn slots(&mut self) -> [Slot<'_>; 4] {
        [
            ("feed", false, &mut self.feed),
            ("article", true, &mut self.article),
            ("related", true, &mut self.related),
            ("comments", true, &mut self.comments),
        ]
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Native {
    base_url: String,
    paths: Paths,
}

impl Native {
    pub fn new(base_url: &str, paths: Paths) -> Native {
        Native { base_url: base_url.trim_end_matches('/').to_owned(), paths }
    }

    /// `backend.base_url` (where the contract's endpoints are) and `backend.paths`.
    pub fn from_settings(settings: &BackendSettings) -> Result<Native, ConfigError> {
        let base_url = settings.base_url("\"/api/v1\"")?;
        let mut paths = Paths::default();
        read_templates(settings.paths()?, paths.slots())?;
        Ok(Native::new(base_url, paths))
    }

    /// Its path templates (for the tests of the configuration).
    pub fn paths(&self) -> &Paths {
        &self.paths
    }

    pub(crate) fn feed_url(&self, cursor: Option<&str>, section: Option<&str>) -> String {
        let mut url = self.paths.feed.url(&self.base_url, "");
        push_query(&mut url, "limit", &FEED_PAGE_SIZE.to_string());
        for (name, value) in [("cursor", cursor), ("section", section)] {
            if let Some(value) = value {
                push_query(&mut url, name, value);
            }
        }
        url
    }

    pub fn related_url(&self, id: &str, limit: u32) -> String {
        let mut url = self.paths.related.url(&self.base_url, id);
        push_query(&mut url, "limit", &limit.to_string());
        url
    }

    pub fn article_url(&self, id: &str) -> String {
        self.paths.article.url(&self.base_url, id)
    }

    pub(crate) fn comments_url(
        &self,
        article_id: &str,
        sort: Sort,
        cursor: Option<&str>,
        limit: u32,
    ) -> String {
        let mut url = self.post_comment_url(article_id);
        push_query(&mut url, "sort", sort.as_str());
        push_query(&mut url, "limit", &limit.to_string());
        if let Some(cursor) = cursor.filter(|c| !c.is_empty()) {
            push_query(&mut url, "cursor", cursor);
        }
        url
    }

    pub fn post_comment_url(&self, article_id: &str) -> String {
        self.paths.comments.url(&self.base_url, article_id)
    }
}

impl Backend for Native {
    const NAME: &'static str = "native";

    async fn feed(
        &self,
        cursor: Option<&str>,
        section: Option<&str>,
    ) -> Result<Page<ArticleSummary>, ApiError> {
        http::get_json(&self.feed_url(cursor, section)).await
    }

    fn article(&self, id: &str) -> impl Future<Output = Result<Article, ApiError>> + 'static {
        let url = self.article_url(id);
        async move { http::get_json(&url).await }
    }

    async fn related(
        &self,
        id: &str,
        limit: u32,
        _articles: &impl Articles,
        leave: Leave<'_>,
    ) -> Result<Page<ArticleSummary>, ApiError> {
        http::get_json_until(&self.related_url(id, limit), leave).await
    }

    async fn comments(
        &self,
        id: &str,
        sort: Sort,
        cursor: Option<&str>,
        _articles: &impl Articles,
        leave: Leave<'_>,
    ) -> Result<Page<Comment>, ApiError> {
        let url = self.comments_url(id, sort, cursor, COMMENTS_PAGE_SIZE);
        http::get_long_page_until(&url, leave).await
    }

    async fn post_comment(
        &self,
        id: &str,
        new: &NewComment,
        idempotency_key: &str,
        _articles: &impl Articles,
    ) -> Result<Comment, ApiError> {
        http::post_json(&self.post_comment_url(id), new, Some(idempotency_key)).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_contract_urls() {
        let api = Native::new("https://api.example/v1/", Paths::default());
        assert_eq!(api.feed_url(None, None), "https://api.example/v1/articles?limit=10");
        assert_eq!(
            api.feed_url(Some("a&b"), Some("City")),
            "https://api.example/v1/articles?limit=10&cursor=a%26b&section=City"
        );
        assert_eq!(api.related_url("x", 6), "https://api.example/v1/articles/x/related?limit=6");
        assert_eq!(api.article_url("a/b"), "https://api.example/v1/articles/a%2Fb");
    }

    #[test]
    fn builds_comment_urls_with_encoded_ids_and_cursors() {
        let api = Native::new("/api/v1/", Paths::default());
        assert_eq!(
            api.comments_url("a/b?", Sort::Newest, None, 5),
            "/api/v1/articles/a%2Fb%3F/comments?sort=newest&limit=5"
        );
        assert_eq!(
            api.comments_url("x", Sort::Oldest, Some("o5&limit=100"), 5),
            "/api/v1/articles/x/comments?sort=oldest&limit=5&cursor=o5%26limit%3D100"
        );
        assert_eq!(
            api.comments_url("x", Sort::Oldest, Some(""), 5),
            "/api/v1/articles/x/comments?sort=oldest&limit=5"
        );
        assert_eq!(api.post_comment_url("é"), "/api/v1/articles/%C3%A9/comments");
    }

    #[test]
    fn follows_the_deployments_path_templates() {
        let paths = Paths {
            feed: Template::new("/stories.json?lang=en"),
            article: Template::new("/stories/{id}.json"),
            related: Template::new("/stories/{id}/see-also"),
            comments: Template::new("/discussion?story={id}"),
        };
        let api = Native::new("https://cms.example", paths);
        assert_eq!(api.feed_url(None, None), "https://cms.example/stories.json?lang=en&limit=10");
        assert_eq!(api.article_url("a b"), "https://cms.example/stories/a%20b.json");
        assert_eq!(api.related_url("x", 6), "https://cms.example/stories/x/see-also?limit=6");
        assert_eq!(
            api.comments_url("x", Sort::Oldest, Some("c2"), 5),
            "https://cms.example/discussion?story=x&sort=oldest&limit=5&cursor=c2"
        );
        assert_eq!(api.post_comment_url("x"), "https://cms.example/discussion?story=x");
    }
}
