//! The native contract's decoding: any body, decoded as each type the app asks a native backend
//! for (lenient serde types in `model/`), must not panic; what decodes must survive a round trip
//! unchanged; comment pages must thread, and comment bodies linkify, without panicking.
#![no_main]

use broadsheet::linkify::{linkify, Segment};
use broadsheet::model::thread::Thread;
use broadsheet::model::{Article, ArticleSummary, Comment, ErrorBody, Page};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let text = common::text(data);
    if let Ok(article) = serde_json::from_str::<Article>(&text) {
        common::assert_contract_round_trip(&article);
        let _ = (article.reading_minutes(), article.comments_enabled());
        common::assert_contract_round_trip(&article.to_summary(None));
    }
    if let Ok(page) = serde_json::from_str::<Page<ArticleSummary>>(&text) {
        common::assert_contract_round_trip(&page);
    }
    if let Ok(page) = serde_json::from_str::<Page<Comment>>(&text) {
        common::assert_contract_round_trip(&page);
        let thread = Thread::from_flat(&page.items);
        assert!(thread.len() <= page.items.len());
        for entry in &thread.entries {
            assert_linkified(&entry.comment.body);
        }
    }
    if let Ok(comment) = serde_json::from_str::<Comment>(&text) {
        common::assert_contract_round_trip(&comment);
    }
    if let Ok(error) = serde_json::from_str::<ErrorBody>(&text) {
        common::assert_contract_round_trip(&error);
    }
    assert_linkified(&text);
});

/// Links are only ever http(s), and the segments joined back are the text.
fn assert_linkified(text: &str) {
    let mut joined = String::with_capacity(text.len());
    for segment in linkify(text) {
        match segment {
            Segment::Text(t) => joined.push_str(t),
            Segment::Link(url) => {
                let lower = url.to_ascii_lowercase();
                assert!(lower.starts_with("http://") || lower.starts_with("https://"), "{url}");
                joined.push_str(url);
            }
        }
    }
    assert_eq!(joined, text);
}
