//! Content terms of a document: words that are not stopwords (stemmed)
//! and numbers, with their counts and whether they are written as names.

use std::borrow::Cow;

use stemma_segment::{Segmented, TokenKind};
use xxhash_rust::xxh3::xxh3_64_with_seed;

use crate::{Config, Term};

const STOPWORDS: &str = include_str!("../data/stopwords.txt");

/// Salt of the term hash seed, so that term hashes differ from shingle
/// hashes of the same seed.
pub(crate) const TERM_SALT: u64 = 0x7e4d;

/// Salt of the hash of a pair of salient terms.
const PAIR_SALT: u64 = 0x9a15;

/// Slots of the stopword table (a power of two, over twice the list).
const SLOTS: usize = 1024;

#[derive(Clone)]
pub(crate) struct Extractor {
    /// `xxh3_64(stopword, seed = 0)` by open addressing on the low bits;
    /// zero is an empty slot.
    stopwords: Box<[u64]>,
    stem: bool,
    seed: u64,
    per_document: usize,
    pairs: usize,
}

fn word_hash(word: &str) -> u64 {
    xxh3_64_with_seed(word.as_bytes(), 0).max(1)
}

impl Extractor {
    pub(crate) fn new(config: &Config) -> Extractor {
        let mut table = vec![0u64; SLOTS].into_boxed_slice();
        for word in STOPWORDS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let h = word_hash(word);
            let mut i = h as usize % SLOTS;
            while table[i] != 0 && table[i] != h {
                i = (i + 1) % SLOTS;
            }
            table[i] = h;
        }
        Extractor {
            stopwords: table,
            stem: config.terms.stem,
            seed: config.seed ^ TERM_SALT,
            per_document: config.terms.per_document,
            pairs: config.terms.pairs,
        }
    }

    fn is_stopword(&self, word: &str) -> bool {
        let h = word_hash(word);
        let mut i = h as usize % SLOTS;
        loop {
            match self.stopwords[i] {
                0 => return false,
                x if x == h => return true,
                _ => i = (i + 1) % SLOTS,
            }
        }
    }

    /// The term of a normalised token, if it is one.
    fn term<'a>(&self, kind: TokenKind, norm: &'a str) -> Option<Cow<'a, str>> {
        match kind {
            TokenKind::Number => norm.chars().nth(1).map(|_| Cow::Borrowed(norm)),
            TokenKind::Word => {
                if norm.chars().nth(2).is_none() || self.is_stopword(norm) {
                    return None;
                }
                Some(if self.stem {
                    stem(norm)
                } else {
                    Cow::Borrowed(norm)
                })
            }
        }
    }

    /// The distinct terms of `seg` (spans into `text`), sorted by hash, at
    /// most `per_document` of them (the smallest hashes). Besides words
    /// and numbers, each pair of the salient terms of one sentence (names
    /// and numbers, at most `pairs` of them: the smallest hashes) is a
    /// term: "Caldwell" and "Glenby" may each be in thousands of
    /// documents, the two in one sentence in a handful. Pair terms are not
    /// boosted as names, so they fill a document's top terms only where
    /// its single names are too common to count.
    pub(crate) fn extract(&self, text: &str, seg: &Segmented) -> Vec<Term> {
        // term hash << 1 | name
        let mut keys: Vec<u64> = Vec::with_capacity(seg.tokens.len() / 2);
        let mut salient: Vec<u32> = Vec::new();
        for sentence in 0..seg.sentences.len() {
            salient.clear();
            for (pos, token) in seg.sentence_tokens(sentence).iter().enumerate() {
                let Some(term) = self.term(token.kind, seg.norm(token)) else {
                    continue;
                };
                let name = token.kind == TokenKind::Word
                    && pos > 0
                    && text
                        .get(token.span.start..token.span.end)
                        .and_then(|s| s.chars().next())
                        .is_some_and(char::is_uppercase);
                let hash = xxh3_64_with_seed(term.as_bytes(), self.seed) as u32;
                keys.push(u64::from(hash) << 1 | u64::from(name));
                if name || token.kind == TokenKind::Number {
                    salient.push(hash);
                }
            }
            salient.sort_unstable();
            salient.dedup();
            salient.truncate(self.pairs);
            for (i, &x) in salient.iter().enumerate() {
                for &y in &salient[i + 1..] {
                    let pair = (u64::from(x) << 32 | u64::from(y)).to_le_bytes();
                    let hash = xxh3_64_with_seed(&pair, self.seed ^ PAIR_SALT) as u32;
                    keys.push(u64::from(hash) << 1);
                }
            }
        }
        keys.sort_unstable();
        let mut terms: Vec<Term> = Vec::new();
        for key in keys {
            let hash = (key >> 1) as u32;
            let name = key & 1 == 1;
            match terms.last_mut() {
                Some(t) if t.hash == hash => {
                    t.count = t.count.saturating_add(1);
                    t.name |= name;
                }
                _ => terms.push(Term {
                    hash,
                    count: 1,
                    name,
                }),
            }
        }
        terms.truncate(self.per_document);
        terms
    }
}

/// A light English stemmer: the possessive, then Harman's S-stemmer
/// (`-ies` → `-y`, `-es` → `-e`, `-s` → ``, with its exceptions). Plural
/// and singular meet; nothing else is conflated, so names and rare words
/// stay apart.
pub(crate) fn stem(word: &str) -> Cow<'_, str> {
    let w = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix('\''))
        .unwrap_or(word);
    if w.len() <= 3 {
        return Cow::Borrowed(w);
    }
    if let Some(base) = w.strip_suffix("ies")
        && !base.ends_with(['e', 'a'])
    {
        return Cow::Owned(format!("{base}y"));
    }
    if w.ends_with("es") && !w.ends_with("aes") && !w.ends_with("ees") && !w.ends_with("oes") {
        return Cow::Borrowed(&w[..w.len() - 1]);
    }
    if w.ends_with('s') && !w.ends_with("us") && !w.ends_with("ss") {
        return Cow::Borrowed(&w[..w.len() - 1]);
    }
    Cow::Borrowed(w)
}

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn stems() {
        for (word, want) in [
            ("piers", "pier"),
            ("agencies", "agency"),
            ("agency's", "agency"),
            ("crosses", "crosse"),
            ("cross", "cross"),
            ("bus", "bus"),
            ("virus", "virus"),
            ("series", "sery"),
            ("shoes", "shoe"),
            ("engineers", "engineer"),
            ("was", "was"),
            ("its", "its"),
        ] {
            assert_eq!(stem(word), want, "{word}");
        }
    }
}
