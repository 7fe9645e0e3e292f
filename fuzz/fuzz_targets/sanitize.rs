//! The allow-list sanitiser over any HTML, parsed natively by html5ever as the browser's
//! DOMParser would: no panic, and the output only ever holds what the policy allows (allowed
//! elements, checked attributes, http(s)/relative/mailto URLs, bounded depth and size).
#![no_main]

use broadsheet::safety::safe_url;
use broadsheet::sanitize::parsed::{html_to_text, sanitize_html};
use broadsheet::sanitize::{SafeElement, SafeNode, Tag, MAX_DEPTH, MAX_NODES};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let html = common::text(data);
    let nodes = sanitize_html(&html);
    let mut count = 0;
    check(&nodes, 1, &mut count);
    assert!(count <= MAX_NODES, "{count} nodes out");
    let _ = html_to_text(&html);
});

fn check(nodes: &[SafeNode], depth: usize, count: &mut usize) {
    assert!(depth <= MAX_DEPTH + 1, "nested {depth} deep");
    let mut previous_was_text = false;
    for node in nodes {
        *count += 1;
        match node {
            SafeNode::Text(text) => {
                assert!(!text.is_empty(), "empty text node");
                assert!(!previous_was_text, "adjacent text nodes are merged");
                previous_was_text = true;
            }
            SafeNode::Element(element) => {
                previous_was_text = false;
                check_element(element);
                check(&element.children, depth + 1, count);
            }
        }
    }
}

fn check_element(e: &SafeElement) {
    let is = |tag: Tag| e.tag == tag;
    assert_eq!(e.href.is_some(), is(Tag::A), "links, and only links, have an href");
    assert_eq!(e.src.is_some(), is(Tag::Img), "images, and only images, have a src");
    assert!(is(Tag::A) || (e.rel.is_none() && e.title.is_none()));
    assert!(is(Tag::Img) || (e.alt.is_none() && e.width.is_none() && e.height.is_none()));
    if matches!(e.tag, Tag::Img | Tag::Br) {
        assert!(e.children.is_empty(), "void element with children");
    }
    if let Some(href) = &e.href {
        assert_url(href, true);
        let same_site = href.starts_with('/') && !href.starts_with("//");
        assert_eq!(e.rel.is_none(), same_site, "{href}: rel {:?}", e.rel);
    }
    if let Some(src) = &e.src {
        assert_url(src, false);
    }
    for dimension in [&e.width, &e.height].into_iter().flatten() {
        assert!(
            (1..=5).contains(&dimension.len()) && dimension.bytes().all(|b| b.is_ascii_digit())
        );
    }
    if let Some(lang) = &e.lang {
        assert!(lang.len() <= 35 && lang.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
    }
    assert!(e.dir.is_none_or(|d| ["ltr", "rtl", "auto"].contains(&d)));
}

/// A URL that a browser could only read as http(s), a relative reference, or (links) mailto.
fn assert_url(url: &str, mailto: bool) {
    assert_eq!(safe_url(url, mailto), Some(url), "kept a URL the policy refuses: {url:?}");
    assert!(!url.is_empty() && !url.chars().any(char::is_control), "{url:?}");
    let lower = url.to_ascii_lowercase();
    if let Some(end) = lower.find([':', '/', '?', '#']).filter(|&i| lower[i..].starts_with(':')) {
        let scheme = &lower[..end];
        let allowed = scheme == "http" || scheme == "https" || (mailto && scheme == "mailto");
        assert!(allowed, "scheme {scheme:?} in {url:?}");
    }
    // Browsers drop tabs and newlines inside URLs: the same check on what they would read.
    let read: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
    for bad in ["javascript:", "vbscript:", "data:"] {
        assert!(!read.starts_with(bad), "{url:?}");
    }
}
