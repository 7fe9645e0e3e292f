//! The article page at `/articles/:id`.

use leptos::prelude::*;

use crate::api::{yield_to_browser, ApiError, Client};
use crate::components::{
    painted, shown_blocks, ArticleBody, Figure, LoadFailed, RelativeTime, ShareButton, ShownBody,
    Skeleton, MAX_BODY_CHARS,
};
use crate::config::Config;
use crate::early_preview;
use crate::fetched::Fetched;
use crate::head::{JsonLd, Link, Meta, Title};
use crate::i18n::{use_i18n, I18n};
use crate::model::header::{Header, Part, PartKind, Piece, Words, SEPARATOR};
use crate::model::meta::{self, ArticleMeta};
use crate::model::{Article, Block};
use crate::navigation;
use crate::pages::{comments, comments_stand_in, NotFound, RelatedSection};
use crate::parts::{fetch_when_idle, part, show_part, Pending};
use crate::reader_tools::{self, ReaderToolbar, ReaderTools, ToolsPromo};
use crate::router::{use_location, Route};
use crate::safety::safe_url;

#[component]
pub fn ArticlePage() -> impl IntoView {
    let client = expect_context::<Client>();
    let show_related = expect_context::<Config>().features.related;
    let route = use_location().route();
    // While the reader leaves for another page this one is still here for a moment: it keeps
    // its article rather than asking for another.
    let id = Memo::new(move |previous: Option<&String>| {
        route.with(|route| match route {
            Route::Article(id) => id.clone(),
            _ => previous.cloned().unwrap_or_default(),
        })
    });
    let cache = client.clone();
    // The article the latest answer is for: a failure must not stand in for the next article.
    let answered = StoredValue::new(String::new());
    let article = Fetched::new(move || {
        let client = client.clone();
        let id = id.get();
        // Read (the answer is often here already) and drawn in tasks of their own, not in the
        // one that built the page around them: start-up is then several short tasks.
        async move {
            yield_to_browser().await;
            let answer = client.article(&id).await;
            yield_to_browser().await;
            answered.set_value(id);
            answer
        }
    });
    // What to show for the current id. The resource answers a tick after the id changes (and
    // keeps the previous answer until then), so an article already in the cache (prefetched, or
    // seen before) is taken from it directly: the new headline is drawn in the same turn as the
    // navigation, never after a skeleton. When the resource then answers with the same article
    // the memo does not change, so nothing is drawn twice. While another article loads, the
    // previous one must not stand in for it.
    let current = Memo::new(move |_| {
        let id = id.get();
        article.with(|result| match result {
            Some(Ok(a)) if a.id == id => Some(Ok(a.clone())),
            _ => match cache.cached_article(&id) {
                Some(cached) => Some(Ok(cached)),
                None => match result {
                    Some(Err(error)) if answered.with_value(|answered| *answered == id) => {
                        Some(Err(error.clone()))
                    }
                    _ => None,
                },
            },
        })
    });
    // The state only needs a look at the result, not a copy of the whole article.
    let state = Memo::new(move |_| {
        current.with(|result| match result {
            Some(Ok(_)) => "ready",
            Some(Err(_)) => "error",
            None => "loading",
        })
    });
    navigation::arrive_when_settled(state.into());
    let moves = navigation::use_navigation();
    let not_found =
        Memo::new(move |_| current.with(|result| matches!(result, Some(Err(ApiError::NotFound)))));
    // The preview painted before the app ran stays until this page has something to show; effects
    // run after the page is drawn and before it is painted, so the swap is never seen.
    Effect::new(move |_| {
        if state.get() != "loading" {
            early_preview::dismiss();
        }
    });
    on_cleanup(early_preview::dismiss);

    view! {
        <div class="article-page" data-state=state aria-busy=move || (state.get() == "loading").then_some("true")>
            {move || match current.get() {
                None => view! { <Skeleton heading=true lines=8/> }.into_any(),
                Some(Ok(article)) => view! { <ArticleView article/> }.into_any(),
                Some(Err(ApiError::NotFound)) => {
                    view! {
                        <NotFound
                            message="not_found.article"
                            on_retry=move |_| article.refetch()
                        />
                    }
                    .into_any()
                }
                Some(Err(error)) => {
                    let unavailable = use_i18n().t("article.unavailable");
                    view! {
                        <Title text=unavailable.clone()/>
                        <h1>{unavailable}</h1>
                        <LoadFailed message=error.message_key() on_retry=move || article.refetch()/>
                    }
                    .into_any()
                }
            }}
        </div>
        // Related coverage loads on its own: a failing article or comments request never hides it.
        {move || {
            (show_related && !not_found.get())
                .then(|| view! { <RelatedSection article_id=id.get() after_paint=moves.is_navigation()/> })
        }}
    }
}

