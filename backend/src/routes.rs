//! The contract's endpoints under `/api/v1`, and the built app with SPA fallback for every other path.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Path as UrlPath, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use broadsheet_model::{ArticleSummary, Comment, ErrorBody, NewComment, Page};
use serde::Deserialize;
use serde_json::Value;
use tower_http::services::{ServeDir, ServeFile};

use crate::store::Store;
use crate::threads::{self, Sort};

const DEFAULT_PAGE: usize = 20;
const MAX_PAGE: usize = 100;
const MAX_POST_BYTES: usize = 64 * 1024;
const MAX_IDEMPOTENCY_KEY_CHARS: usize = 200;

#[derive(Clone)]
pub struct AppState {
    store: Arc<Mutex<Store>>,
    limiter: Arc<Mutex<RateLimiter>>,
}

impl AppState {
    pub fn new(store: Store, posts_per_minute: u32) -> Self {
        AppState {
            store: Arc::new(Mutex::new(store)),
            limiter: Arc::new(Mutex::new(RateLimiter::new(
                posts_per_minute,
                Duration::from_secs(60),
            ))),
        }
    }
}

pub fn router(state: AppState, dist: &Path) -> Router {
    let api = Router::new()
        .route("/articles", get(feed))
        .route("/articles/{id}", get(article))
        .route("/articles/{id}/related", get(related))
        .route("/articles/{id}/comments", get(comments).post(post_comment))
        .fallback(|| async {
            error(
                StatusCode::NOT_FOUND,
                "not_found",
                "There is no such endpoint.",
                None,
            )
        })
        .layer(DefaultBodyLimit::max(MAX_POST_BYTES))
        .with_state(state);
    // Any path that is not a file is a route of the single-page app: answer with index.html.
    let app = ServeDir::new(dist).fallback(ServeFile::new(dist.join("index.html")));
    Router::new().nest("/api/v1", api).fallback_service(app)
}

/// An error in the contract's shape.
fn error(status: StatusCode, code: &str, message: &str, field: Option<&str>) -> Response {
    (status, Json(ErrorBody::new(code, message, field))).into_response()
}

fn internal(e: impl std::fmt::Display) -> Response {
    eprintln!("internal error: {e}");
    error(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
        "Something went wrong on the server.",
        None,
    )
}

/// Runs `f` with the store locked; a poisoned lock is a server error, not a panic.
fn with_store<T>(
    state: &AppState,
    f: impl FnOnce(&mut Store) -> Result<T, rusqlite::Error>,
) -> Result<T, Response> {
    let mut store = state.store.lock().map_err(internal)?;
    f(&mut store).map_err(internal)
}

#[derive(Deserialize)]
struct PageQuery {
    cursor: Option<String>,
    limit: Option<String>,
    sort: Option<String>,
}

impl PageQuery {
    fn limit(&self) -> Result<usize, Response> {
        match self.limit.as_deref().filter(|l| !l.is_empty()) {
            None => Ok(DEFAULT_PAGE),
            Some(text) => match text.parse::<usize>() {
                Ok(n) if (1..=MAX_PAGE).contains(&n) => Ok(n),
                _ => Err(error(
                    StatusCode::BAD_REQUEST,
                    "bad_limit",
                    &format!("limit must be a whole number from 1 to {MAX_PAGE}."),
                    Some("limit"),
                )),
            },
        }
    }

    /// Cursors are opaque to clients; here they are the offset of the next page's first entry.
    fn offset(&self) -> Result<usize, Response> {
        match self.cursor.as_deref().filter(|c| !c.is_empty()) {
            None => Ok(0),
            Some(cursor) => cursor
                .strip_prefix("o")
                .and_then(|n| n.parse().ok())
                .ok_or_else(|| {
                    error(
                        StatusCode::BAD_REQUEST,
                        "bad_cursor",
                        "The cursor is not valid.",
                        Some("cursor"),
                    )
                }),
        }
    }
}

fn next_cursor(offset: usize, more: bool) -> Option<String> {
    more.then(|| format!("o{offset}"))
}

