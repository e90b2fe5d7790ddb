//! WARC files: a streaming reader of records, and the HTTP payloads inside.
//!
//! [`WarcReader`] reads WARC 1.0 and 1.1 (and the 0.17/0.18 drafts) as
//! written by Common Crawl, Heritrix and wget, from an uncompressed stream
//! (undoing a file's gzip, one member per record or one for the file, is
//! the caller's job: `flate2::bufread::MultiGzDecoder` in a `BufReader`).
//! It yields a [`WarcEvent`] per document and per problem, holding at most
//! one record in memory.
//!
//! # What is a document
//!
//! - `response` records with a 2xx HTTP status and an HTML body
//!   (`text/html`, `application/xhtml+xml`, or no `Content-Type` and a body
//!   that sniffs as HTML) give [`Payload::Html`]; with `text/plain`,
//!   [`Payload::Text`]. Chunked transfer coding and gzip/deflate content
//!   codings are undone.
//! - `resource` and `conversion` records (WET files) with `text/plain` or
//!   no `Content-Type` give [`Payload::Text`]; with `text/html`,
//!   [`Payload::Html`]. Resources with a `metadata:` or `dns:` URI (wget's
//!   own log and arguments) are not documents.
//! - Everything else (`warcinfo`, `request`, `metadata`, `revisit`, other
//!   statuses and media types, empty bodies) is counted, and one summary
//!   issue at the end lists the counts.
//!
//! # Numbering of issues
//!
//! [`WarcIssue::record`] is the 1-based number of the record an issue is
//! about (for bytes that are not a record: the record that follows them).
//! It is 0 for issues about the file as a whole: the summary of records
//! that are not documents, a read error, bytes after the last record.
//!
//! # Recovery
//!
//! A record with a missing or bad `Content-Length`, truncated headers, or a
//! block that does not end where its `Content-Length` says is skipped with
//! an issue, and reading resumes at the next version line (`WARC/1.0`,
//! `WARC/1.1`, `WARC/0.18`: `WARC/`, digits, a dot, digits). When a
//! `Content-Length` is too long, the next record is looked for inside the
//! block and read from there, so that only the bad record is lost (bytes
//! read again that way never exceed the bytes read plus 1 MiB, so hostile
//! input cannot make reading quadratic). An I/O error from the reader (a truncated gzip member underneath)
//! ends the stream with an issue; everything yielded before stays valid.

mod http;
mod stream;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, VecDeque};
use std::io::{self, BufRead};
use std::mem;

use http::{Inflated, Kind};
use stream::{LineEnd, Stream, is_version_line};

/// What a WARC record holds for stemma.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Payload {
    /// An HTML page (HTTP headers stripped, transfer and content encodings
    /// undone), with the charset of its `Content-Type`, if any.
    Html {
        /// The page's bytes, in their own encoding.
        body: Vec<u8>,
        /// The `charset` parameter of the HTTP (or, for a `resource`, the
        /// WARC) `Content-Type`, as written.
        charset: Option<String>,
    },
    /// Text from a `conversion` or `resource` record, or a `text/plain`
    /// HTTP response.
    Text {
        /// The text's bytes, in their own encoding.
        body: Vec<u8>,
        /// The `charset` parameter of the `Content-Type`, as written.
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
    /// `WARC-Target-URI`, without the angle brackets some WARC/1.0 writers
    /// put around it.
    pub target_uri: Option<String>,
    /// `WARC-Date` as written.
    pub date: Option<String>,
    /// The document's bytes.
    pub payload: Payload,
}

/// Something in the file that is not a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarcIssue {
    /// 1-based position of the record it concerns; 0 when it concerns the
    /// file as a whole (see the [module docs](self)).
    pub record: u64,
    /// Lowercase, concrete.
    pub message: String,
    /// True when the record (or the rest of the file) was skipped; false
    /// for caveats about a document that is still yielded (they come just
    /// before it) and for the summary of records that are not documents.
    pub skipped: bool,
}

/// One step of reading a WARC file.
#[derive(Debug)]
pub enum WarcEvent {
    /// A document.
    Doc(WarcDoc),
    /// A problem, or the closing summary of what was not a document.
    Issue(WarcIssue),
}

