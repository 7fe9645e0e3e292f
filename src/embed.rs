//! Running inside a partner's iframe (`/embed/...`, put there by `public/embed.js`): which partner
//! it is and whether it is allowed, the theme it asked for, and the messages exchanged with it —
//! content heights out, theme changes in — only ever with that partner's exact origin.

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::model::origin;

/// Where the embed routes live; the full reader's header and footer are never drawn there.
pub(crate) const PATH_PREFIX: &str = "/embed/";

/// The message the embed posts when its content height or title changes: `{type, widget, height,
/// first, title, lang}` (`first`: the document's first, after which it listens for the theme;
/// `title` and `lang`: the document's, in the interface's language, which `embed.js` gives the
/// iframe for screen readers on the partner's page).
pub const HEIGHT_MESSAGE: &str = "broadsheet:height";
/// The message `embed.js` posts to change the theme: `{type, theme}`.
pub const THEME_MESSAGE: &str = "broadsheet:theme";

pub(crate) fn is_embed_path(path: &str) -> bool {
    path.starts_with(PATH_PREFIX)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    /// `light` or `dark` (`embed.js` resolves `auto` on the partner's side); anything else is none.
    pub(crate) fn parse(text: &str) -> Option<Theme> {
        match text {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// What `embed.js` wrote in the iframe's address: `?origin=&widget=&theme=`.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Address {
    /// The partner page's origin, as its script read it.
    pub partner: Option<String>,
    /// The widget's id on the partner page, echoed in every message so it can find its iframe.
    pub widget: String,
    pub theme: Option<Theme>,
    /// The interface language the partner asked for (`data-lang`), over the site's.
    pub lang: Option<String>,
}

impl Address {
    /// The current page's address.
    pub(crate) fn current() -> Address {
        let params = web_sys::window()
            .and_then(|window| window.location().search().ok())
            .and_then(|search| web_sys::UrlSearchParams::new_with_str(&search).ok());
        let Some(params) = params else { return Address::default() };
        Address {
            partner: params.get("origin").filter(|o| !o.is_empty()),
            widget: params.get("widget").unwrap_or_default(),
            theme: params.get("theme").as_deref().and_then(Theme::parse),
            lang: params.get("lang").filter(|tag| crate::model::is_language_tag(tag)),
        }
    }
}

/// Who the embed shows itself to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Framing {
    /// No partner named (the page opened on its own, or framed by an allowed page without
    /// `embed.js`): it is shown and tells nobody its height.
    Alone,
    /// An allowed partner, which is told the height, and whose theme messages are obeyed.
    Partner(String),
    /// Framed, naming an allowed partner, where the browser cannot say who frames it (Firefox has
    /// no `location.ancestorOrigins`). Shown only once the partner's `embed.js` has answered: the
    /// height message goes to the named partner's exact origin, so only a page of that origin
    /// receives it, and `embed.js` answers it with the theme. A page that lies about being the
    /// partner never hears it and gets nothing.
    Unverified(String),
    /// A site that is not allowed, or a page that names a partner it is not.
    Refused,
}

/// Decides [`Framing`] from the partner named in the address, the origin of the page that really
/// frames this one where the browser says (`location.ancestorOrigins[0]`), whether it is framed
/// by a page the browser does not name (`unknown_framer`), this page's own origin and the
/// configured partners. The reader's own origin is always allowed.
pub(crate) fn framing(
    named: Option<&str>,
    framed_by: Option<&str>,
    unknown_framer: bool,
    own: &str,
    allowed: &[String],
) -> Framing {
    let is_allowed = |origin: &str| origin == own || allowed.iter().any(|a| a == origin);
    if unknown_framer {
        // Fails closed: without a partner to ask, the framer cannot be told from any other.
        return match named.and_then(origin::canonical) {
            Some(partner) if is_allowed(&partner) => Framing::Unverified(partner),
            _ => Framing::Refused,
        };
    }
    let framed_by = match framed_by.map(origin::canonical) {
        None => None,
        Some(Some(actual)) if is_allowed(&actual) => Some(actual),
        Some(_) => return Framing::Refused,
    };
    let Some(named) = named else { return Framing::Alone };
    match origin::canonical(named) {
        Some(partner) if is_allowed(&partner) && framed_by.is_none_or(|f| f == partner) => {
            Framing::Partner(partner)
        }
        _ => Framing::Refused,
    }
}

/// The framing of the current page, given the configured partners.
pub(crate) fn current_framing(address: &Address, allowed: &[String]) -> Framing {
    let Some(window) = web_sys::window() else { return Framing::Refused };
    let location = window.location();
    let own = location.origin().unwrap_or_default();
    // Chromium and WebKit have `ancestorOrigins` (not in web-sys: Firefox lacks it).
    let ancestors = js_sys::Reflect::get(&location, &"ancestorOrigins".into())
        .ok()
        .filter(|origins| origins.is_object());
    let framed_by = ancestors
        .as_ref()
        .and_then(|origins| js_sys::Reflect::get(origins, &0.into()).ok())
        .and_then(|origin| origin.as_string());
    let framed = window.parent().ok().flatten().is_some_and(|parent| {
        let own_window: &JsValue = window.as_ref();
        !js_sys::Object::is(&parent, own_window)
    });
    let unknown_framer = framed && ancestors.is_none();
    framing(address.partner.as_deref(), framed_by.as_deref(), unknown_framer, &own, allowed)
}

/// Shows the page in `theme` (`data-theme` on `<html>`; the stylesheet sets `color-scheme` from
/// it), or in the system's scheme with `None`.
pub fn show_theme(theme: Option<Theme>) {
    let Some(root) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element())
    else {
        return;
    };
    let _ = match theme {
        Some(theme) => root.set_attribute("data-theme", theme.as_str()),
        None => root.remove_attribute("data-theme"),
    };
}

