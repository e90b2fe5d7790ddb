//! The candidate index against a brute-force oracle: on a fixed synthetic
//! corpus, every pair above the configured thresholds (exact Jaccard,
//! containment or shared shingles, computed over all pairs) must be a
//! candidate.
//!
//! Measured (default Config, this corpus of 110 documents): recall 1.0 in
//! every class (10 of 10 duplicates, edited copies, 30% excerpts and
//! shared single paragraphs; 40 of 40 pairs above the thresholds), 21
//! proposed pairs of unrelated documents (rare terms), 61 candidates in
//! all.

mod common;

use std::collections::BTreeMap;

use common::{Plant, corpus, shared, shingle_sets, sketch_all};
use stemma_sketch::{Config, Generators, Sketcher};

/// A pair must be found when its shingle sets have Jaccard at least this…
const JACCARD: f64 = 0.5;
/// …or the smaller is contained in the larger at least this much…
const CONTAINMENT: f64 = 0.3;

/// …or they share a run this long: two winnowing windows of shingles,
/// which guarantees two shared anchors (see `AnchorConfig::window`). The
/// index proposes a run shorter than `min_run` windows only with rare terms
/// in common (`AnchorConfig::short_run_rare`); the paragraphs planted here
/// are the prose of one story, so they must still be found.
fn shared_run(c: &Config) -> usize {
    2 * c.anchors.window
}

#[test]
fn index_finds_every_pair_brute_force_finds() {
    let corpus = corpus(2026);
    let sk = Sketcher::new(Config::default()).expect("default config");
    let sketches = sketch_all(&sk, &corpus.texts);
    let candidates = sk.candidates(&sketches);
    let found: BTreeMap<(u32, u32), Generators> = candidates
        .pairs
        .iter()
        .map(|c| ((c.a.0, c.b.0), c.by))
        .collect();
    assert!(
        candidates
            .pairs
            .windows(2)
            .all(|w| (w[0].a, w[0].b) < (w[1].a, w[1].b)),
        "candidates sorted and distinct"
    );
    assert!(candidates.pairs.iter().all(|c| c.a < c.b));

    let sets = shingle_sets(&sk, &corpus.texts);
    let run = shared_run(sk.config());
    // class → (required, found)
    let mut classes: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut missed = Vec::new();
    let mut unrelated_proposed = 0;
    for a in 0..sets.len() {
        for b in a + 1..sets.len() {
            let n = shared(&sets[a], &sets[b]);
            let union = sets[a].len() + sets[b].len() - n;
            let jaccard = n as f64 / union.max(1) as f64;
            let containment = n as f64 / sets[a].len().min(sets[b].len()).max(1) as f64;
            let is_found = found.contains_key(&(a as u32, b as u32));
            let planted = [(a, b), (b, a)]
                .iter()
                .find_map(|&(x, y)| match corpus.plants[y] {
                    Plant::Duplicate(s) if s == x => Some("duplicate"),
                    Plant::Edited(s) if s == x => Some("edited copy"),
                    Plant::Excerpt(s) if s == x => Some("excerpt 30%"),
                    Plant::Paragraph(s) if s == x => Some("one shared paragraph"),
                    _ => None,
                });
            let required = jaccard >= JACCARD || containment >= CONTAINMENT || n >= run;
            if let Some(class) = planted {
                let e = classes.entry(class).or_default();
                e.0 += 1;
                e.1 += usize::from(is_found);
            }
            if required {
                let e = classes.entry("all above thresholds").or_default();
                e.0 += 1;
                e.1 += usize::from(is_found);
                if !is_found {
                    missed.push(format!(
                        "{a} {b}: jaccard {jaccard:.3} containment {containment:.3} shared {n}"
                    ));
                }
            } else if n == 0 && planted.is_none() && is_found {
                unrelated_proposed += 1;
            }
        }
    }
    let report: Vec<String> = classes
        .iter()
        .map(|(k, (r, f))| format!("{k}: {f}/{r}"))
        .collect();
    assert!(missed.is_empty(), "missed pairs: {missed:#?}\n{report:#?}");
    for class in [
        "duplicate",
        "edited copy",
        "excerpt 30%",
        "one shared paragraph",
    ] {
        assert_eq!(
            classes.get(class).map(|c| (c.0, c.1)),
            Some((10, 10)),
            "{report:#?}"
        );
    }
    // Unrelated documents (no shared shingle) may be proposed by rare
    // terms only, and few of them.
    assert!(
        unrelated_proposed <= corpus.texts.len() / 2,
        "{unrelated_proposed} unrelated pairs proposed"
    );
}

/// Every document of a corpus shares one boilerplate paragraph: the
/// anchors of that paragraph are dropped from the index (more than
/// `max_postings` documents hold them), so it does not pair all documents.
#[test]
fn common_shingles_are_capped() {
    let mut rng = common::Rng::new(7);
    let words = common::Words::new(&mut rng, 6000);
    let boilerplate = "Copyright Northshore Media Group. All rights reserved. This material may not be \
        published, broadcast, rewritten or redistributed in any form without the prior written \
        permission of the publisher, and readers who share it must link to the original article.";
    let texts: Vec<String> = (0..300)
        .map(|_| {
            let mut doc = words.document(&mut rng, 3, 8);
            doc.push(boilerplate.to_owned());
            doc.join("\n\n")
        })
        .collect();
    let all_pairs = texts.len() * (texts.len() - 1) / 2;

    let sk = Sketcher::new(Config::default()).expect("default config");
    let sketches = sketch_all(&sk, &texts);
    let c = sk.candidates(&sketches);
    let by_anchors = c
        .pairs
        .iter()
        .filter(|p| p.by.contains(Generators::ANCHORS))
        .count();
    assert_eq!(by_anchors, 0, "{:?}", c.stats);
    assert!(c.stats.dropped_anchors > 0 && c.stats.dropped_anchor_postings >= 300);
    assert!(
        c.stats.dropped_terms > 0,
        "boilerplate terms are above max_df"
    );
    assert!(
        c.pairs.len() <= texts.len() * sk.config().terms.neighbours,
        "{} pairs of {all_pairs}",
        c.pairs.len()
    );
    // The evidence still counts the shared anchors.
    assert!(c.pairs.iter().all(|p| p.evidence.anchors > 0));

    // Without the cap, the boilerplate alone would pair everything.
    let mut uncapped = Config::default();
    uncapped.anchors.max_postings = usize::MAX;
    let sk = Sketcher::new(uncapped).expect("config");
    let c = sk.candidates(&sketch_all(&sk, &texts));
    assert_eq!(c.pairs.len(), all_pairs);
}
