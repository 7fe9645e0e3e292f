//! Component tests in a real browser (headless Chromium via wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use broadsheet::components::{ArticleBody, ArticleCard, RelativeTime, SanitizedHtml};
use broadsheet::model::{ArticleSummary, Block, Image, Source};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element in the document to mount one component into, with the app's stylesheet.
fn container() -> web_sys::HtmlElement {
    let document = web_sys::window().and_then(|w| w.document()).expect("a browser document");
    if document.get_element_by_id("app-style").is_none() {
        let style = document.create_element("style").expect("style");
        style.set_id("app-style");
        style.set_text_content(Some(include_str!("../style/main.css")));
        document.head().expect("head").append_child(&style).expect("appended");
    }
    let element =
        document.create_element("div").expect("div").unchecked_into::<web_sys::HtmlElement>();
    document.body().expect("body").append_child(&element).expect("appended");
    element
}

/// Resolves after `ms` milliseconds (a timer: timers set earlier with shorter delays fire first).
async fn sleep(ms: i32) {
    let pause = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(pause).await;
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
async fn a_long_body_draws_its_first_screen_then_the_rest_after_the_paint() {
    let root = container();
    let blocks: Vec<Block> =
        (1..=5).map(|n| Block::Paragraph { text: format!("Paragraph {n}") }).collect();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <ArticleBody blocks first_screen=2/> }
    });
    leptos::task::tick().await;
    assert_eq!(texts(&root, ".article-body > p"), ["Paragraph 1", "Paragraph 2"]);

    // Two frames and a task later (or the 100 ms fallback); 200 ms covers both.
    sleep(200).await;
    // In order, and one element per block (Listen highlights blocks by their place).
    let body = root.query_selector(".article-body").expect("selector").expect("the body");
    assert_eq!(body.children().length(), 5);
    assert_eq!(
        texts(&root, ".article-body > p"),
        (1..=5).map(|n| format!("Paragraph {n}")).collect::<Vec<_>>()
    );
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

fn summary(excerpt: Option<String>, image: Option<Image>) -> ArticleSummary {
    ArticleSummary {
        id: "a/b?c".into(),
        title: "A headline".into(),
        url: None,
        source: None,
        published_at: "2026-11-24T08:30:00Z".into(),
        excerpt,
        image,
        comment_count: None,
        language: None,
    }
}

#[wasm_bindgen_test]
async fn a_card_is_in_its_articles_language_and_direction() {
    let root = container();
    let arabic = ArticleSummary { language: Some("ar".into()), ..summary(None, None) };
    let bad = ArticleSummary { language: Some("<b>".into()), ..summary(None, None) };
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <ArticleCard summary=arabic/><ArticleCard summary=bad/> }
    });
    leptos::task::tick().await;
    let cards = root.query_selector_all("article.card").expect("selector");
    let card = |i: u32| cards.item(i).expect("a card").unchecked_into::<web_sys::Element>();
    assert_eq!(card(0).get_attribute("lang").as_deref(), Some("ar"));
    assert_eq!(card(0).get_attribute("dir").as_deref(), Some("rtl"));
    // Not a language tag: left out, as an article's is.
    assert_eq!(card(1).get_attribute("lang"), None);
    assert_eq!(card(1).get_attribute("dir"), None);
}

#[wasm_bindgen_test]
async fn a_card_clamps_a_huge_excerpt_to_three_lines() {
    let root = container();
    let mut card = summary(Some("A very long excerpt that goes on. ".repeat(500)), None);
    card.source = Some(Source { name: "The Herald".into(), url: None, logo_url: None });
    let _mounted =
        leptos::mount::mount_to(root.clone(), move || view! { <ArticleCard summary=card/> });
    leptos::task::tick().await;

    let excerpt: web_sys::HtmlElement =
        root.query_selector(".excerpt").expect("selector").expect("excerpt").unchecked_into();
    let line_height: f64 = web_sys::window()
        .expect("window")
        .get_computed_style(&excerpt)
        .expect("style")
        .expect("computed style")
        .get_property_value("line-height")
        .expect("line-height")
        .trim_end_matches("px")
        .parse()
        .unwrap_or(24.0);
    assert!(
        f64::from(excerpt.offset_height()) <= line_height * 3.0 + 1.0,
        "clamped to three lines"
    );
    assert!(
        excerpt.text_content().unwrap_or_default().chars().count() <= 401,
        "cut before rendering"
    );
    let link = root.query_selector("h2 a").expect("selector").expect("headline link");
    assert_eq!(link.get_attribute("href").as_deref(), Some("/articles/a%2Fb%3Fc"));
    assert_eq!(texts(&root, ".meta span")[0], "The Herald");
}

