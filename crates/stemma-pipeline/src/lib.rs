//! The analysis pipeline: documents in, [`Analysis`] out, no I/O.
//!
//! The stages run in the order of the brief's data flow. Built so far:
//! boilerplate (`stemma-extract`) → segment (`stemma-segment`) → sketch
//! and candidates (`stemma-sketch`) → align and relate (`stemma-align`),
//! which fill [`Analysis::pairs`] → stories and provenance
//! (`stemma-stories`), which fill [`Analysis::stories`] → completing the
//! stories (every pair of one story's versions that candidate generation
//! did not propose is aligned too, and the stories are formed again with
//! the pairs found) → relations through the derivations (a same-story or
//! partial pair joined through a rewrite is a rewrite) → claims and
//! findings (`stemma-claims`), which fill [`Analysis::findings`]. Each
//! stage is a map per document or per pair, run in parallel with rayon and
//! collected in order, so the result does not depend on the thread count.
//!
//! Per-document features (tokens, alignment profiles, facts) are built a
//! block at a time and dropped ([`Blocks`]): the first pass segments,
//! sketches and counts terms in chunks; alignment works through capped
//! clusters of the candidate graph, then completing the stories, through
//! blocks of the same kind; claims through batches of stories. A document
//! is segmented in the first pass and again for each block it is in (when
//! aligning and when completing its story), and split into sentences once
//! more for claims. Segmenting again cost about 8 % more instructions
//! when measured (1,000 generated documents, with stems cached across
//! documents, before story completion) and saves most of the memory
//! (1.6 GB → 0.47 GB at 30,000 generated documents).

use rayon::prelude::*;
use stemma_align::{Prepared, Profile, TermStats};
use stemma_core::{Analysis, DocIdx, Document, Pair, Relation, Reporter, Span, Story};
use stemma_segment::Segmented;

/// Settings of every stage, plain data.
#[derive(Debug, Clone)]
pub struct Config {
    pub extract: stemma_extract::Config,
    pub segment: stemma_segment::Config,
    pub sketch: stemma_sketch::Config,
    pub align: stemma_align::Config,
    pub stories: stemma_stories::Config,
    pub claims: stemma_claims::Config,
    pub blocks: Blocks,
    /// Stories of at most this many documents have every pair of their
    /// versions aligned, not only the pairs candidate generation proposed
    /// (a bound on the work: at most `n · (n − 1) / 2` pairs per story).
    pub complete_stories: usize,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            extract: Default::default(),
            segment: Default::default(),
            sketch: Default::default(),
            align: Default::default(),
            stories: Default::default(),
            claims: Default::default(),
            blocks: Default::default(),
            complete_stories: 64,
        }
    }
}

/// How many documents each stage holds features for at once. The
/// analysis does not depend on these (a test checks it); memory, and how
/// often a document is segmented again, do.
#[derive(Debug, Clone)]
pub struct Blocks {
    /// Documents segmented, sketched and counted together in the first
    /// pass.
    pub sketch: usize,
    /// Most documents in one cluster of the aligning stage (the candidate
    /// graph is cut into clusters of at most this many documents).
    pub align: usize,
    /// Documents of stories with a derivation per batch of the claims
    /// stage.
    pub claims: usize,
}

impl Default for Blocks {
    fn default() -> Blocks {
        Blocks {
            sketch: 2048,
            align: 2048,
            claims: 4096,
        }
    }
}

/// Why the pipeline could not run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("invalid sketch settings: {0}")]
    Sketch(#[from] stemma_sketch::Error),
}

