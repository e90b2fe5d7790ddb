//! Names of people, places and organisations: runs of capitalised words,
//! and the rule that decides when two spellings name one entity.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use crate::dates::{is_month, is_weekday};
use crate::words::{Word, words};

/// A name found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameMention {
    /// Byte range in the text, a title included (`Dr. Imelda Vosk`).
    pub span: Range<usize>,
    /// The name's words without titles and connectors, lowercased, with
    /// accents kept: what entities are compared on.
    pub key: Vec<String>,
    /// For each word of `key`, whether the document also writes it in
    /// lower case (an ordinary word: `Such`, `Instead`, `Computer`).
    pub common: Vec<bool>,
}

impl NameMention {
    fn new(span: Range<usize>, key: Vec<String>, vocabulary: &Vocabulary) -> NameMention {
        let common = key
            .iter()
            .map(|w| {
                (vocabulary.lowercase.contains(w) || COMMON.contains(&w.as_str()))
                    && !vocabulary.places.contains(w)
            })
            .collect();
        NameMention { span, key, common }
    }

    /// The words of `self` not in `other`, and whether any of them is
    /// not an ordinary word: a different name rather than a word of a
    /// title or phrase replaced by a synonym.
    pub fn differs_by_a_name(&self, other: &NameMention) -> bool {
        self.key
            .iter()
            .zip(&self.common)
            .any(|(w, &common)| !common && !other.key.contains(w))
    }
}

impl NameMention {
    /// The key as one string: `imelda vosk`.
    pub fn normalized(&self) -> String {
        self.key.join(" ")
    }
}

/// Words before a name that say who someone is, not part of the name.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "president",
    "mayor",
    "governor",
    "senator",
    "sen",
    "rep",
    "gen",
    "general",
    "capt",
    "captain",
    "judge",
    "rev",
    "chief",
];

/// Lowercase words that may sit inside a name: `Bank of England`,
/// `Coalition for Honest Infrastructure`, `Ludwig van Beethoven`.
const CONNECTORS: &[&str] = &[
    "of", "for", "de", "del", "da", "van", "von", "der", "al", "bin", "the",
];

/// Capitalised words that are not names, wherever they stand (besides
/// months and weekdays).
const NOT_NAMES: &[&str] = &["i", "tv", "ok", "am", "pm", "a.m", "p.m", "ceo", "gmt"];

/// Common words that open sentences: capitalised there, never a name.
const COMMON: &[&str] = &[
    "the",
    "a",
    "an",
    "last",
    "this",
    "that",
    "these",
    "those",
    "it",
    "its",
    "he",
    "she",
    "they",
    "we",
    "you",
    "our",
    "their",
    "his",
    "her",
    "in",
    "on",
    "at",
    "by",
    "for",
    "from",
    "with",
    "after",
    "before",
    "during",
    "since",
    "until",
    "when",
    "while",
    "but",
    "and",
    "or",
    "so",
    "yet",
    "if",
    "as",
    "although",
    "though",
    "because",
    "however",
    "meanwhile",
    "also",
    "still",
    "now",
    "then",
    "there",
    "here",
    "what",
    "who",
    "which",
    "where",
    "why",
    "how",
    "some",
    "many",
    "most",
    "more",
    "all",
    "both",
    "each",
    "every",
    "no",
    "not",
    "one",
    "other",
    "another",
    "such",
    "next",
    "earlier",
    "later",
    "today",
    "yesterday",
    "tomorrow",
    "according",
    "about",
    "over",
    "under",
    "despite",
    "among",
    "once",
    "only",
    "even",
    "just",
    "instead",
    "officials",
    "police",
    "residents",
    "people",
    "experts",
    "critics",
    "analysts",
];

