//! Sketches and candidate pairs: which documents might share text or
//! story, found without comparing all pairs.
//!
//! The work splits in two, as a distributed engine would run it:
//!
//! 1. [`Sketcher::sketch`], a pure map per document: the word
//!    `k`-shingles of its body tokens, a MinHash signature over them
//!    (one-permutation hashing with optimal densification), the winnowed
//!    shingles ("anchors") for containment, and its distinct content terms
//!    for rewrites and stories.
//! 2. [`Sketcher::candidates`], one pass over all sketches: three
//!    generators that each group documents by a key (a shuffle by band key,
//!    anchor or term) and pair the documents of a group:
//!    - **LSH** banding of the signatures finds near-duplicates
//!      (Jaccard above about 0.5);
//!    - **anchors**, an inverted index of winnowed shingles, finds truncated
//!      copies, excerpts and pairs that share one paragraph (containment
//!      high, Jaccard low);
//!    - **rare terms**, an inverted index of each document's most
//!      distinctive terms (tf·idf), finds rewrites and same-story reports
//!      that share facts but almost no 5-grams.
//!
//!    Every key shared by too many documents is capped, so that boilerplate
//!    and stock phrases do not make the candidate set quadratic.
//!
//! Output is a sorted, deduplicated list of [`Candidate`] pairs, each with
//! the generators that proposed it and the [`Evidence`] of all three.
//! Results do not depend on the thread count. Hashing is xxh3 with explicit
//! seeds, so sketches are stable across runs, machines and versions; the
//! exact functions are written down on [`Sketch::signature`].
//!
//! See `DESIGN.md` beside this crate for the parameters and their measured
//! effect.

mod anchors;
mod candidates;
mod index;
mod minhash;
mod shingle;
mod terms;

use stemma_segment::Segmented;

pub use candidates::{Candidate, Candidates, Evidence, Generators, Stats};
pub use minhash::{estimate_jaccard, signature};
pub use shingle::shingle_hashes;

/// The name of the MinHash hash family, as `stemma sketch` writes it.
pub const HASH_FAMILY: &str = "stemma-oph-xxh3-v1";

/// Settings of sketching and candidate generation (plain data).
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Tokens per shingle (`k`), 1 to [`MAX_SHINGLE`].
    pub shingle: usize,
    /// Length of the MinHash signature (its bins; the "permutations").
    pub permutations: usize,
    /// Seed of every hash this crate computes (shingles, MinHash
    /// densification, terms). Token hashes come seeded from the segmenter.
    pub seed: u64,
    pub lsh: LshConfig,
    pub anchors: AnchorConfig,
    pub terms: TermConfig,
}

/// The largest shingle size [`Config::shingle`] accepts.
pub const MAX_SHINGLE: usize = 32;

/// LSH banding of the signatures: a pair is proposed when all `rows`
/// values of at least one of `bands` bands agree. The probability for a
/// pair of Jaccard `J` is `1 - (1 - J^rows)^bands`.
#[derive(Debug, Clone, PartialEq)]
pub struct LshConfig {
    pub bands: usize,
    pub rows: usize,
    /// A bucket with more documents than this is paired as a star (its
    /// first document with each other one) instead of all pairs.
    pub max_bucket: usize,
}

/// Winnowed shingles ("anchors") and their inverted index.
#[derive(Debug, Clone, PartialEq)]
pub struct AnchorConfig {
    /// Winnowing window, in shingles: the smallest hash of every window of
    /// this many consecutive shingles is an anchor. Two documents sharing a
    /// run of `n·window + shingle − 1` tokens share at least `n` anchors.
    pub window: usize,
    /// An anchor found in more documents than this (boilerplate, stock
    /// phrases) is dropped from the index.
    pub max_postings: usize,
    /// Pairs sharing at least this many anchors are proposed when two of
    /// the shared anchors are consecutive in the first document's text (a
    /// shared run: stock 5-grams the two texts hold in different places
    /// make no run) …
    pub min_shared: usize,
    /// … or when the shared anchors are at least this share of the
    /// anchors of the document with fewer (an excerpt edited too densely
    /// for runs).
    pub min_containment: f32,
    /// A pair whose longest run of consecutive shared anchors is shorter
    /// than this (a shared run of fewer than `min_run · window + shingle −
    /// 1` tokens is not sure to hold more) and whose containment is below
    /// `min_containment` …
    pub min_run: usize,
    /// … is proposed only when its rare-term score (`Evidence::rare`) is
    /// at least this: a stock sentence the tellings of one template share
    /// is no passage of one story.
    pub short_run_rare: f32,
}

