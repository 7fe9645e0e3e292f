//! Failed requests, answered in the contract's error shape.

use std::time::Duration;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use broadsheet_model::ErrorBody;

/// What a handler answers: its response, or a [`Problem`].
pub type Answer = Result<Response, Problem>;

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
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Problem {
        Problem { status, code, message: message.into(), field: None, retry_after: None }
    }

    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Problem {
        Problem::new(StatusCode::BAD_REQUEST, code, message)
    }

    /// Names the field (or parameter) at fault.
    pub fn on(mut self, field: &'static str) -> Problem {
        self.field = Some(field);
        self
    }

    pub fn article_not_found() -> Problem {
        Problem::new(StatusCode::NOT_FOUND, "not_found", "There is no article with that id.")
    }

    pub fn invalid(field: &'static str, message: impl Into<String>) -> Problem {
        Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "validation", message).on(field)
    }

    /// 429, with how long until the client may post again.
    pub fn rate_limited(wait: Duration) -> Problem {
        let mut problem = Problem::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            "You are posting too quickly. Please wait a minute and try again.",
        );
        // Whole seconds, rounded up, so that a client waiting that long is let through.
        problem.retry_after = Some(wait.as_secs() + u64::from(wait.subsec_nanos() > 0));
        problem
    }

    /// 408: the request's body did not arrive, or the answer was not ready, in time.
    pub fn timed_out() -> Problem {
        Problem::new(
            StatusCode::REQUEST_TIMEOUT,
            "timeout",
            "The request took too long. Please try again.",
        )
    }

    pub fn internal(e: impl std::fmt::Display) -> Problem {
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
