//! The one fetch helper every request goes through: a time limit, retries with backoff where
//! they are safe, status mapping, and JSON decoding.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen_futures::JsFuture;

use super::surrogates::without_lone_surrogates;
use super::ApiError;
use crate::model::{Entries, ErrorBody, ErrorDetail, Page, RawPage};

/// How long one attempt may take before the reader is told it failed: a backend 10 s late is
/// down as far as a reader is concerned. `public/early.js` uses the same limit.
pub const TIMEOUT_MS: u32 = 8_000;
/// Attempts in all, the first included.
pub const MAX_ATTEMPTS: u32 = 3;
/// The wait before the first retry; it doubles for each one after.
pub const FIRST_RETRY_DELAY_MS: u32 = 300;

/// The most a response's body may hold, by the kind of request. A bigger answer is refused with
/// [`ApiError::TooLarge`] while it streams in, before it reaches the wasm's memory: a huge answer
/// (broken or hostile) would otherwise exhaust it and abort the whole app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// The configuration, a catalogue, the answer to a post: 1 MiB.
    Small,
    /// An article, a page of a feed or of related stories, a JSON Feed document: 16 MiB (the
    /// 10 MB article and 100,000 related stories of `specs/limits.spec.ts` are read and cut).
    Page,
    /// A page of comments, which may hold thousands (see [`get_long_page_until`]): 32 MiB.
    LongPage,
}

impl Limit {
    pub const fn bytes(self) -> usize {
        match self {
            Limit::Small => 1 << 20,
            Limit::Page => 16 << 20,
            Limit::LongPage => 32 << 20,
        }
    }
}

/// Whether a response's `Content-Length` already says it is over `limit` (a missing or garbled
/// one says nothing: the body is counted as it comes).
pub fn declared_over(content_length: Option<&str>, limit: usize) -> bool {
    content_length
        .and_then(|length| length.trim().parse::<u64>().ok())
        .is_some_and(|length| length > limit as u64)
}

/// How an attempt ended, as far as the retry policy cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Status(u16),
    NetworkError,
    Timeout,
}

/// The wait before retrying after `attempt` (0 for the first), or `None` to stop. Only requests
/// that are safe to repeat are retried (GETs, and POSTs that carry an idempotency key), only
/// after errors that a retry can cure (no answer, 502, 503, 504), never after 4xx or a timeout
/// (the reader has already waited the full time limit).
pub fn retry_delay(attempt: u32, outcome: Outcome, repeatable: bool) -> Option<u32> {
    let curable = matches!(outcome, Outcome::NetworkError | Outcome::Status(502..=504));
    (repeatable && curable && attempt + 1 < MAX_ATTEMPTS).then(|| FIRST_RETRY_DELAY_MS << attempt)
}

/// A retry's wait spread over its upper half by `random` (0 to 1): readers whose requests failed
/// together, when a backend fell over, do not all come back at the same moment.
pub fn with_jitter(delay: u32, random: f64) -> u32 {
    let half = delay / 2;
    half + (f64::from(delay - half) * random.clamp(0.0, 1.0)) as u32
}

pub async fn get_json<T: DeserializeOwned>(url: &str) -> Result<T, ApiError> {
    get_json_until(url, None).await
}

/// Like [`get_json`], abandoned (the request aborted) when `leave` fires: for requests that
/// belong to a page, which stop mattering once the reader has left it.
pub async fn get_json_until<T: DeserializeOwned>(
    url: &str,
    leave: Option<&web_sys::AbortSignal>,
) -> Result<T, ApiError> {
    decode(&send(Request { leave, ..Request::get(url) }).await?.text)
}

/// Entries decoded per slice by [`get_long_page_until`]: 10 to 20 ms of work each here.
const DECODE_SLICE: usize = 2_500;

/// Like [`get_json_until`], for a page that can hold thousands of entries (a comment thread):
/// the entries are decoded a slice at a time, and the browser may paint and take input between
/// slices, so a huge page never blocks the reader for long.
pub async fn get_long_page_until<T: DeserializeOwned>(
    url: &str,
    leave: Option<&web_sys::AbortSignal>,
) -> Result<Page<T>, ApiError> {
    let request = Request { leave, limit: Limit::LongPage, ..Request::get(url) };
    let raw: RawPage = decode(&send(request).await?.text)?;
    let mut items = Vec::with_capacity(raw.items.0.len());
    for (index, slice) in raw.items.0.chunks(DECODE_SLICE).enumerate() {
        if index > 0 {
            yield_to_browser().await;
            if leave.is_some_and(web_sys::AbortSignal::aborted) {
                return Err(ApiError::Network); // the reader has left the page
            }
        }
        items.extend(Entries::decode(slice));
    }
    Ok(raw.with_items(items))
}

