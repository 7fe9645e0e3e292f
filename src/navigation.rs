//! Moving between the reader's pages. Following a link starts the new page at the top with focus
//! on its main heading (so screen readers announce it); back and forward return to the
//! remembered scroll position. The first page of a visit is left to the browser.
//!
//! The router ([`crate::router::start`]) provides a [`Navigation`] as context and tells it when
//! the reader leaves a page; a page tells it nothing but its `data-state`
//! ([`arrive_when_settled`]): the page has arrived when it leaves its loading state, whatever it
//! settles on (ready, empty, failed, not found). What to do then is decided by [`Journey`], plain
//! data tested natively.

use std::collections::HashMap;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Remembered scroll positions, at most this many addresses.
const REMEMBERED_PAGES: usize = 64;

/// How many frames to keep restoring the position while sections below the article (comments,
/// related) are still loading and the page is too short to reach it.
const RESTORE_FRAMES: u32 = 90;

/// How the reader left the page before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// A link of the app, followed by the router.
    Link,
    /// The browser's back or forward.
    BackOrForward,
}

/// What a page does when it arrives.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Arrival {
    /// Nothing: the visit's first page (left to the browser), or a page that has already arrived
    /// settling again (a Retry).
    Stay,
    /// Scroll to the top and focus the page's main heading.
    Top,
    /// Scroll back to where the reader was on this page.
    Restore(f64),
}

/// Where the reader has been and is going: the decisions, without the browser.
#[derive(Debug, Default)]
struct Journey {
    /// How the reader left the last page, until the next one has arrived.
    moving: Option<Move>,
    /// Whether a page of this visit has arrived.
    arrived: bool,
    /// Whether the position of an arrived page is being restored (the page may still be too short
    /// to reach it).
    restoring: bool,
    /// The last scroll position of each address.
    positions: HashMap<String, f64>,
}

impl Journey {
    fn leave(&mut self, how: Move) {
        self.moving = Some(how);
        self.restoring = false;
    }

    /// Between leaving a page and the next one arriving, and while a position is restored, scroll
    /// events come from the page changing, not from the reader: they must not overwrite the
    /// remembered position.
    fn records_scroll(&self) -> bool {
        self.moving.is_none() && !self.restoring
    }

    fn remember(&mut self, path: String, y: f64) {
        if !self.records_scroll() {
            return;
        }
        if self.positions.len() >= REMEMBERED_PAGES && !self.positions.contains_key(&path) {
            self.positions.clear();
        }
        self.positions.insert(path, y);
    }

    /// The page at `path` has settled.
    fn arrive(&mut self, path: &str) -> Arrival {
        self.arrived = true;
        match self.moving.take() {
            None => Arrival::Stay,
            Some(Move::Link) => Arrival::Top,
            Some(Move::BackOrForward) => {
                self.restoring = true;
                Arrival::Restore(self.positions.get(path).copied().unwrap_or(0.0))
            }
        }
    }

    /// Whether to go on restoring `target` after a scroll to it reached `now` (`None`: unknown),
    /// with `frames_left`. A new move ends it.
    fn keeps_restoring(&mut self, target: f64, now: Option<f64>, frames_left: u32) -> bool {
        let reached = now.is_some_and(|now| (now - target).abs() < 1.0);
        self.restoring = self.restoring && self.moving.is_none() && !reached && frames_left > 0;
        self.restoring
    }

    /// Whether a page is being drawn because the reader moved within the app (a link, back or
    /// forward), rather than as the first page of the visit.
    fn is_navigation(&self) -> bool {
        self.arrived || self.moving.is_some()
    }
}

/// The reader's moves between the app's pages; the router provides it (see [`use_navigation`]).
#[derive(Clone, Copy)]
pub struct Navigation {
    journey: StoredValue<Journey>,
    /// Notified when the reader leaves a page: a page that stays (one article to another, a
    /// section of the front page) may be settled already and arrives again.
    left: Trigger,
}

