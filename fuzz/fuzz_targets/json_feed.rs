//! The JSON Feed adapter over any body (fetched from the URL on an optional first line `#url`):
//! no panic; every item is a valid article, every link it makes is http(s), and related items
//! never include the article itself.
#![no_main]

use broadsheet::api::json_feed::{decode_feed, related};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let text = common::text(data);
    let (params, body) = common::split_params(&text);
    let url = params.first().copied().unwrap_or("https://ledger.example/notes/feed.json?page=2");
    let absolute = is_web(url);
    let Ok(page) = decode_feed(body, url, &common::html_to_text) else { return };
    let assert_link = |link: &Option<String>| {
        if let Some(link) = link {
            // Resolved against an http(s) feed, every link is http(s); never javascript: or data:.
            assert!(!absolute || is_web(link), "{link:?} from {url:?}");
            assert!(!link.to_ascii_lowercase().trim_start().starts_with("javascript:"));
        }
    };
    assert_link(&page.next_url);
    assert_ne!(page.next_url.as_deref(), Some(url));
    for item in &page.items {
        common::assert_article(item);
        assert!(!item.id.trim().is_empty() && item.id.trim() == item.id);
        assert!(!item.comments_enabled(), "feeds have no comments");
        assert_link(&item.url);
        assert_link(&item.image.as_ref().map(|i| i.url.clone()));
        if let Some(source) = &item.source {
            assert_link(&source.url);
            assert_link(&source.logo_url);
        }
        for author in &item.authors {
            assert_link(&author.url);
            assert_link(&author.avatar_url);
        }
    }
    if let Some(first) = page.items.first() {
        let found = related(first, &page.items, 6);
        assert!(found.len() <= 6);
        assert!(found.iter().all(|summary| summary.id != first.id));
    }
});

fn is_web(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}