/// Places written as news writes them (`places.txt`): a name even where
/// its capital says nothing (opening a sentence) or its lower-case form
/// is a common word (`US`, `Turkey`).
static PLACES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("places.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// The listed places, lowercased with their words joined by spaces.
static FOLDED_PLACES: LazyLock<HashSet<String>> =
    LazyLock::new(|| PLACES.iter().map(|p| fold(p)).collect());

/// Whether `key` holds a listed place (up to three words) with a word
/// that `other` does not have.
fn place_differs(key: &[String], other: &[String]) -> bool {
    (0..key.len()).any(|i| {
        (1..=3).any(|n| {
            key.get(i..i + n).is_some_and(|ws| {
                ws.iter().any(|w| !other.contains(w)) && FOLDED_PLACES.contains(&ws.join(" "))
            })
        })
    })
}

/// Whether the folded key of a name is a listed place (`new york`).
pub(crate) fn is_folded_place(key: &[String]) -> bool {
    FOLDED_PLACES.contains(&key.join(" "))
}

/// Whether `surface` (words joined by single spaces) is a listed place.
pub fn is_place(surface: &str) -> bool {
    PLACES.contains(surface)
}

fn is_capitalised(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_alphabetic)
        || w.len() > 1 && w.chars().all(|c| c.is_uppercase() || c == '.' || c == '&')
}

/// The document's lowercase vocabulary: every word that occurs in it
/// written in lower case, and every word it capitalises inside a
/// sentence. One capitalised word that opens a sentence is a name only if
/// the document never writes it in lower case and capitalises it inside
/// a sentence somewhere ("Transportation watchdogs argue…" opens with a
/// common word, "Renard said…" with a name the text gives elsewhere as
/// "Mayor Tobias Renard").
pub fn lowercase_vocabulary(text: &str, sentences: &[Range<usize>]) -> Vocabulary {
    let split: Vec<Vec<Word<'_>>> = sentences.iter().map(|r| words(text, r.clone())).collect();
    vocabulary_of(&split)
}

/// [`lowercase_vocabulary`] over the words of each sentence.
pub(crate) fn vocabulary_of(sentences: &[Vec<Word<'_>>]) -> Vocabulary {
    let mut v = Vocabulary::default();
    for ws in sentences {
        if title_case(ws) {
            continue;
        }
        for (i, w) in ws.iter().enumerate() {
            let first = w.text.chars().next();
            if first.is_some_and(char::is_lowercase) {
                // Two-letter words are asked about only as places (`US`).
                if w.text.len() <= 2 {
                    continue;
                }
                if w.text.bytes().all(|b| b.is_ascii_lowercase()) {
                    v.lowercase.insert(w.text);
                } else {
                    v.lowercase.insert(&fold(w.text));
                }
            } else if is_place(w.text) {
                v.places.insert(&fold(w.text));
            } else if first.is_some_and(char::is_uppercase)
                && i > 0
                && !w.open
                && (!ws[i - 1].close || ws[i - 1].dot && is_title(ws[i - 1].text))
            {
                v.inside.insert(&fold(w.text));
            }
        }
    }
    v
}

/// A word as names are compared: lowercased, full stops dropped, curly
/// apostrophes straightened.
fn fold(w: &str) -> String {
    let mut s = String::with_capacity(w.len());
    for c in w.chars() {
        match c {
            '.' => {}
            '’' => s.push('\''),
            c if c.is_ascii() => s.push(c.to_ascii_lowercase()),
            c => s.extend(c.to_lowercase()),
        }
    }
    s
}

/// A headline in title case: four or more words of four letters or
/// more, all capitalised, with no bracket or quotation inside and no
/// comma (a list line, `Catherine Tate (The Catherine Tate Show, BBC
/// Two)`, is not a headline).
fn title_case(ws: &[Word<'_>]) -> bool {
    let punctuated = ws
        .iter()
        .enumerate()
        .any(|(i, w)| i > 0 && w.open || i + 1 < ws.len() && w.close && !w.dot);
    if punctuated {
        return false;
    }
    let mut long = 0;
    for w in ws {
        if w.text.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
            if !is_capitalised(w.text) {
                return false;
            }
            long += 1;
        }
    }
    long >= 4
}

/// What a document's own usage says about its capitalised words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vocabulary {
    /// Words the document writes in lower case somewhere.
    pub lowercase: WordSet,
    /// Words it capitalises inside a sentence somewhere.
    pub inside: WordSet,
    /// Listed places it names, folded (`us`, `turkey`).
    pub places: WordSet,
}

