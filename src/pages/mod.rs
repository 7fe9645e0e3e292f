//! Screens. Each fetches through `api` and hands typed data to `components`.

mod article;
mod comments;
mod embed;
mod home;
mod not_found;
mod related;
mod setup_error;

pub use article::ArticlePage;
pub(crate) use comments::comments_code;
pub use comments::{comments, comments_stand_in};
pub use embed::{EmbedCard, EmbedComments, EmbedRelated};
pub use home::front_page;
pub(crate) use home::front_page_code;
pub use not_found::NotFound;
pub use related::RelatedSection;
pub use setup_error::SetupError;