#[wasm_bindgen_test]
async fn a_card_without_optional_fields_shows_what_it_has() {
    let root = container();
    let card = summary(None, None);
    let _mounted = leptos::mount::mount_to(
        root.clone(),
        move || view! { <ArticleCard summary=card heading_level=3/> },
    );
    leptos::task::tick().await;
    assert_eq!(texts(&root, "h3"), ["A headline"]);
    assert!(root.query_selector(".excerpt, .card-thumb, img").expect("selector").is_none());
    assert!(root.query_selector("time").expect("selector").is_some());
}

#[wasm_bindgen_test]
async fn a_card_thumbnail_reserves_its_box() {
    let root = container();
    let image = |width, height| Image {
        url: "https://img.example/t.png".into(),
        alt: Some("Thumb".into()),
        width,
        height,
        caption: None,
        credit: None,
    };
    let with_size = summary(None, Some(image(Some(800), Some(400))));
    let without_size = summary(None, Some(image(None, None)));
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <ArticleCard summary=with_size/><ArticleCard summary=without_size/> }
    });
    leptos::task::tick().await;
    let boxes = root.query_selector_all(".card-thumb").expect("selector");
    assert_eq!(boxes.length(), 2);
    let ratio = |i: u32| {
        let element: web_sys::HtmlElement = boxes.item(i).expect("box").unchecked_into();
        f64::from(element.offset_width()) / f64::from(element.offset_height().max(1))
    };
    assert!((ratio(0) - 2.0).abs() < 0.1, "800x400 keeps 2:1 before the image loads");
    assert!((ratio(1) - 4.0 / 3.0).abs() < 0.1, "no size: a fixed 4:3 box");
}

#[wasm_bindgen_test]
async fn the_summary_opens_on_request_with_sentences_from_the_text() {
    use broadsheet::reader_tools::{passages, ReaderToolbar, ReaderTools};
    let root = container();
    let blocks: Vec<Block> = [
        "The harbour ferry will run every ten minutes from March. The council agreed the plan on Tuesday.",
        "Ferry crews asked for a second ferry at the harbour. The harbour ferry plan adds night trips too.",
        "Tickets stay the same price. Riders can pay with a card on board the ferry.",
        "The first night ferry leaves the harbour at midnight.",
    ]
    .into_iter()
    .map(|text| Block::Paragraph { text: text.into() })
    .collect();
    let found = passages(&blocks, broadsheet::sanitize::dom::sanitize_html);
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <ReaderToolbar tools=ReaderTools::new(move || found.clone()) language="en".to_owned()/> }
    });
    leptos::task::tick().await;

    let panel = root.query_selector("#reader-summary").expect("selector").expect("summary panel");
    assert!(panel.has_attribute("hidden"), "closed until asked for");
    let toggle = root
        .query_selector("button[aria-controls=reader-summary]")
        .expect("selector")
        .expect("summary button")
        .unchecked_into::<web_sys::HtmlElement>();
    toggle.click();
    leptos::task::tick().await;

    assert!(!panel.has_attribute("hidden"));
    assert_eq!(toggle.get_attribute("aria-expanded").as_deref(), Some("true"));
    let sentences = texts(&root, "#reader-summary li");
    assert!((3..=5).contains(&sentences.len()), "{sentences:?}");
    let all = blocks_text(&blocks);
    assert!(sentences.iter().all(|s| all.contains(s.as_str())), "{sentences:?}");
}

