//! The WordPress adapter over fixture responses in the REST API's real shapes (the same files
//! the end-to-end fixture server serves), HTML parsed natively by html5ever.

use super::*;
use crate::model::thread::Thread;
use crate::sanitize::parsed::html_to_text;

const POSTS: &str = include_str!("../../../tests/e2e/fixtures/wordpress/posts.json");
const COMMENTS: &str = include_str!("../../../tests/e2e/fixtures/wordpress/comments.json");
const CATEGORIES: &str = include_str!("../../../tests/e2e/fixtures/wordpress/categories.json");
const LOGIN_REQUIRED: &str =
    include_str!("../../../tests/e2e/fixtures/wordpress/error-comment-login-required.json");

/// The fixture site's posts as separate values.
fn posts() -> Vec<Value> {
    serde_json::from_str(POSTS).expect("the posts fixture is JSON")
}

fn post_with_slug(slug: &str) -> Value {
    posts().into_iter().find(|p| p["slug"] == slug).expect("a post with that slug")
}

/// What `posts?page=N&per_page=10` answers: a slice of the list, as text.
fn page_of_posts(page: usize) -> String {
    let all = posts();
    let slice: Vec<Value> = all.into_iter().skip((page - 1) * 10).take(10).collect();
    serde_json::to_string(&slice).expect("serialisable")
}

fn headers(total: &str, pages: &str) -> Totals {
    Totals::from_headers(&[Some(total.to_owned()), Some(pages.to_owned())])
}

fn api() -> WordPress {
    WordPress::new("https://riverside.example/wp-json/wp/v2", Paths::default())
}

#[test]
fn a_post_becomes_an_article_with_everything_decoded() {
    let text = serde_json::to_string(&post_with_slug("night-ferry-returns")).expect("json");
    let Post { article, reference } =
        decode_article(&text, "night-ferry-returns", &html_to_text).expect("decodes");
    assert_eq!(article.id, "night-ferry-returns");
    assert_eq!(article.title, "Riverside’s night ferry returns – with a “quiet carriage”");
    assert_eq!(
        article.url.as_deref(),
        Some("https://riverside.example/2026/11/20/night-ferry-returns/")
    );
    assert_eq!(article.published_at, "2026-11-20T08:30:00Z", "date_gmt is UTC without an offset");
    assert_eq!(article.updated_at.as_deref(), Some("2026-11-20T10:05:00Z"));
    let summary = article.summary.as_deref().expect("an excerpt");
    assert!(summary.starts_with("From Monday the last ferry"), "{summary}");
    assert!(summary.ends_with("on weekdays…"), "[&hellip;] becomes an ellipsis: {summary}");
    assert!(summary.contains("six\u{2011}month"), "numeric entities decoded: {summary}");
    assert_eq!(
        article.authors,
        [Person {
            name: "Ada Lindqvist".into(),
            url: Some("https://riverside.example/author/ada/".into()),
            avatar_url: Some(
                "https://secure.gravatar.com/avatar/5d7a0c1e9b2f4a6e8c3d1b0a9f8e7d6c?s=96&d=mm&r=g"
                    .into()
            ),
        }]
    );
    assert_eq!(
        article.image,
        Some(Image {
            url: "https://riverside.example/wp-content/uploads/2026/11/ferry.svg".into(),
            alt: Some("The ferry leaving the east pier at dusk".into()),
            width: Some(1200),
            height: Some(800),
            caption: Some("The “Heron” at the east pier.".into()),
            credit: None,
        })
    );
    assert_eq!(article.section.as_deref(), Some("Town"));
    assert_eq!(article.tags, ["ferries", "river"]);
    assert!(article.comments_enabled());
    assert_eq!(article.source, None);
    // The content stays HTML, as WordPress rendered it: the page's sanitiser deals with it.
    let [Block::Html { html }] = article.body.as_slice() else { panic!("one html block") };
    assert!(html.starts_with("<p>From Monday") && html.contains("<script>"), "{html}");
    assert_eq!(reference, PostRef { id: 231, categories: vec![3], tags: vec![7, 8] });
}

