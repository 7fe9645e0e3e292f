//! `POST /csp-reports`: where browsers report what the pages' Content-Security-Policy blocked
//! (its `report-uri`; see [`crate::policy`]), so that violations in production are seen: one log
//! line each, on standard error like the server's other messages. Reports in the Reporting API's
//! format are read too, for a proxy in front that adds `report-to`.
//!
//! Anyone can post here, so it is bounded: a body of at most [`MAX_REPORT_BYTES`], and at most
//! [`LINES_PER_MINUTE`] lines a minute; reports past that are counted and said in one line when
//! the next minute starts. Every text from a report is cut short and stripped of control
//! characters before it is logged, so a report cannot forge log lines.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use serde_json::Value;

/// Where the reports go: the path the policy names.
pub const REPORT_PATH: &str = "/csp-reports";
/// The largest report accepted; a browser's are well under 4 KB.
pub const MAX_REPORT_BYTES: usize = 16 * 1024;
/// How many violations are logged a minute at most.
pub const LINES_PER_MINUTE: u32 = 60;
/// The longest text logged from a report field.
const MAX_FIELD_CHARS: usize = 200;

/// One violation, as logged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The directive that blocked it (`script-src-elem`).
    pub directive: String,
    /// What was blocked: a URL, or `inline`, `eval`.
    pub blocked: String,
    /// The page it happened on.
    pub page: String,
}

impl Violation {
    pub fn log_line(&self) -> String {
        format!(
            "broadsheet-backend: CSP violation: {} blocked {} on {}",
            self.directive, self.blocked, self.page
        )
    }
}

/// Why a post is not a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotAReport {
    /// Neither `application/csp-report` nor `application/reports+json` (nor plain JSON).
    ContentType,
    /// Not JSON of either shape.
    Body,
}

/// The violations in a report body: `report-uri`'s `{"csp-report": {...}}`, or the Reporting
/// API's list of reports (only its `csp-violation` ones).
pub fn violations(content_type: &str, body: &[u8]) -> Result<Vec<Violation>, NotAReport> {
    let essence = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    if !["application/csp-report", "application/reports+json", "application/json"]
        .contains(&essence.as_str())
    {
        return Err(NotAReport::ContentType);
    }
    let value: Value = serde_json::from_slice(body).map_err(|_| NotAReport::Body)?;
    let field = |object: &Value, names: &[&str]| {
        names
            .iter()
            .find_map(|name| object.get(*name).and_then(Value::as_str))
            .map(cleaned)
            .unwrap_or_else(|| "(unknown)".to_owned())
    };
    match value {
        Value::Object(_) => {
            let report = value.get("csp-report").ok_or(NotAReport::Body)?;
            Ok(vec![Violation {
                directive: field(report, &["effective-directive", "violated-directive"]),
                blocked: field(report, &["blocked-uri"]),
                page: field(report, &["document-uri"]),
            }])
        }
        Value::Array(reports) => Ok(reports
            .iter()
            .filter(|report| report.get("type").and_then(Value::as_str) == Some("csp-violation"))
            .filter_map(|report| report.get("body"))
            .map(|body| Violation {
                directive: field(body, &["effectiveDirective"]),
                blocked: field(body, &["blockedURL"]),
                page: field(body, &["documentURL"]),
            })
            .collect()),
        _ => Err(NotAReport::Body),
    }
}

/// A report's text, safe on one log line: control characters (line breaks included) dropped,
/// and cut to [`MAX_FIELD_CHARS`].
fn cleaned(text: &str) -> String {
    let kept: String = text.chars().filter(|c| !c.is_control()).collect();
    match kept.char_indices().nth(MAX_FIELD_CHARS) {
        Some((end, _)) => format!("{}…", &kept[..end]),
        None => kept,
    }
}

/// How many lines may still be logged this minute; reports past that are counted.
#[derive(Debug)]
pub struct LogBudget {
    minute_started: Instant,
    logged: u32,
    dropped: u32,
}

impl LogBudget {
    pub fn new(now: Instant) -> LogBudget {
        LogBudget { minute_started: now, logged: 0, dropped: 0 }
    }

