//! Articles, their summaries (feed and related cards) and the blocks of an article body.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize};

use crate::lenient::contract_struct;

contract_struct! {
    /// A full article, as returned by `GET /articles/{id}`.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct Article {
        #[serde(deserialize_with = "crate::lenient::text")]
        pub id: String,
        #[serde(deserialize_with = "crate::lenient::text")]
        pub title: String,
        #[optional] pub url: Option<String>,
        #[optional] pub summary: Option<String>,
        #[optional] pub source: Option<Source>,
        #[list] pub authors: Vec<Person>,
        pub published_at: String,
        #[optional] pub updated_at: Option<String>,
        #[optional] pub image: Option<Image>,
        #[optional] pub section: Option<String>,
        #[list] pub tags: Vec<String>,
        #[optional] pub language: Option<String>,
        #[optional] pub comments: Option<CommentSettings>,
        /// Blocks of unknown type, or of a known type with missing fields, are dropped silently.
        #[serde(deserialize_with = "crate::lenient::list")]
        pub body: Vec<Block>,
    }
}

impl Article {
    /// Absent comment settings mean comments are open: only an explicit `false` closes them.
    pub fn comments_enabled(&self) -> bool {
        self.comments.as_ref().is_none_or(|c| c.enabled)
    }

    /// Estimated minutes to read the body (at least 1): about 230 words a minute, and for
    /// scripts written without spaces (Chinese, Japanese) about 500 characters a minute.
    pub fn reading_minutes(&self) -> u32 {
        let mut words = 0usize;
        let mut ideographs = 0usize;
        let mut count = |text: &str| {
            let (w, i) = count_words(text);
            words += w;
            ideographs += i;
        };
        for block in &self.body {
            match block {
                Block::Paragraph { text }
                | Block::Heading { text, .. }
                | Block::Quote { text, .. } => count(text),
                Block::List { items, .. } => items.iter().for_each(|item| count(item)),
                Block::Html { html } => count(&strip_tags(html)),
                Block::Image(_) => {}
            }
        }
        let minutes = words as f64 / 230.0 + ideographs as f64 / 500.0;
        (minutes.ceil() as u32).max(1)
    }

    /// The card that stands for this article in the feed and in related lists.
    pub fn to_summary(&self, comment_count: Option<u64>) -> ArticleSummary {
        ArticleSummary {
            id: self.id.clone(),
            title: self.title.clone(),
            url: self.url.clone(),
            source: self.source.clone(),
            published_at: self.published_at.clone(),
            excerpt: self.summary.clone(),
            image: self.image.clone(),
            comment_count,
            language: self.language.clone(),
        }
    }
}

contract_struct! {
    /// The short form of an article used by feed and related cards.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct ArticleSummary {
        #[serde(deserialize_with = "crate::lenient::text")]
        pub id: String,
        #[serde(deserialize_with = "crate::lenient::text")]
        pub title: String,
        #[optional] pub url: Option<String>,
        #[optional] pub source: Option<Source>,
        pub published_at: String,
        #[optional] pub excerpt: Option<String>,
        #[optional] pub image: Option<Image>,
        #[optional] pub comment_count: Option<u64>,
        /// The article's language (since contract 1.1.0), for its card's `lang`.
        #[optional] pub language: Option<String>,
    }
}

/// Adds the stories of `more` that `list` does not hold yet (by id) to its end, in order, and
/// says how many it added. A story is listed once: a feed paged by offset repeats one whenever
/// another is published between two pages, and a backend can list one twice.
pub fn add_new_stories(list: &mut Vec<ArticleSummary>, more: Vec<ArticleSummary>) -> usize {
    let before = list.len();
    for story in more {
        if !holds(list, &story.id) {
            list.push(story);
        }
    }
    list.len() - before
}

/// Whether `list` has the story `id`. A feed holds tens to hundreds of stories: a scan is as
/// quick as hashing them, and smaller in the wasm.
fn holds(list: &[ArticleSummary], id: &str) -> bool {
    list.iter().any(|story| story.id == id)
}

