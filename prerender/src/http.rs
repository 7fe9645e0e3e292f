//! The requests of a run: plain GETs, one at a time, each with a time limit and a size limit,
//! answered as `api::newest` expects.

use std::time::Duration;

use broadsheet::api::newest::Answer;
use broadsheet::api::ApiError;

/// A list page or an article, as the app itself would take (`api::http::Limit::Page`).
const MAX_ANSWER_BYTES: u64 = 16 * 1024 * 1024;
/// A backend that does not answer within this stops the run (nothing is written).
const TIMEOUT: Duration = Duration::from_secs(30);

/// An agent for [`get`].
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .http_status_as_error(false)
        .user_agent(concat!("broadsheet-prerender/", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

/// GETs `url`: the body and headers of a success answer, or what went wrong.
pub fn fetch(agent: &ureq::Agent, url: &str) -> Result<Answer, ApiError> {
    let mut response = agent
        .get(url)
        .header("Accept", "application/json, application/feed+json;q=0.9, */*;q=0.1")
        .call()
        .map_err(|error| match error {
            ureq::Error::Timeout(_) => ApiError::Timeout,
            _ => ApiError::Network,
        })?;
    let status = response.status().as_u16();
    match status {
        200..=299 => {}
        404 | 410 => return Err(ApiError::NotFound),
        _ => return Err(ApiError::Status(status)),
    }
    let headers = response
        .headers()
        .iter()
        .filter_map(|(name, value)| Some((name.as_str().to_owned(), value.to_str().ok()?.into())))
        .collect();
    let text = response.body_mut().with_config().limit(MAX_ANSWER_BYTES).read_to_string().map_err(
        |error| match error {
            ureq::Error::BodyExceedsLimit(_) => ApiError::TooLarge,
            ureq::Error::Timeout(_) => ApiError::Timeout,
            _ => ApiError::Malformed,
        },
    )?;
    Ok(Answer { text, headers })
}
