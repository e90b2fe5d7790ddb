//! Vocabulary types shared by every stemma stage.
//!
//! Nothing here does I/O. Spans are byte offsets into a document's original
//! text; [`CharIndex`] converts them to the Unicode code points that the
//! report uses.

mod analysis;
mod diagnostic;
mod document;
mod hash;
mod published;
mod span;

pub use analysis::{
    Analysis, Conflict, Derivation, Finding, Pair, Passage, PassageKind, Relation, Statement,
    Story, Topic, Unsupported,
};
pub use diagnostic::{Diagnostic, Level};
pub use document::{Boilerplate, BoilerplateKind, DocId, DocIdx, Document, Format, Metadata};
pub use hash::{BuildPrehashed, Prehashed};
pub use published::Published;
pub use span::{CharIndex, Span};

/// Progress of a long stage, reported by the library and drawn by the binary.
///
/// Stage code never prints; it calls a `Reporter`, which the binary
/// implements with progress bars and tests implement with nothing.
pub trait Reporter: Sync {
    /// A stage starts; `total` is the number of units when known.
    fn start(&self, stage: &'static str, total: Option<u64>);
    /// `n` more units of the current stage are done.
    fn advance(&self, n: u64);
    /// The current stage is over.
    fn finish(&self);
}

/// A [`Reporter`] that shows nothing.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoProgress;

impl Reporter for NoProgress {
    fn start(&self, _stage: &'static str, _total: Option<u64>) {}
    fn advance(&self, _n: u64) {}
    fn finish(&self) {}
}
