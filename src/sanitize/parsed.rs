//! Native tests only: HTML parsed by html5ever (the browser's parsing algorithm) and walked
//! through [`SourceNode`], so sanitiser and adapter tests see what `DOMParser` would give them.

use super::{NodeKind, SourceNode};

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

/// The children of a parsed document's body: what the browser's walkers start from.
pub fn body_of(document: &scraper::Html) -> Vec<Parsed<'_>> {
    let body = scraper::Selector::parse("body").expect("a valid selector");
    let body = document.select(&body).next().expect("a parsed document has a body");
    Parsed(*body).children()
}

/// The native stand-in for [`super::dom::html_to_text`].
pub fn html_to_text(html: &str) -> String {
    super::text::text_of(body_of(&parse(html)))
}
