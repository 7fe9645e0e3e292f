//! The front page at `/`: the feed's articles, newest first.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::Client;
use crate::components::{LoadFailed, RelativeTime, Skeleton};
use crate::config::Config;
use crate::model::ArticleSummary;

#[component]
pub fn HomePage() -> impl IntoView {
    let client = expect_context::<Client>();
    let site_name = expect_context::<Config>().site_name;
    let feed = LocalResource::new(move || {
        let client = client.clone();
        async move { client.feed(None).await }
    });
    let state = move || match feed.get() {
        None => "loading",
        Some(Ok(page)) if page.items.is_empty() => "empty",
        Some(Ok(_)) => "ready",
        Some(Err(_)) => "error",
    };

    view! {
        <Title text=site_name/>
        <section class="feed" aria-labelledby="feed-heading" data-state=state aria-busy=move || (state() == "loading").then_some("true")>
            <h1 id="feed-heading">"Latest news"</h1>
            {move || match feed.get() {
                None => view! { <Skeleton lines=6/> }.into_any(),
                Some(Err(error)) => view! { <LoadFailed message=error.reader_message() on_retry=move || feed.refetch()/> }.into_any(),
                Some(Ok(page)) if page.items.is_empty() => view! { <p class="empty">"No articles yet."</p> }.into_any(),
                Some(Ok(page)) => view! {
                    <ul class="cards">
                        {page.items.into_iter().map(|summary| view! { <li><FeedCard summary/></li> }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn FeedCard(summary: ArticleSummary) -> impl IntoView {
    let href = format!("/articles/{}", crate::api::encode_segment(&summary.id));
    view! {
        <article class="card">
            <h2 class="card-title" dir="auto"><a href=href>{summary.title}</a></h2>
            <p class="meta">
                {summary.source.map(|source| view! { <span dir="auto">{source.name}</span>" · " })}
                <RelativeTime timestamp=summary.published_at/>
            </p>
            {summary.excerpt.map(|excerpt| view! { <p class="excerpt" dir="auto">{excerpt}</p> })}
        </article>
    }
}
