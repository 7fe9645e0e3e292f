//! The parts of the app outside its core (issue 21): each one's code is fetched when it is first
//! needed, or earlier when the browser is idle, so that a reader downloads and compiles only
//! what the page draws first before the app starts.
//!
//! A part is a function from its inputs to a view (or to another way in to its code, such as
//! a backend kind's operations), declared with [`part!`]. Built with the
//! `split` feature, as Trunk builds the app (index.html), it is a `wasm_split` function:
//! scripts/split-wasm.mjs moves its code, and all code that only it uses, into a wasm module of
//! its own, which its first call fetches. Built without it (tests, `cargo check`), it is an
//! ordinary function. [`show_part`] draws one, with a stand-in while its code comes and a Retry
//! if it cannot.

use std::future::Future;

use leptos::prelude::*;

use crate::components::{LoadFailed, Skeleton};

/// What a part's place says when its code could not be fetched (its catalogue key).
pub const PART_UNAVAILABLE: &str = "errors.part_unavailable";

/// A part's code could not be fetched: the network failed, or the build on the server changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartUnavailable;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for PartUnavailable {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        PartUnavailable
    }
}

/// Declares a part: `async fn $name(inputs) -> Result<Output, PartUnavailable>`, and
/// `async fn $fetch() -> Result<(), _>`, which fetches its code without running it.
/// A part's inputs are plain data; it reads what it shares with the core (the client, the
/// configuration) from the context, as any component does.
macro_rules! part {
    (
        $(#[$doc:meta])*
        $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $output:ty, fetched by $fetch:ident
        $body:block
    ) => {
        $(#[$doc])*
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split(
            $name,
            wasm_split_path = ::leptos::wasm_split,
            fallible,
            preload($fetch)
        )]
        $vis fn $name($($arg: $ty),*) -> Result<$output, $crate::parts::PartUnavailable> {
            Ok($body)
        }

        $(#[$doc])*
        #[cfg(not(feature = "split"))]
        $vis async fn $name($($arg: $ty),*) -> Result<$output, $crate::parts::PartUnavailable> {
            Ok($body)
        }

        /// Nothing to fetch: built without the `split` feature, the part is in the core.
        #[cfg(not(feature = "split"))]
        #[allow(dead_code, reason = "not every part is fetched ahead")]
        $vis async fn $fetch() -> Result<(), $crate::parts::PartUnavailable> {
            Ok(())
        }
    };
}
pub(crate) use part;

/// What a part's place shows until the part is drawn.
#[derive(Clone, Copy)]
pub enum Pending {
    /// Its code is on its way.
    Loading,
    /// Its code could not be fetched: the stand-in offers this to try again.
    Failed(Callback<()>),
}

impl Pending {
    /// A stand-in's `data-state` and content: a skeleton of `lines` while loading, else the
    /// failure's message and its Retry.
    pub fn state_and_content(self, lines: usize) -> (&'static str, AnyView) {
        match self {
            Pending::Loading => ("loading", view! { <Skeleton lines/> }.into_any()),
            Pending::Failed(retry) => (
                "error",
                view! { <LoadFailed message=PART_UNAVAILABLE on_retry=move || retry.run(())/> }
                    .into_any(),
            ),
        }
    }
}

/// Draws a part where it is called: `stand_in(Pending::Loading)` until its code is there
/// (`fetch`), then the part (`draw`), or `stand_in(Pending::Failed(retry))` if the code could
/// not be fetched. A part already fetched is drawn at once.
pub fn show_part<Fetch, Failure, Draw>(
    fetch: impl Fn() -> Fetch + Send + Sync + 'static,
    draw: impl Fn() -> Draw + Send + Sync + 'static,
    stand_in: impl Fn(Pending) -> AnyView + Send + Sync + 'static,
) -> impl IntoView
where
    Fetch: Future<Output = Result<(), Failure>> + 'static,
    Draw: Future<Output = Result<AnyView, PartUnavailable>> + Send + 'static,
{
    let fetched = RwSignal::new(cfg!(not(feature = "split")).then_some(Ok(())));
    let fetch = move || {
        fetched.set(None);
        let fetching = fetch();
        leptos::task::spawn_local(async move {
            fetched.try_set(Some(fetching.await.map_err(|_| PartUnavailable)));
        });
    };
    if fetched.get_untracked().is_none() {
        fetch();
    }
    let retry = Callback::new(move |()| fetch());
    move || match fetched.get() {
        None => stand_in(Pending::Loading),
        Some(Err(PartUnavailable)) => stand_in(Pending::Failed(retry)),
        // Fetched: the part's future is ready when first polled, so it is drawn in this pass.
        Some(Ok(())) => {
            let drawing = draw();
            Suspend::new(
                async move { drawing.await.unwrap_or_else(|PartUnavailable| ().into_any()) },
            )
            .into_any()
        }
    }
}

/// Fetches parts' code once the browser has nothing else to do, so that a reader who then uses
/// them does not wait on the network. A failure is left for the part's own place to show.
pub fn fetch_when_idle<Fetch, Failure>(fetch: impl FnOnce() -> Fetch + 'static)
where
    Fetch: Future<Output = Result<(), Failure>> + 'static,
{
    if cfg!(not(feature = "split")) {
        return;
    }
    when_idle(move || {
        leptos::task::spawn_local(async move {
            let _ = fetch().await;
        });
    });
}

/// Runs `f` when the browser is idle (`requestIdleCallback`), or after a moment where it cannot
/// tell (Safari has no `requestIdleCallback`).
fn when_idle(f: impl FnOnce() + 'static) {
    use wasm_bindgen::JsCast;
    let window = window();
    let request_idle = js_sys::Reflect::get(&window, &"requestIdleCallback".into())
        .ok()
        .and_then(|value| value.dyn_into::<js_sys::Function>().ok());
    match request_idle {
        Some(request_idle) => {
            let callback = wasm_bindgen::closure::Closure::once_into_js(f);
            let _ = request_idle.call1(&window, &callback);
        }
        None => set_timeout(f, std::time::Duration::from_millis(IDLE_FALLBACK_MS)),
    }
}

/// How long [`when_idle`] waits where the browser cannot say when it is idle.
const IDLE_FALLBACK_MS: u64 = 500;
