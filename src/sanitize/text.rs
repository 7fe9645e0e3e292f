//! Plain text from untrusted HTML, for backends that send HTML where the contract wants text
//! (WordPress titles, excerpts, names and comments): entities decoded by a real parser, tags
//! dropped, paragraphs and line breaks kept as blank lines and newlines.

use super::{NodeKind, SourceNode, DROPPED_WITH_CONTENT, MAX_NODES};

/// Elements that stand on lines of their own: text on either side becomes separate paragraphs.
const BLOCKS: [&str; 24] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "ul",
];

/// The text of a parsed fragment (the children of its container). Runs of HTML whitespace
/// collapse to one space as a browser would show them; `<br>` becomes a newline and block
/// elements are separated by a blank line. Walks without recursion, within [`MAX_NODES`].
pub fn text_of<N: SourceNode>(nodes: Vec<N>) -> String {
    enum Step<N> {
        Visit(N),
        EndBlock,
    }
    let mut out = Text::default();
    let mut budget = MAX_NODES;
    let mut stack: Vec<Step<N>> = Vec::new();
    let push_children = |stack: &mut Vec<Step<N>>, children: Vec<N>| {
        stack.extend(children.into_iter().rev().map(Step::Visit));
    };
    push_children(&mut stack, nodes);
    while let Some(step) = stack.pop() {
        let node = match step {
            Step::EndBlock => {
                out.break_at_least(Break::Paragraph);
                continue;
            }
            Step::Visit(node) => node,
        };
        if budget == 0 {
            break;
        }
        budget -= 1;
        match node.kind() {
            NodeKind::Text(text) => out.push(&text),
            NodeKind::Other => {}
            NodeKind::Element(name) if DROPPED_WITH_CONTENT.contains(&name.as_str()) => {}
            NodeKind::Element(name) if name == "br" => out.break_at_least(Break::Line),
            NodeKind::Element(name) if BLOCKS.contains(&name.as_str()) => {
                out.break_at_least(Break::Paragraph);
                stack.push(Step::EndBlock);
                push_children(&mut stack, node.children());
            }
            NodeKind::Element(_) => push_children(&mut stack, node.children()),
        }
    }
    out.text
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Break {
    None,
    Line,
    Paragraph,
}

/// Text being gathered: whitespace and breaks are only written once more text follows them,
/// so the result has none at either end.
struct Text {
    text: String,
    space: bool,
    pending: Break,
}

impl Default for Text {
    fn default() -> Text {
        Text { text: String::new(), space: false, pending: Break::None }
    }
}

impl Text {
    fn push(&mut self, text: &str) {
        for c in text.chars() {
            // HTML's whitespace is ASCII only: a no-break space is text.
            if c.is_ascii_whitespace() {
                self.space = true;
                continue;
            }
            if !self.text.is_empty() {
                match self.pending {
                    Break::Paragraph => self.text.push_str("\n\n"),
                    Break::Line => self.text.push('\n'),
                    Break::None if self.space => self.text.push(' '),
                    Break::None => {}
                }
            }
            self.pending = Break::None;
            self.space = false;
            self.text.push(c);
        }
    }

    fn break_at_least(&mut self, kind: Break) {
        self.pending = self.pending.max(kind);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use crate::sanitize::parsed::html_to_text;

    #[test]
    fn decodes_entities_the_way_browsers_do() {
        let cases = [
            (
                "Council&#8217;s plan &amp; the &#8220;quiet&#8221; streets",
                "Council’s plan & the “quiet” streets",
            ),
            ("Caf&eacute; &ndash; open &hellip;", "Café – open …"),
            ("&lt;script&gt;alert(1)&lt;/script&gt;", "<script>alert(1)</script>"),
            ("AT&T &amp no semicolon", "AT&T & no semicolon"),
            ("a&nbsp;b", "a\u{a0}b"),
            ("نور &amp; سام", "نور & سام"),
            ("", ""),
        ];
        for (html, text) in cases {
            assert_eq!(html_to_text(html), text, "{html}");
        }
    }

    #[test]
    fn drops_tags_and_what_is_not_text() {
        assert_eq!(html_to_text("<em>Bold</em> <a href=\"x\">move</a>"), "Bold move");
        assert_eq!(html_to_text("ok<script>alert(1)</script><style>p{}</style>"), "ok");
        assert_eq!(html_to_text("<!-- note -->a<img src=x onerror=alert(1)>b"), "ab");
    }

    #[test]
    fn keeps_paragraphs_and_line_breaks() {
        let html = "<p>First   paragraph,\nwrapped.</p>\n<p>Second<br />\nline</p>\n";
        assert_eq!(html_to_text(html), "First paragraph, wrapped.\n\nSecond\nline");
        assert_eq!(html_to_text("<ul><li>one</li><li>two</li></ul>after"), "one\n\ntwo\n\nafter");
        assert_eq!(html_to_text("  <p>  </p> <p> x </p>  "), "x");
        assert_eq!(html_to_text("a<br><br><br>b"), "a\nb");
    }

    #[test]
    fn survives_deep_nesting() {
        let html = format!("{}deep{}", "<div>".repeat(5_000), "</div>".repeat(5_000));
        assert_eq!(html_to_text(&html), "deep");
    }
}
