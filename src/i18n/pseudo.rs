//! The pseudo-locale `en-XA`: every English message with its letters accented, about a third
//! longer, and in brackets ("[Ŗéþļý · · ·]"), placeholders untouched. A page drawn in it shows at
//! a glance, and to the e2e specs, any interface text that did not come from a catalogue, and
//! where longer translations will not fit.

/// The pseudo-localised form of an English message.
pub fn pseudo_localise(message: &str) -> String {
    let mut out = String::with_capacity(message.len() * 2);
    out.push('[');
    let mut rest = message;
    let mut letters: usize = 0;
    while !rest.is_empty() {
        // Placeholders are copied as they are: they are replaced later.
        if rest.starts_with("{{") {
            if let Some(end) = rest.find("}}") {
                out.push_str(&rest[..end + 2]);
                rest = &rest[end + 2..];
                continue;
            }
        }
        let Some(c) = rest.chars().next() else { break };
        if c.is_alphabetic() {
            letters += 1;
        }
        out.push(accented(c));
        rest = &rest[c.len_utf8()..];
    }
    // About 30% longer, as many translations are.
    for _ in 0..letters.div_ceil(3) {
        out.push('·');
    }
    out.push(']');
    out
}

fn accented(c: char) -> char {
    const PLAIN: &str = "abcdeghiklnorstuyzABCDEGHIKLNORSTUYZ";
    const ACCENTED: &str = "àƀçđéĝĥîķļñöŕšţûýžÀƁÇĐÉĜĤÎĶĻÑÖŔŠŢÛÝŽ";
    PLAIN.chars().position(|p| p == c).and_then(|i| ACCENTED.chars().nth(i)).unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_bracketed_accented_and_longer_with_placeholders_kept() {
        assert_eq!(pseudo_localise("Reply"), "[Ŕépļý··]");
        let reply = pseudo_localise("Reply to {{author}}");
        assert!(reply.starts_with("[Ŕépļý ţö {{author}}"), "{reply}");
        assert!(reply.ends_with("·]"));
        assert!(reply.chars().count() as f64 >= "Reply to {{author}}".len() as f64 * 1.2);
        assert_eq!(pseudo_localise(""), "[]");
    }
}
