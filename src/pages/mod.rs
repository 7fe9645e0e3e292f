//! Screens. Each fetches through `api` and hands typed data to `components`.

mod article;
mod comments;
mod embed;
mod home;
mod not_found;
mod related;
mod setup_error;

pub use article::ArticlePage;
pub use comments::CommentsSection;
pub use embed::{EmbedCard, EmbedComments, EmbedRelated};
pub use home::HomePage;
pub use not_found::NotFound;
pub use related::RelatedSection;
pub use setup_error::SetupError;
