//! The page for an unknown route or an article the backend does not have.

use leptos::prelude::*;

use crate::head::Title;

#[component]
pub fn NotFound(
    #[prop(default = "We couldn’t find that page.")] message: &'static str,
    /// Asks the backend again: a 404 can be a passing fault of a backend or its cache.
    #[prop(optional, into)]
    on_retry: Option<Callback<()>>,
) -> impl IntoView {
    view! {
        <Title text="Page not found"/>
        <section class="not-found" data-state="error">
            <h1>"Page not found"</h1>
            <p>{message}</p>
            {on_retry.map(|retry| view! {
                <p><button type="button" on:click=move |_| retry.run(())>"Retry"</button></p>
            })}
            <p><a href=crate::router::href("/")>"Go to the front page"</a></p>
        </section>
    }
}
