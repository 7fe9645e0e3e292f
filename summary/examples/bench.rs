//! Times `summarize` on a generated 50,000-word article (about 2,500 sentences).
//!
//! Run with `cargo run --release -p broadsheet-summary --example bench`. The article is built
//! deterministically (a seeded LCG over a fixed word list), so runs are comparable.

use std::time::Instant;

const WORDS: &[&str] = &[
    "harbour",
    "ferry",
    "council",
    "crossing",
    "estuary",
    "passengers",
    "engine",
    "repair",
    "timetable",
    "fare",
    "pier",
    "captain",
    "crew",
    "tide",
    "weather",
    "storm",
    "channel",
    "quay",
    "lighthouse",
    "fleet",
    "vessel",
    "route",
    "commuters",
    "morning",
    "evening",
    "town",
    "board",
    "budget",
    "electric",
    "battery",
    "charging",
    "gearbox",
    "hull",
    "paint",
    "deck",
    "ticket",
    "pass",
    "pensioners",
    "students",
    "schools",
    "market",
    "fishermen",
    "nets",
    "boats",
    "gulls",
    "shore",
    "beach",
    "cliffs",
    "bridge",
    "road",
    "bus",
    "detour",
    "minutes",
    "hours",
    "delay",
    "safety",
    "inspection",
    "engineers",
    "report",
    "survey",
    "plan",
    "vote",
    "members",
    "residents",
    "shops",
    "cafe",
    "festival",
    "summer",
    "winter",
    "visitors",
    "tourists",
    "season",
    "the",
    "a",
    "of",
    "and",
    "to",
    "in",
    "on",
    "with",
    "for",
    "from",
    "was",
    "is",
    "will",
    "said",
    "new",
    "old",
    "busy",
    "quiet",
    "late",
    "early",
    "free",
    "cheap",
    "costly",
    "slow",
    "fast",
    "runs",
    "sails",
    "waits",
    "leaves",
    "arrives",
    "carries",
    "needs",
    "plans",
    "studies",
    "opens",
];

/// Knuth's MMIX LCG; the high bits are the usable ones.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: usize) -> usize {
        self.0 =
            self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % bound as u64) as usize
    }
}

/// Paragraphs of 3–6 sentences of 8–30 words, until `words` words have been written.
fn article(words: usize, seed: u64) -> Vec<String> {
    let mut rng = Lcg(seed);
    let mut paragraphs = Vec::new();
    let mut written = 0;
    while written < words {
        let mut paragraph = String::new();
        for _ in 0..3 + rng.next(4) {
            let len = 8 + rng.next(23);
            for k in 0..len {
                let word = WORDS[rng.next(WORDS.len())];
                if k == 0 {
                    let mut chars = word.chars();
                    if let Some(first) = chars.next() {
                        paragraph.extend(first.to_uppercase());
                        paragraph.push_str(chars.as_str());
                    }
                } else {
                    paragraph.push(' ');
                    paragraph.push_str(word);
                    if k + 1 < len && rng.next(12) == 0 {
                        paragraph.push(',');
                    }
                }
            }
            paragraph.push_str(match rng.next(20) {
                0 => "? ",
                1 => "! ",
                _ => ". ",
            });
            written += len;
        }
        paragraphs.push(paragraph.trim_end().to_owned());
    }
    paragraphs
}

fn main() {
    let paragraphs = article(50_000, 0x5eed);
    let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
    let sentences: usize = refs.iter().map(|p| broadsheet_summary::split_sentences(p).len()).sum();
    let words: usize = refs.iter().map(|p| p.split_whitespace().count()).sum();

    let mut wall = Vec::new();
    let mut cpu = Vec::new();
    let mut summary = Vec::new();
    for _ in 0..5 {
        let (start, start_cpu) = (Instant::now(), thread_cpu_ns());
        summary = broadsheet_summary::summarize(&refs, 5);
        wall.push(start.elapsed().as_secs_f64() * 1000.0);
        if let (Some(a), Some(b)) = (start_cpu, thread_cpu_ns()) {
            cpu.push(b.saturating_sub(a) as f64 / 1e6);
        }
    }
    wall.sort_by(f64::total_cmp);
    cpu.sort_by(f64::total_cmp);
    println!("{words} words, {sentences} sentences, {} paragraphs", refs.len());
    println!(
        "summarize: median of 5 runs {:.1} ms wall (min {:.1}, max {:.1})",
        wall[2], wall[0], wall[4]
    );
    // On a shared machine wall time includes waiting for a core; on-CPU time does not.
    if cpu.len() == 5 {
        println!(
            "           median of 5 runs {:.1} ms on-CPU (min {:.1}, max {:.1})",
            cpu[2], cpu[0], cpu[4]
        );
    }
    for picked in &summary {
        println!("  [{}:{}] {}", picked.paragraph, picked.sentence, picked.text);
    }
}

/// This thread's on-CPU time in nanoseconds (Linux `schedstat`), if available.
fn thread_cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}