/// Analyses a corpus. `documents` must be sorted by id with unique ids (as
/// `stemma_ingest` returns them); results refer to documents by position.
///
/// Documents are `&mut` because the extraction stage writes the
/// boilerplate spans it finds into them.
pub fn analyze(
    documents: &mut [Document],
    config: &Config,
    reporter: &dyn Reporter,
) -> Result<Analysis, Error> {
    let sketcher = stemma_sketch::Sketcher::new(config.sketch.clone())?;
    let total = Some(documents.len() as u64);

    reporter.start("finding boilerplate", None);
    stemma_extract::extract(documents, &config.extract);
    reporter.finish();
    let documents: &[Document] = documents;

    reporter.start("segmenting and sketching", total);
    let (sketches, stats) = sketch_and_count(documents, &sketcher, config, reporter);
    reporter.finish();

    reporter.start("finding candidates", None);
    let candidates = sketcher.candidates(&sketches);
    drop(sketches);
    reporter.finish();

    reporter.start("aligning", Some(candidates.pairs.len() as u64));
    let mut found = align_candidates(documents, &candidates.pairs, &stats, config, reporter);
    let aligned: Vec<(DocIdx, DocIdx)> = candidates.pairs.iter().map(|c| (c.a, c.b)).collect();
    drop(candidates);
    reporter.finish();

    reporter.start("stories and provenance", None);
    let (mut stories, mut kept) = form_stories(documents, &found, config);
    reporter.finish();

    // Versions of one story that no generator paired (a rewrite and an
    // excerpt of one original share few terms and no passage) are aligned
    // now, so that every pair of a story's versions is known.
    let missing = unaligned_story_pairs(&stories, &aligned, config.complete_stories);
    drop(aligned);
    reporter.start("completing stories", Some(missing.len() as u64));
    let more: Vec<Related> = align_candidates(documents, &missing, &stats, config, reporter)
        .into_iter()
        .filter(|(pair, _)| pair.relation != Relation::SameStory)
        .collect();
    drop(missing);
    reporter.finish();
    if !more.is_empty() {
        reporter.start("stories and provenance", None);
        found.extend(more);
        found.sort_by_key(|(pair, _)| (pair.a, pair.b));
        (stories, kept) = form_stories(documents, &found, config);
        reporter.finish();
    }
    // Same-story pairs the stories stage turned down (their stories are
    // weeks apart) are not reported.
    let mut pairs: Vec<Pair> = found
        .into_iter()
        .zip(kept)
        .filter_map(|((pair, _), keep)| keep.then_some(pair))
        .collect();
    // A pair whose own links were too few to call it a rewrite is one
    // when the derivations join its documents through a rewrite.
    stemma_stories::rewrites_through_derivations(&stories, &mut pairs, documents.len());

    reporter.start("claims and findings", None);
    let findings = find(documents, &pairs, &stories, config);
    reporter.finish();

    Ok(Analysis {
        pairs,
        stories,
        findings,
    })
}

/// The first pass over the corpus: each document's sketch, in order, and
/// the corpus's term statistics. Segmentations live for one block only,
/// so memory holds the sketches, not the documents' tokens.
fn sketch_and_count(
    documents: &[Document],
    sketcher: &stemma_sketch::Sketcher,
    config: &Config,
    reporter: &dyn Reporter,
) -> (Vec<stemma_sketch::Sketch>, TermStats) {
    let blocks: Vec<(Vec<stemma_sketch::Sketch>, TermStats)> = documents
        .par_chunks(config.blocks.sketch.max(1))
        .map(|block| {
            let segmented: Vec<Segmented> = block.par_iter().map(|d| segment(d, config)).collect();
            let sketches = block
                .par_iter()
                .zip(&segmented)
                .map(|(d, seg)| {
                    let sketch = sketcher.sketch(&d.text, seg);
                    reporter.advance(1);
                    sketch
                })
                .collect();
            let profiles: Vec<Profile<'_>> = block
                .par_iter()
                .zip(&segmented)
                .map(|(d, seg)| Profile::new(&d.text, seg))
                .collect();
            let refs: Vec<&Profile<'_>> = profiles.iter().collect();
            (sketches, TermStats::from_profiles(&refs))
        })
        .collect();
    let mut sketches = Vec::with_capacity(documents.len());
    let mut stats = Vec::with_capacity(blocks.len());
    for (s, t) in blocks {
        sketches.extend(s);
        stats.push(t);
    }
    // Sums of document frequencies: the same whatever the merge order.
    let stats = stats
        .into_par_iter()
        .reduce(|| TermStats::from_profiles(&[]), |a, b| a.merge(&b));
    (sketches, stats)
}

