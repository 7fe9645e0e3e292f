//! Extractive summaries for the article view: a few key sentences, quoted exactly as written.
//!
//! Everything here is plain `std` with no dependencies because it is compiled into the reader's
//! wasm bundle. Two steps:
//!
//! 1. [`split_sentences`] cuts a paragraph into sentences with rules that work across scripts
//!    (Latin, Cyrillic, Arabic, Hebrew, Devanagari, CJK) without any locale data.
//! 2. [`summarize`] ranks sentences TextRank-style (Mihalcea & Tarau, 2004): a similarity graph
//!    over normalised words, then power iteration with damping 0.85 and a mild lead-sentence prior.
//!
//! Output never depends on hash order: token ids follow first appearance, scores are summed in
//! sentence order, and ties go to the earlier sentence. Nothing here panics or slices inside a
//! UTF-8 character; the only slicing is at positions produced by `char_indices`-style walking.

#![forbid(unsafe_code)]

/// Fewest sentences a summary aims for: fewer rarely conveys what an article is about.
const MIN_PICK: usize = 3;
/// Most sentences a summary may have: beyond this it stops being a summary.
const MAX_PICK: usize = 5;
/// TextRank's damping factor, as in the paper (and PageRank).
const DAMPING: f64 = 0.85;
/// Hard cap so a graph that oscillates can never stall the UI thread.
const MAX_ITERATIONS: usize = 100;
/// Scores move less than this between iterations once the ranking has settled.
const EPSILON: f64 = 1e-6;
/// Shorter sentences ("He agreed.") carry too little to summarise an article.
const MIN_WORDS: usize = 4;
/// Longer "sentences" are usually lists, tables or missing punctuation, not prose.
const MAX_WORDS: usize = 80;
/// Bounds the text copied into a summary even when a "word" is enormous.
const MAX_SENTENCE_BYTES: usize = 4096;
/// Pairwise similarity is quadratic: above this many candidates, pre-select by cheap degree.
const MAX_GRAPH: usize = 400;
/// Lead sentences always survive pre-selection, since news puts its point first.
const KEEP_LEAD: usize = 20;
/// Longer tokens are URLs, hashes or runaway strings; they would only bloat the vocabulary.
const MAX_TOKEN_CHARS: usize = 40;
/// Near-duplicates (pull quotes repeating the body) would waste a summary slot.
const REDUNDANT_OVERLAP: f64 = 0.8;

/// Words so common in English that sharing them says nothing about two sentences being related.
/// Sorted, for binary search; other languages are unaffected except for these exact spellings.
const STOP_WORDS: &[&str] = &[
    "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
    "because", "been", "before", "being", "but", "by", "can", "could", "did", "do", "does", "for",
    "from", "had", "has", "have", "he", "her", "here", "hers", "him", "his", "how", "if", "in",
    "into", "is", "it", "its", "just", "me", "more", "most", "my", "no", "not", "now", "of", "on",
    "once", "only", "or", "other", "our", "out", "over", "said", "says", "she", "so", "some",
    "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this",
    "those", "through", "to", "too", "under", "up", "very", "was", "we", "were", "what", "when",
    "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your",
];

/// Abbreviations that come before a name, so a capital after their period is not a new sentence.
const TITLES: &[&str] = &[
    "adm", "capt", "cmdr", "col", "dr", "fr", "gen", "gov", "hon", "insp", "lt", "maj", "messrs",
    "mlle", "mme", "mr", "mrs", "ms", "mt", "prof", "rep", "rev", "sen", "sgt", "sr", "st", "supt",
    "vs",
];

/// Abbreviations that come before a number ("No. 4", "Jan. 5"), but may also end a sentence.
const NUMBERED: &[&str] = &[
    "approx", "apr", "art", "aug", "ca", "ch", "dec", "feb", "fig", "figs", "jan", "jul", "jun",
    "mar", "no", "nos", "nov", "nr", "oct", "p", "para", "pp", "sec", "sep", "sept", "vol", "vols",
];

