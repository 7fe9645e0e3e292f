//! Shown instead of the app when the deployment's configuration is missing or wrong.

use leptos::prelude::*;

use crate::config::ConfigError;

#[component]
pub fn SetupError(error: ConfigError) -> impl IntoView {
    crate::early_preview::dismiss();
    view! {
        <main id="main" class="setup-error">
            <h1>"Broadsheet is not set up yet"</h1>
            <p role="alert">{error.to_string()}</p>
            <p>"The site’s configuration file needs fixing before articles can be shown. If you run this site, see “Use your own backend” in Broadsheet’s README."</p>
        </main>
    }
}
