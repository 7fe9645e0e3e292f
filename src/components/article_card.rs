//! A card standing for one article in the feed or a related list: headline link, source,
//! relative time, an excerpt clamped to three lines, and a thumbnail whose box is reserved.

use leptos::prelude::*;

use super::RelativeTime;
use crate::model::ArticleSummary;
use crate::safety::safe_url;

/// Longer excerpts are cut before rendering: only three lines show, and a 50,000-character
/// excerpt should not cost layout time.
const EXCERPT_MAX_CHARS: usize = 400;

#[component]
pub fn ArticleCard(
    summary: ArticleSummary,
    /// The heading level of the headline, to fit the page's outline (2 in the feed, 3 in lists
    /// under a section heading).
    #[prop(default = 2)]
    heading_level: u8,
    /// Called with the article id when the reader shows interest (hover or focus), so the page
    /// can prefetch it.
    #[prop(optional)]
    on_intent: Option<Callback<String>>,
) -> impl IntoView {
    let href =
        crate::router::href(&format!("/articles/{}", crate::api::encode_segment(&summary.id)));
    let target = super::link_target();
    // A link that opens in another window has nothing to prefetch for: that window has its own cache.
    let on_intent = on_intent.filter(|_| target.is_none());
    let id = summary.id.clone();
    let intent = move || {
        if let Some(on_intent) = on_intent {
            on_intent.run(id.clone());
        }
    };
    let intent_on_focus = intent.clone();
    let intent_when_seen = intent.clone();
    let card = NodeRef::<leptos::html::Article>::new();
    // Scrolled into view counts as interest too, so cards below the fold are ready when reached.
    if on_intent.is_some() {
        Effect::new(move |observer: Option<Option<VisibilityObserver>>| {
            observer.flatten().or_else(|| {
                card.get()
                    .and_then(|element| VisibilityObserver::new(&element, intent_when_seen.clone()))
            })
        });
    }
    let link = view! {
        <a
            href=href
            target=target
            rel=target.map(|_| "noopener")
            on:mouseenter=move |_| intent()
            on:focus=move |_| intent_on_focus()
        >
            {summary.title}
        </a>
    };
    let title = if heading_level <= 2 {
        view! { <h2 class="card-title" dir="auto">{link}</h2> }.into_any()
    } else {
        view! { <h3 class="card-title" dir="auto">{link}</h3> }.into_any()
    };
    let thumbnail = summary.image.and_then(|image| {
        let src = safe_url(&image.url, false)?.to_owned();
        // Without dimensions the box keeps a fixed shape, so nothing moves when the image arrives.
        let ratio = match (image.width, image.height) {
            (Some(w), Some(h)) if w > 0 && h > 0 => format!("{w} / {h}"),
            _ => "4 / 3".to_owned(),
        };
        Some(view! {
            <div class="card-thumb" style:aspect-ratio=ratio>
                <img src=src alt=image.alt.unwrap_or_default() width=image.width height=image.height loading="lazy" decoding="async"/>
            </div>
        })
    });
    // In its article's language and direction where the backend gives them (contract 1.1.0).
    let language = summary.language.filter(|tag| crate::model::is_language_tag(tag));
    let direction = language.as_deref().map(crate::model::text_direction);
    view! {
        <article class="card" node_ref=card lang=language dir=direction>
            <div class="card-text">
                {title}
                <p class="meta">
                    {summary.source.map(|source| view! { <span dir="auto">{source.name}</span><span aria-hidden="true">" · "</span> })}
                    <RelativeTime timestamp=summary.published_at/>
                </p>
                {summary.excerpt.map(|excerpt| view! { <p class="excerpt" dir="auto">{clip(&excerpt)}</p> })}
            </div>
            {thumbnail}
        </article>
    }
}

/// Calls back once when an element first comes into view; disconnects when dropped.
struct VisibilityObserver {
    observer: web_sys::IntersectionObserver,
    _callback:
        wasm_bindgen::closure::Closure<dyn FnMut(js_sys::Array, web_sys::IntersectionObserver)>,
}

impl VisibilityObserver {
    fn new(element: &web_sys::Element, on_visible: impl Fn() + 'static) -> Option<Self> {
        let callback = wasm_bindgen::closure::Closure::<
            dyn FnMut(js_sys::Array, web_sys::IntersectionObserver),
        >::new(
            move |entries: js_sys::Array, observer: web_sys::IntersectionObserver| {
                let visible = entries.iter().any(|entry| {
                    wasm_bindgen::JsCast::dyn_into::<web_sys::IntersectionObserverEntry>(entry)
                        .is_ok_and(|entry| entry.is_intersecting())
                });
                if visible {
                    observer.disconnect();
                    on_visible();
                }
            },
        );
        let observer = web_sys::IntersectionObserver::new(wasm_bindgen::JsCast::unchecked_ref(
            callback.as_ref(),
        ))
        .ok()?;
        observer.observe(element);
        Some(VisibilityObserver { observer, _callback: callback })
    }
}

impl Drop for VisibilityObserver {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

fn clip(text: &str) -> String {
    match text.char_indices().nth(EXCERPT_MAX_CHARS) {
        Some((end, _)) => format!("{}…", text[..end].trim_end()),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::clip;

    #[test]
    fn long_excerpts_are_cut_on_a_character_boundary() {
        assert_eq!(clip("short"), "short");
        let long = "é".repeat(1_000);
        let clipped = clip(&long);
        assert_eq!(clipped.chars().count(), 401);
        assert!(clipped.ends_with('…'));
    }
}