async fn feed(State(state): State<AppState>, Query(query): Query<PageQuery>) -> Response {
    let (limit, offset) = match (query.limit(), query.offset()) {
        (Ok(l), Ok(o)) => (l, o),
        (Err(e), _) | (_, Err(e)) => return e,
    };
    match with_store(&state, |s| s.feed(offset, limit)) {
        Ok((items, total)) => {
            let next = offset + items.len();
            Json(Page {
                next_cursor: next_cursor(next, next < total),
                total: Some(total as u64),
                items,
            })
            .into_response()
        }
        Err(response) => response,
    }
}

fn article_not_found() -> Response {
    error(
        StatusCode::NOT_FOUND,
        "not_found",
        "There is no article with that id.",
        None,
    )
}

async fn article(State(state): State<AppState>, UrlPath(id): UrlPath<String>) -> Response {
    match with_store(&state, |s| s.article(&id)) {
        Ok(Some(article)) => Json(article).into_response(),
        Ok(None) => article_not_found(),
        Err(response) => response,
    }
}

async fn related(
    State(state): State<AppState>,
    UrlPath(id): UrlPath<String>,
    Query(query): Query<PageQuery>,
) -> Response {
    let limit = match query.limit() {
        Ok(limit) => limit,
        Err(e) => return e,
    };
    let found = with_store(&state, |s| {
        Ok(match s.article(&id)? {
            Some(_) => Some(s.related(&id, limit)?),
            None => None,
        })
    });
    match found {
        Ok(Some(items)) => {
            let page: Page<ArticleSummary> = Page {
                total: Some(items.len() as u64),
                next_cursor: None,
                items,
            };
            Json(page).into_response()
        }
        Ok(None) => article_not_found(),
        Err(response) => response,
    }
}

async fn comments(
    State(state): State<AppState>,
    UrlPath(id): UrlPath<String>,
    Query(query): Query<PageQuery>,
) -> Response {
    let (limit, offset) = match (query.limit(), query.offset()) {
        (Ok(l), Ok(o)) => (l, o),
        (Err(e), _) | (_, Err(e)) => return e,
    };
    let sort = match query.sort.as_deref() {
        None | Some("") | Some("oldest") => Sort::Oldest,
        Some("newest") => Sort::Newest,
        Some(_) => {
            return error(
                StatusCode::BAD_REQUEST,
                "bad_sort",
                "sort must be oldest or newest.",
                Some("sort"),
            )
        }
    };
    let found = with_store(&state, |s| {
        Ok(match s.article(&id)? {
            Some(_) => Some(s.comments(&id)?),
            None => None,
        })
    });
    match found {
        Ok(Some(all)) => {
            let total = all.len() as u64;
            let (items, more) = threads::page(&all, sort, offset, limit);
            let page: Page<Comment> = Page {
                items,
                next_cursor: next_cursor(offset + limit, more),
                total: Some(total),
            };
            Json(page).into_response()
        }
        Ok(None) => article_not_found(),
        Err(response) => response,
    }
}