/// Aligns every candidate pair: the pairs with reuse or (failing that)
/// a story similarity above the threshold, in candidate order, each with
/// its derived side when the alignment says which.
///
/// Candidates are aligned a block at a time ([`blocks`]): a block's
/// documents are segmented and prepared, its pairs aligned, and its
/// features dropped, so memory holds the blocks being worked on, not the
/// whole corpus's features.
fn align_candidates(
    documents: &[Document],
    candidates: &[stemma_sketch::Candidate],
    stats: &TermStats,
    config: &Config,
    reporter: &dyn Reporter,
) -> Vec<Related> {
    let blocks = blocks(documents.len(), candidates, config.blocks.align.max(1));
    let aligned: Vec<Vec<(usize, Option<Related>)>> = blocks
        .par_iter()
        .map(|members| {
            let docs = block_documents(members, candidates);
            let segmented: Vec<Segmented> = docs
                .par_iter()
                .map(|&d| segment(&documents[d], config))
                .collect();
            let prepared: Vec<Prepared<'_>> = docs
                .par_iter()
                .zip(&segmented)
                .map(|(&d, seg)| {
                    let profile = Profile::new(&documents[d].text, seg);
                    Prepared::new(profile, stats, &config.align)
                })
                .collect();
            let local = |d: DocIdx| docs.binary_search(&d.index()).ok().map(|i| &prepared[i]);
            members
                .par_iter()
                .map(|&i| {
                    let c = &candidates[i];
                    let found = match (local(c.a), local(c.b)) {
                        (Some(a), Some(b)) => relate(c, a, b, config),
                        _ => None,
                    };
                    reporter.advance(1);
                    (i, found)
                })
                .collect()
        })
        .collect();
    let mut slots: Vec<Option<Related>> = vec![None; candidates.len()];
    for (i, found) in aligned.into_iter().flatten() {
        slots[i] = found;
    }
    slots.into_iter().flatten().collect()
}

/// A pair found by alignment, with its derived side when the alignment
/// says which.
type Related = (Pair, Option<DocIdx>);

/// The pair of one aligned candidate, if it has reuse or is similar
/// enough as a report of the same story, with its derived side.
fn relate(
    c: &stemma_sketch::Candidate,
    a: &Prepared<'_>,
    b: &Prepared<'_>,
    config: &Config,
) -> Option<Related> {
    let found = stemma_align::align_reported(a, b, &config.align)?;
    let relation = found.relation?;
    let derived = found.derived.map(|side| match side {
        stemma_align::Side::A => c.a,
        stemma_align::Side::B => c.b,
    });
    Some((
        Pair {
            a: c.a,
            b: c.b,
            relation,
            a_covered: found.a_covered,
            b_covered: found.b_covered,
            passages: found.passages,
        },
        derived,
    ))
}

/// The stories of the aligned pairs, and per pair whether it stands.
fn form_stories(
    documents: &[Document],
    found: &[Related],
    config: &Config,
) -> (Vec<Story>, Vec<bool>) {
    let reuse: Vec<stemma_stories::Reuse<'_>> = found
        .iter()
        .map(|(pair, derived)| stemma_stories::Reuse {
            pair,
            derived: *derived,
        })
        .collect();
    stemma_stories::stories(documents, &reuse, &config.stories)
}

/// The pairs of versions of each story of at most `cap` documents that
/// are not in `aligned` (sorted, as candidates are), as candidates in
/// `(a, b)` order with no evidence.
fn unaligned_story_pairs(
    stories: &[Story],
    aligned: &[(DocIdx, DocIdx)],
    cap: usize,
) -> Vec<stemma_sketch::Candidate> {
    let mut missing: Vec<stemma_sketch::Candidate> = stories
        .par_iter()
        .filter(|s| s.documents.len() <= cap)
        .flat_map_iter(|s| {
            let docs = &s.documents;
            (0..docs.len())
                .flat_map(move |i| (i + 1..docs.len()).map(move |j| (docs[i], docs[j])))
                .filter(|pair| aligned.binary_search(pair).is_err())
                .map(|(a, b)| stemma_sketch::Candidate {
                    a,
                    b,
                    by: stemma_sketch::Generators::empty(),
                    evidence: stemma_sketch::Evidence::default(),
                })
        })
        .collect();
    missing.par_sort_unstable_by_key(|c| (c.a, c.b));
    missing
}

