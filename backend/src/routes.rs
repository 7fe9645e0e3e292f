//! The contract's endpoints under `/api/v1`, and the built app with SPA fallback for every other
//! path, its HTML pages under the [`PagePolicy`].

use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::extract::{ConnectInfo, DefaultBodyLimit, Path as UrlPath, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use broadsheet_model::{Article, ArticleSummary, Comment, ErrorBody, NewComment, Page};
use serde::Deserialize;
use serde_json::Value;
use tower_http::compression::CompressionLayer;

use crate::article_page::{self, ArticlePages};
use crate::policy::PagePolicy;
use crate::static_files;
use crate::store::Store;
use crate::threads::{self, Sort};

const DEFAULT_PAGE: usize = 20;
const MAX_PAGE: usize = 100;
/// The largest request body read (only comment posts have one); more is answered with 413.
const MAX_POST_BYTES: usize = 64 * 1024;
const MAX_IDEMPOTENCY_KEY_CHARS: usize = 200;
/// The longest article or comment id accepted in a path, a query or a `parent_id`.
const MAX_ID_CHARS: usize = 200;
/// The longest `cursor` (cursors are `o` and an offset) and the largest offset it may carry.
const MAX_CURSOR_CHARS: usize = 20;
const MAX_OFFSET: usize = 1_000_000_000;
/// The longest `section` filter.
const MAX_SECTION_CHARS: usize = 100;
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

/// A failed request, answered in the contract's error shape.
#[derive(Debug)]
pub struct Problem {
    status: StatusCode,
    code: &'static str,
    message: String,
    field: Option<&'static str>,
    /// Seconds, sent as `Retry-After` (with 429).
    retry_after: Option<u64>,
}

impl Problem {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Problem {
        Problem { status, code, message: message.into(), field: None, retry_after: None }
    }

    fn bad_request(code: &'static str, message: impl Into<String>) -> Problem {
        Problem::new(StatusCode::BAD_REQUEST, code, message)
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
        let mut response = (self.status, Json(ErrorBody::new(self.code, self.message, self.field)))
            .into_response();
        if let Some(seconds) = self.retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
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
    /// The query string, or a 400 in the contract's shape (axum's own rejection is plain text),
    /// e.g. for a parameter given twice.
    fn read(query: Result<Query<PageQuery>, QueryRejection>) -> Result<PageQuery, Problem> {
        query
            .map(|Query(query)| query)
            .map_err(|_| Problem::bad_request("bad_query", "The query string is not valid."))
    }

    fn limit(&self) -> Result<usize, Problem> {
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
    fn offset(&self) -> Result<usize, Problem> {
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

    fn sort(&self) -> Result<Sort, Problem> {
        match self.sort.as_deref() {
            None | Some("") | Some("oldest") => Ok(Sort::Oldest),
            Some("newest") => Ok(Sort::Newest),
            Some(_) => {
                Err(Problem::bad_request("bad_sort", "sort must be oldest or newest.").on("sort"))
            }
        }
    }

    fn section(&self) -> Result<Option<&str>, Problem> {
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

/// The article id in the path: at most [`MAX_ID_CHARS`] characters, else 400 (in the contract's
/// shape, like a path that is not valid UTF-8).
fn article_id(path: Result<UrlPath<String>, PathRejection>) -> Result<String, Problem> {
    match path {
        Ok(UrlPath(id)) if id.chars().count() <= MAX_ID_CHARS => Ok(id),
        _ => Err(Problem::bad_request(
            "bad_id",
            format!("An article id is at most {MAX_ID_CHARS} characters of UTF-8."),
        )
        .on("id")),
    }
}

fn next_cursor(offset: usize, more: bool) -> Option<String> {
    more.then(|| format!("o{offset}"))
}

async fn feed(
    State(state): State<AppState>,
    query: Result<Query<PageQuery>, QueryRejection>,
) -> Answer {
    let query = PageQuery::read(query)?;
    let (limit, offset, section) = (query.limit()?, query.offset()?, query.section()?);
    let (items, total) = with_store(&state, |s| s.feed(section, offset, limit))?;
    let next = offset + items.len();
    let page =
        Page { next_cursor: next_cursor(next, next < total), total: Some(total as u64), items };
    Ok(Json(page).into_response())
}

async fn article(
    State(state): State<AppState>,
    id: Result<UrlPath<String>, PathRejection>,
) -> Answer {
    let id = article_id(id)?;
    let article = with_store(&state, |s| s.article(&id))?.ok_or_else(Problem::article_not_found)?;
    Ok(Json(article).into_response())
}

async fn related(
    State(state): State<AppState>,
    id: Result<UrlPath<String>, PathRejection>,
    query: Result<Query<PageQuery>, QueryRejection>,
) -> Answer {
    let (id, query) = (article_id(id)?, PageQuery::read(query)?);
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
    id: Result<UrlPath<String>, PathRejection>,
    query: Result<Query<PageQuery>, QueryRejection>,
) -> Answer {
    let (id, query) = (article_id(id)?, PageQuery::read(query)?);
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
    id: Result<UrlPath<String>, PathRejection>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Answer {
    // Taken as a `Result` so that a body over the limit is answered in the contract's error
    // shape (axum's own rejection is plain text). The limit holds with or without a
    // Content-Length: a chunked body is cut off as soon as it passes the limit.
    let body = body.map_err(|rejection| match rejection.status() {
        StatusCode::PAYLOAD_TOO_LARGE => Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!("The request body is larger than {} KiB.", MAX_POST_BYTES / 1024),
        )
        .on("body"),
        _ => Problem::bad_request("bad_body", "The request body could not be read."),
    })?;
    let id = article_id(id)?;
    require_json(&headers)?;
    let key = idempotency_key(&headers)?;
    let trimmed = decode_new_comment(&body)?.validate().map_err(|errors| {
        let first = &errors[0];
        Problem::invalid(first.field, first.message.clone())
    })?;
    // The key is bound to the article and the exact (trimmed) comment it first created.
    let fingerprint = serde_json::json!({ "article": id, "comment": trimmed }).to_string();
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
        let verdict = match state.limiter.lock() {
            Ok(mut limiter) => limiter.check(client, Instant::now()),
            Err(_) => Err(Duration::from_secs(60)),
        };
        if let Err(wait) = verdict {
            let mut problem = Problem::new(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                "You are posting too quickly. Please wait a minute and try again.",
            );
            // Whole seconds, rounded up, so that a client waiting that long is let through.
            problem.retry_after = Some(wait.as_secs() + u64::from(wait.subsec_nanos() > 0));
            return Ok(Err(problem));
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

/// Comments are posted as JSON only (`application/json`, parameters such as `charset` allowed).
/// This also keeps plain HTML forms on other sites from posting: they cannot send that type
/// without a CORS preflight.
fn require_json(headers: &HeaderMap) -> Result<(), Problem> {
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

/// The address a post is counted against: the connection's peer, or with `trust_forwarded_for`
/// the last address in the last `X-Forwarded-For` header (the one the proxy in front added;
/// earlier entries come from the client and prove nothing). Without the header, the peer.
fn client_address(peer: IpAddr, headers: &HeaderMap, trust_forwarded_for: bool) -> IpAddr {
    if !trust_forwarded_for {
        return peer;
    }
    headers
        .get_all("x-forwarded-for")
        .iter()
        .next_back()
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.rsplit(',').next())
        .and_then(|last| last.trim().parse().ok())
        .unwrap_or(peer)
}

/// Percent-encodes everything but RFC 3986's unreserved characters, for a path segment.
fn encode_segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, Problem> {
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

/// Reads a `NewComment`, naming the field whose shape is wrong.
fn decode_new_comment(body: &[u8]) -> Result<NewComment, Problem> {
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

/// A fixed-window limit on comment posts per client: at most `max` per `window`. A client is an
/// IPv4 address or an IPv6 /64 (one subscriber's usual allocation, so that rotating addresses
/// within it does not help). Memory is bounded: finished windows are forgotten at least once per
/// window, and when `capacity` clients are in their window, the one whose window started first
/// is forgotten to make room.
pub struct RateLimiter {
    max: u32,
    window: Duration,
    capacity: usize,
    /// Each client's window start and the posts allowed in it.
    seen: HashMap<IpAddr, (Instant, u32)>,
    last_pruned: Option<Instant>,
}

impl RateLimiter {
    pub fn new(max: u32, window: Duration, capacity: usize) -> Self {
        RateLimiter {
            max,
            window,
            capacity: capacity.max(1),
            seen: HashMap::new(),
            last_pruned: None,
        }
    }

    /// Counts a post by `ip` at `now`, or says how long until the client may post again.
    pub fn check(&mut self, ip: IpAddr, now: Instant) -> Result<(), Duration> {
        let client = client_key(ip);
        let window = self.window;
        let prune_due = self.last_pruned.is_none_or(|at| now.duration_since(at) >= window);
        if prune_due || self.seen.len() >= self.capacity {
            self.seen.retain(|_, (start, _)| now.duration_since(*start) < window);
            self.last_pruned = Some(now);
        }
        if !self.seen.contains_key(&client) && self.seen.len() >= self.capacity {
            let oldest = self.seen.iter().min_by_key(|(_, (start, _))| *start).map(|(k, _)| *k);
            if let Some(oldest) = oldest {
                self.seen.remove(&oldest);
            }
        }
        let (start, count) = self.seen.entry(client).or_insert((now, 0));
        if now.duration_since(*start) >= window {
            (*start, *count) = (now, 0);
        }
        if *count < self.max {
            *count += 1;
            Ok(())
        } else {
            Err((*start + window).saturating_duration_since(now))
        }
    }

    /// How many clients are remembered.
    #[cfg(test)]
    fn tracked(&self) -> usize {
        self.seen.len()
    }
}

/// IPv4 addresses (also IPv4-mapped IPv6 ones) as they are, IPv6 addresses by their /64.
fn client_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(v4) => IpAddr::V4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(Ipv6Addr::from(v6.to_bits() & !u128::from(u64::MAX))),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_limiter_allows_max_per_window_and_says_when_to_retry() {
        let mut limiter = RateLimiter::new(2, Duration::from_secs(60), 100);
        let ip = IpAddr::from([127, 0, 0, 1]);
        let start = Instant::now();
        assert_eq!(limiter.check(ip, start), Ok(()));
        assert_eq!(limiter.check(ip, start), Ok(()));
        assert_eq!(
            limiter.check(ip, start + Duration::from_secs(1)),
            Err(Duration::from_secs(59)),
            "refused until the window ends"
        );
        assert_eq!(limiter.check(IpAddr::from([127, 0, 0, 2]), start), Ok(()), "per client");
        assert_eq!(limiter.check(ip, start + Duration::from_secs(60)), Ok(()), "a new window");
    }

    #[test]
    fn rate_limiter_memory_is_bounded() {
        let mut limiter = RateLimiter::new(1, Duration::from_secs(60), 100);
        let start = Instant::now();
        for n in 0..1_000u32 {
            let _ = limiter.check(IpAddr::from(n.to_be_bytes()), start);
            assert!(limiter.tracked() <= 100);
        }
        // Finished windows are forgotten even below the capacity.
        let later = start + Duration::from_secs(61);
        assert_eq!(limiter.check(IpAddr::from([10, 0, 0, 1]), later), Ok(()));
        assert_eq!(limiter.tracked(), 1);
    }

    #[test]
    fn rate_limiter_counts_an_ipv6_64_as_one_client() {
        let mut limiter = RateLimiter::new(1, Duration::from_secs(60), 100);
        let now = Instant::now();
        let a: IpAddr = "2001:db8:1:2::1".parse().expect("address");
        let b: IpAddr = "2001:db8:1:2:ffff::9".parse().expect("address");
        let other: IpAddr = "2001:db8:1:3::1".parse().expect("address");
        assert_eq!(limiter.check(a, now), Ok(()));
        assert!(limiter.check(b, now).is_err(), "same /64");
        assert_eq!(limiter.check(other, now), Ok(()));
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().expect("address");
        assert_eq!(limiter.check(mapped, now), Ok(()));
        assert!(limiter.check(IpAddr::from([192, 0, 2, 7]), now).is_err(), "mapped is IPv4");
    }

    #[test]
    fn forwarded_for_counts_only_when_trusted_and_only_its_last_entry() {
        let peer = IpAddr::from([10, 0, 0, 1]);
        let mut headers = HeaderMap::new();
        headers.append("x-forwarded-for", HeaderValue::from_static("198.51.100.1, 203.0.113.9"));
        assert_eq!(client_address(peer, &headers, false), peer);
        assert_eq!(client_address(peer, &headers, true), IpAddr::from([203, 0, 113, 9]));
        headers.append("x-forwarded-for", HeaderValue::from_static("not an address"));
        assert_eq!(client_address(peer, &headers, true), peer);
        assert_eq!(client_address(peer, &HeaderMap::new(), true), peer);
    }

    #[test]
    fn location_segments_are_percent_encoded() {
        assert_eq!(encode_segment("harbour-tram_1.x~"), "harbour-tram_1.x~");
        assert_eq!(encode_segment("a b/é\n"), "a%20b%2F%C3%A9%0A");
    }
}
