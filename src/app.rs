//! The full reader app: loads the runtime configuration, then the header, routes and footer.

use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::api::{http_get_text, Client};
use crate::clock::provide_clock;
use crate::config::{Config, ConfigError, CONFIG_PATH};
use crate::pages::{ArticlePage, HomePage, NotFound, SetupError};

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_clock();
    let config = LocalResource::new(load_config);
    move || match config.get() {
        None => view! { <p class="booting" role="status">"Loading…"</p> }.into_any(),
        Some(Err(error)) => view! { <SetupError error/> }.into_any(),
        Some(Ok(config)) => view! { <Shell config/> }.into_any(),
    }
}

async fn load_config() -> Result<Config, ConfigError> {
    let text = http_get_text(CONFIG_PATH)
        .await
        .map_err(|error| ConfigError {
            key: None,
            problem: format!("could not be loaded ({}).", error.reader_message()),
        })?;
    Config::parse(&text)
}

#[component]
fn Shell(config: Config) -> impl IntoView {
    provide_context(Client::new(&config));
    provide_context(config.clone());
    view! {
        <Router>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <header class="site-header">
                <a class="site-name" href="/">{config.site_name}</a>
            </header>
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=HomePage/>
                    <Route path=path!("/articles/:id") view=ArticlePage/>
                </Routes>
            </main>
            <footer class="site-footer">
                <p>"Broadsheet"</p>
            </footer>
        </Router>
    }
}
