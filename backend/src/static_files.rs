//! The built reader app from `dist/`: brotli or gzip copies written by the build are served to
//! browsers that accept them, files whose names carry the build's content hash are cached for a
//! year, everything else is revalidated (and compressed as it is sent: a deployer may edit
//! `index.html` or `config.json` after the build).
//!
//! A path that is no file of the build gets `index.html` when it is one of the app's routes
//! (see [`is_app_route`]), and 404 when it names a file: a page of the previous build asking
//! for its own wasm during a deploy must not get HTML under that name, let alone cached for a
//! year.

use std::convert::Infallible;
use std::path::Path;

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower::ServiceExt;
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};

/// For hashed files: a new build gives new names, so a cached copy never goes stale.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// For everything else (`index.html`, `config.json`): use the cache only after checking.
pub const REVALIDATE: &str = "no-cache";

pub fn service(dist: &Path) -> Router {
    let index = ServeFile::new(dist.join("index.html")).precompressed_br().precompressed_gzip();
    let not_a_file = tower::service_fn(move |request: Request| {
        let index = index.clone();
        async move { Ok::<_, Infallible>(not_a_file(index, request).await) }
    });
    let files = ServeDir::new(dist).precompressed_br().precompressed_gzip().fallback(not_a_file);
    Router::new()
        .fallback_service(files)
        // Leaves the precompressed copies as they are (they carry their `Content-Encoding`).
        .layer(CompressionLayer::new())
        .layer(middleware::from_fn(cache_control))
}

/// The answer for a path that is no file of the build: the app, or 404.
async fn not_a_file(index: ServeFile, request: Request) -> Response {
    let mut response = if is_app_route(request.uri().path()) {
        match index.oneshot(request).await {
            Ok(response) => response.into_response(),
            Err(never) => match never {},
        }
    } else {
        (StatusCode::NOT_FOUND, "Not found\n").into_response()
    };
    // Never the year-long caching of the file that was asked for; the next build may have it.
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(REVALIDATE));
    response
}