/// At most `limit` stories to show as related to the article `article_id`: each once, and never
/// the article itself (a backend that ranks by similarity finds it most similar to itself).
pub fn related_stories(
    article_id: &str,
    items: Vec<ArticleSummary>,
    limit: usize,
) -> Vec<ArticleSummary> {
    let mut stories = Vec::new();
    for story in items {
        if stories.len() == limit {
            break;
        }
        if story.id != article_id && !holds(&stories, &story.id) {
            stories.push(story);
        }
    }
    stories
}

contract_struct! {
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct Source {
        #[serde(deserialize_with = "crate::lenient::text")]
        pub name: String,
        #[optional] pub url: Option<String>,
        #[optional] pub logo_url: Option<String>,
    }
}

contract_struct! {
    /// An author of an article or a comment.
    #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub struct Person {
        pub name: String,
        #[optional] pub url: Option<String>,
        #[optional] pub avatar_url: Option<String>,
    }
}

contract_struct! {
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct Image {
        pub url: String,
        #[optional] pub alt: Option<String>,
        #[optional] pub width: Option<u32>,
        #[optional] pub height: Option<u32>,
        #[optional] pub caption: Option<String>,
        #[optional] pub credit: Option<String>,
    }
}

contract_struct! {
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct CommentSettings {
        pub enabled: bool,
        #[optional] pub count: Option<u64>,
    }
}

/// One block of an article body.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Block {
    Paragraph {
        text: String,
    },
    /// `level` is 2 to 4 in valid data; renderers clamp anything else into that range.
    Heading {
        level: u8,
        text: String,
    },
    Quote {
        text: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        cite: Option<String>,
    },
    List {
        ordered: bool,
        items: Vec<String>,
    },
    Image(Image),
    /// Untrusted markup: clients sanitise it with an allow-list before display.
    Html {
        html: String,
    },
}

contract_struct! {
    /// A block as it comes, every field optional: its `type` says which it must have. Decoded
    /// through this flat struct rather than serde's internally tagged enums, which buffer each
    /// block and would need every field decoder compiled a second time for that buffer.
    #[derive(Deserialize)]
    struct RawBlock {
        #[serde(rename = "type")]
        kind: String,
        #[optional] text: Option<String>,
        #[optional] level: Option<u8>,
        #[optional] cite: Option<String>,
        #[optional] ordered: Option<bool>,
        /// Present (even if not a list) means a list block has its items: see [`present_list`].
        #[serde(default, deserialize_with = "present_list")]
        items: Option<Vec<String>>,
        #[optional] html: Option<String>,
        #[optional] url: Option<String>,
        #[optional] alt: Option<String>,
        #[optional] width: Option<u32>,
        #[optional] height: Option<u32>,
        #[optional] caption: Option<String>,
        #[optional] credit: Option<String>,
    }
}

/// A list's items once the member is there: `null` or anything but an array reads as no items,
/// and entries that are not strings are dropped, as in every list of the contract.
fn present_list<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Vec<String>>, D::Error> {
    crate::lenient::list(deserializer).map(Some)
}

impl RawBlock {
    /// The block its `type` names, if it has that type's fields; `None` for an unknown type.
    fn into_block(self) -> Option<Block> {
        Some(match self.kind.as_str() {
            "paragraph" => Block::Paragraph { text: self.text? },
            "heading" => Block::Heading { level: self.level?, text: self.text? },
            "quote" => Block::Quote { text: self.text?, cite: self.cite },
            "list" => Block::List { ordered: self.ordered?, items: self.items? },
            "image" => Block::Image(Image {
                url: self.url?,
                alt: self.alt,
                width: self.width,
                height: self.height,
                caption: self.caption,
                credit: self.credit,
            }),
            "html" => Block::Html { html: self.html? },
            _ => return None,
        })
    }
}

impl<'de> Deserialize<'de> for Block {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Block, D::Error> {
        RawBlock::deserialize(deserializer)?
            .into_block()
            .ok_or_else(|| D::Error::custom("a block of an unknown type, or without its fields"))
    }
}

/// Words separated by spaces, and characters of scripts that use no spaces between words.
fn count_words(text: &str) -> (usize, usize) {
    let is_ideograph = |c: char| matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF);
    let ideographs = text.chars().filter(|&c| is_ideograph(c)).count();
    let words = text
        .split_whitespace()
        .filter(|word| word.chars().any(|c| c.is_alphanumeric() && !is_ideograph(c)))
        .count();
    (words, ideographs)
}

