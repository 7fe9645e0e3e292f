//! The contract's endpoints under `/api/v1`, and the built app with SPA fallback for every other
//! path, its HTML pages under the [`PagePolicy`].

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Path as UrlPath, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use broadsheet_model::{ArticleSummary, Comment, ErrorBody, NewComment, Page};
use serde::Deserialize;
use serde_json::Value;
use tower_http::compression::CompressionLayer;

use crate::policy::PagePolicy;
use crate::static_files;
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

pub fn router(state: AppState, dist: &Path, policy: PagePolicy) -> Router {
    let api = Router::new()
        .route("/articles", get(feed))
        .route("/articles/{id}", get(article))
        .route("/articles/{id}/related", get(related))
        .route("/articles/{id}/comments", get(comments).post(post_comment))
        .fallback(|| async {
            Problem::new(StatusCode::NOT_FOUND, "not_found", "There is no such endpoint.")
        })
        .layer(DefaultBodyLimit::max(MAX_POST_BYTES))
        // Article bodies are text: compressing them matters on slow connections.
        .layer(CompressionLayer::new())
        .with_state(state);
    Router::new()
        .nest("/api/v1", api)
        .merge(static_files::service(dist))
        .layer(axum::middleware::from_fn_with_state(policy, crate::policy::add_policy))
}

/// A failed request, answered in the contract's error shape.
#[derive(Debug)]
pub struct Problem {
    status: StatusCode,
    code: &'static str,
    message: String,
    field: Option<&'static str>,
}

impl Problem {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Problem {
        Problem { status, code, message: message.into(), field: None }
    }

    fn on(mut self, field: &'static str) -> Problem {
        self.field = Some(field);
        self
    }

    fn article_not_found() -> Problem {
        Problem::new(StatusCode::NOT_FOUND, "not_found", "There is no article with that id.")
    }

    fn invalid(field: &'static str, message: impl Into<String>) -> Problem {
        Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "validation", message).on(field)
    }

    fn internal(e: impl std::fmt::Display) -> Problem {
        eprintln!("internal error: {e}");
        Problem::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "Something went wrong on the server.",
        )
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        (self.status, Json(ErrorBody::new(self.code, self.message, self.field))).into_response()
    }
}

type Answer = Result<Response, Problem>;

/// Runs `f` with the store locked; a poisoned lock is a server error, not a panic.
fn with_store<T>(
    state: &AppState,
    f: impl FnOnce(&mut Store) -> Result<T, rusqlite::Error>,
) -> Result<T, Problem> {
    let mut store = state.store.lock().map_err(Problem::internal)?;
    f(&mut store).map_err(Problem::internal)
}

#[derive(Deserialize)]
struct PageQuery {
    cursor: Option<String>,
    limit: Option<String>,
    sort: Option<String>,
    /// Feed only: articles of one section (an extension of the contract's feed endpoint).
    section: Option<String>,
}

impl PageQuery {
    fn limit(&self) -> Result<usize, Problem> {
        match self.limit.as_deref().filter(|l| !l.is_empty()) {
            None => Ok(DEFAULT_PAGE),
            Some(text) => match text.parse::<usize>() {
                Ok(n) if (1..=MAX_PAGE).contains(&n) => Ok(n),
                _ => Err(Problem::new(
                    StatusCode::BAD_REQUEST,
                    "bad_limit",
                    format!("limit must be a whole number from 1 to {MAX_PAGE}."),
                )
                .on("limit")),
            },
        }
    }

    /// Cursors are opaque to clients; here they are the offset of the next page's first entry.
    fn offset(&self) -> Result<usize, Problem> {
        match self.cursor.as_deref().filter(|c| !c.is_empty()) {
            None => Ok(0),
            Some(cursor) => {
                cursor.strip_prefix('o').and_then(|n| n.parse().ok()).ok_or_else(|| {
                    Problem::new(StatusCode::BAD_REQUEST, "bad_cursor", "The cursor is not valid.")
                        .on("cursor")
                })
            }
        }
    }

    fn sort(&self) -> Result<Sort, Problem> {
        match self.sort.as_deref() {
            None | Some("") | Some("oldest") => Ok(Sort::Oldest),
            Some("newest") => Ok(Sort::Newest),
            Some(_) => Err(Problem::new(
                StatusCode::BAD_REQUEST,
                "bad_sort",
                "sort must be oldest or newest.",
            )
            .on("sort")),
        }
    }
}

fn next_cursor(offset: usize, more: bool) -> Option<String> {
    more.then(|| format!("o{offset}"))
}

async fn feed(State(state): State<AppState>, Query(query): Query<PageQuery>) -> Answer {
    let (limit, offset) = (query.limit()?, query.offset()?);
    let section = query.section.as_deref().filter(|s| !s.is_empty());
    let (items, total) = with_store(&state, |s| s.feed(section, offset, limit))?;
    let next = offset + items.len();
    let page =
        Page { next_cursor: next_cursor(next, next < total), total: Some(total as u64), items };
    Ok(Json(page).into_response())
}

async fn article(State(state): State<AppState>, UrlPath(id): UrlPath<String>) -> Answer {
    let article = with_store(&state, |s| s.article(&id))?.ok_or_else(Problem::article_not_found)?;
    Ok(Json(article).into_response())
}