/// Files of the build: hashed ones for a year, the rest revalidated. An answer that already
/// says how to cache it (from [`not_a_file`]) is left alone.
async fn cache_control(request: Request, next: Next) -> Response {
    let hashed = is_hashed_asset(request.uri().path());
    let mut response = next.run(request).await;
    let found = response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED;
    if found && !response.headers().contains_key(header::CACHE_CONTROL) {
        let policy = if hashed { IMMUTABLE } else { REVALIDATE };
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    response
}

/// Whether a path that is no file of the build is one of the app's pages: `/articles/...` and
/// `/embed/...` whatever their ids look like, and any other path whose last segment has no
/// extension (the app shows its "Page not found" there). Never a name with the build's hash.
pub fn is_app_route(path: &str) -> bool {
    if is_hashed_asset(path) {
        return false;
    }
    if path.starts_with("/articles/") || path.starts_with("/embed/") {
        return true;
    }
    let name = path.rsplit('/').next().unwrap_or_default();
    !name.contains('.')
}

/// Whether the file name carries Trunk's content hash: `name-<hex>.ext` or `name-<hex>_bg.wasm`.
pub fn is_hashed_asset(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let Some((stem, _extension)) = name.rsplit_once('.') else { return false };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let Some((_, hash)) = stem.rsplit_once('-') else { return false };
    (12..=20).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use tower::ServiceExt;

    #[test]
    fn the_apps_routes_are_told_from_missing_files() {
        for route in [
            "/",
            "/articles/harbour-tram-trial",
            "/articles/v1.2-release",
            "/articles/a.b/",
            "/embed/articles/x.y/card",
            "/embedded",
            "/about",
        ] {
            assert!(is_app_route(route), "{route}");
        }
        for file in [
            "/broadsheet-d42bbffdb31d2c6b.js",
            "/broadsheet-d42bbffdb31d2c6b_bg.wasm",
            "/articles/broadsheet-d42bbffdb31d2c6b.js",
            "/main-863bb006233edb6.css",
            "/favicon.ico",
            "/robots.txt",
            "/demo/gone.jpg",
            "/.env",
        ] {
            assert!(!is_app_route(file), "{file}");
        }
    }

    #[test]
    fn only_hashed_build_outputs_count_as_immutable() {
        assert!(is_hashed_asset("/broadsheet-d42bbffdb31d2c6b.js"));
        assert!(is_hashed_asset("/broadsheet-d42bbffdb31d2c6b_bg.wasm"));
        assert!(is_hashed_asset("/main-863bb006233edb6.css"));
        assert!(!is_hashed_asset("/config.json"));
        assert!(!is_hashed_asset("/embed.js"));
        assert!(!is_hashed_asset("/articles/harbour-tram-trial"));
        assert!(!is_hashed_asset("/demo/ferry-deck.jpg"));
        assert!(!is_hashed_asset("/a-cafe.js"));
    }

    async fn get(dist: &Path, path: &str, accept: &str) -> Response {
        let request = Request::get(path)
            .header(header::ACCEPT_ENCODING, accept)
            .body(Body::empty())
            .expect("request");
        service(dist).oneshot(request).await.expect("infallible")
    }

    fn header_of(response: &Response, name: header::HeaderName) -> Option<&str> {
        response.headers().get(name).and_then(|v| v.to_str().ok())
    }

    #[tokio::test]
    async fn serves_precompressed_hashed_files_for_a_year_and_the_rest_revalidated() {
        let dist = tempfile::tempdir().expect("temp dir");
        let write = |name: &str, body: &str| std::fs::write(dist.path().join(name), body);
        // Long enough to be worth compressing.
        let page = format!("<!doctype html>{}", "<p>Broadsheet</p>".repeat(20));
        write("index.html", &page).expect("write");
        write("config.json", "{}").expect("write");
        write("app-0123456789abcdef_bg.wasm", "wasm").expect("write");
        write("app-0123456789abcdef_bg.wasm.br", "brotli").expect("write");

        let wasm = get(dist.path(), "/app-0123456789abcdef_bg.wasm", "gzip, br").await;
        assert_eq!(wasm.status(), StatusCode::OK);
        assert_eq!(header_of(&wasm, header::CONTENT_ENCODING), Some("br"));
        assert_eq!(header_of(&wasm, header::CACHE_CONTROL), Some(IMMUTABLE));
        assert_eq!(header_of(&wasm, header::CONTENT_TYPE), Some("application/wasm"));

        let plain = get(dist.path(), "/app-0123456789abcdef_bg.wasm", "identity").await;
        assert_eq!(header_of(&plain, header::CONTENT_ENCODING), None);

        let config = get(dist.path(), "/config.json", "br").await;
        assert_eq!(header_of(&config, header::CACHE_CONTROL), Some(REVALIDATE));

        let route = get(dist.path(), "/articles/some-story", "br").await;
        assert_eq!(route.status(), StatusCode::OK);
        assert_eq!(header_of(&route, header::CACHE_CONTROL), Some(REVALIDATE));
        assert_eq!(header_of(&route, header::CONTENT_TYPE), Some("text/html"));
        assert_eq!(header_of(&route, header::CONTENT_ENCODING), Some("br"));
        let uncompressed = get(dist.path(), "/articles/some-story", "identity").await;
        assert_eq!(header_of(&uncompressed, header::CONTENT_ENCODING), None);
    }

    #[tokio::test]
    async fn a_missing_file_is_404_and_not_cached_for_a_year() {
        let dist = tempfile::tempdir().expect("temp dir");
        std::fs::write(dist.path().join("index.html"), "<!doctype html>").expect("write");
        for path in ["/app-0123456789abcdef_bg.wasm", "/app-0123456789abcdef.js", "/favicon.ico"] {
            let missing = get(dist.path(), path, "br").await;
            assert_eq!(missing.status(), StatusCode::NOT_FOUND, "{path}");
            assert_eq!(header_of(&missing, header::CACHE_CONTROL), Some(REVALIDATE), "{path}");
            assert_ne!(header_of(&missing, header::CONTENT_TYPE), Some("text/html"), "{path}");
        }
    }
}