/// One sentence chosen for a summary, with its place in the article so the view can link back
/// to it or highlight it in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picked {
    /// Index into the `paragraphs` passed to [`summarize`], so the view can scroll to it.
    pub paragraph: usize,
    /// Index into `split_sentences(paragraphs[paragraph])`, to find the exact sentence again.
    pub sentence: usize,
    /// Owned so a summary can outlive the article text it was cut from (e.g. in a cache).
    pub text: String,
}

/// A summary as one value the view can store, compare and hand around (e.g. in a memo).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Summary {
    /// In article order, because a summary read out of order stops making sense.
    pub sentences: Vec<Picked>,
}

impl Summary {
    /// Saves callers that keep a `Summary` from wrapping [`summarize`] themselves.
    pub fn new(paragraphs: &[&str], max_sentences: usize) -> Self {
        Summary { sentences: summarize(paragraphs, max_sentences) }
    }
}

/// Sentences are the unit a summary quotes, so they must be cut where a reader would cut them:
/// not after "Dr.", "U.S.", "J. R.", "3.5" or "example.com", and with closing quotes kept.
///
/// Returns trimmed slices of `text`, in order. Text before the first terminator, and a tail with
/// no terminator, are sentences too; a piece with no letters or digits (a stray "...") joins its
/// neighbour instead of standing alone.
pub fn split_sentences(text: &str) -> Vec<&str> {
    sentence_ranges(text).into_iter().map(|(a, b)| &text[a..b]).collect()
}

/// Sentences worth quoting, in article order: `max_sentences` of them, clamped to 3..=5 (fewer
/// only when the article has fewer usable sentences). An article of three sentences or fewer is
/// returned whole.
///
/// Ranking is TextRank: sentences are linked by shared normalised words (weight
/// `overlap / (ln|a| + ln|b|)`), scored by power iteration with damping 0.85, and nudged towards
/// the lead. Sentences under 4 or over 80 words are not ranked (they still count for position).
/// Over 400 rankable sentences, the graph is built on the lead plus the sentences with the highest
/// word-sharing degree, which keeps a 50,000-word article fast and its memory bounded.
pub fn summarize(paragraphs: &[&str], max_sentences: usize) -> Vec<Picked> {
    // (paragraph, index within paragraph) and text of every sentence, in article order.
    let mut places: Vec<(usize, usize)> = Vec::new();
    let mut texts: Vec<&str> = Vec::new();
    for (paragraph, text) in paragraphs.iter().enumerate() {
        for (sentence, s) in split_sentences(text).into_iter().enumerate() {
            places.push((paragraph, sentence));
            texts.push(s);
        }
    }
    let finish = |positions: &[usize]| -> Vec<Picked> {
        positions
            .iter()
            .map(|&pos| Picked {
                paragraph: places[pos].0,
                sentence: places[pos].1,
                text: texts[pos].to_owned(),
            })
            .collect()
    };
    if texts.len() <= MIN_PICK {
        let all: Vec<usize> = (0..texts.len()).collect();
        return finish(&all);
    }
    let target = max_sentences.clamp(MIN_PICK, MAX_PICK).min(texts.len());

    let graph = Graph::build(&texts);
    let scores = graph.rank();

    // Best-first selection by repeated scan rather than a sort (the graph has at most MAX_GRAPH
    // nodes, and a sort would add kilobytes of wasm). Nodes are in article order and only a
    // strictly higher score replaces the best so far, so ties go to the earlier sentence.
    // `picked` holds article positions, kept sorted.
    let mut picked: Vec<usize> = Vec::with_capacity(target);
    let mut picked_nodes: Vec<usize> = Vec::with_capacity(target);
    let mut taken = vec![false; scores.len()];
    while picked.len() < target {
        let mut best: Option<usize> = None;
        for (k, &score) in scores.iter().enumerate() {
            if !taken[k] && best.is_none_or(|b| score > scores[b]) {
                best = Some(k);
            }
        }
        let Some(n) = best else { break };
        taken[n] = true;
        if picked_nodes.iter().any(|&m| graph.redundant(n, m)) {
            continue;
        }
        picked_nodes.push(n);
        insert_sorted(&mut picked, graph.nodes[n].pos);
    }

    // Too few rankable sentences: fill from the lead with whatever is short enough to show,
    // skipping sentences the graph already judged redundant and exact repeats.
    if picked.len() < target {
        let mut ranked = vec![false; texts.len()];
        for node in &graph.nodes {
            ranked[node.pos] = true;
        }
        for (pos, text) in texts.iter().enumerate() {
            if picked.len() == target {
                break;
            }
            if ranked[pos] || text.len() > MAX_SENTENCE_BYTES || word_count(text) > MAX_WORDS {
                continue;
            }
            if picked.iter().any(|&q| texts[q] == *text) {
                continue;
            }
            insert_sorted(&mut picked, pos);
        }
    }
    finish(&picked)
}

