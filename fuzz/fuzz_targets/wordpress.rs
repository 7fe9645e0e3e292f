//! The WordPress adapter's decoders over any body (and any page number and paging headers,
//! from an optional first line `#page total pages id`): no panic; what they return is what the
//! contract promises (titles, valid times, reply order, numeric ids, paging cursors).
#![no_main]

use broadsheet::api::wordpress::{
    decode_article, decode_categories, decode_comments, decode_error, decode_posted,
    decode_summaries, page_number, section_category, Totals,
};
use broadsheet::model::thread::Thread;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let text = common::text(data);
    let (params, body) = common::split_params(&text);
    let param = |i: usize| params.get(i).copied();
    let page = page_number(param(0));
    assert!(page >= 1);
    let totals = Totals::from_headers(&[param(1).map(str::to_owned), param(2).map(str::to_owned)]);
    let asked_id = param(3).unwrap_or("night-ferry-returns");
    let html = &common::html_to_text;

    if let Ok(post) = decode_article(body, asked_id, html) {
        assert_eq!(post.article.id, asked_id);
        common::assert_article(&post.article);
    }
    if let Ok(summaries) = decode_summaries(body, page, totals, html) {
        assert_next_page(summaries.next_cursor.as_deref(), page);
        for summary in &summaries.items {
            assert!(!summary.title.is_empty());
            common::assert_time(&summary.published_at);
        }
        common::assert_contract_round_trip(&summaries);
    }
    if let Ok(comments) = decode_comments(body, page, totals, html) {
        assert_next_page(comments.next_cursor.as_deref(), page);
        // Top-level comments first, in the site's order; replies after them.
        let first_reply = comments.items.iter().position(|c| c.parent_id.is_some());
        if let Some(first) = first_reply {
            assert!(comments.items[first..].iter().all(|c| c.parent_id.is_some()));
        }
        for comment in &comments.items {
            assert!(comment.id.parse::<u64>().is_ok(), "{:?}", comment.id);
            assert_ne!(comment.parent_id.as_deref(), Some("0"));
            assert!(!comment.author.name.is_empty());
            common::assert_time(&comment.created_at);
        }
        common::assert_contract_round_trip(&comments);
        let thread = Thread::from_flat(&comments.items);
        assert!(thread.len() <= comments.items.len());
    }
    if let Ok(comment) = decode_posted(body, html) {
        common::assert_time(&comment.created_at);
        common::assert_contract_round_trip(&comment);
    }
    if let Some(error) = decode_error(body) {
        assert!(!error.message.is_empty());
        assert_eq!(error.message.trim(), error.message);
    }
    if let Ok(categories) = decode_categories(body, html) {
        let found = section_category(&categories, param(3).unwrap_or("City"));
        assert!(found.is_none_or(|id| categories.iter().any(|c| c.id == id)));
    }
});

/// A next page is always the page after this one.
fn assert_next_page(cursor: Option<&str>, page: u32) {
    if let Some(cursor) = cursor {
        assert_eq!(cursor.parse::<u64>().ok(), Some(u64::from(page) + 1), "{cursor}");
        assert_eq!(page_number(Some(cursor)), page + 1);
    }
}