/// A set of folded words, kept as 64-bit hashes (xxh3): membership is
/// all the name rules ask, and a document's vocabulary is built for
/// every document in a story.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordSet(HashSet<u64, stemma_core::BuildPrehashed>);

impl WordSet {
    pub fn insert(&mut self, folded: &str) {
        self.0.insert(xxhash_rust::xxh3::xxh3_64(folded.as_bytes()));
    }

    pub fn contains(&self, folded: &str) -> bool {
        self.0
            .contains(&xxhash_rust::xxh3::xxh3_64(folded.as_bytes()))
    }
}

/// The names of sentence `text[range]`. `vocabulary` is the document's
/// [`lowercase_vocabulary`]. A sentence in title case (a headline) has
/// none: its capitals say nothing.
pub fn find_names(text: &str, range: Range<usize>, vocabulary: &Vocabulary) -> Vec<NameMention> {
    names_in(&words(text, range), vocabulary)
}

/// [`find_names`] over the words of a sentence.
pub(crate) fn names_in(ws: &[Word<'_>], vocabulary: &Vocabulary) -> Vec<NameMention> {
    if title_case(ws) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        match name_at(ws, i, vocabulary) {
            Some((m, n)) => {
                out.push(m);
                i += n;
            }
            None => i += 1,
        }
    }
    out
}

