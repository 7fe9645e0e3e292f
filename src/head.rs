//! The document's `<head>`: the title, and the tags a page adds while it is shown.
//!
//! `leptos_meta` does this with a title stack, formatters and server-rendering support the app
//! does not use, for 6.3 KB of the brotli bundle (BENCHMARKS.md); each page here sets the
//! title it needs when it is drawn.

use leptos::prelude::*;

/// Sets the document's title (untrusted text is fine: a title is text).
#[component]
pub fn Title(#[prop(into)] text: String) -> impl IntoView {
    if let Some(document) = web_sys::window().and_then(|window| window.document()) {
        document.set_title(&text);
    }
}

/// `<meta name=… content=…>` in the head while the page that draws it is shown.
#[component]
pub fn Meta(name: &'static str, content: String) -> impl IntoView {
    head_tag("meta", [("name", name), ("content", &content)]);
}

/// `<link rel=… href=…>` in the head while the page that draws it is shown.
#[component]
pub fn Link(rel: &'static str, href: String) -> impl IntoView {
    head_tag("link", [("rel", rel), ("href", &href)]);
}

fn head_tag<const N: usize>(name: &str, attributes: [(&str, &str); N]) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else { return };
    let (Some(head), Ok(tag)) = (document.head(), document.create_element(name)) else { return };
    for (attribute, value) in attributes {
        let _ = tag.set_attribute(attribute, value);
    }
    if head.append_child(&tag).is_ok() {
        let tag = send_wrapper::SendWrapper::new(tag);
        on_cleanup(move || tag.remove());
    }
}