/// The connection to an allowed partner page: reports the content height whenever it changes
/// and applies the theme changes the partner sends. Stops when dropped.
pub struct PartnerLink {
    /// Whether a message has come from the partner page (see [`Framing::Unverified`]).
    pub heard: ReadSignal<bool, LocalStorage>,
    resizes: web_sys::ResizeObserver,
    mutations: web_sys::MutationObserver,
    _report: Closure<dyn FnMut()>,
    on_message: Option<WindowListenerHandle>,
}

impl PartnerLink {
    pub fn connect(partner: String, widget: String) -> Option<PartnerLink> {
        let window = web_sys::window()?;
        let parent = window.parent().ok().flatten()?;
        let document = window.document()?;
        let root = document.document_element()?;

        let last_height = Rc::new(Cell::new(-1.0));
        let mut last_title = String::new();
        let report = Closure::<dyn FnMut()>::new({
            let (root, parent, partner) = (root.clone(), parent.clone(), partner.clone());
            move || {
                let height = root.get_bounding_client_rect().height().ceil();
                let last = last_height.replace(height);
                let title = document.title();
                if height != last || title != last_title {
                    let lang = root.get_attribute("lang").unwrap_or_default();
                    let message = object(&[
                        ("type", HEIGHT_MESSAGE.into()),
                        ("widget", widget.as_str().into()),
                        ("height", height.into()),
                        ("first", (last < 0.0).into()),
                        ("title", title.as_str().into()),
                        ("lang", lang.into()),
                    ]);
                    last_title = title;
                    // Only ever to the partner's exact origin: another page never learns anything.
                    let _ = parent.post_message(&message, &partner);
                }
            }
        });
        let resizes = web_sys::ResizeObserver::new(report.as_ref().unchecked_ref()).ok()?;
        resizes.observe(&root);
        // Chromium gives an offscreen cross-origin frame no rendering updates, so no resize
        // callbacks, until it is scrolled into view; changes to the page still say when to
        // measure, so the partner's page has the right height before the reader gets there.
        let mutations = web_sys::MutationObserver::new(report.as_ref().unchecked_ref()).ok()?;
        let options = web_sys::MutationObserverInit::new();
        options.set_child_list(true);
        options.set_subtree(true);
        options.set_character_data(true);
        options.set_attributes(true);
        mutations.observe_with_options(&root, &options).ok()?;

        let (heard, set_heard) = signal_local(false);
        let on_message = window_event_listener(leptos::ev::message, move |event| {
            let from_partner = event.origin() == partner
                && event.source().is_some_and(|source| js_sys::Object::is(&source, &parent));
            if !from_partner {
                return;
            }
            if !heard.get_untracked() {
                set_heard.set(true);
            }
            let data = event.data();
            if field(&data, "type").as_deref() == Some(THEME_MESSAGE) {
                if let Some(theme) = field(&data, "theme").as_deref().and_then(Theme::parse) {
                    show_theme(Some(theme));
                }
            }
        });
        Some(PartnerLink {
            heard,
            resizes,
            mutations,
            _report: report,
            on_message: Some(on_message),
        })
    }
}

