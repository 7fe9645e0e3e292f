//! The sanitiser over a corpus of hostile inputs, parsed natively by html5ever (the same HTML
//! parsing algorithm as the browser's `DOMParser`).

use super::*;

/// Parses like `DOMParser` does (a whole document) and sanitises the body's children.
pub(crate) fn clean(html: &str) -> Vec<SafeNode> {
    parsed::sanitize_html(html)
}

/// A compact serialisation of the output, to compare with what each case expects.
fn html(nodes: &[SafeNode]) -> String {
    let mut out = String::new();
    for node in nodes {
        match node {
            SafeNode::Text(text) => {
                out.push_str(&text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;"))
            }
            SafeNode::Element(e) => {
                out.push('<');
                out.push_str(e.tag.name());
                let attributes = [
                    ("href", e.href.as_deref()),
                    ("rel", e.rel),
                    ("title", e.title.as_deref()),
                    ("src", e.src.as_deref()),
                    ("alt", e.alt.as_deref()),
                    ("width", e.width.as_deref()),
                    ("height", e.height.as_deref()),
                    ("dir", e.dir),
                    ("lang", e.lang.as_deref()),
                ];
                for (name, value) in attributes {
                    if let Some(value) = value {
                        out.push_str(&format!(" {name}=\"{value}\""));
                    }
                }
                out.push('>');
                if !e.tag.is_void() {
                    out.push_str(&html(&e.children));
                    out.push_str(&format!("</{}>", e.tag.name()));
                }
            }
        }
    }
    out
}

/// Whatever the input, the output holds no URL that could run script.
fn assert_no_active_urls(nodes: &[SafeNode]) {
    for node in nodes {
        if let SafeNode::Element(e) = node {
            for url in [&e.href, &e.src].into_iter().flatten() {
                let lower = url.to_ascii_lowercase();
                assert!(
                    lower.starts_with("http")
                        || lower.starts_with('/')
                        || lower.starts_with("mailto:")
                        || !lower.contains(':'),
                    "{url}"
                );
            }
            assert_no_active_urls(&e.children);
        }
    }
}

#[test]
fn keeps_allowed_markup() {
    let cases = [
        ("<p>Plain <em>and</em> <strong>bold</strong>, <b>b</b> <i>i</i></p>", "<p>Plain <em>and</em> <strong>bold</strong>, <b>b</b> <i>i</i></p>"),
        ("<h2>Two</h2><h3>Three</h3><h4>Four</h4>", "<h2>Two</h2><h3>Three</h3><h4>Four</h4>"),
        ("<ul><li>a</li></ul><ol><li>b</li></ol>", "<ul><li>a</li></ul><ol><li>b</li></ol>"),
        ("<blockquote><p>Quoted</p></blockquote>", "<blockquote><p>Quoted</p></blockquote>"),
        ("<p>line<br>break</p>", "<p>line<br>break</p>"),
        (
            "<figure><img src=\"https://img.example/a.jpg\" alt=\"A\" width=\"640\" height=\"360\"><figcaption>Cap</figcaption></figure>",
            "<figure><img src=\"https://img.example/a.jpg\" alt=\"A\" width=\"640\" height=\"360\"><figcaption>Cap</figcaption></figure>",
        ),
        ("<a href=\"https://news.example/x\">out</a>", "<a href=\"https://news.example/x\" rel=\"noopener noreferrer\">out</a>"),
        ("<a href=\"/articles/y\">in</a>", "<a href=\"/articles/y\">in</a>"),
        ("<a href=\"mailto:desk@news.example\">mail</a>", "<a href=\"mailto:desk@news.example\" rel=\"noopener noreferrer\">mail</a>"),
        ("<p dir=\"rtl\" lang=\"ar\">نص</p>", "<p dir=\"rtl\" lang=\"ar\">نص</p>"),
        ("<p>“Curly” quotes – dashes… &amp; entities &lt;kept&gt;</p>", "<p>“Curly” quotes – dashes… &amp; entities &lt;kept&gt;</p>"),
    ];
    for (input, expected) in cases {
        assert_eq!(html(&clean(input)), expected, "{input}");
    }
}

#[test]
fn links_a_browser_resolves_off_site_cannot_reach_the_opener() {
    // The URL parser reads `\` as `/` in http(s) URLs: each of these goes to evil.example.
    for href in ["//evil.example/x", "/\\evil.example/x", "\\/evil.example/x", "\\\\evil.example/x"]
    {
        let input = format!("<a href=\"{href}\">x</a>");
        let expected = format!("<a href=\"{href}\" rel=\"noopener noreferrer\">x</a>");
        assert_eq!(html(&clean(&input)), expected, "{href}");
    }
}

#[test]
fn removes_hostile_markup() {
    let cases: &[(&str, &str)] = &[
        // Script, style and other active content go with everything inside them.
        ("<script>alert(1)</script>ok", "ok"),
        ("<SCRIPT SRC=https://evil.example/x.js></SCRIPT>ok", "ok"),
        ("<scr<script>ipt>alert(1)</script>", "ipt&gt;alert(1)"),
        ("<style>body{display:none}</style><p>ok</p>", "<p>ok</p>"),
        ("<template><img src=x onerror=alert(1)></template>ok", "ok"),
        ("<iframe src=\"https://evil.example\">fallback</iframe>ok", "ok"),
        ("<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>", ""),
        ("<object data=\"javascript:alert(1)\">text</object>", ""),
        ("<embed src=\"javascript:alert(1)\">", ""),
        // Parsers differ on <noscript>; either way the handler is gone and the URL is inert.
        ("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>", "<img src=\"x\" alt=\"\">\"&gt;"),
        // Event handlers and other attributes outside the allow-list.
        ("<p onclick=\"alert(1)\" style=\"color:red\" class=\"x\" id=\"y\">t</p>", "<p>t</p>"),
        ("<img src=\"https://img.example/a.png\" onerror=\"alert(1)\" onload=\"alert(2)\">", "<img src=\"https://img.example/a.png\" alt=\"\">"),
        ("<a href=\"https://ok.example\" onmouseover=\"alert(1)\" target=\"_self\">x</a>", "<a href=\"https://ok.example\" rel=\"noopener noreferrer\">x</a>"),
        ("<body onload=alert(1)>text", "text"),
        ("<div><span onfocus=alert(1) autofocus tabindex=0>x</span></div>", "x"),
        ("<details open ontoggle=alert(1)><summary>s</summary>d</details>", "sd"),
        ("<input autofocus onfocus=alert(1) value=v>", ""),
        ("<form action=\"javascript:alert(1)\"><button>go</button></form>", "go"),
        ("<marquee onstart=alert(1)>m</marquee>", "m"),
        ("<video><source onerror=\"alert(1)\"></video>", ""),
        // javascript:, data: and vbscript: URLs, disguised in case, entities and whitespace.
        ("<a href=\"javascript:alert(1)\">x</a>", "x"),
        ("<a href=\"JaVaScRiPt:alert(1)\">x</a>", "x"),
        ("<a href=\" javascript:alert(1)\">x</a>", "x"),
        ("<a href=\"java&#x09;script:alert(1)\">x</a>", "x"),
        ("<a href=\"java&#10;script:alert(1)\">x</a>", "x"),
        ("<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>", "x"),
        ("<a href=\"javascript&colon;alert(1)\">x</a>", "x"),
        ("<a href=\"&#x6A;avascript:alert(1)\">x</a>", "x"),
        ("<a href=\"\u{0001}javascript:alert(1)\">x</a>", "x"),
        ("<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>", "x"),
        ("<a href=\"vbscript:msgbox(1)\">x</a>", "x"),
        ("<a href=\"VBScript:msgbox(1)\">x</a>", "x"),
        ("<img src=\"javascript:alert(1)\">", ""),
        ("<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">", ""),
        ("<img src=x:alert(1) alt=a>", ""),
        ("<img src=\"https://img.example/a.png\" width=\"100%\" height=\"-5\">", "<img src=\"https://img.example/a.png\" alt=\"\">"),
        ("<a href=\"mailto:x@y.example\" title=\"\">m</a>", "<a href=\"mailto:x@y.example\" rel=\"noopener noreferrer\">m</a>"),
        // SVG and MathML tricks.
        ("<svg onload=alert(1)><text>t</text></svg>ok", "ok"),
        ("<svg><script>alert(1)</script></svg>", ""),
        ("<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>", ""),
        ("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", ""),
        ("<math href=\"javascript:alert(1)\">click</math>", ""),
        ("<svg><foreignObject><p>inner</p></foreignObject></svg>", ""),
        // Nested, unclosed and malformed tags.
        ("<p>unclosed <em>emphasis", "<p>unclosed <em>emphasis</em></p>"),
        ("<a href=\"https://a.example\"><a href=\"javascript:alert(1)\">nested</a></a>", "<a href=\"https://a.example\" rel=\"noopener noreferrer\"></a>nested"),
        ("<img src=\"https://img.example/a.png\"<script>alert(1)</script>", "<img src=\"https://img.example/a.png\" alt=\"\">alert(1)"),
        ("<<script>alert(1)//<</script>", "&lt;"),
        ("<p title=\"</p><script>alert(1)</script>\">t</p>", "<p>t</p>"),
        ("<!-- <script>alert(1)</script> -->ok", "ok"),
        // Outside SVG, CDATA is a bogus comment that ends at the first ">": the rest is plain text.
        ("<![CDATA[<script>alert(1)</script>]]>ok", "alert(1)]]&gt;ok"),
        ("<h1>Top</h1><h5>Five</h5><div>div</div><span>span</span>", "TopFivedivspan"),
        ("<table><tr><td>cell</td></tr></table>", "cell"),
        ("<base href=\"https://evil.example/\"><a href=\"/x\">x</a>", "<a href=\"/x\">x</a>"),
        ("<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">ok", "ok"),
        ("<link rel=stylesheet href=https://evil.example/x.css>ok", "ok"),
        ("<p dir=\"sideways\" lang=\"en\\\" onclick\">t</p>", "<p>t</p>"),
        ("<textarea><script>alert(1)</script></textarea>", ""),
        ("<select><option>o</option></select>", ""),
        ("<xmp><script>alert(1)</script></xmp>", ""),
    ];
    assert!(cases.len() >= 40);
    for (input, expected) in cases {
        let output = clean(input);
        assert_no_active_urls(&output);
        assert_eq!(html(&output), *expected, "{input}");
    }
}

#[test]
fn hostile_nesting_is_flattened_without_deep_recursion() {
    // Deeper than MAX_DEPTH, within the node budget.
    let depth = 5_000;
    let input = format!("{}deep{}", "<b>".repeat(depth), "</b>".repeat(depth));
    let output = clean(&input);
    fn max_depth(nodes: &[SafeNode]) -> usize {
        nodes
            .iter()
            .map(|n| match n {
                SafeNode::Element(e) => 1 + max_depth(&e.children),
                SafeNode::Text(_) => 0,
            })
            .max()
            .unwrap_or(0)
    }
    assert!(max_depth(&output) <= MAX_DEPTH);
    assert!(html(&output).contains("deep"));
}

#[test]
fn huge_fragments_are_cut_at_the_node_budget() {
    let input = "<p>x</p>".repeat(MAX_NODES);
    let output = clean(&input);
    assert!(output.len() < MAX_NODES);
}

#[test]
fn a_document_without_a_body_sanitises_to_nothing() {
    // html5ever puts a <frameset> where the <body> would be: no body to walk (this used to panic).
    let body = scraper::Selector::parse("body").expect("a valid selector");
    assert!(parsed::parse("<frameset></frameset>").select(&body).next().is_none());
    assert_eq!(clean("<frameset><frame src=\"https://evil.example\"></frameset>"), []);
    assert_eq!(parsed::html_to_text("<frameset><frame></frameset>text"), "");
    assert_eq!(html(&clean("<p>x</p><frameset>")), "<p>x</p>");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Words, entities and markup soup that exercise the parser's odd corners.
    fn fragment() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("text "),
            Just("&amp;&lt;&#106;&#x3A;&colon;&#0;"),
            Just("<p>"),
            Just("</p>"),
            Just("<a href=\"https://a.example/x\">"),
            Just("<a href=\"java&#x09;script:alert(1)\">"),
            Just("<a href=\"/in\">"),
            Just("<a href=\"mailto:x@y.example\" title=\"t\">"),
            Just("</a>"),
            Just("<img src=\"data:image/png;base64,AA\" onerror=alert(1)>"),
            Just("<img src=\"https://i.example/a.png\" width=\"12\" height=\"0\" alt=a>"),
            Just("<img src=\"x:y\">"),
            Just("<script>SECRET</script>"),
            Just("<style>SECRET</style>"),
            Just("<svg><text>SECRET</text></svg>"),
            Just("<template>SECRET</template>"),
            Just("<textarea>SECRET</textarea>"),
            Just("<table><tr><td>"),
            Just("<frameset>"),
            Just("<b><i><em><strong>"),
            Just("</em></b>"),
            Just("<ul><li>"),
            Just("<br>"),
            Just("<div dir=rtl lang=ar-EG>"),
            Just("<!--"),
            Just("-->"),
            Just("<![CDATA["),
            Just("<math><mtext>"),
            Just("<noscript>"),
            Just("<"),
            Just("\""),
        ];
        proptest::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
    }

    /// Well-formed markup (escaped text, closed elements): content of script-like elements
    /// (the text `SECRET`) must never come out as text.
    fn tree() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            "[a-z ]{0,8}".prop_map(String::from),
            Just("<script>SECRET</script>".to_owned()),
            Just("<style>SECRET</style>".to_owned()),
            Just("<img src=\"javascript:alert(1)\" alt=\"a\">".to_owned()),
            Just("<br>".to_owned()),
        ];
        leaf.prop_recursive(6, 64, 4, |inner| {
            let tag = prop_oneof![
                Just("p"),
                Just("a href=\"vbscript:x\""),
                Just("a href=\"https://a.example\""),
                Just("em"),
                Just("div"),
                Just("ul"),
                Just("li"),
                Just("blockquote"),
                Just("svg"),
                Just("template"),
                Just("h2"),
                Just("span onclick=\"alert(1)\""),
                Just("figure"),
            ];
            (tag, proptest::collection::vec(inner, 0..4)).prop_map(|(tag, children)| {
                let name = tag.split(' ').next().unwrap_or(tag);
                format!("<{tag}>{}</{name}>", children.concat())
            })
        })
    }

    fn all_text(nodes: &[SafeNode], out: &mut String) {
        for node in nodes {
            match node {
                SafeNode::Text(text) => out.push_str(text),
                SafeNode::Element(e) => all_text(&e.children, out),
            }
        }
    }

    /// The policy's promises about any output.
    fn assert_policy(nodes: &[SafeNode], depth: usize) {
        assert!(depth <= MAX_DEPTH + 1);
        for pair in nodes.windows(2) {
            let both_text = matches!(pair, [SafeNode::Text(_), SafeNode::Text(_)]);
            assert!(!both_text, "adjacent text nodes");
        }
        for node in nodes {
            match node {
                SafeNode::Text(text) => assert!(!text.is_empty()),
                SafeNode::Element(e) => {
                    assert_eq!(e.href.is_some(), e.tag == Tag::A);
                    assert_eq!(e.src.is_some(), e.tag == Tag::Img);
                    for url in [&e.href, &e.src].into_iter().flatten() {
                        assert_eq!(safe_url(url, e.tag == Tag::A), Some(url.as_str()));
                    }
                    if e.tag.is_void() {
                        assert!(e.children.is_empty());
                    }
                    assert_policy(&e.children, depth + 1);
                }
            }
        }
        assert_no_active_urls(nodes);
    }

    proptest! {
        #[test]
        fn any_input_sanitises_within_the_policy(
            input in prop_oneof![fragment(), any::<String>()],
        ) {
            assert_policy(&clean(&input), 1);
            let _ = parsed::html_to_text(&input);
        }

        #[test]
        fn script_content_never_becomes_text(input in tree()) {
            let mut text = String::new();
            all_text(&clean(&input), &mut text);
            prop_assert!(!text.contains("SECRET"), "{input} -> {text}");
        }
    }
}
