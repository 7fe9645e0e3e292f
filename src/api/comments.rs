//! Comments: reading pages of a thread and posting new comments.

use super::{ApiError, Client};
use crate::model::{Comment, NewComment, Page};

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
        self.backend.comments(article_id, sort, cursor.as_deref(), self, leave).await
    }

    /// Posts a comment. The same `idempotency_key` for the same comment never creates a second
    /// one, so a retry after a lost answer is safe.
    pub async fn post_comment(
        &self,
        article_id: &str,
        new: &NewComment,
        idempotency_key: &str,
    ) -> Result<Comment, ApiError> {
        self.backend.post_comment(article_id, new, idempotency_key, self).await
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
