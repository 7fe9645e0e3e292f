//! The one fetch helper every request goes through: time limit, status mapping, JSON decoding.

use serde::de::DeserializeOwned;

use super::ApiError;

/// How long a request may take before the reader is told it failed.
pub const TIMEOUT_MS: u32 = 10_000;

pub async fn get_json<T: DeserializeOwned>(url: &str) -> Result<T, ApiError> {
    decode(&get_text(url).await?)
}

/// The body of a successful GET, as text.
pub async fn get_text(url: &str) -> Result<String, ApiError> {
    let signal = web_sys::AbortSignal::timeout_with_u32(TIMEOUT_MS);
    let response = gloo_net::http::Request::get(url)
        .header("Accept", "application/json")
        .abort_signal(Some(&signal))
        .send()
        .await
        .map_err(|_| if signal.aborted() { ApiError::Timeout } else { ApiError::Network })?;
    if !response.ok() {
        return Err(ApiError::from_status(response.status()));
    }
    response.text().await.map_err(|_| {
        if signal.aborted() {
            ApiError::Timeout
        } else {
            ApiError::Network
        }
    })
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
    fn bodies_that_are_not_the_contract_are_malformed() {
        assert_eq!(decode::<Article>("<html>502</html>"), Err(ApiError::Malformed));
        assert_eq!(decode::<Article>(r#"{"id": "x", "title": "#), Err(ApiError::Malformed));
        assert_eq!(decode::<Article>(""), Err(ApiError::Malformed));
        assert_eq!(decode::<Page<ArticleSummary>>(r#"{"results": []}"#), Err(ApiError::Malformed));
    }
}
