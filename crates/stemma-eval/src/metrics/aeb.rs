//! The article-body metric of the article-extraction-benchmark (AEB, Zyte /
//! scrapinghub, `evaluate.py`), reimplemented so that stemma and any peer
//! are scored by the same code.
//!
//! What its README calls token-level is, precisely:
//! - tokens are the maximal runs of Python's `\w` (`re.UNICODE`): letters
//!   (general category L), numbers (N) and `_`; case is kept;
//! - a text's items are its word 4-grams ("shingles") with multiplicity; a
//!   text of 1–3 tokens has one shingle, all its tokens; an empty text none;
//! - per document, over the union of shingles, tp += min(true, pred),
//!   fp += max(0, pred − true), fn += max(0, true − pred); the three are then
//!   divided by their sum, so that every document weighs the same;
//! - precision is the mean of tp/(tp+fp) over documents with tp+fp > 0,
//!   recall the mean of tp/(tp+fn) over documents with tp+fn > 0 (a
//!   document with fp = fn = 0 scores 1), and F1 is the harmonic mean of
//!   those two means (not a mean of per-document F1);
//! - accuracy is the share of documents whose token sequences are equal.
//!
//! The benchmark also prints bootstrap standard deviations; they are not
//! computed here.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

/// The shingle length of the benchmark.
pub const NGRAM: usize = 4;

#[allow(clippy::expect_used)]
static TOKEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{L}\p{N}_]+").expect("the token pattern is valid"));

/// The benchmark's tokens of `text`.
pub fn tokenize(text: &str) -> Vec<&str> {
    TOKEN.find_iter(text).map(|m| m.as_str()).collect()
}

/// One document's match, as the benchmark counts it.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct DocMatch {
    /// Normalised so that `tp + fp + fn` is 1 (or all 0 when both texts
    /// have no token).
    pub tp: f64,
    pub fp: f64,
    pub fn_: f64,
    /// The token sequences are equal.
    pub exact: bool,
}

fn shingles<'a>(tokens: &'a [&'a str]) -> HashMap<&'a [&'a str], u64> {
    let mut m = HashMap::new();
    if tokens.is_empty() {
        return m;
    }
    if tokens.len() < NGRAM {
        m.insert(tokens, 1);
        return m;
    }
    for w in tokens.windows(NGRAM) {
        *m.entry(w).or_insert(0) += 1;
    }
    m
}

/// Compares a predicted article body with the true one.
pub fn compare(truth: &str, predicted: &str) -> DocMatch {
    let tt = tokenize(truth);
    let pt = tokenize(predicted);
    let ts = shingles(&tt);
    let ps = shingles(&pt);
    // Integer counts: the sums do not depend on map iteration order.
    let (mut tp, mut fp, mut fneg) = (0u64, 0u64, 0u64);
    for (k, &t) in &ts {
        let p = ps.get(k).copied().unwrap_or(0);
        tp += t.min(p);
        fneg += t.saturating_sub(p);
    }
    for (k, &p) in &ps {
        let t = ts.get(k).copied().unwrap_or(0);
        fp += p.saturating_sub(t);
    }
    let s = (tp + fp + fneg) as f64;
    let norm = |x: u64| if s > 0.0 { x as f64 / s } else { 0.0 };
    DocMatch {
        tp: norm(tp),
        fp: norm(fp),
        fn_: norm(fneg),
        exact: tt == pt,
    }
}

/// The benchmark's figures over a set of documents.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Score {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub accuracy: f64,
    /// Documents scored.
    pub n: usize,
    /// Documents that entered the precision mean (something predicted).
    pub n_precision: usize,
    /// Documents that entered the recall mean (a non-empty truth).
    pub n_recall: usize,
}

impl DocMatch {
    /// This document's precision, as it enters the benchmark's mean.
    pub fn precision(&self) -> f64 {
        precision_of(self)
    }

    /// This document's recall, as it enters the benchmark's mean.
    pub fn recall(&self) -> f64 {
        recall_of(self)
    }

    /// The harmonic mean of the two (0 when both are 0).
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
}

fn precision_of(m: &DocMatch) -> f64 {
    if m.fp == 0.0 && m.fn_ == 0.0 {
        1.0
    } else if m.tp == 0.0 && m.fp == 0.0 {
        0.0
    } else {
        m.tp / (m.tp + m.fp)
    }
}

