//! JSON Lines: one article per line.
//!
//! Schema (unknown fields are ignored):
//! `{"text" | "html": string, "id"?: string | number, "url"?: string,
//!   "title"?: string, "outlet"?: string, "published"?: string}`.

use std::io::{self, BufRead};

use serde_json::{Map, Value};
use stemma_core::{Diagnostic, DocId, Published};

use crate::source::{Output, Sink, html_document, read_error, too_large};
use crate::{Config, text};

/// Reads JSON Lines from standard input (`-`).
pub(crate) fn read_stdin<'s>(
    stdin: &mut dyn BufRead,
    config: &Config,
    sink: Option<Sink<'s>>,
) -> Output<'s> {
    let mut out = Output::new(sink);
    read(stdin, "-", "stdin", config, false, &mut out);
    out
}

/// Reads every line of `reader`; documents are named `id` or
/// `{prefix}:{line}`, diagnostics `{source}:{line}`.
pub(crate) fn read(
    mut reader: impl BufRead,
    source: &str,
    prefix: &str,
    config: &Config,
    gzip: bool,
    out: &mut Output<'_>,
) {
    let mut line_no = 0u64;
    let mut buf = Vec::new();
    let mut offset = 0u64;
    loop {
        line_no += 1;
        let at = format!("{source}:{line_no}");
        match next_line(&mut reader, config.max_document_bytes, &mut buf) {
            Ok(None) => break,
            Ok(Some(Line::TooLong(len))) => {
                offset += len;
                out.error(at, too_large(len, config.max_document_bytes));
            }
            Ok(Some(Line::Complete(len))) => {
                offset += len;
                record(&buf, &at, prefix, line_no, out);
            }
            Err(e) => {
                out.error(
                    at,
                    read_error(&e, gzip, offset) + "; the rest of the file is skipped",
                );
                break;
            }
        }
    }
}

enum Line {
    /// The line is in the buffer; this many bytes were consumed.
    Complete(u64),
    /// The line was longer than the limit and was discarded.
    TooLong(u64),
}

/// Reads one line into `buf` (without its newline), never buffering more
/// than `limit` bytes of it.
fn next_line(reader: &mut impl BufRead, limit: u64, buf: &mut Vec<u8>) -> io::Result<Option<Line>> {
    buf.clear();
    let mut consumed = 0u64;
    let mut too_long = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            if consumed == 0 {
                return Ok(None);
            }
            break;
        }
        let (take, done) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        if !too_long {
            let body = if done {
                &chunk[..take - 1]
            } else {
                &chunk[..take]
            };
            if buf.len() as u64 + body.len() as u64 > limit {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(body);
            }
        }
        reader.consume(take);
        consumed += take as u64;
        if done {
            break;
        }
    }
    if too_long {
        return Ok(Some(Line::TooLong(consumed)));
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok(Some(Line::Complete(consumed)))
}

fn record(line: &[u8], at: &str, prefix: &str, line_no: u64, out: &mut Output<'_>) {
    let line = line.strip_prefix(b"\xef\xbb\xbf").unwrap_or(line);
    if line.iter().all(u8::is_ascii_whitespace) {
        return;
    }
    let mut warnings = Vec::new();
    let text = match std::str::from_utf8(line) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(e) => {
            warnings.push(format!(
                "invalid UTF-8 at byte {} of the line replaced with U+FFFD",
                e.valid_up_to()
            ));
            String::from_utf8_lossy(line)
        }
    };
    let value: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            out.error(
                at,
                format!("invalid JSON at column {}: {}", e.column(), json_reason(&e)),
            );
            return;
        }
    };
    let Value::Object(mut obj) = value else {
        out.error(
            at,
            format!("expected a JSON object, found {}", kind(&value)),
        );
        return;
    };
    // Taken out of the object: nothing after reads them there.
    let mut field = |name: &str, out: &mut Output<'_>| -> Result<Option<String>, ()> {
        match obj.remove(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => {
                out.error(
                    at,
                    format!("field {name:?} must be a string, found {}", kind(&other)),
                );
                Err(())
            }
        }
    };
    let (Ok(body_text), Ok(body_html)) = (field("text", out), field("html", out)) else {
        return;
    };
    let id = match obj.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_owned(),
        Some(Value::Number(n)) => n.to_string(),
        _ => format!("{prefix}:{line_no}"),
    };
    let doc = match (body_text, body_html) {
        (None, None) => {
            out.error(at, "no \"text\" or \"html\" field; skipped");
            return;
        }
        (Some(t), html) => {
            let Some(mut doc) = text::document_from_string(t, at, &id, out) else {
                return;
            };
            doc.format = stemma_core::Format::Jsonl;
            if let Some(h) = html {
                let mut scratch = Output::default();
                if let Some(page) =
                    html_document(h.as_bytes(), Some("utf-8"), at, &id, &mut scratch)
                {
                    doc.meta.title = page.meta.title.or(doc.meta.title);
                    doc.meta.outlet = page.meta.outlet;
                    doc.meta.published = page.meta.published;
                    doc.meta.url = page.meta.url;
                    doc.html = page.html;
                }
            }
            Some(doc)
        }
        (None, Some(h)) => html_document(h.as_bytes(), Some("utf-8"), at, &id, out).map(|mut d| {
            d.format = stemma_core::Format::Jsonl;
            d
        }),
    };
    let Some(mut doc) = doc else { return };
    apply_metadata(&obj, &mut doc, at, &mut warnings, out);
    for w in warnings {
        let d = Diagnostic::warning(at, w);
        doc.diagnostics.push(d.clone());
        out.diagnostics.push(d);
    }
    doc.id = DocId::new(id);
    out.push(doc);
}

fn apply_metadata(
    obj: &Map<String, Value>,
    doc: &mut stemma_core::Document,
    at: &str,
    warnings: &mut Vec<String>,
    out: &mut Output<'_>,
) {
    let string = |name: &str| -> Option<String> {
        match obj.get(name) {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
            _ => None,
        }
    };
    for name in ["url", "title", "outlet", "published"] {
        if let Some(v) = obj.get(name)
            && !matches!(v, Value::String(_) | Value::Null)
        {
            out.diagnostics.push(Diagnostic::warning(
                at,
                format!(
                    "field {name:?} must be a string, found {}; ignored",
                    kind(v)
                ),
            ));
        }
    }
    if let Some(url) = string("url") {
        if doc.meta.outlet.is_none() {
            doc.meta.outlet = crate::source::host_of(&url);
        }
        doc.meta.url = Some(url);
    }
    if let Some(title) = string("title") {
        doc.meta.title = Some(title);
    }
    if let Some(outlet) = string("outlet") {
        doc.meta.outlet = Some(outlet);
    }
    if let Some(p) = string("published") {
        match Published::parse(&p) {
            Some(p) => doc.meta.published = Some(p),
            None => warnings.push(format!("unrecognised \"published\" value {p:?}; ignored")),
        }
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// serde_json's message without its " at line 1 column 7" tail.
fn json_reason(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_owned(),
        None => s,
    }
}
