//! The article page at `/articles/:id`.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::api::{ApiError, Client};
use crate::components::{ArticleBody, Figure, LoadFailed, RelativeTime, Skeleton};
use crate::model::{text_direction, Article};
use crate::pages::NotFound;
use crate::safety::safe_url;

#[component]
pub fn ArticlePage() -> impl IntoView {
    let client = expect_context::<Client>();
    let params = use_params_map();
    let article = LocalResource::new(move || {
        let client = client.clone();
        let id = params.read().get("id").unwrap_or_default();
        async move { client.article(&id).await }
    });
    let state = move || match article.get() {
        None => "loading",
        Some(Ok(_)) => "ready",
        Some(Err(_)) => "error",
    };

    view! {
        <div class="article-page" data-state=state aria-busy=move || (state() == "loading").then_some("true")>
            {move || match article.get() {
                None => view! { <Skeleton heading=true lines=8/> }.into_any(),
                Some(Ok(article)) => view! { <ArticleView article/> }.into_any(),
                Some(Err(ApiError::NotFound)) => {
                    view! { <NotFound message="We couldn’t find that article. It may have been moved or removed."/> }.into_any()
                }
                Some(Err(error)) => view! {
                    <Title text="Article unavailable"/>
                    <h1>"Article unavailable"</h1>
                    <LoadFailed message=error.reader_message() on_retry=move || article.refetch()/>
                }
                .into_any(),
            }}
        </div>
    }
}

#[component]
fn ArticleView(article: Article) -> impl IntoView {
    let language = article.language.clone().filter(|l| !l.trim().is_empty());
    let direction = language.as_deref().map(text_direction);
    let source = article.source.clone().map(|source| {
        let name = source.name;
        match source.url.as_deref().and_then(|url| safe_url(url, false)) {
            Some(url) => {
                view! { <a href=url.to_owned() rel="noopener noreferrer" dir="auto">{name}</a> }
                    .into_any()
            }
            None => view! { <span dir="auto">{name}</span> }.into_any(),
        }
    });
    view! {
        <Title text=article.title.clone()/>
        {article.summary.clone().map(|summary| view! { <Meta name="description" content=summary/> })}
        <article class="article" lang=language dir=direction>
            <header class="article-header">
                <h1 dir="auto">{article.title}</h1>
                {article.summary.map(|summary| view! { <p class="dek" dir="auto">{summary}</p> })}
                <p class="meta">
                    {source.map(|source| view! { {source}" · " })}
                    <RelativeTime timestamp=article.published_at/>
                </p>
            </header>
            {article.image.map(|image| view! { <Figure image/> })}
            <ArticleBody blocks=article.body/>
        </article>
    }
}
