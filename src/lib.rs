//! Broadsheet: a news reader that renders an article, its related articles and its comments from
//! any backend.
//!
//! - [`model`]: the JSON contract's types (shared with the reference backend).
//! - [`config`]: the deployment's runtime configuration (`/config.json`).
//! - [`api`]: talking to backends; every request goes through one fetch helper.
//! - [`components`]: reusable pieces that take typed data and never fetch.
//! - `pages`: screens, which fetch through `api` and hand data to `components`.
//! - [`i18n`]: the interface's language: message catalogues, and `Intl` for numbers and dates.
//! - [`reader_tools`]: summary, listening and text size, computed in the browser.
//! - `early_preview`: taking over from the preview `public/early.js` paints before the app runs.
//! - [`embed`]: the widgets' side of embedding on partner pages (`public/embed.js` is the other).
//!
//! Only what a reader outside the crate needs is public, so that the compiler reports dead code:
//! the modules below marked `pub` for the integration tests in `tests/` (native and browser), and,
//! with the `fuzzing` feature (which the crate in `fuzz/` enables), what only the fuzz targets
//! use. Everything else is crate-private.

// Public for tests/config_schema.rs (`native::Paths`, `wordpress::Paths`) and the fuzz targets.
pub mod api;
mod app;
mod clock;
// Public for the browser tests (tests/browser.rs, tests/browser_comments.rs).
pub mod components;
// Public for tests/config_schema.rs, the browser tests and the fuzz targets.
pub mod config;
mod drafts;
mod early_preview;
// Public for the browser tests (the partner link and its messages).
pub mod embed;
// Public for the browser tests.
pub mod fetched;
// Public for the browser tests.
pub mod head;
// Public for the browser tests and tests/catalogues.rs.
pub mod i18n;
// Public only for the fuzz targets (`fuzzing`).
#[cfg(feature = "fuzzing")]
pub mod linkify;
#[cfg(not(feature = "fuzzing"))]
mod linkify;
mod navigation;
mod paged;
mod pages;
mod parts;
// Public for the browser tests (`ReaderToolbar`, `ReaderTools`, `passages`).
pub mod reader_tools;
mod router;
// Public for the browser tests (`sanitize::dom`) and the fuzz targets (`sanitize::parsed` under
// `native-html`, and the sanitiser's output types).
pub mod sanitize;
mod storage;

pub use app::App;
// The contract's types, for the tests and the fuzz targets.
pub use broadsheet_model as model;
// Which URLs may be followed (shared with the reference backend), for the fuzz targets.
#[cfg(feature = "fuzzing")]
pub use broadsheet_model::safety;
#[cfg(not(feature = "fuzzing"))]
use broadsheet_model::safety;
