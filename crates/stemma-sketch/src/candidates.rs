//! The three candidate generators and the merge of their proposals.
//!
//! Each generator is an inverted index (key → sorted documents) queried
//! document by document: document `a` looks up its keys and pairs itself
//! with the documents found. That is the local form of "emit (key, doc),
//! shuffle by key, pair within each group, reduce by pair"; memory is the
//! index plus one document's partners at a time.

use std::collections::HashMap;
use std::ops::BitOr;

use rayon::prelude::*;
use stemma_core::{BuildPrehashed, DocIdx};
use xxhash_rust::xxh3::xxh3_64_with_seed;

use crate::index::Postings;
use crate::{Config, Sketch, estimate_jaccard};

/// Which generators proposed a pair (a set of flags).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Generators(u8);

impl Generators {
    /// LSH banding of the MinHash signatures (near-duplicates).
    pub const LSH: Generators = Generators(1);
    /// Shared winnowed shingles (containment: excerpts, shared passages).
    pub const ANCHORS: Generators = Generators(2);
    /// Shared rare terms (rewrites, same story).
    pub const RARE: Generators = Generators(4);

    /// No generator.
    pub const fn empty() -> Generators {
        Generators(0)
    }

    /// Whether every flag of `other` is set.
    pub const fn contains(self, other: Generators) -> bool {
        self.0 & other.0 == other.0
    }

    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The names of the set flags: `lsh`, `anchors`, `rare`.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        [
            (Generators::LSH, "lsh"),
            (Generators::ANCHORS, "anchors"),
            (Generators::RARE, "rare"),
        ]
        .into_iter()
        .filter(move |(g, _)| self.contains(*g))
        .map(|(_, n)| n)
    }
}

impl BitOr for Generators {
    type Output = Generators;
    fn bitor(self, rhs: Generators) -> Generators {
        Generators(self.0 | rhs.0)
    }
}

/// What the sketches say about a pair, whichever generator proposed it.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Evidence {
    /// Estimated Jaccard similarity of the shingle sets (share of equal
    /// signature values).
    pub jaccard: f32,
    /// LSH bands whose rows all agree.
    pub bands: u16,
    /// Anchors (winnowed shingles) both documents hold.
    pub anchors: u32,
    /// `anchors` over the anchors of the document with fewer: an estimate
    /// of the containment of the smaller in the larger.
    pub containment: f32,
    /// Rare-term score in `0..=1`: the cosine of the two documents' top
    /// terms, each weighted by `w` (idf, boosted for names; see
    /// [`TermConfig::top`](crate::TermConfig::top)):
    /// `Σ_shared w² / (‖a‖ · ‖b‖)`. The story stage reads it as a
    /// same-story signal; it depends on the corpus (document frequencies).
    pub rare: f32,
    /// Top terms both documents hold.
    pub rare_terms: u32,
}

/// A pair of documents that may share text or story, `a < b`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    pub a: DocIdx,
    pub b: DocIdx,
    /// The generators that proposed it.
    pub by: Generators,
    pub evidence: Evidence,
}

/// Counts of what candidate generation did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Documents given.
    pub documents: usize,
    /// Documents without body tokens (never paired).
    pub empty: usize,
    /// Pairs out, after merging.
    pub pairs: usize,
    /// Pairs each generator proposed (a pair may count for several).
    pub lsh: usize,
    pub anchors: usize,
    pub rare: usize,
    /// LSH buckets above `lsh.max_bucket`, paired as stars.
    pub capped_buckets: usize,
    /// Anchors dropped from the index for being in more than
    /// `anchors.max_postings` documents, and their postings.
    pub dropped_anchors: usize,
    pub dropped_anchor_postings: usize,
    /// Distinct terms left out for being in more than `terms.max_df`
    /// documents.
    pub dropped_terms: usize,
}

/// The candidate pairs, sorted by `(a, b)` and distinct, with what
/// generating them did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Candidates {
    pub pairs: Vec<Candidate>,
    pub stats: Stats,
}

/// A document's top terms: `(hash, idf)` sorted by hash, and the norm of
/// their idf vector.
#[derive(Debug, Default)]
struct Selected {
    terms: Vec<(u32, f32)>,
    norm: f32,
}

