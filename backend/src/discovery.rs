//! `robots.txt`, `sitemap.xml` and the site's feeds (`broadsheet_publish::feeds`), drawn from
//! the stored articles when asked for, with their content types and cache headers.

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use broadsheet_model::Article;
use broadsheet_publish::feeds::{json_feed, robots_txt, rss_xml, sitemap_xml, Site};
use broadsheet_publish::{SiteName, RECENT_ARTICLES};
use tower_http::compression::CompressionLayer;

use crate::routes::AppState;

/// How long feeds and the sitemap may be cached: new articles show within minutes.
const CACHE: &str = "public, max-age=300";

/// `/robots.txt`, `/sitemap.xml`, `/feed.xml` and `/feed.json`.
/// `description`: what the site is, in its language, for the RSS channel.
pub fn routes(site: SiteName, description: String, state: AppState) -> Router {
    let document = |render: fn(Site<'_>, &[Article], i64) -> String, content_type: &'static str| {
        let (site, description) = (site.clone(), description.clone());
        get(move |State(state): State<AppState>, headers: HeaderMap| {
            let (site, description) = (site.clone(), description.clone());
            async move { answer(&site, &description, &state, &headers, render, content_type).await }
        })
    };
    Router::new()
        .route("/robots.txt", document(|site, _, _| robots_txt(site), "text/plain; charset=utf-8"))
        .route("/sitemap.xml", document(sitemap_xml, "application/xml; charset=utf-8"))
        .route("/feed.xml", document(|s, a, _| rss_xml(s, a), "application/rss+xml; charset=utf-8"))
        .route("/feed.json", document(|s, a, _| json_feed(s, a), "application/feed+json"))
        .layer(CompressionLayer::new())
        .with_state(state)
}

async fn answer(
    site: &SiteName,
    description: &str,
    state: &AppState,
    headers: &HeaderMap,
    render: fn(Site<'_>, &[Article], i64) -> String,
    content_type: &'static str,
) -> Response {
    let Some(origin) = crate::article_page::origin(site, headers) else {
        return (StatusCode::BAD_REQUEST, "The request names no usable host.").into_response();
    };
    let Some(articles) = state.recent_articles(RECENT_ARTICLES).await else {
        return (StatusCode::SERVICE_UNAVAILABLE, "The articles cannot be read right now.")
            .into_response();
    };
    let site = Site { name: site.name(), origin: &origin, language: site.language(), description };
    let mut response = render(site, &articles, crate::routes::now_ms()).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(CACHE));
    response
}