/// Inserts `value` into the sorted `list` unless it is already there. For the short lists used
/// here this beats sorting, and it is far less wasm than the standard library's sorts.
fn insert_sorted<T: Ord + Copy>(list: &mut Vec<T>, value: T) {
    if let Err(at) = list.binary_search(&value) {
        list.insert(at, value);
    }
}

// ---------------------------------------------------------------------------------------------
// Sentence splitting

/// Byte ranges of the trimmed sentences of `text`; every range starts and ends on a char boundary
/// because positions only ever advance by `char::len_utf8`. Each character is visited a bounded
/// number of times, so the cost is linear even for a megabyte of punctuation.
fn sentence_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut out = Ranges { ranges: Vec::new(), start: 0, pending: None };
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        if !is_terminator(c) {
            i += c.len_utf8();
            continue;
        }
        let run_start = i;
        let mut j = i;
        let mut cjk = false;
        let mut run_len = 0usize;
        let mut only_periods = true;
        while let Some(t) = text[j..].chars().next() {
            if !is_terminator(t) {
                break;
            }
            cjk |= is_cjk_terminator(t);
            only_periods &= t == '.';
            run_len += 1;
            j += t.len_utf8();
        }
        while let Some(t) = text[j..].chars().next() {
            if !(is_closer(t) || is_mark(t)) {
                break;
            }
            j += t.len_utf8();
        }
        let single_period = only_periods && run_len == 1;
        if is_boundary(text, out.start, run_start, j, cjk, single_period) {
            out.push(text, j);
        }
        i = j;
    }
    out.push(text, text.len());
    // Punctuation-only text never found a sentence to join: keep it rather than lose it.
    if let (true, Some(a)) = (out.ranges.is_empty(), out.pending) {
        let (a, b) = trim(text, a, text.len());
        out.ranges.push((a, b));
    }
    out.ranges
}

/// Sentence ranges being collected, with the start of the current piece and of any leading
/// punctuation-only piece still waiting for a sentence to join.
struct Ranges {
    ranges: Vec<(usize, usize)>,
    start: usize,
    pending: Option<usize>,
}

impl Ranges {
    /// Records `text[start..end]` as a sentence, or folds it into the previous one when it has
    /// no letters or digits; a leading punctuation-only piece waits for the next sentence.
    fn push(&mut self, text: &str, end: usize) {
        let (a, b) = trim(text, self.start, end);
        self.start = end;
        if a == b {
            return;
        }
        if !text[a..b].chars().any(char::is_alphanumeric) {
            match self.ranges.last_mut() {
                Some(last) => last.1 = b,
                None => {
                    self.pending.get_or_insert(a);
                }
            }
            return;
        }
        self.ranges.push((self.pending.take().unwrap_or(a), b));
    }
}

/// Whitespace-trimmed sub-range; `str::trim` only removes whole chars, so offsets stay on
/// boundaries.
fn trim(text: &str, start: usize, end: usize) -> (usize, usize) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead == piece.len() {
        return (end, end);
    }
    (start + lead, end - trail)
}

/// Whether the terminator run `text[run_start..after]` (closers included) ends the sentence that
/// began at `start`.
fn is_boundary(
    text: &str,
    start: usize,
    run_start: usize,
    after: usize,
    cjk: bool,
    single_period: bool,
) -> bool {
    let rest = &text[after..];
    let Some(next) = rest.chars().next() else {
        return true;
    };
    // CJK is written without spaces, so its full stops end sentences on their own.
    if cjk {
        return true;
    }
    if !next.is_whitespace() {
        // "3.5", "example.com", "Hi!x" — except ASCII punctuation inside unspaced CJK text.
        let prev = text[..run_start].chars().next_back();
        return prev.is_some_and(is_cjk) && is_cjk(next);
    }
    let Some(first) = rest.chars().find(|&c| !c.is_whitespace() && !is_opener(c)) else {
        return true;
    };
    // "etc. and", "... then", "Stop!" he said: lowercase continues the sentence. Uncased
    // scripts (Arabic, Hebrew, Devanagari) are never lowercase, so whitespace is enough there.
    if first.is_lowercase() {
        return false;
    }
    !(single_period && is_abbreviation(&text[start..run_start], first))
}

