//! Comments as read from a backend, and the `NewComment` a reader posts, with its validation.

use serde::{Deserialize, Serialize};

use crate::article::{is_language_tag, text_direction, Person};
use crate::lenient::contract_struct;

/// Most characters (not bytes) in a commenter's name, after trimming.
pub const NAME_MAX_CHARS: usize = 80;
/// Most characters (not bytes) in a comment body, after trimming.
pub const BODY_MAX_CHARS: usize = 5_000;

contract_struct! {
    // Hash: the app keys a drawn comment by all of it, so that any change redraws it.
    #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub struct Comment {
        #[serde(deserialize_with = "crate::lenient::text")]
        pub id: String,
        /// `None` for a top-level comment. Clients must survive a parent that is unknown or cyclic.
        #[serde(default, deserialize_with = "crate::lenient::optional")]
        pub parent_id: Option<String>,
        pub author: Person,
        pub body: String,
        pub created_at: String,
        #[optional] pub edited_at: Option<String>,
        /// Deleted comments keep their place and replies but show no body or author.
        #[flag] pub deleted: bool,
        #[optional] pub score: Option<i64>,
        /// The language the comment is written in (BCP 47, since contract 1.2.0), for its
        /// `lang`: see [`Comment::language_and_direction`].
        #[optional] pub language: Option<String>,
    }
}

impl Comment {
    /// The `lang` and `dir` of the comment's text: see [`own_language`].
    pub fn language_and_direction(&self) -> (&str, &'static str) {
        own_language(self.language.as_deref())
    }
}

/// The `lang` and `dir` of user text (a comment) that may say its `language`. A comment is the
/// commenter's words, in any language, not the interface's: its own language where it gives a
/// valid tag, else [`UNKNOWN_LANGUAGE`].
pub fn own_language(language: Option<&str>) -> (&str, &'static str) {
    match language.map(str::trim).filter(|tag| is_language_tag(tag)) {
        Some(tag) => (tag, text_direction(tag)),
        None => UNKNOWN_LANGUAGE,
    }
}

/// The `lang` and `dir` of text in no known language (a commenter's name, a comment without
/// `language`): `lang=""`, so a screen reader does not read it by the interface's rules, and
/// the direction from the text itself.
pub const UNKNOWN_LANGUAGE: (&str, &str) = ("", "auto");

/// The body of `POST /articles/{id}/comments`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewComment {
    pub author: NewAuthor,
    pub body: String,
    #[serde(default)]
    pub parent_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAuthor {
    pub name: String,
}

/// A validation failure tied to one field of the request, in the reader's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The contract's field name: `author.name` or `body`.
    pub field: &'static str,
    pub message: String,
}

impl NewComment {
    pub fn new(name: &str, body: &str, parent_id: Option<String>) -> Self {
        NewComment { author: NewAuthor { name: name.to_owned() }, body: body.to_owned(), parent_id }
    }

    /// Checks the contract's limits on the trimmed text (counted in characters, not bytes) and
    /// returns the trimmed comment, or every problem found. Both the app and the backend use this.
    /// The English messages are the backend's; the app words [`NewComment::problems`] in the
    /// reader's language.
    pub fn validate(&self) -> Result<NewComment, Vec<FieldError>> {
        let problems = self.problems();
        if problems.is_empty() {
            Ok(NewComment::new(self.author.name.trim(), self.body.trim(), self.parent_id.clone()))
        } else {
            Err(problems
                .into_iter()
                .map(|(field, problem)| FieldError { field, message: problem.english(field) })
                .collect())
        }
    }

    /// What is wrong with each field (`author.name`, `body`), by the contract's limits on the
    /// trimmed text.
    pub fn problems(&self) -> Vec<(&'static str, LengthProblem)> {
        let fields = [
            ("author.name", &self.author.name, NAME_MAX_CHARS),
            ("body", &self.body, BODY_MAX_CHARS),
        ];
        fields
            .into_iter()
            .filter_map(|(field, text, max)| {
                let chars = text.trim().chars().count();
                let problem = match chars {
                    0 => LengthProblem::Missing,
                    has if has > max => LengthProblem::TooLong { max, has },
                    _ => return None,
                };
                Some((field, problem))
            })
            .collect()
    }
}

/// Why a field of a new comment is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LengthProblem {
    Missing,
    /// Longer than `max` characters: it has `has`.
    TooLong {
        max: usize,
        has: usize,
    },
}

