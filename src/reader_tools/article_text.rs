//! The article's words as plain text, block by block: what the summary reads and what Listen
//! speaks. `html` blocks are read through the sanitiser, so they say what the reader sees.

use crate::model::Block;
use crate::sanitize::{SafeNode, Tag};

/// One run of text and the body block it comes from (an `html` block can give several).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// Index of the block in the article body, which is also its element's place in the body.
    pub block: usize,
    /// Headings are spoken but never picked for a summary.
    pub heading: bool,
    pub text: String,
}

/// The text of every block that has any, in order. `html_to_nodes` parses an `html` block
/// (the browser's parser in the app, html5ever in native tests).
pub fn passages(blocks: &[Block], html_to_nodes: impl Fn(&str) -> Vec<SafeNode>) -> Vec<Passage> {
    let mut out = Vec::new();
    for (block, content) in blocks.iter().enumerate() {
        let mut push = |heading: bool, text: &str| {
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if !text.is_empty() {
                out.push(Passage { block, heading, text });
            }
        };
        match content {
            Block::Paragraph { text } => push(false, text),
            Block::Heading { text, .. } => push(true, text),
            Block::Quote { text, .. } => push(false, text),
            Block::List { items, .. } => items.iter().for_each(|item| push(false, item)),
            Block::Html { html } => {
                for (heading, text) in html_paragraphs(&html_to_nodes(html)) {
                    push(heading, &text);
                }
            }
            Block::Image(_) => {}
        }
    }
    out
}

/// Splits sanitised markup into paragraphs at block elements; `true` marks headings.
fn html_paragraphs(nodes: &[SafeNode]) -> Vec<(bool, String)> {
    let mut paragraphs = Vec::new();
    let mut current = (false, String::new());
    // An explicit stack, not recursion: the sanitiser bounds depth, but this need not rely on it.
    let mut stack: Vec<&SafeNode> = nodes.iter().rev().collect();
    let mut ends: Vec<usize> = Vec::new();
    while let Some(node) = stack.pop() {
        match node {
            SafeNode::Text(text) => current.1.push_str(text),
            SafeNode::Element(element) => {
                let heading = matches!(element.tag, Tag::H2 | Tag::H3 | Tag::H4);
                if element.tag == Tag::Br {
                    current.1.push(' ');
                } else if is_block(element.tag) {
                    flush(&mut current, &mut paragraphs);
                    current.0 = heading;
                    ends.push(stack.len());
                }
                stack.extend(element.children.iter().rev());
            }
        }
        // A block element ends once everything pushed for it has been taken off the stack.
        while ends.last().is_some_and(|&end| stack.len() <= end) {
            ends.pop();
            flush(&mut current, &mut paragraphs);
        }
    }
    flush(&mut current, &mut paragraphs);
    paragraphs
}

fn is_block(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::P
            | Tag::H2
            | Tag::H3
            | Tag::H4
            | Tag::Blockquote
            | Tag::Li
            | Tag::Figcaption
            | Tag::Ul
            | Tag::Ol
    )
}

fn flush(current: &mut (bool, String), paragraphs: &mut Vec<(bool, String)>) {
    let text = current.1.trim();
    if !text.is_empty() {
        paragraphs.push((current.0, text.to_owned()));
    }
    *current = (false, String::new());
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sanitize::tests::clean;

    fn paragraph(text: &str) -> Block {
        Block::Paragraph { text: text.into() }
    }

    #[test]
    fn every_block_with_text_becomes_a_passage_in_order() {
        let blocks = vec![
            paragraph("The ferry  left\nat dawn."),
            Block::Heading { level: 2, text: "On board".into() },
            Block::Image(serde_json::from_str(r#"{"url": "https://img.example/a.jpg"}"#).unwrap()),
            Block::Quote { text: "It was quiet.".into(), cite: Some("A deckhand".into()) },
            Block::List { ordered: false, items: vec!["Tea".into(), "  ".into(), "Toast".into()] },
            paragraph("   "),
        ];
        let found = passages(&blocks, clean);
        let texts: Vec<(usize, bool, &str)> =
            found.iter().map(|p| (p.block, p.heading, p.text.as_str())).collect();
        assert_eq!(
            texts,
            [
                (0, false, "The ferry left at dawn."),
                (1, true, "On board"),
                (3, false, "It was quiet."),
                (4, false, "Tea"),
                (4, false, "Toast"),
            ]
        );
    }

    #[test]
    fn html_blocks_split_at_block_elements_and_lose_their_markup() {
        let html = "<h3>Night &amp; day</h3><p>One <em>long</em> line.<br>Next line.</p>\
                    <ul><li>First</li><li>Second <b>item</b></li></ul>text after\
                    <script>alert(1)</script>";
        let found = passages(&[Block::Html { html: html.into() }], clean);
        let texts: Vec<(bool, String)> = found.into_iter().map(|p| (p.heading, p.text)).collect();
        assert_eq!(
            texts,
            [
                (true, "Night & day".to_owned()),
                (false, "One long line. Next line.".to_owned()),
                (false, "First".to_owned()),
                (false, "Second item".to_owned()),
                (false, "text after".to_owned()),
            ]
        );
    }

    #[test]
    fn deeply_nested_markup_is_read_without_recursion() {
        let html = "<blockquote>".repeat(5_000) + "deep" + &"</blockquote>".repeat(5_000);
        let found = passages(&[Block::Html { html }], clean);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].text, "deep");
    }
}
