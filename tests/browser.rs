//! Component tests in a real browser (headless Chromium via wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use broadsheet::components::{ArticleBody, RelativeTime, SanitizedHtml};
use broadsheet::model::{Block, Image};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element in the document to mount one component into.
fn container() -> web_sys::HtmlElement {
    let document = web_sys::window().and_then(|w| w.document()).expect("a browser document");
    let element =
        document.create_element("div").expect("div").unchecked_into::<web_sys::HtmlElement>();
    document.body().expect("body").append_child(&element).expect("appended");
    element
}

fn texts(root: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).expect("valid selector");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|node| node.text_content().unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
async fn article_body_renders_each_block_as_semantic_html() {
    let root = container();
    let blocks = vec![
        Block::Paragraph { text: "First “quoted” paragraph – with typography…".into() },
        Block::Heading { level: 3, text: "A subheading".into() },
        Block::Heading { level: 9, text: "Clamped".into() },
        Block::Quote { text: "Words.".into(), cite: Some("Someone".into()) },
        Block::List { ordered: true, items: vec!["one".into(), "two".into()] },
        Block::Image(Image {
            url: "javascript:alert(1)".into(),
            alt: Some("never shown".into()),
            width: None,
            height: None,
            caption: None,
            credit: None,
        }),
        Block::Paragraph { text: "<script>window.pwned = true</script>".into() },
    ];
    let _mounted = leptos::mount::mount_to(root.clone(), move || view! { <ArticleBody blocks/> });
    leptos::task::tick().await;

    let paragraphs = texts(&root, ".article-body > p");
    assert_eq!(paragraphs[0], "First “quoted” paragraph – with typography…");
    assert_eq!(paragraphs[1], "<script>window.pwned = true</script>", "text stays text");
    assert!(root.query_selector("script").expect("selector").is_none());
    assert_eq!(texts(&root, "h3"), ["A subheading"]);
    assert_eq!(texts(&root, "h4"), ["Clamped"]);
    assert_eq!(texts(&root, "blockquote"), ["Words."]);
    assert_eq!(texts(&root, "cite"), ["Someone"]);
    assert_eq!(texts(&root, "ol > li"), ["one", "two"]);
    assert!(root.query_selector("img").expect("selector").is_none(), "unsafe image URL dropped");
}

#[wasm_bindgen_test]
async fn relative_time_shows_the_absolute_time_as_title() {
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), || {
        view! { <RelativeTime timestamp="2020-01-02T03:04:05Z".to_owned()/> }
    });
    leptos::task::tick().await;
    let time = root.query_selector("time").expect("selector").expect("a time element");
    assert_eq!(time.get_attribute("datetime").as_deref(), Some("2020-01-02T03:04:05Z"));
    assert_eq!(time.get_attribute("title").as_deref(), Some("2 Jan 2020, 03:04 UTC"));
    assert_eq!(time.text_content().as_deref(), Some("2 Jan 2020"));
}

#[wasm_bindgen_test]
async fn html_blocks_keep_allowed_markup_and_lose_the_rest() {
    let root = container();
    let html = concat!(
        "<p>Read <a href=\"https://news.example/a\" onclick=\"alert(1)\">this</a> ",
        "and <a href=\"javascript:alert(2)\">that</a>.</p>",
        "<img src=x onerror=\"window.pwned = true\">",
        "<script>window.pwned = true</script><style>p{display:none}</style>",
        "<svg onload=\"window.pwned = true\"><text>svg</text></svg>",
        "<h1 style=\"color:red\">Big</h1><ul><li><em>kept</em></li></ul>",
        "<figure><img src=\"https://img.example/a.png\" alt=\"A\" width=\"4\" height=\"3\"><figcaption>Cap</figcaption></figure>"
    )
    .to_owned();
    let _mounted = leptos::mount::mount_to(root.clone(), move || view! { <SanitizedHtml html/> });
    leptos::task::tick().await;

    let block = root.query_selector(".html-block").expect("selector").expect("the block");
    assert!(block
        .query_selector("script, style, svg, h1, [onclick], [onerror], [style]")
        .expect("selector")
        .is_none());
    let links = block.query_selector_all("a").expect("selector");
    assert_eq!(links.length(), 1, "the javascript: link is dropped, its text kept");
    let link: web_sys::Element = links.item(0).expect("link").unchecked_into();
    assert_eq!(link.get_attribute("href").as_deref(), Some("https://news.example/a"));
    assert_eq!(link.get_attribute("rel").as_deref(), Some("noopener noreferrer"));
    assert_eq!(texts(&root, ".html-block > p"), ["Read this and that."]);
    assert_eq!(texts(&root, "li > em"), ["kept"]);
    let image = block.query_selector("figure img").expect("selector").expect("the safe image");
    assert_eq!(image.get_attribute("loading").as_deref(), Some("lazy"));
    assert_eq!(image.get_attribute("width").as_deref(), Some("4"));
    assert!(
        block.text_content().unwrap_or_default().contains("Big"),
        "dropped elements keep their text"
    );
    let pwned =
        js_sys::Reflect::get(&web_sys::window().expect("window"), &"pwned".into()).expect("get");
    assert!(pwned.is_undefined(), "no script ran");
}

#[wasm_bindgen_test]
async fn an_invalid_time_renders_nothing() {
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), || {
        view! { <RelativeTime timestamp="yesterday-ish".to_owned()/> }
    });
    leptos::task::tick().await;
    assert!(root.query_selector("time").expect("selector").is_none());
}
