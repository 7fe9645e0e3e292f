//! The loading and failed states every section has.

use leptos::prelude::*;

use crate::i18n::use_i18n;

/// Grey placeholder lines that reserve roughly the space the content will take.
#[component]
pub fn Skeleton(
    #[prop(default = 3)] lines: usize,
    #[prop(optional)] heading: bool,
) -> impl IntoView {
    view! {
        <div class="skeleton" aria-hidden="true">
            {heading.then(|| view! { <div class="skeleton-heading"></div> })}
            {(0..lines).map(|_| view! { <div class="skeleton-line"></div> }).collect_view()}
        </div>
    }
}

/// A short message in the reader's words and a Retry button.
#[component]
pub fn LoadFailed(
    /// The catalogue key of what went wrong (`ApiError::message_key`).
    message: &'static str,
    on_retry: impl Fn() + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="load-failed" role="alert">
            <p>{i18n.t(message)}</p>
            <button type="button" on:click=move |_| on_retry()>{i18n.t("actions.retry")}</button>
        </div>
    }
}