/// How many body blocks are drawn with the article page; the rest follow just after its first
/// paint. More than a phone's first screen shows under the headline and lead image.
const FIRST_SCREEN_BLOCKS: usize = 6;

#[component]
fn ArticleView(mut article: Article) -> impl IntoView {
    let show_comments = expect_context::<Config>().features.comments;
    let Header { language, direction, parts } = Header::of(&article);
    let reading_minutes = article.reading_minutes();
    let comments_enabled = article.comments_enabled();
    let promo_enabled = expect_context::<Config>().features.promo;
    let body = std::mem::take(&mut article.body);
    let head = article_head(&article, &body);
    let ShownBody { blocks: body, truncated } = shown_blocks(body, MAX_BODY_CHARS);
    let tools = {
        let body = body.clone();
        ReaderTools::new(move || reader_tools::passages(&body, crate::sanitize::dom::sanitize_html))
    };
    let spoken_language = language.clone().unwrap_or_else(document_language);
    let canonical = article.url.as_deref().and_then(|url| safe_url(url, false)).map(str::to_owned);
    let withheld = body.is_empty() && canonical.is_some();
    let i18n = use_i18n();
    view! {
        <Title text=article.title.clone()/>
        {head}
        <article class="article" lang=language dir=direction style:--text-scale=tools.text_scale()>
            <header class="article-header">
                {parts.into_iter().map(|part| header_part(i18n, part)).collect_view()}
                <ShareButton title=article.title/>
                <ReaderToolbar tools language=spoken_language/>
            </header>
            {article.image.map(|image| view! { <Figure image lead=true/> })}
            <ArticleBody blocks=body node_ref=tools.body first_screen=FIRST_SCREEN_BLOCKS/>
            // Cut here, or withheld (a backend that gives no body, such as a protected post's):
            // the rest is at its source.
            {(truncated || withheld).then(|| view! {
                <p class="truncated" role="note" lang=i18n.lang() dir=i18n.dir()>
                    {i18n.t(if truncated { "article.truncated" } else { "article.withheld" })}
                    {canonical.clone().map(|url| view! {
                        " "<a href=url rel="noopener noreferrer">{i18n.t("article.read_at_source")}</a>
                    })}
                </p>
            })}
        </article>
        {promo_enabled.then(|| view! { <ToolsPromo tools reading_minutes/> })}
        {show_comments.then(|| comments_after_paint(article.id.clone(), comments_enabled))}
    }
}

/// The head of the article's page, as the backend draws it into the pages it sends
/// (`model::meta`): description, canonical link, Open Graph and Twitter tags, and JSON-LD. After
/// in-app navigation the head describes the article shown, as a page loaded afresh would. A part
/// of its own (see [`crate::parts`]): the page the server sent already has its head, so only a
/// move to another article needs it, by when the browser has fetched it while idle.
fn article_head(article: &Article, body: &[Block]) -> impl IntoView {
    let Config { site_name, logo_url, .. } = expect_context::<Config>();
    let origin = web_sys::window().and_then(|window| window.location().origin().ok());
    let path =
        crate::router::href(&format!("/articles/{}", crate::api::encode_segment(&article.id)));
    let page_url = format!("{}{path}", origin.unwrap_or_default());
    // All the head reads of a body is its first paragraph with words (a description where the
    // article has no summary): no copy of a body that can be megabytes long.
    let first_paragraph = body
        .iter()
        .find(|block| matches!(block, Block::Paragraph { text } if !text.trim().is_empty()));
    let article =
        Article { body: first_paragraph.cloned().into_iter().collect(), ..article.clone() };
    fetch_when_idle(article_head_code);
    let draw = move || {
        article_head_part(article.clone(), page_url.clone(), site_name.clone(), logo_url.clone())
    };
    // Nothing stands in: until then the head says what it said.
    show_part(article_head_code, draw, |_| ().into_any())
}