pub(crate) fn candidates(c: &Config, sketches: &[Sketch]) -> Candidates {
    let mut stats = Stats {
        documents: sketches.len(),
        empty: sketches.iter().filter(|s| s.tokens == 0).count(),
        ..Stats::default()
    };

    // LSH: band key → documents.
    let entries: Vec<(u64, u32)> = sketches
        .par_iter()
        .enumerate()
        .flat_map_iter(|(d, s)| band_keys(c, s).into_iter().map(move |k| (k, d as u32)))
        .collect();
    let (bands, _) = Postings::build(entries, None);
    let lsh: Vec<(Vec<u32>, usize)> = sketches
        .par_iter()
        .enumerate()
        .map(|(a, s)| lsh_partners(c, &bands, a as u32, s))
        .collect();
    drop(bands);
    stats.capped_buckets = lsh.iter().map(|(_, n)| n).sum();

    // Anchors: winnowed shingle → documents, common ones dropped.
    let entries: Vec<(u64, u32)> = sketches
        .par_iter()
        .enumerate()
        .flat_map_iter(|(d, s)| s.anchors.iter().map(move |&k| (k, d as u32)))
        .collect();
    let (anchors, dropped) = Postings::build(entries, Some(c.anchors.max_postings));
    stats.dropped_anchors = dropped.keys;
    stats.dropped_anchor_postings = dropped.entries;
    let anchored: Vec<Vec<(u32, bool)>> = sketches
        .par_iter()
        .enumerate()
        .map(|(a, _)| anchor_partners(c, &anchors, a as u32, sketches))
        .collect();
    drop(anchors);

    // Rare terms: document frequencies, each document's top terms, term →
    // documents, top-K neighbours by score.
    let df = document_frequencies(sketches);
    stats.dropped_terms = df
        .values()
        .filter(|&&n| n as usize > c.terms.max_df)
        .count();
    let selected: Vec<Selected> = sketches
        .par_iter()
        .map(|s| select(c, &df, sketches.len(), s))
        .collect();
    // Short runs: only with rare terms in common.
    let anchored: Vec<Vec<u32>> = anchored
        .into_par_iter()
        .enumerate()
        .map(|(a, partners)| {
            partners
                .into_iter()
                .filter(|&(b, short)| {
                    !short
                        || rare_score(&selected[a], &selected[b as usize]).0
                            >= c.anchors.short_run_rare
                })
                .map(|(b, _)| b)
                .collect()
        })
        .collect();
    let entries: Vec<(u64, u32)> = selected
        .par_iter()
        .enumerate()
        .flat_map_iter(|(d, sel)| {
            sel.terms
                .iter()
                .map(move |&(h, _)| (u64::from(h), d as u32))
        })
        .collect();
    drop(df);
    let (terms, _) = Postings::build(entries, None);
    // One accumulator per chunk of documents: it is as long as the corpus.
    const CHUNK: usize = 4096;
    let rare: Vec<Vec<u32>> = selected
        .par_chunks(CHUNK)
        .enumerate()
        .flat_map_iter(|(i, chunk)| {
            let mut acc = Accumulator::new(selected.len());
            let (terms, selected) = (&terms, &selected);
            chunk
                .iter()
                .enumerate()
                .map(move |(j, sel)| {
                    let a = (i * CHUNK + j) as u32;
                    rare_neighbours(c, terms, selected, a, sel, &mut acc)
                })
                .collect::<Vec<_>>()
        })
        .collect();
    drop(terms);

    // Merge.
    let mut proposals: Vec<(u32, u32, Generators)> = Vec::new();
    for (a, (partners, _)) in lsh.iter().enumerate() {
        stats.lsh += partners.len();
        proposals.extend(partners.iter().map(|&b| (a as u32, b, Generators::LSH)));
    }
    for (a, partners) in anchored.iter().enumerate() {
        stats.anchors += partners.len();
        proposals.extend(partners.iter().map(|&b| (a as u32, b, Generators::ANCHORS)));
    }
    let mut rare_pairs: Vec<(u32, u32)> = rare
        .iter()
        .enumerate()
        .flat_map(|(a, ns)| ns.iter().map(move |&b| (a as u32, b)))
        .map(|(a, b)| (a.min(b), a.max(b)))
        .collect();
    rare_pairs.par_sort_unstable();
    rare_pairs.dedup();
    stats.rare = rare_pairs.len();
    proposals.extend(
        rare_pairs
            .into_iter()
            .map(|(a, b)| (a, b, Generators::RARE)),
    );
    proposals.par_sort_unstable();
    let mut merged: Vec<(u32, u32, Generators)> = Vec::with_capacity(proposals.len());
    for (a, b, g) in proposals {
        match merged.last_mut() {
            Some(last) if last.0 == a && last.1 == b => last.2 = last.2 | g,
            _ => merged.push((a, b, g)),
        }
    }
    let pairs: Vec<Candidate> = merged
        .par_iter()
        .map(|&(a, b, by)| Candidate {
            a: DocIdx(a),
            b: DocIdx(b),
            by,
            evidence: evidence(
                c,
                &sketches[a as usize],
                &sketches[b as usize],
                &selected[a as usize],
                &selected[b as usize],
            ),
        })
        .collect();
    stats.pairs = pairs.len();
    Candidates { pairs, stats }
}

