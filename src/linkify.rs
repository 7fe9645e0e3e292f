//! Finds the web addresses in plain text (a comment's body) so they can be shown as links, while
//! everything else stays text.

/// A run of plain text, or a web address to link to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment<'a> {
    Text(&'a str),
    /// Always an `http://` or `https://` address: no other scheme is ever linked.
    Link(&'a str),
}

/// Splits `text` into text and `http(s)://` links, in order; joined back, the segments are `text`.
///
/// An address runs to the next whitespace or `<`, `>`, `"`; sentence punctuation at its end
/// (`.`, `,`, `!`, ...) and a closing bracket with no opening one inside it stay text, so
/// "(see https://example.org/a)." links just the address.
pub fn linkify(text: &str) -> Vec<Segment<'_>> {
    let mut segments = Vec::new();
    let mut text_start = 0;
    let mut search_from = 0;
    // Same byte offsets as `text`: only ASCII letters change.
    let lower = text.to_ascii_lowercase();
    while let Some((start, end)) = next_link(text, &lower, search_from) {
        if start > text_start {
            segments.push(Segment::Text(&text[text_start..start]));
        }
        segments.push(Segment::Link(&text[start..end]));
        text_start = end;
        search_from = end;
    }
    if text_start < text.len() {
        segments.push(Segment::Text(&text[text_start..]));
    }
    segments
}

/// The byte range of the first link at or after `from`.
fn next_link(text: &str, lower: &str, from: usize) -> Option<(usize, usize)> {
    let mut at = from;
    loop {
        let found = lower[at..].find("http")? + at;
        at = found + 4;
        let scheme_len = if lower[found..].starts_with("https://") {
            8
        } else if lower[found..].starts_with("http://") {
            7
        } else {
            continue;
        };
        // "xhttp://" is not the start of an address.
        if text[..found].chars().next_back().is_some_and(char::is_alphanumeric) {
            continue;
        }
        let end = address_end(text, found);
        if end > found + scheme_len {
            return Some((found, end));
        }
    }
}

fn address_end(text: &str, start: usize) -> usize {
    let mut end = text[start..]
        .find(|c: char| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"'))
        .map_or(text.len(), |offset| start + offset);
    // Drop trailing punctuation and unbalanced closing brackets, one character at a time.
    while let Some(last) = text[start..end].chars().next_back() {
        let address = &text[start..end];
        let unbalanced = |open: char, close: char| {
            last == close && address.matches(open).count() < address.matches(close).count()
        };
        let trailing = matches!(last, '.' | ',' | ':' | ';' | '!' | '?' | '\'' | '*' | '…' | '،')
            || unbalanced('(', ')')
            || unbalanced('[', ']');
        if !trailing {
            break;
        }
        end -= last.len_utf8();
    }
    end
}

#[cfg(test)]
mod tests {
    use super::Segment::{Link, Text};
    use super::*;

    #[test]
    fn text_without_addresses_is_one_text_segment() {
        assert_eq!(
            linkify("No links here, just http and https."),
            [Text("No links here, just http and https.")]
        );
        assert_eq!(linkify(""), []);
    }

    #[test]
    fn links_http_and_https_addresses_in_place() {
        assert_eq!(
            linkify("See https://news.example/a?b=1#c and HTTP://x.example\nthen more"),
            [
                Text("See "),
                Link("https://news.example/a?b=1#c"),
                Text(" and "),
                Link("HTTP://x.example"),
                Text("\nthen more"),
            ]
        );
        assert_eq!(linkify("http://a.example"), [Link("http://a.example")]);
    }

    #[test]
    fn never_links_other_schemes() {
        for text in [
            "javascript:alert(1)",
            "data:text/html,<b>x</b>",
            "ftp://files.example",
            "xhttps://evil.example",
            "https://",
            "mailto:a@b.example",
        ] {
            assert!(linkify(text).iter().all(|s| matches!(s, Text(_))), "{text}");
        }
    }

    #[test]
    fn sentence_punctuation_and_brackets_stay_outside() {
        assert_eq!(
            linkify("(see https://example.org/a_(b)). Or https://example.org/x, ok?"),
            [
                Text("(see "),
                Link("https://example.org/a_(b)"),
                Text("). Or "),
                Link("https://example.org/x"),
                Text(", ok?"),
            ]
        );
        assert_eq!(
            linkify("<https://example.org/\"q\">"),
            [Text("<"), Link("https://example.org/"), Text("\"q\">")]
        );
    }

    #[test]
    fn multi_byte_text_around_and_inside_addresses_is_kept_whole() {
        let text = "مرحبا https://مثال.example/طريق، شكراً 🚋https://x.example";
        let segments = linkify(text);
        assert_eq!(
            segments,
            [
                Text("مرحبا "),
                Link("https://مثال.example/طريق"),
                Text("، شكراً 🚋"),
                Link("https://x.example"),
            ]
        );
        let joined: String = segments
            .iter()
            .map(|s| match s {
                Text(t) | Link(t) => *t,
            })
            .collect();
        assert_eq!(joined, text);
    }
}
