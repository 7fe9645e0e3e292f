//! The reader app: loads the runtime configuration, then shows either the full reader (header,
//! routes, footer) or, under `/embed/`, one widget for a partner's page with no chrome at all.

use leptos::prelude::*;
use send_wrapper::SendWrapper;

use crate::api::{http_get_text, read_config, yield_to_browser, Client, Limit};
use crate::clock::provide_clock;
use crate::components::LoadFailed;
use crate::config::{locale_hint, AppLink, Config, ConfigError, CONFIG_PATH};
use crate::embed::{self, Framing};
use crate::fetched::Fetched;
use crate::head::{Meta, Title};
use crate::i18n::{provide_i18n, use_i18n, I18n};
use crate::pages::{
    comments_code, front_page, front_page_code, ArticlePage, EmbedCard, EmbedComments,
    EmbedRelated, NotFound, SetupError,
};
use crate::parts::{fetch_when_idle, part, show_part, Pending, PART_UNAVAILABLE};
use crate::router::{self, Route, Widget};

#[component]
pub fn App() -> impl IntoView {
    provide_clock();
    let path = web_sys::window().and_then(|window| window.location().pathname().ok());
    let embed = path
        .as_deref()
        .and_then(router::app_path)
        .is_some_and(embed::is_embed_path)
        .then(embed::Address::current);
    if let Some(address) = &embed {
        // In the partner's theme from the first frame, before the configuration arrives.
        embed::show_theme(address.theme);
        // The widget's code and, for the comments widget, the comments' code, side by side.
        leptos::task::spawn_local(async {
            let _ = widget_code().await;
        });
        let widget = path.as_deref().and_then(router::app_path).and_then(router::widget_route);
        if matches!(widget, Some((Widget::Comments, _))) {
            leptos::task::spawn_local(async {
                let _ = comments_code().await;
            });
        }
    }
    // A widget's `data-lang` is over the site's language.
    let lang = embed.as_ref().and_then(|address| address.lang.clone());
    let loaded = Fetched::new(move || load_site(lang.clone()));
    move || match (loaded.get(), embed.clone()) {
        (None, _) => booting().into_any(),
        (Some(Err(Unset { error, i18n })), _) => {
            provide_i18n(i18n);
            view! { <SetupError error/> }.into_any()
        }
        (Some(Ok(site)), Some(address)) => {
            let Site { config, client, i18n } = site;
            provide_i18n(i18n);
            widget(config, client, address).into_any()
        }
        (Some(Ok(site)), None) => {
            let Site { config, client, i18n } = site;
            provide_i18n(i18n);
            view! { <Shell config client/> }.into_any()
        }
    }
}

/// What the page says while the app starts (before the site's language is known).
fn booting() -> impl IntoView {
    view! { <p class="booting" role="status">{use_i18n().t("app.loading")}</p> }
}

/// What the app needs before it draws anything: the configuration, a client of the backend it
/// names, and the interface's language.
#[derive(Clone)]
struct Site {
    config: Config,
    client: Client,
    i18n: I18n,
}

/// Why the site cannot be shown, and the language the set-up page says so in.
#[derive(Clone)]
struct Unset {
    error: ConfigError,
    i18n: I18n,
}

/// The site, with the interface in `lang` if given, else in the site's language.
async fn load_site(lang: Option<String>) -> Result<Site, Unset> {
    let text = http_get_text(&router::href(CONFIG_PATH), Limit::Small).await;
    let loaded = match &text {
        Ok(text) => {
            // The answer is often here already (early.js asked for it): the shell is then built
            // in a task of its own rather than in the one that started the app (short tasks keep
            // the page responsive while it starts).
            yield_to_browser().await;
            read_config(text)
        }
        Err(error) => Err(ConfigError {
            key: None,
            problem: format!("could not be loaded ({}).", I18n::english().t(error.message_key())),
        }),
    };
    match loaded {
        Ok((config, backend)) => {
            let client = Client::new(&config, backend);
            let i18n = interface(lang.unwrap_or_else(|| config.locale.clone())).await;
            Ok(Site { config, client, i18n })
        }
        Err(error) => {
            // No site's language is known for sure: the widget's, else the one the file names if
            // it can be read that far, else the reader's browser's, else English.
            let text = text.ok();
            let requested = lang
                .or_else(|| text.as_deref().and_then(locale_hint))
                .or_else(|| web_sys::window()?.navigator().language())
                .unwrap_or_default();
            Err(Unset { error, i18n: interface(requested).await })
        }
    }
}

