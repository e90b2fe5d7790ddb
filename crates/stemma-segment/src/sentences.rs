//! Sentence boundaries inside one paragraph.
//!
//! A boundary is a `.`, `!`, `?` or `…` (with any closing quotes and
//! brackets after it) followed by white space and a sentence start: a
//! capital, a digit or an opening quote. A period after a title (`Dr.`,
//! `St.`), an initial (`J.`), a month before a day (`Sept. 3`) or an
//! abbreviation before a lower-case word is not a boundary; after an
//! initialism (`U.S.`) it is one only when a typical sentence opener
//! follows. A line break inside a paragraph ends a sentence when the line
//! before is short and unpunctuated (a heading, a dateline, a list item)
//! or the next line starts a list item.

use stemma_core::Span;

/// Never end a sentence after these (lower case, without the period).
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "mt", "ft", "gov", "sen", "rep", "gen", "lt", "col",
    "capt", "cpt", "sgt", "maj", "adm", "cmdr", "rev", "hon", "pres", "supt", "insp", "det",
    "messrs", "mme", "mlle", "fr", "sr", "jr",
];

/// Months and days as abbreviated: not a boundary before a number.
const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon",
    "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
];

/// Other abbreviations: a boundary only before a capital.
const ABBREVIATIONS: &[&str] = &[
    "inc", "ltd", "co", "corp", "plc", "llc", "bros", "no", "nos", "vol", "vols", "pp", "p", "fig",
    "figs", "approx", "est", "dept", "univ", "assn", "ave", "rd", "blvd", "hwy", "etc", "vs", "v",
    "cf", "al", "ca", "c", "min", "max", "ed", "eds", "op", "gen", "nr", "tel", "ext",
];

/// Words that typically open a sentence: after an initialism like `U.S.`
/// they mark a boundary.
const OPENERS: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "this",
    "that",
    "these",
    "those",
    "there",
    "in",
    "on",
    "at",
    "but",
    "and",
    "as",
    "if",
    "when",
    "while",
    "after",
    "before",
    "his",
    "her",
    "its",
    "their",
    "our",
    "officials",
    "some",
    "many",
    "most",
    "no",
    "not",
    "for",
    "of",
    "to",
    "by",
    "with",
    "what",
    "why",
    "how",
    "who",
    "according",
    "however",
    "meanwhile",
    "last",
    "next",
    "earlier",
    "later",
    "since",
    "still",
    "yet",
    "so",
];

const TERMINATORS: &[char] = &['.', '!', '?', '…'];
const CLOSERS: &[char] = &['"', '\'', '”', '’', '»', ')', ']', '}', '.', '!', '?', '…'];

/// Splits the paragraph `para` of `text` into trimmed sentence spans.
pub(crate) fn split(text: &str, para: Span) -> Vec<Span> {
    let body = &text[para.start..para.end];
    let chars: Vec<(usize, char)> = body.char_indices().collect();
    let longest_line = body
        .lines()
        .map(|l| l.trim().chars().count())
        .max()
        .unwrap_or(0);
    // (end of a sentence, start of the next)
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if TERMINATORS.contains(&c) {
            let mut j = i + 1;
            while j < chars.len() && CLOSERS.contains(&chars[j].1) {
                j += 1;
            }
            if j < chars.len() && chars[j].1.is_whitespace() {
                let mut k = j;
                while k < chars.len() && chars[k].1.is_whitespace() {
                    k += 1;
                }
                if k < chars.len() && period_ends_sentence(body, &chars, i, k) {
                    cuts.push((chars[j].0, chars[k].0));
                }
                i = k;
                continue;
            }
            i = j.max(i + 1);
            continue;
        }
        if c == '\n' {
            let line_start = body[..at].rfind('\n').map_or(0, |p| p + 1);
            let line = body[line_start..at].trim();
            let mut k = i + 1;
            while k < chars.len() && chars[k].1.is_whitespace() {
                k += 1;
            }
            if k < chars.len()
                && !line.is_empty()
                && line_break_ends_sentence(line, &body[chars[k].0..], longest_line)
            {
                let end = line_start + body[line_start..at].trim_end().len();
                cuts.push((end, chars[k].0));
            }
            i = k.max(i + 1);
            continue;
        }
        i += 1;
    }
    let mut out = Vec::new();
    let mut start = 0;
    for (end, next) in cuts {
        if end > start {
            out.push(Span::new(para.start + start, para.start + end));
        }
        start = next;
    }
    if start < body.len() {
        out.push(Span::new(para.start + start, para.end));
    }
    out
}

/// Whether the terminator at `chars[i]` ends a sentence, given that the
/// next sentence would start at `chars[k]`.
fn period_ends_sentence(body: &str, chars: &[(usize, char)], i: usize, k: usize) -> bool {
    let (at, c) = chars[i];
    let next = chars[k].1;
    let next_word = word_at(&body[chars[k].0..]);
    let starts_like_sentence = next.is_uppercase()
        || next.is_ascii_digit()
        || matches!(
            next,
            '"' | '“' | '‘' | '\'' | '(' | '[' | '«' | '—' | '–' | '-' | '•' | '*'
        )
        || (next.is_alphabetic() && !next.is_lowercase());
    if c != '.' {
        return !next.is_lowercase();
    }
    if !starts_like_sentence {
        return false;
    }
    // The word before the period, without leading punctuation.
    let before = &body[..at];
    let word_start = before
        .rfind(|ch: char| ch.is_whitespace() || matches!(ch, '(' | '"' | '“' | '‘' | '[' | '—'))
        .map_or(0, |p| {
            p + before[p..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    if word.is_empty() {
        return true;
    }
    let lower = word.to_lowercase();
    let letters = word.chars().filter(|ch| ch.is_alphabetic()).count();
    // An initial: "J. Smith".
    if letters == 1 && word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return false;
    }
    if TITLES.contains(&lower.as_str()) {
        return false;
    }
    if MONTHS.contains(&lower.as_str()) {
        return !next.is_ascii_digit();
    }
    // An initialism: "U.S", "e.g", "a.m".
    if word.contains('.') && word.split('.').all(|p| p.chars().count() <= 2) {
        let opener = next_word.to_lowercase();
        return OPENERS.contains(&opener.as_str());
    }
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return next.is_uppercase() && !next.is_ascii_digit();
    }
    true
}

/// Whether a line break after `line` (trimmed, non-empty, not ending in
/// a terminator) ends a sentence, given the text that follows and the
/// length of the paragraph's longest line.
fn line_break_ends_sentence(line: &str, rest: &str, longest_line: usize) -> bool {
    let next = rest.chars().next().unwrap_or(' ');
    let list_item = matches!(next, '-' | '*' | '•' | '–' | '—' | '·')
        || rest.split_once(['.', ')']).is_some_and(|(n, _)| {
            !n.is_empty() && n.len() <= 3 && n.chars().all(|c| c.is_ascii_digit())
        });
    // Hard-wrapped prose has lines of similar length; a heading or a
    // dateline is clearly shorter than the longest line.
    let len = line.chars().count();
    let short = len * 10 <= longest_line * 7 || len <= 40;
    let starts = next.is_uppercase() || next.is_ascii_digit() || !next.is_alphabetic();
    list_item || line.ends_with(':') || (short && starts)
}

fn word_at(s: &str) -> &str {
    let s = s.trim_start_matches(|c: char| !c.is_alphanumeric());
    let end = s.find(|c: char| !c.is_alphanumeric()).unwrap_or(s.len());
    &s[..end]
}