/// Whether the word just before a single period is an abbreviation that does not end a sentence
/// even when a capital or digit follows.
fn is_abbreviation(before: &str, next: char) -> bool {
    let word = match before.char_indices().rev().find(|&(_, c)| c.is_whitespace() || is_opener(c)) {
        Some((p, c)) => &before[p + c.len_utf8()..],
        None => before,
    };
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        (None, _) => return false,
        // An initial: "J. R. Smith".
        (Some(c), None) => return c.is_uppercase(),
        _ => {}
    }
    // Dotted abbreviations made of single letters: "U.S", "e.g", "i.e", "a.m".
    if word.contains('.') {
        let single_letters = word.split('.').all(|seg| {
            let mut cs = seg.chars();
            matches!((cs.next(), cs.next()), (Some(c), None) if c.is_alphabetic())
        });
        return single_letters || word.eq_ignore_ascii_case("ph.d");
    }
    if TITLES.iter().any(|t| word.eq_ignore_ascii_case(t)) {
        return true;
    }
    next.is_ascii_digit() && NUMBERED.iter().any(|t| word.eq_ignore_ascii_case(t))
}

/// Sentence-final punctuation across the scripts Broadsheet is likely to carry.
fn is_terminator(c: char) -> bool {
    matches!(
        c,
        '.' | '!'
            | '?'
            | '…'
            | '‼'
            | '⁇'
            | '⁈'
            | '⁉'
            | '\u{061F}' // Arabic question mark
            | '\u{06D4}' // Arabic full stop (Urdu)
            | '\u{0964}' // Devanagari danda
            | '\u{0965}' // Devanagari double danda
            | '\u{0589}' // Armenian full stop
            | '\u{1362}' // Ethiopic full stop
            | '\u{104B}' // Myanmar section mark
    ) || is_cjk_terminator(c)
}

/// CJK sentence enders, which need no following space.
fn is_cjk_terminator(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '｡')
}

/// Characters that close a quotation or parenthesis and belong to the sentence they end.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '”'
            | '’'
            | '»'
            | '«'
            | '›'
            | '‹'
            | ')'
            | ']'
            | '}'
            | '」'
            | '』'
            | '）'
            | '］'
            | '｝'
            | '】'
            | '〕'
            | '〉'
            | '》'
            | '〗'
    )
}

/// Characters that may open the next sentence before its first letter.
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '‘'
            | '„'
            | '‚'
            | '«'
            | '»'
            | '‹'
            | '›'
            | '('
            | '['
            | '{'
            | '¿'
            | '¡'
            | '「'
            | '『'
            | '（'
            | '［'
            | '｛'
            | '【'
            | '〔'
            | '〈'
            | '《'
            | '〖'
    )
}

/// Combining marks and joiners of common scripts: they are part of the letter before them, so a
/// sentence or word must never be cut just before one. (No Unicode tables: a few ranges suffice.)
fn is_mark(c: char) -> bool {
    matches!(
        c,
        '\u{0300}'..='\u{036F}'
            | '\u{0483}'..='\u{0489}'
            | '\u{0591}'..='\u{05BD}'
            | '\u{05BF}'
            | '\u{05C1}'..='\u{05C2}'
            | '\u{05C4}'..='\u{05C5}'
            | '\u{05C7}'
            | '\u{0610}'..='\u{061A}'
            | '\u{064B}'..='\u{065F}'
            | '\u{0670}'
            | '\u{06D6}'..='\u{06DC}'
            | '\u{06DF}'..='\u{06E4}'
            | '\u{06E7}'..='\u{06E8}'
            | '\u{06EA}'..='\u{06ED}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{200C}'..='\u{200D}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{3099}'..='\u{309A}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FE20}'..='\u{FE2F}'
    )
}

