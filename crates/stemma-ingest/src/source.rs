//! Files: walking directories, choosing a format, dispatching to a reader.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use flate2::bufread::MultiGzDecoder;
use stemma_core::{Diagnostic, Document, Format};

use crate::decode::NotText;
use crate::{Config, html, jsonl, text, warc};

/// The format a file name announces, after any `.gz`.
pub fn format_from_name(name: &str) -> Option<Format> {
    let name = name.to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let ext = name.rsplit_once('.').map(|(_, e)| e)?;
    Some(match ext {
        "txt" | "text" | "md" | "markdown" => Format::Text,
        "html" | "htm" | "xhtml" | "shtml" => Format::Html,
        "jsonl" | "ndjson" => Format::Jsonl,
        "warc" | "arc" => Format::Warc,
        _ => return None,
    })
}

/// A format as diagnostics name it.
fn label(format: Format) -> &'static str {
    match format {
        Format::Text => "plain text",
        Format::Html => "HTML",
        Format::Jsonl => "JSON Lines",
        Format::Warc => "WARC",
    }
}

/// The format the first bytes of a (decompressed) file look like, if they
/// look like anything but plain text.
pub fn sniff(head: &[u8]) -> Option<Format> {
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    if head.starts_with(b"WARC/") {
        return Some(Format::Warc);
    }
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let trimmed = &head[start..];
    let lower: Vec<u8> = trimmed
        .iter()
        .take(512)
        .map(u8::to_ascii_lowercase)
        .collect();
    if lower.starts_with(b"<!doctype html")
        || lower.starts_with(b"<html")
        || (lower.starts_with(b"<!--") && contains(&lower, b"<html"))
        || (lower.starts_with(b"<?xml") && contains(&lower, b"<html"))
    {
        return Some(Format::Html);
    }
    if trimmed.starts_with(b"{") {
        let line = trimmed.split(|&b| b == b'\n').next().unwrap_or(trimmed);
        if serde_json::from_slice::<serde_json::Value>(line).is_ok_and(|v| v.is_object()) {
            return Some(Format::Jsonl);
        }
    }
    None
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(hay, needle).is_some()
}

/// A file to read, with the id its documents start from.
#[derive(Debug, Clone)]
pub(crate) struct FileJob {
    pub path: PathBuf,
    /// The path as the user would write it.
    pub source: String,
    /// The path relative to the argument, without extension, `/`-separated.
    pub id: String,
}

#[derive(Debug, Clone)]
pub(crate) enum Job {
    Stdin,
    File(FileJob),
}

/// Where a job's documents go as they are read, in batches of at most
/// [`STREAM_BATCH`], in order, when they are not kept.
pub(crate) type Sink<'s> = &'s (dyn Fn(Vec<Document>) + Sync);

/// Documents a streaming job hands on at a time.
const STREAM_BATCH: usize = 256;

/// What one job produced.
#[derive(Default)]
pub(crate) struct Output<'s> {
    /// Kept, or on their way to the sink.
    pub documents: Vec<Document>,
    pub diagnostics: Vec<Diagnostic>,
    sink: Option<Sink<'s>>,
}

impl<'s> Output<'s> {
    pub fn new(sink: Option<Sink<'s>>) -> Output<'s> {
        Output {
            sink,
            ..Output::default()
        }
    }

    pub fn error(&mut self, source: impl Into<String>, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic::error(source, message));
    }