/// The most bytes of WARC headers a record may have.
const MAX_HEADER_BYTES: usize = 256 * 1024;
/// The most bytes of a version line.
const MAX_VERSION_LINE: usize = 64;
/// How much of a block over the size limit is read to tell what it is.
const OVERSIZE_PREFIX: u64 = 64 * 1024;
/// Distinct reasons counted for the summary; more are counted as "other".
const MAX_REASONS: usize = 256;
/// Reasons named in the summary.
const LISTED_REASONS: usize = 10;
/// Bytes of a stretch of garbage quoted in its issue.
const PREVIEW_BYTES: usize = 40;

/// The WARC header fields stemma uses, by index into [`Fields`].
const FIELD_NAMES: [&str; 7] = [
    "warc-type",
    "content-length",
    "warc-record-id",
    "warc-target-uri",
    "warc-date",
    "content-type",
    "warc-truncated",
];
const WARC_TYPE: usize = 0;
const CONTENT_LENGTH: usize = 1;
const RECORD_ID: usize = 2;
const TARGET_URI: usize = 3;
const DATE: usize = 4;
const CONTENT_TYPE: usize = 5;
const TRUNCATED: usize = 6;

/// The first value of each field in [`FIELD_NAMES`].
#[derive(Debug, Default)]
struct Fields([Option<String>; 7]);

impl Fields {
    fn get(&self, i: usize) -> Option<&str> {
        self.0[i].as_deref()
    }

    fn take(&mut self, i: usize) -> Option<String> {
        self.0[i].take()
    }
}

fn field_index(name: &[u8]) -> Option<usize> {
    let name = name.trim_ascii();
    FIELD_NAMES
        .iter()
        .position(|n| name.eq_ignore_ascii_case(n.as_bytes()))
}

/// `<urn:uuid:…>` → `urn:uuid:…`; empty → none.
fn unbracket(value: Option<String>) -> Option<String> {
    let value = value?;
    let v = value.trim();
    let v = v
        .strip_prefix('<')
        .and_then(|s| s.strip_suffix('>'))
        .unwrap_or(v)
        .trim();
    (!v.is_empty()).then(|| v.to_owned())
}

/// `Content-Length` as a number, or what is wrong with it.
fn parse_length(raw: &str) -> Result<u64, String> {
    let v = raw.trim();
    if v.is_empty() {
        return Err("content-length is empty".to_owned());
    }
    let quoted = http::preview(v.as_bytes(), 30);
    if let Some(digits) = v.strip_prefix('-')
        && !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(format!("content-length {quoted} is negative"));
    }
    if !v.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("content-length {quoted:?} is not a number"));
    }
    v.parse::<u64>()
        .map_err(|_| format!("content-length {quoted} is too large"))
}

/// Where a record starts inside `block`: a version line.
fn find_record_start(block: &[u8]) -> Option<usize> {
    let is_line = |p: usize| {
        let rest = &block[p..];
        let end = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
        is_version_line(&rest[..end])
    };
    if is_line(0) {
        return Some(0);
    }
    memchr::memmem::find_iter(block, b"\nWARC/")
        .map(|i| i + 1)
        .find(|&p| is_line(p))
}

/// Where a record starts inside a header line (one cut off by the next
/// record): `WARC/`, a digit, and nothing but a version after it.
fn find_record_start_in_line(line: &[u8]) -> Option<usize> {
    memchr::memmem::find_iter(line, b"WARC/").find(|&p| is_version_line(&line[p..]))
}

fn plural(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Where the reader is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Reading,
    /// The stream ended; the summary is due.
    Finishing,
    Done,
}

/// What a complete record turned out to be.
enum Outcome {
    Doc(Payload, Vec<String>),
    /// Not a document, for this reason (counted in the summary).
    NotDoc(String),
    /// A document that cannot be read; the issue says why.
    Bad(String),
}

