//! Screens. Each fetches through `api` and hands typed data to `components`.

mod article;
mod comments;
mod home;
mod not_found;
mod related;
mod setup_error;

pub use article::ArticlePage;
pub use comments::CommentsSection;
pub use home::HomePage;
pub use not_found::NotFound;
pub use related::RelatedSection;
pub use setup_error::SetupError;
