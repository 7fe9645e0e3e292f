//! The `Idempotency-Key` of comment posts: a retried post gets the comment it first created.
//! A key belongs to the article it was posted to (another client may pick the same key for
//! another article) and is remembered for a day (`store::IDEMPOTENCY_KEY_LIFETIME_MS`).

use axum::http::{HeaderMap, StatusCode};
use broadsheet_model::Comment;

use super::problem::Problem;
use crate::store::digest;

const MAX_IDEMPOTENCY_KEY_CHARS: usize = 200;

/// The post's `Idempotency-Key`, if it has one; a 400 when it is empty, too long or not ASCII.
pub fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, Problem> {
    let Some(value) = headers.get("idempotency-key") else {
        return Ok(None);
    };
    match value.to_str().map(str::trim) {
        Ok(key) if (1..=MAX_IDEMPOTENCY_KEY_CHARS).contains(&key.chars().count()) => {
            Ok(Some(key.to_owned()))
        }
        _ => Err(Problem::bad_request(
            "bad_idempotency_key",
            format!(
                "The Idempotency-Key header must be 1 to {MAX_IDEMPOTENCY_KEY_CHARS} visible \
                 ASCII characters."
            ),
        )),
    }
}

/// What a key is bound to: the article and the exact (trimmed) comment it first created. The
/// same key with another fingerprint is refused. The store keeps only its [`digest`].
pub fn fingerprint(article_id: &str, comment: &impl serde::Serialize) -> String {
    serde_json::json!({ "article": article_id, "comment": comment }).to_string()
}

/// The answer to a replayed key: the comment it created, or 422 for a different comment.
pub fn replay(
    recorded_digest: &str,
    fingerprint: &str,
    comment: Comment,
) -> Result<Comment, Problem> {
    if recorded_digest == digest(fingerprint) {
        Ok(comment)
    } else {
        Err(Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "idempotency_key_reused",
            "This Idempotency-Key was already used for a different comment.",
        ))
    }
}