impl Navigation {
    /// Starts remembering scroll positions; the router's, once for the whole reader.
    pub(crate) fn start() -> Self {
        let navigation =
            Navigation { journey: StoredValue::new(Journey::default()), left: Trigger::new() };
        if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
            // This app restores positions itself once content is in place; the browser would try
            // too early, while the page is still loading.
            let _ = js_sys::Reflect::set(&history, &"scrollRestoration".into(), &"manual".into());
        }
        let _ = window_event_listener(leptos::ev::scroll, move |_| {
            if !navigation.journey.try_with_value(Journey::records_scroll).unwrap_or(false) {
                return;
            }
            let Some(window) = web_sys::window() else { return };
            let (Ok(path), Ok(y)) = (window.location().pathname(), window.scroll_y()) else {
                return;
            };
            navigation.journey.try_update_value(|journey| journey.remember(path, y));
        });
        navigation
    }

    /// The reader is leaving the page for another of the app's (see `router`).
    pub(crate) fn leave(self, how: Move) {
        // What the server wrote into the head described the page it sent, not the next one.
        crate::head::forget_server_head();
        self.journey.try_update_value(|journey| journey.leave(how));
        self.left.notify();
    }

    /// Whether a page is being drawn because the reader moved within the app (a link, back or
    /// forward), rather than as the first page of the visit (until that page has arrived).
    pub fn is_navigation(self) -> bool {
        self.journey.try_with_value(Journey::is_navigation).unwrap_or(false)
    }

    /// The page now shown has settled.
    fn arrive(self) {
        let Some(window) = web_sys::window() else { return };
        let path = window.location().pathname().unwrap_or_default();
        match self.journey.try_update_value(|journey| journey.arrive(&path)) {
            None | Some(Arrival::Stay) => {}
            Some(Arrival::Top) => {
                window.scroll_to_with_x_and_y(0.0, 0.0);
                focus_main_heading(&window);
            }
            Some(Arrival::Restore(y)) => self.restore(&window, y, RESTORE_FRAMES),
        }
    }

    fn restore(self, window: &web_sys::Window, y: f64, frames_left: u32) {
        window.scroll_to_with_x_and_y(0.0, y);
        let now = window.scroll_y().ok();
        let again =
            self.journey.try_update_value(|journey| journey.keeps_restoring(y, now, frames_left));
        if again == Some(true) {
            request_animation_frame(move || {
                if let Some(window) = web_sys::window() {
                    self.restore(&window, y, frames_left - 1);
                }
            });
        }
    }
}

