//! "Share": the system share sheet where the browser has one, otherwise copy the link, and say
//! what happened in a live region so every reader (and screen reader) sees the outcome.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::i18n::use_i18n;

#[derive(Clone, PartialEq)]
enum Outcome {
    Idle,
    Shared,
    Copied,
    /// Neither sharing nor copying worked: show the link so it can be copied by hand.
    ShowLink(String),
}

#[component]
pub fn ShareButton(title: String) -> impl IntoView {
    let i18n = use_i18n();
    let (outcome, set_outcome) = signal(Outcome::Idle);
    let on_click = move |_| {
        let title = title.clone();
        leptos::task::spawn_local(async move { set_outcome.set(share(&title).await) });
    };
    view! {
        // In the interface's language and direction, inside an article that may have others.
        <div class="share" lang=i18n.lang() dir=i18n.dir()>
            <button type="button" on:click=on_click>{i18n.t("share.button")}</button>
            <p class="share-status" role="status">
                {move || match outcome.get() {
                    Outcome::Idle => None,
                    Outcome::Shared => Some(i18n.t("share.shared").into_any()),
                    Outcome::Copied => Some(i18n.t("share.copied").into_any()),
                    Outcome::ShowLink(url) => Some(view! {
                        {i18n.t("share.copy_this_link")} " "
                        <input type="text" readonly aria-label=i18n.t("share.link_label") prop:value=url/>
                    }.into_any()),
                }}
            </p>
        </div>
    }
}

async fn share(title: &str) -> Outcome {
    let Some(window) = web_sys::window() else {
        return Outcome::Idle;
    };
    let url = window.location().href().unwrap_or_default();
    let navigator: JsValue = window.navigator().into();
    let data = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&data, &"title".into(), &title.into());
    let _ = js_sys::Reflect::set(&data, &"url".into(), &url.as_str().into());
    if let Some(result) = call_promise(&navigator, "share", &data).await {
        match result {
            Ok(()) => return Outcome::Shared,
            // The reader closed the share sheet: nothing to report, nothing to copy.
            Err(error) if is_abort(&error) => return Outcome::Idle,
            Err(_) => {}
        }
    }
    let clipboard =
        js_sys::Reflect::get(&navigator, &"clipboard".into()).unwrap_or(JsValue::UNDEFINED);
    match call_promise(&clipboard, "writeText", &url.as_str().into()).await {
        Some(Ok(())) => Outcome::Copied,
        _ => Outcome::ShowLink(url),
    }
}

/// Calls `target.method(argument)` and awaits the promise it returns; `None` when the browser
/// has no such method (feature detection without unstable bindings).
async fn call_promise(
    target: &JsValue,
    method: &str,
    argument: &JsValue,
) -> Option<Result<(), JsValue>> {
    if target.is_undefined() || target.is_null() {
        return None;
    }
    let function =
        js_sys::Reflect::get(target, &method.into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
    let promise = match function.call1(target, argument) {
        Ok(value) => value.dyn_into::<js_sys::Promise>().ok()?,
        Err(error) => return Some(Err(error)),
    };
    Some(JsFuture::from(promise).await.map(|_| ()))
}

fn is_abort(error: &JsValue) -> bool {
    js_sys::Reflect::get(error, &"name".into()).ok().and_then(|n| n.as_string()).as_deref()
        == Some("AbortError")
}