/// The candidates in blocks whose documents are prepared together.
///
/// Documents are clustered by joining the endpoints of candidates,
/// strongest first (the largest of estimated Jaccard, containment and
/// rare-term score, ties by index), whenever the joined cluster keeps at
/// most `cap` documents; the candidates inside one cluster are a block.
/// The candidates left between clusters are clustered afresh, up to
/// [`ROUNDS`] times, and what is left after the last round is packed, by
/// pair of clusters, in blocks of at most `2 · cap` documents (a pair of
/// clusters alone fits) however connected the candidate graph is. Most
/// candidates fall inside a cluster of the first round (the versions of a
/// story hold together); a document with candidates into many other
/// clusters is prepared about once per round rather than once per cluster
/// it reaches. Within a round, cluster blocks come in the order of their
/// first candidate, packed ones in the order of their pairs of clusters.
fn blocks(n: usize, candidates: &[stemma_sketch::Candidate], cap: usize) -> Vec<Vec<usize>> {
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let strength = |c: &stemma_sketch::Candidate| {
        let e = &c.evidence;
        e.jaccard.max(e.containment).max(e.rare)
    };
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by(|&x, &y| {
        strength(&candidates[y])
            .total_cmp(&strength(&candidates[x]))
            .then(x.cmp(&y))
    });
    let mut parent: Vec<usize> = (0..n).collect();
    let mut size = vec![1usize; n];
    let mut out: Vec<Vec<usize>> = Vec::new();
    for round in 1..=ROUNDS {
        for &i in &order {
            let c = &candidates[i];
            let (a, b) = (
                root(&mut parent, c.a.index()),
                root(&mut parent, c.b.index()),
            );
            if a != b && size[a] + size[b] <= cap {
                let (keep, join) = (a.min(b), a.max(b));
                parent[join] = keep;
                size[keep] += size[join];
            }
        }
        // Inside a cluster: a block per cluster. Between clusters: the
        // next round's.
        let mut slot: std::collections::HashMap<usize, usize> = Default::default();
        let mut between = Vec::new();
        let mut ordered = order.clone();
        ordered.sort_unstable();
        for i in ordered {
            let c = &candidates[i];
            let (x, y) = (
                root(&mut parent, c.a.index()),
                root(&mut parent, c.b.index()),
            );
            if x == y {
                let s = *slot.entry(x).or_insert_with(|| {
                    out.push(Vec::new());
                    out.len() - 1
                });
                out[s].push(i);
            } else {
                between.push((x.min(y), x.max(y), i));
            }
        }
        if between.is_empty() {
            break;
        }
        if round == ROUNDS {
            // The last: by pair of clusters, packed while a block keeps at
            // most `2 · cap` documents (a pair of clusters alone fits).
            between.sort_unstable();
            let mut mark = vec![usize::MAX; n];
            let (mut block, mut docs) = (Vec::new(), 0usize);
            for (_, _, i) in between {
                let ends = [candidates[i].a.index(), candidates[i].b.index()];
                let new = ends.iter().filter(|&&d| mark[d] != out.len()).count();
                if docs + new > 2 * cap && !block.is_empty() {
                    out.push(std::mem::take(&mut block));
                    docs = 0;
                }
                for d in ends {
                    if mark[d] != out.len() {
                        mark[d] = out.len();
                        docs += 1;
                    }
                }
                block.push(i);
            }
            out.push(block);
            break;
        }
        // Afresh: only the documents of the candidates left.
        let mut left = vec![false; candidates.len()];
        for &(_, _, i) in &between {
            left[i] = true;
            for d in [candidates[i].a.index(), candidates[i].b.index()] {
                parent[d] = d;
                size[d] = 1;
            }
        }
        order.retain(|&i| left[i]);
    }
    out
}