fn name_at(ws: &[Word<'_>], i: usize, vocabulary: &Vocabulary) -> Option<(NameMention, usize)> {
    let first = &ws[i];
    if !is_capitalised(first.text) {
        return None;
    }
    let initial =
        i == 0 || first.quote || ws[i - 1].close && !(ws[i - 1].dot && is_title(ws[i - 1].text));
    let mut key = Vec::new();
    let mut j = i;
    let mut end = first.span.end;
    let mut pending_connectors = 0;
    while j < ws.len() {
        let w = &ws[j];
        if is_capitalised(w.text) && (j == i || !w.open) {
            let bare = w.text.trim_end_matches('.');
            if is_month(bare)
                || is_weekday(bare)
                || NOT_NAMES.iter().any(|n| n.eq_ignore_ascii_case(bare))
            {
                break;
            }
            if !is_title(w.text) {
                key.push(fold(w.text));
            }
            end = w.possessive_end;
            pending_connectors = 0;
            // A title's full stop does not end the name ("Dr. Vosk").
            if w.close && !(w.dot && (is_title(w.text) || w.text.len() <= 3)) {
                j += 1;
                break;
            }
        } else if j > i && !w.close && CONNECTORS.contains(&w.text) {
            pending_connectors += 1;
            key.push(w.text.to_owned());
        } else {
            break;
        }
        j += 1;
    }
    let taken = (j - i).saturating_sub(pending_connectors);
    key.truncate(key.len() - pending_connectors.min(key.len()));
    if key.is_empty() {
        return None;
    }
    // One capitalised word: a name only when the document never writes
    // it in lower case ("the Bridge", "Interactive posters"); opening a
    // sentence or a quotation, only when the document also capitalises it
    // inside a sentence. "I" and its contractions are never names.
    let surface: Vec<&str> = ws[i..i + taken.max(1)]
        .iter()
        .filter(|w| !is_title(w.text))
        .map(|w| w.text)
        .collect();
    let place = is_place(&surface.join(" "));
    if key.len() == 1 && taken == 1 && !place {
        let w = key[0].as_str();
        if vocabulary.lowercase.contains(w)
            || COMMON.contains(&w)
            || w.chars().count() < 2
            || w.starts_with("i'")
            || initial && !vocabulary.inside.contains(w)
        {
            return None;
        }
    }
    // "Estimates of Iraq's" opening a sentence: a word capitalised only
    // by its place, before a connector, is not part of the name unless
    // the document capitalises it inside a sentence too.
    if (i == 0 || first.quote)
        && !place
        && key.len() > 2
        && is_connector(&key[1])
        && !vocabulary.inside.contains(&key[0])
        && !is_title(first.text)
    {
        let mut k = i + 1;
        while k < i + taken && is_connector(ws[k].text) {
            k += 1;
        }
        if k < i + taken {
            let rest = key.split_off(k - i);
            return Some((
                NameMention::new(ws[k].span.start..end, rest, vocabulary),
                taken,
            ));
        }
    }
    if initial
        && !place
        && key.len() > 1
        && (vocabulary.lowercase.contains(&key[0]) || COMMON.contains(&key[0].as_str()))
        && !is_title(first.text)
    {
        // "The Halvey Bridge": drop the common first word.
        key.remove(0);
        let start = ws[i + 1].span.start;
        return Some((NameMention::new(start..end, key, vocabulary), taken.max(1)));
    }
    Some((
        NameMention::new(first.span.start..end, key, vocabulary),
        taken.max(1),
    ))
}

/// Whether `w` is a lowercase word that may sit inside a name.
pub(crate) fn is_connector(w: &str) -> bool {
    CONNECTORS.contains(&w)
}

pub(crate) fn is_title(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    w.len() <= 9 && TITLES.iter().any(|t| t.eq_ignore_ascii_case(w))
}

/// Whether two names name one entity, on their keys:
/// - the same words;
/// - an acronym of the other's initials (`NIA`, `Northshore
///   Infrastructure Agency`);
/// - all words of one among the other's (`Vosk`, `Imelda Vosk`), or
///   more than half of the shorter's, or the same last word;
/// - word by word equal or [`spelling_variant`]s (`Zelensky`,
///   `Zelenskyy`), or one word against the other's last.
pub fn same_entity(a: &[String], b: &[String]) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() == 1 && long.len() > 1 && short[0].chars().nth(1).is_some() {
        let initials = long
            .iter()
            .filter(|w| !CONNECTORS.contains(&w.as_str()))
            .filter_map(|w| w.chars().next());
        if short[0].chars().eq(initials) {
            return true;
        }
    }
    if short.iter().all(|w| long.contains(w)) {
        return true;
    }
    // Most words shared: one title rendered two ways ("Carry On Again
    // Doctor", "Carry On Once More Doctor"); "New York" and "New Jersey"
    // share only half.
    fn content(k: &[String]) -> Vec<&String> {
        k.iter()
            .filter(|w| !CONNECTORS.contains(&w.as_str()))
            .collect()
    }
    let (cs, cl) = (content(short), content(long));
    let shared = cs.iter().filter(|w| cl.contains(w)).count();
    // …unless a place is what differs ("State University of New York",
    // "State University of Chicago"; "Escape From New York", "Escape
    // From Brussels").
    if cs.len() > 1 && shared * 2 > cs.len() && !place_differs(a, b) && !place_differs(b, a) {
        return true;
    }
    // The same last word: one person under two roles ("Solicitor Gareth
    // Pierce", "Attorney Gareth Pierce"), one body under two
    // descriptions; not a last word after a connector, which names what
    // the rest belongs to ("Bank of England", "Church of England").
    let after_connector = |k: &[String]| k.len() > 1 && is_connector(&k[k.len() - 2]);
    if short.len() > 1
        && short.last() == long.last()
        && !after_connector(short)
        && !after_connector(long)
    {
        return true;
    }
    if short.len() == long.len() {
        return short
            .iter()
            .zip(long)
            .all(|(x, y)| x == y || spelling_variant(x, y));
    }
    short.len() == 1 && long.last().is_some_and(|l| spelling_variant(&short[0], l))
}