/// Streams the records of a WARC file, holding at most one record in
/// memory. Records whose block exceeds `max_record_bytes` are skipped with
/// an issue.
///
/// ```
/// use stemma_ingest::warc::{WarcEvent, WarcReader};
///
/// let warc = b"WARC/1.0\r\nWARC-Type: conversion\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n";
/// let events: Vec<WarcEvent> = WarcReader::new(&warc[..], 1 << 20).collect();
/// assert!(matches!(&events[..], [WarcEvent::Doc(doc)] if doc.record == 1));
/// ```
pub struct WarcReader<R> {
    src: Stream<R>,
    max_record_bytes: u64,
    /// Version lines seen: the number of the current or last record.
    records: u64,
    /// The last record read to its end.
    complete: u64,
    pending: VecDeque<WarcEvent>,
    not_docs: BTreeMap<String, u64>,
    block: Vec<u8>,
    state: State,
}

impl<R: BufRead> WarcReader<R> {
    /// A reader of the uncompressed WARC stream `inner`; a record whose
    /// block is longer than `max_record_bytes` is skipped, and no body is
    /// decompressed past that size.
    pub fn new(inner: R, max_record_bytes: u64) -> WarcReader<R> {
        WarcReader {
            src: Stream::new(inner),
            max_record_bytes,
            records: 0,
            complete: 0,
            pending: VecDeque::new(),
            not_docs: BTreeMap::new(),
            block: Vec::new(),
            state: State::Reading,
        }
    }

    fn issue(&mut self, record: u64, message: String, skipped: bool) {
        self.pending.push_back(WarcEvent::Issue(WarcIssue {
            record,
            message,
            skipped,
        }));
    }

    fn count(&mut self, reason: String) {
        if let Some(n) = self.not_docs.get_mut(&reason) {
            *n += 1;
        } else if self.not_docs.len() < MAX_REASONS {
            self.not_docs.insert(reason, 1);
        } else {
            *self.not_docs.entry("other".to_owned()).or_insert(0) += 1;
        }
    }