part! {
    /// The tags of [`article_head`].
    fn article_head_part(
        article: Article,
        page_url: String,
        site_name: String,
        logo_url: Option<String>,
    ) -> AnyView,
    fetched by article_head_code {
        let site = meta::Site { name: &site_name, logo_url: logo_url.as_deref(), page_url: &page_url };
        let ArticleMeta { tags, canonical, json_ld, .. } = ArticleMeta::of(&article, site);
        view! {
            {tags
                .into_iter()
                .map(|tag| view! { <Meta attribute=tag.attribute.as_str() name=tag.key content=tag.content/> })
                .collect_view()}
            <Link rel="canonical" href=canonical/>
            <JsonLd json=json_ld/>
        }
        .into_any()
    }
}

/// The comments section, drawn once the article has painted: building it, its form and its
/// request (and fetching its code) would otherwise hold that paint up, and make the page's
/// longest task longer. Until then its stand-in shows the loading state.
fn comments_after_paint(article_id: String, enabled: bool) -> impl IntoView {
    let painted = painted(true);
    move || {
        if painted.get() {
            comments(article_id.clone(), enabled).into_any()
        } else {
            comments_stand_in(Pending::Loading)
        }
    }
}

/// One part of the article header, as `model::header` describes it (the backend's preview and
/// `public/early.js` draw the same).
fn header_part(i18n: I18n, part: Part) -> impl IntoView {
    // A list of names (the byline) joined as the language joins these very names, where the
    // browser can say: Spanish "Ana e Inés", not the catalogue's "y".
    let listed = part.pieces.contains(&Piece::Words(Words::And));
    let names: Vec<&str> = part
        .pieces
        .iter()
        .filter_map(|piece| match piece {
            Piece::Name { text, .. } if listed => Some(text.as_str()),
            _ => None,
        })
        .collect();
    let mut separators = i18n.list_separators(&names).unwrap_or_default().into_iter();
    let pieces = part
        .pieces
        .into_iter()
        .map(|piece| match piece {
            Piece::Words(Words::Comma | Words::And) => match separators.next() {
                Some(words) => words.into_any(),
                None => header_piece(i18n, piece).into_any(),
            },
            piece => header_piece(i18n, piece).into_any(),
        })
        .collect_view();
    match part.kind {
        PartKind::Headline => view! { <h1 dir="auto">{pieces}</h1> }.into_any(),
        kind if kind.in_interface_language() => view! {
            <p class=kind.class() lang=i18n.lang() dir=i18n.dir()>{pieces}</p>
        }
        .into_any(),
        kind => view! {
            <p class=kind.class() dir=kind.own_direction().then_some("auto")>{pieces}</p>
        }
        .into_any(),
    }
}

fn header_piece(i18n: I18n, piece: Piece) -> impl IntoView {
    match piece {
        Piece::Text(text) => text.into_any(),
        Piece::Words(words) => header_words(i18n, words).into_any(),
        Piece::Name { text, href: Some(href) } => {
            view! { <a href=href rel="noopener noreferrer" dir="auto">{text}</a> }.into_any()
        }
        Piece::Name { text, href: None } => view! { <span dir="auto">{text}</span> }.into_any(),
        Piece::Separator => view! { <span aria-hidden="true">{SEPARATOR}</span> }.into_any(),
        Piece::Time { datetime, .. } => view! { <RelativeTime timestamp=datetime/> }.into_any(),
    }
}

/// The header's own words in the interface's language.
fn header_words(i18n: I18n, words: Words) -> String {
    match words.message() {
        (key, None) => i18n.t(key),
        (key, Some(count)) => i18n.t_count(key, count.into(), &[]),
    }
}

/// The page's language (`<html lang>`), for articles that do not give theirs.
fn document_language() -> String {
    web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element())
        .and_then(|root| root.get_attribute("lang"))
        .unwrap_or_else(|| "en".to_owned())
}