    pub fn push(&mut self, doc: Document) {
        self.documents.push(doc);
        if self.documents.len() >= STREAM_BATCH {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if let Some(sink) = self.sink
            && !self.documents.is_empty()
        {
            sink(std::mem::take(&mut self.documents));
        }
    }

    /// The documents kept (none with a sink: the rest have gone to it)
    /// and the diagnostics.
    pub fn finish(mut self) -> (Vec<Document>, Vec<Diagnostic>) {
        self.flush();
        (self.documents, self.diagnostics)
    }
}

/// Adds the files under `path` (itself, if it is a file) to `jobs`, in
/// sorted order, skipping hidden entries below the argument.
pub(crate) fn walk(path: &Path, jobs: &mut Vec<Job>, diagnostics: &mut Vec<Diagnostic>) {
    let shown = path.display().to_string();
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            diagnostics.push(Diagnostic::error(shown, io_message(&e)));
            return;
        }
    };
    if meta.is_file() {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| shown.clone());
        jobs.push(Job::File(FileJob {
            path: path.to_path_buf(),
            source: shown,
            id: strip_extension(&name),
        }));
        return;
    }
    if !meta.is_dir() {
        diagnostics.push(Diagnostic::error(shown, "not a regular file or directory"));
        return;
    }
    let walker = walkdir::WalkDir::new(path)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let at = e
                    .path()
                    .map_or_else(|| shown.clone(), |p| p.display().to_string());
                let message = match e.io_error() {
                    Some(io) => io_message(io),
                    None => e.to_string(),
                };
                diagnostics.push(Diagnostic::error(at, message));
                continue;
            }
        };
        if entry.file_type().is_dir() {
            continue;
        }
        let file = entry.path();
        let rel = file.strip_prefix(path).unwrap_or(file);
        let rel: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let rel = rel.join("/");
        jobs.push(Job::File(FileJob {
            path: file.to_path_buf(),
            source: file.display().to_string(),
            id: strip_extension(&rel),
        }));
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// `a/b.txt.gz` → `a/b`; `a/b` → `a/b`; `a/.x` → `a/.x`.
pub(crate) fn strip_extension(rel: &str) -> String {
    let (dir, name) = match rel.rsplit_once('/') {
        Some((d, n)) => (Some(d), n),
        None => (None, rel),
    };
    let lower = name.to_ascii_lowercase();
    let mut stem = if lower.ends_with(".gz") && name.len() > 3 {
        &name[..name.len() - 3]
    } else {
        name
    };
    if let Some(dot) = stem.rfind('.')
        && dot > 0
    {
        stem = &stem[..dot];
    }
    match dir {
        Some(d) => format!("{d}/{stem}"),
        None => stem.to_owned(),
    }
}

/// An I/O error in the words a user expects, lowercase.
pub(crate) fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "no such file or directory".to_owned(),
        ErrorKind::PermissionDenied => "permission denied".to_owned(),
        ErrorKind::IsADirectory => "is a directory".to_owned(),
        _ => {
            let s = e.to_string();
            // Drop the " (os error 5)" suffix std adds.
            let s = s.split(" (os error").next().unwrap_or(&s).to_owned();
            lowercase_first(&s)
        }
    }
}

fn lowercase_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A byte count for people: `512 bytes`, `3.2 KiB`, `200.0 MiB`.
pub(crate) fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if n < 1024 {
        return format!("{n} bytes");
    }
    let mut v = n as f64 / 1024.0;
    let mut unit = 0;
    while v >= 1024.0 && unit < UNITS.len() - 1 {
        v /= 1024.0;
        unit += 1;
    }
    format!("{v:.1} {}", UNITS[unit])
}

const GZIP_MAGIC: &[u8] = b"\x1f\x8b";

/// Reads one file: every document in it and a diagnostic for every part
/// that could not be read.
pub(crate) fn read_file<'s>(job: &FileJob, config: &Config, sink: Option<Sink<'s>>) -> Output<'s> {
    let file = match File::open(&job.path) {
        Ok(f) => f,
        Err(e) => {
            let mut out = Output::new(sink);
            out.error(&job.source, io_message(&e));
            return out;
        }
    };
    let size = file.metadata().map(|m| m.len()).ok();
    read_stream(
        BufReader::with_capacity(64 << 10, file),
        &job.source,
        &job.id,
        size,
        config,
        sink,
    )
}