/// Han and kana: written without spaces between words.
fn is_cjk(c: char) -> bool {
    matches!(
        c,
        '\u{3040}'..='\u{30FF}'
            | '\u{31F0}'..='\u{31FF}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{FF66}'..='\u{FF9F}'
            | '\u{20000}'..='\u{3FFFF}'
    )
}

/// Characters that continue a word. Indic blocks count whole (but for their dandas) because
/// viramas and nuktas are not alphabetic yet sit inside words.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || is_mark(c)
        || c == '\u{00AD}'
        || (('\u{0900}'..='\u{0DFF}').contains(&c) && !matches!(c, '\u{0964}' | '\u{0965}'))
}

// ---------------------------------------------------------------------------------------------
// Words

/// Words in a sentence, for the length filter; unspaced CJK counts one word per two characters.
/// Stops counting past `MAX_WORDS`, so a runaway sentence costs no more than it must.
fn word_count(s: &str) -> usize {
    let mut words = 0;
    let mut cjk = 0;
    let mut in_word = false;
    for c in s.chars() {
        if is_cjk(c) {
            cjk += 1;
            in_word = false;
        } else if is_word_char(c) {
            if !in_word {
                words += 1;
                in_word = true;
            }
        } else {
            in_word = false;
        }
        if words + cjk / 2 > MAX_WORDS {
            break;
        }
    }
    words + cjk.div_ceil(2)
}

/// Turns sentences into sorted, de-duplicated token ids. Ids are assigned in order of first
/// appearance; the ranking only ever compares id sets, so ids never influence the output.
struct Tokenizer {
    vocab: Vocab,
    word: String,
    word_chars: usize,
    pair: String,
    ids: Vec<u32>,
}

impl Tokenizer {
    fn new() -> Self {
        Tokenizer {
            vocab: Vocab::new(),
            word: String::new(),
            word_chars: 0,
            pair: String::new(),
            ids: Vec::new(),
        }
    }

    /// Appends the sentence's distinct token ids to `out`, sorted.
    fn tokenize(&mut self, s: &str, out: &mut Vec<u32>) {
        let mut ids = std::mem::take(&mut self.ids);
        ids.clear();
        self.collect(s, &mut ids);
        out.extend_from_slice(&ids);
        self.ids = ids;
    }

    /// Collects the sentence's distinct token ids into `out`, keeping it sorted and free of
    /// duplicates (sentences are short, so inserting in place is cheap).
    fn collect(&mut self, s: &str, out: &mut Vec<u32>) {
        // CJK: overlapping character bigrams stand in for words (a lone character is a unigram).
        let mut prev_cjk: Option<char> = None;
        let mut cjk_run = 0usize;
        for c in s.chars() {
            if is_cjk(c) {
                self.flush_word(out);
                if let Some(p) = prev_cjk {
                    self.pair.clear();
                    self.pair.push(p);
                    self.pair.push(c);
                    insert_sorted(out, self.vocab.intern(&self.pair));
                }
                prev_cjk = Some(c);
                cjk_run += 1;
                continue;
            }
            self.flush_cjk_unigram(prev_cjk, cjk_run, out);
            prev_cjk = None;
            cjk_run = 0;
            if is_word_char(c) {
                self.word_chars += 1;
                if self.word_chars <= MAX_TOKEN_CHARS {
                    push_normalised(c, &mut self.word);
                }
            } else {
                self.flush_word(out);
            }
        }
        self.flush_cjk_unigram(prev_cjk, cjk_run, out);
        self.flush_word(out);
    }

    fn flush_cjk_unigram(&mut self, prev: Option<char>, run: usize, out: &mut Vec<u32>) {
        if let (Some(p), 1) = (prev, run) {
            self.pair.clear();
            self.pair.push(p);
            insert_sorted(out, self.vocab.intern(&self.pair));
        }
    }