/// The key of each band of `s`'s signature.
fn band_keys(c: &Config, s: &Sketch) -> Vec<u64> {
    let rows = c.lsh.rows;
    if s.signature.len() < c.lsh.bands * rows {
        return Vec::new();
    }
    let mut bytes = Vec::with_capacity(4 * rows);
    (0..c.lsh.bands)
        .map(|band| {
            bytes.clear();
            for v in &s.signature[band * rows..(band + 1) * rows] {
                bytes.extend_from_slice(&v.to_le_bytes());
            }
            xxh3_64_with_seed(
                &bytes,
                c.seed ^ (band as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15),
            )
        })
        .collect()
}

/// The documents after `a` sharing a band bucket with it, and how many
/// oversized buckets `a` heads.
fn lsh_partners(c: &Config, bands: &Postings, a: u32, s: &Sketch) -> (Vec<u32>, usize) {
    let mut out = Vec::new();
    let mut capped = 0;
    for key in band_keys(c, s) {
        let bucket = bands.get(key);
        if bucket.len() > c.lsh.max_bucket {
            // A star: only the bucket's first document pairs, with all.
            if bucket.first() == Some(&a) {
                capped += 1;
                out.extend_from_slice(&bucket[1..]);
            }
        } else {
            out.extend(bucket.iter().filter(|&&b| b > a));
        }
    }
    out.sort_unstable();
    out.dedup();
    (out, capped)
}

/// The documents after `a` sharing at least `min_shared` indexed anchors,
/// two of them consecutive in `a`'s text or enough of them for
/// `min_containment` (see [`AnchorConfig`](crate::AnchorConfig)); each
/// with whether it must also pass `short_run_rare` (its longest run is
/// shorter than `min_run` and its containment below `min_containment`).
fn anchor_partners(
    c: &Config,
    anchors: &Postings,
    a: u32,
    sketches: &[Sketch],
) -> Vec<(u32, bool)> {
    let s = &sketches[a as usize];
    let mut hits: Vec<(u32, u16)> = s
        .anchors
        .iter()
        .zip(&s.anchor_order)
        .flat_map(|(&k, &place)| {
            anchors
                .get(k)
                .iter()
                .filter(move |&&b| b > a)
                .map(move |&b| (b, place))
        })
        .collect();
    hits.sort_unstable();
    let mut out = Vec::new();
    for run in hits.chunk_by(|x, y| x.0 == y.0) {
        if run.len() < c.anchors.min_shared {
            continue;
        }
        let b = run[0].0;
        // The longest run of places one after the other; they wrap at
        // 2^16, so the first may follow the last.
        let (mut longest, mut current) = (1usize, 1usize);
        for w in run.windows(2) {
            current = if w[1].1 == w[0].1.wrapping_add(1) {
                current + 1
            } else {
                1
            };
            longest = longest.max(current);
        }
        let wraps = run.len() > 1 && run[0].1 == run[run.len() - 1].1.wrapping_add(1);
        if wraps {
            longest = longest.max(2);
        }
        let fewer = s
            .anchors
            .len()
            .min(sketches[b as usize].anchors.len())
            .max(1);
        let contained = run.len() as f32 >= c.anchors.min_containment * fewer as f32;
        if longest >= 2 || contained {
            out.push((b, !contained && longest < c.anchors.min_run));
        }
    }
    out
}

type TermMap = HashMap<u32, u32, BuildPrehashed>;

/// Documents per term hash.
fn document_frequencies(sketches: &[Sketch]) -> TermMap {
    sketches
        .par_iter()
        .fold(TermMap::default, |mut m, s| {
            for t in &s.terms {
                *m.entry(t.hash).or_insert(0) += 1;
            }
            m
        })
        .reduce(TermMap::default, |a, b| {
            let (mut big, small) = if a.len() >= b.len() { (a, b) } else { (b, a) };
            for (k, v) in small {
                *big.entry(k).or_insert(0) += v;
            }
            big
        })
}

/// `s`'s top terms by `(1 + ln tf) · idf` (times the name boost), among
/// those in at most `max_df` documents.
fn select(c: &Config, df: &TermMap, n: usize, s: &Sketch) -> Selected {
    let mut ranked: Vec<(f32, u32, f32)> = s
        .terms
        .iter()
        .filter_map(|t| {
            let d = *df.get(&t.hash)?;
            if d < 2 || d as usize > c.terms.max_df {
                return None;
            }
            let idf = (1.0 + n as f64 / f64::from(d)).ln() as f32;
            let boost = if t.name { c.terms.name_boost } else { 1.0 };
            let weight = idf * boost;
            let rank = (1.0 + f32::from(t.count).ln()) * weight;
            Some((rank, t.hash, weight))
        })
        .collect();
    ranked.sort_unstable_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
    ranked.truncate(c.terms.top);
    let mut terms: Vec<(u32, f32)> = ranked.into_iter().map(|(_, h, w)| (h, w)).collect();
    terms.sort_unstable_by_key(|t| t.0);
    let norm = terms.iter().map(|t| t.1 * t.1).sum::<f32>().sqrt();
    Selected { terms, norm }
}

