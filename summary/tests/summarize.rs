//! Summaries: size, order, fidelity to the text, determinism, and sensible picks.
//! All texts here are written for these tests.

use broadsheet_summary::{split_sentences, summarize, Picked, Summary};

const FERRY: &[&str] = &[
    "The Kessmouth harbour ferry will return to service on Monday after a six-week repair of its \
     engine. The council said the ferry, known locally as the Gull, had been fitted with a new \
     gearbox and a fresh coat of hull paint. Commuters who crossed the estuary by bus during the \
     repairs welcomed the news.",
    "Dr. Mira Okafor, who chairs the harbour board, said the ferry carries about 1,200 passengers \
     on a normal weekday. She expects the first morning crossings of the ferry to be busy. \"We \
     know the bus detour added forty minutes to every trip,\" she said. \"People will be glad to \
     have their ferry back.\"",
    "Fares on the harbour ferry will rise by 3.5 per cent from next month to cover the repair \
     bill. A monthly ferry pass will cost 48 pounds, up from 46. Pensioners and schoolchildren \
     will keep travelling free on every crossing.",
    "Meanwhile, the seafront cafe reopened with a new menu of soups. Its owner, a keen \
     gardener, grows most of the vegetables herself.",
    "The Gull was built in 1987 and is the oldest vessel in the harbour fleet. Engineers have \
     warned that the ferry engine may need a full replacement within ten years. The harbour board \
     is studying an electric ferry similar to one used on a northern lake.",
];

const FESTIVAL: &[&str] = &[
    "يبدأ مهرجان الموسيقى في مدينة الواحة يوم الخميس المقبل. سيشارك في المهرجان أكثر من ثلاثين \
     فرقة من مدن مختلفة. هل ستكون تذاكر المهرجان مجانية للطلاب؟ نعم، قالت اللجنة إن الطلاب يدخلون \
     المهرجان مجاناً.",
    "تقام حفلات المهرجان في الحديقة الكبيرة قرب النهر كل مساء. يقول المنظمون إن الحديقة تتسع لخمسة \
     آلاف شخص. وستعزف فرقة العود الأولى في ليلة افتتاح المهرجان.",
    "طلبت اللجنة من الزوار استخدام الحافلات لأن مواقف السيارات قليلة. وسيستمر مهرجان الموسيقى \
     أربعة أيام كاملة في المدينة.",
];

const CHINESE: &[&str] = &[
    "港口渡轮周一恢复运行。渡轮的发动机已经修好了。每天有很多乘客乘坐渡轮过河。",
    "渡轮票价下个月会上涨。市政府正在研究新的电动渡轮。咖啡馆今天推出了新的汤。",
];

/// Every pick must be an exact sentence of the input, in strictly increasing article order.
fn check(paragraphs: &[&str], picks: &[Picked]) {
    for p in picks {
        let sentences = split_sentences(paragraphs[p.paragraph]);
        assert_eq!(sentences[p.sentence], p.text, "{p:?}");
    }
    assert!(picks
        .windows(2)
        .all(|w| (w[0].paragraph, w[0].sentence) < (w[1].paragraph, w[1].sentence)));
}

fn texts(picks: &[Picked]) -> Vec<&str> {
    picks.iter().map(|p| p.text.as_str()).collect()
}

fn places(picks: &[Picked]) -> Vec<(usize, usize)> {
    picks.iter().map(|p| (p.paragraph, p.sentence)).collect()
}

#[test]
fn english_summary_has_the_requested_size_in_order() {
    for (max, expected) in [(0, 3), (1, 3), (3, 3), (4, 4), (5, 5), (6, 5), (usize::MAX, 5)] {
        let picks = summarize(FERRY, max);
        check(FERRY, &picks);
        assert_eq!(picks.len(), expected, "max {max}");
    }
}

#[test]
fn english_summary_is_about_the_ferry_not_the_cafe() {
    let picks = summarize(FERRY, 3);
    let joined = texts(&picks).join(" ");
    assert!(!joined.contains("soups"), "{joined}");
    assert!(!joined.contains("gardener"), "{joined}");
    assert!(picks.iter().all(|p| p.text.contains("ferry")), "{joined}");
    // The lead is both central and first.
    assert_eq!((picks[0].paragraph, picks[0].sentence), (0, 0));
}

#[test]
fn arabic_summary() {
    assert_eq!(FESTIVAL.iter().map(|p| split_sentences(p).len()).sum::<usize>(), 9);
    let picks = summarize(FESTIVAL, 3);
    check(FESTIVAL, &picks);
    assert_eq!(picks.len(), 3);
    let picks = summarize(FESTIVAL, 5);
    check(FESTIVAL, &picks);
    assert_eq!(picks.len(), 5);
    assert!(texts(&picks).iter().filter(|t| t.contains("مهرجان")).count() >= 3);
}

