//! The allow-list sanitiser for the contract's `html` blocks.
//!
//! Untrusted markup is parsed by a real HTML parser into an inert tree (the browser's
//! `DOMParser` in the app, see [`dom`]; html5ever in native tests and fuzzing, see `parsed`),
//! then walked here into a [`SafeNode`] tree that can only hold allowed elements, allowed
//! attributes and text. The app renders that tree element by element; markup from the network
//! never reaches `innerHTML`.

pub mod dom;
pub(crate) mod handlers;
#[cfg(all(not(target_arch = "wasm32"), any(test, feature = "native-html")))]
pub mod parsed;
pub(crate) mod text;

use crate::model::is_language_tag;
use crate::safety::safe_url;

/// Elements deeper than this are flattened to their text: bounds recursion on hostile nesting.
pub const MAX_DEPTH: usize = 32;
/// Most input nodes visited per fragment: bounds the work a huge fragment can cause.
pub const MAX_NODES: usize = 20_000;

/// The elements an `html` block may keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    P,
    H2,
    H3,
    H4,
    Blockquote,
    Ul,
    Ol,
    Li,
    A,
    Em,
    Strong,
    B,
    I,
    Br,
    Figure,
    Figcaption,
    Img,
}

impl Tag {
    fn from_name(name: &str) -> Option<Tag> {
        Some(match name {
            "p" => Tag::P,
            "h2" => Tag::H2,
            "h3" => Tag::H3,
            "h4" => Tag::H4,
            "blockquote" => Tag::Blockquote,
            "ul" => Tag::Ul,
            "ol" => Tag::Ol,
            "li" => Tag::Li,
            "a" => Tag::A,
            "em" => Tag::Em,
            "strong" => Tag::Strong,
            "b" => Tag::B,
            "i" => Tag::I,
            "br" => Tag::Br,
            "figure" => Tag::Figure,
            "figcaption" => Tag::Figcaption,
            "img" => Tag::Img,
            _ => return None,
        })
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Tag::P => "p",
            Tag::H2 => "h2",
            Tag::H3 => "h3",
            Tag::H4 => "h4",
            Tag::Blockquote => "blockquote",
            Tag::Ul => "ul",
            Tag::Ol => "ol",
            Tag::Li => "li",
            Tag::A => "a",
            Tag::Em => "em",
            Tag::Strong => "strong",
            Tag::B => "b",
            Tag::I => "i",
            Tag::Br => "br",
            Tag::Figure => "figure",
            Tag::Figcaption => "figcaption",
            Tag::Img => "img",
        }
    }

    fn is_void(self) -> bool {
        matches!(self, Tag::Br | Tag::Img)
    }
}

/// Elements dropped together with everything inside them, text included: their content is code,
/// styling or another document, never article text.
const DROPPED_WITH_CONTENT: [&str; 20] = [
    "script",
    "style",
    "template",
    "iframe",
    "object",
    "embed",
    "applet",
    "noscript",
    "noembed",
    "noframes",
    "frame",
    "frameset",
    "svg",
    "math",
    "textarea",
    "select",
    "title",
    "head",
    "xmp",
    "plaintext",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SafeNode {
    Text(String),
    Element(Box<SafeElement>),
}

/// An allowed element with only allowed, checked attributes (absent ones are `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SafeElement {
    pub tag: Tag,
    pub href: Option<String>,
    pub rel: Option<&'static str>,
    pub src: Option<String>,
    pub alt: Option<String>,
    pub width: Option<String>,
    pub height: Option<String>,
    pub title: Option<String>,
    pub dir: Option<&'static str>,
    pub lang: Option<String>,
    pub children: Vec<SafeNode>,
}

/// What the walk needs from a parsed node, whichever parser made it.
pub(crate) trait SourceNode: Sized {
    fn kind(&self) -> NodeKind;
    /// The attribute's value with entities already decoded, as the parser read it.
    fn attribute(&self, name: &str) -> Option<String>;
    fn children(&self) -> Vec<Self>;
}

pub(crate) enum NodeKind {
    /// An element, by its lower-case local name.
    Element(String),
    Text(String),
    /// Comments, doctypes, processing instructions: dropped.
    Other,
}

