//! Lexical overlap of two texts, as the brief measures rewrites: the share
//! of the source's word n-grams and vocabulary that a derived text keeps.
//!
//! Words are maximal runs of letters and digits, lowercased (so `AOL's`
//! is `aol`, `s`). Words and n-grams are compared by 64-bit hashes.

use std::collections::HashSet;

use crate::rng::mix64;

/// The lowercase words of `text`.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A hash of each lowercase word of `text`, without allocating words.
fn word_hashes(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut in_word = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                let mut buf = [0u8; 4];
                for &b in l.encode_utf8(&mut buf).as_bytes() {
                    h ^= u64::from(b);
                    h = h.wrapping_mul(0x0100_0000_01b3);
                }
            }
            in_word = true;
        } else if in_word {
            out.push(mix64(h));
            h = 0xcbf2_9ce4_8422_2325;
            in_word = false;
        }
    }
    if in_word {
        out.push(mix64(h));
    }
    out
}

fn ngrams(hashes: &[u64], n: usize) -> HashSet<u64> {
    hashes
        .windows(n)
        .map(|w| {
            w.iter()
                .fold(0u64, |acc, &h| mix64(acc.rotate_left(17) ^ h))
        })
        .collect()
}

/// The share of `source`'s distinct word `n`-grams found in `derived`
/// (0 when the source has none).
pub fn ngram_retention(source: &str, derived: &str, n: usize) -> f64 {
    let s = ngrams(&word_hashes(source), n);
    if s.is_empty() {
        return 0.0;
    }
    let d = ngrams(&word_hashes(derived), n);
    s.intersection(&d).count() as f64 / s.len() as f64
}

/// The share of `source`'s distinct words found in `derived`.
pub fn vocabulary_retention(source: &str, derived: &str) -> f64 {
    let s: HashSet<u64> = word_hashes(source).into_iter().collect();
    if s.is_empty() {
        return 0.0;
    }
    let d: HashSet<u64> = word_hashes(derived).into_iter().collect();
    s.intersection(&d).count() as f64 / s.len() as f64
}

/// The Jaccard index of the two texts' vocabularies.
pub fn vocabulary_jaccard(source: &str, derived: &str) -> f64 {
    let s: HashSet<u64> = word_hashes(source).into_iter().collect();
    let d: HashSet<u64> = word_hashes(derived).into_iter().collect();
    let union = s.union(&d).count();
    if union == 0 {
        return 0.0;
    }
    s.intersection(&d).count() as f64 / union as f64
}

/// The three figures of a derived text against its source, hashing each
/// text once.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Overlap {
    /// [`ngram_retention`] with `n = 5`.
    pub ngram5: f64,
    /// [`vocabulary_retention`].
    pub vocabulary: f64,
    /// [`vocabulary_jaccard`].
    pub jaccard: f64,
}

/// [`Overlap`] of `derived` against `source`.
pub fn overlap(source: &str, derived: &str) -> Overlap {
    let (a, b) = (word_hashes(source), word_hashes(derived));
    let (ga, gb) = (ngrams(&a, 5), ngrams(&b, 5));
    let va: HashSet<u64> = a.into_iter().collect();
    let vb: HashSet<u64> = b.into_iter().collect();
    let shared = va.intersection(&vb).count() as f64;
    let ratio = |x: f64, y: usize| if y == 0 { 0.0 } else { x / y as f64 };
    Overlap {
        ngram5: ratio(ga.intersection(&gb).count() as f64, ga.len()),
        vocabulary: ratio(shared, va.len()),
        jaccard: ratio(shared, va.union(&vb).count()),
    }
}

/// The share of the smaller text's distinct word `n`-grams that the two
/// share (containment: high for an excerpt and its source).
pub fn ngram_containment(a: &str, b: &str, n: usize) -> f64 {
    let x = ngrams(&word_hashes(a), n);
    let y = ngrams(&word_hashes(b), n);
    let small = x.len().min(y.len());
    if small == 0 {
        return 0.0;
    }
    x.intersection(&y).count() as f64 / small as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap() {
        let a = "the cat sat on the mat today";
        assert_eq!(ngram_retention(a, a, 5), 1.0);
        assert_eq!(ngram_retention(a, "dogs bark loudly", 5), 0.0);
        // 3 five-grams in `a`; `b` keeps the first one.
        let b = "The cat sat on the rug";
        assert!((ngram_retention(a, b, 5) - 1.0 / 3.0).abs() < 1e-9);
        assert!((vocabulary_retention(a, b) - 4.0 / 6.0).abs() < 1e-9);
        assert!((vocabulary_jaccard(a, b) - 4.0 / 7.0).abs() < 1e-9);
        assert!((ngram_containment(a, b, 5) - 1.0 / 2.0).abs() < 1e-9);
        assert_eq!(words("AOL's 8% rise"), ["aol", "s", "8", "rise"]);
        assert_eq!(word_hashes("AOL's"), word_hashes("aol s"));
    }
}
