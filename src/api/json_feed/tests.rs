//! The JSON Feed adapter over fixture feeds in the specification's real shapes (the same files
//! the end-to-end fixture server serves), HTML parsed natively by html5ever.

use super::*;
use crate::sanitize::parsed::html_to_text;

const PAGE_1: &str = include_str!("../../../tests/e2e/fixtures/json-feed/feed.json");
const PAGE_2: &str = include_str!("../../../tests/e2e/fixtures/json-feed/feed-2.json");
const FEED_URL: &str = "https://ledger.example/feed.json";

fn page_1() -> FeedPage {
    decode_feed(PAGE_1, FEED_URL, &html_to_text).expect("the first page decodes")
}

fn item<'a>(page: &'a FeedPage, id: &str) -> &'a Article {
    page.items.iter().find(|a| a.id == id).unwrap_or_else(|| panic!("no item {id}"))
}

#[test]
fn items_become_articles_with_the_feed_as_their_source() {
    let page = page_1();
    let ids: Vec<&str> = page.items.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "https://ledger.example/notes/dredging-starts",
            "1042",
            "977",
            "https://ledger.example/notes/pontoon-ar",
            // The item without an id and the one without any date are left out.
            "https://ledger.example/notes/wrong-types",
        ]
    );
    assert_eq!(page.next_url.as_deref(), Some("https://ledger.example/feed-2.json"));

    let article = item(&page, "https://ledger.example/notes/dredging-starts");
    assert_eq!(article.title, "Dredging starts in the inner basin");
    assert_eq!(
        article.summary.as_deref(),
        Some("Moorings on the north wall move for three weeks while the basin is dredged.")
    );
    assert_eq!(article.url.as_deref(), Some("https://ledger.example/notes/dredging-starts"));
    assert_eq!(article.published_at, "2026-11-21T09:00:00+00:00");
    assert_eq!(article.updated_at.as_deref(), Some("2026-11-21T12:30:00+00:00"));
    assert_eq!(
        article.source,
        Some(Source {
            name: "Harbour Notes".into(),
            url: Some("https://ledger.example/".into()),
            logo_url: Some("https://ledger.example/media/icon.svg".into()),
        })
    );
    assert_eq!(
        article.authors,
        [Person {
            name: "Ines Varga".into(),
            url: Some("https://ledger.example/people/ines".into()),
            avatar_url: Some("https://ledger.example/media/icon.svg".into()),
        }]
    );
    assert_eq!(
        article.image.as_ref().map(|i| i.url.as_str()),
        Some("https://ledger.example/media/river.svg")
    );
    assert_eq!(article.tags, ["harbour", "works"]);
    assert_eq!(article.language.as_deref(), Some("en-GB"), "the feed's language");
    assert!(!article.comments_enabled(), "a feed has no comments");
    // content_html stays HTML for the page's sanitiser.
    let [Block::Html { html }] = article.body.as_slice() else { panic!("one html block") };
    assert!(html.contains("<h2>Why now</h2>") && html.contains("onerror"), "{html}");
}

#[test]
fn untitled_text_items_are_titled_by_their_first_line() {
    let page = page_1();
    let note = item(&page, "1042");
    assert_eq!(note.title, "Tide tables for December are up on the noticeboard by the slipway.");
    assert_eq!(
        note.body,
        [
            Block::Paragraph {
                text: "Tide tables for December are up on the noticeboard by the slipway.".into()
            },
            Block::Paragraph { text: "Printed copies are at the kiosk, as ever.".into() },
        ]
    );
    assert_eq!(note.summary, None);
    assert_eq!(
        note.authors,
        [Person {
            name: "The harbour office".into(),
            url: Some("https://ledger.example/about/".into()),
            avatar_url: None
        }],
        "the feed's authors"
    );

    let long = "word ".repeat(40);
    let title = made_title(&long).expect("a title");
    assert!(title.ends_with('…') && title.chars().count() <= MADE_TITLE_CHARS, "{title}");
    let one_long_word = made_title(&"x".repeat(200)).expect("a title");
    assert_eq!(one_long_word.chars().count(), MADE_TITLE_CHARS);
    assert_eq!(made_title("  \n "), None);
    let html_only = serde_json::json!({"items": [{"id": "h", "content_html": "<p>Caf&eacute; opens at <b>eight</b>.</p>", "date_published": "2026-11-01T00:00:00Z"}]});
    let page = decode_feed(&html_only.to_string(), FEED_URL, &html_to_text).expect("decodes");
    assert_eq!(page.items[0].title, "Café opens at eight.");
}

