//! What the handlers read from a request, each answering in the contract's error shape when it
//! cannot (axum's own rejections are plain text): the article id in the path, the page query,
//! and a posted comment.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequestParts, Path, Query};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use broadsheet_model::NewComment;
use serde::Deserialize;
use serde_json::Value;

use super::problem::Problem;
use crate::threads::Sort;

const DEFAULT_PAGE: usize = 20;
const MAX_PAGE: usize = 100;
/// The largest request body read (only comment posts have one); more is answered with 413.
pub const MAX_POST_BYTES: usize = 64 * 1024;
/// The longest article or comment id accepted in a path, a query or a `parent_id`.
pub const MAX_ID_CHARS: usize = 200;
/// The longest `cursor` (cursors are `o` and an offset) and the largest offset it may carry.
const MAX_CURSOR_CHARS: usize = 20;
const MAX_OFFSET: usize = 1_000_000_000;
/// The longest `section` filter.
const MAX_SECTION_CHARS: usize = 100;

/// The article id in the path: at most [`MAX_ID_CHARS`] characters, else 400 (like a path that
/// is not valid UTF-8).
pub struct ArticleId(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ArticleId {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Problem> {
        match Path::<String>::from_request_parts(parts, state).await {
            Ok(Path(id)) if id.chars().count() <= MAX_ID_CHARS => Ok(ArticleId(id)),
            _ => Err(Problem::bad_request(
                "bad_id",
                format!("An article id is at most {MAX_ID_CHARS} characters of UTF-8."),
            )
            .on("id")),
        }
    }
}

/// The query string of the list endpoints; 400 when it is not one (e.g. a parameter given
/// twice). Each parameter is checked by the handler that uses it.
#[derive(Deserialize)]
pub struct PageQuery {
    cursor: Option<String>,
    limit: Option<String>,
    sort: Option<String>,
    /// Feed only: articles of one section (an extension of the contract's feed endpoint).
    section: Option<String>,
}

impl<S: Send + Sync> FromRequestParts<S> for PageQuery {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Problem> {
        Query::<PageQuery>::from_request_parts(parts, state)
            .await
            .map(|Query(query)| query)
            .map_err(|_| Problem::bad_request("bad_query", "The query string is not valid."))
    }
}

impl PageQuery {
    pub fn limit(&self) -> Result<usize, Problem> {
        match self.limit.as_deref().filter(|l| !l.is_empty()) {
            None => Ok(DEFAULT_PAGE),
            Some(text) => match text.parse::<usize>() {
                Ok(n) if (1..=MAX_PAGE).contains(&n) => Ok(n),
                _ => Err(Problem::bad_request(
                    "bad_limit",
                    format!("limit must be a whole number from 1 to {MAX_PAGE}."),
                )
                .on("limit")),
            },
        }
    }

    /// Cursors are opaque to clients; here they are the offset of the next page's first entry.
    pub fn offset(&self) -> Result<usize, Problem> {
        match self.cursor.as_deref().filter(|c| !c.is_empty()) {
            None => Ok(0),
            Some(cursor) => cursor
                .strip_prefix('o')
                .filter(|_| cursor.len() <= MAX_CURSOR_CHARS)
                .and_then(|n| n.parse::<usize>().ok())
                .filter(|offset| *offset <= MAX_OFFSET)
                .ok_or_else(|| {
                    Problem::bad_request("bad_cursor", "The cursor is not valid.").on("cursor")
                }),
        }
    }

    pub fn sort(&self) -> Result<Sort, Problem> {
        match self.sort.as_deref() {
            None | Some("") | Some("oldest") => Ok(Sort::Oldest),
            Some("newest") => Ok(Sort::Newest),
            Some(_) => {
                Err(Problem::bad_request("bad_sort", "sort must be oldest or newest.").on("sort"))
            }
        }
    }

    pub fn section(&self) -> Result<Option<&str>, Problem> {
        match self.section.as_deref().filter(|s| !s.is_empty()) {
            Some(section) if section.chars().count() > MAX_SECTION_CHARS => {
                Err(Problem::bad_request(
                    "bad_section",
                    format!("section must be at most {MAX_SECTION_CHARS} characters."),
                )
                .on("section"))
            }
            section => Ok(section),
        }
    }
}

/// The cursor of the page starting at `offset`, when there is more.
pub fn next_cursor(offset: usize, more: bool) -> Option<String> {
    more.then(|| format!("o{offset}"))
}

/// The request body, taken as a `Result` so that one over [`MAX_POST_BYTES`] is answered in the
/// contract's shape. The limit holds with or without a Content-Length: a chunked body is cut off
/// as soon as it passes the limit.
pub fn body(body: Result<Bytes, BytesRejection>) -> Result<Bytes, Problem> {
    body.map_err(|rejection| match rejection.status() {
        StatusCode::PAYLOAD_TOO_LARGE => Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!("The request body is larger than {} KiB.", MAX_POST_BYTES / 1024),
        )
        .on("body"),
        _ => Problem::bad_request("bad_body", "The request body could not be read."),
    })
}

/// Comments are posted as JSON only (`application/json`, parameters such as `charset` allowed).
/// This also keeps plain HTML forms on other sites from posting: they cannot send that type
/// without a CORS preflight.
pub fn require_json(headers: &HeaderMap) -> Result<(), Problem> {
    let media_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .map(str::trim);
    match media_type {
        Some(media_type) if media_type.eq_ignore_ascii_case("application/json") => Ok(()),
        _ => Err(Problem::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "Comments are posted as JSON, with Content-Type: application/json.",
        )),
    }
}

/// Reads a `NewComment`, naming the field whose shape is wrong.
pub fn new_comment(body: &[u8]) -> Result<NewComment, Problem> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|_| Problem::bad_request("bad_json", "The request body is not valid JSON."))?;
    let name = value
        .pointer("/author/name")
        .and_then(Value::as_str)
        .ok_or_else(|| Problem::invalid("author.name", "Please enter your name."))?;
    let text = value
        .get("body")
        .and_then(Value::as_str)
        .ok_or_else(|| Problem::invalid("body", "Please enter your comment."))?;
    let parent_id = match value.get("parent_id") {
        None | Some(Value::Null) => None,
        // Longer than any id: it cannot name a comment (and is not looked up).
        Some(Value::String(parent)) if parent.chars().count() > MAX_ID_CHARS => {
            return Err(Problem::invalid(
                "parent_id",
                "The comment you are replying to is not available.",
            ))
        }
        Some(Value::String(parent)) => Some(parent.clone()),
        Some(_) => {
            return Err(Problem::invalid("parent_id", "parent_id must be a string or null."))
        }
    };
    Ok(NewComment::new(name, text, parent_id))
}