fn blocks_text(blocks: &[Block]) -> String {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { text } => Some(text.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The browser's parser turns backends' HTML into the same text as html5ever does in the
/// adapters' native tests (`sanitize::text`).
#[wasm_bindgen_test]
fn html_becomes_the_same_plain_text_in_the_browser() {
    use broadsheet::sanitize::dom::html_to_text;
    let cases = [
        (
            "Council&#8217;s plan &amp; the &#8220;quiet&#8221; streets",
            "Council’s plan & the “quiet” streets",
        ),
        ("Caf&eacute; &ndash; open &hellip;", "Café – open …"),
        ("&lt;script&gt;alert(1)&lt;/script&gt;", "<script>alert(1)</script>"),
        ("ok<script>window.ran = true</script><style>p{}</style>", "ok"),
        (
            "<p>First   paragraph,\nwrapped.</p>\n<p>Second<br />\nline</p>\n",
            "First paragraph, wrapped.\n\nSecond\nline",
        ),
        ("a&nbsp;b", "a\u{a0}b"),
    ];
    for (html, text) in cases {
        assert_eq!(html_to_text(html), text, "{html}");
    }
}

#[wasm_bindgen_test]
async fn in_an_embed_links_open_outside_the_iframe() {
    use broadsheet::components::CommentText;
    use broadsheet::config::EmbedLinkTarget;

    let reader = container();
    let card = summary(None, None);
    let _reader =
        leptos::mount::mount_to(reader.clone(), move || view! { <ArticleCard summary=card/> });
    let embed = container();
    let card = summary(None, None);
    let _embed = leptos::mount::mount_to(embed.clone(), move || {
        provide_context(EmbedLinkTarget::NewTab);
        view! {
            <ArticleCard summary=card/>
            <CommentText text="See https://news.example/a".to_owned()/>
        }
    });
    leptos::task::tick().await;

    let link = reader.query_selector("a").expect("selector").expect("the headline link");
    assert_eq!(link.get_attribute("target"), None, "the full reader's router follows it");
    let links = embed.query_selector_all("a").expect("selector");
    assert_eq!(links.length(), 2);
    let link = |i: u32| -> web_sys::Element { links.item(i).expect("link").unchecked_into() };
    assert_eq!(link(0).get_attribute("target").as_deref(), Some("_blank"));
    assert_eq!(link(0).get_attribute("rel").as_deref(), Some("noopener"));
    assert_eq!(link(1).get_attribute("target").as_deref(), Some("_blank"));
    assert_eq!(link(1).get_attribute("rel").as_deref(), Some("nofollow ugc noopener"));
}

/// Resolves with the data of the next message this window receives whose `type` is `kind`.
fn next_message(kind: &'static str) -> wasm_bindgen_futures::JsFuture {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let window = web_sys::window().expect("window");
        let listener = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |event: web_sys::MessageEvent| {
                let data = event.data();
                let matches = js_sys::Reflect::get(&data, &"type".into())
                    .is_ok_and(|t| t.as_string().as_deref() == Some(kind));
                if matches {
                    let _ = resolve.call1(&wasm_bindgen::JsValue::NULL, &data);
                }
            },
        );
        window
            .add_event_listener_with_callback("message", listener.as_ref().unchecked_ref())
            .expect("listening");
        listener.forget();
    });
    wasm_bindgen_futures::JsFuture::from(promise)
}

#[wasm_bindgen_test]
async fn a_partner_link_reports_heights_and_takes_the_theme_only_from_its_partner() {
    use broadsheet::embed::{PartnerLink, HEIGHT_MESSAGE, THEME_MESSAGE};

    let window = web_sys::window().expect("window");
    let root = window.document().and_then(|d| d.document_element()).expect("root");
    let own = window.location().origin().expect("origin");
    // At the top level a window is its own parent: the link posts to this very page.
    let height = next_message(HEIGHT_MESSAGE);
    let link = PartnerLink::connect(own.clone(), "w7".into()).expect("connects");
    let message = height.await.expect("a height message");
    let field = |name: &str| js_sys::Reflect::get(&message, &name.into()).expect("field");
    assert_eq!(field("widget").as_string().as_deref(), Some("w7"));
    assert_eq!(field("first").as_bool(), Some(true));
    let content = root.get_bounding_client_rect().height().ceil();
    assert_eq!(field("height").as_f64(), Some(content), "the content's height, in whole pixels");

    let theme = |theme: &str| {
        let data = js_sys::Object::new();
        js_sys::Reflect::set(&data, &"type".into(), &THEME_MESSAGE.into()).expect("set");
        js_sys::Reflect::set(&data, &"theme".into(), &theme.into()).expect("set");
        data
    };
    let arrived = next_message(THEME_MESSAGE);
    window.post_message(&theme("dark"), &own).expect("posted");
    arrived.await.expect("delivered");
    assert_eq!(root.get_attribute("data-theme").as_deref(), Some("dark"));

    // The same message from another origin changes nothing.
    let init = web_sys::MessageEventInit::new();
    init.set_data(&theme("light"));
    init.set_origin("https://evil.example");
    init.set_source(Some(window.unchecked_ref()));
    let forged = web_sys::MessageEvent::new_with_event_init_dict("message", &init).expect("event");
    window.dispatch_event(&forged).expect("dispatched");
    assert_eq!(root.get_attribute("data-theme").as_deref(), Some("dark"));

    drop(link);
    broadsheet::embed::show_theme(None);
    assert_eq!(root.get_attribute("data-theme"), None);
}

