//! Lone UTF-16 surrogates in JSON text. A backend written in JavaScript that cuts a string in
//! the middle of an emoji (`title.slice(0, 80)`) sends half of a surrogate pair, which
//! `JSON.stringify` writes as an escape such as `\ud83d`. Browsers read it (and show U+FFFD),
//! but serde_json refuses the whole document, so one cut headline would cost the reader the
//! article. Such escapes become `\uFFFD` before decoding, as the browser would show them.

/// `text` (JSON, or anything else a backend sent) with every `\u` escape of a lone surrogate
/// inside a string replaced by `\uFFFD`; everything else, valid pairs included, is left as it
/// is. Both escapes are six bytes, so the text keeps its length.
pub fn without_lone_surrogates(text: String) -> String {
    // Most answers have no surrogate escapes at all: one quick pass says so.
    let bytes = text.as_bytes();
    let maybe = (0..bytes.len()).any(|at| matches!(bytes[at..], [b'\\', b'u', b'd' | b'D', ..]));
    if !maybe {
        return text;
    }
    let mut bytes = text.into_bytes();
    let mut at = 0;
    let mut in_string = false;
    while at < bytes.len() {
        match bytes[at] {
            b'"' => {
                in_string = !in_string;
                at += 1;
            }
            // Bytes of multi-byte UTF-8 characters are never `"` or `\`, so stepping over bytes
            // cannot land inside an escape or miss a quote.
            b'\\' if in_string => match unit_at(&bytes, at) {
                Some(0xD800..=0xDBFF)
                    if matches!(unit_at(&bytes, at + 6), Some(0xDC00..=0xDFFF)) =>
                {
                    at += 12;
                }
                Some(0xD800..=0xDFFF) => {
                    bytes[at..at + 6].copy_from_slice(b"\\uFFFD");
                    at += 6;
                }
                Some(_) => at += 6,
                // `\\`, `\"` and the other two-character escapes.
                None => at += 2,
            },
            _ => at += 1,
        }
    }
    // Only ASCII was replaced by ASCII, so the text is still UTF-8; the check cannot fail.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The code unit of a `\uXXXX` escape starting at `at`, if there is one.
fn unit_at(bytes: &[u8], at: usize) -> Option<u32> {
    match bytes.get(at..at + 6)? {
        [b'\\', b'u', hex @ ..] => {
            hex.iter().try_fold(0, |unit, &digit| Some(unit << 4 | char::from(digit).to_digit(16)?))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repaired(text: &str) -> String {
        without_lone_surrogates(text.to_owned())
    }

    #[test]
    fn a_cut_emoji_becomes_the_replacement_character_and_the_document_decodes() {
        let text = r#"{"title": "Harbour news \ud83d", "body": "\udc00 and \uD83D\uDE00"}"#;
        assert!(serde_json::from_str::<serde_json::Value>(text).is_err());
        let value: serde_json::Value =
            serde_json::from_str(&repaired(text)).expect("decodes once repaired");
        assert_eq!(value["title"], "Harbour news \u{FFFD}");
        assert_eq!(value["body"], "\u{FFFD} and 😀");
    }

    #[test]
    fn valid_pairs_and_everything_outside_escapes_are_left_alone() {
        for text in [
            r#"{"a": "\ud83d\ude00 \uD83C\uDF0A", "b": "plain Zoë 東京"}"#,
            r#"{"a": "no escapes at all"}"#,
            // An escaped backslash followed by the letters "ud83d" is text, not an escape.
            r#"{"a": "C:\\ud83d\\x"}"#,
            r#"{"a": "\"\\", "b": "\u00e9\n"}"#,
            "",
        ] {
            assert_eq!(repaired(text), text);
        }
    }

    #[test]
    fn only_escapes_inside_strings_are_touched_and_the_length_is_kept() {
        let text = r#"\ud83d {"key \ud83d": "\ud800\ud800\udc00", "n": 1} "\udfff"#;
        let out = repaired(text);
        assert_eq!(out, r#"\ud83d {"key \uFFFD": "\uFFFD\ud800\udc00", "n": 1} "\uFFFD"#);
        assert_eq!(out.len(), text.len());
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use crate::api::json_values::document;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn json_that_serde_json_writes_is_never_changed(value in document()) {
                let text = value.to_string();
                prop_assert_eq!(repaired(&text), text);
            }

            /// Text made of the characters that matter here (quotes, backslashes, `u`, hex
            /// digits): the length is kept, a second pass changes nothing, and whatever decoded
            /// before decodes to the same value after.
            #[test]
            fn any_text_keeps_its_length_and_repairs_once(text in r#"["\\udDcCfF0-9a ]{0,40}"#) {
                let once = repaired(&text);
                prop_assert_eq!(once.len(), text.len());
                prop_assert_eq!(repaired(&once), once.clone());
                if let Ok(before) = serde_json::from_str::<serde_json::Value>(&text) {
                    prop_assert_eq!(serde_json::from_str::<serde_json::Value>(&once).ok(), Some(before));
                }
            }
        }
    }

    #[test]
    fn an_escape_cut_by_the_end_of_the_text_is_left_for_the_decoder_to_refuse() {
        for text in [r#""\ud8"#, r#""\ud83d\u"#, r#""\ud83d\ude"#] {
            assert_eq!(repaired(text), text.replace("\\ud83d", "\\uFFFD"));
        }
    }
}