    fn flush_word(&mut self, out: &mut Vec<u32>) {
        let too_long = self.word_chars > MAX_TOKEN_CHARS;
        self.word_chars = 0;
        if self.word.is_empty() || too_long {
            self.word.clear();
            return;
        }
        // Light Arabic stemming: the definite article "ال" would otherwise keep "المهرجان" and
        // "مهرجان" apart.
        let stem = self.word.strip_prefix("ال").unwrap_or_default();
        if stem.chars().nth(1).is_some() {
            self.word.replace_range(.."ال".len(), "");
        }
        // Light English plural folding ("repairs", "crossings"): ASCII words only, and never
        // "-ss" ("press") or short words ("bus", "was").
        if self.word.len() > 4
            && self.word.ends_with('s')
            && !self.word.ends_with("ss")
            && self.word.bytes().all(|b| b.is_ascii_lowercase())
        {
            self.word.pop();
        }
        let mut chars = self.word.chars();
        let lone_ascii = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_ascii());
        if !lone_ascii && STOP_WORDS.binary_search(&self.word.as_str()).is_err() {
            insert_sorted(out, self.vocab.intern(&self.word));
        }
        self.word.clear();
    }
}

/// Lowercases, and folds spellings that differ only in Arabic diacritics, tatweel, joiners,
/// soft hyphens, hamza seats, alef maqsura or ta marbuta.
fn push_normalised(c: char, word: &mut String) {
    if c.is_ascii() {
        word.push(c.to_ascii_lowercase());
        return;
    }
    match c {
        '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{0640}'
        | '\u{200C}'
        | '\u{200D}'
        | '\u{00AD}' => {}
        'أ' | 'إ' | 'آ' | 'ٱ' => word.push('ا'),
        'ى' => word.push('ي'),
        'ة' => word.push('ه'),
        _ => word.extend(c.to_lowercase()),
    }
}

/// Token ids by first appearance: a small open-addressing table (FNV-1a, linear probing) over
/// one string arena. Much less wasm than a `BTreeMap<String, _>`, one allocation for all token
/// text, and lookups never iterate, so no hash order can reach the output.
struct Vocab {
    text: String,
    spans: Vec<(usize, usize)>,
    /// `id + 1` per occupied slot, 0 when empty; the length is a power of two, at most half full.
    slots: Vec<u32>,
}

impl Vocab {
    fn new() -> Self {
        Vocab { text: String::new(), spans: Vec::new(), slots: vec![0; 64] }
    }

    fn len(&self) -> usize {
        self.spans.len()
    }

    fn token(&self, id: usize) -> &[u8] {
        let (a, b) = self.spans[id];
        &self.text.as_bytes()[a..b]
    }

    fn intern(&mut self, token: &str) -> u32 {
        let mask = self.slots.len() - 1;
        let mut i = fnv1a(token.as_bytes()) & mask;
        while self.slots[i] != 0 {
            let id = self.slots[i] - 1;
            if self.token(id as usize) == token.as_bytes() {
                return id;
            }
            i = (i + 1) & mask;
        }
        let id = self.spans.len() as u32;
        let start = self.text.len();
        self.text.push_str(token);
        self.spans.push((start, self.text.len()));
        self.slots[i] = id + 1;
        if self.spans.len() * 2 > self.slots.len() {
            let mut slots = vec![0u32; self.slots.len() * 2];
            let mask = slots.len() - 1;
            for id in 0..self.spans.len() {
                let mut i = fnv1a(self.token(id)) & mask;
                while slots[i] != 0 {
                    i = (i + 1) & mask;
                }
                slots[i] = id as u32 + 1;
            }
            self.slots = slots;
        }
        id
    }
}

