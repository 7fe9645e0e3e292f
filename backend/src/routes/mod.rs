//! The contract's endpoints under `/api/v1`, and the built app with SPA fallback for every other
//! path, its HTML pages under the [`PagePolicy`].
//!
//! The handlers are here; what they read from a request is in [`extract`], their errors are
//! [`Problem`]s, and comment posts go through [`idempotency`] and the rate limit in [`limits`].
//! `/healthz` and `/readyz` are for process managers and load balancers.
//!
//! The store is one SQLite connection behind a mutex. Its work (fsyncs included) runs on
//! tokio's blocking threads, so a slow disk or a database locked by another process holds up
//! only the requests that need the store, never the ones that do not.

mod extract;
mod idempotency;
mod limits;
mod problem;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::error_handling::HandleErrorLayer;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, DefaultBodyLimit, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use broadsheet_model::{encode_segment, Article, ArticleSummary, Comment, Page};
use tokio::sync::Semaphore;
use tower::{BoxError, ServiceBuilder};
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

use self::extract::{next_cursor, ArticleId, PageQuery, MAX_ID_CHARS, MAX_POST_BYTES};
use self::limits::{client_address, RateLimiter};
use self::problem::{Answer, Problem};
use broadsheet_publish::ArticlePages;

use crate::article_page;
use crate::policy::PagePolicy;
use crate::static_files;
use crate::store::Store;
use crate::threads;

/// How many clients the rate limiter remembers at most (about 100 bytes each).
const MAX_TRACKED_CLIENTS: usize = 10_000;
/// How long `/readyz` waits for the store before answering 503.
const READY_DEADLINE: Duration = Duration::from_secs(2);
/// `/readyz` checks running at once: a store that hangs holds at most this many threads.
const MAX_READY_CHECKS: usize = 4;

#[derive(Clone)]
pub struct AppState {
    store: Arc<Mutex<Store>>,
    limiter: Arc<Mutex<RateLimiter>>,
    /// Whether the client's address is the last one in `X-Forwarded-For` (set by a proxy in
    /// front) rather than the connection's peer address.
    trust_forwarded_for: bool,
    ready_checks: Arc<Semaphore>,
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
            ready_checks: Arc::new(Semaphore::new(MAX_READY_CHECKS)),
        }
    }

    /// The article with this id, if there is one and the store can say (for the article pages'
    /// preview, where a failure only means no preview).
    /// The `limit` newest articles, or `None` when the store cannot say.
    pub async fn recent_articles(&self, limit: usize) -> Option<Vec<Article>> {
        with_store(self, move |s| s.recent_articles(limit)).await.ok()
    }

    pub async fn article(&self, id: String) -> Option<Article> {
        if id.chars().count() > MAX_ID_CHARS {
            return None;
        }
        with_store(self, move |s| s.article(&id)).await.ok().flatten()
    }
}

/// Milliseconds since the Unix epoch by this server's clock (0 if it is set before 1970).
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| i64::try_from(since.as_millis()).unwrap_or(i64::MAX))
}

/// Every answer: the API, the app's files and pages, and the health checks. A request gets
/// `request_timeout` from when its head is in to be answered (its body read included): 408
/// after that, in the contract's error shape under `/api/v1`.
pub fn router(
    state: AppState,
    dist: &Path,
    policy: PagePolicy,
    article_pages: Option<ArticlePages>,
    request_timeout: Duration,
) -> Router {
    // Feeds and the sitemap list this server's articles under the app's own addresses, so they
    // are served when the app reads this server's API, as article pages are.
    let discovery = article_pages.as_ref().map(|pages| {
        let description = pages.interface().site_description(pages.site.name());
        crate::discovery::routes(pages.site.clone(), description, state.clone())
    });
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
        .layer(
            ServiceBuilder::new()
                .layer(HandleErrorLayer::new(|_: BoxError| async { Problem::timed_out() }))
                .timeout(request_timeout),
        )
        .with_state(state.clone());
    let site = Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .with_state(state)
        .merge(crate::csp_reports::routes())
        .merge(pages.unwrap_or_default())
        .merge(discovery.unwrap_or_default())
        .merge(static_files::service(dist))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, request_timeout));
    Router::new()
        .nest("/api/v1", api)
        .merge(site)
        .layer(axum::middleware::from_fn_with_state(policy, crate::policy::add_policy))
        // On every answer, as the static-host configurations send them
        // (docs/static-hosting.md#the-headers-and-why).
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
}

/// Runs `f` with the store locked, on a blocking thread; a failure (or a panic in `f`) is a
/// server error.
async fn with_store<T, F>(state: &AppState, f: F) -> Result<T, Problem>
where
    T: Send + 'static,
    F: FnOnce(&mut Store) -> Result<T, rusqlite::Error> + Send + 'static,
{
    let store = Arc::clone(&state.store);
    tokio::task::spawn_blocking(move || f(&mut lock(&store)))
        .await
        .map_err(Problem::internal)?
        .map_err(Problem::internal)
}

/// Locks `mutex`, also after a panic while it was held. The store's data is then as the last
/// commit left it (a transaction that was open rolls back when dropped) and the rate limiter's
/// counts at worst one off, so carrying on is right; refusing every later request until a
/// restart is not.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The process is up and answering.
async fn healthz() -> Response {
    plain(StatusCode::OK, "ok\n")
}

