//! The contract types decode every example in `contract/examples`, and what they encode
//! again still validates against the normative schemas.

use broadsheet_model::schema::{contract_dir, read_json, violations};
use broadsheet_model::{Article, ArticleSummary, Comment, ErrorBody, NewComment, Page};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Decodes an example, encodes it again and checks the result against the schema.
fn round_trip<T: DeserializeOwned + Serialize>(example: &str, schema_file: &str) -> T {
    let value = read_json(&format!("examples/{example}")).expect("example is readable JSON");
    let decoded: T = serde_json::from_value(value).expect("example decodes");
    let encoded = serde_json::to_value(&decoded).expect("encodes");
    let problems = violations(schema_file, &encoded).expect("schema loads");
    assert!(problems.is_empty(), "{example} re-encoded is invalid: {problems:?}");
    decoded
}

#[test]
fn every_example_file_is_covered() {
    let mut names: Vec<String> = std::fs::read_dir(contract_dir().join("examples"))
        .expect("examples folder")
        .map(|entry| entry.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["article.json", "comments.json", "error.json", "new-comment.json", "related.json"]
    );
}

#[test]
fn article_example_decodes_with_every_block() {
    let article: Article = round_trip("article.json", "article.schema.json");
    assert_eq!(article.id, "harbour-bridge-reopens");
    assert_eq!(article.body.len(), 5);
    assert!(article.comments_enabled());
}

#[test]
fn related_example_decodes() {
    let page: Page<ArticleSummary> = round_trip("related.json", "page.schema.json");
    assert_eq!(page.items.len(), 2);
    assert!(!page.has_more());
    for item in &page.items {
        let encoded = serde_json::to_value(item).expect("encodes");
        assert_eq!(violations("article-summary.schema.json", &encoded), Ok(vec![]));
    }
}

#[test]
fn comments_example_decodes() {
    let page: Page<Comment> = round_trip("comments.json", "page.schema.json");
    assert_eq!(page.items[1].parent_id.as_deref(), Some("c1"));
    assert!(page.has_more());
    assert_eq!(page.total, Some(5));
    for item in &page.items {
        let encoded = serde_json::to_value(item).expect("encodes");
        assert_eq!(violations("comment.schema.json", &encoded), Ok(vec![]));
    }
}

#[test]
fn error_and_new_comment_examples_decode() {
    let error: ErrorBody = round_trip("error.json", "error.schema.json");
    assert_eq!(error.error.field.as_deref(), Some("body"));
    let new: NewComment = round_trip("new-comment.json", "new-comment.schema.json");
    assert!(new.validate().is_ok());
}

#[test]
fn the_schemas_catch_invalid_documents() {
    // Guards the guard: a broken article must be reported, or the backend tests prove nothing.
    let broken = serde_json::json!({"id": "", "title": "T", "published_at": "2026-11-24 08:30", "body": [{"type": "heading", "text": "h", "level": 9}]});
    let problems = violations("article.schema.json", &broken).expect("schema loads");
    assert!(problems.len() >= 3, "{problems:?}");
}

#[test]
fn optional_fields_of_the_wrong_type_are_ignored_and_unknown_blocks_skipped() {
    let article: Article = serde_json::from_value(serde_json::json!({
        "id": "x", "title": "T", "published_at": "2026-11-24T08:30:00Z",
        "url": 42, "image": "not an object", "authors": [{"name": "A"}, 7], "comments": null,
        "future_field": {"anything": true},
        "body": [
            {"type": "paragraph", "text": "kept"},
            {"type": "video", "src": "https://v.example"},
            {"type": "heading", "text": "no level"},
            "not a block"
        ]
    }))
    .expect("lenient decode");
    assert_eq!(article.url, None);
    assert_eq!(article.image, None);
    assert_eq!(article.authors.len(), 1);
    assert_eq!(article.body.len(), 1);
    assert!(article.comments_enabled());
}

#[test]
fn required_fields_are_required() {
    let missing_title =
        serde_json::json!({"id": "x", "published_at": "2026-11-24T08:30:00Z", "body": []});
    assert!(serde_json::from_value::<Article>(missing_title).is_err());
}