#[test]
fn an_article_asked_for_by_slug_or_by_id_keeps_that_id() {
    let one = post_with_slug("library-late-opening-trial");
    let list = serde_json::to_string(&[&one]).expect("json");
    let by_slug = decode_article(&list, "library-late-opening-trial", &html_to_text).expect("ok");
    assert_eq!(by_slug.article.title, "Library trial: late opening on Thursdays & Fridays");
    assert_eq!(by_slug.reference.id, 229);
    let single = serde_json::to_string(&one).expect("json");
    let by_id = decode_article(&single, "229", &html_to_text).expect("ok");
    assert_eq!(by_id.article.id, "229", "the page asked for 229 and must recognise the answer");
    assert_eq!(decode_article("[]", "no-such-slug", &html_to_text), Err(ApiError::NotFound));
}

#[test]
fn closed_comments_and_the_catch_all_category() {
    let closed = decode_post(&post_with_slug("river-clean-up-volunteers"), &html_to_text, &[])
        .expect("decodes");
    assert!(!closed.article.comments_enabled());
    let mut uncategorized = post_with_slug("library-late-opening-trial");
    uncategorized["_embedded"]["wp:term"][0] = serde_json::json!([{
        "id": 1, "name": "Uncategorized", "slug": "uncategorized", "taxonomy": "category"
    }]);
    let post = decode_post(&uncategorized, &html_to_text, &[]).expect("decodes");
    assert_eq!(post.article.section, None);
}

#[test]
fn a_page_of_posts_becomes_cards_and_a_cursor() {
    let page =
        decode_summaries(&page_of_posts(1), 1, headers("13", "2"), &html_to_text).expect("decodes");
    assert_eq!(page.total, Some(13));
    assert_eq!(page.next_cursor.as_deref(), Some("2"));
    let ids: Vec<&str> = page.items.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "night-ferry-returns",
            "library-late-opening-trial",
            "river-clean-up-volunteers",
            "lantern-workshop-festival",
            "budget-consultation-opens",
            "towpath-cycle-route",
            // "draft-without-title" has no title: left out, the rest still shown.
            "market-hall-repairs",
            "harbour-webcam-back-online",
            "choir-concert-at-the-mill",
        ]
    );
    let card = &page.items[0];
    assert_eq!(card.title, "Riverside’s night ferry returns – with a “quiet carriage”");
    let image = card.image.as_ref().expect("a thumbnail");
    assert_eq!((image.width, image.height), (Some(768), Some(512)), "cards use medium_large");
    assert_eq!(card.comment_count, None);

    let last =
        decode_summaries(&page_of_posts(2), 2, headers("13", "2"), &html_to_text).expect("decodes");
    assert_eq!(last.items.len(), 3);
    assert_eq!(last.next_cursor, None, "page 2 of 2 is the last");
}

#[test]
fn hidden_total_headers_fall_back_to_whether_the_page_was_full() {
    let full =
        decode_summaries(&page_of_posts(1), 1, Totals::default(), &html_to_text).expect("decodes");
    assert_eq!((full.next_cursor.as_deref(), full.total), (Some("2"), None));
    let short =
        decode_summaries(&page_of_posts(2), 2, Totals::default(), &html_to_text).expect("decodes");
    assert_eq!(short.next_cursor, None);
    let garbled = Totals::from_headers(&[Some(" 13 ".into()), Some("two".into())]);
    assert_eq!(garbled, Totals { total: Some(13), pages: None });
    assert_eq!(Totals::from_headers(&[]), Totals::default());
}

#[test]
fn missing_and_wrongly_typed_optional_fields_are_left_out() {
    let odd = decode_post(&post_with_slug("market-hall-repairs"), &html_to_text, &CARD_SIZES)
        .expect("still an article");
    let article = odd.article;
    assert_eq!(article.published_at, "2026-11-13T11:45:00Z", "no date_gmt: the local date");
    assert_eq!(article.authors, [], "the embedded author is an error object");
    assert_eq!(article.image, None, "the embedded media is an error object");
    assert_eq!(article.summary, None, "an empty excerpt");
    assert_eq!(article.comments, None, "comment_status is null");
    assert_eq!(odd.reference.tags, Vec::<u64>::new(), "tags is a string, not a list");

    let bare = decode_post(&post_with_slug("harbour-webcam-back-online"), &html_to_text, &[])
        .expect("an article without _embedded");
    assert_eq!(
        (bare.article.authors.len(), bare.article.image, bare.article.tags.len()),
        (0, None, 0)
    );

    let flattened = serde_json::json!({
        "id": "77", "title": "Plain &amp; simple", "date_gmt": "2026-11-01T00:00:00",
        "content": 5, "excerpt": null, "_embedded": "nope", "categories": [3, "x", 4]
    });
    let post = decode_post(&flattened, &html_to_text, &[]).expect("lenient");
    assert_eq!((post.article.id.as_str(), post.article.title.as_str()), ("77", "Plain & simple"));
    assert_eq!(post.article.body, []);
    assert_eq!(post.reference.categories, [3, 4]);
}

