//! The article header: what it says, in which order and in which words, described once. The
//! app's article page (`src/pages/article.rs`) and the preview the reference backend draws into
//! article pages (`publish/src/page.rs`) both draw [`Header::of`]; `public/early.js`, which
//! cannot run this code, follows it line by line, and `tests/e2e/specs/article-header.spec.ts`
//! checks the three against each other and against `tests/e2e/fixtures/article-headers.json`.
//!
//! A header is the article's language and direction (for its `<article>` element) and these
//! parts, in this order, each left out when it has nothing to say:
//!
//! | part | element | what it says |
//! |---|---|---|
//! | section | `p.kicker` | the section |
//! | headline | `h1` | the title |
//! | standfirst | `p.dek` | the summary |
//! | byline | `p.byline` | "By A", "By A and B", "By A, B and C": the authors with a name |
//! | meta | `p.meta` | the source, when it was published, "Updated" and when (if a minute or more later), "N min read"; joined by " · " |
//!
//! The rules of the wording, the same for every renderer:
//!
//! - texts from the article are trimmed, and a blank one is left out (an author without a name
//!   too); the section, headline and standfirst are in their own direction (`dir="auto"`), and so
//!   is each name; the byline and meta line are in the interface's language and direction
//!   (`lang`, `dir`: English in the backend's preview and early.js), since their words are its;
//! - authors and the source are links where their URL is safe ([`safe_url`]), else plain names;
//! - a time is a `<time>` whose `datetime` is the timestamp as the article gives it (trimmed),
//!   whose `title` is [`time::date_time`] ("24 Nov 2026, 08:30 UTC") and whose text is
//!   [`time::relative`] ("5 minutes ago", "2 days ago", the date after a week) from the clock of
//!   whoever draws it: the reader's in the app and early.js, the server's in the backend's preview
//!   (its article pages are never cached). A timestamp that does not parse is left out.
//!
//! Nothing here knows the browser or HTML: renderers map each [`PartKind`] and [`Piece`] to
//! their element.

use crate::article::{is_language_tag, text_direction, Article};
use crate::safety::safe_url;
use crate::time;

/// The article header: see the module documentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// The article's language (`lang`), when it has the shape of a language tag.
    pub language: Option<String>,
    /// Its writing direction (`dir`, `"ltr"` or `"rtl"`), with the language.
    pub direction: Option<&'static str>,
    pub parts: Vec<Part>,
}

/// One line of the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub kind: PartKind,
    pub pieces: Vec<Piece>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    Section,
    Headline,
    Standfirst,
    Byline,
    Meta,
}

/// What a part is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// The article's own text as it is (headline, section, standfirst).
    Text(String),
    /// The header's own words, in the interface's language (see [`Words::english`]).
    Words(Words),
    /// A name from the article (an author, the source) in its own direction; a link to `href`
    /// (opened without the opener or a referrer) when there is one.
    Name { text: String, href: Option<String> },
    /// " · " between the items of the meta line, hidden from assistive technology.
    Separator,
    /// A moment from the article: `datetime` as given, `ms` its time (see [`Piece::time_text`]).
    Time { datetime: String, ms: i64 },
}

/// The header's own words. Each renderer says them in its interface language, from the
/// catalogue messages [`Words::message`] names (`public/early.js`, which has no catalogue, in
/// English).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Words {
    /// Before the first author: "By ".
    By,
    /// Between two authors, not the last two: ", ".
    Comma,
    /// Between the last two authors: " and ".
    And,
    /// Before the update's time: "Updated ".
    Updated,
    /// The reading time: "3 min read".
    MinutesToRead(u32),
}

impl Words {
    /// Where the words are in the interface's catalogues: the message's key, and the count that
    /// chooses its plural form (and is its `{{count}}`).
    pub fn message(self) -> (&'static str, Option<u32>) {
        match self {
            Words::By => ("article.by", None),
            Words::Comma => ("article.list_comma", None),
            Words::And => ("article.list_and", None),
            Words::Updated => ("article.updated", None),
            Words::MinutesToRead(minutes) => ("article.minutes_to_read", Some(minutes)),
        }
    }