/// Reads the documents in one stream of bytes named `source`, whose
/// documents are named from `id`; `size` is its length when known.
pub(crate) fn read_stream<'s>(
    mut raw: impl BufRead,
    source: &str,
    id: &str,
    size: Option<u64>,
    config: &Config,
    sink: Option<Sink<'s>>,
) -> Output<'s> {
    let mut out = Output::new(sink);
    let gzip = match raw.fill_buf() {
        Ok(head) => head.starts_with(GZIP_MAGIC),
        Err(e) => {
            out.error(source, io_message(&e));
            return out;
        }
    };
    let mut reader: Box<dyn BufRead + '_> = if gzip {
        Box::new(BufReader::with_capacity(64 << 10, MultiGzDecoder::new(raw)))
    } else {
        Box::new(raw)
    };
    let head = match reader.fill_buf() {
        Ok(h) => h.to_vec(),
        Err(e) => {
            out.error(source, read_error(&e, gzip, 0));
            return out;
        }
    };
    if head.is_empty() {
        out.error(source, NotText::Empty.message() + "; skipped");
        return out;
    }
    let format = choose_format(format_from_name(source), sniff(&head), source, &mut out);
    match format {
        Format::Jsonl => jsonl::read(reader, source, id, config, gzip, &mut out),
        Format::Warc => read_warc(reader, source, id, config, &mut out),
        Format::Text | Format::Html => {
            let limit = config.max_document_bytes;
            if let Some(size) = size.filter(|&n| !gzip && n > limit) {
                out.error(source, too_large(size, limit));
                return out;
            }
            let mut bytes = Vec::new();
            let result = reader.take(limit.saturating_add(1)).read_to_end(&mut bytes);
            if bytes.len() as u64 > limit {
                out.error(
                    source,
                    format!(
                        "content is over the {} document limit (--max-document-size); skipped",
                        human_bytes(limit)
                    ),
                );
                return out;
            }
            if let Err(e) = result {
                let message = read_error(&e, gzip, bytes.len() as u64);
                if bytes.is_empty() {
                    out.error(source, message);
                    return out;
                }
                out.error(
                    source,
                    format!(
                        "{message}; kept the {} read before the fault",
                        human_bytes(bytes.len() as u64)
                    ),
                );
            }
            let doc = if format == Format::Html {
                html_document(&bytes, None, source, id, &mut out)
            } else {
                text::document(&bytes, source, id, &mut out)
            };
            if let Some(doc) = doc {
                out.push(doc);
            }
        }
    }
    out
}

fn choose_format(
    named: Option<Format>,
    sniffed: Option<Format>,
    source: &str,
    out: &mut Output<'_>,
) -> Format {
    match (named, sniffed) {
        (None, s) => s.unwrap_or(Format::Text),
        (Some(n), None) => n,
        (Some(n), Some(s)) if n == s => n,
        // An HTML page that starts with JSON or a stray "WARC/" is still
        // a page; plain text with an HTML start is HTML.
        (Some(Format::Html), Some(_)) => Format::Html,
        (Some(Format::Text), Some(Format::Jsonl)) => Format::Text,
        (Some(n), Some(s)) => {
            out.diagnostics.push(Diagnostic::warning(
                source,
                format!(
                    "content looks like {} despite the name suggesting {}; read as {}",
                    label(s),
                    label(n),
                    label(s)
                ),
            ));
            s
        }
    }
}

pub(crate) fn too_large(size: u64, limit: u64) -> String {
    format!(
        "document is {}, over the {} document limit (--max-document-size); skipped",
        human_bytes(size),
        human_bytes(limit)
    )
}

/// A read error, said as a truncated gzip stream when it is one.
pub(crate) fn read_error(e: &std::io::Error, gzip: bool, after: u64) -> String {
    use std::io::ErrorKind;
    if gzip
        && matches!(
            e.kind(),
            ErrorKind::UnexpectedEof | ErrorKind::InvalidInput | ErrorKind::InvalidData
        )
    {
        format!(
            "truncated or corrupt gzip stream after {} of content ({})",
            human_bytes(after),
            io_message(e)
        )
    } else {
        format!("read error after {}: {}", human_bytes(after), io_message(e))
    }
}

/// A document from an HTML page; `None` (with a diagnostic) when the page
/// has no visible text.
pub(crate) fn html_document(
    bytes: &[u8],
    http_charset: Option<&str>,
    source: &str,
    id: &str,
    out: &mut Output<'_>,
) -> Option<Document> {
    if let Some(not_text) = crate::decode::sniff_binary(bytes) {
        out.error(source, not_text.message() + "; skipped");
        return None;
    }
    let page = html::parse(bytes, http_charset);
    if let Err(e) = crate::decode::check_content(&page.text) {
        let what = if bytes.iter().all(u8::is_ascii_whitespace) {
            e.message()
        } else {
            "page has no visible text".to_owned()
        };
        out.error(source, what + "; skipped");
        return None;
    }
    let mut meta = page.meta;
    if meta.outlet.is_none() {
        meta.outlet = meta.url.as_deref().and_then(host_of);
    }
    let diagnostics = page
        .warnings
        .into_iter()
        .map(|w| Diagnostic::warning(source, w))
        .collect::<Vec<_>>();
    out.diagnostics.extend(diagnostics.iter().cloned());
    Some(Document {
        id: stemma_core::DocId::new(id),
        source: source.to_owned(),
        format: Format::Html,
        text: page.text,
        html: Some(page.html),
        meta,
        boilerplate: page.boilerplate,
        diagnostics,
    })
}

