//! The front page (`/`, with the site's description and feed links) and article pages
//! (`/articles/<id>`) with the article drawn into their HTML by
//! `broadsheet_publish::page`: its head for link unfurlers and crawlers, and its preview for the
//! first paint, from the same response as the page, with no script run and nothing else fetched
//! first. Its times read as the app's do, from this server's clock when the page is asked for
//! (article pages are never cached). Drawn only when `config.json` points the app at this
//! server's own API with the default paths (`/api/v1`): then the preview is exactly the article
//! the app is about to ask for.

use std::path::Path;
use std::sync::Arc;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path as UrlPath, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use broadsheet_publish::{ArticlePages, Interface, SiteName};
use tower_http::compression::CompressionLayer;

use crate::policy::read_optional;
use crate::routes::AppState;
use crate::static_files::REVALIDATE;

/// The API path this server answers under; the preview is drawn when the app asks it.
const OWN_API: &str = "/api/v1";

/// The article pages of the build in `dist`, or `None` when they get no preview: no built
/// `index.html` (or none with a `<body>`), or a `config.json` whose app asks another backend,
/// or this one by other paths.
pub fn read(
    dist: &Path,
    article_base: Option<&str>,
    public_origin: Option<String>,
) -> Result<Option<ArticlePages>, String> {
    if article_base != Some(OWN_API) {
        return Ok(None);
    }
    let read = |name: &str| read_optional(&dist.join(name));
    let (Some(page), Some(config)) = (read("index.html")?, read("config.json")?) else {
        return Ok(None);
    };
    let site = SiteName::from_config(&config, public_origin);
    let interface = Interface::read(dist, site.language());
    Ok(ArticlePages::new(&page, site).map(|pages| pages.speaking(interface)))
}

/// The origin absolute links in pages, feeds and the sitemap start with: the configured one,
/// or else `http://` and the request's `Host` when it is a plain host name (with a port).
pub fn origin(site: &SiteName, headers: &HeaderMap) -> Option<String> {
    if let Some(origin) = &site.public_origin {
        return Some(origin.clone());
    }
    let host = headers.get(header::HOST)?.to_str().ok()?;
    is_plain_host(host).then(|| format!("http://{host}"))
}

/// A host name or address with an optional port, and nothing else (no path, no user, no
/// character that would need escaping in a URL or an attribute).
pub fn is_plain_host(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 255
        && host.bytes().all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b))
}

/// `/articles/<id>` (with or without a trailing slash) and the front page `/`, before the app's
/// other routes.
pub fn routes(pages: ArticlePages, state: AppState) -> Router {
    let pages = Arc::new(pages);
    let front = {
        let pages = Arc::clone(&pages);
        move |headers: HeaderMap| {
            let pages = Arc::clone(&pages);
            async move { revalidated(pages.front_page(origin(&pages.site, &headers).as_deref())) }
        }
    };
    let handler = move |State(state): State<AppState>,
                        headers: HeaderMap,
                        id: Result<UrlPath<String>, PathRejection>| {
        let pages = Arc::clone(&pages);
        async move { article_page(&pages, &state, &headers, id.ok().map(|UrlPath(id)| id)).await }
    };
    Router::new()
        .route("/", get(front))
        .route("/articles/{id}", get(handler.clone()))
        .route("/articles/{id}/", get(handler))
        .layer(CompressionLayer::new())
        .with_state(state)
}

async fn article_page(
    pages: &ArticlePages,
    state: &AppState,
    headers: &HeaderMap,
    id: Option<String>,
) -> Response {
    // An unknown or malformed id, or a store that fails, gets the page without a preview: the
    // app then shows why there is no article, exactly as it would have.
    let article = match id {
        Some(id) => state.article(id).await,
        None => None,
    };
    let origin = origin(&pages.site, headers);
    revalidated(pages.page(article.as_ref(), origin.as_deref(), crate::routes::now_ms()))
}

/// A page drawn for the request, cached only after checking, as the built `index.html` is.
fn revalidated(page: String) -> Response {
    let mut response = axum::response::Html(page).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(REVALIDATE));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> SiteName {
        SiteName { name: Some("Port Wendell Post".into()), ..SiteName::default() }
    }

    #[test]
    fn only_an_app_that_asks_this_server_by_the_default_paths_gets_previews() {
        let dist = tempfile::tempdir().expect("temp dir");
        std::fs::write(dist.path().join("index.html"), "<html><body></body></html>")
            .expect("write");
        std::fs::write(dist.path().join("config.json"), r#"{"site":{"name":"Post"}}"#)
            .expect("write");
        let read_dist = |base| read(dist.path(), base, None).expect("readable");
        assert!(read_dist(Some("/api/v1")).is_some_and(|p| p.site.name.as_deref() == Some("Post")));
        assert!(read_dist(Some("https://api.example/v1")).is_none());
        assert!(read_dist(None).is_none());
        assert!(read(&dist.path().join("missing"), Some("/api/v1"), None).expect("ok").is_none());
    }

    #[test]
    fn the_origin_is_the_configured_one_or_a_plain_host() {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, HeaderValue::from_static("news.example:8080"));
        assert_eq!(origin(&site(), &headers).as_deref(), Some("http://news.example:8080"));
        let configured = SiteName { public_origin: Some("https://news.example".into()), ..site() };
        assert_eq!(origin(&configured, &headers).as_deref(), Some("https://news.example"));
        for host in ["evil.example/path", "a b", "x\"onload", ""] {
            headers.insert(header::HOST, HeaderValue::from_str(host).expect("a header value"));
            assert_eq!(origin(&site(), &headers), None, "{host}");
        }
        assert_eq!(origin(&site(), &HeaderMap::new()), None);
    }
}
