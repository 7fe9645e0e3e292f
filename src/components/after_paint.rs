//! Drawing what can wait a moment later: the first paint of what the reader came for is not held
//! up by it, and no single task draws the whole page (a long task delays the reader's input).

use std::time::Duration;

use leptos::prelude::*;

/// Runs `callback` in a task of its own after the browser's next paint.
pub fn after_next_paint(callback: impl FnOnce() + 'static) {
    request_animation_frame(move || set_timeout(callback, Duration::ZERO));
}

/// Shows `fallback`, then `children` once the page has been painted.
#[component]
pub fn AfterPaint(#[prop(into)] fallback: ViewFn, children: ChildrenFn) -> impl IntoView {
    let painted = RwSignal::new(false);
    // `try_`: the page may be gone by then.
    after_next_paint(move || {
        painted.try_set(true);
    });
    move || match painted.get() {
        true => children().into_any(),
        false => fallback.run(),
    }
}