/// The page's main heading (its `h1`, whatever state it is in) takes focus. It is not a control:
/// it takes focus only from script (tabindex -1).
fn focus_main_heading(window: &web_sys::Window) {
    let heading = window
        .document()
        .and_then(|document| document.query_selector("#main h1").ok().flatten())
        .and_then(|heading| heading.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(heading) = heading {
        let _ = heading.set_attribute("tabindex", "-1");
        let _ = heading.focus();
    }
}

/// The reader's navigation; only inside the full reader.
pub fn use_navigation() -> Navigation {
    expect_context::<Navigation>()
}

/// The one place a page arrives: call it once in each page of the full reader, with the page's
/// `data-state`. Whenever the page is not `loading` (ready, empty, failed, not found) after the
/// reader came to it, it has arrived: a link's page starts at the top with its main heading
/// focused, back and forward restore the remembered position.
pub fn arrive_when_settled(state: Signal<&'static str>) {
    let navigation = use_navigation();
    Effect::new(move |_| {
        navigation.left.track();
        if state.get() == "loading" {
            return;
        }
        // The page being left may still be here, settled, while the next one is built: the
        // decision waits for the next frame, when only the page shown is left (a page gone is
        // disposed with its state), and reads the state again (the front page starts loading
        // another section in the same turn as the move).
        request_animation_frame(move || {
            if state.try_get_untracked().is_some_and(|state| state != "loading") {
                navigation.arrive();
            }
        });
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_page_of_a_visit_is_left_to_the_browser() {
        let mut journey = Journey::default();
        assert!(!journey.is_navigation());
        assert_eq!(journey.arrive("/"), Arrival::Stay);
        assert!(journey.is_navigation());
        // Settling again (a Retry) does nothing either.
        assert_eq!(journey.arrive("/"), Arrival::Stay);
    }

    #[test]
    fn a_link_starts_the_next_page_at_the_top_once() {
        let mut journey = Journey::default();
        journey.leave(Move::Link);
        assert!(journey.is_navigation(), "a page drawn after a link, before any has arrived");
        assert_eq!(journey.arrive("/articles/a"), Arrival::Top);
        assert_eq!(journey.arrive("/articles/a"), Arrival::Stay);
    }

    #[test]
    fn back_and_forward_restore_the_position_remembered_for_the_address() {
        let mut journey = Journey::default();
        journey.arrive("/");
        journey.remember("/".into(), 640.0);
        journey.leave(Move::Link);
        journey.remember("/".into(), 10.0);
        assert_eq!(journey.arrive("/articles/a"), Arrival::Top);
        journey.remember("/articles/a".into(), 200.0);
        journey.leave(Move::BackOrForward);
        assert_eq!(journey.arrive("/"), Arrival::Restore(640.0));
        journey.leave(Move::BackOrForward);
        assert_eq!(journey.arrive("/articles/a"), Arrival::Restore(200.0));
        journey.leave(Move::BackOrForward);
        assert_eq!(journey.arrive("/never-scrolled"), Arrival::Restore(0.0));
    }

    #[test]
    fn scrolling_is_remembered_only_between_arrival_and_leaving() {
        let mut journey = Journey::default();
        journey.remember("/".into(), 100.0);
        journey.leave(Move::Link);
        journey.remember("/".into(), 5.0);
        journey.remember("/articles/a".into(), 300.0);
        journey.arrive("/articles/a");
        journey.remember("/articles/a".into(), 50.0);
        assert_eq!(journey.positions.get("/"), Some(&100.0));
        assert_eq!(journey.positions.get("/articles/a"), Some(&50.0));
    }

    #[test]
    fn whatever_a_page_settles_on_the_next_move_is_decided_afresh() {
        // Arrival is the page leaving its loading state, failed or not: every move ends in one,
        // so nothing of one move is left over for the next.
        let mut journey = Journey::default();
        journey.arrive("/articles/gone");
        for how in [Move::Link, Move::BackOrForward, Move::Link] {
            journey.leave(how);
            assert!(!journey.records_scroll());
            let arrival = journey.arrive("/articles/failed");
            assert_eq!(arrival == Arrival::Top, how == Move::Link);
            journey.keeps_restoring(0.0, Some(0.0), RESTORE_FRAMES);
            assert!(journey.records_scroll());
        }
    }

    #[test]
    fn restoring_goes_on_until_reached_out_of_frames_or_moved_on() {
        let start = |journey: &mut Journey| {
            journey.leave(Move::BackOrForward);
            journey.arrive("/");
        };
        let mut journey = Journey::default();
        start(&mut journey);
        assert!(!journey.records_scroll());
        assert!(journey.keeps_restoring(800.0, Some(300.0), 5), "the page is still too short");
        assert!(journey.keeps_restoring(800.0, None, 4));
        assert!(!journey.keeps_restoring(800.0, Some(799.5), 3), "reached");
        assert!(journey.records_scroll());

        start(&mut journey);
        assert!(!journey.keeps_restoring(800.0, Some(300.0), 0), "out of frames");
        assert!(journey.records_scroll());

        start(&mut journey);
        journey.leave(Move::Link);
        assert!(!journey.keeps_restoring(800.0, Some(300.0), 5), "the reader moved on");
    }

    #[test]
    fn at_most_so_many_positions_are_remembered() {
        let mut journey = Journey::default();
        for i in 0..REMEMBERED_PAGES {
            journey.remember(format!("/articles/{i}"), 1.0);
        }
        journey.remember("/articles/0".into(), 2.0);
        assert_eq!(journey.positions.len(), REMEMBERED_PAGES);
        journey.remember("/one-more".into(), 3.0);
        assert_eq!(journey.positions.len(), 1);
    }
}