/// Two spellings of one word: at most one edit (insertion, deletion,
/// substitution or swap of neighbours) between words of at least four
/// letters, two between words of at least eight, with the same digits.
/// `Dunleavy`/`Dunlevy`, `Zelensky`/`Zelenskyy`; not `Qatargas-1`/
/// `Qatargas-2`.
pub fn spelling_variant(a: &str, b: &str) -> bool {
    if a == b || a.len().min(b.len()) < 4 {
        return false;
    }
    // Figures are not spelling: "Qatargas-1" and "Qatargas-2" differ.
    fn digits(s: &str) -> impl Iterator<Item = u8> + '_ {
        s.bytes().filter(u8::is_ascii_digit)
    }
    if !digits(a).eq(digits(b)) {
        return false;
    }
    if a.is_ascii() && b.is_ascii() {
        // Bytes are characters: no copy.
        let (a, b) = (a.as_bytes(), b.as_bytes());
        let shorter = a.len().min(b.len());
        let allowed = if shorter >= 8 { 2 } else { 1 };
        return a.len().abs_diff(b.len()) <= allowed && edit_distance(a, b) <= allowed;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let shorter = a.len().min(b.len());
    if shorter < 4 || a == b {
        return false;
    }
    let allowed = if shorter >= 8 { 2 } else { 1 };
    if a.len().abs_diff(b.len()) > allowed {
        return false;
    }
    edit_distance(&a, &b) <= allowed
}

/// Optimal string alignment distance (Damerau–Levenshtein without
/// repeated edits of one substring), three rolling rows on the stack;
/// words longer than [`MAX_VARIANT`] characters count as far apart.
fn edit_distance<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let (n, m) = (a.len(), b.len());
    if n > MAX_VARIANT || m > MAX_VARIANT {
        return usize::MAX;
    }
    let mut before = [0usize; MAX_VARIANT + 1];
    let mut prev: [usize; MAX_VARIANT + 1] = std::array::from_fn(|j| j);
    let mut cur = [0usize; MAX_VARIANT + 1];
    for i in 1..=n {
        cur[0] = i;
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(before[j - 2] + 1);
            }
            cur[j] = v;
        }
        before = prev;
        prev = cur;
    }
    prev[m]
}

/// The longest word [`spelling_variant`] compares.
const MAX_VARIANT: usize = 40;

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        let vocabulary = lowercase_vocabulary(text, std::slice::from_ref(&(0..text.len())));
        find_names(text, 0..text.len(), &vocabulary)
            .iter()
            .map(|m| format!("{} = {}", &text[m.span.clone()], m.normalized()))
            .collect()
    }

    #[test]
    fn cases_from_file() {
        let cases = include_str!("../testdata/names.cases");
        let mut n = 0;
        for (line_no, line) in cases.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(rest) = line.strip_prefix("same: ") {
                let (a, b) = rest.split_once(" ~ ").expect("same: a ~ b");
                let key =
                    |s: &str| -> Vec<String> { s.split(' ').map(str::to_lowercase).collect() };
                assert!(
                    same_entity(&key(a), &key(b)),
                    "line {}: {rest}",
                    line_no + 1
                );
                n += 1;
                continue;
            }
            if let Some(rest) = line.strip_prefix("different: ") {
                let (a, b) = rest.split_once(" ~ ").expect("different: a ~ b");
                let key =
                    |s: &str| -> Vec<String> { s.split(' ').map(str::to_lowercase).collect() };
                assert!(
                    !same_entity(&key(a), &key(b)),
                    "line {}: {rest}",
                    line_no + 1
                );
                n += 1;
                continue;
            }
            let (input, expected) = line
                .split_once(" => ")
                .unwrap_or_else(|| panic!("line {}: no ` => `", line_no + 1));
            let want: Vec<String> = if expected.trim() == "-" {
                Vec::new()
            } else {
                expected.split(" | ").map(|s| s.trim().to_owned()).collect()
            };
            assert_eq!(names(input), want, "line {}: {input}", line_no + 1);
            n += 1;
        }
        assert!(n >= 20, "only {n} cases");
    }
}
