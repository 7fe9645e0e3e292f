//! The app's side of the article preview that `public/early.js` paints while the wasm downloads:
//! the app takes over the screen once it shows a page of its own.

/// Removes the preview, and stops one still on its way from appearing. Called when the article
/// page has something to show (the article, or why not), when it is left, and when the app
/// cannot start. Does nothing when there is no preview.
pub fn dismiss() {
    let Some(window) = web_sys::window() else { return };
    let _ = js_sys::Reflect::set(&window, &"__broadsheetPreviewDone".into(), &true.into());
    if let Some(preview) = window.document().and_then(|d| d.get_element_by_id("early-preview")) {
        preview.remove();
    }
}