#[test]
fn json_feed_1_0_fields_and_numeric_ids_are_understood() {
    let page = page_1();
    let numbers = item(&page, "977");
    assert_eq!(numbers.authors[0].name, "Tomasz Wren", "1.0's single author");
    assert_eq!(
        numbers.image.as_ref().map(|i| i.url.as_str()),
        Some("https://ledger.example/media/ferry.svg"),
        "the banner image when there is no image"
    );
    assert_eq!(
        numbers.url.as_deref(),
        Some("https://riverside.example/2026/11/20/night-ferry-returns/"),
        "external_url when there is no url"
    );
    let arabic = item(&page, "https://ledger.example/notes/pontoon-ar");
    assert_eq!(arabic.language.as_deref(), Some("ar"), "the item's language wins");

    let version_1 = r#"{"version": "https://jsonfeed.org/version/1", "title": "Old",
        "author": {"name": "Feed Author"}, "items": [
        {"id": "a", "content_text": "Hello", "date_published": "2026-01-01T00:00:00Z"},
        {"id": "b", "content_text": "Hi", "date_published": "2026-01-02T00:00:00Z", "author": {"name": "Item Author", "url": "javascript:alert(1)"}}
    ]}"#;
    let page = decode_feed(version_1, FEED_URL, &html_to_text).expect("decodes");
    assert_eq!(page.items[0].authors[0].name, "Feed Author");
    assert_eq!(
        page.items[1].authors,
        [Person { name: "Item Author".into(), url: None, avatar_url: None }]
    );
}

#[test]
fn wrong_types_are_ignored_and_a_bad_date_falls_back() {
    let page = page_1();
    let odd = item(&page, "https://ledger.example/notes/wrong-types");
    assert_eq!(odd.summary, None, "summary is a number");
    assert_eq!(odd.image, None, "image is a number");
    assert_eq!(odd.tags, Vec::<String>::new(), "tags is a string");
    assert_eq!(odd.authors[0].name, "The harbour office", "authors is a string: the feed's");
    assert_eq!(odd.published_at, "2026-11-16T14:00:00Z", "date_published does not parse");
}

#[test]
fn later_pages_and_relative_next_urls() {
    let page =
        decode_feed(PAGE_2, "https://ledger.example/feed-2.json", &html_to_text).expect("decodes");
    assert_eq!(page.items.len(), 3);
    assert_eq!(page.next_url, None);
    let relative = r#"{"items": [], "next_url": "feed.json?page=3"}"#;
    let page =
        decode_feed(relative, "https://ledger.example/notes/feed.json?page=2", &html_to_text)
            .expect("decodes");
    assert_eq!(page.next_url.as_deref(), Some("https://ledger.example/notes/feed.json?page=3"));
    let to_itself = r#"{"items": [], "next_url": "https://ledger.example/feed.json"}"#;
    assert_eq!(decode_feed(to_itself, FEED_URL, &html_to_text).expect("ok").next_url, None);
    let hostile = r#"{"items": [], "next_url": "javascript:alert(1)"}"#;
    assert_eq!(decode_feed(hostile, FEED_URL, &html_to_text).expect("ok").next_url, None);
}

#[test]
fn documents_that_are_not_feeds_are_malformed() {
    for text in ["<html></html>", "[]", "{}", r#"{"items": {}}"#, r#"{"items": [1"#] {
        assert_eq!(decode_feed(text, FEED_URL, &html_to_text), Err(ApiError::Malformed), "{text}");
    }
    let odd_items = r#"{"items": [1, "two", null, {"id": {}}]}"#;
    assert_eq!(decode_feed(odd_items, FEED_URL, &html_to_text).expect("ok").items, []);
}

#[test]
fn resolves_links_against_the_feeds_url() {
    let base = "https://ledger.example/notes/feed.json?x=1";
    let cases = [
        ("https://cdn.example/a.png", Some("https://cdn.example/a.png")),
        ("HTTP://cdn.example/a.png", Some("HTTP://cdn.example/a.png")),
        ("//cdn.example/a.png", Some("https://cdn.example/a.png")),
        ("/media/a.png", Some("https://ledger.example/media/a.png")),
        ("media/a.png", Some("https://ledger.example/notes/media/a.png")),
        ("?page=2", Some("https://ledger.example/notes/feed.json?page=2")),
        ("javascript:alert(1)", None),
        ("data:image/png;base64,AAAA", None),
        ("mailto:office@ledger.example", None),
        ("", None),
        ("https://cdn.example/a\u{0}.png", None),
        ("https://cdn.example/\na.png", None),
        ("java\tscript:alert(1)", None),
        ("media/a\u{85}.png", None),
    ];
    for (reference, expected) in cases {
        assert_eq!(resolve(base, reference).as_deref(), expected, "{reference}");
    }
    assert_eq!(
        resolve("https://ledger.example", "a.json").as_deref(),
        Some("https://ledger.example/a.json")
    );
    assert_eq!(resolve("/feed.json", "/media/a.png").as_deref(), Some("/media/a.png"));
    assert_eq!(resolve("/feeds/feed.json", "feed-2.json").as_deref(), Some("/feeds/feed-2.json"));
}

