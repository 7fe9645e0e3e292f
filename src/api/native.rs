//! The native JSON contract (`../shared/contract`): URLs of each endpoint under the base URL.

use super::encode_segment;

/// How many feed entries to ask for at once.
pub const FEED_PAGE_SIZE: u32 = 10;

#[derive(Debug, Clone)]
pub struct Native {
    base_url: String,
}

impl Native {
    pub fn new(base_url: &str) -> Native {
        Native { base_url: base_url.trim_end_matches('/').to_owned() }
    }

    pub fn feed_url(&self, cursor: Option<&str>, section: Option<&str>) -> String {
        let mut url = format!("{}/articles?limit={FEED_PAGE_SIZE}", self.base_url);
        for (name, value) in [("cursor", cursor), ("section", section)] {
            if let Some(value) = value {
                url.push_str(&format!("&{name}={}", encode_segment(value)));
            }
        }
        url
    }

    pub fn related_url(&self, id: &str, limit: u32) -> String {
        format!("{}/articles/{}/related?limit={limit}", self.base_url, encode_segment(id))
    }

    pub fn article_url(&self, id: &str) -> String {
        format!("{}/articles/{}", self.base_url, encode_segment(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_contract_urls() {
        let api = Native::new("https://api.example/v1/");
        assert_eq!(api.feed_url(None, None), "https://api.example/v1/articles?limit=10");
        assert_eq!(
            api.feed_url(Some("a&b"), Some("City")),
            "https://api.example/v1/articles?limit=10&cursor=a%26b&section=City"
        );
        assert_eq!(api.related_url("x", 6), "https://api.example/v1/articles/x/related?limit=6");
        assert_eq!(api.article_url("a/b"), "https://api.example/v1/articles/a%2Fb");
    }
}
