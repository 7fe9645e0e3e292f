//! The full reader app: loads the runtime configuration, then the header, routes and footer.

use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::api::{http_get_text, Client};
use crate::clock::provide_clock;
use crate::config::{AppLink, Config, ConfigError, CONFIG_PATH};
use crate::pages::{ArticlePage, HomePage, NotFound, SetupError};

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_clock();
    crate::navigation::track();
    let config = LocalResource::new(load_config);
    move || match config.get() {
        None => view! { <p class="booting" role="status">"Loading…"</p> }.into_any(),
        Some(Err(error)) => view! { <SetupError error/> }.into_any(),
        Some(Ok(config)) => view! { <Shell config/> }.into_any(),
    }
}

async fn load_config() -> Result<Config, ConfigError> {
    let text = http_get_text(CONFIG_PATH).await.map_err(|error| ConfigError {
        key: None,
        problem: format!("could not be loaded ({}).", error.reader_message()),
    })?;
    Config::parse(&text)
}

#[component]
fn Shell(config: Config) -> impl IntoView {
    provide_context(Client::new(&config));
    provide_context(config.clone());
    let Config { site_name, logo_url, app_links, .. } = config;
    let main = NodeRef::<leptos::html::Main>::new();
    // The router would treat "#main" as a navigation: move focus to the content ourselves.
    let skip_to_content = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if let Some(main) = main.get() {
            let _ = main.focus();
        }
    };
    view! {
        <Router>
            <a class="skip-link" href="#main" on:click=skip_to_content>"Skip to content"</a>
            <header class="site-header">
                <a class="site-name" href="/">
                    {logo_url.map(|src| view! { <img class="logo" src=src alt="" height="32"/> })}
                    {site_name}
                </a>
            </header>
            <main id="main" tabindex="-1" node_ref=main>
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=HomePage/>
                    <Route path=path!("/articles/:id") view=ArticlePage/>
                </Routes>
            </main>
            <footer class="site-footer">
                <AppLinks links=app_links/>
            </footer>
        </Router>
    }
}

/// "Get started now: download the app", with the configured store links; nothing without any.
#[component]
fn AppLinks(links: Vec<AppLink>) -> impl IntoView {
    (!links.is_empty()).then(|| {
        view! {
            <section class="app-promo" aria-labelledby="app-promo-heading">
                <h2 id="app-promo-heading">"Get started now: download the app"</h2>
                <ul>
                    {links
                        .into_iter()
                        .map(|link| view! { <li><a class="store-badge" href=link.url rel="noopener noreferrer">{link.label}</a></li> })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}