#[test]
fn a_post_without_an_id_a_title_or_a_date_is_not_an_article() {
    let good = post_with_slug("library-late-opening-trial");
    for (key, value) in [
        ("id", Value::Null),
        ("id", serde_json::json!("abc")),
        ("title", serde_json::json!({"rendered": "  "})),
        ("title", serde_json::json!(["a list"])),
        ("date_gmt", serde_json::json!("0000-00-00T00:00:00")),
    ] {
        let mut post = good.clone();
        post[key] = value.clone();
        if key == "date_gmt" {
            post["date"] = Value::Null;
        }
        assert_eq!(decode_post(&post, &html_to_text, &[]), None, "{key}: {value}");
    }
    let mut no_title = good;
    no_title.as_object_mut().expect("object").remove("title");
    assert_eq!(decode_post(&no_title, &html_to_text, &[]), None);
}

#[test]
fn a_protected_post_has_no_body_and_keeps_its_link_to_the_source() {
    let mut post = post_with_slug("library-late-opening-trial");
    post["content"] = serde_json::json!({"rendered": "", "protected": true});
    post["excerpt"] = serde_json::json!({"rendered": "<p>Hidden</p>", "protected": true});
    let article = decode_post(&post, &html_to_text, &[]).expect("decodes").article;
    assert_eq!(article.summary, None);
    assert!(article.body.is_empty(), "{:?}", article.body);
    assert!(article.url.is_some_and(|url| url.starts_with("https://riverside.example/")));
}

#[test]
fn answers_that_are_not_lists_of_posts_are_malformed() {
    for text in ["<html>oops</html>", "{\"code\": \"x\"}", "", "[1, 2"] {
        assert_eq!(
            decode_summaries(text, 1, Totals::default(), &html_to_text),
            Err(ApiError::Malformed),
            "{text}"
        );
    }
    assert_eq!(decode_article("\"a string\"", "x", &html_to_text), Err(ApiError::Malformed));
    assert_eq!(decode_article("[{\"id\": 1}]", "x", &html_to_text), Err(ApiError::Malformed));
    let empty = decode_summaries("[]", 1, headers("0", "0"), &html_to_text).expect("empty");
    assert_eq!((empty.items.len(), empty.next_cursor, empty.total), (0, None, Some(0)));
}

#[test]
fn comments_become_threads_with_text_bodies() {
    let page = decode_comments(COMMENTS, 1, headers("6", "1"), &html_to_text).expect("decodes");
    assert_eq!(page.total, Some(6));
    assert_eq!(page.next_cursor, None);
    let order: Vec<&str> = page.items.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        order,
        ["9001", "9003", "9005", "9002", "9004", "9006"],
        "top level, then replies oldest first"
    );

    let by_id = |id: &str| page.items.iter().find(|c| c.id == id).expect("present");
    assert_eq!(by_id("9001").parent_id, None, "parent 0 is the top level");
    assert_eq!(by_id("9004").parent_id.as_deref(), Some("9002"));
    assert_eq!(by_id("9001").created_at, "2026-11-20T09:02:11Z");
    assert_eq!(by_id("9003").author.name, "Priya & Sam");
    assert_eq!(
        by_id("9003").body,
        "The new timetable is here: https://riverside.example/ferries/",
        "links become plain addresses, which the page links again"
    );
    assert_eq!(
        by_id("9004").body,
        "Weekdays only for now, Tomasz.\n\nThe council will look at weekends in the spring."
    );
    let anonymous = by_id("9005");
    // Nameless: the view says "Anonymous" in the interface's language.
    assert_eq!(anonymous.author.name, "");
    assert_eq!(anonymous.body, "Bikes free after 20:00 is the best part <3");
    assert_eq!(
        (anonymous.author.url.as_deref(), anonymous.author.avatar_url.as_deref()),
        (None, None)
    );
    let tomasz = &by_id("9002").author;
    assert_eq!(tomasz.url.as_deref(), Some("https://tomasz.example"));
    assert!(tomasz.avatar_url.as_deref().is_some_and(|url| url.contains("s=96")));

    let thread = Thread::from_flat(&page.items);
    let shape: Vec<(&str, usize)> =
        thread.entries.iter().map(|e| (e.comment.id.as_str(), e.depth)).collect();
    assert_eq!(
        shape,
        [("9001", 0), ("9002", 1), ("9004", 2), ("9003", 0), ("9006", 1), ("9005", 0)]
    );
}

