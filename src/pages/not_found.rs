//! The page for an unknown route or an article the backend does not have.

use leptos::prelude::*;

use crate::head::Title;
use crate::i18n::use_i18n;

#[component]
pub fn NotFound(
    /// The catalogue key of what was not found.
    #[prop(default = "not_found.page")]
    message: &'static str,
    /// Asks the backend again: a 404 can be a passing fault of a backend or its cache.
    #[prop(optional, into)]
    on_retry: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=i18n.t("not_found.title")/>
        <section class="not-found" data-state="error">
            <h1>{i18n.t("not_found.title")}</h1>
            <p>{i18n.t(message)}</p>
            {on_retry.map(|retry| view! {
                <p><button type="button" on:click=move |_| retry.run(())>{i18n.t("actions.retry")}</button></p>
            })}
            <p><a href=crate::router::href("/")>{i18n.t("not_found.front_page")}</a></p>
        </section>
    }
}