/// Per-thread scores of one document against all others: a dense array
/// and the list of entries touched, so that scoring costs the postings
/// read, not a sort of them.
struct Accumulator {
    /// `(Σ idf², shared terms)` by document.
    scores: Vec<(f32, u32)>,
    touched: Vec<u32>,
}

impl Accumulator {
    fn new(n: usize) -> Accumulator {
        Accumulator {
            scores: vec![(0.0, 0); n],
            touched: Vec::new(),
        }
    }
}

/// `a`'s top-K neighbours by rare-term score (any side). Each score sums
/// in `a`'s term order, so it does not depend on the thread count.
fn rare_neighbours(
    c: &Config,
    terms: &Postings,
    selected: &[Selected],
    a: u32,
    sel: &Selected,
    acc: &mut Accumulator,
) -> Vec<u32> {
    if sel.terms.is_empty() || c.terms.neighbours == 0 {
        return Vec::new();
    }
    for &(h, w) in &sel.terms {
        for &b in terms.get(u64::from(h)) {
            if b == a {
                continue;
            }
            let e = &mut acc.scores[b as usize];
            if e.1 == 0 {
                acc.touched.push(b);
            }
            e.0 += w * w;
            e.1 += 1;
        }
    }
    let mut scored: Vec<(f32, u32)> = Vec::new();
    for &b in &acc.touched {
        let (dot, shared) = std::mem::take(&mut acc.scores[b as usize]);
        if (shared as usize) < c.terms.min_shared {
            continue;
        }
        let score = dot / (sel.norm * selected[b as usize].norm).max(f32::MIN_POSITIVE);
        if score >= c.terms.min_score {
            scored.push((score, b));
        }
    }
    acc.touched.clear();
    scored.sort_unstable_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
    scored.truncate(c.terms.neighbours);
    scored.into_iter().map(|(_, b)| b).collect()
}

fn evidence(c: &Config, a: &Sketch, b: &Sketch, sa: &Selected, sb: &Selected) -> Evidence {
    let jaccard = estimate_jaccard(&a.signature, &b.signature) as f32;
    let rows = c.lsh.rows;
    let bands = if a.signature.len() == b.signature.len() && a.signature.len() >= c.lsh.bands * rows
    {
        (0..c.lsh.bands)
            .filter(|&i| {
                a.signature[i * rows..(i + 1) * rows] == b.signature[i * rows..(i + 1) * rows]
            })
            .count()
    } else {
        0
    };
    let shared = intersection(&a.anchors, &b.anchors, |x| *x).count();
    let fewer = a.anchors.len().min(b.anchors.len());
    let (rare, rare_terms) = rare_score(sa, sb);
    Evidence {
        jaccard,
        bands: u16::try_from(bands).unwrap_or(u16::MAX),
        anchors: u32::try_from(shared).unwrap_or(u32::MAX),
        containment: if fewer == 0 {
            0.0
        } else {
            shared as f32 / fewer as f32
        },
        rare,
        rare_terms,
    }
}

/// The rare-term score of two documents' top terms (see
/// [`Evidence::rare`]) and how many they share.
fn rare_score(sa: &Selected, sb: &Selected) -> (f32, u32) {
    let (dot, shared) = intersection(&sa.terms, &sb.terms, |t| t.0)
        .fold((0f32, 0u32), |(d, n), (x, _)| (d + x.1 * x.1, n + 1));
    if shared == 0 {
        (0.0, 0)
    } else {
        (
            (dot / (sa.norm * sb.norm).max(f32::MIN_POSITIVE)).min(1.0),
            shared,
        )
    }
}

/// The elements of two lists sorted by `key` whose keys are equal.
fn intersection<'a, T, K: Ord>(
    a: &'a [T],
    b: &'a [T],
    key: impl Fn(&T) -> K,
) -> impl Iterator<Item = (&'a T, &'a T)> {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        while i < a.len() && j < b.len() {
            match key(&a[i]).cmp(&key(&b[j])) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    i += 1;
                    j += 1;
                    return Some((&a[i - 1], &b[j - 1]));
                }
            }
        }
        None
    })
}
