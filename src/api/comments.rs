//! Comments: reading pages of a thread and posting new comments.

use super::{http, ApiError, Backend, Client};
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
        let cursor = cursor.as_deref();
        match &self.backend {
            Backend::Native(api) => {
                let url = api.comments_url(article_id, sort, cursor, COMMENTS_PAGE_SIZE);
                http::get_long_page_until(&url, leave).await
            }
            Backend::WordPress(api) => {
                let post = self.wordpress_post(api, article_id).await?;
                api.comments(&post, sort, cursor, leave).await
            }
            // A feed has no comments: its articles show them closed, and nothing is asked.
            Backend::JsonFeed(_) => {
                Ok(Page { items: Vec::new(), next_cursor: None, total: Some(0) })
            }
        }
    }

    /// Posts a comment. The same `idempotency_key` for the same comment never creates a second
    /// one, so a retry after a lost answer is safe.
    pub async fn post_comment(
        &self,
        article_id: &str,
        new: &NewComment,
        idempotency_key: &str,
    ) -> Result<Comment, ApiError> {
        match &self.backend {
            Backend::Native(api) => {
                let url = api.post_comment_url(article_id);
                http::post_json(&url, new, Some(idempotency_key)).await
            }
            Backend::WordPress(api) => {
                let post = self.wordpress_post(api, article_id).await?;
                api.post_comment(&post, new).await
            }
            // As a backend answers when comments are closed.
            Backend::JsonFeed(_) => Err(ApiError::Status(403)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_names_are_the_contracts() {
        for sort in [Sort::Oldest, Sort::Newest] {
            assert_eq!(Sort::parse(sort.as_str()), Some(sort));
        }
        assert_eq!(Sort::parse("best"), None);
    }
}