fn fnv1a(bytes: &[u8]) -> usize {
    let mut hash: u32 = 0x811c_9dc5;
    for &b in bytes {
        hash = (hash ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    hash as usize
}

// ---------------------------------------------------------------------------------------------
// Ranking

/// A rankable sentence: its position among all the article's sentences and its token ids.
struct Node {
    pos: usize,
    start: usize,
    end: usize,
}

/// The candidates and their token ids, flattened into one vector to keep allocations few.
struct Graph {
    nodes: Vec<Node>,
    ids: Vec<u32>,
}

impl Graph {
    fn build(texts: &[&str]) -> Graph {
        let mut tokenizer = Tokenizer::new();
        let mut nodes = Vec::new();
        let mut ids = Vec::new();
        for (pos, text) in texts.iter().enumerate() {
            if text.len() > MAX_SENTENCE_BYTES {
                continue;
            }
            if !(MIN_WORDS..=MAX_WORDS).contains(&word_count(text)) {
                continue;
            }
            let start = ids.len();
            tokenizer.tokenize(text, &mut ids);
            if ids.len() > start {
                nodes.push(Node { pos, start, end: ids.len() });
            }
        }
        let vocab_len = tokenizer.vocab.len();
        drop(tokenizer);
        let mut graph = Graph { nodes, ids };
        if graph.nodes.len() > MAX_GRAPH {
            graph.preselect(vocab_len);
        }
        graph
    }

    fn tokens(&self, n: usize) -> &[u32] {
        let node = &self.nodes[n];
        &self.ids[node.start..node.end]
    }

    /// `ln |S|`, floored at two tokens so two one-token sentences cannot divide by zero.
    fn ln_len(&self, n: usize) -> f64 {
        (self.tokens(n).len().max(2) as f64).ln()
    }

    /// Cuts the graph to `MAX_GRAPH` nodes: the first `KEEP_LEAD`, then those with the highest
    /// weighted degree, computed in linear time from document frequencies (a sentence's total
    /// similarity to all others is about `sum over its tokens of (df - 1)` over the usual length
    /// normaliser). PageRank tracks degree closely, so the true top sentences survive the cut.
    fn preselect(&mut self, vocab_len: usize) {
        let mut df = vec![0u32; vocab_len];
        for &t in &self.ids {
            df[t as usize] += 1;
        }
        let n = self.nodes.len();
        let mean_ln = (0..n).map(|k| self.ln_len(k)).sum::<f64>() / n as f64;
        // Sort keys: the f32 degree (non-negative, so its bits order like the number) above the
        // complemented index, so equal degrees keep the earlier sentence. One u64 sort only.
        let mut keys: Vec<u64> = (KEEP_LEAD..n)
            .map(|k| {
                let mass: u64 = self.tokens(k).iter().map(|&t| u64::from(df[t as usize] - 1)).sum();
                let degree = (mass as f64 / (self.ln_len(k) + mean_ln)) as f32;
                (u64::from(degree.to_bits()) << 32) | u64::from(u32::MAX - k as u32)
            })
            .collect();
        keys.sort_unstable();
        let mut keep = vec![false; n];
        keep[..KEEP_LEAD].fill(true);
        for &key in keys.iter().rev().take(MAX_GRAPH - KEEP_LEAD) {
            keep[(u32::MAX - key as u32) as usize] = true;
        }

        let mut nodes = Vec::with_capacity(MAX_GRAPH);
        let mut ids = Vec::new();
        for k in (0..n).filter(|&k| keep[k]) {
            let start = ids.len();
            ids.extend_from_slice(self.tokens(k));
            nodes.push(Node { pos: self.nodes[k].pos, start, end: ids.len() });
        }
        self.nodes = nodes;
        self.ids = ids;
    }

    fn overlap(&self, a: usize, b: usize) -> usize {
        let (x, y) = (self.tokens(a), self.tokens(b));
        let (mut i, mut j, mut shared) = (0, 0, 0);
        while i < x.len() && j < y.len() {
            match x[i].cmp(&y[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        shared
    }

    fn redundant(&self, a: usize, b: usize) -> bool {
        let longer = self.tokens(a).len().max(self.tokens(b).len());
        self.overlap(a, b) as f64 >= REDUNDANT_OVERLAP * longer as f64
    }

    /// TextRank scores, one per node: `(1 - d) * prior + d * sum_j w_ij / out_j * score_j`.
    /// The prior (teleport) vector favours the lead mildly: 2 for the first sentence, 1.5 for the
    /// second, tending to 1.
    fn rank(&self) -> Vec<f64> {
        let n = self.nodes.len();
        if n == 0 {
            return Vec::new();
        }
        let ln: Vec<f64> = (0..n).map(|k| self.ln_len(k)).collect();
        // Dense and symmetric: at most MAX_GRAPH² f32s (640 KB), freed on return. Overlaps are
        // counted from posting lists (only pairs that share a token are ever touched), then
        // turned into weights.
        let mut w = vec![0f32; n * n];
        // (token << 32 | node), sorted: runs with the same token are its posting list, in node
        // order.
        let mut postings: Vec<u64> = Vec::with_capacity(self.ids.len());
        for k in 0..n {
            postings.extend(self.tokens(k).iter().map(|&t| u64::from(t) << 32 | k as u64));
        }
        postings.sort_unstable();
        for list in postings.chunk_by(|a, b| a >> 32 == b >> 32) {
            for (x, &a) in list.iter().enumerate() {
                let row = a as u32 as usize * n;
                for &b in &list[x + 1..] {
                    w[row + b as u32 as usize] += 1.0;
                }
            }
        }
        for i in 0..n {
            for j in i + 1..n {
                let shared = w[i * n + j];
                if shared > 0.0 {
                    let v = (f64::from(shared) / (ln[i] + ln[j])) as f32;
                    w[i * n + j] = v;
                    w[j * n + i] = v;
                }
            }
        }
        let out: Vec<f64> =
            w.chunks_exact(n).map(|row| row.iter().map(|&x| f64::from(x)).sum()).collect();
        let prior: Vec<f64> =
            self.nodes.iter().map(|node| 1.0 + 1.0 / (1.0 + node.pos as f64)).collect();

        // Starting from the prior puts the total score at (or, with isolated nodes, near) its
        // fixed point, so mostly the ranking itself has to converge: a handful of iterations
        // instead of the ~80 that all-ones needs to shed its excess at rate 0.85.
        let mut score = prior.clone();
        let mut next = vec![0.0f64; n];
        let mut share = vec![0.0f64; n];
        for _ in 0..MAX_ITERATIONS {
            for j in 0..n {
                share[j] = if out[j] > 0.0 { score[j] / out[j] } else { 0.0 };
            }
            let mut delta = 0.0f64;
            for (i, row) in w.chunks_exact(n).enumerate() {
                let inflow: f64 = row.iter().zip(&share).map(|(&x, &s)| f64::from(x) * s).sum();
                next[i] = (1.0 - DAMPING) * prior[i] + DAMPING * inflow;
                delta = delta.max((next[i] - score[i]).abs());
            }
            std::mem::swap(&mut score, &mut next);
            if delta < EPSILON {
                break;
            }
        }
        score
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_are_sorted_lowercase_for_binary_search_and_matching() {
        for list in [STOP_WORDS, TITLES, NUMBERED] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
            assert!(list.iter().all(|w| w.chars().all(|c| c.is_ascii_lowercase())));
        }
    }

    #[test]
    fn tokens_fold_case_arabic_spellings_and_the_definite_article() {
        let mut t = Tokenizer::new();
        let mut a = Vec::new();
        let mut b = Vec::new();
        t.tokenize("The FERRY sails; المهرجانُ كبيرة", &mut a);
        t.tokenize("ferry sails مهرجان كبيره", &mut b);
        assert_eq!(a, b);
        assert_eq!(a.len(), 4);
    }

    #[test]
    fn cjk_is_tokenised_as_bigrams() {
        let mut t = Tokenizer::new();
        let mut ids = Vec::new();
        t.tokenize("渡船出发", &mut ids);
        assert_eq!(ids.len(), 3);
        assert_eq!(word_count("渡船出发了"), 3);
    }

    #[test]
    fn vocab_ids_follow_first_appearance_and_survive_growth() {
        let mut v = Vocab::new();
        let words: Vec<String> = (0..5_000).map(|k| k.to_string()).collect();
        for (k, w) in words.iter().enumerate() {
            assert_eq!(v.intern(w), k as u32);
        }
        for (k, w) in words.iter().enumerate().rev() {
            assert_eq!(v.intern(w), k as u32);
        }
        assert_eq!(v.intern(""), 5_000);
        assert_eq!(v.len(), 5_001);
    }

    #[test]
    fn long_tokens_are_ignored() {
        let mut t = Tokenizer::new();
        let mut ids = Vec::new();
        t.tokenize(&"x".repeat(1000), &mut ids);
        assert!(ids.is_empty());
    }
}