#[test]
fn chinese_summary() {
    let picks = summarize(CHINESE, 3);
    check(CHINESE, &picks);
    assert_eq!(picks.len(), 3);
    assert!(!texts(&picks).iter().any(|t| t.contains("咖啡馆")), "{picks:?}");
}

#[test]
fn mixed_scripts() {
    let mixed: Vec<&str> =
        [FERRY[0], FESTIVAL[0], CHINESE[0], "नाव सुबह नदी पार करती है। यात्री नाव से खुश हैं।"].to_vec();
    for max in 3..=5 {
        let picks = summarize(&mixed, max);
        check(&mixed, &picks);
        assert_eq!(picks.len(), max);
    }
}

#[test]
fn summary_struct_matches_the_function() {
    assert_eq!(Summary::new(FERRY, 4).sentences, summarize(FERRY, 4));
    assert!(Summary::new(&[], 4).sentences.is_empty());
}

#[test]
fn deterministic() {
    for max in 3..=5 {
        assert_eq!(summarize(FERRY, max), summarize(FERRY, max));
        assert_eq!(summarize(FESTIVAL, max), summarize(FESTIVAL, max));
    }
}

#[test]
fn paragraph_breaks_and_spacing_do_not_change_the_picks() {
    // Same sentences in the same order, regrouped into one paragraph with odd spacing.
    let joined = FERRY.join("\n   ");
    let one = summarize(&[joined.as_str()], 5);
    check(&[joined.as_str()], &one);
    assert_eq!(texts(&one), texts(&summarize(FERRY, 5)));
}

#[test]
fn renaming_words_does_not_change_the_picks() {
    // Token ids follow first appearance; renaming changes which strings they stand for (and
    // their sort order) but not which sentences share them, so the picks must not move.
    let renamed: Vec<String> = FERRY
        .iter()
        .map(|p| {
            p.replace("ferry", "zodiac").replace("harbour", "aardvark").replace("Gull", "Tern")
        })
        .collect();
    let renamed: Vec<&str> = renamed.iter().map(String::as_str).collect();
    for max in 3..=5 {
        assert_eq!(places(&summarize(&renamed, max)), places(&summarize(FERRY, max)));
    }
}

#[test]
fn appending_an_unrelated_paragraph_after_the_picks_keeps_them() {
    let mut longer = FERRY.to_vec();
    longer.push("Volunteers painted the lighthouse railings white.");
    assert_eq!(texts(&summarize(&longer, 3)), texts(&summarize(FERRY, 3)));
}

#[test]
fn tiny_inputs() {
    assert!(summarize(&[], 5).is_empty());
    assert!(summarize(&["", "  ", "\n"], 5).is_empty());
    let one = summarize(&["Only one sentence here."], 5);
    assert_eq!(texts(&one), ["Only one sentence here."]);
    // Three sentences or fewer: all of them, short or not, even if max is smaller.
    let three = ["Yes.", "", "The ferry is back. It runs daily."];
    let picks = summarize(&three, 1);
    check(&three, &picks);
    assert_eq!(texts(&picks), ["Yes.", "The ferry is back.", "It runs daily."]);
}

#[test]
fn too_few_rankable_sentences_fill_from_the_lead() {
    let short = ["Yes. No. Maybe. Perhaps so. Fine then."];
    let picks = summarize(&short, 5);
    check(&short, &picks);
    assert_eq!(texts(&picks), ["Yes.", "No.", "Maybe.", "Perhaps so.", "Fine then."]);
    let four = ["The ferry sails at dawn daily.", "Ok.", "Sure.", "Right."];
    let picks = summarize(&four, 3);
    check(&four, &picks);
    assert_eq!(texts(&picks), ["The ferry sails at dawn daily.", "Ok.", "Sure."]);
}

#[test]
fn unrelated_sentences_fall_back_to_the_lead() {
    let para = ["Apples grow on tall trees. Rivers carry cold water seaward. Trains leave \
                 stations every hour. Kittens chase bright woollen yarn. Volcanoes emit \
                 molten rock sometimes."];
    let picks = summarize(&para, 3);
    assert_eq!(places(&picks), [(0, 0), (0, 1), (0, 2)]);
}

#[test]
fn repeated_sentences_are_not_picked_twice() {
    let repeated = [
        "The ferry returns on Monday after repairs.",
        "The ferry returns on Monday after repairs.",
        "The ferry returns on Monday after repairs.",
        "Fares for the ferry rise next month.",
        "The ferry returns on Monday after repairs.",
    ];
    let picks = summarize(&repeated, 5);
    check(&repeated, &picks);
    let mut seen = texts(&picks);
    seen.dedup();
    assert_eq!(seen.len(), picks.len(), "{picks:?}");
    assert_eq!(picks.len(), 2);
}
