//! The analysis pipeline: documents in, [`Analysis`] out, no I/O.
//!
//! The stages run in the order of the brief's data flow. Built so far:
//! boilerplate (`stemma-extract`) → segment (`stemma-segment`) → sketch
//! and candidates (`stemma-sketch`) → align and relate (`stemma-align`),
//! which fill [`Analysis::pairs`] → stories and provenance
//! (`stemma-stories`), which fill [`Analysis::stories`] → claims and
//! findings (`stemma-claims`), which fill [`Analysis::findings`]. Each
//! stage is a map per document or per pair, run in parallel with rayon and
//! collected in order, so the result does not depend on the thread count.

use rayon::prelude::*;
use stemma_align::{Prepared, Profile, TermStats};
use stemma_core::{Analysis, DocIdx, Document, Pair, Relation, Reporter, Span};
use stemma_segment::Segmented;

/// Settings of every stage, plain data.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub extract: stemma_extract::Config,
    pub segment: stemma_segment::Config,
    pub sketch: stemma_sketch::Config,
    pub align: stemma_align::Config,
    pub stories: stemma_stories::Config,
    pub claims: stemma_claims::Config,
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

    reporter.start("segmenting", total);
    let segmented = segment_all(documents, config, reporter);
    reporter.finish();

    reporter.start("sketching", total);
    let sketches: Vec<stemma_sketch::Sketch> = documents
        .par_iter()
        .zip(&segmented)
        .map(|(d, seg)| {
            let sketch = sketcher.sketch(&d.text, seg);
            reporter.advance(1);
            sketch
        })
        .collect();
    reporter.finish();
    let candidates = sketcher.candidates(&sketches);
    drop(sketches);

    let (prepared, stats) = prepare(documents, &segmented, config);

    reporter.start("aligning", Some(candidates.pairs.len() as u64));
    let found: Vec<(Pair, Option<DocIdx>)> = candidates
        .pairs
        .par_iter()
        .filter_map(|c| {
            let (a, b) = (c.a.index(), c.b.index());
            let found = stemma_align::align_prepared(&prepared[a], &prepared[b], &config.align);
            reporter.advance(1);
            let relation = match found.relation {
                Some(r) => r,
                None => {
                    let similarity = stemma_align::story_similarity(
                        &prepared[a],
                        &prepared[b],
                        &stats,
                        &config.align.story,
                    );
                    if similarity < config.align.story.same_story_threshold {
                        return None;
                    }
                    Relation::SameStory
                }
            };
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
        })
        .collect();
    reporter.finish();

    reporter.start("stories and provenance", None);
    let reuse: Vec<stemma_stories::Reuse<'_>> = found
        .iter()
        .map(|(pair, derived)| stemma_stories::Reuse {
            pair,
            derived: *derived,
        })
        .collect();
    let (stories, kept) = stemma_stories::stories(documents, &reuse, &config.stories);
    drop(reuse);
    reporter.finish();
    // Same-story pairs the stories stage turned down (their stories are
    // weeks apart) are not reported.
    let pairs = found
        .into_iter()
        .zip(kept)
        .filter_map(|((pair, _), keep)| keep.then_some(pair))
        .collect();

    let pairs: Vec<Pair> = pairs;

    reporter.start("claims and findings", None);
    let findings = find(documents, &segmented, &pairs, &stories, &config.claims);
    reporter.finish();

    Ok(Analysis {
        pairs,
        stories,
        findings,
    })
}

/// The claims stage: the facts of every document in a story with a
/// derivation, then the findings over those stories.
fn find(
    documents: &[Document],
    segmented: &[Segmented],
    pairs: &[Pair],
    stories: &[stemma_core::Story],
    config: &stemma_claims::Config,
) -> Vec<stemma_core::Finding> {
    // Findings come from derivations: stories without one need no facts.
    let mut in_story = vec![false; documents.len()];
    for s in stories.iter().filter(|s| !s.derivations.is_empty()) {
        for d in &s.documents {
            if let Some(x) = in_story.get_mut(d.index()) {
                *x = true;
            }
        }
    }
    let facts: Vec<stemma_claims::DocFacts> = documents
        .par_iter()
        .zip(segmented)
        .zip(&in_story)
        .map(|((d, seg), &wanted)| {
            if wanted {
                let anchor = d.meta.published.as_ref().map(|p| p.day());
                stemma_claims::facts(&d.text, seg, anchor)
            } else {
                stemma_claims::DocFacts::default()
            }
        })
        .collect();
    let inputs: Vec<stemma_claims::Input<'_>> = documents
        .iter()
        .zip(segmented)
        .zip(&facts)
        .map(|((document, segmented), facts)| stemma_claims::Input {
            document,
            segmented,
            facts,
        })
        .collect();
    stemma_claims::findings(&inputs, pairs, stories, config)
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
    let segmented = segment_all(documents, config, &stemma_core::NoProgress);
    let (prepared, stats) = prepare(documents, &segmented, config);
    pairs
        .iter()
        .map(|&(a, b)| {
            Some(stemma_align::story_similarity(
                prepared.get(a)?,
                prepared.get(b)?,
                &stats,
                &config.align.story,
            ))
        })
        .collect()
}

/// Each document's body segmented, boilerplate left out.
fn segment_all(documents: &[Document], config: &Config, reporter: &dyn Reporter) -> Vec<Segmented> {
    documents
        .par_iter()
        .map(|d| {
            let boilerplate: Vec<Span> = d.boilerplate.iter().map(|b| b.span).collect();
            let seg = stemma_segment::segment(&d.text, &boilerplate, &config.segment);
            reporter.advance(1);
            seg
        })
        .collect()
}

/// Per-document alignment features and the corpus's term statistics.
fn prepare<'a>(
    documents: &'a [Document],
    segmented: &'a [Segmented],
    config: &Config,
) -> (Vec<Prepared<'a>>, TermStats) {
    let profiles: Vec<Profile<'a>> = documents
        .par_iter()
        .zip(segmented)
        .map(|(d, seg)| Profile::new(&d.text, seg))
        .collect();
    let refs: Vec<&Profile<'_>> = profiles.iter().collect();
    let stats = TermStats::from_profiles(&refs);
    drop(refs);
    let prepared = profiles
        .into_par_iter()
        .map(|p| Prepared::new(p, &stats, &config.align.sentence))
        .collect();
    (prepared, stats)
}
