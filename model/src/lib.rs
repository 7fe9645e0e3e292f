//! Broadsheet's JSON contract v1 as Rust types, shared by the reader app and the reference backend.
//!
//! Decoding is forgiving where the contract asks clients to be (unknown fields and block types,
//! optional fields that are absent, `null` or of the wrong type) and strict where data is required.
//! Encoding never writes `null` for an absent optional field, so output validates against the schemas.

mod article;
pub mod catalogue;
pub mod comment;
mod encode;
mod error;
pub mod header;
mod lenient;
pub mod locale;
pub mod meta;
pub mod origin;
mod page;
pub mod safety;
#[cfg(feature = "schema")]
pub mod schema;
pub mod thread;
pub mod time;

pub use article::{
    add_new_stories, is_language_tag, related_stories, text_direction, Article, ArticleSummary,
    Block, CommentSettings, Image, Person, Source,
};
pub use comment::{
    own_language, Comment, FieldError, LengthProblem, NewAuthor, NewComment, UNKNOWN_LANGUAGE,
};
pub use encode::encode_segment;
pub use error::{ErrorBody, ErrorDetail};
pub use lenient::{array_items, Entries, MAX_PAGE_ITEMS};
pub use page::{Page, RawPage};
