//! "Related articles" under an article: its own loading, empty and failed states, so a failure
//! here never hides the article or its comments.

use leptos::prelude::*;

use send_wrapper::SendWrapper;

use crate::api::{leave_signal, Client};
use crate::components::{painted, ArticleCard, LoadFailed, Skeleton};
use crate::fetched::Fetched;
use crate::i18n::use_i18n;

/// With `after_paint`, the request starts once the page around the section has painted (a
/// navigation draws its new headline first); until then the section shows its loading state.
#[component]
pub fn RelatedSection(article_id: String, #[prop(optional)] after_paint: bool) -> impl IntoView {
    let i18n = use_i18n();
    let client = expect_context::<Client>();
    let prefetcher = client.clone();
    let leave = SendWrapper::new(leave_signal());
    let painted = painted(after_paint);
    let related = Fetched::new(move || {
        let started = painted.get();
        let client = client.clone();
        let id = article_id.clone();
        let leave = leave.clone();
        async move {
            // `None` until started: a resource's next request waits for its last one to end.
            if !started {
                return None;
            }
            Some(client.related(&id, Some(&leave)).await)
        }
    });
    let prefetch = Callback::new(move |id: String| prefetcher.prefetch(&id));
    let state = Memo::new(move |_| {
        related.with(|result| match result.as_ref().and_then(Option::as_ref) {
            None => "loading",
            Some(Ok(page)) if page.items.is_empty() => "empty",
            Some(Ok(_)) => "ready",
            Some(Err(_)) => "error",
        })
    });
    view! {
        <section
            class="related"
            aria-labelledby="related-heading"
            data-state=state
            aria-busy=move || (state.get() == "loading").then_some("true")
        >
            <h2 id="related-heading">{i18n.t("related.heading")}</h2>
            {move || match related.get().flatten() {
                None => view! { <Skeleton lines=4/> }.into_any(),
                Some(Err(error)) => view! {
                    <LoadFailed message=error.message_key() on_retry=move || related.refetch()/>
                }
                .into_any(),
                Some(Ok(page)) if page.items.is_empty() => {
                    view! { <p class="empty">{i18n.t("related.none")}</p> }.into_any()
                }
                Some(Ok(page)) => view! {
                    <ul class="cards">
                        {page
                            .items
                            .into_iter()
                            .map(|summary| view! { <li><ArticleCard summary heading_level=3 on_intent=prefetch/></li> })
                            .collect_view()}
                    </ul>
                }
                .into_any(),
            }}
        </section>
    }
}
