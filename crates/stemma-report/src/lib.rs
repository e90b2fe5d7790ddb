//! Report v1: what `stemma analyze --json` writes.
//!
//! The wire types here are the contract with users; core types are not
//! serialised directly, so the two can evolve apart. Every span is
//! `[start, end)` in Unicode code points of the document's text, and every
//! `quote` is exactly that slice. The JSON Schema is
//! `docs/report.schema.json`. [`html`] renders the same report as a
//! self-contained HTML dossier.

mod build;
mod html;
mod summary;
mod wire;

pub use build::{Options, build, write_json_streamed};
pub use html::html;
pub use summary::{Style, summary};
pub use wire::*;

/// The report format version, written as `"stemma_report": 1`.
pub const VERSION: u32 = 1;

/// Writes `report` as pretty-printed JSON followed by a newline.
pub fn write_json(report: &Report, mut out: impl std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut out, report)?;
    out.write_all(b"\n")
}