    /// Reads what comes next: blank lines, then a record or a stretch of
    /// garbage. False at the end of the stream. Every call that returns
    /// true has read at least one byte.
    fn step(&mut self) -> io::Result<bool> {
        self.src
            .skip_while(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))?;
        if self.src.peek(1)?.is_empty() {
            return Ok(false);
        }
        if self.src.at_version_line(MAX_VERSION_LINE)? {
            let mut line = Vec::new();
            self.src.read_line(&mut line, MAX_VERSION_LINE)?;
            self.read_record()?;
            self.complete = self.records;
        } else {
            self.garbage()?;
        }
        Ok(true)
    }

    /// Skips from a line that does not start a record to the next one that
    /// does, with an issue.
    fn garbage(&mut self) -> io::Result<()> {
        let mut preview = Vec::new();
        let mut skipped = self.src.skip_line(&mut preview, PREVIEW_BYTES)?;
        skipped += self.resync(&mut preview)?;
        let at_end = self.src.peek(1)?.is_empty();
        let mut quoted = http::preview(&preview, PREVIEW_BYTES);
        if skipped > preview.len() as u64 && !quoted.ends_with('…') {
            quoted.push('…');
        }
        let mut what = format!("starts with {quoted:?}");
        if preview.starts_with(b"\x1f\x8b") {
            what.push_str(", a gzip signature: the data is still compressed");
        } else if preview.len() >= 5 && preview[..5].eq_ignore_ascii_case(b"warc-") {
            what.push_str(": a record without its version line?");
        }
        let bytes = plural(skipped, "byte", "bytes");
        if at_end && self.records == 0 {
            let message = format!("no warc record found: {bytes} skipped ({what})");
            self.issue(0, message, true);
        } else if at_end {
            let last = self.records;
            let message =
                format!("{bytes} after record {last} are not a warc record, skipped ({what})");
            self.issue(0, message, true);
        } else {
            let next = self.records + 1;
            let message =
                format!("{bytes} before record {next} are not a warc record, skipped ({what})");
            self.issue(next, message, true);
        }
        Ok(())
    }

    /// Skips lines until one starts a record (or the stream ends); returns
    /// the bytes skipped.
    fn resync(&mut self, preview: &mut Vec<u8>) -> io::Result<u64> {
        let mut skipped = 0u64;
        loop {
            if self.src.peek(1)?.is_empty() || self.src.at_version_line(MAX_VERSION_LINE)? {
                return Ok(skipped);
            }
            skipped += self.src.skip_line(preview, PREVIEW_BYTES)?;
        }
    }

    /// "skipped N bytes to the next record" or "… to the end of the file".
    fn resync_note(&mut self) -> io::Result<String> {
        let skipped = self.resync(&mut Vec::new())?;
        let to = if self.src.peek(1)?.is_empty() {
            "the end of the file"
        } else {
            "the next record"
        };
        Ok(format!(
            "skipped {} to {to}",
            plural(skipped, "byte", "bytes")
        ))
    }

    /// Reads one record after its version line.
    fn read_record(&mut self) -> io::Result<()> {
        self.records += 1;
        let no = self.records;
        let Some(mut fields) = self.read_fields(no)? else {
            return Ok(());
        };
        let length = match fields.get(CONTENT_LENGTH).map(parse_length) {
            Some(Ok(n)) => n,
            Some(Err(why)) => {
                let note = self.resync_note()?;
                self.issue(no, format!("record {no}: {why}; {note}"), true);
                return Ok(());
            }
            None => {
                let note = self.resync_note()?;
                self.issue(no, format!("record {no}: no content-length; {note}"), true);
                return Ok(());
            }
        };
        if length > self.max_record_bytes {
            return self.skip_oversized(no, &fields, length);
        }

        let mut block = mem::take(&mut self.block);
        block.clear();
        let got = self.src.read_into(&mut block, length)?;
        if got < length {
            let found = find_record_start(&block).filter(|&p| self.src.rewind(&block[p..]));
            if let Some(p) = found {
                let message = format!(
                    "record {no}: content-length {length} runs into the next record, which starts {p} bytes into the block; skipped"
                );
                self.issue(no, message, true);
            } else {
                let message = format!(
                    "record {no}: content-length {length} runs past the end of the file ({} left)",
                    plural(got, "byte", "bytes")
                );
                self.issue(no, message, true);
            }
            self.keep_block(block);
            return Ok(());
        }
        if let Some(consumed) = self.check_end()? {
            let found = find_record_start(&block).filter(|&p| {
                let mut tail = block[p..].to_vec();
                tail.extend_from_slice(&consumed);
                self.src.rewind(&tail)
            });
            if let Some(p) = found {
                let message = format!(
                    "record {no}: content-length {length} runs into the next record, which starts {p} bytes into the block; skipped"
                );
                self.issue(no, message, true);
            } else {
                let note = self.resync_note()?;
                let message = format!(
                    "record {no}: block of content-length {length} is not followed by the end of the record (content-length wrong?); {note}"
                );
                self.issue(no, message, true);
            }
            self.keep_block(block);
            return Ok(());
        }
        let outcome = self.outcome(&fields, &mut block);
        self.keep_block(block);
        match outcome {
            Outcome::Doc(payload, warnings) => {
                for w in warnings {
                    self.issue(no, format!("record {no}: {w}"), false);
                }
                if let Some(t) = fields.get(TRUNCATED) {
                    let message = format!(
                        "record {no}: the crawler cut this record short (warc-truncated: {})",
                        http::clean_token(t)
                    );
                    self.issue(no, message, false);
                }
                self.pending.push_back(WarcEvent::Doc(WarcDoc {
                    record: no,
                    record_id: unbracket(fields.take(RECORD_ID)),
                    target_uri: unbracket(fields.take(TARGET_URI)),
                    date: fields.take(DATE).filter(|d| !d.is_empty()),
                    payload,
                }));
            }
            Outcome::NotDoc(reason) => self.count(reason),
            Outcome::Bad(why) => self.issue(no, format!("record {no}: {why}"), true),
        }
        Ok(())
    }

    /// Keeps the block's allocation for the next record, unless it grew
    /// large.
    fn keep_block(&mut self, block: Vec<u8>) {
        if block.capacity() <= 4 << 20 {
            self.block = block;
        }
    }

    /// Reads the header lines up to the blank line. `None` when the record
    /// was given up (with an issue).
    fn read_fields(&mut self, no: u64) -> io::Result<Option<Fields>> {
        let mut fields = Fields::default();
        let mut total = 0usize;
        let mut line = Vec::new();
        // The field the previous line set, for folded continuations.
        let mut last: Option<usize> = None;
        loop {
            line.clear();
            let end = self.src.read_line(&mut line, MAX_HEADER_BYTES - total)?;
            total += line.len();
            match end {
                LineEnd::Newline => {}
                LineEnd::Eof => {
                    let message = format!(
                        "record {no}: headers cut off by the end of the file after {}",
                        plural(total as u64, "byte", "bytes")
                    );
                    self.issue(no, message, true);
                    return Ok(None);
                }
                LineEnd::Limit => {
                    let note = self.resync_note()?;
                    let message =
                        format!("record {no}: headers run past {MAX_HEADER_BYTES} bytes; {note}");
                    self.issue(no, message, true);
                    return Ok(None);
                }
            }
            let text = line.strip_suffix(b"\n").unwrap_or(&line);
            let text = text.strip_suffix(b"\r").unwrap_or(text);
            if text.is_empty() {
                return Ok(Some(fields));
            }
            if text[0] == b' ' || text[0] == b'\t' {
                if let Some(v) = last.and_then(|i| fields.0[i].as_mut()) {
                    v.push(' ');
                    v.push_str(String::from_utf8_lossy(text).trim());
                }
                continue;
            }
            last = None;
            let Some(colon) = memchr::memchr(b':', text) else {
                // Not a field. When it holds the start of a record, this
                // record's headers were cut off there; otherwise the line
                // is ignored, as other readers of the format do.
                if let Some(p) = find_record_start_in_line(text) {
                    self.src.unread(&line[p..]);
                    let message = format!(
                        "record {no}: headers cut off by the start of another record; skipped"
                    );
                    self.issue(no, message, true);
                    return Ok(None);
                }
                continue;
            };
            if let Some(i) = field_index(&text[..colon])
                && fields.0[i].is_none()
            {
                let value = String::from_utf8_lossy(&text[colon + 1..])
                    .trim()
                    .to_owned();
                fields.0[i] = Some(value);
                last = Some(i);
            }
        }
    }

    /// After a block: the two line ends that close a record. `None` when
    /// the record ends well: two line ends, or (leniently) fewer and then
    /// the next record or the end of the stream. Otherwise the bytes read
    /// looking, to put back.
    fn check_end(&mut self) -> io::Result<Option<Vec<u8>>> {
        let mut consumed = Vec::new();
        let mut newlines = 0;
        while newlines < 2 && consumed.len() < 64 {
            let b = match self.src.peek(1)?.first() {
                Some(&b) if b == b'\r' || b == b'\n' => b,
                _ => break,
            };
            self.src.consume(1);
            consumed.push(b);
            newlines += usize::from(b == b'\n');
        }
        if newlines >= 2 {
            return Ok(None);
        }
        if self.src.peek(1)?.is_empty() || self.src.at_version_line(MAX_VERSION_LINE)? {
            return Ok(None);
        }
        Ok(Some(consumed))
    }

    /// A block over the size limit: read through without keeping it. Only
    /// its first bytes are looked at, to tell a document (an issue) from a
    /// record that is not one (counted).
    fn skip_oversized(&mut self, no: u64, fields: &Fields, length: u64) -> io::Result<()> {
        let mut prefix = mem::take(&mut self.block);
        prefix.clear();
        let head_len = length.min(OVERSIZE_PREFIX);
        let mut got = self.src.read_into(&mut prefix, head_len)?;
        if got == head_len {
            got += self.src.discard(length - head_len)?;
        }
        if got < length {
            let message = format!(
                "record {no}: content-length {length} runs past the end of the file ({} left)",
                plural(got, "byte", "bytes")
            );
            self.issue(no, message, true);
            self.keep_block(prefix);
            return Ok(());
        }
        if self.check_end()?.is_some() {
            let note = self.resync_note()?;
            let message = format!(
                "record {no}: block of content-length {length} is not followed by the end of the record (content-length wrong?); {note}"
            );
            self.issue(no, message, true);
            self.keep_block(prefix);
            return Ok(());
        }
        match not_doc_reason(fields, &prefix) {
            Some(reason) => self.count(reason),
            None => {
                let message = format!(
                    "record {no}: block of {length} bytes is over the limit of {} bytes; skipped",
                    self.max_record_bytes
                );
                self.issue(no, message, true);
            }
        }
        self.keep_block(prefix);
        Ok(())
    }

    /// What a complete record is. Takes the block when it becomes the
    /// document.
    fn outcome(&self, fields: &Fields, block: &mut Vec<u8>) -> Outcome {
        let ty = fields.get(WARC_TYPE).unwrap_or("").to_ascii_lowercase();
        match ty.as_str() {
            "response" => {
                if looks_like_http(block) || is_http_type(fields) {
                    response(block, self.max_record_bytes)
                } else {
                    text_record("response", fields, block)
                }
            }
            "resource" | "conversion" => text_record(&ty, fields, block),
            "" => Outcome::NotDoc("record without warc-type".to_owned()),
            other => Outcome::NotDoc(http::clean_token(other)),
        }
    }

    /// The closing summary of records that are not documents.
    fn summary(&self) -> Option<WarcIssue> {
        let total: u64 = self.not_docs.values().sum();
        if total == 0 {
            return None;
        }
        let mut reasons: Vec<(&String, &u64)> = self.not_docs.iter().collect();
        reasons.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
        let mut list: Vec<String> = reasons
            .iter()
            .take(LISTED_REASONS)
            .map(|(reason, n)| format!("{n} {reason}"))
            .collect();
        if reasons.len() > LISTED_REASONS {
            let rest = &reasons[LISTED_REASONS..];
            let records: u64 = rest.iter().map(|(_, n)| **n).sum();
            let word = if rest.len() == 1 { "reason" } else { "reasons" };
            list.push(format!(
                "and {} more {word} ({})",
                rest.len(),
                plural(records, "record", "records")
            ));
        }
        let what = if total == 1 {
            "record that is not a document"
        } else {
            "records that are not documents"
        };
        Some(WarcIssue {
            record: 0,
            message: format!("skipped {total} {what}: {}", list.join(", ")),
            skipped: false,
        })
    }
}

