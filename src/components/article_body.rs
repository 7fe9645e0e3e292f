//! The blocks of an article body, rendered as semantic HTML. All text goes in as text.

use leptos::prelude::*;

use super::{Figure, SanitizedHtml};
use crate::model::Block;
use crate::safety::safe_url;

/// The blocks that can be shown: images without a safe URL render nothing, so they are dropped
/// first. Every block left renders as exactly one element, so the body's n-th child is block n
/// (Listen highlights blocks by their place).
pub fn shown_blocks(blocks: Vec<Block>) -> Vec<Block> {
    blocks
        .into_iter()
        .filter(
            |block| !matches!(block, Block::Image(image) if safe_url(&image.url, false).is_none()),
        )
        .collect()
}

/// Renders blocks as they come; pass them through [`shown_blocks`] when their places matter.
#[component]
pub fn ArticleBody(
    blocks: Vec<Block>,
    #[prop(optional)] node_ref: NodeRef<leptos::html::Div>,
) -> impl IntoView {
    view! {
        <div class="article-body" node_ref=node_ref>
            {blocks.into_iter().map(block_view).collect_view()}
        </div>
    }
}

fn block_view(block: Block) -> AnyView {
    match block {
        Block::Paragraph { text } => view! { <p>{text}</p> }.into_any(),
        // Level 1 is the headline's; anything out of range is clamped into 2..=4.
        Block::Heading { level, text } => match level {
            0..=2 => view! { <h2>{text}</h2> }.into_any(),
            3 => view! { <h3>{text}</h3> }.into_any(),
            _ => view! { <h4>{text}</h4> }.into_any(),
        },
        Block::Quote { text, cite } => view! {
            <figure class="quote">
                <blockquote dir="auto"><p>{text}</p></blockquote>
                {cite.map(|cite| view! { <figcaption dir="auto">"— "<cite>{cite}</cite></figcaption> })}
            </figure>
        }
        .into_any(),
        Block::List { ordered, items } => {
            let items = items.into_iter().map(|item| view! { <li>{item}</li> }).collect_view();
            if ordered {
                view! { <ol>{items}</ol> }.into_any()
            } else {
                view! { <ul>{items}</ul> }.into_any()
            }
        }
        Block::Image(image) => view! { <Figure image lazy=true/> }.into_any(),
        Block::Html { html } => view! { <SanitizedHtml html/> }.into_any(),
    }
}
