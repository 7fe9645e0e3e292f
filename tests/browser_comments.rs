//! Comment components in a real browser (headless Chromium via wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use broadsheet::components::comment_thread::{FIRST_FRAME, RENDER_STEP};
use broadsheet::components::{CommentThread, CommentView};
use broadsheet::model::thread::Thread;
use broadsheet::model::{Comment, Person};
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

fn all(root: &web_sys::HtmlElement, selector: &str) -> Vec<web_sys::Element> {
    let list = root.query_selector_all(selector).expect("valid selector");
    (0..list.length()).filter_map(|i| list.item(i)).map(|node| node.unchecked_into()).collect()
}

fn texts(root: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    all(root, selector).iter().map(|e| e.text_content().unwrap_or_default()).collect()
}

/// Waits past the page's next paint (what the thread waits for before drawing more than its
/// first frame); its fallback timer fires after 100 ms at the latest.
async fn after_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 200);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn comment(id: &str, parent: Option<&str>, body: &str) -> Comment {
    Comment {
        id: id.into(),
        parent_id: parent.map(Into::into),
        author: Person { name: format!("Author {id}"), url: None, avatar_url: None },
        body: body.into(),
        created_at: "2020-01-02T03:04:05Z".into(),
        edited_at: None,
        deleted: false,
        score: None,
        language: None,
    }
}

#[wasm_bindgen_test]
async fn comment_text_stays_text_and_links_get_rel() {
    let root = container();
    let body = "<b>bold</b> <img src=x onerror=\"window.pwned=1\">\nSee https://news.example/a. Not javascript:alert(1)";
    let c = comment("c1", None, body);
    let _mounted =
        leptos::mount::mount_to(root.clone(), move || view! { <CommentView comment=c/> });
    leptos::task::tick().await;

    assert!(all(&root, "b, img, script").is_empty(), "markup in a comment is never parsed");
    let paragraph = &all(&root, ".comment-body")[0];
    assert_eq!(paragraph.text_content().as_deref(), Some(body), "the text is kept exactly");
    assert_eq!(paragraph.get_attribute("dir").as_deref(), Some("auto"));
    let links = all(&root, ".comment-body a");
    assert_eq!(links.len(), 1, "only the http(s) address is a link");
    assert_eq!(links[0].get_attribute("href").as_deref(), Some("https://news.example/a"));
    assert_eq!(links[0].get_attribute("rel").as_deref(), Some("nofollow ugc noopener"));
    assert_eq!(texts(&root, ".comment-author"), ["Author c1"]);
    assert_eq!(all(&root, "time").len(), 1);
    let pwned =
        js_sys::Reflect::get(&web_sys::window().expect("window"), &"pwned".into()).expect("get");
    assert!(pwned.is_undefined(), "no script ran");
}

#[wasm_bindgen_test]
async fn a_deleted_comment_shows_deleted_and_nothing_else() {
    let root = container();
    let mut c = comment("c1", None, "the secret words");
    c.deleted = true;
    let _mounted =
        leptos::mount::mount_to(root.clone(), move || view! { <CommentView comment=c/> });
    leptos::task::tick().await;
    assert_eq!(texts(&root, ".comment-body"), ["[deleted]"]);
    let shown = root.text_content().unwrap_or_default();
    assert!(!shown.contains("the secret words") && !shown.contains("Author c1"), "{shown}");
}

#[wasm_bindgen_test]
async fn a_pending_comment_is_marked_posting() {
    let root = container();
    let c = comment("c1", None, "on its way");
    let _mounted = leptos::mount::mount_to(
        root.clone(),
        move || view! { <CommentView comment=c pending=true/> },
    );
    leptos::task::tick().await;
    assert_eq!(texts(&root, ".comment-badge"), ["Posting…"]);
}

#[wasm_bindgen_test]
async fn threads_indent_up_to_four_levels_then_say_whom_they_answer() {
    let root = container();
    let mut flat = vec![comment("c0", None, "top")];
    for depth in 1..=6 {
        flat.push(comment(&format!("c{depth}"), Some(&format!("c{}", depth - 1)), "reply"));
    }
    flat.push(comment("orphan", Some("gone"), "lost parent"));
    let thread = Thread::from_flat(&flat);
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <CommentThread thread=Signal::stored(thread)/> }
    });
    leptos::task::tick().await;

    let indents: Vec<String> = all(&root, "li.comment-entry")
        .iter()
        .map(|li| li.get_attribute("data-indent").unwrap_or_default())
        .collect();
    assert_eq!(indents, ["0", "1", "2", "3", "4", "4", "4", "0"]);
    assert_eq!(
        texts(&root, ".comment-replying-to"),
        [
            "replying to Author c4",
            "replying to Author c5",
            "replying to a comment that is not shown"
        ]
    );
    let ids: Vec<String> = all(&root, "li.comment-entry")
        .iter()
        .map(|li| li.get_attribute("id").unwrap_or_default())
        .collect();
    assert_eq!(ids[0], "comment-c0");
}

