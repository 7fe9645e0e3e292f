//! Inline script and style removed from untrusted markup before the browser parses it: event
//! handler attributes (`onerror=…`), `style` attributes, `<style>` and `<base>` elements. `DOMParser` never
//! runs or applies them, but Chromium checks each against the page's Content-Security-Policy
//! while parsing and reports a violation for every one; without them the policy stays silent, so
//! any report is a real alarm. The sanitiser drops all of them anyway.
//!
//! This follows the HTML tokenizer only as far as finding tags and their attributes: comments,
//! bogus comments, quoted values and raw-text elements are skipped as browsers skip them (inside
//! `<svg>` and `<math>`, where browsers read no raw text, nothing is skipped). Where it could
//! still disagree with the browser, the cost is a report, not a hole: the allow-list sanitiser
//! after it decides what is kept.

use std::borrow::Cow;

/// Elements whose content is text up to their end tag (`noscript` is not: `DOMParser` documents
/// have scripting off, so its content is markup). `style` is removed whole.
const RAW_TEXT: [&str; 7] = ["script", "textarea", "title", "xmp", "iframe", "noembed", "noframes"];

/// `html` without `on*` and `style` attributes and `<style>` and `<base>` elements; the rest is
/// copied byte for byte.
pub fn without_inline_code(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mentions = |word: &[u8]| bytes.windows(word.len()).any(|w| w.eq_ignore_ascii_case(word));
    if !mentions(b"on") && !mentions(b"style") && !mentions(b"base") {
        return Cow::Borrowed(html);
    }
    // How many `<svg>` and `<math>` elements are open: inside them nothing is raw text.
    let mut foreign = 0usize;
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    let mut i = 0;
    while let Some(offset) = bytes[i..].iter().position(|&b| b == b'<') {
        i += offset;
        let next = bytes.get(i + 1).copied().unwrap_or(0);
        if bytes[i..].starts_with(b"<!--") {
            i = comment_end(bytes, i + 4);
        } else if next == b'!' || next == b'?' || (next == b'/' && !is_alpha(bytes, i + 2)) {
            i = after(bytes, i + 2, b'>');
        } else if next == b'/' || next.is_ascii_alphabetic() {
            let tag_start = i;
            let end_tag = next == b'/';
            let name_start = if end_tag { i + 2 } else { i + 1 };
            let name_end = name_start
                + bytes[name_start..]
                    .iter()
                    .position(|&b| b.is_ascii_whitespace() || b == b'/' || b == b'>')
                    .unwrap_or(bytes.len() - name_start);
            let mut inline = Vec::new();
            i = attributes(bytes, name_end, &mut inline);
            let name = html[name_start..name_end].to_ascii_lowercase();
            let is_foreign = name == "svg" || name == "math";
            match (end_tag, name.as_str()) {
                (true, _) if is_foreign => foreign = foreign.saturating_sub(1),
                (true, _) => {}
                // A `<base>` would set the parsed document's base URL: `base-uri` reports it.
                (false, "base") => {
                    out.push_str(&html[copied..tag_start]);
                    copied = i;
                }
                (false, "style") => {
                    // The whole element, up to the end of its end tag.
                    let end = raw_text_end(bytes, i, "style");
                    i = after(bytes, end, b'>');
                    out.push_str(&html[copied..tag_start]);
                    copied = i;
                }
                (false, _) => {
                    for (start, end) in inline {
                        out.push_str(&html[copied..start]);
                        copied = end;
                    }
                    let self_closing = bytes[..i].ends_with(b"/>");
                    if is_foreign && !self_closing {
                        foreign += 1;
                    } else if foreign == 0 && RAW_TEXT.contains(&name.as_str()) {
                        i = raw_text_end(bytes, i, &name);
                    }
                }
            }
        } else {
            i += 1;
        }
        if i >= bytes.len() {
            break;
        }
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

fn is_alpha(bytes: &[u8], at: usize) -> bool {
    bytes.get(at).is_some_and(u8::is_ascii_alphabetic)
}

/// The index after the next `byte` at or after `from` (the end when there is none).
fn after(bytes: &[u8], from: usize, byte: u8) -> usize {
    bytes[from.min(bytes.len())..]
        .iter()
        .position(|&b| b == byte)
        .map_or(bytes.len(), |at| from + at + 1)
}

/// The index after a comment that started before `from`: `-->`, `--!>`, or at once `>` / `->`.
fn comment_end(bytes: &[u8], from: usize) -> usize {
    let rest = &bytes[from.min(bytes.len())..];
    if rest.starts_with(b">") {
        return from + 1;
    }
    if rest.starts_with(b"->") {
        return from + 2;
    }
    let mut at = from;
    while at < bytes.len() {
        if bytes[at..].starts_with(b"-->") {
            return at + 3;
        }
        if bytes[at..].starts_with(b"--!>") {
            return at + 4;
        }
        at += 1;
    }
    bytes.len()
}

/// Reads the attributes of a tag from `from` to its `>`, noting the byte range of each event
/// handler and `style` attribute (from the whitespace or `/` before it); returns the index after
/// the tag.
fn attributes(bytes: &[u8], from: usize, inline: &mut Vec<(usize, usize)>) -> usize {
    let mut i = from;
    loop {
        let separator = i;
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() {
            return bytes.len();
        }
        if bytes[i] == b'>' {
            return i + 1;
        }
        let name_start = i;
        // A name runs to whitespace, '/', '>' or '=' (an '=' first is part of the name).
        i += 1;
        while i < bytes.len()
            && !matches!(bytes[i], b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>' | b'=')
        {
            i += 1;
        }
        let name = &bytes[name_start..i];
        let is_inline = name.get(..2).is_some_and(|p| p.eq_ignore_ascii_case(b"on"))
            || name.eq_ignore_ascii_case(b"style");
        let mut j = i;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        if bytes.get(j) == Some(&b'=') {
            j += 1;
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            i = match bytes.get(j) {
                Some(&quote @ (b'"' | b'\'')) => after(bytes, j + 1, quote),
                Some(_) => {
                    j + bytes[j..]
                        .iter()
                        .position(|&b| b.is_ascii_whitespace() || b == b'>')
                        .unwrap_or(bytes.len() - j)
                }
                None => bytes.len(),
            };
        }
        if is_inline {
            inline.push((separator, i.min(bytes.len())));
        }
    }
}

/// The index of the end tag `</name` that closes a raw-text element (the end when there is none).
fn raw_text_end(bytes: &[u8], from: usize, name: &str) -> usize {
    let mut at = from;
    while let Some(offset) = bytes[at.min(bytes.len())..].windows(2).position(|w| w == b"</") {
        at += offset;
        let candidate = &bytes[at + 2..];
        if candidate.len() >= name.len()
            && candidate[..name.len()].eq_ignore_ascii_case(name.as_bytes())
        {
            let boundary = candidate.get(name.len()).copied().unwrap_or(b'>');
            if boundary.is_ascii_whitespace() || boundary == b'/' || boundary == b'>' {
                return at;
            }
        }
        at += 2;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::without_inline_code as strip;

    #[test]
    fn event_handlers_go_and_everything_else_stays_byte_for_byte() {
        let cases = [
            ("<img src=x onerror=alert(1)>", "<img src=x>"),
            ("<img src=\"x\" onerror  =  alert(1) alt=y>", "<img src=\"x\" alt=y>"),
            ("<img/src/onerror=alert(1)>", "<img/src>"),
            (
                "<svg onload=alert(1)><a ONclick='x()' href=\"h\">t</a></svg>",
                "<svg><a href=\"h\">t</a></svg>",
            ),
            ("<p title=\"onclick=x\" class=on>ok</p>", "<p title=\"onclick=x\" class=on>ok</p>"),
            ("<p a=\">\" onmouseover=x>t</p>", "<p a=\">\">t</p>"),
            ("<div onclick>t</div>", "<div>t</div>"),
            ("<body onload=alert(1)>", "<body>"),
            (
                "Tonight, onions <b>on</b> sale: 2<3 and a<b onx=1>",
                "Tonight, onions <b>on</b> sale: 2<3 and a<b>",
            ),
            ("café <em onclick=\"x\">naïve</em> ✓", "café <em>naïve</em> ✓"),
            ("<p style=\"color:red\" class=x>t</p>", "<p class=x>t</p>"),
            ("a<style>p{color:red}</style>b<STYLE media=x>q{}</Style >c", "abc"),
            ("<svg><style><img src=x onerror=alert(1)></style></svg>", "<svg></svg>"),
            ("<p>styles and stylists</p>", "<p>styles and stylists</p>"),
            ("<base href=\"https://evil.example/\"><a href=x>t</a>", "<a href=x>t</a>"),
        ];
        for (input, expected) in cases {
            assert_eq!(strip(input), expected, "{input}");
        }
    }

    #[test]
    fn text_that_is_not_a_tag_is_left_alone() {
        for text in [
            "<!-- <img onerror=x> -->",
            "<!--><p onclick=x>",
            "<!x <img onerror=y>",
            "<?xml <img onerror=y>",
            "<script>var a = '<img onerror=x>';</script>",
            "<textarea><b onclick=x></textarea>",
            "<title></titlex onclick=y></title>",
            "</p onclick=x>",
            "no markup, only the word onion",
            "<p>unfinished <img onerror",
        ] {
            let out = strip(text);
            let handlers_outside_text =
                text.starts_with("<!--><p") || text.starts_with("<p>unfinished");
            if handlers_outside_text {
                assert!(!out.contains("onclick") && !out.contains("onerror"), "{text}: {out}");
            } else {
                assert_eq!(out, text, "{text}");
            }
        }
    }

    #[test]
    fn raw_text_ends_at_its_own_end_tag() {
        assert_eq!(
            strip("<title>t</title><img src=x onerror=y><script></scriptx></script ><b onclick=z>"),
            "<title>t</title><img src=x><script></scriptx></script ><b>"
        );
    }

    #[test]
    fn inside_svg_and_math_nothing_is_raw_text() {
        assert_eq!(
            strip("<math><mtext><title><img src=x onerror=y></title></mtext></math><title><b onclick=z></title>"),
            "<math><mtext><title><img src=x></title></mtext></math><title><b onclick=z></title>"
        );
        assert_eq!(
            strip("<svg/><title><b onclick=z></title>"),
            "<svg/><title><b onclick=z></title>"
        );
    }

    #[test]
    fn a_huge_fragment_is_handled_in_one_pass() {
        let html = "<p onclick=x>word</p>".repeat(100_000);
        assert_eq!(strip(&html), "<p>word</p>".repeat(100_000));
    }
}
