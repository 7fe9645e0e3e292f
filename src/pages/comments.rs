//! The comments section under an article: threads, sorting, paging, and the form.

use leptos::prelude::*;

#[component]
pub fn CommentsSection(article_id: String, enabled: bool) -> impl IntoView {
    let _ = (article_id, enabled);
    view! {
        <section class="comments" aria-labelledby="comments-heading">
            <h2 id="comments-heading">"Comments"</h2>
        </section>
    }
}