/// Whether a block starts with an HTTP status line.
fn looks_like_http(block: &[u8]) -> bool {
    let start = block
        .iter()
        .position(|&b| b != b'\r' && b != b'\n')
        .unwrap_or(block.len());
    block[start..].len() >= 5 && block[start..start + 5].eq_ignore_ascii_case(b"HTTP/")
}

/// Whether the record's `Content-Type` says HTTP (or says nothing).
fn is_http_type(fields: &Fields) -> bool {
    match fields.get(CONTENT_TYPE) {
        None => true,
        Some(ct) => http::parse_content_type(ct)
            .media
            .starts_with("application/http"),
    }
}

/// Why an over-large record is not a document, from its header fields and
/// first bytes; `None` when it may well be one.
fn not_doc_reason(fields: &Fields, prefix: &[u8]) -> Option<String> {
    let ty = fields.get(WARC_TYPE).unwrap_or("").to_ascii_lowercase();
    match ty.as_str() {
        "response" if looks_like_http(prefix) || is_http_type(fields) => {
            let head = http::parse_head(prefix).ok()?;
            let media = head
                .content_type
                .as_deref()
                .map(|ct| http::parse_content_type(ct).media)
                .unwrap_or_default();
            status_reason(head.status).or_else(|| match http::kind_of(&media) {
                Kind::Other => Some(format!("response {}", http::clean_token(&media))),
                _ => None,
            })
        }
        "response" | "resource" | "conversion" => text_kind(&ty, fields).err(),
        "" => Some("record without warc-type".to_owned()),
        other => Some(http::clean_token(other)),
    }
}

