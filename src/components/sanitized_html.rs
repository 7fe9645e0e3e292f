//! An `html` block: untrusted markup shown through the allow-list sanitiser, built element by
//! element (never through `innerHTML`).

use leptos::html::custom;
use leptos::prelude::*;

use crate::sanitize::dom::sanitize_html;
use crate::sanitize::{SafeNode, Tag};

#[component]
pub fn SanitizedHtml(html: String) -> impl IntoView {
    view! { <div class="html-block">{render(sanitize_html(&html))}</div> }
}

/// Recursion is bounded: the sanitiser flattens anything deeper than `MAX_DEPTH`.
fn render(nodes: Vec<SafeNode>) -> AnyView {
    nodes
        .into_iter()
        .map(|node| match node {
            SafeNode::Text(text) => text.into_any(),
            SafeNode::Element(element) => {
                let e = *element;
                let lazy = (e.tag == Tag::Img).then_some("lazy");
                custom(e.tag.name())
                    .attr("href", e.href)
                    .attr("rel", e.rel)
                    .attr("title", e.title)
                    .attr("src", e.src)
                    .attr("alt", e.alt)
                    .attr("width", e.width)
                    .attr("height", e.height)
                    .attr("loading", lazy)
                    .attr("dir", e.dir)
                    .attr("lang", e.lang)
                    .child(render(e.children))
                    .into_any()
            }
        })
        .collect_view()
        .into_any()
}