/// The interface in `requested`'s language, the document marked as in it. English is compiled
/// in; another language's catalogue is beside the configuration.
async fn interface(requested: String) -> I18n {
    let catalogue = match I18n::catalogue_path(&requested) {
        Some(path) => http_get_text(&router::href(&path), Limit::Small).await.ok(),
        None => None,
    };
    let i18n = I18n::from_catalogue(&requested, catalogue.as_deref());
    i18n.apply_to_document();
    i18n
}

#[component]
fn Shell(config: Config, client: Client) -> impl IntoView {
    let location = router::start();
    // The parts a reader may go to next, so that going there does not wait on the network (the
    // comments only on a site that shows them).
    if config.features.comments {
        fetch_when_idle(comments_code);
    }
    fetch_when_idle(front_page_code);
    provide_context(client);
    provide_context(config.clone());
    let Config { site_name, logo_url, app_links, .. } = config;
    let i18n = use_i18n();
    let main = NodeRef::<leptos::html::Main>::new();
    // Focus moves with the skip link only if its target can take it: move it ourselves.
    let skip_to_content = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if let Some(main) = main.get() {
            let _ = main.focus();
        }
    };
    // Only which page shows is switched here: following a link from one article to another
    // keeps the article page, which follows the id (and draws a prefetched article at once).
    let route = location.route();
    let page = Memo::new(move |_| {
        route.with(|route| match route {
            Route::Home => Page::Home,
            Route::Article(_) => Page::Article,
            Route::NotFound => Page::NotFound,
        })
    });
    view! {
        <a class="skip-link" href="#main" on:click=skip_to_content>{i18n.t("app.skip_to_content")}</a>
        <header class="site-header">
            <a class="site-name" href=router::href("/")>
                {logo_url.map(|src| view! { <img class="logo" src=src alt="" height="32"/> })}
                {site_name}
            </a>
        </header>
        <main id="main" tabindex="-1" node_ref=main>
            {move || match page.get() {
                Page::Home => front_page().into_any(),
                Page::Article => view! { <ArticlePage/> }.into_any(),
                Page::NotFound => {
                    // Nothing to load: the page has arrived as it is drawn.
                    crate::navigation::arrive_when_settled(Signal::derive(|| "error"));
                    view! { <NotFound/> }.into_any()
                }
            }}
        </main>
        <footer class="site-footer">
            <AppLinks links=app_links/>
        </footer>
    }
}

/// Which page component the full reader shows.
#[derive(Clone, Copy, PartialEq)]
enum Page {
    Home,
    Article,
    NotFound,
}

part! {
    /// A widget on a partner's page, a part of its own: readers of the full site never fetch it.
    fn widget_part(config: Config, client: Client, address: embed::Address) -> AnyView,
    fetched by widget_code {
        view! { <EmbedShell config client address/> }.into_any()
    }
}

/// One widget for a partner's page; its code is fetched at once (see [`crate::parts`]). Until it
/// is there the page shows what it showed while the configuration loaded.
fn widget(config: Config, client: Client, address: embed::Address) -> impl IntoView {
    let draw = move || widget_part(config.clone(), client.clone(), address.clone());
    show_part(widget_code, draw, |pending| match pending {
        Pending::Loading => booting().into_any(),
        Pending::Failed(retry) => view! {
            <main class="embed">
                <section class="embed-failed" data-state="error">
                    <LoadFailed message=PART_UNAVAILABLE on_retry=move || retry.run(())/>
                </section>
            </main>
        }
        .into_any(),
    })
}

