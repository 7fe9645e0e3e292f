//! The blocks of an article body, rendered as semantic HTML. All text goes in as text.

use leptos::prelude::*;

use super::{painted, Figure, SanitizedHtml};
use crate::model::Block;
use crate::safety::safe_url;

/// Most characters of text and markup an article body shows: a longer body (a broken or
/// hostile backend can send megabytes) is cut here, so neither the page nor the reader tools
/// ever work on more. About 30,000 words, twice the longest long-reads.
pub const MAX_BODY_CHARS: usize = 200_000;

/// The body as it is shown, and whether it had to be cut at [`MAX_BODY_CHARS`].
#[derive(Debug, Clone, PartialEq)]
pub struct ShownBody {
    pub blocks: Vec<Block>,
    pub truncated: bool,
}

/// The blocks that can be shown: images without a safe URL render nothing, so they are dropped
/// first. Every block left renders as exactly one element, so the body's n-th child is block n
/// (Listen highlights blocks by their place). The text stops at `max_chars`, inside a block if
/// need be (an `html` block cut mid-tag is still sanitised like any other).
pub fn shown_blocks(blocks: Vec<Block>, max_chars: usize) -> ShownBody {
    let mut left = max_chars;
    let mut shown = Vec::new();
    let mut truncated = false;
    for mut block in blocks {
        if matches!(&block, Block::Image(image) if safe_url(&image.url, false).is_none()) {
            continue;
        }
        if left == 0 {
            truncated = true;
            break;
        }
        for text in block_texts(&mut block) {
            if truncated {
                text.clear();
                continue;
            }
            let length = text.chars().count();
            if length > left {
                let end = text.char_indices().nth(left).map_or(text.len(), |(at, _)| at);
                text.truncate(end);
                text.push('…');
                truncated = true;
            }
            left = left.saturating_sub(length);
        }
        if truncated {
            drop_emptied_parts(&mut block);
            shown.push(block);
            break;
        }
        shown.push(block);
    }
    ShownBody { blocks: shown, truncated }
}

/// After a cut: list items, a citation or a caption emptied by it are not shown at all.
fn drop_emptied_parts(block: &mut Block) {
    match block {
        Block::List { items, .. } => {
            while items.last().is_some_and(String::is_empty) {
                items.pop();
            }
        }
        Block::Quote { cite, .. } => *cite = cite.take().filter(|c| !c.is_empty()),
        Block::Image(image) => {
            image.caption = image.caption.take().filter(|c| !c.is_empty());
            image.credit = image.credit.take().filter(|c| !c.is_empty());
        }
        _ => {}
    }
}

/// The texts of a block that count towards [`MAX_BODY_CHARS`], to be cut in place.
fn block_texts(block: &mut Block) -> Vec<&mut String> {
    match block {
        Block::Paragraph { text } | Block::Heading { text, .. } => vec![text],
        Block::Quote { text, cite } => std::iter::once(text).chain(cite.as_mut()).collect(),
        Block::List { items, .. } => items.iter_mut().collect(),
        Block::Image(image) => image
            .alt
            .iter_mut()
            .chain(image.caption.as_mut())
            .chain(image.credit.as_mut())
            .collect(),
        Block::Html { html } => vec![html],
    }
}

/// Renders blocks as they come; pass them through [`shown_blocks`] when their places matter.
/// With `first_screen`, only that many are drawn at once and the rest just after the next paint:
/// a long body then never makes one long task of the page's first drawing.
#[component]
pub fn ArticleBody(
    mut blocks: Vec<Block>,
    #[prop(optional)] node_ref: NodeRef<leptos::html::Div>,
    #[prop(optional)] first_screen: Option<usize>,
) -> impl IntoView {
    let rest = match first_screen {
        Some(first) if blocks.len() > first => blocks.split_off(first),
        _ => Vec::new(),
    };
    let painted = painted(!rest.is_empty());
    let rest = StoredValue::new(rest);
    view! {
        <div class="article-body" node_ref=node_ref>
            {blocks.into_iter().map(block_view).collect_view()}
            {move || painted.get().then(|| rest.get_value().into_iter().map(block_view).collect_view())}
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Image;

    fn paragraph(text: &str) -> Block {
        Block::Paragraph { text: text.to_owned() }
    }

    #[test]
    fn a_body_within_the_budget_is_shown_whole_minus_unsafe_images() {
        let unsafe_image = Block::Image(Image {
            url: "javascript:alert(1)".into(),
            alt: Some("x".into()),
            width: None,
            height: None,
            caption: None,
            credit: None,
        });
        let body = shown_blocks(vec![paragraph("one"), unsafe_image, paragraph("two")], 100);
        assert_eq!(
            body,
            ShownBody { blocks: vec![paragraph("one"), paragraph("two")], truncated: false }
        );
    }

    #[test]
    fn a_huge_body_is_cut_at_the_budget_inside_a_block_on_a_character_boundary() {
        let blocks = vec![paragraph("ααααα"), paragraph("βββββ"), paragraph("γγγ")];
        let body = shown_blocks(blocks, 7);
        assert_eq!(body.blocks, vec![paragraph("ααααα"), paragraph("ββ…")]);
        assert!(body.truncated);

        let exact = shown_blocks(vec![paragraph("abc"), paragraph("def")], 3);
        assert_eq!(exact, ShownBody { blocks: vec![paragraph("abc")], truncated: true });

        let quote = Block::Quote { text: "abcdef".into(), cite: Some("Someone".into()) };
        let body = shown_blocks(vec![quote], 4);
        assert_eq!(body.blocks, vec![Block::Quote { text: "abcd…".into(), cite: None }]);

        let lists = shown_blocks(
            vec![Block::List {
                ordered: false,
                items: vec!["abcd".into(), "efgh".into(), "ijkl".into()],
            }],
            6,
        );
        assert_eq!(
            lists.blocks,
            vec![Block::List { ordered: false, items: vec!["abcd".into(), "ef…".into()] }]
        );
    }

    #[test]
    fn ten_megabytes_of_html_become_the_budget() {
        let html = "<p>word </p>".repeat(1_000_000);
        let body = shown_blocks(vec![Block::Html { html }], MAX_BODY_CHARS);
        let Block::Html { html } = &body.blocks[0] else { panic!("an html block") };
        assert_eq!(html.chars().count(), MAX_BODY_CHARS + 1);
        assert!(body.truncated);
    }
}
