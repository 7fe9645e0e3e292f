//! Comments: reading pages of a thread and posting new comments.

use super::{encode_segment, http, native::Native, ApiError, Client};
use crate::model::{Comment, NewComment, Page};

/// Top-level threads asked for per page (each comes with all its replies).
pub const COMMENTS_PAGE_SIZE: u32 = 5;

/// The order of top-level comments; replies are always oldest first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Oldest,
    Newest,
}

impl Sort {
    /// The contract's `sort` parameter value.
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Oldest => "oldest",
            Sort::Newest => "newest",
        }
    }

    pub fn parse(text: &str) -> Option<Sort> {
        match text {
            "oldest" => Some(Sort::Oldest),
            "newest" => Some(Sort::Newest),
            _ => None,
        }
    }
}

impl Client {
    /// One page of an article's comments: whole threads, top-level comments in `sort` order.
    pub async fn comments(
        &self,
        article_id: &str,
        sort: Sort,
        cursor: Option<String>,
        leave: Option<&web_sys::AbortSignal>,
    ) -> Result<Page<Comment>, ApiError> {
        let url =
            self.backend.comments_url(article_id, sort, cursor.as_deref(), COMMENTS_PAGE_SIZE);
        http::get_json_until(&url, leave).await
    }

    /// Posts a comment. The same `idempotency_key` for the same comment never creates a second
    /// one, so a retry after a lost answer is safe.
    pub async fn post_comment(
        &self,
        article_id: &str,
        new: &NewComment,
        idempotency_key: &str,
    ) -> Result<Comment, ApiError> {
        http::post_json(&self.backend.post_comment_url(article_id), new, Some(idempotency_key))
            .await
    }
}

impl Native {
    pub fn comments_url(
        &self,
        article_id: &str,
        sort: Sort,
        cursor: Option<&str>,
        limit: u32,
    ) -> String {
        let mut url =
            format!("{}?sort={}&limit={limit}", self.post_comment_url(article_id), sort.as_str());
        if let Some(cursor) = cursor.filter(|c| !c.is_empty()) {
            url.push_str(&format!("&cursor={}", encode_segment(cursor)));
        }
        url
    }

    pub fn post_comment_url(&self, article_id: &str) -> String {
        format!("{}/comments", self.article_url(article_id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_comment_urls_with_encoded_ids_and_cursors() {
        let api = Native::new("/api/v1/");
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
    fn sort_names_are_the_contracts() {
        for sort in [Sort::Oldest, Sort::Newest] {
            assert_eq!(Sort::parse(sort.as_str()), Some(sort));
        }
        assert_eq!(Sort::parse("best"), None);
    }
}