/// The body of a successful GET, as text, refused when over `limit`.
pub async fn get_text(url: &str, limit: Limit) -> Result<String, ApiError> {
    Ok(send(Request { limit, ..Request::get(url) }).await?.text)
}

/// A successful GET's body as text with the response headers named in `headers` (in that
/// order), for adapters whose backends page with headers (WordPress's `X-WP-Total`). Across
/// origins a header is only readable when the backend lists it in `Access-Control-Expose-Headers`.
pub async fn get_with_headers(
    url: &str,
    leave: Option<&web_sys::AbortSignal>,
    headers: &[&str],
) -> Result<Answer, ApiError> {
    send(Request { leave, headers, ..Request::get(url) }).await
}

/// POSTs JSON. With an idempotency key the request may be retried safely; a 4xx answer that
/// carries the contract's error body comes back as [`ApiError::Rejected`].
pub async fn post_json<B: Serialize, T: DeserializeOwned>(
    url: &str,
    body: &B,
    idempotency_key: Option<&str>,
) -> Result<T, ApiError> {
    let body = serde_json::to_string(body).map_err(|_| ApiError::Malformed)?;
    let request = Request { body: Some(&body), idempotency_key, ..Request::post(url) };
    decode(&send(request).await?.text)
}

/// POSTs JSON to a backend with its own error bodies: `rejection` reads a 4xx answer into the
/// message the reader sees. Sent once, with no idempotency key (such backends neither honour
/// one nor, across origins, let the header through), so it is never retried. Returns the body.
pub async fn post_json_once<B: Serialize>(
    url: &str,
    body: &B,
    rejection: fn(&str) -> Option<ErrorDetail>,
) -> Result<String, ApiError> {
    let body = serde_json::to_string(body).map_err(|_| ApiError::Malformed)?;
    Ok(send(Request { body: Some(&body), rejection, ..Request::post(url) }).await?.text)
}

/// A successful answer: its body, and the headers asked for (`None` where absent or hidden).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub text: String,
    pub headers: Vec<Option<String>>,
}

#[derive(Clone, Copy, PartialEq)]
enum Method {
    Get,
    Post,
}

#[derive(Clone, Copy)]
struct Request<'a> {
    method: Method,
    url: &'a str,
    body: Option<&'a str>,
    idempotency_key: Option<&'a str>,
    leave: Option<&'a web_sys::AbortSignal>,
    headers: &'a [&'a str],
    /// Reads a 4xx answer to a POST as a message for the reader.
    rejection: fn(&str) -> Option<ErrorDetail>,
    limit: Limit,
}