#[test]
fn newest_first_keeps_replies_oldest_first() {
    let mut list: Vec<Value> = serde_json::from_str(COMMENTS).expect("json");
    list.reverse(); // what `order=desc` answers
    let text = serde_json::to_string(&list).expect("json");
    let page = decode_comments(&text, 1, headers("6", "1"), &html_to_text).expect("decodes");
    let order: Vec<&str> = page.items.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(order, ["9005", "9003", "9001", "9002", "9004", "9006"]);
}

#[test]
fn comment_pages_follow_the_total_pages_header() {
    let page = decode_comments(COMMENTS, 1, headers("230", "3"), &html_to_text).expect("ok");
    assert_eq!((page.next_cursor.as_deref(), page.total), (Some("2"), Some(230)));
    let last = decode_comments(COMMENTS, 3, headers("230", "3"), &html_to_text).expect("ok");
    assert_eq!(last.next_cursor, None);
    assert_eq!(page_number(Some("3")), 3);
    assert_eq!(page_number(Some("0")), 1);
    assert_eq!(page_number(Some("next")), 1);
    assert_eq!(page_number(None), 1);
}

#[test]
fn comments_without_an_id_a_body_or_a_date_are_skipped() {
    let text = r#"[
        {"id": 1, "parent": 0, "author_name": "A", "date_gmt": "2026-11-20T09:00:00", "content": {"rendered": "<p>kept</p>"}},
        {"parent": 0, "author_name": "B", "date_gmt": "2026-11-20T09:00:00", "content": {"rendered": "<p>no id</p>"}},
        {"id": 3, "author_name": "C", "date_gmt": "yesterday", "date": null, "content": {"rendered": "<p>no date</p>"}},
        {"id": 4, "author_name": "D", "date_gmt": "2026-11-20T09:00:00"},
        {"id": 5, "parent": "x", "author_name": 7, "date_gmt": "2026-11-20T09:00:00", "content": "bare"},
        "not a comment"
    ]"#;
    let page = decode_comments(text, 1, Totals::default(), &html_to_text).expect("decodes");
    let kept: Vec<(&str, &str, &str)> = page
        .items
        .iter()
        .map(|c| (c.id.as_str(), c.author.name.as_str(), c.body.as_str()))
        .collect();
    assert_eq!(kept, [("1", "A", "kept"), ("5", "", "bare")]);
}

#[test]
fn posting_sends_what_wordpress_takes_and_reads_what_it_answers() {
    let reply = NewComment::new("Sam", "Does it stop at the marina?", Some("9001".into()));
    assert_eq!(
        new_comment_body(231, &reply),
        serde_json::json!({"post": 231, "parent": 9001, "author_name": "Sam", "content": "Does it stop at the marina?"})
    );
    let top = NewComment::new("Sam", "Hello", None);
    assert_eq!(new_comment_body(229, &top)["parent"], 0);

    let created = r#"{"id": 9100, "post": 229, "parent": 0, "author": 0, "author_name": "Sam",
        "author_url": "", "date": "2026-11-21T10:00:00", "date_gmt": "2026-11-21T09:00:00",
        "content": {"rendered": "<p>Hello</p>\n"}, "link": "https://riverside.example/?p=229#comment-9100",
        "status": "hold", "type": "comment", "author_avatar_urls": {"24": "https://secure.gravatar.com/avatar/x?s=24"},
        "meta": []}"#;
    let comment = decode_posted(created, &html_to_text).expect("decodes");
    assert_eq!((comment.id.as_str(), comment.body.as_str()), ("9100", "Hello"));
    assert_eq!(decode_posted("{}", &html_to_text), Err(ApiError::Malformed));
}

