//! The reader's text size for article text, remembered across visits on this device.

use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::storage;

/// The sizes offered, as (stored value, its label's catalogue key, scale of the body text).
const SIZES: [(&str, &str, &str); 4] = [
    ("small", "tools.size_small", "0.9"),
    ("default", "tools.size_default", "1"),
    ("large", "tools.size_large", "1.15"),
    ("x-large", "tools.size_extra_large", "1.3"),
];

/// A size by its stored name; anything unknown (an old or tampered value) is the default.
pub fn scale_of(name: &str) -> &'static str {
    SIZES.iter().find(|(value, ..)| *value == name).map_or("1", |(_, _, scale)| scale)
}

/// The remembered size's name, or "default".
pub fn remembered() -> String {
    storage::get(storage::TEXT_SIZE)
        .filter(|name| SIZES.iter().any(|(value, ..)| value == name))
        .unwrap_or_else(|| "default".to_owned())
}

/// A labelled select; the chosen size is remembered and applied through `size`.
#[component]
pub fn TextSizeControl(size: RwSignal<String>) -> impl IntoView {
    let on_change = move |event| {
        let name = event_target_value(&event);
        storage::set(storage::TEXT_SIZE, &name);
        size.set(name);
    };
    let i18n = use_i18n();
    view! {
        <div class="text-size" id="reader-text-size">
            <label for="text-size-select">{i18n.t("tools.text_size")}</label>
            <select id="text-size-select" on:change=on_change>
                {SIZES
                    .iter()
                    .map(|(value, label, _)| {
                        let selected = move || size.with(|current| current == value);
                        view! { <option value=*value selected=selected>{i18n.t(label)}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_sizes_fall_back_to_the_default_scale() {
        assert_eq!(scale_of("large"), "1.15");
        assert_eq!(scale_of("default"), "1");
        assert_eq!(scale_of("enormous\"; color: red"), "1");
    }
}
