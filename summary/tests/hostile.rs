//! Inputs a feed can throw at the summariser: nothing may panic, and the basic promises hold.

use broadsheet_summary::{split_sentences, summarize};

/// Sentences are non-empty, trimmed, in order, inside `text`, and lose no visible character.
fn check_split(text: &str) {
    let parts = split_sentences(text);
    let mut last_end = 0;
    for part in &parts {
        assert!(!part.is_empty());
        assert_eq!(part.trim(), *part);
        let start = part.as_ptr() as usize - text.as_ptr() as usize;
        assert!(start >= last_end && start + part.len() <= text.len());
        assert!(text.is_char_boundary(start) && text.is_char_boundary(start + part.len()));
        last_end = start + part.len();
    }
    let visible = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    assert_eq!(visible(&parts.concat()), visible(text));
}

fn check_summary(paragraphs: &[&str], maxes: &[usize]) {
    for &max in maxes {
        let picks = summarize(paragraphs, max);
        let total: usize = paragraphs.iter().map(|p| split_sentences(p).len()).sum();
        assert!(picks.len() <= total.max(5));
        for p in &picks {
            assert_eq!(split_sentences(paragraphs[p.paragraph])[p.sentence], p.text);
        }
        assert!(picks
            .windows(2)
            .all(|w| (w[0].paragraph, w[0].sentence) < (w[1].paragraph, w[1].sentence)));
        if total > 3 {
            assert!(picks.len() <= 5);
        } else {
            assert_eq!(picks.len(), total);
        }
    }
}

fn check(text: &str) {
    check_split(text);
    check_summary(&[text], &[0, 3, 5, 100]);
    check_summary(&[text, text, "", text], &[0, 3, 5, 100]);
}

/// Cheaper variant for megabyte inputs, which are slow in unoptimised test builds.
fn check_large(text: &str) {
    check_split(text);
    check_summary(&[text], &[5]);
}

#[test]
fn odd_small_inputs() {
    for text in [
        "",
        " ",
        "\n\t\r",
        ".",
        "...",
        "!!!???",
        ". . . .",
        "…",
        "。",
        "؟",
        "\"",
        "\u{301}",
        "\u{301}.\u{301}",
        ".\u{301}",
        "a",
        "A. B. C. D. E.",
        "e.g. i.e. U.S. etc.",
        "Dr.",
        "Mr. Mrs. Ms. Dr. St.",
        "(((((.",
        ")))).",
        "\"\". \"\". \"\".",
        "1.2.3.4.5. 6. 7.",
        "🎉! 🎉! 🎉! 🎉!",
        "\u{FEFF}Hi. \u{200B}There.",
        "\0. \0. \0.",
    ] {
        check(text);
    }
}

#[test]
fn mixed_scripts_and_combining_marks() {
    check(
        "Zoë's cafe\u{301} opened. مرحباً بالجميع؟ 你好。Привет! नमस्ते। שָׁלוֹם. \
         e\u{301}\u{302}\u{303}. ﷺ. 𝔘𝔫𝔦𝔠𝔬𝔡𝔢. Ⅻ. ǅemal? 🇬🇧🇫🇷. Ａｂｃ．Ｄｅｆ。",
    );
}

#[test]
fn a_megabyte_of_one_word() {
    let word = "a".repeat(1 << 20);
    check_large(&word);
    let picks = summarize(&[word.as_str()], 5);
    assert_eq!(picks.len(), 1);
}

#[test]
fn a_megabyte_of_repeated_words_and_sentences() {
    check_large(&"ferry ".repeat(170_000));
    check_large(&"Ferry. ".repeat(150_000));
    check_large(&"The ferry sails at dawn today. ".repeat(34_000));
    let picks = summarize(&["The ferry sails at dawn today. ".repeat(34_000).as_str()], 5);
    assert_eq!(picks.len(), 1, "identical sentences are not repeated");
}

#[test]
fn a_megabyte_of_terminators_and_whitespace() {
    check_large(&".".repeat(1 << 20));
    check_large(&". ".repeat(1 << 19));
    check_large(&"。".repeat(300_000));
    check_large(&format!("Start.{}End.", " ".repeat(1 << 20)));
    check_large(&format!("Start. {}End.", "(".repeat(1 << 20)));
}

#[test]
fn pseudo_random_text() {
    // Deterministic soup of letters from many scripts, terminators, quotes, marks and spaces.
    let pool: Vec<char> = "aZqé e\u{301} Dr Mr U S e g . . . ! ? … ؟ ۔ । 。！？ \"'“”«»()「」 \
                           \u{300}\u{64B}\u{94D} \n\t 3 5 , ; : - 你好渡船 مهرجان नाव Привет 🎉"
        .chars()
        .collect();
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    for round in 0..150 {
        let len = (round * 37) % 1200;
        let mut text = String::new();
        for _ in 0..len {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            text.push(pool[(state >> 33) as usize % pool.len()]);
        }
        check(&text);
    }
}
