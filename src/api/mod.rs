//! Talking to backends. Pages ask a [`Client`] for contract types; each backend kind has its
//! own module that maps its answers onto `model`, and every request goes through [`http`].

pub mod comments;
mod http;
pub mod native;

pub use http::get_text as http_get_text;

use crate::config::{Backend, Config};
use crate::model::{Article, ArticleSummary, ErrorDetail, Page};

/// What went wrong with a request, in terms a page can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// No answer at all: offline, connection reset, DNS or CORS failure.
    Network,
    /// No answer within the time limit.
    Timeout,
    /// The backend says the thing asked for does not exist.
    NotFound,
    /// Any other non-success status.
    Status(u16),
    /// A success status whose body is not the JSON the contract promises.
    Malformed,
    /// A 4xx answer to a POST with the contract's error body: its message is for the reader.
    Rejected(u16, ErrorDetail),
}

impl ApiError {
    /// The reader-facing wording: short, blame-free, and saying what to do.
    pub fn reader_message(&self) -> &'static str {
        match self {
            ApiError::Network => {
                "We couldn’t reach the news service. Check your connection and try again."
            }
            ApiError::Timeout => "The news service is taking too long to answer. Please try again.",
            ApiError::NotFound => "We couldn’t find what you were looking for.",
            ApiError::Status(429) => {
                "The news service is busy right now. Please try again in a moment."
            }
            ApiError::Status(status) if *status >= 500 => {
                "The news service is having trouble right now. Please try again."
            }
            ApiError::Status(_) => "The news service turned down this request.",
            ApiError::Malformed => {
                "The news service sent something we couldn’t read. Please try again later."
            }
            ApiError::Rejected(..) => "The news service turned down this request.",
        }
    }

    pub(crate) fn from_status(status: u16) -> ApiError {
        match status {
            404 | 410 => ApiError::NotFound,
            other => ApiError::Status(other),
        }
    }
}

/// The configured backend, shared through Leptos context.
#[derive(Debug, Clone)]
pub struct Client {
    backend: native::Native,
}

impl Client {
    pub fn new(config: &Config) -> Client {
        match &config.backend {
            Backend::Native { base_url } => Client { backend: native::Native::new(base_url) },
        }
    }

    /// One page of the home feed, newest first.
    pub async fn feed(&self, cursor: Option<String>) -> Result<Page<ArticleSummary>, ApiError> {
        http::get_json(&self.backend.feed_url(cursor.as_deref())).await
    }

    pub async fn article(&self, id: &str) -> Result<Article, ApiError> {
        http::get_json(&self.backend.article_url(id)).await
    }
}

/// Percent-encodes one path segment (identifiers are opaque strings: `/`, `?` and `#` must not
/// change the request's shape).
pub fn encode_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_cannot_escape_their_place_in_the_path() {
        assert_eq!(encode_segment("harbour-bridge_2.0~x"), "harbour-bridge_2.0~x");
        assert_eq!(encode_segment("../admin?x=1#y"), "..%2Fadmin%3Fx%3D1%23y");
        assert_eq!(encode_segment("نور"), "%D9%86%D9%88%D8%B1");
    }

    #[test]
    fn statuses_map_to_errors_readers_understand() {
        assert_eq!(ApiError::from_status(404), ApiError::NotFound);
        assert_eq!(ApiError::from_status(503), ApiError::Status(503));
        assert!(ApiError::Status(503).reader_message().contains("having trouble"));
        assert!(ApiError::Status(429).reader_message().contains("busy"));
    }
}
