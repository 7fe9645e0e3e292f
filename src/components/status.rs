//! The loading and failed states every section has.

use leptos::prelude::*;

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
pub fn LoadFailed(message: &'static str, on_retry: impl Fn() + 'static) -> impl IntoView {
    view! {
        <div class="load-failed" role="alert">
            <p>{message}</p>
            <button type="button" on:click=move |_| on_retry()>"Retry"</button>
        </div>
    }
}
