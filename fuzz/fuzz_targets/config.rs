//! The runtime configuration (`/config.json`, served next to the app): any text either parses
//! or yields an error message naming the file, never a panic; a parsed configuration only
//! holds safe URLs and canonical partner origins.
#![no_main]

use broadsheet::api::native::Native;
use broadsheet::api::read_config;
use broadsheet::api::wordpress::WordPress;
use broadsheet::model::origin::canonical;
use broadsheet::safety::safe_url;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let text = common::text(data);
    match read_config(&text) {
        Ok((config, _)) => {
            assert!(!config.site_name.trim().is_empty());
            if let Some(logo) = &config.logo_url {
                assert!(safe_url(logo, false).is_some(), "{logo:?}");
            }
            for link in &config.app_links {
                assert!(safe_url(&link.url, false).is_some(), "{:?}", link.url);
            }
            for origin in &config.embed_origins {
                assert_eq!(canonical(origin).as_deref(), Some(origin.as_str()));
            }
            assert!(config.cache_capacity >= 1 && config.cache_fresh_ms >= 0);
            // The configured path templates build URLs in which an id stays one encoded segment.
            let id = "a/b?c#d&e";
            // (A kind's settings that the other kind also reads are tried with both.)
            let mut urls = Vec::new();
            if let Ok(api) = Native::from_settings(&config.backend) {
                urls.extend([api.article_url(id), api.related_url(id, 6), api.post_comment_url(id)]);
            }
            if let Ok(api) = WordPress::from_settings(&config.backend) {
                urls.extend([api.article_url(id), api.posts_url(2, Some(3)), api.categories_url()]);
            }
            for url in urls {
                assert!(!url.contains(id), "{url}");
            }
        }
        Err(error) => assert!(error.to_string().starts_with("/config.json")),
    }
});