impl LengthProblem {
    /// The problem in English, for `field`.
    pub fn english(self, field: &str) -> String {
        let what = if field == "body" { "your comment" } else { "your name" };
        match self {
            LengthProblem::Missing => format!("Please enter {what}."),
            LengthProblem::TooLong { max, has } => format!(
                "Please shorten {what} to {} characters or fewer (it has {}).",
                group_thousands(max),
                group_thousands(has)
            ),
        }
    }
}

/// `5000` → `"5,000"`: limits are read by people.
fn group_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment_in(json_language: &str) -> Comment {
        let json = format!(
            r#"{{"id": "c1", "author": {{"name": "Sam"}}, "body": "Hi", "created_at": "2026-11-24T09:02:00Z"{json_language}}}"#
        );
        serde_json::from_str(&json).expect("a comment")
    }

    #[test]
    fn a_comment_is_in_its_own_language_and_direction() {
        let of = |language: &str| comment_in(&format!(r#", "language": {language}"#));
        assert_eq!(of(r#""en""#).language_and_direction(), ("en", "ltr"));
        assert_eq!(of(r#"" ar-EG ""#).language_and_direction(), ("ar-EG", "rtl"));
        assert_eq!(of(r#""ku-Arab""#).language_and_direction(), ("ku-Arab", "rtl"));
    }

    #[test]
    fn a_comment_without_a_valid_language_is_in_no_known_one() {
        // Absent, null, of another type, blank, or no tag (it would go into an attribute).
        for language in ["", r#", "language": null"#, r#", "language": 7"#, r#", "language": " ""#]
        {
            let comment = comment_in(language);
            assert_eq!(comment.language_and_direction(), ("", "auto"), "{language}");
        }
        let injected = comment_in(r#", "language": "en\" onload=\"x""#);
        assert_eq!(injected.language_and_direction(), UNKNOWN_LANGUAGE);
    }

    #[test]
    fn a_comment_without_a_language_is_sent_without_one() {
        let json = serde_json::to_value(comment_in("")).expect("serialises");
        assert!(json.get("language").is_none(), "{json}");
        let json = serde_json::to_value(comment_in(r#", "language": "de""#)).expect("serialises");
        assert_eq!(json["language"], "de");
    }

    #[test]
    fn trims_and_accepts_text_within_limits() {
        let valid = NewComment::new("  Sam ", "\n Hello there \t", None).validate();
        assert_eq!(valid, Ok(NewComment::new("Sam", "Hello there", None)));
    }

    #[test]
    fn rejects_blank_fields_with_a_message_each() {
        let errors = NewComment::new("   ", "\n", None).validate().unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["author.name", "body"]);
        assert_eq!(errors[1].message, "Please enter your comment.");
    }

    #[test]
    fn counts_characters_not_bytes() {
        // 80 two-byte characters are within the limit although they take 160 bytes.
        let name = "é".repeat(NAME_MAX_CHARS);
        assert!(NewComment::new(&name, "ok", None).validate().is_ok());
        let too_long = "ب".repeat(BODY_MAX_CHARS + 1);
        let errors = NewComment::new("Sam", &too_long, None).validate().unwrap_err();
        assert_eq!(errors[0].field, "body");
        assert_eq!(
            errors[0].message,
            "Please shorten your comment to 5,000 characters or fewer (it has 5,001)."
        );
    }

    #[test]
    fn limits_apply_to_trimmed_multi_byte_text() {
        // Four-byte emoji: 80 fit in a name, padding whitespace is not counted.
        let name = format!(" \t{}\n ", "🚋".repeat(NAME_MAX_CHARS));
        let body = format!("\u{3000}{}\u{a0}", "ü".repeat(BODY_MAX_CHARS));
        let valid = NewComment::new(&name, &body, Some("c1".into())).validate();
        assert_eq!(
            valid,
            Ok(NewComment::new(
                &"🚋".repeat(NAME_MAX_CHARS),
                &"ü".repeat(BODY_MAX_CHARS),
                Some("c1".into())
            ))
        );
        let errors =
            NewComment::new(&"🚋".repeat(NAME_MAX_CHARS + 1), "ok", None).validate().unwrap_err();
        assert_eq!(errors[0].field, "author.name");
        assert!(errors[0].message.contains("80 characters"), "{}", errors[0].message);
    }

    #[test]
    fn unicode_whitespace_alone_is_blank() {
        // Ideographic and no-break spaces trim away like ASCII ones.
        let errors = NewComment::new("\u{3000}", "\u{a0}\u{2003}\n", None).validate().unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["author.name", "body"]);
    }
}