/// The documents of the candidates `members`, sorted and distinct.
fn block_documents(members: &[usize], candidates: &[stemma_sketch::Candidate]) -> Vec<usize> {
    let mut docs: Vec<usize> = members
        .iter()
        .flat_map(|&i| [candidates[i].a.index(), candidates[i].b.index()])
        .collect();
    docs.sort_unstable();
    docs.dedup();
    docs
}

/// Rounds of clustering in [`blocks`]. On 1,000,000 generated documents
/// (10.9M candidates) documents were prepared 2.92M times with one round
/// and a block per pair of clusters, 2.44M with three, 2.29M with three
/// and the last packed.
const ROUNDS: usize = 3;

/// The claims stage: findings over the stories with a derivation, in
/// batches of consecutive stories. Each batch segments its documents and
/// extracts their facts, so memory holds one batch's facts per worker,
/// not the corpus's.
fn find(
    documents: &[Document],
    pairs: &[Pair],
    stories: &[stemma_core::Story],
    config: &Config,
) -> Vec<stemma_core::Finding> {
    let mut story_of: Vec<Option<usize>> = vec![None; documents.len()];
    for (si, s) in stories.iter().enumerate() {
        if !s.derivations.is_empty() {
            for d in &s.documents {
                if let Some(x) = story_of.get_mut(d.index()) {
                    *x = Some(si);
                }
            }
        }
    }
    // Pairs inside a story with a derivation, grouped by that story.
    let mut pairs_of: Vec<Vec<usize>> = vec![Vec::new(); stories.len()];
    for (i, p) in pairs.iter().enumerate() {
        if let (Some(x), Some(y)) = (story_of[p.a.index()], story_of[p.b.index()])
            && x == y
        {
            pairs_of[x].push(i);
        }
    }
    let mut batches: Vec<std::ops::Range<usize>> = Vec::new();
    let (mut start, mut size) = (0, 0);
    for (si, s) in stories.iter().enumerate() {
        if !s.derivations.is_empty() {
            size += s.documents.len();
        }
        if size >= config.blocks.claims.max(1) {
            batches.push(start..si + 1);
            (start, size) = (si + 1, 0);
        }
    }
    if start < stories.len() {
        batches.push(start..stories.len());
    }
    let empty_seg = Segmented::default();
    let empty_facts = stemma_claims::DocFacts::default();
    let found: Vec<Vec<stemma_core::Finding>> = batches
        .par_iter()
        .map(|range| {
            let docs: Vec<usize> = stories[range.clone()]
                .iter()
                .filter(|s| !s.derivations.is_empty())
                .flat_map(|s| s.documents.iter().map(|d| d.index()))
                .filter(|&d| d < documents.len())
                .collect();
            let segmented: Vec<Segmented> = docs
                .par_iter()
                .map(|&d| {
                    let d = &documents[d];
                    stemma_segment::segment_sentences(&d.text, &boilerplate(d))
                })
                .collect();
            let facts: Vec<stemma_claims::DocFacts> = docs
                .par_iter()
                .zip(&segmented)
                .map(|(&d, seg)| {
                    let d = &documents[d];
                    let anchor = d.meta.published.as_ref().map(|p| p.day());
                    stemma_claims::facts(&d.text, seg, anchor)
                })
                .collect();
            // Indexed by document, as `findings` wants; documents outside
            // the batch have no features and are never looked at.
            let mut inputs: Vec<stemma_claims::Input<'_>> = documents
                .iter()
                .map(|document| stemma_claims::Input {
                    document,
                    segmented: &empty_seg,
                    facts: &empty_facts,
                })
                .collect();
            for ((&d, seg), facts) in docs.iter().zip(&segmented).zip(&facts) {
                inputs[d].segmented = seg;
                inputs[d].facts = facts;
            }
            let batch_pairs: Vec<Pair> = pairs_of[range.clone()]
                .iter()
                .flatten()
                .map(|&i| pairs[i].clone())
                .collect();
            let mut found = stemma_claims::findings(
                &inputs,
                &batch_pairs,
                &stories[range.clone()],
                &config.claims,
            );
            for f in &mut found {
                match f {
                    stemma_core::Finding::Conflict(c) => c.story += range.start,
                    stemma_core::Finding::Unsupported(u) => u.story += range.start,
                }
            }
            found
        })
        .collect();
    found.into_iter().flatten().collect()
}