impl<'a> Request<'a> {
    fn get(url: &'a str) -> Request<'a> {
        Request {
            method: Method::Get,
            url,
            body: None,
            idempotency_key: None,
            leave: None,
            headers: &[],
            rejection: contract_rejection,
            limit: Limit::Page,
        }
    }

    fn post(url: &'a str) -> Request<'a> {
        Request { method: Method::Post, limit: Limit::Small, ..Request::get(url) }
    }
}

/// The contract's error body (`{"error": {...}}`).
fn contract_rejection(text: &str) -> Option<ErrorDetail> {
    serde_json::from_str::<ErrorBody>(text).ok().map(|body| body.error)
}

async fn send(request: Request<'_>) -> Result<Answer, ApiError> {
    let repeatable = request.method == Method::Get || request.idempotency_key.is_some();
    let mut attempt = 0;
    loop {
        if request.leave.is_some_and(web_sys::AbortSignal::aborted) {
            return Err(ApiError::Network);
        }
        let early = match (request.method, attempt) {
            (Method::Get, 0) => early_answer(request).await,
            _ => None,
        };
        let (outcome, result) = match early {
            Some(answer) => answer,
            None => send_once(request).await,
        };
        match retry_delay(attempt, outcome, repeatable) {
            Some(delay) if result.is_err() => {
                sleep(with_jitter(delay, js_sys::Math::random())).await;
                attempt += 1;
            }
            _ => return result,
        }
    }
}

async fn send_once(request: Request<'_>) -> (Outcome, Result<Answer, ApiError>) {
    let Request { method, url, body, idempotency_key, leave, headers, .. } = request;
    let Some(attempt) = AttemptSignal::new(leave) else {
        return (Outcome::NetworkError, Err(ApiError::Network));
    };
    let signal = attempt.signal();
    let failed = |_: &web_sys::AbortSignal| {
        if attempt.timed_out() {
            (Outcome::Timeout, Err(ApiError::Timeout))
        } else {
            (Outcome::NetworkError, Err(ApiError::Network))
        }
    };
    let builder = match method {
        Method::Get => gloo_net::http::Request::get(url),
        Method::Post => gloo_net::http::Request::post(url),
    }
    .header("Accept", "application/json")
    .abort_signal(Some(&signal));
    let builder = match idempotency_key {
        Some(key) => builder.header("Idempotency-Key", key),
        None => builder,
    };
    let built = match body {
        Some(body) => builder.header("Content-Type", "application/json").body(body),
        None => builder.build(),
    };
    let Ok(built) = built else { return (Outcome::NetworkError, Err(ApiError::Network)) };
    let Ok(response) = built.send().await else { return failed(&signal) };
    let status = response.status();
    let wanted = headers.iter().map(|name| response.headers().get(name)).collect();
    match read_body(&response.into(), request.limit).await {
        Ok(text) => answer(request, status, text, wanted),
        Err(Body::TooLarge) => (Outcome::Status(status), Err(ApiError::TooLarge)),
        Err(Body::Unread) => failed(&signal),
    }
}

/// What a response means, once its body has been read.
fn answer(
    request: Request<'_>,
    status: u16,
    text: String,
    headers: Vec<Option<String>>,
) -> (Outcome, Result<Answer, ApiError>) {
    if (200..300).contains(&status) {
        return (Outcome::Status(status), Ok(Answer { text, headers }));
    }
    let error = match (request.rejection)(&text) {
        Some(detail) if request.method == Method::Post && (400..500).contains(&status) => {
            ApiError::Rejected(status, detail)
        }
        _ => ApiError::from_status(status),
    };
    (Outcome::Status(status), Err(error))
}

/// The answer to a GET that `public/early.js` started while the wasm was downloading, taken at
/// most once. `None` when there is none or it failed: then the request is made as usual.
async fn early_answer(request: Request<'_>) -> Option<(Outcome, Result<Answer, ApiError>)> {
    use wasm_bindgen::{JsCast, JsValue};
    let window = web_sys::window()?;
    let early: js_sys::Object = js_sys::Reflect::get(&window, &"__broadsheetEarly".into())
        .ok()
        .filter(JsValue::is_object)?
        .unchecked_into();
    let key = JsValue::from_str(request.url);
    let pending = js_sys::Reflect::get(&early, &key).ok()?.dyn_into::<js_sys::Promise>().ok()?;
    let _ = js_sys::Reflect::delete_property(&early, &key);
    let response: web_sys::Response = match JsFuture::from(pending).await {
        Ok(response) => response.dyn_into().ok()?,
        // It already used up the reader's time limit: asking again would double the wait.
        Err(error)
            if js_sys::Reflect::get(&error, &"name".into()).ok()
                == Some(JsValue::from_str("TimeoutError")) =>
        {
            return Some((Outcome::Timeout, Err(ApiError::Timeout)));
        }
        Err(_) => return None,
    };
    let headers =
        request.headers.iter().map(|name| response.headers().get(name).ok().flatten()).collect();
    match read_body(&response, request.limit).await {
        Ok(text) => Some(answer(request, response.status(), text, headers)),
        Err(Body::TooLarge) => Some((Outcome::Status(response.status()), Err(ApiError::TooLarge))),
        Err(Body::Unread) => None,
    }
}

/// A response's body as text, read as every request reads it: refused over `limit`. Public for
/// the browser tests.
pub async fn read_capped(response: &web_sys::Response, limit: Limit) -> Result<String, ApiError> {
    read_body(response, limit).await.map_err(|body| match body {
        Body::TooLarge => ApiError::TooLarge,
        Body::Unread => ApiError::Network,
    })
}

/// Why a body was not read.
enum Body {
    /// The connection failed or was aborted while it came.
    Unread,
    /// It is over the request's [`Limit`].
    TooLarge,
}

/// A response's body as text, refused as soon as it is known to be over `limit`. Read as bytes a
/// chunk at a time, each copied into the wasm's memory in one go: handing a JS string over
/// instead costs a character-by-character copy (about 65 ms for 3.5 MB).
async fn read_body(response: &web_sys::Response, limit: Limit) -> Result<String, Body> {
    use wasm_bindgen::JsCast;
    let limit = limit.bytes();
    let declared = response.headers().get("Content-Length").ok().flatten();
    // `body` and its reader are called by name: older engines without streams read it whole.
    let stream = js_sys::Reflect::get(response, &"body".into()).unwrap_or_default();
    if declared_over(declared.as_deref(), limit) {
        cancel(&stream);
        return Err(Body::TooLarge);
    }
    let reader = method(&stream, "getReader").and_then(|get| get.call0(&stream).ok());
    let Some(reader) = reader else {
        let buffer = JsFuture::from(response.array_buffer().map_err(|_| Body::Unread)?)
            .await
            .map_err(|_| Body::Unread)?;
        let bytes = js_sys::Uint8Array::new(&buffer);
        if bytes.length() as usize > limit {
            return Err(Body::TooLarge);
        }
        return Ok(body_text(bytes.to_vec()));
    };
    let read = method(&reader, "read").ok_or(Body::Unread)?;
    let mut bytes = Vec::new();
    loop {
        let next = read.call0(&reader).map_err(|_| Body::Unread)?;
        let next = JsFuture::from(next.dyn_into::<js_sys::Promise>().map_err(|_| Body::Unread)?)
            .await
            .map_err(|_| Body::Unread)?;
        if js_sys::Reflect::get(&next, &"done".into()).ok().and_then(|done| done.as_bool())
            == Some(true)
        {
            return Ok(body_text(bytes));
        }
        let chunk: js_sys::Uint8Array = js_sys::Reflect::get(&next, &"value".into())
            .ok()
            .and_then(|value| value.dyn_into().ok())
            .ok_or(Body::Unread)?;
        let start = bytes.len();
        if start + chunk.length() as usize > limit {
            cancel(&reader);
            return Err(Body::TooLarge);
        }
        bytes.resize(start + chunk.length() as usize, 0);
        chunk.copy_to(&mut bytes[start..]);
    }
}

/// Stops a body's stream (or its reader) from downloading further; the promise it returns is
/// awaited and any refusal dropped, so that nothing is reported as an unhandled rejection.
fn cancel(target: &wasm_bindgen::JsValue) {
    use wasm_bindgen::JsCast;
    let Some(promise) = method(target, "cancel").and_then(|cancel| cancel.call0(target).ok())
    else {
        return;
    };
    if let Ok(promise) = promise.dyn_into::<js_sys::Promise>() {
        wasm_bindgen_futures::spawn_local(async move {
            let _ = JsFuture::from(promise).await;
        });
    }
}

/// `target[name]`, when it is a function.
fn method(target: &wasm_bindgen::JsValue, name: &str) -> Option<js_sys::Function> {
    use wasm_bindgen::JsCast;
    if !target.is_object() {
        return None;
    }
    js_sys::Reflect::get(target, &name.into()).ok()?.dyn_into().ok()
}

/// What `Response.text()` would give: UTF-8 with a leading byte-order mark dropped and invalid
/// sequences replaced by U+FFFD (the decoder then rejects them as malformed where they matter).
/// Escapes of lone UTF-16 surrogates are replaced the same way, as `JSON.parse` would let them
/// through (see [`super::surrogates`]).
pub fn body_text(bytes: Vec<u8>) -> String {
    const BOM: &[u8] = b"\xEF\xBB\xBF";
    let bytes = match bytes.strip_prefix(BOM) {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    let text = String::from_utf8(bytes)
        .unwrap_or_else(|invalid| String::from_utf8_lossy(invalid.as_bytes()).into_owned());
    without_lone_surrogates(text)
}

/// The signal of one attempt: it aborts after [`TIMEOUT_MS`], or as soon as `leave` does (the
/// reader left the page). Made by hand rather than with `AbortSignal.timeout` and
/// `AbortSignal.any`, which Safari gained only in 16 and 17.4 (and WebKitGTK with them): calling
/// the first where it is missing throws, and without the second one of the two signals was lost.
/// Dropping it stops the timer and the listener.
struct AttemptSignal {
    controller: web_sys::AbortController,
    timed_out: std::rc::Rc<std::cell::Cell<bool>>,
    /// The handle `setTimeout` gave, kept as it came: a number that need not fit an `i32` (fake
    /// clocks in tests count from 10^12), and clearing a truncated one would leave the timer to
    /// call a dropped closure.
    timer: Option<wasm_bindgen::JsValue>,
    _on_timeout: wasm_bindgen::closure::Closure<dyn FnMut()>,
    leave: Option<(web_sys::AbortSignal, wasm_bindgen::closure::Closure<dyn FnMut()>)>,
}

impl AttemptSignal {
    fn new(leave: Option<&web_sys::AbortSignal>) -> Option<Self> {
        use wasm_bindgen::closure::Closure;
        use wasm_bindgen::JsCast;
        let controller = web_sys::AbortController::new().ok()?;
        let timed_out = std::rc::Rc::new(std::cell::Cell::new(false));
        let on_timeout = {
            let (controller, timed_out) = (controller.clone(), timed_out.clone());
            Closure::<dyn FnMut()>::new(move || {
                timed_out.set(true);
                controller.abort();
            })
        };
        let timer = global_function("setTimeout").and_then(|set_timeout| {
            set_timeout.call2(&js_sys::global(), on_timeout.as_ref(), &TIMEOUT_MS.into()).ok()
        });
        let leave = leave.map(|signal| {
            let on_leave = {
                let controller = controller.clone();
                Closure::<dyn FnMut()>::new(move || controller.abort())
            };
            if signal.aborted() {
                controller.abort();
            }
            let _ =
                signal.add_event_listener_with_callback("abort", on_leave.as_ref().unchecked_ref());
            (signal.clone(), on_leave)
        });
        Some(Self { controller, timed_out, timer, _on_timeout: on_timeout, leave })
    }

    fn signal(&self) -> web_sys::AbortSignal {
        self.controller.signal()
    }

    fn timed_out(&self) -> bool {
        self.timed_out.get()
    }
}

impl Drop for AttemptSignal {
    fn drop(&mut self) {
        use wasm_bindgen::JsCast;
        if let (Some(timer), Some(clear)) = (&self.timer, global_function("clearTimeout")) {
            let _ = clear.call1(&js_sys::global(), timer);
        }
        if let Some((signal, on_leave)) = &self.leave {
            let _ = signal
                .remove_event_listener_with_callback("abort", on_leave.as_ref().unchecked_ref());
        }
    }
}

fn global_function(name: &str) -> Option<js_sys::Function> {
    use wasm_bindgen::JsCast;
    js_sys::Reflect::get(&js_sys::global(), &name.into()).ok()?.dyn_into().ok()
}

/// Lets the browser paint and handle input before the rest of the current work runs.
pub async fn yield_to_browser() {
    sleep(0).await
}

async fn sleep(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(window) = web_sys::window() {
            let _ =
                window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Bodies are read as text first so that a truncated or non-JSON answer (an HTML error page with
/// status 200, say) becomes [`ApiError::Malformed`] rather than a network error.
pub fn decode<T: DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    serde_json::from_str(text).map_err(|_| ApiError::Malformed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, ArticleSummary, Page};

    #[test]
    fn bodies_read_as_bytes_decode_like_response_text() {
        assert_eq!(body_text("Zoë 東京 ✓".as_bytes().to_vec()), "Zoë 東京 ✓");
        assert_eq!(body_text(b"\xEF\xBB\xBF{\"a\": 1}".to_vec()), "{\"a\": 1}");
        // Only a leading mark goes; one inside the text stays.
        assert_eq!(body_text("a\u{FEFF}b".as_bytes().to_vec()), "a\u{FEFF}b");
        assert_eq!(body_text(b"ok \xFF\xFE end".to_vec()), "ok \u{FFFD}\u{FFFD} end");
        assert_eq!(body_text(b"cut \xE6\x9D".to_vec()), "cut \u{FFFD}");
        assert_eq!(body_text(Vec::new()), "");
    }

    #[test]
    fn an_article_whose_headline_was_cut_mid_emoji_still_decodes() {
        let json = r#"{"id": "a", "title": "Tides \ud83c", "published_at": "2026-11-24T08:30:00Z",
            "body": [{"type": "paragraph", "text": "High water \ud83c\udf0a and \udf0a"}]}"#;
        let article = decode::<Article>(&body_text(json.as_bytes().to_vec())).expect("decodes");
        assert_eq!(article.title, "Tides \u{FFFD}");
        assert_eq!(
            article.body,
            [crate::model::Block::Paragraph { text: "High water 🌊 and \u{FFFD}".into() }]
        );
    }

    #[test]
    fn answers_declared_over_their_limit_are_refused_unread() {
        let small = Limit::Small.bytes();
        assert!(declared_over(Some("1048577"), small));
        assert!(declared_over(Some("18446744073709551615"), small));
        assert!(!declared_over(Some(" 1048576 "), small));
        // Missing or garbled: the body is counted as it comes instead.
        for unknown in [None, Some(""), Some("lots"), Some("-5"), Some("1e9")] {
            assert!(!declared_over(unknown, small), "{unknown:?}");
        }
        assert!(Limit::Small.bytes() < Limit::Page.bytes());
        assert!(Limit::Page.bytes() < Limit::LongPage.bytes());
    }

    #[test]
    fn bodies_that_are_not_the_contract_are_malformed() {
        assert_eq!(decode::<Article>("<html>502</html>"), Err(ApiError::Malformed));
        assert_eq!(decode::<Article>(r#"{"id": "x", "title": "#), Err(ApiError::Malformed));
        assert_eq!(decode::<Article>(""), Err(ApiError::Malformed));
        assert_eq!(decode::<Page<ArticleSummary>>(r#"{"results": []}"#), Err(ApiError::Malformed));
    }

    #[test]
    fn retries_gets_after_curable_errors_with_growing_delays() {
        assert_eq!(retry_delay(0, Outcome::NetworkError, true), Some(300));
        assert_eq!(retry_delay(1, Outcome::Status(503), true), Some(600));
        assert_eq!(retry_delay(0, Outcome::Status(502), true), Some(300));
        assert_eq!(retry_delay(0, Outcome::Status(504), true), Some(300));
        assert_eq!(retry_delay(MAX_ATTEMPTS - 1, Outcome::NetworkError, true), None);
    }

    #[test]
    fn retries_wait_a_random_part_of_the_upper_half_of_their_delay() {
        assert_eq!(with_jitter(600, 0.0), 300);
        assert_eq!(with_jitter(600, 0.5), 450);
        assert_eq!(with_jitter(600, 1.0), 600);
        assert_eq!(with_jitter(301, 0.0), 150);
        assert_eq!(with_jitter(301, 1.0), 301);
        // Whatever the random source gives, the wait stays within the delay.
        assert_eq!(with_jitter(600, 7.0), 600);
        assert_eq!(with_jitter(600, -1.0), 300);
        assert_eq!(with_jitter(0, 0.9), 0);
    }

    #[test]
    fn never_retries_client_errors_timeouts_or_unrepeatable_posts() {
        for status in [400, 403, 404, 409, 422, 429, 500, 501] {
            assert_eq!(retry_delay(0, Outcome::Status(status), true), None, "{status}");
        }
        assert_eq!(retry_delay(0, Outcome::Timeout, true), None);
        assert_eq!(retry_delay(0, Outcome::NetworkError, false), None);
        assert_eq!(retry_delay(0, Outcome::Status(503), false), None);
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use crate::api::json_values::document;
        use crate::model::Comment;
        use proptest::prelude::*;

        /// What decodes is what a native backend could have sent: encoding it and decoding
        /// again changes nothing.
        fn round_trips<T>(text: &str) -> Result<(), TestCaseError>
        where
            T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug,
        {
            if let Ok(value) = decode::<T>(text) {
                let again = serde_json::to_string(&value)
                    .map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert_eq!(decode::<T>(&again), Ok(value));
            }
            Ok(())
        }

        proptest! {
            #[test]
            fn native_answers_decode_leniently_and_round_trip(value in document()) {
                let text = value.to_string();
                round_trips::<Article>(&text)?;
                round_trips::<Page<ArticleSummary>>(&text)?;
                round_trips::<Page<Comment>>(&text)?;
                round_trips::<ErrorBody>(&text)?;
            }
        }
    }
}