    /// The words in English, the interface's default language.
    pub fn english(self) -> String {
        match self {
            Words::By => "By ".to_owned(),
            Words::Comma => ", ".to_owned(),
            Words::And => " and ".to_owned(),
            Words::Updated => "Updated ".to_owned(),
            Words::MinutesToRead(minutes) => format!("{minutes} min read"),
        }
    }
}

/// The separator's text.
pub const SEPARATOR: &str = " · ";

impl PartKind {
    /// The element's class: every part is a `p` of this class but the headline, an `h1`.
    pub fn class(self) -> &'static str {
        match self {
            PartKind::Section => "kicker",
            PartKind::Headline => "",
            PartKind::Standfirst => "dek",
            PartKind::Byline => "byline",
            PartKind::Meta => "meta",
        }
    }

    /// Whether the element itself is in its text's direction (`dir="auto"`): the parts that are
    /// one text of the article. The byline and meta line are the page's, with names in theirs.
    pub fn own_direction(self) -> bool {
        matches!(self, PartKind::Section | PartKind::Headline | PartKind::Standfirst)
    }

    /// Whether the element is in the interface's language and direction (`lang`, `dir`): the
    /// byline and meta line, whose words are the interface's ("By", "min read"), so that an
    /// Arabic interface reads them right to left inside an English article. English, left to
    /// right, where the renderer speaks English (the backend's preview, early.js).
    pub fn in_interface_language(self) -> bool {
        matches!(self, PartKind::Byline | PartKind::Meta)
    }

    /// The part's name in the module documentation (and in the parity test).
    pub fn name(self) -> &'static str {
        match self {
            PartKind::Section => "section",
            PartKind::Headline => "headline",
            PartKind::Standfirst => "standfirst",
            PartKind::Byline => "byline",
            PartKind::Meta => "meta",
        }
    }
}

impl Piece {
    /// A time's text against the clock `now_ms`: the one wording of times in the header.
    pub fn time_text(ms: i64, now_ms: i64) -> String {
        time::relative(ms, now_ms)
    }

    /// The piece's text as drawn at `now_ms`.
    pub fn text(&self, now_ms: i64) -> String {
        match self {
            Piece::Text(text) | Piece::Name { text, .. } => text.clone(),
            Piece::Words(words) => words.english(),
            Piece::Separator => SEPARATOR.to_owned(),
            Piece::Time { ms, .. } => Piece::time_text(*ms, now_ms),
        }
    }
}

impl Part {
    fn text(kind: PartKind, text: &str) -> Part {
        Part { kind, pieces: vec![Piece::Text(text.to_owned())] }
    }

    /// The part's whole text as drawn at `now_ms` (what a reader sees, separators included).
    pub fn text_at(&self, now_ms: i64) -> String {
        self.pieces.iter().map(|piece| piece.text(now_ms)).collect()
    }
}

impl Header {
    /// The header of `article`.
    pub fn of(article: &Article) -> Header {
        let language = words(article.language.as_deref()).filter(|tag| is_language_tag(tag));
        let mut parts = Vec::with_capacity(5);
        if let Some(section) = words(article.section.as_deref()) {
            parts.push(Part::text(PartKind::Section, section));
        }
        parts.push(Part::text(PartKind::Headline, article.title.trim()));
        if let Some(summary) = words(article.summary.as_deref()) {
            parts.push(Part::text(PartKind::Standfirst, summary));
        }
        let authors: Vec<Piece> =
            article.authors.iter().filter_map(|a| name(&a.name, a.url.as_deref())).collect();
        if !authors.is_empty() {
            parts.push(Part { kind: PartKind::Byline, pieces: byline(authors) });
        }
        parts.push(Part { kind: PartKind::Meta, pieces: meta(article) });
        Header {
            language: language.map(str::to_owned),
            direction: language.map(text_direction),
            parts,
        }
    }
}

