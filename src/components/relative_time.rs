//! A timestamp shown as "5 minutes ago" inside `<time>`, with the absolute time as its title.

use leptos::prelude::*;

use crate::clock::use_now;
use crate::model::time;

#[component]
pub fn RelativeTime(
    /// An RFC 3339 timestamp from the data; nothing is shown when it does not parse.
    timestamp: String,
) -> impl IntoView {
    let ms = time::parse_rfc3339(&timestamp)?;
    let now = use_now();
    Some(view! {
        <time datetime=timestamp title=time::date_time(ms) dir="auto">
            {move || time::relative(ms, now.get())}
        </time>
    })
}