    /// The lines to log for `violations` at `now`: a line saying how many were left out last
    /// minute, when a new one starts, then those that fit in this minute's budget.
    pub fn lines(&mut self, violations: &[Violation], now: Instant) -> Vec<String> {
        let mut lines = Vec::new();
        if now.duration_since(self.minute_started) >= Duration::from_secs(60) {
            if self.dropped > 0 {
                lines.push(format!(
                    "broadsheet-backend: {} more CSP violation reports in the last minute, not logged",
                    self.dropped
                ));
            }
            *self = LogBudget::new(now);
        }
        for violation in violations {
            if self.logged < LINES_PER_MINUTE {
                self.logged += 1;
                lines.push(violation.log_line());
            } else {
                self.dropped = self.dropped.saturating_add(1);
            }
        }
        lines
    }
}

/// The route, with its own body limit.
pub fn routes() -> Router {
    let budget = Arc::new(Mutex::new(LogBudget::new(Instant::now())));
    Router::new()
        .route(REPORT_PATH, post(receive))
        .layer(DefaultBodyLimit::max(MAX_REPORT_BYTES))
        .with_state(budget)
}

async fn receive(
    State(budget): State<Arc<Mutex<LogBudget>>>,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    let content_type =
        headers.get(header::CONTENT_TYPE).and_then(|value| value.to_str().ok()).unwrap_or("");
    match violations(content_type, &body) {
        Ok(found) => {
            let lines =
                budget.lock().unwrap_or_else(PoisonError::into_inner).lines(&found, Instant::now());
            for line in lines {
                eprintln!("{line}");
            }
            StatusCode::NO_CONTENT
        }
        Err(NotAReport::ContentType) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        Err(NotAReport::Body) => StatusCode::BAD_REQUEST,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_report_formats_are_read() {
        let old = br#"{"csp-report": {"document-uri": "https://news.example/articles/a",
            "violated-directive": "script-src", "effective-directive": "script-src-elem",
            "blocked-uri": "https://evil.example/x.js"}}"#;
        assert_eq!(
            violations("application/csp-report", old),
            Ok(vec![Violation {
                directive: "script-src-elem".into(),
                blocked: "https://evil.example/x.js".into(),
                page: "https://news.example/articles/a".into(),
            }])
        );
        let new = br#"[{"type": "csp-violation", "url": "https://news.example/",
            "body": {"documentURL": "https://news.example/", "effectiveDirective": "img-src",
            "blockedURL": "inline"}}, {"type": "deprecation", "body": {}}]"#;
        let found = violations("application/reports+json; charset=utf-8", new).expect("read");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].log_line(),
            "broadsheet-backend: CSP violation: img-src blocked inline on https://news.example/"
        );
    }

    #[test]
    fn anything_else_is_refused() {
        assert_eq!(violations("text/plain", b"{}"), Err(NotAReport::ContentType));
        assert_eq!(violations("application/csp-report", b"not json"), Err(NotAReport::Body));
        assert_eq!(violations("application/csp-report", br#"{"other": 1}"#), Err(NotAReport::Body));
        assert_eq!(violations("application/json", b"12"), Err(NotAReport::Body));
    }

    #[test]
    fn a_report_cannot_forge_log_lines_or_flood_them() {
        let forged = br#"{"csp-report": {"blocked-uri": "x\nbroadsheet-backend: all good\r"}}"#;
        let found = violations("application/csp-report", forged).expect("read");
        let line = found[0].log_line();
        assert!(!line.contains('\n') && !line.contains('\r'), "{line}");
        assert!(line.contains("(unknown)"), "missing fields are said: {line}");
        let long = format!(r#"{{"csp-report": {{"blocked-uri": "{}"}}}}"#, "é".repeat(5_000));
        let found = violations("application/csp-report", long.as_bytes()).expect("read");
        assert_eq!(found[0].blocked.chars().count(), MAX_FIELD_CHARS + 1);

        let start = Instant::now();
        let mut budget = LogBudget::new(start);
        let many = vec![found[0].clone(); LINES_PER_MINUTE as usize + 5];
        assert_eq!(budget.lines(&many, start).len(), LINES_PER_MINUTE as usize);
        assert!(budget.lines(&many[..1], start + Duration::from_secs(30)).is_empty());
        let next = budget.lines(&many[..1], start + Duration::from_secs(61));
        assert_eq!(next.len(), 2, "{next:?}");
        assert!(next[0].contains("6 more CSP violation reports"), "{next:?}");
    }
}
