//! The front page at `/`: the feed's articles, newest first, a page at a time.

use leptos::prelude::*;

use crate::api::Client;
use crate::components::{ArticleCard, LoadFailed, Skeleton};
use crate::config::Config;
use crate::head::Title;
use crate::i18n::{use_i18n, I18n};
use crate::model::ArticleSummary;
use crate::navigation;
use crate::paged::{Answer, Busy, Paged, PagedList, Ticket};
use crate::parts::{part, show_part, Pending};
use crate::router::use_location;

/// The front page's list and what a reader can do to it; the view only reads it.
#[derive(Clone, Copy)]
struct Feed {
    client: StoredValue<Client>,
    list: PagedList<ArticleSummary>,
    /// The section the list is of (`None`: every section).
    section: StoredValue<Option<String>>,
    announcement: RwSignal<String>,
    i18n: I18n,
}

impl Feed {
    fn new(client: Client, i18n: I18n) -> Self {
        Feed {
            client: StoredValue::new(client),
            list: PagedList::new(),
            section: StoredValue::new(None),
            announcement: RwSignal::new(String::new()),
            i18n,
        }
    }

    /// Starts again with the first page of `section`; pages still on their way for the section
    /// before are dropped when they arrive.
    fn change_section(self, section: Option<String>) {
        self.section.set_value(section);
        self.load();
    }

    /// The first page of the current section.
    fn load(self) {
        if let Some(ticket) = self.list.reset() {
            self.fetch(ticket, None);
        }
    }

    /// The first page again, after it failed.
    fn retry(self) {
        self.load();
    }

    /// The next page, unless there is none or one is on its way.
    fn load_more(self) {
        if let Some((ticket, cursor)) = self.list.begin_more() {
            self.fetch(ticket, Some(cursor));
        }
    }

    fn fetch(self, ticket: Ticket, cursor: Option<String>) {
        let (client, section) = (self.client.get_value(), self.section.get_value());
        leptos::task::spawn_local(async move {
            let answer = client.feed(cursor, section).await;
            if let Answer::More { added, first_new } = self.list.receive(ticket, answer) {
                self.announcement.try_set(self.i18n.t_count(
                    "front.more_loaded",
                    added as i64,
                    &[],
                ));
                if added > 0 {
                    request_animation_frame(move || focus_card(first_new));
                }
            }
        });
    }
}

/// What the page shows in place of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    Loading,
    Failed(&'static str),
    Empty,
    List,
}

impl Shown {
    fn of(feed: &Paged<ArticleSummary>) -> Shown {
        match feed.first() {
            // Another section, or a Retry, shows the placeholder until its first page answers.
            _ if feed.busy() == Busy::First => Shown::Loading,
            None => Shown::Loading,
            Some(Err(error)) => Shown::Failed(error.message_key()),
            Some(Ok(())) if feed.items().is_empty() => Shown::Empty,
            Some(Ok(())) => Shown::List,
        }
    }

    fn state(self) -> &'static str {
        match self {
            Shown::Loading => "loading",
            Shown::Failed(_) => "error",
            Shown::Empty => "empty",
            Shown::List => "ready",
        }
    }
}

/// The Load more button: whether a page is on its way, and why the last one failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct More {
    busy: bool,
    failed: Option<&'static str>,
}

impl More {
    fn of(feed: &Paged<ArticleSummary>) -> Option<More> {
        feed.has_more().then(|| More {
            busy: feed.busy() == Busy::More,
            failed: feed.more_error().map(|error| error.message_key()),
        })
    }
}

part! {
    /// The front page, a part of its own: a reader who comes to an article fetches it only when
    /// the browser is idle, or when going there.
    pub(crate) fn front_page_part() -> AnyView, fetched by front_page_code {
        view! { <HomePage/> }.into_any()
    }
}

/// The front page; its code is fetched when first needed (see [`crate::parts`]).
pub fn front_page() -> impl IntoView {
    show_part(front_page_code, front_page_part, front_page_stand_in)
}

/// What stands in for the front page until it is drawn: the same section, heading and
/// `data-state`.
fn front_page_stand_in(pending: Pending) -> AnyView {
    let Config { site_name, .. } = expect_context::<Config>();
    let (state, body) = pending.state_and_content(6);
    navigation::arrive_when_settled(Signal::stored(state));
    view! {
        <Title text=site_name/>
        <section class="feed" aria-labelledby="feed-heading" data-state=state aria-busy=(state == "loading").then_some("true")>
            <h1 id="feed-heading">{use_i18n().t("front.heading")}</h1>
            {body}
        </section>
    }
    .into_any()
}

