//! Where the reader was. Following a link starts the new page at the top with focus on its
//! headline (so screen readers announce it); back and forward return to the remembered scroll
//! position. The first page of a visit is left to the browser.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use leptos::prelude::*;

/// Remembered scroll positions, at most this many addresses.
const REMEMBERED_PAGES: usize = 64;

thread_local! {
    static CAME_BACK_OR_FORWARD: Cell<bool> = const { Cell::new(false) };
    static FIRST_PAGE: Cell<bool> = const { Cell::new(true) };
    /// Between leaving a page and the next one arriving, scroll events come from the page
    /// changing height, not from the reader: they must not overwrite the remembered position.
    static LEAVING: Cell<bool> = const { Cell::new(false) };
    static SCROLL_BY_PATH: RefCell<HashMap<String, f64>> = RefCell::new(HashMap::new());
}

/// The reader followed a link to another page of the app (see `router`).
pub fn leaving() {
    LEAVING.set(true);
}

/// The reader went back or forward to another page of the app (see `router`).
pub fn came_back_or_forward() {
    CAME_BACK_OR_FORWARD.set(true);
    LEAVING.set(true);
}

/// Starts remembering scroll positions; call once, for the whole app.
pub fn track() {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        // This app restores positions itself once content is in place; the browser would try
        // too early, while the page is still loading.
        let _ = js_sys::Reflect::set(&history, &"scrollRestoration".into(), &"manual".into());
    }
    let _ = window_event_listener(leptos::ev::scroll, |_| {
        if LEAVING.get() {
            return;
        }
        let Some(window) = web_sys::window() else { return };
        let (Ok(path), Ok(y)) = (window.location().pathname(), window.scroll_y()) else { return };
        SCROLL_BY_PATH.with_borrow_mut(|positions| {
            if positions.len() >= REMEMBERED_PAGES && !positions.contains_key(&path) {
                positions.clear();
            }
            positions.insert(path, y);
        });
    });
}

/// How many frames to keep restoring the position while sections below the article (comments,
/// related) are still loading and the page is too short to reach it.
const RESTORE_FRAMES: u32 = 90;

fn restore_scroll(y: f64, frames_left: u32) {
    let Some(window) = web_sys::window() else { return };
    window.scroll_to_with_x_and_y(0.0, y);
    let reached = window.scroll_y().is_ok_and(|now| (now - y).abs() < 1.0);
    if !reached && frames_left > 0 {
        LEAVING.set(true);
        request_animation_frame(move || restore_scroll(y, frames_left - 1));
    } else {
        LEAVING.set(false);
    }
}

/// Whether a page is being drawn because the reader moved within the app (a link, back or
/// forward), rather than as the first page of the visit (until that page has [`arrived`]).
pub fn is_navigation() -> bool {
    !FIRST_PAGE.get()
}

/// Call when a page's main content has rendered, with its headline.
pub fn arrived(headline: Option<web_sys::HtmlElement>) {
    let came_back = CAME_BACK_OR_FORWARD.replace(false);
    LEAVING.set(false);
    if FIRST_PAGE.replace(false) {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    if came_back {
        let path = window.location().pathname().unwrap_or_default();
        let y =
            SCROLL_BY_PATH.with_borrow(|positions| positions.get(&path).copied()).unwrap_or(0.0);
        restore_scroll(y, RESTORE_FRAMES);
    } else {
        window.scroll_to_with_x_and_y(0.0, 0.0);
        if let Some(headline) = headline {
            // The headline is not a control: it takes focus only from script (tabindex -1).
            let _ = headline.set_attribute("tabindex", "-1");
            let _ = headline.focus();
        }
    }
}