async fn post_comment(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    UrlPath(id): UrlPath<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let key = match headers.get("idempotency-key").map(|v| v.to_str()) {
        None => None,
        Some(Ok(key)) if (1..=MAX_IDEMPOTENCY_KEY_CHARS).contains(&key.trim().chars().count()) => {
            Some(key.trim().to_owned())
        }
        Some(_) => {
            return error(
                StatusCode::BAD_REQUEST,
                "bad_idempotency_key",
                "The Idempotency-Key header is not valid.",
                None,
            )
        }
    };
    let new = match decode_new_comment(&body) {
        Ok(new) => new,
        Err(response) => return response,
    };
    let trimmed = match new.validate() {
        Ok(trimmed) => trimmed,
        Err(errors) => {
            let first = &errors[0];
            return error(
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation",
                &first.message,
                Some(first.field),
            );
        }
    };
    // The key is bound to the article and the exact (trimmed) comment it first created.
    let fingerprint = serde_json::json!({ "article": id, "comment": trimmed }).to_string();
    let now_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64);

    let outcome = with_store(&state, |store| {
        let Some(article) = store.article(&id)? else {
            return Ok(Err(article_not_found()));
        };
        if let Some(key) = &key {
            if let Some(record) = store.idempotent_record(key)? {
                return Ok(if record.fingerprint == fingerprint {
                    Ok(record.comment)
                } else {
                    Err(error(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "idempotency_key_reused",
                        "This Idempotency-Key was already used for a different comment.",
                        None,
                    ))
                });
            }
        }
        if !article.comments_enabled() {
            return Ok(Err(error(
                StatusCode::FORBIDDEN,
                "comments_closed",
                "Comments are closed on this article.",
                None,
            )));
        }
        if let Some(parent_id) = &trimmed.parent_id {
            match store.comment(&id, parent_id)? {
                Some(parent) if !parent.deleted => {}
                _ => {
                    return Ok(Err(error(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "validation",
                        "The comment you are replying to is not available.",
                        Some("parent_id"),
                    )))
                }
            }
        }
        let allowed = state
            .limiter
            .lock()
            .map(|mut l| l.allow(peer.ip(), Instant::now()))
            .unwrap_or(false);
        if !allowed {
            return Ok(Err(error(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                "You are posting too quickly. Please wait a minute and try again.",
                None,
            )));
        }
        let idempotency = key.as_deref().map(|k| (k, fingerprint.as_str()));
        Ok(Ok(store.insert_comment(
            &id,
            &trimmed,
            now_ms,
            idempotency,
        )?))
    });
    match outcome {
        Ok(Ok(comment)) => {
            let location = format!("/api/v1/articles/{id}/comments/{}", comment.id);
            (
                StatusCode::CREATED,
                [(header::LOCATION, location)],
                Json(comment),
            )
                .into_response()
        }
        Ok(Err(response)) | Err(response) => response,
    }
}

/// Reads a `NewComment`, naming the field whose shape is wrong.
fn decode_new_comment(body: &[u8]) -> Result<NewComment, Response> {
    let value: Value = serde_json::from_slice(body).map_err(|_| {
        error(
            StatusCode::BAD_REQUEST,
            "bad_json",
            "The request body is not valid JSON.",
            None,
        )
    })?;
    let shape_error = |field: &str, message: &str| {
        error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            message,
            Some(field),
        )
    };
    let name = value
        .pointer("/author/name")
        .and_then(Value::as_str)
        .ok_or_else(|| shape_error("author.name", "Please enter your name."))?;
    let text = value
        .get("body")
        .and_then(Value::as_str)
        .ok_or_else(|| shape_error("body", "Please enter your comment."))?;
    let parent_id = match value.get("parent_id") {
        None | Some(Value::Null) => None,
        Some(Value::String(parent)) => Some(parent.clone()),
        Some(_) => {
            return Err(shape_error(
                "parent_id",
                "parent_id must be a string or null.",
            ))
        }
    };
    Ok(NewComment::new(name, text, parent_id))
}

/// A fixed-window limit on comment posts per client address.
pub struct RateLimiter {
    max: u32,
    window: Duration,
    seen: HashMap<IpAddr, (Instant, u32)>,
}

impl RateLimiter {
    pub fn new(max: u32, window: Duration) -> Self {
        RateLimiter {
            max,
            window,
            seen: HashMap::new(),
        }
    }

    pub fn allow(&mut self, ip: IpAddr, now: Instant) -> bool {
        // Forget finished windows so the map cannot grow without bound.
        let window = self.window;
        self.seen
            .retain(|_, (start, _)| now.duration_since(*start) < window);
        let (_, count) = self.seen.entry(ip).or_insert((now, 0));
        *count += 1;
        *count <= self.max
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_limiter_allows_max_per_window() {
        let mut limiter = RateLimiter::new(2, Duration::from_secs(60));
        let ip = IpAddr::from([127, 0, 0, 1]);
        let start = Instant::now();
        assert!(limiter.allow(ip, start));
        assert!(limiter.allow(ip, start));
        assert!(!limiter.allow(ip, start + Duration::from_secs(1)));
        assert!(limiter.allow(IpAddr::from([127, 0, 0, 2]), start));
        assert!(limiter.allow(ip, start + Duration::from_secs(61)));
    }
}
