//! The article as its preview is drawn: the preview shows the opening paragraphs, which
//! adapters for backends that send HTML (WordPress) deliver inside one `html` block; they are
//! taken out of it, sanitised as the app sanitises, as plain paragraphs.

use broadsheet::model::{Article, Block};
use broadsheet::sanitize::parsed::sanitize_html;
use broadsheet::sanitize::{SafeNode, Tag};

/// `article`, with an opening `html` block given as the paragraphs it opens with.
pub fn with_opening(article: &Article) -> Article {
    let Some(Block::Html { html }) = article.body.first() else { return article.clone() };
    let mut paragraphs = Vec::new();
    for node in sanitize_html(html) {
        match node {
            SafeNode::Text(text) if text.trim().is_empty() => {}
            SafeNode::Element(element) if element.tag == Tag::P => {
                let text = text_of(&element.children);
                if !text.is_empty() {
                    paragraphs.push(Block::Paragraph { text });
                }
            }
            _ => break,
        }
    }
    Article { body: paragraphs, ..article.clone() }
}

/// The text of `nodes`, its white space collapsed as the page shows it.
fn text_of(nodes: &[SafeNode]) -> String {
    fn collect(nodes: &[SafeNode], text: &mut String) {
        for node in nodes {
            match node {
                SafeNode::Text(words) => text.push_str(words),
                SafeNode::Element(element) => collect(&element.children, text),
            }
        }
    }
    let mut text = String::new();
    collect(nodes, &mut text);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(body: Vec<Block>) -> Article {
        let mut article: Article = serde_json::from_value(serde_json::json!({
            "id": "a", "title": "A", "published_at": "2026-12-01T08:00:00Z", "body": []
        }))
        .expect("an article");
        article.body = body;
        article
    }

    #[test]
    fn the_opening_paragraphs_of_html_become_paragraphs() {
        let html =
            "<p>First <em>one</em>\n  here.</p>\n<p><script>x()</script>Second &amp; last</p>\
                    <h2>Later</h2><p>After</p>";
        let drawn = with_opening(&article(vec![Block::Html { html: html.into() }]));
        let texts: Vec<_> = drawn
            .body
            .iter()
            .map(|block| match block {
                Block::Paragraph { text } => text.as_str(),
                other => panic!("not a paragraph: {other:?}"),
            })
            .collect();
        assert_eq!(texts, ["First one here.", "Second & last"]);
    }

    #[test]
    fn other_bodies_stay_as_they_are() {
        let body = vec![Block::Paragraph { text: "Plain".into() }];
        assert_eq!(with_opening(&article(body.clone())).body, body);
        let starts_with_a_list = vec![Block::Html { html: "<ul><li>x</li></ul><p>y</p>".into() }];
        assert!(with_opening(&article(starts_with_a_list)).body.is_empty());
    }
}