#[test]
fn wordpress_errors_become_the_sites_own_message() {
    assert_eq!(
        decode_error(LOGIN_REQUIRED),
        Some(ErrorDetail {
            code: "rest_comment_login_required".into(),
            message: "Sorry, you must be logged in to comment.".into(),
            field: None,
        })
    );
    let content = r#"{"code":"rest_comment_content_invalid","message":"Invalid comment content.","data":{"status":400}}"#;
    assert_eq!(decode_error(content).and_then(|e| e.field).as_deref(), Some("body"));
    let param = r#"{"code":"rest_invalid_param","message":"Invalid parameter(s): author_name",
        "data":{"status":400,"params":{"author_name":"Comment author name is too long."}}}"#;
    let detail = decode_error(param).expect("decodes");
    assert_eq!(
        (detail.field.as_deref(), detail.message.as_str()),
        (Some("author.name"), "Comment author name is too long.")
    );
    for text in ["<html>500</html>", "{\"error\": {}}", "{\"code\": \"x\", \"message\": \" \"}"] {
        assert_eq!(decode_error(text), None, "{text}");
    }
}

#[test]
fn sections_are_categories_found_by_name_or_slug() {
    let categories = decode_categories(CATEGORIES, &html_to_text).expect("decodes");
    assert_eq!(categories.len(), 4);
    assert_eq!(
        categories[3],
        Category { id: 5, name: "Arts & Culture".into(), slug: "arts-culture".into() }
    );
    assert_eq!(section_category(&categories, "Arts & Culture"), Some(5));
    assert_eq!(section_category(&categories, " town "), Some(3));
    assert_eq!(section_category(&categories, "arts-culture"), Some(5));
    assert_eq!(section_category(&categories, "Sport"), None);
    assert_eq!(decode_categories("{}", &html_to_text), Err(ApiError::Malformed));
    let odd = r#"[{"id": 1}, {"name": "No id"}, {"id": 2, "name": "Kept", "slug": 3}]"#;
    let kept = decode_categories(odd, &html_to_text).expect("decodes");
    assert_eq!(kept, [Category { id: 2, name: "Kept".into(), slug: String::new() }]);
}

#[test]
fn builds_rest_urls() {
    let api = api();
    let embed = "_embed=author%2Cwp%3Afeaturedmedia%2Cwp%3Aterm";
    let root = "https://riverside.example/wp-json/wp/v2";
    assert_eq!(api.posts_url(2, None), format!("{root}/posts?{embed}&per_page=10&page=2"));
    assert_eq!(
        api.posts_url(1, Some(5)),
        format!("{root}/posts?{embed}&per_page=10&page=1&categories=5")
    );
    assert_eq!(api.article_url("231"), format!("{root}/posts/231?{embed}"));
    assert_eq!(api.article_url("a b/c"), format!("{root}/posts?slug=a%20b%2Fc&{embed}"));
    let post = PostRef { id: 231, categories: vec![3], tags: vec![7, 8] };
    assert_eq!(
        api.related_url(&post, 6).as_deref(),
        Some(format!("{root}/posts?{embed}&per_page=6&exclude=231&categories=3&tags=7%2C8&tax_relation=OR").as_str())
    );
    let tags_only = PostRef { categories: vec![], ..post.clone() };
    assert!(api.related_url(&tags_only, 6).is_some_and(|u| u.ends_with("&tags=7%2C8")));
    let neither = PostRef { id: 1, categories: vec![], tags: vec![] };
    assert_eq!(api.related_url(&neither, 6), None);
    assert_eq!(
        api.comments_url(231, Sort::Newest, 2),
        format!("{root}/comments?post=231&per_page=100&page=2&order=desc")
    );
    assert!(api.comments_url(231, Sort::Oldest, 1).ends_with("&order=asc"));
    assert_eq!(api.post_comment_url(), format!("{root}/comments"));
    assert_eq!(
        api.categories_url(),
        format!("{root}/categories?per_page=100&orderby=count&order=desc&_fields=id%2Cname%2Cslug")
    );
}

#[test]
fn works_without_pretty_permalinks_and_with_custom_paths() {
    let plain = WordPress::new(
        &api_root("https://riverside.example/?rest_route=/wp/v2/"),
        Paths::default(),
    );
    assert_eq!(
        plain.article_url("231"),
        "https://riverside.example/?rest_route=/wp/v2/posts/231&_embed=author%2Cwp%3Afeaturedmedia%2Cwp%3Aterm"
    );
    assert_eq!(
        api_root("https://riverside.example/wp-json"),
        "https://riverside.example/wp-json/wp/v2"
    );
    let paths = Paths {
        posts: Template::new("/news"),
        post: Template::new("/news/{id}"),
        ..Paths::default()
    };
    let custom = WordPress::new("https://riverside.example/wp-json/wp/v2", paths);
    assert!(custom.article_url("9").starts_with("https://riverside.example/wp-json/wp/v2/news/9?"));
    assert!(custom.posts_url(1, None).starts_with("https://riverside.example/wp-json/wp/v2/news?"));
}

