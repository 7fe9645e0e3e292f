//! Reusable pieces of the page. They take typed data and never fetch.

mod after_paint;
mod article_body;
mod article_card;
pub(crate) mod comment;
mod comment_form;
// Public for the browser tests (`FIRST_FRAME`, `RENDER_STEP`).
pub mod comment_thread;
mod figure;
mod relative_time;
mod sanitized_html;
mod share;
mod status;

// Public for the browser tests: `ArticleBody`, `ArticleCard`, `CommentText`, `CommentView`,
// `CommentThread`, `RelativeTime`, `SanitizedHtml`.
pub(crate) use after_paint::painted;
pub use article_body::ArticleBody;
pub(crate) use article_body::{shown_blocks, ShownBody, MAX_BODY_CHARS};
pub use article_card::ArticleCard;
pub use comment::{author_name, CommentText, CommentView};
pub(crate) use comment_form::{CommentForm, FieldErrors, PostState};
pub use comment_thread::CommentThread;
pub(crate) use figure::Figure;
pub use relative_time::RelativeTime;
pub use sanitized_html::SanitizedHtml;
pub(crate) use share::ShareButton;
pub(crate) use status::{LoadFailed, Skeleton};

use crate::config::EmbedLinkTarget;

/// The `target` of the links drawn here: none in the full reader (its router follows them in
/// this tab), and a window outside the iframe in an embed, which provides an [`EmbedLinkTarget`].
pub(crate) fn link_target() -> Option<&'static str> {
    leptos::prelude::use_context::<EmbedLinkTarget>().map(EmbedLinkTarget::attribute)
}
