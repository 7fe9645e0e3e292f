//! The front page at `/`: the feed's articles, newest first, a page at a time.

use leptos::prelude::*;

use crate::api::{ApiError, Client};
use crate::components::{ArticleCard, LoadFailed, Skeleton};
use crate::config::Config;
use crate::head::Title;
use crate::model::{add_new_stories, ArticleSummary};
use crate::navigation;
use crate::router::use_location;

#[derive(Clone, PartialEq)]
enum Status {
    Loading,
    Ready,
    Failed(ApiError),
    LoadingMore,
    MoreFailed(ApiError),
}

#[component]
pub fn HomePage() -> impl IntoView {
    let client = expect_context::<Client>();
    let Config { site_name, sections, .. } = expect_context::<Config>();
    let section = use_location().query("section");
    let (items, set_items) = signal(Vec::<ArticleSummary>::new());
    let (next_cursor, set_next_cursor) = signal(None::<String>);
    let (status, set_status) = signal(Status::Loading);
    let (announcement, set_announcement) = signal(String::new());

    let load = move |cursor: Option<String>| {
        let client = client.clone();
        let more = cursor.is_some();
        set_status.set(if more { Status::LoadingMore } else { Status::Loading });
        leptos::task::spawn_local(async move {
            match client.feed(cursor, section.get_untracked()).await {
                Ok(page) => {
                    let first_new = items.with_untracked(Vec::len);
                    set_next_cursor.set(page.next_cursor.filter(|c| !c.is_empty()));
                    let added = set_items
                        .try_update(|items| add_new_stories(items, page.items))
                        .unwrap_or_default();
                    set_status.set(Status::Ready);
                    if more {
                        set_announcement.set(match added {
                            0 => "No more articles.".to_owned(),
                            1 => "1 more article loaded.".to_owned(),
                            n => format!("{n} more articles loaded."),
                        });
                        if added > 0 {
                            request_animation_frame(move || focus_card(first_new));
                        }
                    }
                }
                Err(error) => set_status.set(if more {
                    Status::MoreFailed(error)
                } else {
                    Status::Failed(error)
                }),
            }
        });
    };
    let retry = load.clone();
    let load_more = load.clone();
    // The first page, again whenever the reader picks another section. Only a different section
    // starts again, so a page is never loaded, and appended, twice.
    Effect::new(move |loaded: Option<Option<String>>| {
        let current = section.get();
        if loaded.as_ref() != Some(&current) {
            set_items.set(Vec::new());
            set_next_cursor.set(None);
            load(None);
        }
        current
    });

    let state = move || match status.get() {
        Status::Loading => "loading",
        Status::Failed(_) => "error",
        _ if items.with(Vec::is_empty) => "empty",
        _ => "ready",
    };
    navigation::arrive_when_settled(Signal::derive(state));
    view! {
        <Title text=site_name/>
        <section class="feed" aria-labelledby="feed-heading" data-state=state aria-busy=move || (state() == "loading").then_some("true")>
            <h1 id="feed-heading">"Latest news"</h1>
            <SectionNav sections current=section/>
            {move || match status.get() {
                Status::Loading => view! { <Skeleton lines=6/> }.into_any(),
                Status::Failed(error) => {
                    let retry = retry.clone();
                    view! { <LoadFailed message=error.reader_message() on_retry=move || retry(None)/> }.into_any()
                }
                _ if items.with(Vec::is_empty) => view! { <p class="empty">"No articles yet."</p> }.into_any(),
                _ => view! { <FeedList items/> }.into_any(),
            }}
            {move || {
                let load_more = load_more.clone();
                let more_failed = match status.get() {
                    Status::MoreFailed(error) => Some(error),
                    _ => None,
                };
                let busy = status.get() == Status::LoadingMore;
                next_cursor.get().map(|cursor| view! {
                    {more_failed.map(|error| view! { <p class="load-failed" role="alert">{error.reader_message()}</p> })}
                    // Not `disabled` while busy: that would drop the focus of a keyboard reader
                    // who pressed it, and a failed page leaves them where they can press again.
                    <button
                        type="button"
                        class="load-more"
                        aria-disabled=busy.then_some("true")
                        aria-busy=busy.then_some("true")
                        on:click=move |_| if !busy { load_more(Some(cursor.clone())) }
                    >
                        {if busy { "Loading…" } else { "Load more" }}
                    </button>
                })
            }}
            <p class="visually-hidden" role="status">{announcement}</p>
        </section>
    }
}

/// Links that filter the feed by section, when the deployment lists its sections.
#[component]
fn SectionNav(sections: Vec<String>, current: Memo<Option<String>>) -> impl IntoView {
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
            <nav class="sections" aria-label="Sections">
                <ul>
                    {link("All".to_owned(), None)}
                    {sections.into_iter().map(|s| link(s.clone(), Some(s))).collect_view()}
                </ul>
            </nav>
        }
    })
}

#[component]
fn FeedList(items: ReadSignal<Vec<ArticleSummary>>) -> impl IntoView {
    let client = expect_context::<Client>();
    let prefetch = Callback::new(move |id: String| client.prefetch(&id));
    view! {
        <ul class="cards">
            <For each=move || items.get() key=|summary| summary.id.clone() let:summary>
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