/// Distinctive terms and the rare-term generator.
#[derive(Debug, Clone, PartialEq)]
pub struct TermConfig {
    /// Stem words before counting them: possessives and plurals (Harman's
    /// S-stemmer), so that "pier" and "piers" are one term.
    pub stem: bool,
    /// Distinct terms kept per document before document frequencies are
    /// known; above it, the terms with the smallest hashes are kept (a
    /// consistent sample), so that sketches stay bounded.
    pub per_document: usize,
    /// Terms per document entered into the index: the top ones by
    /// `(1 + ln tf) · w` among those in 2 to `max_df` documents, where the
    /// weight `w = ln(1 + N / df)`, times `name_boost` for names.
    pub top: usize,
    /// Multiplier of a term's weight (in ranking and scoring) when it is
    /// written with a capital letter inside a sentence somewhere in the
    /// document.
    pub name_boost: f32,
    /// Terms in more documents than this are left out.
    pub max_df: usize,
    /// Salient terms (names and numbers, the ones with the smallest
    /// hashes) per sentence whose pairs are terms too; 0 makes no pair
    /// terms. Where single names are common (a corpus that reuses names,
    /// or "Smith"), the names met together in one sentence still tell a
    /// story apart.
    pub pairs: usize,
    /// Neighbours kept per document (top-K by score).
    pub neighbours: usize,
    /// Smallest score (see [`Evidence::rare`]) of a proposed pair.
    pub min_score: f32,
    /// Smallest number of shared top terms of a proposed pair.
    pub min_shared: usize,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            shingle: 5,
            permutations: 128,
            seed: 0x5eed_5ce7_c400,
            lsh: LshConfig {
                bands: 25,
                rows: 5,
                max_bucket: 256,
            },
            anchors: AnchorConfig {
                window: 10,
                max_postings: 64,
                min_shared: 2,
                min_containment: 0.2,
                min_run: 3,
                short_run_rare: 0.05,
            },
            terms: TermConfig {
                stem: true,
                per_document: 256,
                top: 32,
                name_boost: 2.0,
                max_df: 200,
                pairs: 12,
                neighbours: 10,
                min_score: 0.1,
                min_shared: 3,
            },
        }
    }
}

/// An invalid [`Config`].
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    #[error("{name} must be at least 1, got 0")]
    Zero { name: &'static str },
    #[error("shingle size {0} is above the maximum {MAX_SHINGLE}")]
    ShingleTooLong(usize),
    #[error(
        "{bands} bands of {rows} rows need {needed} permutations, the signature has {permutations}"
    )]
    BandsTooMany {
        bands: usize,
        rows: usize,
        needed: usize,
        permutations: usize,
    },
    #[error("{name} must be a finite number, got {value}")]
    NotFinite { name: &'static str, value: f32 },
}

impl Config {
    /// Checks the settings.
    pub fn validate(&self) -> Result<(), Error> {
        let positive = [
            ("shingle", self.shingle),
            ("permutations", self.permutations),
            ("lsh.bands", self.lsh.bands),
            ("lsh.rows", self.lsh.rows),
            ("lsh.max_bucket", self.lsh.max_bucket),
            ("anchors.window", self.anchors.window),
            ("anchors.max_postings", self.anchors.max_postings),
            ("anchors.min_shared", self.anchors.min_shared),
            ("terms.per_document", self.terms.per_document),
            ("terms.max_df", self.terms.max_df),
        ];
        if let Some((name, _)) = positive.iter().find(|(_, v)| *v == 0) {
            return Err(Error::Zero { name });
        }
        if self.shingle > MAX_SHINGLE {
            return Err(Error::ShingleTooLong(self.shingle));
        }
        let needed = self.lsh.bands.saturating_mul(self.lsh.rows);
        if needed > self.permutations {
            return Err(Error::BandsTooMany {
                bands: self.lsh.bands,
                rows: self.lsh.rows,
                needed,
                permutations: self.permutations,
            });
        }
        for (name, value) in [
            ("terms.name_boost", self.terms.name_boost),
            ("terms.min_score", self.terms.min_score),
            ("anchors.min_containment", self.anchors.min_containment),
            ("anchors.short_run_rare", self.anchors.short_run_rare),
        ] {
            if !value.is_finite() {
                return Err(Error::NotFinite { name, value });
            }
        }
        Ok(())
    }
}

