//! The sanitiser over a corpus of hostile inputs, parsed natively by html5ever (the same HTML
//! parsing algorithm as the browser's `DOMParser`).

use super::*;

/// Parses like `DOMParser` does (a whole document) and sanitises the body's children.
pub(crate) fn clean(html: &str) -> Vec<SafeNode> {
    sanitize(&parsed::body_of(&parsed::parse(html)))
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
