//! Which page an address shows, and moving between the reader's pages without reloading.
//!
//! The app has three reader routes and three widget routes; `leptos_router` did this for about
//! 25 KB of the brotli bundle (see BENCHMARKS.md), so the few rules it needs live here:
//! the matching is pure (tested natively), the browser glue is [`start`].

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::navigation;

/// A page of the full reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Home,
    Article(String),
    NotFound,
}

/// Which page of the full reader a path shows.
pub fn route(path: &str) -> Route {
    match segments(path).as_deref() {
        Some([]) => Route::Home,
        Some([articles, id]) if articles == "articles" => Route::Article(id.clone()),
        _ => Route::NotFound,
    }
}

/// A widget for a partner's page (`/embed/articles/:id/card|related|comments`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Widget {
    Card,
    Related,
    Comments,
}

/// The widget a path asks for and its article's id, or `None` for no such widget.
pub fn widget_route(path: &str) -> Option<(Widget, String)> {
    let segments = segments(path)?;
    let [embed, articles, id, widget] = segments.as_slice() else { return None };
    if embed != "embed" || articles != "articles" {
        return None;
    }
    let widget = match widget.as_str() {
        "card" => Widget::Card,
        "related" => Widget::Related,
        "comments" => Widget::Comments,
        _ => return None,
    };
    Some((widget, id.clone()))
}

/// The path's segments, percent-decoded; one trailing slash is allowed ("/articles/a/").
/// `None` when the path is not absolute or has an empty segment ("/articles//a").
fn segments(path: &str) -> Option<Vec<String>> {
    if path == "/" {
        return Some(Vec::new());
    }
    let inner = path.strip_prefix('/')?;
    inner
        .strip_suffix('/')
        .unwrap_or(inner)
        .split('/')
        .map(|segment| (!segment.is_empty()).then(|| percent_decoded(segment)))
        .collect()
}

/// `%XX` escapes decoded as UTF-8; a segment that does not decode to UTF-8 (or has a stray `%`)
/// is kept as it is, as browsers keep it in `location.pathname`.
fn percent_decoded(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
            match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                Some(byte) => {
                    out.push(byte);
                    i += 3;
                    continue;
                }
                None => return segment.to_owned(),
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| segment.to_owned())
}

/// The address the reader is at (path and `?query`), changed by links and back/forward.
#[derive(Debug, Clone, Copy)]
pub struct Location {
    path: RwSignal<String>,
    search: RwSignal<String>,
    route: Memo<Route>,
}

impl Location {
    /// The page the current path shows.
    pub fn route(self) -> Memo<Route> {
        self.route
    }

    /// The value of `name` in the query string; `None` when it is missing or empty.
    pub fn query(self, name: &'static str) -> Memo<Option<String>> {
        Memo::new(move |_| {
            let value = web_sys::UrlSearchParams::new_with_str(&self.search.read()).ok()?.get(name);
            value.filter(|value| !value.is_empty())
        })
    }
}

/// The current address, as `window.location` has it.
fn current() -> (String, String) {
    let location = web_sys::window().map(|window| window.location());
    let read = |f: fn(&web_sys::Location) -> Result<String, _>| {
        location.as_ref().and_then(|l| f(l).ok()).unwrap_or_default()
    };
    (read(web_sys::Location::pathname), read(web_sys::Location::search))
}

/// Starts following the address (back/forward, and clicks on the reader's own links, which are
/// drawn here rather than loaded) and provides it as context; call once, for the full reader.
/// Never for a widget: on a partner's page every link leaves the frame.
pub fn start() -> Location {
    let (path, search) = current();
    let path = RwSignal::new(path);
    let current_route = Memo::new(move |_| route(&path.read()));
    let location = Location { path, search: RwSignal::new(search), route: current_route };
    let _ = window_event_listener(leptos::ev::popstate, move |_| {
        let (path, search) = current();
        // A fragment-only move (a footnote link) stays on the same page.
        if location.path.get_untracked() != path || location.search.get_untracked() != search {
            navigation::came_back_or_forward();
        }
        location.path.set(path);
        location.search.set(search);
    });
    let _ = window_event_listener(leptos::ev::click, move |event| follow_link(location, &event));
    provide_context(location);
    location
}

/// The reader's location; only inside the full reader.
pub fn use_location() -> Location {
    expect_context::<Location>()
}

/// A plain left click on a link to another of the reader's pages is drawn here; anything else (a
/// new tab, a download, another site, another address of this site, a fragment of this page) is
/// left to the browser.
fn follow_link(location: Location, event: &web_sys::MouseEvent) {
    if event.default_prevented()
        || event.button() != 0
        || event.meta_key()
        || event.alt_key()
        || event.ctrl_key()
        || event.shift_key()
    {
        return;
    }
    let link = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest("a[href]").ok().flatten())
        .and_then(|element| element.dyn_into::<web_sys::HtmlAnchorElement>().ok());
    let Some(link) = link else { return };
    let Some(window) = web_sys::window() else { return };
    let target = link.target();
    let external = link.rel().split_ascii_whitespace().any(|rel| rel == "external");
    if !(target.is_empty() || target == "_self") || link.has_attribute("download") || external {
        return;
    }
    if window.location().origin().ok() != Some(link.origin()) {
        return;
    }
    let (path, search) = (link.pathname(), link.search());
    // A file or a page the server has for itself (a PDF, the API, a widget) is loaded as usual.
    if route(&path) == Route::NotFound {
        return;
    }
    let same_page =
        location.path.get_untracked() == path && location.search.get_untracked() == search;
    if same_page && !link.hash().is_empty() {
        return;
    }
    event.prevent_default();
    if same_page {
        window.scroll_to_with_x_and_y(0.0, 0.0);
        return;
    }
    let address = format!("{path}{search}{}", link.hash());
    let Ok(history) = window.history() else { return };
    if history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&address)).is_err() {
        return;
    }
    navigation::leaving();
    location.path.set(path);
    location.search.set(search);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reader_paths_name_their_page() {
        assert_eq!(route("/"), Route::Home);
        assert_eq!(route(""), Route::NotFound);
        assert_eq!(route("/articles/harbour-tram"), Route::Article("harbour-tram".into()));
        assert_eq!(route("/articles/harbour-tram/"), Route::Article("harbour-tram".into()));
        assert_eq!(route("/articles/caf%C3%A9"), Route::Article("café".into()));
        assert_eq!(route("/articles/a%2Fb"), Route::Article("a/b".into()));
        for path in ["/articles", "/articles/", "/articles//a", "/articles/a/b", "/about", "//"] {
            assert_eq!(route(path), Route::NotFound, "{path}");
        }
    }

    #[test]
    fn undecodable_segments_are_kept_as_they_are() {
        assert_eq!(route("/articles/100%"), Route::Article("100%".into()));
        assert_eq!(route("/articles/%zz"), Route::Article("%zz".into()));
        assert_eq!(route("/articles/%FF"), Route::Article("%FF".into()));
    }

    #[test]
    fn widget_paths_name_their_widget_and_article() {
        assert_eq!(widget_route("/embed/articles/a/card"), Some((Widget::Card, "a".into())));
        assert_eq!(widget_route("/embed/articles/a/related/"), Some((Widget::Related, "a".into())));
        assert_eq!(
            widget_route("/embed/articles/%C3%A9/comments"),
            Some((Widget::Comments, "é".into()))
        );
        for path in ["/embed/articles/a", "/embed/articles/a/poll", "/embed/x/a/card", "/embed/"] {
            assert_eq!(widget_route(path), None, "{path}");
        }
    }
}
