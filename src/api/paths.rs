//! Endpoint path templates: what follows a backend's base URL for each request, with `{id}`
//! standing for an identifier, so a deployment can point Broadsheet at its own routes.

use serde_json::{Map, Value};

use super::encode_segment;
use crate::config::{key_error, unknown_key, ConfigError};

/// The placeholder a template's identifier goes in.
pub(crate) const ID: &str = "{id}";

/// One endpoint's path under the base URL, e.g. `/articles/{id}/related`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template(String);

/// A template's configuration key, whether it takes an identifier, and the template itself:
/// what [`read_templates`] walks to read `backend.paths`.
pub type Slot<'a> = (&'static str, bool, &'a mut Template);

impl Template {
    /// A template the code itself supplies (a default); configured ones go through [`Template::parse`].
    pub(crate) fn new(template: &str) -> Template {
        Template(template.to_owned())
    }

    /// Checks a configured template: a path starting with `/` (it may carry a query), with
    /// `{id}` where an identifier is needed and nowhere else. The error says what was expected.
    pub(crate) fn parse(text: &str, needs_id: bool) -> Result<Template, String> {
        let text = text.trim();
        let example = if needs_id { "\"/stories/{id}\"" } else { "\"/stories\"" };
        if !text.starts_with('/') || text.starts_with("//") {
            return Err(format!("must be a path starting with \"/\", e.g. {example}."));
        }
        if text.chars().any(|c| c.is_whitespace() || c.is_control() || c == '#') {
            return Err(format!("must not contain spaces or \"#\", e.g. {example}."));
        }
        let without_id = text.replace(ID, "");
        if without_id.contains(['{', '}']) {
            return Err(format!("may only use the placeholder \"{ID}\", e.g. {example}."));
        }
        match (needs_id, text.contains(ID)) {
            (true, false) => Err(format!("must contain \"{ID}\", e.g. {example}.")),
            (false, true) => Err(format!(
                "must not contain \"{ID}\" (this endpoint takes no id), e.g. {example}."
            )),
            _ => Ok(Template(text.to_owned())),
        }
    }

    /// The URL under `base` for this endpoint, with `id` percent-encoded in place of `{id}`.
    pub(crate) fn url(&self, base: &str, id: &str) -> String {
        format!("{base}{}", self.0.replace(ID, &encode_segment(id)))
    }
}

/// Overrides a kind's default templates with those configured in `backend.paths`.
pub(crate) fn read_templates<const N: usize>(
    configured: Option<&Map<String, Value>>,
    mut slots: [Slot<'_>; N],
) -> Result<(), ConfigError> {
    let Some(configured) = configured else { return Ok(()) };
    for (name, value) in configured {
        let key = format!("backend.paths.{name}");
        let Some((_, needs_id, template)) = slots.iter_mut().find(|(slot, _, _)| slot == name)
        else {
            let known = slots.map(|(slot, _, _)| slot);
            return Err(unknown_key("backend.paths.", name, &known));
        };
        match value {
            Value::Null => {}
            Value::String(text) => {
                **template = Template::parse(text, *needs_id).map_err(|p| key_error(&key, &p))?
            }
            _ => {
                let example = if *needs_id { "\"/stories/{id}\"" } else { "\"/stories\"" };
                return Err(key_error(
                    &key,
                    &format!("must be a path template such as {example}."),
                ));
            }
        }
    }
    Ok(())
}

/// Appends one query parameter, starting the query or continuing one the template (or the base
/// URL, like WordPress's `?rest_route=`) already has. The value is percent-encoded.
pub(crate) fn push_query(url: &mut String, name: &str, value: &str) {
    url.push(if url.contains('?') { '&' } else { '?' });
    url.push_str(name);
    url.push('=');
    url.push_str(&encode_segment(value));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_in_encoded_ids_under_the_base() {
        let template = Template::new("/articles/{id}/related");
        assert_eq!(template.url("/api", "a/b c"), "/api/articles/a%2Fb%20c/related");
        assert_eq!(
            Template::new("/feed").url("https://x.example", "ignored"),
            "https://x.example/feed"
        );
    }

    #[test]
    fn queries_start_or_continue() {
        let mut url = "/api/stories".to_owned();
        push_query(&mut url, "limit", "10");
        push_query(&mut url, "cursor", "a&b=c");
        assert_eq!(url, "/api/stories?limit=10&cursor=a%26b%3Dc");
        let mut url = "https://wp.example/?rest_route=/wp/v2/posts".to_owned();
        push_query(&mut url, "page", "2");
        assert_eq!(url, "https://wp.example/?rest_route=/wp/v2/posts&page=2");
    }

    #[test]
    fn configured_templates_say_what_is_wrong() {
        assert_eq!(Template::parse(" /s/{id}.json ", true), Ok(Template::new("/s/{id}.json")));
        assert_eq!(Template::parse("/s?id={id}", true), Ok(Template::new("/s?id={id}")));
        assert_eq!(Template::parse("/stories", false), Ok(Template::new("/stories")));
        let problem = |text: &str, needs_id| Template::parse(text, needs_id).unwrap_err();
        assert!(problem("stories/{id}", true).starts_with("must be a path starting with \"/\""));
        assert!(problem("//cdn.example/{id}", true).starts_with("must be a path"));
        assert!(problem("/stories", true).starts_with("must contain \"{id}\""));
        assert!(problem("/stories/{id}", false).starts_with("must not contain \"{id}\""));
        assert!(problem("/stories/{slug}", true).starts_with("may only use the placeholder"));
        assert!(problem("/a b/{id}", true).starts_with("must not contain spaces"));
        assert!(problem("/a#{id}", true).starts_with("must not contain spaces or \"#\""));
    }
}
