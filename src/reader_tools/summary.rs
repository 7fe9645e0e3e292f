//! "Summary": the article's key sentences, picked in the browser by an extractive summariser
//! (`broadsheet-summary`); nothing is rewritten and nothing leaves the page.

use leptos::prelude::*;

use crate::i18n::use_i18n;

use super::article_text::Passage;
use crate::parts::{fetch_when_idle, part, show_part};

/// Sentences shown at most; the summariser picks 3 to 5 when the article has that many.
const MAX_SENTENCES: usize = 5;

/// The sentences to show, in article order: prose only, headings are not sentences.
pub fn key_sentences(passages: &[Passage]) -> Vec<String> {
    let prose: Vec<&str> =
        passages.iter().filter(|p| !p.heading).map(|p| p.text.as_str()).collect();
    broadsheet_summary::summarize(&prose, MAX_SENTENCES)
        .into_iter()
        .map(|picked| picked.text)
        .collect()
}

/// Opens and closes the summary panel.
#[component]
pub fn SummaryToggle(open: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button
            type="button"
            aria-expanded=move || open.get().to_string()
            aria-controls="reader-summary"
            on:click=move |_| open.update(|open| *open = !*open)
        >
            {move || i18n.t(if open.get() { "tools.hide_summary" } else { "tools.summary" })}
        </button>
    }
}

/// The summary: computed on first opening, kept while the page stays. The summariser is a part
/// of its own (see [`crate::parts`]), fetched when the browser is idle or on first opening.
#[component]
pub fn SummaryPanel(passages: Memo<Vec<Passage>>, open: RwSignal<bool>) -> impl IntoView {
    let sentences = StoredValue::new(None::<Vec<String>>);
    fetch_when_idle(summary_code);
    view! {
        <section
            id="reader-summary"
            class="summary"
            aria-labelledby="summary-heading"
            tabindex="-1"
            hidden=move || !open.get()
        >
            <h2 id="summary-heading">{use_i18n().t("tools.summary")}</h2>
            {move || open.get().then(|| {
                show_part(summary_code, move || summary_part(passages, sentences), |pending| {
                    pending.state_and_content(3).1
                })
            })}
        </section>
    }
}

part! {
    /// The summary's sentences, picked on first use and kept in `sentences`.
    fn summary_part(
        passages: Memo<Vec<Passage>>,
        sentences: StoredValue<Option<Vec<String>>>,
    ) -> AnyView,
    fetched by summary_code {
        if sentences.with_value(Option::is_none) {
            let picked = passages.with_untracked(|p| key_sentences(p));
            sentences.set_value(Some(picked));
        }
        let picked = sentences.get_value().unwrap_or_default();
        let i18n = use_i18n();
        if picked.is_empty() {
            view! { <p>{i18n.t("tools.too_short")}</p> }.into_any()
        } else {
            view! {
                <ul>{picked.into_iter().map(|s| view! { <li dir="auto">{s}</li> }).collect_view()}</ul>
                <p class="summary-note">
                    {i18n.t("tools.summary_note")}
                </p>
            }
            .into_any()
        }
    }
}
