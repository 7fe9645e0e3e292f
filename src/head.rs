//! The document's `<head>`: the title, and the tags a page adds while it is shown.
//!
//! The reference backend writes an article's description, canonical link, Open Graph tags and
//! JSON-LD into the head of the page it sends, each marked `data-server-head`: a tag a page adds
//! takes the place of the server's with the same name, and on the first move to another page
//! the server's are all removed, since they describe the page it sent. The article page draws
//! the same tags from the same description (`model::meta`, in `pages::article`'s head part), so
//! after in-app navigation the head is what a fresh load of that article would have.
//!
//! `leptos_meta` does this with a title stack, formatters and server-rendering support the app
//! does not use, for 6.3 KB of the brotli bundle (BENCHMARKS.md); each page here sets the
//! title it needs when it is drawn.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Sets the document's title to the page's `text` and the site's name, in the interface
/// language's pattern ("Headline – Site"); the site's name alone for its front page. Untrusted
/// text is fine: a title is text.
#[component]
pub fn Title(#[prop(into)] text: String) -> impl IntoView {
    let site = with_context::<crate::config::Config, _>(|config| config.site_name.clone());
    let title = match site {
        Some(site) if site != text => {
            crate::i18n::use_i18n().t_with("head.title", &[("page", &text), ("site", &site)])
        }
        _ => text,
    };
    if let Some(document) = web_sys::window().and_then(|window| window.document()) {
        document.set_title(&title);
    }
}

/// `<meta name=… content=…>` (or `property=…`, as Open Graph names its tags) in the head while
/// the page that draws it is shown.
#[component]
pub fn Meta(
    #[prop(default = "name")] attribute: &'static str,
    name: &'static str,
    content: String,
) -> impl IntoView {
    head_tag("meta", [(attribute, name), ("content", &content)]);
}

/// Structured data (`<script type="application/ld+json">`) in the head while the page that draws
/// it is shown. `json` must already be safe inside a script element (`model::meta` makes it so);
/// it is set as text, and its type is not a script's, so it never runs.
#[component]
pub fn JsonLd(json: String) -> impl IntoView {
    const TYPE: &str = "application/ld+json";
    remove_server_head(&format!("script[data-server-head][type=\"{TYPE}\"]"));
    let Some(document) = web_sys::window().and_then(|window| window.document()) else { return };
    let (Some(head), Ok(script)) = (document.head(), document.create_element("script")) else {
        return;
    };
    let _ = script.set_attribute("type", TYPE);
    script.set_text_content(Some(&json));
    if head.append_child(&script).is_ok() {
        let script = send_wrapper::SendWrapper::new(script);
        on_cleanup(move || script.remove());
    }
}

/// `<link rel=… href=…>` in the head while the page that draws it is shown.
#[component]
pub fn Link(rel: &'static str, href: String) -> impl IntoView {
    head_tag("link", [("rel", rel), ("href", &href)]);
}

/// Removes the head elements the server wrote for the page it sent (see the module's
/// documentation).
pub(crate) fn forget_server_head() {
    remove_server_head("[data-server-head]");
}

fn remove_server_head(selector: &str) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else { return };
    let Ok(found) = document.query_selector_all(selector) else { return };
    for index in 0..found.length() {
        if let Some(element) = found.item(index).and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        {
            element.remove();
        }
    }
}

fn head_tag<const N: usize>(name: &str, attributes: [(&str, &str); N]) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else { return };
    // The first attribute names the tag (`name`, `rel`): this one takes the server's place.
    if let Some((attribute, value)) = attributes.first() {
        let value = value.replace(['"', '\\'], "");
        remove_server_head(&format!("{name}[data-server-head][{attribute}=\"{value}\"]"));
    }
    let (Some(head), Ok(tag)) = (document.head(), document.create_element(name)) else { return };
    for (attribute, value) in attributes {
        let _ = tag.set_attribute(attribute, value);
    }
    if head.append_child(&tag).is_ok() {
        let tag = send_wrapper::SendWrapper::new(tag);
        on_cleanup(move || tag.remove());
    }
}
