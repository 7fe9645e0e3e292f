//! An image with its caption and credit, its box reserved from width/height so nothing shifts.

use leptos::prelude::*;

use crate::model::Image;
use crate::safety::safe_url;

#[component]
pub fn Figure(image: Image, #[prop(optional)] lazy: bool) -> impl IntoView {
    let src = safe_url(&image.url, false)?.to_owned();
    let caption = image.caption.filter(|c| !c.trim().is_empty());
    let credit = image.credit.filter(|c| !c.trim().is_empty());
    let has_caption = caption.is_some() || credit.is_some();
    Some(view! {
        <figure class="figure">
            <img
                src=src
                alt=image.alt.unwrap_or_default()
                width=image.width
                height=image.height
                loading=lazy.then_some("lazy")
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