#[wasm_bindgen_test]
async fn a_fetched_value_shows_only_the_latest_requests_answer() {
    use broadsheet::fetched::Fetched;
    use std::cell::Cell;
    use std::rc::Rc;

    let root = container();
    let id = RwSignal::new(1u32);
    let requests = Rc::new(Cell::new(0u32));
    let handle = Rc::new(Cell::new(None::<Fetched<String>>));
    let _mounted = leptos::mount::mount_to(root.clone(), {
        let handle = Rc::clone(&handle);
        move || {
            let fetched = Fetched::new(move || {
                let id = id.get();
                requests.set(requests.get() + 1);
                let request = requests.get();
                async move {
                    // The first request is the slowest: its answer comes after the second's.
                    sleep(if id == 1 { 150 } else { 10 }).await;
                    format!("{id}/{request}")
                }
            });
            handle.set(Some(fetched));
            view! { <p>{move || fetched.get().unwrap_or_else(|| "none".into())}</p> }
        }
    });
    let shown = || texts(&root, "p").concat();
    leptos::task::tick().await;
    assert_eq!(shown(), "none", "nothing until an answer");

    id.set(2);
    sleep(60).await;
    assert_eq!(shown(), "2/2");
    sleep(200).await;
    assert_eq!(shown(), "2/2", "the first request's late answer is dropped");

    let fetched = handle.get().expect("mounted");
    fetched.refetch();
    leptos::task::tick().await;
    assert_eq!(shown(), "2/2", "the answer stays while the next is on its way");
    sleep(60).await;
    assert_eq!(shown(), "2/3");
}

#[wasm_bindgen_test]
async fn a_pages_head_tags_leave_with_the_page_and_the_title_follows_the_newest_page() {
    use broadsheet::head::{Link, Meta, Title};

    let root = container();
    let page = RwSignal::new(1u32);
    let _mounted = leptos::mount::mount_to(root, move || {
        move || {
            let n = page.get();
            (n > 0).then(|| {
                view! {
                    <Title text=format!("Page {n}")/>
                    <Meta name="description" content=format!("About page {n}")/>
                    <Link rel="canonical" href=format!("https://news.example/{n}")/>
                }
            })
        }
    });
    let head =
        || web_sys::window().and_then(|w| w.document()).and_then(|d| d.head()).expect("head");
    let attributes = |selector: &str, name: &str| -> Vec<String> {
        let list = head().query_selector_all(selector).expect("valid selector");
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|node| node.dyn_into::<web_sys::Element>().ok())
            .filter_map(|element| element.get_attribute(name))
            .collect()
    };
    let title =
        || web_sys::window().and_then(|w| w.document()).map(|d| d.title()).unwrap_or_default();
    leptos::task::tick().await;
    assert_eq!(title(), "Page 1");
    assert_eq!(attributes("meta[name=description]", "content"), ["About page 1"]);

    page.set(2);
    leptos::task::tick().await;
    assert_eq!(title(), "Page 2");
    assert_eq!(
        attributes("meta[name=description]", "content"),
        ["About page 2"],
        "one page's tags"
    );
    assert_eq!(attributes("link[rel=canonical]", "href"), ["https://news.example/2"]);

    page.set(0);
    leptos::task::tick().await;
    assert!(attributes("meta[name=description]", "content").is_empty(), "gone with the page");
    assert!(attributes("link[rel=canonical]", "href").is_empty());
}

#[wasm_bindgen_test]
async fn an_answer_over_its_limit_is_refused_as_it_streams_in() {
    use broadsheet::api::{read_capped, ApiError, Limit};
    // Built in the page, a response has no Content-Length, as a chunked answer has none: its
    // body is counted as it comes.
    let over = js_sys::Uint8Array::new_with_length(Limit::Small.bytes() as u32 + 1);
    let response = web_sys::Response::new_with_opt_buffer_source(Some(&over)).expect("a response");
    assert_eq!(response.headers().get("Content-Length").ok().flatten(), None);
    assert_eq!(read_capped(&response, Limit::Small).await, Err(ApiError::TooLarge));
    // The same bytes are within a page's limit, and a small answer reads as it is.
    let within = web_sys::Response::new_with_opt_buffer_source(Some(&over)).expect("a response");
    let text = read_capped(&within, Limit::Page).await.expect("read");
    assert_eq!(text.len(), Limit::Small.bytes() + 1);
    let small = web_sys::Response::new_with_opt_str(Some("{\"ok\": true}")).expect("a response");
    assert_eq!(read_capped(&small, Limit::Small).await.as_deref(), Ok("{\"ok\": true}"));
}
