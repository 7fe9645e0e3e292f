//! Which catalogue speaks for a BCP 47 tag: the tag itself if there is a catalogue for it, else
//! along its fallback chain (`pt-BR` → `pt` → `en`), never nothing.

/// The interface's default language, compiled into the app.
pub const DEFAULT: &str = "en";

/// The pseudo-locale for tests: English with accents and brackets around every message, and
/// longer (the app's `i18n::pseudo`), so text that is not from a catalogue stands out.
pub const PSEUDO: &str = "en-XA";

/// The tags to try for `requested`, most specific first, ending with [`DEFAULT`]:
/// `zh-Hant-TW` → `zh-Hant-TW`, `zh-Hant`, `zh`, `en`. Chinese without a script takes the one
/// its region writes (`zh-TW` → `zh-Hant`, `zh-CN` and `zh` → `zh-Hans`), as CLDR's likely
/// subtags do; `_` is read as `-`.
pub fn fallback_chain(requested: &str) -> Vec<String> {
    let requested = requested.trim().replace('_', "-");
    let subtags: Vec<&str> = requested.split('-').filter(|s| !s.is_empty()).collect();
    let mut chain: Vec<String> =
        (1..=subtags.len()).rev().map(|n| subtags[..n].join("-")).collect();
    if let Some(primary) = subtags.first().filter(|p| p.eq_ignore_ascii_case("zh")) {
        let has_script = subtags.iter().skip(1).any(|s| s.len() == 4);
        if !has_script {
            let traditional = subtags
                .iter()
                .skip(1)
                .any(|s| ["tw", "hk", "mo"].contains(&s.to_ascii_lowercase().as_str()));
            let script = if traditional { "Hant" } else { "Hans" };
            chain.insert(chain.len() - 1, format!("{primary}-{script}"));
        }
    }
    chain.push(DEFAULT.to_owned());
    chain
}

/// The first tag of `requested`'s chain that `available` has (compared without case), spelt as
/// `available` spells it.
pub fn negotiate<'a>(requested: &str, available: &[&'a str]) -> &'a str {
    fallback_chain(requested)
        .iter()
        .find_map(|tag| available.iter().find(|known| known.eq_ignore_ascii_case(tag)))
        .copied()
        .unwrap_or(DEFAULT)
}

#[cfg(test)]
mod tests {
    use super::*;

    const AVAILABLE: [&str; 6] = ["en", "de", "pt", "zh-Hans", "ar", "en-XA"];

    #[test]
    fn a_tag_falls_back_along_its_chain_to_english() {
        assert_eq!(fallback_chain("pt-BR"), ["pt-BR", "pt", "en"]);
        assert_eq!(negotiate("pt-BR", &AVAILABLE), "pt");
        assert_eq!(negotiate("de-CH-1996", &AVAILABLE), "de");
        assert_eq!(negotiate("DE", &AVAILABLE), "de");
        assert_eq!(negotiate("ar_EG", &AVAILABLE), "ar");
        assert_eq!(negotiate("sw", &AVAILABLE), "en");
        assert_eq!(negotiate("", &AVAILABLE), "en");
        assert_eq!(negotiate("en-XA", &AVAILABLE), "en-XA");
    }

    #[test]
    fn chinese_takes_the_script_its_region_writes() {
        assert_eq!(negotiate("zh", &AVAILABLE), "zh-Hans");
        assert_eq!(negotiate("zh-CN", &AVAILABLE), "zh-Hans");
        assert_eq!(negotiate("zh-hans-SG", &AVAILABLE), "zh-Hans");
        // Traditional Chinese has no catalogue yet: English, not Simplified.
        assert_eq!(negotiate("zh-TW", &AVAILABLE), "en");
        assert_eq!(negotiate("zh-Hant", &AVAILABLE), "en");
        assert_eq!(fallback_chain("zh-TW"), ["zh-TW", "zh-Hant", "zh", "en"]);
    }
}
