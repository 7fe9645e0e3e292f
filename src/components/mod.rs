//! Reusable pieces of the page. They take typed data and never fetch.

mod article_body;
mod figure;
mod relative_time;
mod sanitized_html;
mod share;
mod status;

pub use article_body::ArticleBody;
pub use figure::Figure;
pub use relative_time::RelativeTime;
pub use sanitized_html::SanitizedHtml;
pub use share::ShareButton;
pub use status::{LoadFailed, Skeleton};
