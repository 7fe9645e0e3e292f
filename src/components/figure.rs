//! An image with its caption and credit, its box reserved from width/height so nothing shifts.

use leptos::prelude::*;

use crate::model::Image;
use crate::safety::safe_url;

#[component]
pub fn Figure(
    image: Image,
    /// Below the fold: load only when the reader scrolls near it.
    #[prop(optional)]
    lazy: bool,
    /// The article's lead image: the likely largest paint, so fetch it first.
    #[prop(optional)]
    lead: bool,
) -> impl IntoView {
    let src = safe_url(&image.url, false)?.to_owned();
    let caption = image.caption.filter(|c| !c.trim().is_empty());
    let credit = image.credit.filter(|c| !c.trim().is_empty());
    let has_caption = caption.is_some() || credit.is_some();
    Some(view! {
        <figure class="figure" class:lead=lead>
            <img
                src=src
                alt=image.alt.unwrap_or_default()
                width=image.width
                height=image.height
                loading=lazy.then_some("lazy")
                fetchpriority=lead.then_some("high")
                decoding="async"
            />
            {has_caption.then(|| view! {
                <figcaption dir="auto">
                    {caption}
                    {credit.map(|credit| view! { " " <span class="credit">{credit}</span> })}
                </figcaption>
            })}
        </figure>
    })
}
