//! Percent-encoding of one URL path segment (or query value), the one rule the app and the
//! backend build URLs with.

/// Percent-encodes every byte but RFC 3986's unreserved characters (ASCII letters, digits and
/// `-._~`), as `%XX` with upper-case hex, so that an identifier, which is an opaque string,
/// cannot change a URL's shape with `/`, `?`, `#`, `&` or `%`. `tests/e2e/kit/deployment.ts`
/// (`encodeSegment`) mirrors it.
///
/// Written out rather than through the `percent-encoding` crate: the crate's 768-byte table and
/// iterator cost about 400 B brotli in the app for the same output (measured). The tests check
/// it against the crate, byte for byte.
pub fn encode_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
    use proptest::prelude::*;

    use super::*;

    /// The same rule as an encode set of the `percent-encoding` crate.
    const SEGMENT: &AsciiSet =
        &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

    fn by_the_crate(text: &str) -> String {
        utf8_percent_encode(text, SEGMENT).to_string()
    }

    #[test]
    fn unreserved_characters_stay_as_they_are() {
        assert_eq!(encode_segment("harbour-bridge_2.0~x"), "harbour-bridge_2.0~x");
        assert_eq!(encode_segment("harbour-tram_1.x~"), "harbour-tram_1.x~");
        assert_eq!(encode_segment(""), "");
    }

    #[test]
    fn segments_cannot_escape_their_place_in_the_path() {
        assert_eq!(encode_segment("../admin?x=1#y"), "..%2Fadmin%3Fx%3D1%23y");
        assert_eq!(encode_segment("a&b=c+d%2F"), "a%26b%3Dc%2Bd%252F");
        assert_eq!(encode_segment("a b/é\n"), "a%20b%2F%C3%A9%0A");
        assert_eq!(encode_segment("نور"), "%D9%86%D9%88%D8%B1");
    }

    #[test]
    fn every_ascii_character_is_encoded_as_the_crate_does() {
        for byte in 0u8..=0x7f {
            let text = char::from(byte).to_string();
            let unreserved = byte.is_ascii_alphanumeric() || b"-._~".contains(&byte);
            let expected = if unreserved { text.clone() } else { format!("%{byte:02X}") };
            assert_eq!(encode_segment(&text), expected, "byte {byte:#04x}");
            assert_eq!(by_the_crate(&text), expected, "byte {byte:#04x}");
        }
    }

    proptest! {
        #[test]
        fn any_text_is_encoded_as_the_crate_does(text in any::<String>()) {
            prop_assert_eq!(encode_segment(&text), by_the_crate(&text));
        }
    }
}
