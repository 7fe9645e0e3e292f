//! A timestamp shown as "5 minutes ago" inside `<time>`, with the absolute time as its title.

use leptos::prelude::*;

use crate::clock::use_now;
use crate::i18n::use_i18n;
use crate::model::time;

#[component]
pub fn RelativeTime(
    /// An RFC 3339 timestamp from the data; nothing is shown when it does not parse.
    timestamp: String,
) -> impl IntoView {
    let ms = time::parse_rfc3339(&timestamp)?;
    let now = use_now();
    let i18n = use_i18n();
    Some(view! {
        <time datetime=timestamp title=i18n.date_time(ms) dir="auto">
            {move || i18n.relative_time(ms, now.get())}
        </time>
    })
}