fn status_reason(status: u16) -> Option<String> {
    (!(200..300).contains(&status)).then(|| format!("response status {status}"))
}

/// A `response` record with an HTTP message in its block.
fn response(block: &mut Vec<u8>, cap: u64) -> Outcome {
    let head = match http::parse_head(block) {
        Ok(head) => head,
        Err(why) => return Outcome::Bad(format!("{why}; skipped")),
    };
    if let Some(reason) = status_reason(head.status) {
        return Outcome::NotDoc(reason);
    }
    let ct = head
        .content_type
        .as_deref()
        .map(http::parse_content_type)
        .unwrap_or_default();
    let kind = http::kind_of(&ct.media);
    let label = if ct.media.is_empty() {
        "without content-type".to_owned()
    } else {
        http::clean_token(&ct.media)
    };
    if kind == Kind::Other {
        return Outcome::NotDoc(format!("response {label}"));
    }
    if head.body_start >= block.len() {
        return Outcome::NotDoc(format!("empty response {label}"));
    }
    let mut warnings = Vec::new();
    let mut body = block.split_off(head.body_start);
    let chunked = head
        .transfer_encoding
        .as_deref()
        .is_some_and(|te| te.to_ascii_lowercase().contains("chunked"));
    if chunked && let Some(d) = http::dechunk(&body) {
        body = d.body;
        warnings.extend(d.warning);
    }
    if let Some(ce) = head.content_encoding.as_deref() {
        let codings = match http::codings(ce) {
            Ok(c) => c,
            Err(name) => {
                return Outcome::Bad(format!("content-encoding {name} is not supported; skipped"));
            }
        };
        for coding in codings.into_iter().rev() {
            match http::inflate(coding, body, cap) {
                Inflated::Done(out, warning) => {
                    body = out;
                    warnings.extend(warning);
                }
                Inflated::Failed(why) => return Outcome::Bad(format!("{why}; skipped")),
            }
        }
    }
    if body.is_empty() {
        return Outcome::NotDoc(format!("empty response {label}"));
    }
    let charset = ct.charset;
    match kind {
        Kind::Html => Outcome::Doc(Payload::Html { body, charset }, warnings),
        Kind::Text => Outcome::Doc(Payload::Text { body, charset }, warnings),
        _ if http::sniff_html(&body) => Outcome::Doc(Payload::Html { body, charset }, warnings),
        _ => Outcome::NotDoc("response without content-type, not html".to_owned()),
    }
}

