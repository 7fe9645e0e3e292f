//! Articles, their summaries (feed and related cards) and the blocks of an article body.

use serde::{Deserialize, Serialize};

/// A full article, as returned by `GET /articles/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: String,
    pub title: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::optional"
    )]
    pub url: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::optional"
    )]
    pub summary: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::optional"
    )]
    pub source: Option<Source>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "crate::lenient::list"
    )]
    pub authors: Vec<Person>,
    pub published_at: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::optional"
    )]
    pub updated_at: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::optional"
    )]
    pub image: Option<Image>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::optional"
    )]
    pub section: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "crate::lenient::list"
    )]
    pub tags: Vec<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::optional"
    )]
    pub language: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::optional"
    )]
    pub comments: Option<CommentSettings>,
    /// Blocks of unknown type, or of a known type with missing fields, are dropped silently.
    #[serde(deserialize_with = "crate::lenient::list")]
    pub body: Vec<Block>,
}

impl Article {
    /// Absent comment settings mean comments are open: only an explicit `false` closes them.
    pub fn comments_enabled(&self) -> bool {
        self.comments.as_ref().is_none_or(|c| c.enabled)
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
        }
    }
}

/// The short form of an article used by feed and related cards.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub id: String,
    pub title: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::optional"
    )]
    pub url: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::optional"
    )]
    pub source: Option<Source>,
    pub published_at: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::optional"
    )]
    pub excerpt: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::optional"
    )]
    pub image: Option<Image>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::optional"
    )]
    pub comment_count: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub name: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::optional"
    )]
    pub url: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::optional"
    )]
    pub logo_url: Option<String>,
}

/// An author of an article or a comment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::optional"
    )]
    pub url: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::optional"
    )]
    pub avatar_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Image {
    pub url: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::optional"
    )]
    pub alt: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::optional"
    )]
    pub width: Option<u32>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::optional"
    )]
    pub height: Option<u32>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::optional"
    )]
    pub caption: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::optional"
    )]
    pub credit: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommentSettings {
    pub enabled: bool,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::optional"
    )]
    pub count: Option<u64>,
}

/// One block of an article body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "crate::lenient::optional"
        )]
        cite: Option<String>,
    },
    List {
        ordered: bool,
        #[serde(deserialize_with = "crate::lenient::list")]
        items: Vec<String>,
    },
    Image(Image),
    /// Untrusted markup: clients sanitise it with an allow-list before display.
    Html {
        html: String,
    },
}

/// The writing direction of a BCP 47 language tag: `"rtl"` for right-to-left scripts (Arabic,
/// Hebrew, Persian, Urdu, ...), otherwise `"ltr"`.
pub fn text_direction(language: &str) -> &'static str {
    const RTL_LANGUAGES: [&str; 14] = [
        "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ku", "ps", "sd", "syr", "ug", "ur", "yi",
    ];
    const RTL_SCRIPTS: [&str; 8] = [
        "arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg", "samr",
    ];
    let mut subtags = language.trim().split(['-', '_']);
    let primary = subtags.next().unwrap_or_default().to_ascii_lowercase();
    // An explicit script subtag wins: "az-Arab" is right-to-left, "ku-Latn" is not.
    for subtag in subtags {
        if subtag.len() == 4 {
            let script = subtag.to_ascii_lowercase();
            return if RTL_SCRIPTS.contains(&script.as_str()) {
                "rtl"
            } else {
                "ltr"
            };
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
    use super::text_direction;

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