/// How long a widget whose framer the browser cannot name waits for the partner's answer.
const PARTNER_ANSWER_TIME: std::time::Duration = std::time::Duration::from_secs(5);

/// One widget on a partner's page: no header, footer or skip link, links that open outside the
/// iframe, and (for an allowed partner) its height reported and its theme followed. A partner that
/// is not allowed gets a refusal instead (the backend's `frame-ancestors` should already have
/// kept the page out of its iframe).
#[component]
fn EmbedShell(config: Config, client: Client, address: embed::Address) -> impl IntoView {
    let framing = embed::current_framing(&address, &config.embed_origins);
    // Where the browser cannot say who frames the widget, it waits for the named partner to
    // answer (`Framing::Unverified`), and gives up after a while.
    let mut heard = None;
    if let Framing::Partner(partner) | Framing::Unverified(partner) = &framing {
        let link = embed::PartnerLink::connect(partner.clone(), address.widget);
        heard = link.as_ref().map(|link| link.heard);
        let link = SendWrapper::new(link);
        on_cleanup(move || drop(link));
    }
    let unverified = matches!(framing, Framing::Unverified(_));
    let gave_up = RwSignal::new(false);
    if unverified {
        set_timeout(move || gave_up.set(true), PARTNER_ANSWER_TIME);
    }
    provide_context(client);
    provide_context(config.embed_link_target);
    let site_name = config.site_name.clone();
    provide_context(config);
    let i18n = use_i18n();
    let refusal = move || {
        view! {
            <Title text=site_name.clone()/>
            <section class="embed-refused" data-state="error">
                <p role="alert">{i18n.t_with("embed.refused", &[("site", &site_name)])}</p>
            </section>
        }
    };
    let widget = move || {
        let path = web_sys::window()
            .and_then(|window| window.location().pathname().ok())
            .unwrap_or_default();
        match router::app_path(&path).and_then(router::widget_route) {
            Some((Widget::Card, id)) => view! { <EmbedCard id/> }.into_any(),
            Some((Widget::Related, id)) => view! { <EmbedRelated id/> }.into_any(),
            Some((Widget::Comments, id)) => view! { <EmbedComments id/> }.into_any(),
            None => view! {
                <section class="embed-missing" data-state="error">
                    <p role="alert">{use_i18n().t("embed.no_such_widget")}</p>
                </section>
            }
            .into_any(),
        }
    };
    // Only an unverified widget's content waits on signals: the others are drawn once.
    let content = move || match &framing {
        Framing::Refused => refusal().into_any(),
        Framing::Unverified(_) => {
            if heard.is_some_and(|heard| heard.get()) {
                widget()
            } else if gave_up.get() {
                refusal().into_any()
            } else {
                ().into_any()
            }
        }
        Framing::Alone | Framing::Partner(_) => widget(),
    };
    view! {
        // Also where the host sends no `X-Robots-Tag`: a widget is not a page for search results.
        <Meta name="robots" content="noindex".to_owned()/>
        <main class="embed">{content}</main>
    }
}

/// "Get started now: download the app", with the configured store links; nothing without any.
#[component]
fn AppLinks(links: Vec<AppLink>) -> impl IntoView {
    let i18n = use_i18n();
    (!links.is_empty()).then(|| {
        view! {
            <section class="app-promo" aria-labelledby="app-promo-heading">
                <h2 id="app-promo-heading">{i18n.t("footer.app_promo")}</h2>
                <ul>
                    {links
                        .into_iter()
                        .map(|link| view! { <li><a class="store-badge" href=link.url rel="noopener noreferrer">{i18n.t(link.label)}</a></li> })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}
