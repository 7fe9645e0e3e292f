//! Web origins (`scheme://host[:port]`) written the way browsers write `location.origin`: the
//! partner sites allowed to embed Broadsheet, read by the app and the reference backend alike.

use serde_json::Value;

/// An example for messages that say what was expected.
pub const EXAMPLE: &str = "https://partner.example";

/// The origin as a browser serialises it (lower case, no default port, no trailing slash), or
/// `None` when `text` is not an `http(s)` origin: a path, query, user name, wildcard or any
/// other scheme is refused, so the result can go into a header or be compared with
/// `MessageEvent.origin` as it is.
pub fn canonical(text: &str) -> Option<String> {
    let text = text.trim();
    let (scheme, rest) = text.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "http" => "80",
        "https" => "443",
        _ => return None,
    };
    let authority = rest.strip_suffix('/').unwrap_or(rest).to_ascii_lowercase();
    let (host, port) = match authority.rsplit_once(':') {
        // An IPv6 address has colons of its own: a port comes after its closing bracket.
        Some((host, port)) if !port.contains(']') => (host, Some(port)),
        _ => (authority.as_str(), None),
    };
    if !is_host(host) {
        return None;
    }
    match port {
        None => Some(format!("{scheme}://{host}")),
        Some(port) if port == default_port => Some(format!("{scheme}://{host}")),
        Some(port) if is_port(port) => Some(format!("{scheme}://{host}:{port}")),
        Some(_) => None,
    }
}

/// The list at `embed.allowed_origins` in a deployment's `config.json` (absent or `null` is an
/// empty list), each entry made canonical and listed once; the error says what was expected.
pub fn allowed_origins(value: Option<&Value>) -> Result<Vec<String>, String> {
    let items = match value {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Array(items)) => items,
        Some(_) => return Err(format!("must be a list of origins, e.g. [\"{EXAMPLE}\"].")),
    };
    let mut origins: Vec<String> = Vec::new();
    for item in items {
        let origin = item.as_str().and_then(canonical).ok_or_else(|| {
            format!(
                "has {item}: expected an origin such as \"{EXAMPLE}\" (http or https, a host and an optional port; no path)."
            )
        })?;
        if !origins.contains(&origin) {
            origins.push(origin);
        }
    }
    Ok(origins)
}

/// A DNS name, an IPv4 address or a bracketed IPv6 address (names already in punycode).
fn is_host(host: &str) -> bool {
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return inner.contains(':')
            && inner.chars().all(|c| c.is_ascii_hexdigit() || ":.".contains(c));
    }
    !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

fn is_port(port: &str) -> bool {
    !port.is_empty()
        && port.len() <= 5
        && port.bytes().all(|b| b.is_ascii_digit())
        && port.parse::<u32>().is_ok_and(|p| (1..=65_535).contains(&p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn origins_are_written_the_way_browsers_write_them() {
        let cases = [
            ("https://partner.example", "https://partner.example"),
            (" HTTPS://Partner.Example/ ", "https://partner.example"),
            ("http://127.0.0.1:8300", "http://127.0.0.1:8300"),
            ("http://localhost:80", "http://localhost"),
            ("https://news.example:443", "https://news.example"),
            ("https://news.example:8443", "https://news.example:8443"),
            ("http://[::1]:8300", "http://[::1]:8300"),
            ("http://[::1]", "http://[::1]"),
            ("https://xn--bcher-kva.example", "https://xn--bcher-kva.example"),
        ];
        for (text, expected) in cases {
            assert_eq!(canonical(text).as_deref(), Some(expected), "{text}");
        }
    }

    #[test]
    fn anything_but_an_http_origin_is_refused() {
        for text in [
            "",
            "partner.example",
            "//partner.example",
            "ftp://partner.example",
            "javascript://partner.example",
            "https://partner.example/path",
            "https://partner.example?x=1",
            "https://partner.example#top",
            "https://user@partner.example",
            "https://*.partner.example",
            "https://partner.example:0",
            "https://partner.example:65536",
            "https://partner.example:",
            "https://partner.example:80a",
            "https://",
            "https://-bad.example",
            "https://a..example",
            "https://partner example",
            "https://partner.example; script-src *",
            "https://partner.example\r\nX-Evil: 1",
            "null",
            "'self'",
            "*",
        ] {
            assert_eq!(canonical(text), None, "{text:?}");
        }
    }

    #[test]
    fn reads_the_allowed_list_and_names_a_bad_entry() {
        assert_eq!(allowed_origins(None), Ok(vec![]));
        assert_eq!(allowed_origins(Some(&Value::Null)), Ok(vec![]));
        assert_eq!(
            allowed_origins(Some(&json!([
                "https://a.example/",
                "https://A.example",
                "http://b.example:81"
            ]))),
            Ok(vec!["https://a.example".to_owned(), "http://b.example:81".to_owned()])
        );
        let error = allowed_origins(Some(&json!("https://a.example"))).expect_err("not a list");
        assert!(error.starts_with("must be a list of origins"), "{error}");
        let error = allowed_origins(Some(&json!(["https://a.example/x"]))).expect_err("a path");
        assert!(error.starts_with("has \"https://a.example/x\": expected an origin"), "{error}");
        let error = allowed_origins(Some(&json!([3]))).expect_err("not text");
        assert!(error.starts_with("has 3: expected"), "{error}");
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Text shaped like an origin, with the pieces that tend to break parsers.
        fn origin_like() -> impl Strategy<Value = String> {
            let scheme =
                prop_oneof![Just("https"), Just("HTTP"), Just("ftp"), Just(""), Just("javascript")];
            let host = prop_oneof![
                "[a-zA-Z0-9-]{0,12}(\\.[a-zA-Z0-9-]{1,8}){0,3}",
                "\\[[0-9a-f:.\\]\\[]{0,12}\\]?",
                any::<String>(),
            ];
            let port = proptest::option::of(prop_oneof!["[0-9]{0,7}", "[0-9a-z:\\]]{0,4}"]);
            let tail = prop_oneof![
                Just(""),
                Just("/"),
                Just("/x"),
                Just("?q"),
                Just("#f"),
                Just(" "),
                Just("\r\n")
            ];
            (scheme, host, port, tail).prop_map(|(scheme, host, port, tail)| {
                let port = port.map(|p| format!(":{p}")).unwrap_or_default();
                format!("{scheme}://{host}{port}{tail}")
            })
        }

        proptest! {
            #[test]
            fn canonical_origins_are_canonical_and_inert(text in prop_oneof![origin_like(), any::<String>()]) {
                if let Some(origin) = canonical(&text) {
                    prop_assert_eq!(canonical(&origin), Some(origin.clone()));
                    prop_assert!(origin.starts_with("http://") || origin.starts_with("https://"));
                    prop_assert!(origin
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"-.:/[]".contains(&b)));
                    prop_assert_eq!(origin.matches('/').count(), 2);
                }
            }
        }
    }
}
