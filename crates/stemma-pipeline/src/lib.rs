//! The analysis pipeline: documents in, [`Analysis`] out, no I/O.
//!
//! The stages run in the order of the brief's data flow: extract →
//! segment → sketch → candidates → align → relate → stories → provenance
//! → claims → findings. Each stage crate is called from here, so the
//! binary, the `eval` command and the language bindings all run the same
//! code. Stages not yet built contribute nothing: their part of the
//! analysis stays empty.

use stemma_core::{Analysis, Document, Reporter};

/// Settings of every stage, plain data.
#[derive(Debug, Clone, Default)]
pub struct Config {}

/// Analyses a corpus. `documents` must be sorted by id with unique ids (as
/// `stemma_ingest` returns them); results refer to documents by position.
///
/// Boilerplate spans found by the extraction stage are written into the
/// documents, hence `&mut`.
pub fn analyze(documents: &mut [Document], config: &Config, reporter: &dyn Reporter) -> Analysis {
    let _ = (documents, config, reporter);
    Analysis::default()
}