async fn related(
    State(state): State<AppState>,
    UrlPath(id): UrlPath<String>,
    Query(query): Query<PageQuery>,
) -> Answer {
    let limit = query.limit()?;
    let items = with_store(&state, |s| match s.article(&id)? {
        Some(_) => s.related(&id, limit).map(Some),
        None => Ok(None),
    })?
    .ok_or_else(Problem::article_not_found)?;
    let page: Page<ArticleSummary> =
        Page { total: Some(items.len() as u64), next_cursor: None, items };
    Ok(Json(page).into_response())
}

async fn comments(
    State(state): State<AppState>,
    UrlPath(id): UrlPath<String>,
    Query(query): Query<PageQuery>,
) -> Answer {
    let (limit, offset, sort) = (query.limit()?, query.offset()?, query.sort()?);
    let all = with_store(&state, |s| match s.article(&id)? {
        Some(_) => s.comments(&id).map(Some),
        None => Ok(None),
    })?
    .ok_or_else(Problem::article_not_found)?;
    let total = all.len() as u64;
    let (items, more) = threads::page(&all, sort, offset, limit);
    let page: Page<Comment> =
        Page { items, next_cursor: next_cursor(offset + limit, more), total: Some(total) };
    Ok(Json(page).into_response())
}

async fn post_comment(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    UrlPath(id): UrlPath<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Answer {
    // Taken as a `Result` so that a body over the limit is answered in the contract's error
    // shape (axum's own rejection is plain text).
    let body = body.map_err(|rejection| match rejection.status() {
        StatusCode::PAYLOAD_TOO_LARGE => Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!("The request body is larger than {} KiB.", MAX_POST_BYTES / 1024),
        )
        .on("body"),
        _ => {
            Problem::new(StatusCode::BAD_REQUEST, "bad_body", "The request body could not be read.")
        }
    })?;
    let key = idempotency_key(&headers)?;
    let trimmed = decode_new_comment(&body)?.validate().map_err(|errors| {
        let first = &errors[0];
        Problem::invalid(first.field, first.message.clone())
    })?;
    // The key is bound to the article and the exact (trimmed) comment it first created.
    let fingerprint = serde_json::json!({ "article": id, "comment": trimmed }).to_string();
    let now_ms = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64);

    let comment = with_store(&state, |store| {
        let Some(article) = store.article(&id)? else {
            return Ok(Err(Problem::article_not_found()));
        };
        if let Some(key) = &key {
            if let Some(record) = store.idempotent_record(key)? {
                return Ok(if record.fingerprint == fingerprint {
                    Ok(record.comment)
                } else {
                    Err(Problem::new(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "idempotency_key_reused",
                        "This Idempotency-Key was already used for a different comment.",
                    ))
                });
            }
        }
        if !article.comments_enabled() {
            return Ok(Err(Problem::new(
                StatusCode::FORBIDDEN,
                "comments_closed",
                "Comments are closed on this article.",
            )));
        }
        if let Some(parent_id) = &trimmed.parent_id {
            let replyable = store.comment(&id, parent_id)?.is_some_and(|parent| !parent.deleted);
            if !replyable {
                return Ok(Err(Problem::invalid(
                    "parent_id",
                    "The comment you are replying to is not available.",
                )));
            }
        }
        let allowed =
            state.limiter.lock().map(|mut l| l.allow(peer.ip(), Instant::now())).unwrap_or(false);
        if !allowed {
            return Ok(Err(Problem::new(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                "You are posting too quickly. Please wait a minute and try again.",
            )));
        }
        let idempotency = key.as_deref().map(|k| (k, fingerprint.as_str()));
        store.insert_comment(&id, &trimmed, now_ms, idempotency).map(Ok)
    })??;
    let location = format!("/api/v1/articles/{id}/comments/{}", comment.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(comment)).into_response())
}

fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, Problem> {
    let Some(value) = headers.get("idempotency-key") else {
        return Ok(None);
    };
    match value.to_str().map(str::trim) {
        Ok(key) if (1..=MAX_IDEMPOTENCY_KEY_CHARS).contains(&key.chars().count()) => {
            Ok(Some(key.to_owned()))
        }
        _ => Err(Problem::new(
            StatusCode::BAD_REQUEST,
            "bad_idempotency_key",
            "The Idempotency-Key header is not valid.",
        )),
    }
}

/// Reads a `NewComment`, naming the field whose shape is wrong.
fn decode_new_comment(body: &[u8]) -> Result<NewComment, Problem> {
    let value: Value = serde_json::from_slice(body).map_err(|_| {
        Problem::new(StatusCode::BAD_REQUEST, "bad_json", "The request body is not valid JSON.")
    })?;
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
        Some(Value::String(parent)) => Some(parent.clone()),
        Some(_) => {
            return Err(Problem::invalid("parent_id", "parent_id must be a string or null."))
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
        RateLimiter { max, window, seen: HashMap::new() }
    }

    pub fn allow(&mut self, ip: IpAddr, now: Instant) -> bool {
        // Forget finished windows so the map cannot grow without bound.
        let window = self.window;
        self.seen.retain(|_, (start, _)| now.duration_since(*start) < window);
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
