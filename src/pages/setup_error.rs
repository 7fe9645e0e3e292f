//! Shown instead of the app when the deployment's configuration is missing or wrong. Its language
//! is the best guess there is without a configuration (src/app.rs `load_site`): a widget's
//! `data-lang`, the `site.locale` a wrong file still names, the browser's language, English.

use leptos::prelude::*;

use crate::config::ConfigError;
use crate::i18n::use_i18n;

#[component]
pub fn SetupError(error: ConfigError) -> impl IntoView {
    crate::early_preview::dismiss();
    let i18n = use_i18n();
    // The problem itself is for the site's developers, in English like the README it points to.
    view! {
        <main id="main" class="setup-error">
            <h1>{i18n.t("setup.heading")}</h1>
            <p role="alert"><code lang="en" dir="ltr">{error.to_string()}</code></p>
            <p>{i18n.t("setup.explanation")}</p>
        </main>
    }
}
