//! HTML parsed natively by html5ever (the browser's parsing algorithm) and walked through
//! [`SourceNode`], so sanitiser and adapter tests, and the fuzz targets (feature
//! `native-html`), see what `DOMParser` would give them. Not compiled for wasm.

use super::handlers::without_inline_code;
use super::{sanitize, text::text_of, NodeKind, SafeNode, SourceNode};

pub struct Parsed<'a>(ego_tree::NodeRef<'a, scraper::Node>);

impl SourceNode for Parsed<'_> {
    fn kind(&self) -> NodeKind {
        match self.0.value() {
            scraper::Node::Element(element) => {
                NodeKind::Element(element.name().to_ascii_lowercase())
            }
            scraper::Node::Text(text) => NodeKind::Text(text.to_string()),
            _ => NodeKind::Other,
        }
    }

    fn attribute(&self, name: &str) -> Option<String> {
        match self.0.value() {
            scraper::Node::Element(element) => element.attr(name).map(str::to_owned),
            _ => None,
        }
    }

    fn children(&self) -> Vec<Self> {
        self.0.children().map(Parsed).collect()
    }
}

/// Parses like `DOMParser` does: a whole document.
pub fn parse(html: &str) -> scraper::Html {
    scraper::Html::parse_document(html)
}

/// The children of a parsed document's body: what the browser's walkers start from. As with
/// `document.body`, that is the first `<body>` or `<frameset>` child of the root element; a
/// document with neither yields nothing.
pub fn body_of(document: &scraper::Html) -> Vec<Parsed<'_>> {
    let root = document.root_element();
    let body = root.children().find(|child| {
        child.value().as_element().is_some_and(|e| matches!(e.name(), "body" | "frameset"))
    });
    body.map(|body| Parsed(body).children()).unwrap_or_default()
}

/// The native stand-in for [`super::dom::sanitize_html`] (the same steps: inline code removed,
/// parsed, walked).
pub fn sanitize_html(html: &str) -> Vec<SafeNode> {
    sanitize(&body_of(&parse(&without_inline_code(html))))
}

/// The native stand-in for [`super::dom::html_to_text`].
pub fn html_to_text(html: &str) -> String {
    text_of(body_of(&parse(&without_inline_code(html))))
}