/// Sanitises the children of a parsed fragment's container (e.g. the inert document's body).
pub(crate) fn sanitize<N: SourceNode>(nodes: &[N]) -> Vec<SafeNode> {
    let mut out = Vec::new();
    let mut budget = MAX_NODES;
    for node in nodes {
        walk(node, 0, &mut out, &mut budget);
    }
    out
}

fn walk<N: SourceNode>(node: &N, depth: usize, out: &mut Vec<SafeNode>, budget: &mut usize) {
    if *budget == 0 {
        return;
    }
    *budget -= 1;
    let name = match node.kind() {
        NodeKind::Text(text) => return push_text(out, text),
        NodeKind::Other => return,
        NodeKind::Element(name) => name,
    };
    if DROPPED_WITH_CONTENT.contains(&name.as_str()) {
        return;
    }
    if depth >= MAX_DEPTH {
        return push_text(out, text_content(node, budget));
    }
    let Some(element) = Tag::from_name(&name).and_then(|tag| element_for(tag, node)) else {
        // Not allowed (or unusable, like a link without a safe href): keep what is inside.
        for child in node.children() {
            walk(&child, depth + 1, out, budget);
        }
        return;
    };
    let mut element = element;
    if !element.tag.is_void() {
        for child in node.children() {
            walk(&child, depth + 1, &mut element.children, budget);
        }
    }
    out.push(SafeNode::Element(Box::new(element)));
}

/// The element with its checked attributes, or `None` when it cannot be kept as an element.
fn element_for<N: SourceNode>(tag: Tag, node: &N) -> Option<SafeElement> {
    let mut element = SafeElement {
        tag,
        href: None,
        rel: None,
        src: None,
        alt: None,
        width: None,
        height: None,
        title: None,
        dir: node.attribute("dir").and_then(|d| direction(&d)),
        lang: node.attribute("lang").filter(|l| is_language_tag(l)),
        children: Vec::new(),
    };
    match tag {
        Tag::A => {
            let href = safe_url(&node.attribute("href")?, true)?.to_owned();
            // Links that leave the site must not hand it a window.opener or a referrer.
            if !stays_on_site(&href) {
                element.rel = Some("noopener noreferrer");
            }
            element.href = Some(href);
            element.title = node.attribute("title").filter(|t| !t.trim().is_empty());
        }
        Tag::Img => {
            element.src = Some(safe_url(&node.attribute("src")?, false)?.to_owned());
            element.alt = Some(node.attribute("alt").unwrap_or_default());
            element.width = node.attribute("width").filter(|w| is_dimension(w));
            element.height = node.attribute("height").filter(|h| is_dimension(h));
        }
        _ => {}
    }
    Some(element)
}

fn push_text(out: &mut Vec<SafeNode>, text: String) {
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(SafeNode::Text(previous)) => previous.push_str(&text),
        _ => out.push(SafeNode::Text(text)),
    }
}

/// Whether a browser resolves `href` on this site: a path from the root that the URL parser does
/// not read as `//host`. It reads `\` as `/` in http(s) URLs, so `/\evil.example` leaves.
fn stays_on_site(href: &str) -> bool {
    let mut chars = href.chars();
    chars.next() == Some('/') && !matches!(chars.next(), Some('/' | '\\'))
}

/// The text below `node`, gathered without recursion, skipping dropped-with-content elements.
fn text_content<N: SourceNode>(node: &N, budget: &mut usize) -> String {
    let mut text = String::new();
    let mut stack = node.children();
    stack.reverse();
    while let Some(next) = stack.pop() {
        if *budget == 0 {
            break;
        }
        *budget -= 1;
        match next.kind() {
            NodeKind::Text(t) => text.push_str(&t),
            NodeKind::Element(name) if !DROPPED_WITH_CONTENT.contains(&name.as_str()) => {
                let mut children = next.children();
                children.reverse();
                stack.extend(children);
            }
            _ => {}
        }
    }
    text
}

fn direction(value: &str) -> Option<&'static str> {
    match value.trim().to_ascii_lowercase().as_str() {
        "ltr" => Some("ltr"),
        "rtl" => Some("rtl"),
        "auto" => Some("auto"),
        _ => None,
    }
}

fn is_dimension(value: &str) -> bool {
    (1..=5).contains(&value.len()) && value.chars().all(|c| c.is_ascii_digit()) && value != "0"
}

#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod tests;