#[test]
fn everything_decoded_is_valid_contract_json() {
    use crate::model::schema::violations;
    let check = |schema: &str, value: Value| {
        let problems = violations(schema, &value).expect("the contract's schemas load");
        assert!(problems.is_empty(), "{schema}: {problems:#?}\n{value:#}");
    };
    for post in posts() {
        if let Some(post) = decode_post(&post, &html_to_text, &[]) {
            check("article.schema.json", serde_json::to_value(&post.article).expect("json"));
        }
    }
    let page =
        decode_summaries(&page_of_posts(1), 1, headers("13", "2"), &html_to_text).expect("ok");
    check("page.schema.json", serde_json::to_value(&page).expect("json"));
    for summary in &page.items {
        check("article-summary.schema.json", serde_json::to_value(summary).expect("json"));
    }
    let comments = decode_comments(COMMENTS, 1, headers("6", "1"), &html_to_text).expect("ok");
    for comment in &comments.items {
        check("comment.schema.json", serde_json::to_value(comment).expect("json"));
    }
}

#[test]
fn the_last_page_number_has_no_next_page() {
    // A full page at the largest page number used to overflow computing the next cursor.
    let full: Vec<Value> = posts().into_iter().take(10).collect();
    let text = serde_json::to_string(&full).expect("json");
    let first = decode_summaries(&text, 1, Totals::default(), &html_to_text).expect("ok");
    assert_eq!(first.next_cursor.as_deref(), Some("2"), "a full page");
    let last = decode_summaries(&text, u32::MAX, Totals::default(), &html_to_text).expect("ok");
    assert_eq!(last.next_cursor, None);
    assert_eq!(
        Totals::default().next_cursor(u32::MAX - 1, 100, 100).as_deref(),
        Some("4294967295")
    );
    assert_eq!(Totals::default().next_cursor(u32::MAX, 100, 100), None);
}

mod properties {
    use super::*;
    use crate::api::json_values::document;
    use proptest::prelude::*;

    /// Tags and entities only: a cheap stand-in for the HTML parser, so many cases run quickly.
    fn strip(html: &str) -> String {
        html.replace(['<', '>'], " ").trim().to_owned()
    }

    proptest! {
        #[test]
        fn any_json_decodes_without_panicking_into_valid_contract_data(
            value in prop_oneof![
                document(),
                proptest::collection::vec(document(), 0..4).prop_map(Value::Array),
            ],
            page in prop_oneof![Just(1u32), Just(2), Just(u32::MAX)],
            pages in proptest::option::of(0u32..4),
        ) {
            let text = value.to_string();
            let totals = Totals { total: None, pages };
            if let Ok(post) = decode_article(&text, "asked", &strip) {
                prop_assert_eq!(post.article.id.as_str(), "asked");
                prop_assert!(!post.article.title.is_empty());
                prop_assert!(time::parse_rfc3339(&post.article.published_at).is_some());
            }
            if let Ok(summaries) = decode_summaries(&text, page, totals, &strip) {
                let next = summaries.next_cursor.map(|c| c.parse::<u64>().ok());
                prop_assert!(next.is_none() || next == Some(Some(u64::from(page) + 1)));
            }
            if let Ok(comments) = decode_comments(&text, page, totals, &strip) {
                let first_reply = comments.items.iter().position(|c| c.parent_id.is_some());
                let tail = &comments.items[first_reply.unwrap_or(comments.items.len())..];
                prop_assert!(tail.iter().all(|c| c.parent_id.is_some()));
                prop_assert!(comments.items.iter().all(|c| c.parent_id.as_deref() != Some("0")));
                let _ = Thread::from_flat(&comments.items);
            }
            let _ = decode_posted(&text, &strip);
            if let Some(error) = decode_error(&text) {
                prop_assert!(!error.message.is_empty());
            }
            let _ = decode_categories(&text, &strip);
        }
    }
}
