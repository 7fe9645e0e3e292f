//! Drawing what can wait a moment later: the first paint of what the reader came for is not held
//! up by it, and no single task draws the whole page (a long task delays the reader's input).

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;

/// How long [`after_paint`] waits at most for an animation frame (browsers give none to a
/// hidden page).
const PAINT_FALLBACK_MS: u64 = 100;

/// Runs `f` once the browser has painted what is on the page now and begun the next frame: the
/// first animation frame runs just before that paint, the second one frame later, and a task
/// queued from it runs just after. Work below the fold that would otherwise delay (or hold up
/// the frame after) a new page's first paint, such as requests and forms, waits for this.
fn after_paint(f: impl FnOnce() + 'static) {
    let pending = Rc::new(Cell::new(Some(f)));
    let run = {
        let pending = pending.clone();
        move || {
            if let Some(f) = pending.take() {
                f();
            }
        }
    };
    let after_frame = run.clone();
    request_animation_frame(move || {
        request_animation_frame(move || set_timeout(after_frame, Duration::ZERO))
    });
    set_timeout(run, Duration::from_millis(PAINT_FALLBACK_MS));
}

/// A flag that turns true after the next paint (see [`after_paint`]), or at once when `defer`
/// is false.
pub fn painted(defer: bool) -> Signal<bool> {
    if !defer {
        return Signal::stored(true);
    }
    let (painted, set_painted) = signal(false);
    after_paint(move || {
        set_painted.try_set(true);
    });
    painted.into()
}
