//! [`Fetched`]: what a page asked the network for, kept in a signal.
//!
//! Leptos's `LocalResource` does this through its async-derived machinery (suspense, transitions,
//! scoped futures), none of which the app uses; with a copy of it for each of the app's five
//! requests it cost 10.7 KB of the brotli bundle (BENCHMARKS.md). An effect and a signal do the
//! same here.

use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;

use leptos::prelude::*;

/// The latest answer of a request that is made again whenever a signal it reads changes, or on
/// [`Fetched::refetch`]. `None` until the first answer arrives; an answer then stays until the
/// next one replaces it, and an answer that is no longer the latest request's is dropped.
pub struct Fetched<T: 'static> {
    answer: RwSignal<Option<T>, LocalStorage>,
    again: Trigger,
}

impl<T> Clone for Fetched<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Fetched<T> {}

impl<T: 'static> Fetched<T> {
    /// Makes the request (the signals `request` reads are tracked) once the page is built.
    pub fn new<Fut>(request: impl Fn() -> Fut + 'static) -> Self
    where
        Fut: Future<Output = T> + 'static,
    {
        let answer = RwSignal::new_local(None);
        let again = Trigger::new();
        let latest = Rc::new(Cell::new(0u32));
        Effect::new(move |_| {
            again.track();
            let future = request();
            let this = latest.get().wrapping_add(1);
            latest.set(this);
            let latest = Rc::clone(&latest);
            leptos::task::spawn_local(async move {
                let value = future.await;
                // A later request (or the page being gone, when the signal is disposed) wins.
                if latest.get() == this {
                    let _ = answer.try_set(Some(value));
                }
            });
        });
        Fetched { answer, again }
    }

    /// Asks again; the current answer stays until the new one arrives.
    pub fn refetch(&self) {
        self.again.notify();
    }

    /// A look at the answer (tracked).
    pub(crate) fn with<R>(&self, f: impl FnOnce(&Option<T>) -> R) -> R {
        self.answer.with(f)
    }
}

impl<T: Clone + 'static> Fetched<T> {
    /// A copy of the answer (tracked).
    pub fn get(&self) -> Option<T> {
        self.answer.get()
    }
}
