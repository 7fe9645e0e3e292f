//! Which URLs from untrusted data a page may follow or load: the app's, and the article preview
//! the reference backend draws into article pages.

/// Returns the URL when it is safe to use as a link or image source: `http:`/`https:`, a
/// relative reference (which the browser resolves against this http(s) page), and `mailto:` when
/// allowed. Anything else (`javascript:`, `data:`, `vbscript:`, ...) is dropped.
pub fn safe_url(url: &str, allow_mailto: bool) -> Option<&str> {
    let trimmed = url.trim();
    if trimmed.is_empty() || trimmed.chars().any(|c| c.is_control()) {
        return None;
    }
    match scheme_of(trimmed) {
        None => Some(trimmed),
        Some(scheme)
            if scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https") =>
        {
            Some(trimmed)
        }
        Some(scheme) if allow_mailto && scheme.eq_ignore_ascii_case("mailto") => Some(trimmed),
        Some(_) => None,
    }
}

/// The scheme of an absolute URL, or `None` for a relative reference (RFC 3986, section 3.1).
fn scheme_of(url: &str) -> Option<&str> {
    let end = url.find([':', '/', '?', '#'])?;
    if !url[end..].starts_with(':') {
        return None;
    }
    let scheme = &url[..end];
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    // Something like "a b:c" is not a scheme, but browsers may still read it as one: refuse it.
    Some(if valid { scheme } else { url })
}

#[cfg(test)]
mod tests {
    use super::safe_url;

    #[test]
    fn keeps_web_links_and_relative_references() {
        for url in [
            "https://news.example/a",
            "HTTP://news.example",
            "/demo/harbour.svg",
            "img/x.png",
            "//cdn.example/x.png",
            "?page=2",
            "#top",
        ] {
            assert_eq!(safe_url(url, false), Some(url), "{url}");
        }
    }

    #[test]
    fn drops_script_and_data_urls_however_they_are_disguised() {
        for url in [
            "javascript:alert(1)",
            " JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox",
            "file:///etc/passwd",
            "",
            "   ",
            "weird scheme:x",
        ] {
            assert_eq!(safe_url(url, true), None, "{url:?}");
        }
    }

    #[test]
    fn mailto_only_where_allowed() {
        assert_eq!(safe_url("mailto:desk@news.example", true), Some("mailto:desk@news.example"));
        assert_eq!(safe_url("mailto:desk@news.example", false), None);
    }
}