/// Whether a `resource` or `conversion` record (or a `response` without
/// HTTP) holds text, by its URI and `Content-Type`; the reason otherwise.
fn text_kind(ty: &str, fields: &Fields) -> Result<(Kind, Option<String>), String> {
    if let Some(uri) = fields.get(TARGET_URI) {
        let uri = uri.trim().trim_start_matches('<').to_ascii_lowercase();
        for scheme in ["metadata:", "dns:"] {
            if uri.starts_with(scheme) {
                return Err(format!("{ty} with a {scheme} uri"));
            }
        }
    }
    let ct = fields
        .get(CONTENT_TYPE)
        .map(http::parse_content_type)
        .unwrap_or_default();
    match http::kind_of(&ct.media) {
        Kind::Html => Ok((Kind::Html, ct.charset)),
        Kind::Text | Kind::Unknown => Ok((Kind::Text, ct.charset)),
        Kind::Other => Err(format!("{ty} {}", http::clean_token(&ct.media))),
    }
}

fn text_record(ty: &str, fields: &Fields, block: &mut Vec<u8>) -> Outcome {
    let (kind, charset) = match text_kind(ty, fields) {
        Ok(k) => k,
        Err(reason) => return Outcome::NotDoc(reason),
    };
    if block.is_empty() {
        return Outcome::NotDoc(format!("empty {ty}"));
    }
    let body = mem::take(block);
    match kind {
        Kind::Html => Outcome::Doc(Payload::Html { body, charset }, Vec::new()),
        _ => Outcome::Doc(Payload::Text { body, charset }, Vec::new()),
    }
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = WarcEvent;

    fn next(&mut self) -> Option<WarcEvent> {
        loop {
            if let Some(event) = self.pending.pop_front() {
                return Some(event);
            }
            match self.state {
                State::Reading => match self.step() {
                    Ok(true) => {}
                    Ok(false) => self.state = State::Finishing,
                    Err(e) => {
                        let mut message = format!("read error after record {}: {e}", self.complete);
                        if self.records > self.complete {
                            message.push_str(&format!("; record {} is incomplete", self.records));
                        }
                        self.issue(0, message, true);
                        self.state = State::Finishing;
                    }
                },
                State::Finishing => {
                    if let Some(summary) = self.summary() {
                        self.pending.push_back(WarcEvent::Issue(summary));
                    }
                    self.state = State::Done;
                }
                State::Done => return None,
            }
        }
    }
}
