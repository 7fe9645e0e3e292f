//! Long articles: the pre-selected graph path (over 400 rankable sentences) must still return
//! valid, ordered, deterministic picks. No timing assertions here; see `examples/bench.rs`.

use broadsheet_summary::{split_sentences, summarize, Picked};

const VOCABULARY: &[&str] = &[
    "tide", "quay", "ferry", "lantern", "net", "rope", "gull", "harbour", "captain", "deck",
    "island", "storm", "calm", "bell", "buoy", "channel", "mooring", "cargo", "sail", "pier",
    "the", "a", "and", "of", "to", "with", "by", "at", "is", "was", "were", "near", "under",
    "bright", "grey", "early", "late", "slowly", "quickly", "loud", "quiet", "wet", "cold",
    "drifts", "waits", "rings", "turns", "leans", "shines", "creaks", "pulls", "rests", "sways",
];

/// Seeded LCG article: paragraphs of 2–5 sentences of 5–24 words, ending in `.`, `?` or `!`.
fn generated(words: usize, seed: u64) -> Vec<String> {
    let mut state = seed;
    let mut next = |bound: usize| {
        state =
            state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize % bound
    };
    let mut paragraphs = Vec::new();
    let mut written = 0;
    while written < words {
        let mut paragraph = String::new();
        for _ in 0..2 + next(4) {
            let len = 5 + next(20);
            for k in 0..len {
                let word = VOCABULARY[next(VOCABULARY.len())];
                if k == 0 {
                    paragraph.push_str(&word[..1].to_ascii_uppercase());
                    paragraph.push_str(&word[1..]);
                } else {
                    paragraph.push(' ');
                    paragraph.push_str(word);
                }
            }
            paragraph.push_str(["? ", "! ", ". ", ". ", ". "][next(5)]);
            written += len;
        }
        paragraphs.push(paragraph.trim_end().to_owned());
    }
    paragraphs
}

fn check(paragraphs: &[&str], picks: &[Picked], expected: usize) {
    assert_eq!(picks.len(), expected);
    for p in picks {
        assert_eq!(split_sentences(paragraphs[p.paragraph])[p.sentence], p.text);
    }
    assert!(picks
        .windows(2)
        .all(|w| (w[0].paragraph, w[0].sentence) < (w[1].paragraph, w[1].sentence)));
}

#[test]
fn fifty_thousand_words() {
    let article = generated(50_000, 7);
    let refs: Vec<&str> = article.iter().map(String::as_str).collect();
    let sentences: usize = refs.iter().map(|p| split_sentences(p).len()).sum();
    assert!(sentences > 2_500, "{sentences}");
    let picks = summarize(&refs, 5);
    check(&refs, &picks, 5);
    assert_eq!(picks, summarize(&refs, 5));
}

#[test]
fn around_the_graph_limit_of_400_sentences() {
    for words in [5_000, 6_500, 8_000] {
        let article = generated(words, words as u64);
        let refs: Vec<&str> = article.iter().map(String::as_str).collect();
        for max in 3..=5 {
            let picks = summarize(&refs, max);
            check(&refs, &picks, max);
            assert_eq!(picks, summarize(&refs, max));
        }
    }
}

#[test]
fn one_huge_paragraph_matches_many_small_ones() {
    let article = generated(12_000, 99);
    let refs: Vec<&str> = article.iter().map(String::as_str).collect();
    let joined = article.join(" ");
    let texts = |picks: Vec<Picked>| picks.into_iter().map(|p| p.text).collect::<Vec<_>>();
    assert_eq!(texts(summarize(&[joined.as_str()], 5)), texts(summarize(&refs, 5)));
}
