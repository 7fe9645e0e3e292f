//! Sentence splitting: the cases a news reader meets, in several scripts.

use broadsheet_summary::split_sentences;

fn split(text: &str) -> Vec<&str> {
    split_sentences(text)
}

#[test]
fn plain_terminators() {
    assert_eq!(
        split("The ferry left at noon. Was it late? Nobody knew! The end…"),
        ["The ferry left at noon.", "Was it late?", "Nobody knew!", "The end…"]
    );
}

#[test]
fn titles_do_not_end_sentences() {
    assert_eq!(
        split("Dr. Okafor met Mr. Lane and Mrs. Reyes at St. Brendan's pier. They argued."),
        ["Dr. Okafor met Mr. Lane and Mrs. Reyes at St. Brendan's pier.", "They argued."]
    );
}

#[test]
fn latin_abbreviations() {
    assert_eq!(
        split("Some ports, e.g. Dover, are busy. Others, i.e. Tarn Bay, are quiet. Fine."),
        ["Some ports, e.g. Dover, are busy.", "Others, i.e. Tarn Bay, are quiet.", "Fine."]
    );
    // "etc." continues before lowercase and ends the sentence before a capital.
    assert_eq!(
        split("Nets, ropes, etc. are stored below. We sold nets, ropes, etc. The crew left."),
        ["Nets, ropes, etc. are stored below.", "We sold nets, ropes, etc.", "The crew left."]
    );
}

#[test]
fn dotted_acronyms() {
    assert_eq!(
        split("The U.S. Coast Guard arrived at 9 a.m. on Friday. It was late."),
        ["The U.S. Coast Guard arrived at 9 a.m. on Friday.", "It was late."]
    );
}

#[test]
fn initials() {
    assert_eq!(
        split("J. R. Smith wrote the harbour report. It was long."),
        ["J. R. Smith wrote the harbour report.", "It was long."]
    );
}

#[test]
fn numbered_abbreviations_before_digits_only() {
    assert_eq!(
        split("Berth No. 4 is closed. Use berth 5. The answer was no. Then we left."),
        ["Berth No. 4 is closed.", "Use berth 5.", "The answer was no.", "Then we left."]
    );
}

#[test]
fn closing_quotes_and_brackets_stay_with_the_sentence() {
    assert_eq!(
        split(r#"He said "Go." Then the ferry left. (It was full.) Nobody waved."#),
        [r#"He said "Go.""#, "Then the ferry left.", "(It was full.)", "Nobody waved."]
    );
    assert_eq!(
        split("She wrote “Sail now!” Nobody did. Er sagte »Geh.« Dann ging er."),
        ["She wrote “Sail now!”", "Nobody did.", "Er sagte »Geh.«", "Dann ging er."]
    );
}

#[test]
fn quoted_question_followed_by_lowercase_continues() {
    assert_eq!(
        split(r#""Why?" she asked. "Stop!" he shouted."#),
        [r#""Why?" she asked."#, r#""Stop!" he shouted."#]
    );
}

#[test]
fn opening_quote_before_a_capital_starts_a_sentence() {
    assert_eq!(
        split(r#"The ferry stopped. "Everyone off," said the captain."#),
        ["The ferry stopped.", r#""Everyone off," said the captain."#]
    );
}

#[test]
fn decimals_and_thousands() {
    assert_eq!(
        split("Fares rose 3.5 per cent. Riders paid 1.000 kroner more. Pi is 3.14159."),
        ["Fares rose 3.5 per cent.", "Riders paid 1.000 kroner more.", "Pi is 3.14159."]
    );
}

#[test]
fn ellipses() {
    assert_eq!(
        split("The engine coughed... and then it stopped. Silence… and waves. Wait... The end."),
        [
            "The engine coughed... and then it stopped.",
            "Silence… and waves.",
            "Wait...",
            "The end."
        ]
    );
}

#[test]
fn urls_and_emails() {
    assert_eq!(
        split(
            "Timetables are at example.com and ferry.example.org/times today. \
             Write to info@example.com. Then call https://example.net/a.b?c=1 soon."
        ),
        [
            "Timetables are at example.com and ferry.example.org/times today.",
            "Write to info@example.com.",
            "Then call https://example.net/a.b?c=1 soon."
        ]
    );
}

#[test]
fn arabic() {
    assert_eq!(
        split("هل يبدأ المهرجان غداً؟ نعم، يبدأ في المساء. سيحضر الجميع."),
        ["هل يبدأ المهرجان غداً؟", "نعم، يبدأ في المساء.", "سيحضر الجميع."]
    );
    // Arabic full stop (as used in Urdu).
    assert_eq!(
        split("یہ ایک جملہ ہے۔ یہ دوسرا جملہ ہے۔"),
        ["یہ ایک جملہ ہے۔", "یہ دوسرا جملہ ہے۔"]
    );
    // Hebrew has no case either.
    assert_eq!(split("המעבורת יצאה. כולם שמחו."), ["המעבורת יצאה.", "כולם שמחו."]);
}

#[test]
fn cjk_needs_no_spaces() {
    assert_eq!(
        split("渡船早上出发。乘客很多！你去吗？"),
        ["渡船早上出发。", "乘客很多！", "你去吗？"]
    );
    assert_eq!(split("他说：「走。」然后离开了。"), ["他说：「走。」", "然后离开了。"]);
    assert_eq!(split("フェリーが出た｡雨だった｡"), ["フェリーが出た｡", "雨だった｡"]);
    // ASCII punctuation inside unspaced CJK text.
    assert_eq!(split("真的吗?是的!"), ["真的吗?", "是的!"]);
}

#[test]
fn devanagari() {
    assert_eq!(split("नाव सुबह चलती है। यात्री खुश हैं॥ अंत"), ["नाव सुबह चलती है।", "यात्री खुश हैं॥", "अंत"]);
}

#[test]
fn cyrillic_initials_and_case() {
    assert_eq!(
        split("А. С. Пушкин писал стихи. Он жил давно."),
        ["А. С. Пушкин писал стихи.", "Он жил давно."]
    );
}

#[test]
fn tail_without_terminator_and_whitespace() {
    assert_eq!(
        split("  First one.\n\n  second has no end  "),
        ["First one.\n\n  second has no end"]
    );
    assert_eq!(split("  First one.\n\n  Second has no end  "), ["First one.", "Second has no end"]);
}

#[test]
fn punctuation_only_pieces_join_a_neighbour() {
    assert_eq!(split("Hello! !! Next."), ["Hello! !!", "Next."]);
    assert_eq!(split("... Hello there. Bye."), ["... Hello there.", "Bye."]);
    assert_eq!(split("...!!!"), ["...!!!"]);
}

#[test]
fn empty_and_whitespace() {
    assert!(split("").is_empty());
    assert!(split(" \n\t\u{3000} ").is_empty());
}

#[test]
fn combining_marks_after_a_terminator_stay_attached() {
    let text = "Cafe\u{301}. Ne\u{301}e.\u{301} Done";
    let parts = split(text);
    assert_eq!(parts, ["Cafe\u{301}.", "Ne\u{301}e.\u{301}", "Done"]);
    assert_eq!(split("好。\u{301}好"), ["好。\u{301}", "好"]);
}
