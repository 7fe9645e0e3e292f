//! The contract's endpoints under `/api/v1`, and the built app with SPA fallback for every other
//! path, its HTML pages under the [`PagePolicy`].
//!
//! The handlers are here; what they read from a request is in [`extract`], their errors are
//! [`Problem`]s, and comment posts go through [`idempotency`] and the rate limit in [`limits`].

mod extract;
mod idempotency;
mod limits;
mod problem;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, DefaultBodyLimit, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use broadsheet_model::{encode_segment, Article, ArticleSummary, Comment, Page};
use tower_http::compression::CompressionLayer;

use self::extract::{next_cursor, ArticleId, PageQuery, MAX_ID_CHARS, MAX_POST_BYTES};
use self::limits::{client_address, RateLimiter};
use self::problem::{Answer, Problem};
use crate::article_page::{self, ArticlePages};
use crate::policy::PagePolicy;
use crate::static_files;
use crate::store::Store;
use crate::threads;

/// How many clients the rate limiter remembers at most (about 100 bytes each).
const MAX_TRACKED_CLIENTS: usize = 10_000;

#[derive(Clone)]
pub struct AppState {
    store: Arc<Mutex<Store>>,
    limiter: Arc<Mutex<RateLimiter>>,
    /// Whether the client's address is the last one in `X-Forwarded-For` (set by a proxy in
    /// front) rather than the connection's peer address.
    trust_forwarded_for: bool,
}

impl AppState {
    pub fn new(store: Store, posts_per_minute: u32, trust_forwarded_for: bool) -> Self {
        AppState {
            store: Arc::new(Mutex::new(store)),
            limiter: Arc::new(Mutex::new(RateLimiter::new(
                posts_per_minute,
                Duration::from_secs(60),
                MAX_TRACKED_CLIENTS,
            ))),
            trust_forwarded_for,
        }
    }

    /// The article with this id, if there is one and the store can say (for the article pages'
    /// preview, where a failure only means no preview).
    pub fn article(&self, id: &str) -> Option<Article> {
        if id.chars().count() > MAX_ID_CHARS {
            return None;
        }
        with_store(self, |s| s.article(id)).ok().flatten()
    }
}

pub fn router(
    state: AppState,
    dist: &Path,
    policy: PagePolicy,
    article_pages: Option<ArticlePages>,
) -> Router {
    let pages = article_pages.map(|pages| article_page::routes(pages, state.clone()));
    let api = Router::new()
        .route("/articles", get(feed))
        .route("/articles/{id}", get(article))
        .route("/articles/{id}/related", get(related))
        .route("/articles/{id}/comments", get(comments).post(post_comment))
        .method_not_allowed_fallback(|| async {
            Problem::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "This endpoint does not take that method.",
            )
        })
        .fallback(|| async {
            Problem::new(StatusCode::NOT_FOUND, "not_found", "There is no such endpoint.")
        })
        .layer(DefaultBodyLimit::max(MAX_POST_BYTES))
        // Article bodies are text: compressing them matters on slow connections.
        .layer(CompressionLayer::new())
        .with_state(state);
    Router::new()
        .nest("/api/v1", api)
        .merge(pages.unwrap_or_default())
        .merge(static_files::service(dist))
        .layer(axum::middleware::from_fn_with_state(policy, crate::policy::add_policy))
}

/// Runs `f` with the store locked; a poisoned lock is a server error, not a panic.
fn with_store<T>(
    state: &AppState,
    f: impl FnOnce(&mut Store) -> Result<T, rusqlite::Error>,
) -> Result<T, Problem> {
    let mut store = state.store.lock().map_err(Problem::internal)?;
    f(&mut store).map_err(Problem::internal)
}

async fn feed(State(state): State<AppState>, query: PageQuery) -> Answer {
    let (limit, offset, section) = (query.limit()?, query.offset()?, query.section()?);
    let (items, total) = with_store(&state, |s| s.feed(section, offset, limit))?;
    let next = offset + items.len();
    let page =
        Page { next_cursor: next_cursor(next, next < total), total: Some(total as u64), items };
    Ok(Json(page).into_response())
}

async fn article(State(state): State<AppState>, ArticleId(id): ArticleId) -> Answer {
    let article = with_store(&state, |s| s.article(&id))?.ok_or_else(Problem::article_not_found)?;
    Ok(Json(article).into_response())
}

async fn related(
    State(state): State<AppState>,
    ArticleId(id): ArticleId,
    query: PageQuery,
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
    ArticleId(id): ArticleId,
    query: PageQuery,
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
    id: Result<ArticleId, Problem>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Answer {
    // A body over the limit is answered first, whatever else is wrong with the post.
    let body = extract::body(body)?;
    let ArticleId(id) = id?;
    extract::require_json(&headers)?;
    let key = idempotency::idempotency_key(&headers)?;
    let trimmed = extract::new_comment(&body)?.validate().map_err(|errors| {
        let first = &errors[0];
        Problem::invalid(first.field, first.message.clone())
    })?;
    let fingerprint = idempotency::fingerprint(&id, &trimmed);
    let now_ms = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64);
    let client = client_address(peer.ip(), &headers, state.trust_forwarded_for);

    let comment = with_store(&state, |store| {
        let Some(article) = store.article(&id)? else {
            return Ok(Err(Problem::article_not_found()));
        };
        // A replay is answered before the rate limit: a client retrying after a lost answer
        // (or a crash) gets its comment back however fast it retries.
        if let Some(key) = &key {
            if let Some(record) = store.idempotent_record(key)? {
                return Ok(idempotency::replay(&record.fingerprint, &fingerprint, record.comment));
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
        let verdict = match state.limiter.lock() {
            Ok(mut limiter) => limiter.check(client, Instant::now()),
            Err(_) => Err(Duration::from_secs(60)),
        };
        if let Err(wait) = verdict {
            return Ok(Err(Problem::rate_limited(wait)));
        }
        let idempotency = key.as_deref().map(|k| (k, fingerprint.as_str()));
        // Returns only after the transaction committed: the 201 below is never sent for a
        // comment that is not on disk.
        store.insert_comment(&id, &trimmed, now_ms, idempotency).map(Ok)
    })??;
    let location = format!(
        "/api/v1/articles/{}/comments/{}",
        encode_segment(&id),
        encode_segment(&comment.id)
    );
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(comment)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_segments_are_percent_encoded() {
        assert_eq!(encode_segment("harbour-tram_1.x~"), "harbour-tram_1.x~");
        assert_eq!(encode_segment("a b/é\n"), "a%20b%2F%C3%A9%0A");
    }
}
