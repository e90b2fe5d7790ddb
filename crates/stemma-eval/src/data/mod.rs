//! Readers of the labelled data sets, one module per format. Readers do
//! the I/O; what they return is plain data for the tasks.
//!
//! A record a reader cannot use is not silently dropped: it is counted in
//! the reader's `skipped` list with the reason, and the task prints it.

pub mod csv;
pub mod ecb;
pub mod extraction;
pub mod mrpc;
pub mod semeval;
pub mod synthetic;
pub mod tempeval;
pub mod xml;

use std::path::{Path, PathBuf};

use crate::Error;

/// The whole of a UTF-8 file (a leading byte-order mark is kept; readers
/// that may meet one strip it).
pub fn read_string(path: &Path) -> Result<String, Error> {
    let bytes = read_bytes(path)?;
    String::from_utf8(bytes).map_err(|e| {
        Error::format(
            path,
            format!("not UTF-8 at byte {}", e.utf8_error().valid_up_to()),
        )
    })
}

/// The bytes of a file, gunzipped when its name ends in `.gz`.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, Error> {
    let raw = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let gz = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    if !gz {
        return Ok(raw);
    }
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::MultiGzDecoder::new(&raw[..]), &mut out)
        .map_err(|e| Error::format(path, format!("cannot decompress: {e}")))?;
    Ok(out)
}

/// The entries of a directory, sorted by name, hidden ones (and macOS
/// `._` resource forks) left out.
pub fn list_dir(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        out.push(entry.path());
    }
    out.sort();
    Ok(out)
}

/// A record a reader left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The file, with `:line` when it names a line.
    pub what: String,
    pub why: String,
}

impl Skipped {
    pub fn new(what: impl Into<String>, why: impl Into<String>) -> Skipped {
        Skipped {
            what: what.into(),
            why: why.into(),
        }
    }
}
