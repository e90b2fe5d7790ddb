//! Evaluation of stemma against ground truth: the metrics, readers of the
//! labelled data sets, and the tasks behind `stemma eval <task>`.
//!
//! - [`metrics`]: pure functions (precision/recall/F1, B-cubed, adjusted
//!   Rand index, Pearson, character-level span overlap, the AEB article
//!   metric). No I/O.
//! - [`data`]: one reader per data-set format. Readers do the I/O.
//! - [`tasks`]: one module per task; each scores stemma's output (report v1
//!   wire types, or a stage's decision through [`judges`]) and returns an
//!   [`Evaluation`]: tables, notes and the one `RESULT` line.
//! - [`judges`]: the integration points for stages that do not exist yet
//!   (sentence paraphrase, document similarity, date normalisation), each
//!   with the baseline that stands in for it today.
//!
//! Library code never prints; the binary prints what [`Evaluation::render`]
//! returns.

pub mod data;
pub mod judges;
pub mod metrics;
mod table;
pub mod tasks;

use std::path::{Path, PathBuf};

pub use table::{Evaluation, ItemScore, Table};

/// Why an evaluation could not run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file or directory could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A file is not in the format its data set uses.
    #[error("{}: {message}", path.display())]
    Format { path: PathBuf, message: String },
    /// The request itself does not fit the task (a missing folder, an
    /// option the task does not take).
    #[error("{0}")]
    Usage(String),
}

impl Error {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Error {
        Error::Io {
            path: path.to_owned(),
            source,
        }
    }

    pub(crate) fn format(path: &Path, message: impl Into<String>) -> Error {
        Error::Format {
            path: path.to_owned(),
            message: message.into(),
        }
    }
}
