//! Which page an address shows, and moving between the reader's pages without reloading.
//!
//! The app has three reader routes and three widget routes; `leptos_router` did this for about
//! 25 KB of the brotli bundle (see BENCHMARKS.md), so the few rules it needs live here:
//! the matching is pure (tested natively), the browser glue is [`start`]. Pages are matched and
//! linked under the app's base, for an app served under a sub-path (docs/static-hosting.md).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::navigation::{Move, Navigation};

/// A page of the full reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Home,
    Article(String),
    NotFound,
}

/// The path the app is served under: `/`, or `/news/` for `https://example.com/news/` (Trunk's
/// public URL, which `public/early.js` reads from `index.html` into `window.__broadsheetBase`).
/// Every page path the app matches or builds is under it; the functions below take paths
/// relative to it ("/articles/a"), as [`app_path`] gives them and [`href`] takes them.
fn base() -> &'static str {
    static BASE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    BASE.get_or_init(|| {
        let base = web_sys::window()
            .and_then(|window| js_sys::Reflect::get(&window, &"__broadsheetBase".into()).ok())
            .and_then(|base| base.as_string());
        base.filter(|base| is_base(base)).unwrap_or_else(|| "/".to_owned())
    })
}

/// A usable base: an absolute path that ends in "/".
fn is_base(base: &str) -> bool {
    base.starts_with('/') && !base.starts_with("//") && base.ends_with('/')
}

/// `path` (as in `location.pathname`) relative to `base`, or `None` outside it:
/// "/news/articles/a" is "/articles/a" under "/news/", and "/news/" or "/news" is "/".
fn under<'a>(base: &str, path: &'a str) -> Option<&'a str> {
    let directory = base.strip_suffix('/')?;
    match path.strip_prefix(directory)? {
        "" if !directory.is_empty() => Some("/"),
        rest => rest.starts_with('/').then_some(rest),
    }
}

/// The address of the app's page `path` ("/", "/articles/a", "/?section=x") under `base`.
fn href_under(base: &str, path: &str) -> String {
    format!("{}{path}", base.strip_suffix('/').unwrap_or(base))
}

/// The current page's `path` relative to the app's base (see [`under`]).
pub fn app_path(path: &str) -> Option<&str> {
    under(base(), path)
}

/// The address of the app's page or file `path` ("/articles/a", "/config.json"): every link to
/// one of the app's pages is built here, so that it stays under the app's base.
pub fn href(path: &str) -> String {
    href_under(base(), path)
}

/// Which page of the full reader an address's path (`location.pathname`) shows.
fn page_at(path: &str) -> Route {
    app_path(path).map_or(Route::NotFound, route)
}

/// Which page of the full reader a path (relative to the base) shows.
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
/// drawn here rather than loaded) and provides it as context, with the [`Navigation`] between
/// pages (scroll and focus); call once, for the full reader. Never for a widget: on a partner's
/// page every link leaves the frame.
pub fn start() -> Location {
    let (path, search) = current();
    let path = RwSignal::new(path);
    let current_route = Memo::new(move |_| page_at(&path.read()));
    let location = Location { path, search: RwSignal::new(search), route: current_route };
    let navigation = Navigation::start();
    let _ = window_event_listener(leptos::ev::popstate, move |_| {
        let (path, search) = current();
        // A fragment-only move (a footnote link) stays on the same page.
        if location.path.get_untracked() != path || location.search.get_untracked() != search {
            navigation.leave(Move::BackOrForward);
        }
        location.path.set(path);
        location.search.set(search);
    });
    let _ = window_event_listener(leptos::ev::click, move |event| {
        follow_link(location, navigation, &event)
    });
    provide_context(location);
    provide_context(navigation);
    location
}

/// The reader's location; only inside the full reader.
pub fn use_location() -> Location {
    expect_context::<Location>()
}

/// A plain left click on a link to another of the reader's pages is drawn here; anything else (a
/// new tab, a download, another site, another address of this site, a fragment of this page) is
/// left to the browser.
fn follow_link(location: Location, navigation: Navigation, event: &web_sys::MouseEvent) {
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
    if page_at(&path) == Route::NotFound {
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
    navigation.leave(Move::Link);
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
    fn under_a_base_the_app_has_its_paths_and_nothing_else() {
        for path in ["/", "/articles/a", "/embed/articles/a/card", "/config.json", "//"] {
            assert_eq!(under("/", path), Some(path), "{path}");
        }
        assert_eq!(under("/", ""), None);
        assert_eq!(under("/news/", "/news/"), Some("/"));
        assert_eq!(under("/news/", "/news"), Some("/"));
        assert_eq!(under("/news/", "/news/articles/a/"), Some("/articles/a/"));
        assert_eq!(under("/a/b/", "/a/b/articles/a"), Some("/articles/a"));
        for path in ["/", "", "/articles/a", "/newsroom/articles/a", "/newsx", "/a/articles/x"] {
            assert_eq!(under("/news/", path), None, "{path}");
        }
        let route_under = |path| under("/news/", path).map_or(Route::NotFound, route);
        assert_eq!(route_under("/news/"), Route::Home);
        assert_eq!(route_under("/news/articles/caf%C3%A9"), Route::Article("café".into()));
        assert_eq!(route_under("/news/about"), Route::NotFound);
        assert_eq!(route_under("/articles/a"), Route::NotFound);
        assert_eq!(
            under("/news/", "/news/embed/articles/a/card").and_then(widget_route),
            Some((Widget::Card, "a".into()))
        );
    }

    #[test]
    fn links_are_built_under_the_base() {
        // At the root of the origin, paths are links as they are.
        for path in ["/", "/articles/a", "/?section=City", "/config.json"] {
            assert_eq!(href_under("/", path), path);
        }
        assert_eq!(href_under("/news/", "/"), "/news/");
        assert_eq!(href_under("/news/", "/articles/a%2Fb"), "/news/articles/a%2Fb");
        assert_eq!(href_under("/news/", "/?section=City"), "/news/?section=City");
        assert_eq!(href_under("/news/", "/config.json"), "/news/config.json");
        for base in ["/", "/news/", "/a/b/"] {
            for path in ["/", "/articles/a", "/embed/articles/a/related"] {
                assert_eq!(under(base, &href_under(base, path)), Some(path), "{base} {path}");
            }
        }
    }

    #[test]
    fn a_base_is_an_absolute_path_to_a_folder() {
        for base in ["/", "/news/", "/a/b/"] {
            assert!(is_base(base), "{base}");
        }
        for base in ["", "news/", "/news", "./", "//evil.example/", "https://example.com/news/"] {
            assert!(!is_base(base), "{base}");
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