impl Drop for PartnerLink {
    fn drop(&mut self) {
        self.resizes.disconnect();
        self.mutations.disconnect();
        if let Some(listener) = self.on_message.take() {
            listener.remove();
        }
    }
}

/// A plain object with these fields, to post as a message.
fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (name, value) in fields {
        let _ = js_sys::Reflect::set(&object, &(*name).into(), value);
    }
    object.into()
}

/// A string field of a message from another page (which may be anything at all).
fn field(data: &JsValue, name: &str) -> Option<String> {
    if !data.is_object() {
        return None;
    }
    js_sys::Reflect::get(data, &name.into()).ok()?.as_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const OWN: &str = "https://reader.example";

    fn allowed() -> Vec<String> {
        vec!["https://partner.example".to_owned(), "http://127.0.0.1:8300".to_owned()]
    }

    #[test]
    fn only_embed_paths_are_embeds() {
        assert!(is_embed_path("/embed/articles/a/comments"));
        assert!(!is_embed_path("/embed"));
        assert!(!is_embed_path("/embedded/x"));
        assert!(!is_embed_path("/articles/embed/x"));
    }

    #[test]
    fn an_allowed_partner_is_shown_and_told_its_height() {
        let partner = Framing::Partner("https://partner.example".to_owned());
        assert_eq!(framing(Some("https://partner.example"), None, false, OWN, &allowed()), partner);
        assert_eq!(
            framing(
                Some("https://partner.example"),
                Some("https://partner.example"),
                false,
                OWN,
                &allowed()
            ),
            partner
        );
        assert_eq!(
            framing(
                Some("http://127.0.0.1:8300"),
                Some("http://127.0.0.1:8300"),
                false,
                OWN,
                &allowed()
            ),
            Framing::Partner("http://127.0.0.1:8300".to_owned())
        );
        // The reader itself may always embed its own widgets.
        assert_eq!(
            framing(Some(OWN), Some(OWN), false, OWN, &[]),
            Framing::Partner(OWN.to_owned())
        );
    }

    #[test]
    fn a_page_that_names_no_partner_is_shown_to_nobody_in_particular() {
        assert_eq!(framing(None, None, false, OWN, &allowed()), Framing::Alone);
        assert_eq!(
            framing(None, Some("https://partner.example"), false, OWN, &allowed()),
            Framing::Alone
        );
    }

    #[test]
    fn other_sites_and_lies_about_the_partner_are_refused() {
        for (named, framed_by) in [
            (Some("https://evil.example"), None),
            (Some("https://evil.example"), Some("https://evil.example")),
            (Some("http://127.0.0.1:8301"), Some("http://127.0.0.1:8301")),
            // An evil page that claims to be an allowed partner: the browser knows better.
            (Some("https://partner.example"), Some("https://evil.example")),
            (Some("*"), None),
            (Some("null"), Some("null")),
            (Some("https://partner.example/page"), None),
            // Framed by a site that is not allowed, naming no partner at all.
            (None, Some("https://evil.example")),
            (None, Some("null")),
        ] {
            assert_eq!(
                framing(named, framed_by, false, OWN, &allowed()),
                Framing::Refused,
                "{named:?} {framed_by:?}"
            );
        }
    }

    #[test]
    fn a_framer_the_browser_does_not_name_must_prove_it_is_the_partner() {
        let named = |partner| framing(Some(partner), None, true, OWN, &allowed());
        let unverified = Framing::Unverified("https://partner.example".to_owned());
        assert_eq!(named("https://Partner.example/"), unverified);
        // Naming a site that is not allowed, or none at all, cannot be checked: refused.
        assert_eq!(named("https://evil.example"), Framing::Refused);
        assert_eq!(framing(None, None, true, OWN, &allowed()), Framing::Refused);
    }

    #[test]
    fn themes_are_light_or_dark() {
        assert_eq!(Theme::parse("dark"), Some(Theme::Dark));
        assert_eq!(Theme::parse("light"), Some(Theme::Light));
        assert_eq!(Theme::parse("auto"), None);
        assert_eq!(Theme::parse("DARK"), None);
    }
}
