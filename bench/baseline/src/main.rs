//! The benchmark's baseline: what a plain Leptos 0.8 CSR app does for an article page. A router
//! with one route, the article and its related list fetched from the reference backend's native
//! API on the same origin, the text drawn as it comes. Nothing else: no early requests, no
//! preview, no sanitiser, no reader tools.

use gloo_net::http::Request;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::hooks::use_params_map;
use leptos_router::path;
use serde::de::DeserializeOwned;
use serde::Deserialize;

const API: &str = "/api/v1";

#[derive(Clone, Deserialize)]
struct Article {
    title: String,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    authors: Vec<Author>,
    published_at: String,
    #[serde(default)]
    image: Option<Image>,
    #[serde(default)]
    body: Vec<Block>,
}

#[derive(Clone, Deserialize)]
struct Author {
    name: String,
}

#[derive(Clone, Deserialize)]
struct Image {
    url: String,
    #[serde(default)]
    alt: String,
    width: Option<u32>,
    height: Option<u32>,
}

#[derive(Clone, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum Block {
    Paragraph {
        text: String,
    },
    Heading {
        text: String,
    },
    Quote {
        text: String,
    },
    List {
        items: Vec<String>,
    },
    #[serde(other)]
    Other,
}

#[derive(Clone, Deserialize)]
struct Related {
    items: Vec<Summary>,
}

#[derive(Clone, Deserialize)]
struct Summary {
    id: String,
    title: String,
}

async fn get_json<T: DeserializeOwned>(url: String) -> Result<T, String> {
    let response = Request::get(&url).send().await.map_err(|e| e.to_string())?;
    if !response.ok() {
        return Err(format!("{url} answered {}", response.status()));
    }
    response.json().await.map_err(|e| e.to_string())
}

fn main() {
    console_error_panic_hook::set_once();
    mount_to_body(App);
}

#[component]
fn App() -> impl IntoView {
    view! {
        <Router>
            <main>
                <Routes fallback=|| view! { <p>"Page not found."</p> }>
                    <Route path=path!("/articles/:id") view=ArticlePage />
                </Routes>
            </main>
        </Router>
    }
}

#[component]
fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let article =
        LocalResource::new(move || get_json::<Article>(format!("{API}/articles/{}", id())));
    let related =
        LocalResource::new(move || get_json::<Related>(format!("{API}/articles/{}/related", id())));

    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || {
                article
                    .get()
                    .map(|result| match result {
                        Ok(article) => view! { <ArticleView article /> }.into_any(),
                        Err(error) => view! { <p>"Could not load the article: " {error}</p> }.into_any(),
                    })
            }}
        </Suspense>
        <Suspense>
            {move || {
                related
                    .get()
                    .and_then(Result::ok)
                    .map(|related| {
                        view! {
                            <aside>
                                <h2>"Related"</h2>
                                <ul>
                                    {related
                                        .items
                                        .into_iter()
                                        .map(|item| {
                                            view! {
                                                <li>
                                                    <A href=format!("/articles/{}", item.id)>{item.title}</A>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </aside>
                        }
                    })
            }}
        </Suspense>
    }
}

#[component]
fn ArticleView(article: Article) -> impl IntoView {
    let byline = article.authors.iter().map(|a| a.name.as_str()).collect::<Vec<_>>().join(", ");
    let date = article.published_at.get(..10).unwrap_or(&article.published_at).to_owned();
    view! {
        <article>
            <h1>{article.title}</h1>
            {article.summary.map(|summary| view! { <p class="dek">{summary}</p> })}
            <p class="meta">
                {(!byline.is_empty()).then(|| format!("By {byline} · "))}
                <time datetime=article.published_at.clone()>{date}</time>
            </p>
            {article
                .image
                .map(|image| {
                    view! { <img src=image.url alt=image.alt width=image.width height=image.height /> }
                })}
            {article.body.into_iter().map(block).collect_view()}
        </article>
    }
}

fn block(block: Block) -> AnyView {
    match block {
        Block::Paragraph { text } => view! { <p>{text}</p> }.into_any(),
        Block::Heading { text } => view! { <h2>{text}</h2> }.into_any(),
        Block::Quote { text } => view! { <blockquote>{text}</blockquote> }.into_any(),
        Block::List { items } => {
            view! { <ul>{items.into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}</ul> }
                .into_any()
        }
        Block::Other => ().into_any(),
    }
}