#[component]
fn HomePage() -> impl IntoView {
    let client = expect_context::<Client>();
    let Config { site_name, sections, .. } = expect_context::<Config>();
    let section = use_location().query("section");
    let i18n = use_i18n();
    let feed = Feed::new(client, i18n);
    // The first page, again whenever the reader picks another section. Only a different section
    // starts again, so a page is never loaded, and appended, twice.
    Effect::new(move |loaded: Option<Option<String>>| {
        let current = section.get();
        if loaded.as_ref() != Some(&current) {
            feed.change_section(current.clone());
        }
        current
    });

    let shown = Memo::new(move |_| feed.list.with(Shown::of));
    let more = Memo::new(move |_| feed.list.with(More::of));
    let has_more = Memo::new(move |_| more.read().is_some());
    let busy = move || more.get().is_some_and(|more| more.busy);
    let state = move || shown.get().state();
    navigation::arrive_when_settled(Signal::derive(state));
    view! {
        <Title text=site_name/>
        <section class="feed" aria-labelledby="feed-heading" data-state=state aria-busy=move || (state() == "loading").then_some("true")>
            <h1 id="feed-heading">{i18n.t("front.heading")}</h1>
            <SectionNav sections current=section/>
            {move || match shown.get() {
                Shown::Loading => view! { <Skeleton lines=6/> }.into_any(),
                Shown::Failed(message) => view! { <LoadFailed message on_retry=move || feed.retry()/> }.into_any(),
                Shown::Empty => view! { <p class="empty">{i18n.t("front.empty")}</p> }.into_any(),
                Shown::List => view! { <FeedList feed=feed.list/> }.into_any(),
            }}
            {move || more.get().and_then(|more| more.failed).map(|message| view! { <p class="load-failed" role="alert">{i18n.t(message)}</p> })}
            // Drawn once for as long as there are more pages, so a keyboard reader who pressed it
            // keeps their place; not `disabled` while busy, which would drop their focus too.
            {move || has_more.get().then(|| view! {
                <button
                    type="button"
                    class="load-more"
                    aria-disabled=move || busy().then_some("true")
                    aria-busy=move || busy().then_some("true")
                    on:click=move |_| feed.load_more()
                >
                    {move || i18n.t(if busy() { "front.loading_more" } else { "front.load_more" })}
                </button>
            })}
            <p class="visually-hidden" role="status">{feed.announcement}</p>
        </section>
    }
}

/// Links that filter the feed by section, when the deployment lists its sections.
#[component]
fn SectionNav(sections: Vec<String>, current: Memo<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    (!sections.is_empty()).then(|| {
        let link = move |label: String, value: Option<String>| {
            let href = crate::router::href(&match &value {
                Some(section) => format!("/?section={}", crate::api::encode_segment(section)),
                None => "/".to_owned(),
            });
            let is_current = move || (current.get() == value).then_some("page");
            view! { <li><a href=href aria-current=is_current>{label}</a></li> }
        };
        view! {
            <nav class="sections" aria-label=i18n.t("front.sections")>
                <ul>
                    {link(i18n.t("front.all_sections"), None)}
                    {sections.into_iter().map(|s| link(s.clone(), Some(s))).collect_view()}
                </ul>
            </nav>
        }
    })
}

#[component]
fn FeedList(feed: PagedList<ArticleSummary>) -> impl IntoView {
    let client = expect_context::<Client>();
    let prefetch = Callback::new(move |id: String| client.prefetch(&id));
    view! {
        <ul class="cards">
            <For each=move || feed.with_items(<[ArticleSummary]>::to_vec) key=|summary| summary.id.clone() let:summary>
                <li><ArticleCard summary on_intent=prefetch/></li>
            </For>
        </ul>
    }
}

/// Moves focus to the headline link of the card at `index`, the first of a newly loaded page.
fn focus_card(index: usize) {
    let selector = format!(".feed .cards > li:nth-child({}) .card-title a", index + 1);
    let link = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(&selector).ok().flatten())
        .and_then(|element| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element).ok());
    if let Some(link) = link {
        let _ = link.focus();
    }
}
