//! Reader tools on the article page: a summary, listening, and text size. They work on the
//! article already on the page, inside the browser: no server, no model download.
//!
//! [`ReaderToolbar`] sits under the headline; [`ToolsPromo`] ("Try our AI features") follows the
//! body and points to each tool.

mod article_text;
mod listen;
mod summary;
mod text_size;

use leptos::prelude::*;

use crate::i18n::use_i18n;

// Public for the browser tests: `passages`, `ReaderTools` and `ReaderToolbar`.
pub use article_text::{passages, Passage};
pub(crate) use text_size::scale_of;

use listen::ListenControls;
use summary::{SummaryPanel, SummaryToggle};
use text_size::TextSizeControl;

/// What the tools share on one article page.
#[derive(Clone, Copy)]
pub struct ReaderTools {
    /// Worked out on first use (Listen, or the summary's first opening), not while the page is
    /// drawn: `html` blocks go through the sanitiser again for it, and most readers use neither.
    passages: Memo<Vec<Passage>>,
    summary_open: RwSignal<bool>,
    listen_available: RwSignal<bool>,
    /// The remembered text size's name (see `text_size`).
    pub(crate) text_size: RwSignal<String>,
    /// The article body's element, whose children are the blocks Listen highlights.
    pub(crate) body: NodeRef<leptos::html::Div>,
}

impl ReaderTools {
    /// `passages` gives the article's text, block by block (see [`passages`]).
    pub fn new(passages: impl Fn() -> Vec<Passage> + Send + Sync + 'static) -> ReaderTools {
        ReaderTools {
            // A memo is computed when first read, and once.
            passages: Memo::new(move |_| passages()),
            summary_open: RwSignal::new(false),
            listen_available: RwSignal::new(false),
            text_size: RwSignal::new(text_size::remembered()),
            body: NodeRef::new(),
        }
    }

    /// The body text's scale for the chosen size, for the `--text-scale` custom property.
    pub(crate) fn text_scale(&self) -> Signal<&'static str> {
        let size = self.text_size;
        Signal::derive(move || size.with(|name| scale_of(name)))
    }
}

/// The tools' controls, under the article's headline.
#[component]
pub fn ReaderToolbar(tools: ReaderTools, language: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        // In the interface's language and direction, inside an article that may have others.
        <div class="reader-tools" role="group" aria-label=i18n.t("tools.label") lang=i18n.lang() dir=i18n.dir()>
            <SummaryToggle open=tools.summary_open/>
            <ListenControls passages=tools.passages language body=tools.body available=tools.listen_available/>
            <TextSizeControl size=tools.text_size/>
        </div>
        <SummaryPanel passages=tools.passages open=tools.summary_open/>
    }
}

/// "Try our AI features": what the reader can do with this article, each linking to its tool.
#[component]
pub(crate) fn ToolsPromo(tools: ReaderTools, reading_minutes: u32) -> impl IntoView {
    // In-page links: move focus to the tool (opening the summary) rather than navigating.
    let go_to = move |target: &'static str| {
        move |event: leptos::ev::MouseEvent| {
            event.prevent_default();
            if target == "reader-summary" {
                tools.summary_open.set(true);
            }
            focus_by_id(target);
        }
    };
    let i18n = use_i18n();
    view! {
        <section class="tools-promo" aria-labelledby="tools-promo-heading">
            <h2 id="tools-promo-heading">{i18n.t("tools.promo_heading")}</h2>
            <p>{i18n.t("tools.promo_intro")}</p>
            <ul>
                <li>
                    <a href="#reader-summary" on:click=go_to("reader-summary")>{i18n.t("tools.summary")}</a>
                    {i18n.t("tools.summary_explained")}
                </li>
                <li hidden=move || !tools.listen_available.get()>
                    <a href="#reader-listen" on:click=go_to("reader-listen")>{i18n.t("tools.listen")}</a>
                    {i18n.t("tools.listen_explained")}
                </li>
                <li>
                    <a href="#reader-text-size" on:click=go_to("text-size-select")>{i18n.t("tools.text_size")}</a>
                    {i18n.t("tools.text_size_explained")}
                </li>
                <li>{i18n.t_count("tools.reading_time", reading_minutes.into(), &[])}</li>
            </ul>
        </section>
    }
}

/// Moves focus to the element with `id` (its first control for groups), after the next render.
fn focus_by_id(id: &'static str) {
    request_animation_frame(move || {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
        let Some(target) = document.get_element_by_id(id) else { return };
        let focusable = match target.query_selector("button, select") {
            Ok(Some(control)) if target.get_attribute("role").as_deref() == Some("group") => {
                control
            }
            _ => target,
        };
        if let Some(element) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&focusable) {
            let _ = element.focus();
            element.scroll_into_view();
        }
    });
}
