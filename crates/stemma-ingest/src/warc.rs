//! WARC files: a streaming reader of records, and the HTTP payloads inside.
//!
//! Placeholder interface; the real implementation replaces this file.

use std::io::BufRead;

/// What a WARC record holds for stemma.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Payload {
    /// An HTML page (HTTP headers stripped, transfer and content encodings
    /// undone), with the charset of its `Content-Type`, if any.
    Html {
        body: Vec<u8>,
        charset: Option<String>,
    },
    /// Text from a `conversion` or `resource` record.
    Text {
        body: Vec<u8>,
        charset: Option<String>,
    },
}

/// A record that carries a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarcDoc {
    /// 1-based position of the record in the file.
    pub record: u64,
    /// `WARC-Record-ID` without its angle brackets.
    pub record_id: Option<String>,
    pub target_uri: Option<String>,
    /// `WARC-Date` as written.
    pub date: Option<String>,
    pub payload: Payload,
}

/// Something in the file that is not a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarcIssue {
    /// 1-based position of the record it concerns.
    pub record: u64,
    /// Lowercase, concrete.
    pub message: String,
    /// True when the record (or the rest of the file) was skipped.
    pub skipped: bool,
}

/// One step of reading a WARC file.
#[derive(Debug)]
pub enum WarcEvent {
    Doc(WarcDoc),
    Issue(WarcIssue),
}

/// Streams the records of a WARC file, holding at most one record in
/// memory. Records whose block exceeds `max_record_bytes` are skipped with
/// an issue.
pub struct WarcReader<R> {
    _inner: R,
    _max_record_bytes: u64,
}

impl<R: BufRead> WarcReader<R> {
    pub fn new(inner: R, max_record_bytes: u64) -> WarcReader<R> {
        WarcReader {
            _inner: inner,
            _max_record_bytes: max_record_bytes,
        }
    }
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = WarcEvent;

    fn next(&mut self) -> Option<WarcEvent> {
        None
    }
}
