//! Native tests only: random JSON documents for the decoders' property tests, built from the
//! field names and value shapes the backends use, so that most of them get past the first check.

use proptest::prelude::*;
use serde_json::{Map, Value};

const KEYS: [&str; 40] = [
    "id",
    "title",
    "rendered",
    "protected",
    "date",
    "date_gmt",
    "modified_gmt",
    "slug",
    "content",
    "excerpt",
    "link",
    "_embedded",
    "author",
    "name",
    "wp:featuredmedia",
    "source_url",
    "media_details",
    "width",
    "height",
    "sizes",
    "wp:term",
    "taxonomy",
    "comment_status",
    "categories",
    "tags",
    "parent",
    "author_name",
    "author_avatar_urls",
    "96",
    "code",
    "message",
    "items",
    "next_url",
    "content_html",
    "content_text",
    "date_published",
    "url",
    "image",
    "authors",
    "next_cursor",
];

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        Just(Value::from("2026-11-20T08:30:00")),
        Just(Value::from("2026-11-20T08:30:00.5+05:30")),
        Just(Value::from("0000-00-00T00:00:00")),
        Just(Value::from("<p>A &amp; B</p><script>x</script><frameset>")),
        Just(Value::from("https://a.example/x")),
        Just(Value::from("javascript:alert(1)")),
        Just(Value::from("//cdn.example/x.png")),
        Just(Value::from("post_tag")),
        Just(Value::from("category")),
        Just(Value::from("uncategorized")),
        "[0-9]{1,3}".prop_map(Value::from),
        any::<String>().prop_map(Value::from),
    ]
}

/// A JSON document: objects keyed mostly by the backends' own field names.
pub fn document() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(5, 96, 8, |inner| {
        let key = prop_oneof![
            4 => proptest::sample::select(&KEYS[..]).prop_map(str::to_owned),
            1 => any::<String>(),
        ];
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::vec((key, inner), 0..8)
                .prop_map(|fields| Value::Object(fields.into_iter().collect::<Map<_, _>>())),
        ]
    })
}
