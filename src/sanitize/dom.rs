//! The browser side of the sanitiser: parse with `DOMParser` into an inert document (no scripts
//! run, no images load, no events fire) and walk its body.

use wasm_bindgen::JsCast;

use super::handlers::without_inline_code;
use super::{sanitize, text::text_of, NodeKind, SafeNode, SourceNode};

/// Parses and sanitises an untrusted HTML fragment; unparseable input yields nothing.
pub fn sanitize_html(html: &str) -> Vec<SafeNode> {
    match parse_body(html) {
        Some(body) => sanitize(&body.children()),
        None => Vec::new(),
    }
}

/// The plain text of an untrusted HTML fragment (see [`text_of`]); unparseable input yields "".
pub fn html_to_text(html: &str) -> String {
    parse_body(html).map(|body| text_of(body.children())).unwrap_or_default()
}

fn parse_body(html: &str) -> Option<DomNode> {
    let html = without_inline_code(html);
    web_sys::DomParser::new()
        .ok()
        .and_then(|parser| parser.parse_from_string(&html, web_sys::SupportedType::TextHtml).ok())
        .and_then(|document| document.body())
        .map(|body| DomNode(body.into()))
}

struct DomNode(web_sys::Node);

impl SourceNode for DomNode {
    fn kind(&self) -> NodeKind {
        match self.0.node_type() {
            web_sys::Node::ELEMENT_NODE => match self.0.dyn_ref::<web_sys::Element>() {
                // Elements in the SVG or MathML namespaces report their own local names; an
                // `<svg>` or `<math>` root is dropped with its content before they are reached.
                Some(element) => NodeKind::Element(element.local_name().to_ascii_lowercase()),
                None => NodeKind::Other,
            },
            web_sys::Node::TEXT_NODE | web_sys::Node::CDATA_SECTION_NODE => {
                NodeKind::Text(self.0.text_content().unwrap_or_default())
            }
            _ => NodeKind::Other,
        }
    }

    fn attribute(&self, name: &str) -> Option<String> {
        self.0.dyn_ref::<web_sys::Element>()?.get_attribute(name)
    }

    fn children(&self) -> Vec<Self> {
        let list = self.0.child_nodes();
        (0..list.length()).filter_map(|i| list.item(i)).map(DomNode).collect()
    }
}
