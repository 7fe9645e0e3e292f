//! The widgets partners embed (`/embed/articles/:id/card|related|comments`): the article card,
//! the related list and the comments section of the full page, each alone on a chrome-less page.
//! Each widget's outermost section carries `data-state`, as every section does.

use leptos::prelude::*;

use crate::api::{ApiError, Client};
use crate::components::{ArticleCard, LoadFailed, Skeleton};
use crate::fetched::Fetched;
use crate::head::Title;
use crate::i18n::use_i18n;
use crate::model::Article;
use crate::pages::{comments, RelatedSection};

/// The article card, linking to the full article.
#[component]
pub fn EmbedCard(id: String) -> impl IntoView {
    const CARD: StandIn = StandIn { class: "embed-card", name: "embed.article", heading: false };
    with_article(id, CARD, |article| {
        let summary = article.to_summary(article.comments.as_ref().and_then(|c| c.count));
        view! {
            <Title text=article.title/>
            <section class=CARD.class aria-label=use_i18n().t(CARD.name) data-state="ready">
                <ArticleCard summary/>
            </section>
        }
        .into_any()
    })
}

/// The related articles list.
#[component]
pub fn EmbedRelated(id: String) -> impl IntoView {
    // `Title` adds the site's name.
    view! {
        <Title text=use_i18n().t("related.heading")/>
        <RelatedSection article_id=id/>
    }
}

/// The comments section, open or closed as the article says: exactly the full page's section.
#[component]
pub fn EmbedComments(id: String) -> impl IntoView {
    // The stand-in has the class and (the start of) the name of the comments section.
    let standing_in = StandIn { class: "comments", name: "comments.heading", heading: true };
    with_article(id, standing_in, |article| {
        let enabled = article.comments_enabled();
        view! {
            <Title text=use_i18n().t_with("embed.comments_title", &[("title", &article.title)])/>
            {comments(article.id, enabled)}
        }
        .into_any()
    })
}

/// What a widget shows while its article loads or when it fails: a section with the widget's
/// class and name (and the same heading), so nothing moves and tests find it by the same name.
struct StandIn {
    class: &'static str,
    /// The catalogue key of its accessible name.
    name: &'static str,
    heading: bool,
}

/// Fetches the article, then draws the widget with `ready`.
fn with_article(
    id: String,
    standing_in: StandIn,
    ready: impl Fn(Article) -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    let client = expect_context::<Client>();
    let article = Fetched::new(move || {
        let (client, id) = (client.clone(), id.clone());
        async move { client.article(&id).await }
    });
    let StandIn { class, name, heading } = standing_in;
    let i18n = use_i18n();
    move || {
        let name = i18n.t(name);
        let (state, body) = match article.get() {
            Some(Ok(article)) => return ready(article),
            None => ("loading", view! { <Skeleton lines=3/> }.into_any()),
            Some(Err(ApiError::NotFound)) => {
                ("error", view! { <p class="load-failed" role="alert">{i18n.t("not_found.this_article")}</p> }.into_any())
            }
            Some(Err(error)) => (
                "error",
                view! { <LoadFailed message=error.message_key() on_retry=move || article.refetch()/> }
                    .into_any(),
            ),
        };
        view! {
            <Title text=name.clone()/>
            <section class=class aria-label=name.clone() data-state=state aria-busy=(state == "loading").then_some("true")>
                {heading.then(|| view! { <h2>{name.clone()}</h2> })}
                {body}
            </section>
        }
        .into_any()
    }
}