/// Markup removed, for counting only (never for display).
fn strip_tags(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

/// Whether `tag` has the shape of a BCP 47 language tag ("en", "pt-BR", "zh-Hant-TW"): a 2 to
/// 8 letter primary subtag, then 1 to 8 letters or digits per subtag, at most 35 characters in
/// all. Anything else in an article's `language` or an HTML block's `lang` is dropped rather than
/// put into the page's `lang` attribute. The one rule for the app, its sanitiser and the backend.
///
/// Where the two rules this replaces disagreed, it keeps the stricter one: the primary subtag is
/// letters and at least two of them (RFC 5646's `language`, so "1-en" or "e" are no tag; the
/// single-letter private-use "x-..." and grandfathered "i-..." forms are dropped too, as they
/// name no language a browser or a screen reader knows), and 35 characters is the longest tag
/// RFC 5646 (section 4.4.1) expects implementations to need, which also bounds what untrusted
/// input goes into the attribute.
pub fn is_language_tag(tag: &str) -> bool {
    const MAX_CHARS: usize = 35;
    let mut subtags = tag.split('-');
    let primary = subtags.next().unwrap_or_default();
    tag.len() <= MAX_CHARS
        && (2..=8).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && subtags
            .all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The writing direction of a BCP 47 language tag: `"rtl"` for right-to-left scripts (Arabic,
/// Hebrew, Persian, Urdu, ...), otherwise `"ltr"`.
pub fn text_direction(language: &str) -> &'static str {
    const RTL_LANGUAGES: [&str; 14] =
        ["ar", "arc", "ckb", "dv", "fa", "he", "iw", "ku", "ps", "sd", "syr", "ug", "ur", "yi"];
    const RTL_SCRIPTS: [&str; 8] = ["arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg", "samr"];
    let mut subtags = language.trim().split(['-', '_']);
    let primary = subtags.next().unwrap_or_default().to_ascii_lowercase();
    // An explicit script subtag wins: "az-Arab" is right-to-left, "ku-Latn" is not.
    for subtag in subtags {
        if subtag.len() == 4 {
            let script = subtag.to_ascii_lowercase();
            return if RTL_SCRIPTS.contains(&script.as_str()) { "rtl" } else { "ltr" };
        }
    }
    if RTL_LANGUAGES.contains(&primary.as_str()) {
        "rtl"
    } else {
        "ltr"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article_with(body: Vec<Block>) -> Article {
        Article {
            id: "a".into(),
            title: "T".into(),
            url: None,
            summary: None,
            source: None,
            authors: vec![],
            published_at: "2026-11-24T08:30:00Z".into(),
            updated_at: None,
            image: None,
            section: None,
            tags: vec![],
            language: None,
            comments: None,
            body,
        }
    }

    #[test]
    fn reading_time_counts_words_in_every_text_block() {
        let paragraph = |words: usize| Block::Paragraph { text: vec!["word"; words].join(" ") };
        assert_eq!(article_with(vec![]).reading_minutes(), 1);
        assert_eq!(article_with(vec![paragraph(230)]).reading_minutes(), 1);
        assert_eq!(article_with(vec![paragraph(231)]).reading_minutes(), 2);
        let html = Block::Html { html: format!("<p>{}</p>", vec!["<em>word</em>"; 460].join(" ")) };
        assert_eq!(article_with(vec![html]).reading_minutes(), 2);
        let list = Block::List { ordered: false, items: vec![vec!["w"; 300].join(" ")] };
        assert_eq!(article_with(vec![list, paragraph(200)]).reading_minutes(), 3);
    }

    #[test]
    fn reading_time_counts_characters_where_words_have_no_spaces() {
        let text = "港".repeat(1_000);
        assert_eq!(article_with(vec![Block::Paragraph { text }]).reading_minutes(), 2);
    }

    /// The blocks of a body given as JSON text, decoded the way the app reads an article.
    fn blocks(body: &str) -> Vec<Block> {
        let text = format!(
            r#"{{"id": "a", "title": "T", "published_at": "2026-11-24T08:30:00Z", "body": {body}}}"#
        );
        serde_json::from_str::<Article>(&text).expect("an article").body
    }

    #[test]
    fn every_block_type_decodes_with_its_fields() {
        let body = blocks(
            r#"[
                {"type": "paragraph", "text": "p"},
                {"type": "heading", "level": 3, "text": "h"},
                {"type": "quote", "text": "q", "cite": "c"},
                {"type": "list", "ordered": true, "items": ["one", "two"]},
                {"type": "image", "url": "https://img.example/a.jpg", "alt": "a", "width": 4,
                 "height": 3, "caption": "cap", "credit": "cr"},
                {"type": "html", "html": "<b>x</b>"}
            ]"#,
        );
        let image = Image {
            url: "https://img.example/a.jpg".into(),
            alt: Some("a".into()),
            width: Some(4),
            height: Some(3),
            caption: Some("cap".into()),
            credit: Some("cr".into()),
        };
        assert_eq!(
            body,
            [
                Block::Paragraph { text: "p".into() },
                Block::Heading { level: 3, text: "h".into() },
                Block::Quote { text: "q".into(), cite: Some("c".into()) },
                Block::List { ordered: true, items: vec!["one".into(), "two".into()] },
                Block::Image(image),
                Block::Html { html: "<b>x</b>".into() },
            ]
        );
    }

    #[test]
    fn a_block_without_its_fields_is_dropped_and_its_optional_fields_may_be_wrong() {
        let body = blocks(
            r#"[
                {"type": "paragraph"},
                {"type": "paragraph", "text": 5},
                {"type": "heading", "level": 300, "text": "too deep for a u8"},
                {"type": "heading", "level": "2", "text": "level as text"},
                {"type": "list", "items": ["no order"]},
                {"type": "image", "url": {"href": "x"}},
                {"type": "html", "html": null},
                {"type": "Paragraph", "text": "types are lowercase"},
                {"type": 1, "text": "a number for a type"},
                {"text": "no type"},
                {"type": "quote", "text": "kept", "cite": ["wrong"]},
                {"type": "image", "url": "https://img.example/b.jpg", "width": "wide", "alt": 1},
                {"type": "paragraph", "text": "kept", "level": "ignored", "items": 7}
            ]"#,
        );
        assert_eq!(
            body,
            [
                Block::Quote { text: "kept".into(), cite: None },
                Block::Image(Image {
                    url: "https://img.example/b.jpg".into(),
                    alt: None,
                    width: None,
                    height: None,
                    caption: None,
                    credit: None,
                }),
                Block::Paragraph { text: "kept".into() },
            ]
        );
    }

    #[test]
    fn a_lists_items_are_read_leniently_but_must_be_there() {
        let body = blocks(
            r#"[
                {"type": "list", "ordered": false, "items": ["a", 2, null, "b"]},
                {"type": "list", "ordered": false, "items": "not a list"},
                {"type": "list", "ordered": false, "items": null},
                {"type": "list", "ordered": false}
            ]"#,
        );
        let list = |items: &[&str]| Block::List {
            ordered: false,
            items: items.iter().map(|item| item.to_string()).collect(),
        };
        assert_eq!(body, [list(&["a", "b"]), list(&[]), list(&[])]);
    }

    #[test]
    fn lists_are_capped_like_pages_and_a_field_nested_too_deep_is_just_of_the_wrong_shape() {
        let tags = vec!["t"; crate::MAX_PAGE_ITEMS + 5];
        let text = serde_json::json!({
            "id": "a", "title": "T", "published_at": "2026-11-24T08:30:00Z", "body": [],
            "tags": tags,
        })
        .to_string();
        let article: Article = serde_json::from_str(&text).expect("an article");
        assert_eq!(article.tags.len(), crate::MAX_PAGE_ITEMS);

        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let text = format!(
            r#"{{"id": "a", "title": "T", "published_at": "2026-11-24T08:30:00Z", "body": [],
                "url": {deep}}}"#
        );
        let decoded = serde_json::from_str::<Article>(&text);
        // Delimiting a value never recurses; only decoding it would, and a field this deep is
        // not the shape of any contract type: the field is dropped, not the article.
        assert_eq!(decoded.map(|article| article.url).ok(), Some(None));
    }

    #[test]
    fn a_story_without_an_id_or_a_headline_is_left_out_and_a_blank_source_is_none() {
        let page: crate::Page<ArticleSummary> = serde_json::from_str(
            r#"{"items": [
                {"id": "a", "title": "Kept", "published_at": "2026-11-24T08:30:00Z",
                 "source": {"name": " "}},
                {"id": "b", "title": " \n\t", "published_at": "2026-11-24T08:30:00Z"},
                {"id": "", "title": "No id", "published_at": "2026-11-24T08:30:00Z"},
                {"id": "c", "title": "", "published_at": "2026-11-24T08:30:00Z"}
            ]}"#,
        )
        .expect("a page");
        assert_eq!(ids(&page.items), ["a"]);
        assert_eq!(page.items[0].source, None);

        let untitled =
            r#"{"id": "a", "title": "  ", "published_at": "2026-11-24T08:30:00Z", "body": []}"#;
        assert!(serde_json::from_str::<Article>(untitled).is_err());
    }

    #[test]
    fn blocks_encode_as_the_contract_tags_them() {
        let encoded = serde_json::to_value(Block::Quote { text: "q".into(), cite: None });
        assert_eq!(encoded.ok(), Some(serde_json::json!({"type": "quote", "text": "q"})));
    }

    fn story(id: &str) -> ArticleSummary {
        ArticleSummary {
            id: id.into(),
            title: format!("Story {id}"),
            url: None,
            source: None,
            published_at: "2026-11-24T08:30:00Z".into(),
            excerpt: None,
            image: None,
            comment_count: None,
            language: None,
        }
    }

    fn ids(stories: &[ArticleSummary]) -> Vec<&str> {
        stories.iter().map(|story| story.id.as_str()).collect()
    }

    #[test]
    fn a_feed_lists_each_story_once_across_pages() {
        let mut feed = Vec::new();
        assert_eq!(add_new_stories(&mut feed, vec![story("a"), story("b"), story("a")]), 2);
        // The next page starts with a story of this one: another was published meanwhile.
        assert_eq!(add_new_stories(&mut feed, vec![story("b"), story("c"), story("d")]), 2);
        assert_eq!(add_new_stories(&mut feed, vec![story("d")]), 0);
        assert_eq!(ids(&feed), ["a", "b", "c", "d"]);
    }

    #[test]
    fn related_stories_leave_out_the_article_and_repeats() {
        let items = vec![story("a"), story("x"), story("y"), story("x"), story("z")];
        assert_eq!(ids(&related_stories("a", items.clone(), 6)), ["x", "y", "z"]);
        assert_eq!(ids(&related_stories("a", items, 2)), ["x", "y"]);
    }

    #[test]
    fn language_tags_have_the_bcp47_shape() {
        for tag in [
            "en",
            "pt-BR",
            "zh-Hant-TW",
            "ar",
            "ar-EG",
            "sr-Latn-RS",
            "de-CH-1996",
            "yue",
            "es-419",
            "en-US-x-twain",
            "zh-cmn-Hans-CN",
            // 35 characters, the most accepted.
            "de-Latn-DE-1901-abcdefgh-x-a1b2c3d4",
        ] {
            assert!(is_language_tag(tag), "{tag}");
        }
        for tag in [
            "",
            "e",
            "en_GB",
            " en",
            "en-",
            "javascript:alert(1)",
            "<b>",
            "en--gb",
            "toolonglanguage",
            "en-toolongsubtag",
            "en-GB ",
            "en\" onclick",
            "en-gb\n",
            "fr-é",
            // The old sanitiser's rule took these; the primary subtag is 2 to 8 letters.
            "x",
            "x-klingon",
            "1",
            "12-ab",
            "e1",
            // 36 characters: longer than any tag RFC 5646 expects.
            "de-Latn-DE-1901-abcdefgh-x-a1b2c3d-e",
        ] {
            assert!(!is_language_tag(tag), "{tag}");
        }
    }

    #[test]
    fn right_to_left_languages_and_scripts() {
        for tag in ["ar", "AR-eg", "he", "fa-IR", "ur", "yi", "az-Arab", "ps"] {
            assert_eq!(text_direction(tag), "rtl", "{tag}");
        }
        for tag in ["en", "en-GB", "ku-Latn", "", "zh-Hant", "hi", "el"] {
            assert_eq!(text_direction(tag), "ltr", "{tag}");
        }
    }
}