#[wasm_bindgen_test]
async fn collapsing_a_thread_hides_its_replies() {
    let root = container();
    let flat = vec![
        comment("a", None, "top"),
        comment("a1", Some("a"), "reply"),
        comment("a1x", Some("a1"), "reply to reply"),
        comment("b", None, "other"),
    ];
    let thread = Thread::from_flat(&flat);
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <CommentThread thread=Signal::stored(thread)/> }
    });
    leptos::task::tick().await;
    assert_eq!(all(&root, "li.comment-entry").len(), 4);
    let toggle: web_sys::HtmlElement =
        all(&root, "#comment-a button[aria-expanded]")[0].clone().unchecked_into();
    assert_eq!(toggle.get_attribute("aria-expanded").as_deref(), Some("true"));
    toggle.click();
    leptos::task::tick().await;
    let ids: Vec<String> = all(&root, "li.comment-entry").iter().map(|li| li.id()).collect();
    assert_eq!(ids, ["comment-a", "comment-b"]);
    let toggle = &all(&root, "#comment-a button[aria-expanded]")[0];
    assert_eq!(toggle.get_attribute("aria-expanded").as_deref(), Some("false"));
    assert_eq!(toggle.text_content().as_deref(), Some("Show 2 replies"));
}

#[wasm_bindgen_test]
async fn huge_threads_are_drawn_a_step_at_a_time() {
    let root = container();
    let flat: Vec<Comment> = (0..10_000).map(|i| comment(&i.to_string(), None, "many")).collect();
    let thread = Thread::from_flat(&flat);
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <CommentThread thread=Signal::stored(thread)/> }
    });
    leptos::task::tick().await;
    // The first frame draws a few, the rest of the first step follows the paint.
    assert_eq!(all(&root, "li.comment-entry").len(), FIRST_FRAME);
    after_paint().await;
    assert_eq!(all(&root, "li.comment-entry").len(), RENDER_STEP);
    let more: web_sys::HtmlElement = all(&root, ".comment-show-more")[0].clone().unchecked_into();
    assert_eq!(more.text_content().as_deref(), Some("Show more (9,900 not shown)"));
    more.click();
    leptos::task::tick().await;
    assert_eq!(all(&root, "li.comment-entry").len(), 2 * RENDER_STEP);
}

/// Not a timed assertion: prints how long building and first drawing a big thread takes here,
/// so the numbers can be recorded (run with `--nocapture`; debug build, so pessimistic).
#[wasm_bindgen_test]
async fn measure_first_draw_of_big_threads() {
    let now = || web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now());
    for size in [1_000usize, 10_000] {
        let root = container();
        // Threads of ten: a top-level comment and a chain of nine replies.
        let flat: Vec<Comment> = (0..size)
            .map(|i| {
                let parent = (i % 10 != 0).then(|| (i - 1).to_string());
                comment(&i.to_string(), parent.as_deref(), "A reply with a few words in it.")
            })
            .collect();
        let started = now();
        let thread = Thread::from_flat(&flat);
        let built = now();
        let _mounted = leptos::mount::mount_to(root.clone(), move || {
            view! { <CommentThread thread=Signal::stored(thread)/> }
        });
        leptos::task::tick().await;
        let drawn = now();
        assert_eq!(all(&root, "li.comment-entry").len(), FIRST_FRAME);
        wasm_bindgen_test::console_log!(
            "{size} comments: thread built in {:.1} ms, first {FIRST_FRAME} drawn in {:.1} ms",
            built - started,
            drawn - built
        );
        after_paint().await;
        assert_eq!(all(&root, "li.comment-entry").len(), RENDER_STEP);
    }
}

#[wasm_bindgen_test]
async fn a_comment_that_changes_under_the_same_id_is_drawn_again() {
    let root = container();
    let thread = RwSignal::new(Thread::from_flat(&[comment("c1", None, "first words")]));
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <CommentThread thread=thread/> }
    });
    leptos::task::tick().await;
    assert_eq!(texts(&root, ".comment-body"), ["first words"]);

    // Edited by its author, then deleted by a moderator: fields no row key listed by hand.
    let mut edited = comment("c1", None, "better words");
    edited.edited_at = Some("2020-01-03T03:04:05Z".into());
    thread.set(Thread::from_flat(&[edited.clone()]));
    leptos::task::tick().await;
    assert_eq!(texts(&root, ".comment-body"), ["better words"]);
    edited.deleted = true;
    thread.set(Thread::from_flat(&[edited]));
    leptos::task::tick().await;
    assert_eq!(texts(&root, ".comment-body"), ["[deleted]"]);
    assert_eq!(all(&root, "li.comment-entry").len(), 1);
}