/// How similar, as reports of one event, the documents of each pair are
/// (`stemma_align::story_similarity` over the same features `analyze`
/// builds): for scoring the similarity against human judgements.
pub fn story_similarities(
    documents: &mut [Document],
    pairs: &[(usize, usize)],
    config: &Config,
) -> Vec<Option<f64>> {
    stemma_extract::extract(documents, &config.extract);
    let documents: &[Document] = documents;
    let segmented = segment_all(documents, config);
    let profiles: Vec<Profile<'_>> = documents
        .par_iter()
        .zip(&segmented)
        .map(|(d, seg)| Profile::new(&d.text, seg))
        .collect();
    let stats = TermStats::from_profiles(&profiles.iter().collect::<Vec<_>>());
    let prepared: Vec<Prepared<'_>> = profiles
        .into_par_iter()
        .map(|p| Prepared::new(p, &stats, &config.align))
        .collect();
    pairs
        .iter()
        .map(|&(a, b)| {
            Some(stemma_align::story_similarity(
                prepared.get(a)?,
                prepared.get(b)?,
                &config.align.story,
            ))
        })
        .collect()
}

/// Each document's body segmented, boilerplate left out.
fn segment_all(documents: &[Document], config: &Config) -> Vec<Segmented> {
    documents.par_iter().map(|d| segment(d, config)).collect()
}

/// A document's body segmented, boilerplate left out.
fn segment(d: &Document, config: &Config) -> Segmented {
    stemma_segment::segment(&d.text, &boilerplate(d), &config.segment)
}

/// The spans of a document's boilerplate.
fn boilerplate(d: &Document) -> Vec<Span> {
    d.boilerplate.iter().map(|b| b.span).collect()
}

#[cfg(test)]
mod tests {
    use stemma_core::DocIdx;
    use stemma_sketch::{Candidate, Evidence, Generators};

    fn candidate(a: u32, b: u32, jaccard: f32) -> Candidate {
        Candidate {
            a: DocIdx(a),
            b: DocIdx(b),
            by: Generators::default(),
            evidence: Evidence {
                jaccard,
                ..Default::default()
            },
        }
    }

    /// A hub document with candidates to 40 others, and a triangle apart,
    /// in clusters of at most 4: every candidate lands in exactly one
    /// block, no block holds more than 8 documents, and the hub is
    /// prepared once per round (3, each with 3 of its candidates) and per
    /// packed block of the 31 left (5), not once per cluster it reaches
    /// (38 with one round and a block per pair of clusters).
    #[test]
    fn blocks_partition_the_candidates_and_prepare_a_hub_a_few_times() {
        let mut candidates: Vec<Candidate> = (1..=40).map(|d| candidate(0, d, 0.5)).collect();
        candidates.extend([
            candidate(41, 42, 0.9),
            candidate(42, 43, 0.2),
            candidate(41, 43, 0.1),
        ]);
        let blocks = super::blocks(44, &candidates, 4);
        let mut seen = vec![0usize; candidates.len()];
        let mut hub = 0;
        for block in &blocks {
            let docs = super::block_documents(block, &candidates);
            assert!(docs.len() <= 8, "a block of {} documents", docs.len());
            hub += usize::from(docs.first() == Some(&0));
            for &i in block {
                seen[i] += 1;
            }
        }
        assert!(seen.iter().all(|&n| n == 1), "{seen:?}");
        assert_eq!(hub, 8);
    }
}