/// The store answers a query within [`READY_DEADLINE`]: else 503, and a load balancer sends
/// readers elsewhere.
async fn readyz(State(state): State<AppState>) -> Response {
    let not_ready = || plain(StatusCode::SERVICE_UNAVAILABLE, "the store is not answering\n");
    // Held by the check until its blocking work ends, even after the deadline passed.
    let Ok(check) = Arc::clone(&state.ready_checks).try_acquire_owned() else {
        return not_ready();
    };
    let ping = with_store(&state, move |store| {
        let _check = check;
        store.ping()
    });
    match tokio::time::timeout(READY_DEADLINE, ping).await {
        Ok(Ok(())) => plain(StatusCode::OK, "ready\n"),
        _ => not_ready(),
    }
}

/// A short plain-text answer that no cache keeps.
fn plain(status: StatusCode, text: &'static str) -> Response {
    (status, [(header::CACHE_CONTROL, "no-store")], text).into_response()
}

async fn feed(State(state): State<AppState>, query: PageQuery) -> Answer {
    let (limit, offset, section) = (query.limit()?, query.offset()?, query.section()?);
    let section = section.map(str::to_owned);
    let (items, total) =
        with_store(&state, move |s| s.feed(section.as_deref(), offset, limit)).await?;
    let next = offset + items.len();
    let page =
        Page { next_cursor: next_cursor(next, next < total), total: Some(total as u64), items };
    Ok(Json(page).into_response())
}

async fn article(State(state): State<AppState>, ArticleId(id): ArticleId) -> Answer {
    let article = with_store(&state, move |s| s.article(&id))
        .await?
        .ok_or_else(Problem::article_not_found)?;
    Ok(Json(article).into_response())
}

async fn related(
    State(state): State<AppState>,
    ArticleId(id): ArticleId,
    query: PageQuery,
) -> Answer {
    let limit = query.limit()?;
    let items = with_store(&state, move |s| match s.article(&id)? {
        Some(_) => s.related(&id, limit).map(Some),
        None => Ok(None),
    })
    .await?
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
    let all = with_store(&state, move |s| match s.article(&id)? {
        Some(_) => s.comments(&id).map(Some),
        None => Ok(None),
    })
    .await?
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
    let now_ms = now_ms();
    let client = client_address(peer.ip(), &headers, state.trust_forwarded_for);

    let limiter = Arc::clone(&state.limiter);
    let article_id = id.clone();
    let comment = with_store(&state, move |store| {
        let id = article_id;
        let Some(article) = store.article(&id)? else {
            return Ok(Err(Problem::article_not_found()));
        };
        // A replay is answered before the rate limit: a client retrying after a lost answer
        // (or a crash) gets its comment back however fast it retries.
        if let Some(key) = &key {
            if let Some(record) = store.idempotent_record(&id, key, now_ms)? {
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
        if let Err(wait) = lock(&limiter).check(client, Instant::now()) {
            return Ok(Err(Problem::rate_limited(wait)));
        }
        let idempotency = key.as_deref().map(|k| (k, fingerprint.as_str()));
        // Returns only after the transaction committed: the 201 below is never sent for a
        // comment that is not on disk.
        store.insert_comment(&id, &trimmed, now_ms, idempotency).map(Ok)
    })
    .await??;
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
    use crate::policy::BuildSources;
    use crate::serve::{serve, Limits};

    #[test]
    fn location_segments_are_percent_encoded() {
        assert_eq!(encode_segment("harbour-tram_1.x~"), "harbour-tram_1.x~");
        assert_eq!(encode_segment("a b/é\n"), "a%20b%2F%C3%A9%0A");
    }

    /// Locks `mutex` on another thread and panics there, as a bug in a handler would.
    fn poison<T: Send + 'static>(mutex: &Arc<Mutex<T>>) {
        let mutex = Arc::clone(mutex);
        let panicked = std::thread::spawn(move || {
            let _guard = mutex.lock();
            panic!("a bug while the lock was held (this panic is the test's)");
        })
        .join();
        assert!(panicked.is_err());
    }

    #[test]
    fn a_panic_while_the_store_or_the_limiter_was_locked_fails_no_later_request() {
        let state = AppState::new(Store::demo_in_memory(), 100, false);
        poison(&state.store);
        poison(&state.limiter);
        assert!(state.store.is_poisoned() && state.limiter.is_poisoned());

        // The real router, served over TCP.
        let dist = tempfile::tempdir().expect("temp dir");
        let policy = PagePolicy::new(&BuildSources::default()).expect("policy");
        let app = router(state, dist.path(), policy, None, Duration::from_secs(10));
        let runtime = tokio::runtime::Runtime::new().expect("runtime");
        let listener =
            runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).expect("listens");
        let base = format!("http://{}/api/v1", listener.local_addr().expect("address"));
        let limits = Limits {
            header_timeout: Duration::from_secs(10),
            max_connections: 16,
            shutdown_grace: Duration::from_secs(1),
        };
        runtime.spawn(serve(listener, app, limits, std::future::pending()));

        let agent: ureq::Agent =
            ureq::Agent::config_builder().http_status_as_error(false).build().into();
        let feed = agent.get(format!("{base}/articles?limit=100")).call().expect("answers");
        assert_eq!(feed.status().as_u16(), 200);
        let feed: serde_json::Value = feed.into_body().read_json().expect("JSON");
        let open = feed["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter_map(|a| a["id"].as_str())
            .find(|id| {
                let article = agent.get(format!("{base}/articles/{id}")).call().expect("answers");
                let article: serde_json::Value = article.into_body().read_json().expect("JSON");
                article["comments"]["enabled"] == true
            })
            .expect("an article with comments")
            .to_owned();
        let post = agent
            .post(format!("{base}/articles/{open}/comments"))
            .send_json(serde_json::json!({"author": {"name": "Sam"}, "body": "Still here."}))
            .expect("answers");
        assert_eq!(post.status().as_u16(), 201, "the store and the rate limit still work");
    }
}