fn recall_of(m: &DocMatch) -> f64 {
    if m.fp == 0.0 && m.fn_ == 0.0 {
        1.0
    } else if m.tp == 0.0 && m.fn_ == 0.0 {
        0.0
    } else {
        m.tp / (m.tp + m.fn_)
    }
}

/// Aggregates per-document matches (in a fixed order) as the benchmark
/// does.
pub fn score(matches: &[DocMatch]) -> Score {
    let mean = |v: &[f64]| {
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    let ps: Vec<f64> = matches
        .iter()
        .filter(|m| m.tp + m.fp > 0.0)
        .map(precision_of)
        .collect();
    let rs: Vec<f64> = matches
        .iter()
        .filter(|m| m.tp + m.fn_ > 0.0)
        .map(recall_of)
        .collect();
    let exact: Vec<f64> = matches
        .iter()
        .map(|m| if m.exact { 1.0 } else { 0.0 })
        .collect();
    let (precision, recall) = (mean(&ps), mean(&rs));
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    Score {
        precision,
        recall,
        f1,
        accuracy: mean(&exact),
        n: matches.len(),
        n_precision: ps.len(),
        n_recall: rs.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn tokens_follow_python_word_characters() {
        assert_eq!(
            tokenize("It’s 5.3% of U.S. snake_case Ünïcödé 北京 ½"),
            [
                "It",
                "s",
                "5",
                "3",
                "of",
                "U",
                "S",
                "snake_case",
                "Ünïcödé",
                "北京",
                "½"
            ]
        );
        assert!(tokenize(" .,;— ").is_empty());
    }

    #[test]
    fn perfect_empty_and_mix() {
        let t = "one two three four five six";
        let perfect = compare(t, t);
        assert_eq!(
            (perfect.tp, perfect.fp, perfect.fn_, perfect.exact),
            (1.0, 0.0, 0.0, true)
        );
        // Punctuation and spacing do not matter, tokens do.
        assert!(compare(t, "one, two; three four five  six.").exact);
        let empty = compare(t, "");
        assert_eq!((empty.tp, empty.fp, empty.fn_), (0.0, 0.0, 1.0));
        let s = score(&[perfect]);
        assert_eq!(
            (s.precision, s.recall, s.f1, s.accuracy),
            (1.0, 1.0, 1.0, 1.0)
        );
        // Empty prediction: excluded from precision (tp+fp = 0), recall 0.
        let s = score(&[empty]);
        assert_eq!(
            (s.precision, s.recall, s.f1, s.n_precision, s.n_recall),
            (0.0, 0.0, 0.0, 0, 1)
        );
        assert_eq!(score(&[]), Score::default());

        // truth: a b c d e (shingles abcd, bcde); predicted: x a b c d
        // (shingles xabc, abcd): tp 1, fp 1, fn 1 → each 1/3.
        let m = compare("a b c d e", "x a b c d");
        assert!(close(m.tp, 1.0 / 3.0) && close(m.fp, 1.0 / 3.0) && close(m.fn_, 1.0 / 3.0));
        assert!(!m.exact);
        // Two documents: the perfect one (P = R = 1) and m (P = R = 1/2):
        // mean P = mean R = 3/4, F1 = 3/4, accuracy 1/2.
        let s = score(&[perfect, m]);
        assert!(close(s.precision, 0.75) && close(s.recall, 0.75) && close(s.f1, 0.75));
        assert!(close(s.accuracy, 0.5));
    }

    #[test]
    fn short_texts_and_repeats() {
        // Fewer than 4 tokens: one shingle of all tokens.
        assert_eq!(compare("hello world", "hello world").tp, 1.0);
        assert_eq!(compare("hello world", "hello there").tp, 0.0);
        // Repeated shingles count with multiplicity: truth "a b c d" once,
        // predicted "a b c d a b c d" has abcd ×2, bcda, cdab, dabc:
        // tp 1, fp 1 + 3 = 4, fn 0 → P = 1/5, R = 1.
        let m = compare("a b c d", "a b c d a b c d");
        assert!(close(m.tp, 0.2) && close(m.fp, 0.8) && m.fn_ == 0.0);
        let s = score(&[m]);
        assert!(close(s.precision, 0.2) && close(s.recall, 1.0));
        // F1 = 2·0.2·1/(1.2) = 1/3.
        assert!(close(s.f1, 1.0 / 3.0));
    }
}