/// "By A", "By A and B", "By A, B and C".
fn byline(names: Vec<Piece>) -> Vec<Piece> {
    let count = names.len();
    let mut pieces = Vec::with_capacity(2 * count);
    for (i, name) in names.into_iter().enumerate() {
        let before = match (i, count - i) {
            (0, _) => Words::By,
            (_, 1) => Words::And,
            _ => Words::Comma,
        };
        pieces.push(Piece::Words(before));
        pieces.push(name);
    }
    pieces
}

/// The source, the times and the reading time, joined by separators.
fn meta(article: &Article) -> Vec<Piece> {
    let mut pieces = Vec::with_capacity(8);
    // Each item after the first starts with a separator.
    let item = |pieces: &mut Vec<Piece>, first: Piece| {
        if !pieces.is_empty() {
            pieces.push(Piece::Separator);
        }
        pieces.push(first);
    };
    if let Some(source) = &article.source {
        if let Some(name) = name(&source.name, source.url.as_deref()) {
            item(&mut pieces, name);
        }
    }
    if let Some((published_ms, published)) = moment(&article.published_at) {
        item(&mut pieces, published);
        // An update within a minute of publishing is the publishing itself.
        if let Some((updated_ms, updated)) = article.updated_at.as_deref().and_then(moment) {
            if updated_ms - published_ms >= 60_000 {
                item(&mut pieces, Piece::Words(Words::Updated));
                pieces.push(updated);
            }
        }
    }
    item(&mut pieces, Piece::Words(Words::MinutesToRead(article.reading_minutes())));
    pieces
}

/// A time piece, and its milliseconds, for a timestamp that parses.
fn moment(timestamp: &str) -> Option<(i64, Piece)> {
    let datetime = timestamp.trim();
    let ms = time::parse_rfc3339(datetime)?;
    Some((ms, Piece::Time { datetime: datetime.to_owned(), ms }))
}

/// A name, a link where its URL is safe; nothing for a blank name.
fn name(text: &str, url: Option<&str>) -> Option<Piece> {
    let text = words(Some(text))?;
    let href = url.and_then(|url| safe_url(url, false)).map(str::to_owned);
    Some(Piece::Name { text: text.to_owned(), href })
}

