//! The Content-Security-Policy of the app's HTML pages. For now it has one directive,
//! `frame-ancestors`: the embed pages (`/embed/...`) may be framed by the reader itself and by
//! the partner sites the served app's `config.json` allows (`embed.allowed_origins`, the one
//! list the app checks too), every other page only by the reader. Further directives belong in
//! [`directives`].

use std::path::Path;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// Where the app's embed pages live (the app's `embed::PATH_PREFIX`).
const EMBED_PREFIX: &str = "/embed/";

/// The header values, built once at start-up.
#[derive(Clone, Debug)]
pub struct PagePolicy {
    embed_pages: HeaderValue,
    other_pages: HeaderValue,
}

impl PagePolicy {
    /// The policy for these partner sites (canonical origins, as `broadsheet_model::origin`
    /// writes them).
    pub fn new(partners: &[String]) -> Result<PagePolicy, String> {
        let value = |embed: bool| {
            HeaderValue::from_str(&header_value(&directives(embed, partners)))
                .map_err(|_| format!("an allowed origin cannot go into a header: {partners:?}"))
        };
        Ok(PagePolicy { embed_pages: value(true)?, other_pages: value(false)? })
    }

    fn for_path(&self, path: &str) -> &HeaderValue {
        if path.starts_with(EMBED_PREFIX) {
            &self.embed_pages
        } else {
            &self.other_pages
        }
    }
}

/// `embed.allowed_origins` from the served app's `<dist>/config.json`; none when there is no
/// such file (only the API is served).
pub fn partner_origins(dist: &Path) -> Result<Vec<String>, String> {
    let path = dist.join("config.json");
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    let root: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| format!("{}: is not valid JSON ({e})", path.display()))?;
    broadsheet_model::origin::allowed_origins(root.pointer("/embed/allowed_origins"))
        .map_err(|problem| format!("{}: \"embed.allowed_origins\" {problem}", path.display()))
}

/// The directives for an embed page or any other page: each a name and its sources.
fn directives(embed: bool, partners: &[String]) -> Vec<(&'static str, Vec<&str>)> {
    let mut ancestors = vec!["'self'"];
    if embed {
        ancestors.extend(partners.iter().map(String::as_str));
    }
    vec![("frame-ancestors", ancestors)]
}

fn header_value(directives: &[(&str, Vec<&str>)]) -> String {
    directives
        .iter()
        .map(|(name, sources)| format!("{name} {}", sources.join(" ")))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Middleware: every HTML response gets the policy for its path (JSON and assets need none).
pub async fn add_policy(
    State(policy): State<PagePolicy>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"));
    if is_html {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, policy.for_path(&path).clone());
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(partners: &[&str]) -> PagePolicy {
        let partners: Vec<String> = partners.iter().map(|p| p.to_string()).collect();
        PagePolicy::new(&partners).expect("valid")
    }

    #[test]
    fn embed_pages_may_be_framed_by_the_partners_and_other_pages_by_nobody_else() {
        let policy = policy(&["https://partner.example", "http://127.0.0.1:8300"]);
        assert_eq!(
            policy.for_path("/embed/articles/a/comments"),
            "frame-ancestors 'self' https://partner.example http://127.0.0.1:8300"
        );
        for path in ["/", "/articles/a", "/embed", "/embedded/x", "/index.html"] {
            assert_eq!(policy.for_path(path), "frame-ancestors 'self'", "{path}");
        }
    }

    #[test]
    fn without_partners_only_the_reader_frames_its_embeds() {
        assert_eq!(policy(&[]).for_path("/embed/articles/a/card"), "frame-ancestors 'self'");
    }

    #[test]
    fn reads_the_partners_from_the_served_config() {
        let dist = tempfile::tempdir().expect("temp dir");
        assert_eq!(partner_origins(dist.path()), Ok(vec![]), "no config.json: API only");
        let config = dist.path().join("config.json");
        std::fs::write(&config, r#"{"embed": {"allowed_origins": ["https://Partner.example/"]}}"#)
            .expect("written");
        assert_eq!(partner_origins(dist.path()), Ok(vec!["https://partner.example".to_owned()]));
        std::fs::write(&config, r#"{"embed": {"allowed_origins": ["https://p.example/x"]}}"#)
            .expect("written");
        let error = partner_origins(dist.path()).expect_err("a path is not an origin");
        assert!(error.contains("\"embed.allowed_origins\" has \"https://p.example/x\""), "{error}");
        std::fs::write(&config, "{").expect("written");
        assert!(partner_origins(dist.path()).expect_err("broken").contains("is not valid JSON"));
    }
}