/// The host of an absolute http(s) URL, without `www.`.
pub(crate) fn host_of(url: &str) -> Option<String> {
    let rest = url
        .trim()
        .strip_prefix("https://")
        .or_else(|| url.trim().strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?;
    let host = host.split(':').next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    (!host.is_empty()).then(|| host.to_owned())
}

fn read_warc(
    reader: impl BufRead,
    file: &str,
    file_id: &str,
    config: &Config,
    out: &mut Output<'_>,
) {
    for event in warc::WarcReader::new(reader, config.max_document_bytes) {
        match event {
            warc::WarcEvent::Issue(mut issue) => {
                let at = if issue.record == 0 {
                    file.to_owned()
                } else {
                    // The source names the record; the message need not.
                    let prefix = format!("record {}: ", issue.record);
                    if let Some(rest) = issue.message.strip_prefix(&prefix) {
                        issue.message = rest.to_owned();
                    }
                    format!("{file}#{}", issue.record)
                };
                out.diagnostics.push(if issue.skipped {
                    Diagnostic::error(at, issue.message)
                } else {
                    Diagnostic::warning(at, issue.message)
                });
            }
            warc::WarcEvent::Doc(doc) => {
                let source = format!("{file}#{}", doc.record);
                let id = doc
                    .record_id
                    .clone()
                    .unwrap_or_else(|| format!("{file_id}#{}", doc.record));
                let mut document = match &doc.payload {
                    warc::Payload::Html { body, charset } => {
                        html_document(body, charset.as_deref(), &source, &id, out)
                    }
                    warc::Payload::Text { body, charset } => {
                        text::document_with_charset(body, charset.as_deref(), &source, &id, out)
                    }
                };
                if let Some(d) = document.as_mut() {
                    d.format = Format::Warc;
                    if let Some(uri) = &doc.target_uri {
                        // A relative canonical link says less than the
                        // address the crawler fetched.
                        if d.meta.url.as_deref().is_none_or(|u| host_of(u).is_none()) {
                            d.meta.url = Some(uri.clone());
                        }
                        if d.meta.outlet.is_none() {
                            d.meta.outlet = host_of(uri);
                        }
                    }
                    if d.meta.published.is_none() {
                        d.meta.published =
                            doc.date.as_deref().and_then(stemma_core::Published::parse);
                    }
                }
                if let Some(document) = document {
                    out.push(document);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(strip_extension("a/b.txt.gz"), "a/b");
        assert_eq!(strip_extension("001_article.txt"), "001_article");
        assert_eq!(strip_extension("noext"), "noext");
        assert_eq!(strip_extension("dir.v2/noext"), "dir.v2/noext");
        assert_eq!(format_from_name("x/A.HTML.GZ"), Some(Format::Html));
        assert_eq!(format_from_name("x.ndjson"), Some(Format::Jsonl));
        assert_eq!(format_from_name("x.warc.gz"), Some(Format::Warc));
        assert_eq!(format_from_name("x.dat"), None);
        assert_eq!(
            host_of("https://www.Example.com:8080/a?b"),
            Some("example.com".into())
        );
        assert_eq!(host_of("ftp://x"), None);
        assert_eq!(human_bytes(200 << 20), "200.0 MiB");
    }

    #[test]
    fn sniffing() {
        assert_eq!(sniff(b"WARC/1.1\r\n"), Some(Format::Warc));
        assert_eq!(sniff(b"  <!DOCTYPE html><html>"), Some(Format::Html));
        assert_eq!(sniff(b"{\"text\": \"a\"}\n{"), Some(Format::Jsonl));
        assert_eq!(sniff(b"{not json"), None);
        assert_eq!(sniff(b"Plain words"), None);
    }
}