/// A text trimmed, or `None` when blank.
fn words(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|text| !text.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    /// The parity cases every renderer is checked against (the backend's tests and the e2e spec
    /// read the same file).
    const CASES: &str = include_str!("../../tests/e2e/fixtures/article-headers.json");

    /// A part as the cases write it: its name, `dir` when it has its own or the interface's, and its pieces: a
    /// string for text, `{"name", "href"?}`, `{"hidden": " · "}`, `{"time", "title", "text"}`.
    fn described(part: &Part, now: i64) -> Value {
        let pieces: Vec<Value> = part
            .pieces
            .iter()
            .map(|piece| match piece {
                Piece::Text(text) => json!(text),
                Piece::Words(words) => json!(words.english()),
                Piece::Name { text, href: Some(href) } => json!({ "name": text, "href": href }),
                Piece::Name { text, href: None } => json!({ "name": text }),
                Piece::Separator => json!({ "hidden": SEPARATOR }),
                Piece::Time { datetime, ms } => json!({
                    "time": datetime,
                    "title": time::date_time(*ms),
                    "text": Piece::time_text(*ms, now),
                }),
            })
            .collect();
        let mut value = json!({ "part": part.kind.name(), "pieces": pieces });
        if part.kind.own_direction() {
            value["dir"] = json!("auto");
        }
        if part.kind.in_interface_language() {
            value["dir"] = json!("ltr");
        }
        value
    }

    #[test]
    fn every_case_of_the_parity_fixture_has_its_header() {
        let cases: Value = serde_json::from_str(CASES).expect("the fixture is JSON");
        let now = time::parse_rfc3339(cases["now"].as_str().expect("now")).expect("a time");
        let cases = cases["cases"].as_array().expect("cases");
        assert!(cases.len() >= 6);
        for case in cases {
            let article: Article =
                serde_json::from_value(case["article"].clone()).expect("an article");
            let header = Header::of(&article);
            let parts: Vec<Value> = header.parts.iter().map(|p| described(p, now)).collect();
            let name = &case["name"];
            assert_eq!(json!(parts), case["header"]["parts"], "{name}");
            assert_eq!(json!(header.language), case["header"]["lang"], "{name}");
            assert_eq!(json!(header.direction), case["header"]["dir"], "{name}");
        }
    }

    fn article(value: Value) -> Article {
        let mut base = json!({
            "id": "a", "title": "Trams return", "published_at": "2026-11-20T08:00:00Z",
            "body": [{ "type": "paragraph", "text": "One two three." }]
        });
        for (key, field) in value.as_object().expect("fields") {
            base[key] = field.clone();
        }
        serde_json::from_value(base).expect("an article")
    }

    fn texts(article: &Article, now: i64) -> Vec<(&'static str, String)> {
        Header::of(article).parts.iter().map(|p| (p.kind.name(), p.text_at(now))).collect()
    }

    #[test]
    fn a_bare_article_has_its_headline_and_meta_line() {
        let now = time::parse_rfc3339("2026-11-20T08:05:00Z").expect("a time");
        assert_eq!(
            texts(&article(json!({})), now),
            [("headline", "Trams return".into()), ("meta", "5 minutes ago · 1 min read".into())]
        );
    }

    #[test]
    fn blank_texts_and_nameless_authors_are_left_out_and_the_rest_trimmed() {
        let a = article(json!({
            "section": "  ", "summary": "\n", "title": "  Trams return ",
            "authors": [{ "name": " " }, { "name": " Ana " }],
            "source": { "name": "  " }, "language": " ar ",
        }));
        let header = Header::of(&a);
        assert_eq!((header.language.as_deref(), header.direction), (Some("ar"), Some("rtl")));
        let now = time::parse_rfc3339("2026-12-20T08:00:00Z").expect("a time");
        assert_eq!(
            texts(&a, now),
            [
                ("headline", "Trams return".into()),
                ("byline", "By Ana".into()),
                ("meta", "20 Nov 2026 · 1 min read".into())
            ]
        );
    }

    #[test]
    fn unsafe_links_become_plain_names_and_an_invalid_language_is_ignored() {
        let a = article(json!({
            "authors": [{ "name": "Ana", "url": "javascript:alert(1)" }, { "name": "Bo", "url": " /bo " }],
            "source": { "name": "Courier", "url": "data:text/html,x" },
            "language": "en\" onload=\"x",
        }));
        let header = Header::of(&a);
        assert_eq!((header.language, header.direction), (None, None));
        let byline = &header.parts[1].pieces;
        assert_eq!(byline[1], Piece::Name { text: "Ana".into(), href: None });
        assert_eq!(byline[3], Piece::Name { text: "Bo".into(), href: Some("/bo".into()) });
        assert_eq!(header.parts[2].pieces[0], Piece::Name { text: "Courier".into(), href: None });
    }

    #[test]
    fn an_update_shows_from_a_minute_after_publishing_and_bad_times_are_left_out() {
        let now = time::parse_rfc3339("2026-11-21T08:00:00Z").expect("a time");
        let meta = |published: &str, updated: &str| {
            let a = article(json!({ "published_at": published, "updated_at": updated }));
            texts(&a, now).pop().expect("a meta line").1
        };
        let at = "2026-11-20T08:00:00Z";
        assert_eq!(meta(at, "2026-11-20T08:00:59Z"), "a day ago · 1 min read");
        assert_eq!(meta(at, "2026-11-20T09:00:00+01:00"), "a day ago · 1 min read");
        assert_eq!(meta(at, "2026-11-20T08:01:00Z"), "a day ago · Updated a day ago · 1 min read");
        assert_eq!(meta(at, "yesterday"), "a day ago · 1 min read");
        assert_eq!(meta("yesterday", "2026-11-20T08:01:00Z"), "1 min read");
    }
}
