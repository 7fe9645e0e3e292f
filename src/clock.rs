//! The reader's clock. Every "now" comes from the browser's `Date`, so relative times follow it
//! (and a test's fake clock), and a shared signal ticks so they stay current while the page is open.

use std::time::Duration;

use leptos::prelude::*;

/// How often relative times ("5 minutes ago") are brought up to date.
const TICK: Duration = Duration::from_secs(30);

pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

#[derive(Clone, Copy)]
struct Now(ReadSignal<i64>);

/// Starts the shared ticking clock for everything below the current owner.
pub fn provide_clock() {
    let (now, set_now) = signal(now_ms());
    set_interval(move || set_now.set(now_ms()), TICK);
    provide_context(Now(now));
}

/// The current time in milliseconds, reactive where a clock was provided.
pub fn use_now() -> Signal<i64> {
    match use_context::<Now>() {
        Some(Now(now)) => now.into(),
        None => Signal::derive(now_ms),
    }
}