/// One document's sketch: everything candidate generation needs, computed
/// from that document alone.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sketch {
    /// Body tokens.
    pub tokens: u32,
    /// Shingles (windows of `k` tokens, repeats included).
    pub shingles: u32,
    /// The MinHash signature, [`Config::permutations`] values; empty when
    /// the body has no tokens.
    ///
    /// Exactly (so that other tools can reproduce it), with `S` the seed,
    /// `K` the bins and `k` the shingle size, all integers little-endian:
    /// - token hash `t = xxh3_64(normalised token as UTF-8, seed = the
    ///   segmenter's seed)` (`stemma_segment::Token::hash`);
    /// - shingle hash `h = xxh3_64(t_i ‖ … ‖ t_{i+k−1}, seed = S)` over
    ///   the 8-byte words of every window of `k` consecutive body tokens
    ///   (one shingle of all tokens when there are fewer than `k`);
    /// - bin `((h >> 32) · K) >> 32`, value `h mod 2^32`; each bin keeps
    ///   its smallest value (one-permutation hashing);
    /// - an empty bin `i` takes the value of the bin
    ///   `((g_a >> 32) · K) >> 32` of the first attempt `a = 1, 2, …` that
    ///   hits a filled bin, with `g_a = xxh3_64(i ‖ a, seed = S)` over two
    ///   8-byte words (optimal densification, Shrivastava 2017).
    ///
    /// The share of equal positions of two signatures estimates the Jaccard
    /// similarity of their shingle sets ([`estimate_jaccard`]).
    pub signature: Vec<u32>,
    /// Winnowed shingle hashes, sorted and distinct.
    pub anchors: Vec<u64>,
    /// For each of `anchors`, the place (modulo 2^16) of its first
    /// selection among the anchors in text order: anchors `i` and `j` were
    /// selected one after the other when `anchor_order[j] ==
    /// anchor_order[i] + 1`. Tells a shared passage (a run of consecutive
    /// anchors) from stock phrases scattered through two texts.
    pub anchor_order: Vec<u16>,
    /// Distinct content terms, sorted by hash.
    pub terms: Vec<Term>,
}

/// The MinHash part of a [`Sketch`] (see [`Sketcher::minhash`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MinHash {
    /// Body tokens.
    pub tokens: u32,
    /// Shingles (windows of `k` tokens, repeats included).
    pub shingles: u32,
    /// As [`Sketch::signature`].
    pub signature: Vec<u32>,
}

/// A distinct content term of a document: a word of three letters or
/// more that is not a stopword (stemmed when [`TermConfig::stem`]), a
/// number of two characters or more, or a pair of names and numbers of one
/// sentence (see [`TermConfig::pairs`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Term {
    /// The low 32 bits of `xxh3_64(term, seed = Config::seed ^
    /// 0x7e4d)`; of a pair, of `xxh3_64` of the two hashes (smaller first,
    /// as one little-endian u64, seed also `^ 0x9a15`).
    pub hash: u32,
    /// Occurrences in the body (saturating).
    pub count: u16,
    /// Written with a capital letter inside a sentence at least once.
    pub name: bool,
}

/// A validated [`Config`] with what sketching needs prepared (stopwords,
/// stemmer). Cheap to share between threads.
#[derive(Clone)]
pub struct Sketcher {
    config: Config,
    terms: terms::Extractor,
}

impl std::fmt::Debug for Sketcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sketcher")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl Sketcher {
    /// Checks `config` and prepares sketching.
    pub fn new(config: Config) -> Result<Sketcher, Error> {
        config.validate()?;
        let terms = terms::Extractor::new(&config);
        Ok(Sketcher { config, terms })
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Sketches one document: `seg` is the segmentation of `text` (the text
    /// its spans point into; it is read only to tell capitalised names).
    pub fn sketch(&self, text: &str, seg: &Segmented) -> Sketch {
        let c = &self.config;
        let shingles = self.shingles(seg);
        let signature = signature(&shingles, c.permutations, c.seed);
        let (anchors, anchor_order) = anchors::anchors(&shingles, c.anchors.window);
        Sketch {
            tokens: saturate(seg.tokens.len()),
            shingles: saturate(shingles.len()),
            signature,
            anchors,
            anchor_order,
            terms: self.terms.extract(text, seg),
        }
    }

    /// Only the MinHash part of [`Sketcher::sketch`] (the same `tokens`,
    /// `shingles` and `signature`), for callers that need no candidates:
    /// `token_hashes` are those of the segmentation's tokens, as
    /// [`stemma_segment::token_hashes`] gives them without segmenting.
    pub fn minhash(&self, token_hashes: &[u64]) -> MinHash {
        let c = &self.config;
        let shingles = shingle_hashes(token_hashes, c.shingle, c.seed);
        MinHash {
            tokens: saturate(token_hashes.len()),
            shingles: saturate(shingles.len()),
            signature: signature(&shingles, c.permutations, c.seed),
        }
    }

    fn shingles(&self, seg: &Segmented) -> Vec<u64> {
        let token_hashes: Vec<u64> = seg.tokens.iter().map(|t| t.hash).collect();
        shingle_hashes(&token_hashes, self.config.shingle, self.config.seed)
    }

    /// The candidate pairs of a corpus of sketches (made with this
    /// sketcher's settings): documents are their positions in `sketches`.
    pub fn candidates(&self, sketches: &[Sketch]) -> Candidates {
        candidates::candidates(&self.config, sketches)
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests;
