//! Broadsheet: a news reader that renders an article, its related articles and its comments from
//! any backend.
//!
//! - [`model`]: the JSON contract's types (shared with the reference backend).
//! - [`config`]: the deployment's runtime configuration (`/config.json`).
//! - [`api`]: talking to backends; every request goes through one fetch helper.
//! - [`components`]: reusable pieces that take typed data and never fetch.
//! - [`pages`]: screens, which fetch through `api` and hand data to `components`.
//! - [`reader_tools`]: summary, listening and text size, computed in the browser.
//! - `early_preview`: taking over from the preview `public/early.js` paints before the app runs.
//! - [`embed`]: the widgets' side of embedding on partner pages (`public/embed.js` is the other).

pub mod api;
mod app;
mod clock;
pub mod components;
pub mod config;
pub mod drafts;
mod early_preview;
pub mod embed;
pub mod fetched;
pub mod head;
pub mod linkify;
mod navigation;
pub mod pages;
pub mod reader_tools;
pub mod router;
// Shared with the reference backend, which draws the article preview into article pages.
pub use broadsheet_model::safety;
pub mod sanitize;
mod storage;

pub use app::App;
pub use broadsheet_model as model;
