//! The analysis pipeline: documents in, [`Analysis`] out, no I/O.
//!
//! The stages run in the order of the brief's data flow. Built so far:
//! segment (`stemma-segment`) → sketch and candidates (`stemma-sketch`) →
//! align and relate (`stemma-align`), which fill [`Analysis::pairs`].
//! Stories, provenance and findings come next; their parts of the analysis
//! stay empty until then. Each stage is a map per document or per pair,
//! run in parallel with rayon and collected in order, so the result does
//! not depend on the thread count.

use rayon::prelude::*;
use stemma_align::{Prepared, Profile, TermStats};
use stemma_core::{Analysis, DocIdx, Document, Pair, Reporter, Span};
use stemma_segment::Segmented;

/// Settings of every stage, plain data.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub segment: stemma_segment::Config,
    pub sketch: stemma_sketch::Config,
    pub align: stemma_align::Config,
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
    let documents: &[Document] = documents;
    let total = Some(documents.len() as u64);

    reporter.start("segmenting", total);
    let segmented: Vec<Segmented> = documents
        .par_iter()
        .map(|d| {
            let boilerplate: Vec<Span> = d.boilerplate.iter().map(|b| b.span).collect();
            let seg = stemma_segment::segment(&d.text, &boilerplate, &config.segment);
            reporter.advance(1);
            seg
        })
        .collect();
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

    let profiles: Vec<Profile<'_>> = documents
        .par_iter()
        .zip(&segmented)
        .map(|(d, seg)| Profile::new(&d.text, seg))
        .collect();
    let refs: Vec<&Profile<'_>> = profiles.iter().collect();
    let stats = TermStats::from_profiles(&refs);
    drop(refs);
    let prepared: Vec<Prepared<'_>> = profiles
        .into_par_iter()
        .map(|p| Prepared::new(p, &stats, &config.align.sentence))
        .collect();

    reporter.start("aligning", Some(candidates.pairs.len() as u64));
    let pairs: Vec<Pair> = candidates
        .pairs
        .par_iter()
        .filter_map(|c| {
            let (a, b) = (c.a.index(), c.b.index());
            let found = stemma_align::align_prepared(&prepared[a], &prepared[b], &config.align);
            reporter.advance(1);
            let relation = found.relation?;
            Some(Pair {
                a: DocIdx(c.a.0),
                b: DocIdx(c.b.0),
                relation,
                a_covered: found.a_covered,
                b_covered: found.b_covered,
                passages: found.passages,
            })
        })
        .collect();
    reporter.finish();

    Ok(Analysis {
        pairs,
        ..Analysis::default()
    })
}