#[test]
fn related_items_share_tags_most_shared_then_newest() {
    let mut items = page_1().items;
    items.extend(decode_feed(PAGE_2, FEED_URL, &html_to_text).expect("decodes").items);
    let dredging = items[0].clone();
    let related: Vec<String> = related(&dredging, &items, 6).into_iter().map(|s| s.id).collect();
    assert_eq!(
        related,
        [
            // harbour + works
            "https://ledger.example/notes/harbour-lights",
            // harbour, newest first
            "1042",
            "977",
            "https://ledger.example/notes/pontoon-ar",
            // works
            "https://ledger.example/notes/crane-inspection",
        ]
    );
    assert!(!related.contains(&dredging.id), "never itself");
    assert_eq!(super::related(&dredging, &items, 2).len(), 2);

    let untagged = Article { tags: vec![], ..dredging.clone() };
    let newest: Vec<String> =
        super::related(&untagged, &items, 2).into_iter().map(|s| s.id).collect();
    assert_eq!(newest, ["1042", "977"], "nothing shares a tag: the newest others");
}

#[test]
fn sections_are_tags() {
    let page = page_1();
    let article = item(&page, "977");
    assert!(in_section(article, "Ferries"));
    assert!(!in_section(article, "works"));
}

#[test]
fn the_store_keeps_one_latest_copy_of_each_item() {
    let mut store = Store::default();
    let first = page_1();
    store.remember(FEED_URL, &first);
    let mut again = first.clone();
    again.items[0].title = "Dredging starts (updated)".into();
    again.items.truncate(1);
    store.remember(FEED_URL, &again);
    assert_eq!(store.items.len(), first.items.len());
    let found = store.find("https://ledger.example/notes/dredging-starts").expect("known");
    assert_eq!(found.title, "Dredging starts (updated)");
    assert_eq!(
        store.next_of.get(FEED_URL),
        Some(&Some("https://ledger.example/feed-2.json".to_owned()))
    );
    assert_eq!(store.find("nope"), None);
}

#[test]
fn everything_decoded_is_valid_contract_json() {
    use crate::model::schema::violations;
    let mut items = page_1().items;
    items.extend(decode_feed(PAGE_2, FEED_URL, &html_to_text).expect("decodes").items);
    for article in &items {
        let value = serde_json::to_value(article).expect("json");
        let problems = violations("article.schema.json", &value).expect("the schemas load");
        assert!(problems.is_empty(), "{problems:#?}\n{value:#}");
        let summary = serde_json::to_value(article.to_summary(None)).expect("json");
        let problems = violations("article-summary.schema.json", &summary).expect("schemas");
        assert!(problems.is_empty(), "{problems:#?}\n{summary:#}");
    }
}

mod properties {
    use super::*;
    use crate::api::json_values::document;
    use proptest::prelude::*;

    fn strip(html: &str) -> String {
        html.replace(['<', '>'], " ").trim().to_owned()
    }

    fn is_web(url: &str) -> bool {
        let lower = url.to_ascii_lowercase();
        lower.starts_with("http://") || lower.starts_with("https://")
    }

    proptest! {
        #[test]
        fn any_feed_decodes_into_valid_articles_with_web_links_only(
            feed in document(),
            items in proptest::collection::vec(document(), 0..6),
        ) {
            let mut feed = feed;
            if let Value::Object(fields) = &mut feed {
                fields.insert("items".to_owned(), Value::Array(items));
            }
            let Ok(page) = decode_feed(&feed.to_string(), FEED_URL, &strip) else {
                return Ok(());
            };
            prop_assert!(page.next_url.iter().all(|u| is_web(u) && u != FEED_URL));
            for item in &page.items {
                prop_assert!(!item.id.is_empty() && !item.title.is_empty());
                prop_assert!(time::parse_rfc3339(&item.published_at).is_some());
                let links = [&item.url, &item.image.as_ref().map(|i| i.url.clone())];
                prop_assert!(links.into_iter().flatten().all(|u| is_web(u)), "{item:?}");
                for author in &item.authors {
                    prop_assert!([&author.url, &author.avatar_url].into_iter().flatten().all(|u| is_web(u)));
                }
            }
            if let Some(first) = page.items.first() {
                prop_assert!(related(first, &page.items, 6).iter().all(|s| s.id != first.id));
            }
        }
    }
}
