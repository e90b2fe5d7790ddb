//! The tasks of `stemma eval`, one module each. Every task has a `run`
//! (reads the data set, obtains stemma's output, scores it) and a pure
//! `score` over data already read, which the tests call.
//!
//! stemma's output is obtained in-process, as `stemma analyze` obtains it:
//! ingest, then [`stemma_pipeline::analyze`], then [`stemma_report::build`];
//! tasks score the report v1 wire types, so a report written earlier by
//! `stemma analyze --json` scores the same.

pub mod ecb;
pub mod extraction;
pub mod mrpc;
pub mod semeval;
pub mod synthetic;
pub mod tempeval;

use std::path::PathBuf;

use stemma_core::Reporter;
use stemma_ingest::{Corpus, Input};
use stemma_report::{Options, Report};

/// Runs the pipeline over in-memory files `(name, bytes)`; each name's
/// extension picks the format and its stem the document id.
pub fn analyze_memory(
    files: &[(String, Vec<u8>)],
    with_text: bool,
    reporter: &dyn Reporter,
) -> Report {
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let corpus = stemma_ingest::read_memory(&refs, &stemma_ingest::Config::default());
    analyze_corpus(corpus, with_text, reporter)
}

/// Runs the pipeline over files and directories, as `stemma analyze` does.
pub fn analyze_paths(paths: &[PathBuf], with_text: bool, reporter: &dyn Reporter) -> Report {
    let inputs: Vec<Input> = paths.iter().map(|p| Input::Path(p.clone())).collect();
    let corpus = stemma_ingest::read(&inputs, &stemma_ingest::Config::default(), reporter);
    analyze_corpus(corpus, with_text, reporter)
}

fn analyze_corpus(mut corpus: Corpus, with_text: bool, reporter: &dyn Reporter) -> Report {
    let analysis = match stemma_pipeline::analyze(
        &mut corpus.documents,
        &stemma_pipeline::Config::default(),
        reporter,
    ) {
        Ok(analysis) => analysis,
        // Only an invalid configuration fails; say so in the report.
        Err(e) => {
            corpus
                .diagnostics
                .push(stemma_core::Diagnostic::error("stemma", e.to_string()));
            stemma_core::Analysis::default()
        }
    };
    stemma_report::build(
        &corpus.documents,
        &corpus.diagnostics,
        &analysis,
        Options { with_text },
    )
}

/// A skipped-records note, when there are any: the count and the first
/// few with their reasons.
pub(crate) fn skipped_note(what: &str, skipped: &[crate::data::Skipped]) -> Option<String> {
    if skipped.is_empty() {
        return None;
    }
    let shown: Vec<String> = skipped
        .iter()
        .take(3)
        .map(|s| format!("{} ({})", s.what, s.why))
        .collect();
    let more = if skipped.len() > 3 {
        format!(", and {} more", skipped.len() - 3)
    } else {
        String::new()
    };
    Some(format!(
        "{} {what} skipped, not scored: {}{more}",
        skipped.len(),
        shown.join("; ")
    ))
}

pub(crate) use crate::table::fmt4;
