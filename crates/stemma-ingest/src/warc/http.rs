//! HTTP responses inside WARC `response` records: the status line and
//! headers, chunked transfer coding, gzip and deflate content codings, and
//! the media type and charset of `Content-Type`.

use std::io::Read;

use flate2::bufread::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};

/// The head of an HTTP response: what stemma needs of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Head {
    pub status: u16,
    pub content_type: Option<String>,
    pub content_encoding: Option<String>,
    pub transfer_encoding: Option<String>,
    /// Offset of the body in the block.
    pub body_start: usize,
}

/// Splits `bytes` at its first line: the line without `\r\n` or `\n`, and
/// the offset after it.
fn first_line(bytes: &[u8]) -> (&[u8], usize) {
    match memchr::memchr(b'\n', bytes) {
        Some(i) => (strip_cr(&bytes[..i]), i + 1),
        None => (strip_cr(bytes), bytes.len()),
    }
}

fn strip_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// A short, printable rendition of some bytes for messages.
pub(super) fn preview(bytes: &[u8], max_chars: usize) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut out: String = text.chars().take(max_chars).collect();
    if text.chars().nth(max_chars).is_some() {
        out.push('…');
    }
    out
}

/// Parses `HTTP/1.1 200 OK` and the headers after it. A head without the
/// blank line that ends it takes the whole block (the body is empty).
pub(super) fn parse_head(block: &[u8]) -> Result<Head, String> {
    let mut start = 0;
    // Interim `100 Continue` heads come before the final one.
    for _ in 0..4 {
        let head = parse_one_head(block, start)?;
        if !(100..200).contains(&head.status) || head.body_start >= block.len() {
            return Ok(head);
        }
        start = head.body_start;
    }
    parse_one_head(block, start)
}

fn parse_one_head(block: &[u8], from: usize) -> Result<Head, String> {
    let start = block[from..]
        .iter()
        .position(|&b| b != b'\r' && b != b'\n')
        .map_or(block.len(), |p| from + p);
    let (line, len) = first_line(&block[start..]);
    let status = parse_status(line)
        .ok_or_else(|| format!("http status line {:?} is not valid", preview(line, 60)))?;
    let mut head = Head {
        status,
        content_type: None,
        content_encoding: None,
        transfer_encoding: None,
        body_start: block.len(),
    };
    let mut pos = start + len;
    // Which kept header the previous line set, for folded continuations.
    let mut last: Option<u8> = None;
    while pos < block.len() {
        let (line, len) = first_line(&block[pos..]);
        pos += len;
        if line.is_empty() {
            head.body_start = pos;
            break;
        }
        if line[0] == b' ' || line[0] == b'\t' {
            let field = match last {
                Some(0) => &mut head.content_type,
                Some(1) => &mut head.content_encoding,
                Some(2) => &mut head.transfer_encoding,
                _ => continue,
            };
            if let Some(v) = field {
                v.push(' ');
                v.push_str(String::from_utf8_lossy(line).trim());
            }
            continue;
        }
        last = None;
        let Some(colon) = memchr::memchr(b':', line) else {
            continue;
        };
        let name = line[..colon].trim_ascii();
        let (which, field) = if name.eq_ignore_ascii_case(b"content-type") {
            (0, &mut head.content_type)
        } else if name.eq_ignore_ascii_case(b"content-encoding") {
            (1, &mut head.content_encoding)
        } else if name.eq_ignore_ascii_case(b"transfer-encoding") {
            (2, &mut head.transfer_encoding)
        } else {
            continue;
        };
        if field.is_none() {
            *field = Some(
                String::from_utf8_lossy(&line[colon + 1..])
                    .trim()
                    .to_owned(),
            );
            last = Some(which);
        }
    }
    Ok(head)
}

/// `HTTP/1.1 200 OK`, `HTTP/2 404`, `http/1.0 301 Moved`: the status code.
fn parse_status(line: &[u8]) -> Option<u16> {
    if line.len() < 5 || !line[..5].eq_ignore_ascii_case(b"HTTP/") {
        return None;
    }
    let rest = &line[5..];
    let version_end = rest.iter().position(|&b| b == b' ' || b == b'\t')?;
    let rest = rest[version_end..].trim_ascii_start();
    let code = rest.get(..3)?;
    if !code.iter().all(u8::is_ascii_digit) {
        return None;
    }
    if rest.len() > 3 && !matches!(rest[3], b' ' | b'\t') {
        return None;
    }
    let code = code
        .iter()
        .fold(0u16, |acc, &d| acc * 10 + u16::from(d - b'0'));
    Some(code)
}

/// A parsed `Content-Type`: the media type, lowercase, and the charset
/// parameter as written (trimmed, unquoted).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct ContentType {
    pub media: String,
    pub charset: Option<String>,
}

pub(super) fn parse_content_type(value: &str) -> ContentType {
    let mut parts = value.split(';');
    let media = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let mut charset = None;
    for param in parts {
        let Some((name, v)) = param.split_once('=') else {
            continue;
        };
        if name.trim().eq_ignore_ascii_case("charset") {
            let v = v.trim().trim_matches(|c| c == '"' || c == '\'').trim();
            if !v.is_empty() && charset.is_none() {
                charset = Some(v.to_owned());
            }
        }
    }
    ContentType { media, charset }
}

/// A media type made safe to print and to count by: lowercase, only the
/// characters a media type has, at most 60 of them.
pub(super) fn clean_token(value: &str) -> String {
    let cleaned: String = value
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || "!#$&^_.+-/:".contains(*c))
        .take(60)
        .collect::<String>()
        .to_ascii_lowercase();
    if cleaned.is_empty() {
        "?".to_owned()
    } else {
        cleaned
    }
}

/// What stemma makes of a media type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Html,
    Text,
    /// No media type: the body decides.
    Unknown,
    /// Not a document.
    Other,
}

pub(super) fn kind_of(media: &str) -> Kind {
    match media {
        "text/html" | "application/xhtml+xml" => Kind::Html,
        "text/plain" => Kind::Text,
        "" => Kind::Unknown,
        _ => Kind::Other,
    }
}

/// A dechunked body, and a caveat when the chunks were broken.
pub(super) struct Dechunked {
    pub body: Vec<u8>,
    pub warning: Option<String>,
}

/// Undoes `Transfer-Encoding: chunked`. `None` when the body does not
/// start with a well-formed chunk: it was stored already dechunked (some
/// crawlers keep the header), and is read as is. A fault after the first
/// chunk keeps the chunks before it, with a warning.
pub(super) fn dechunk(body: &[u8]) -> Option<Dechunked> {
    let mut out = Vec::with_capacity(body.len());
    let mut pos = 0usize;
    let mut first = true;
    let mut warning = None;
    while pos < body.len() {
        let (line, len) = first_line(&body[pos..]);
        if line.trim_ascii().is_empty() && len > 0 && !first {
            pos += len;
            continue;
        }
        let size_text = line
            .split(|&b| b == b';')
            .next()
            .unwrap_or(b"")
            .trim_ascii();
        let Some(size) = parse_hex(size_text) else {
            if first {
                return None;
            }
            warning = Some(format!(
                "bad chunk size {:?} at byte {pos} of the http body; kept the first {} bytes",
                preview(size_text, 20),
                out.len()
            ));
            break;
        };
        let data = pos + len;
        if size == 0 {
            break;
        }
        let left = body.len() - data;
        if size > left as u64 {
            if first {
                return None;
            }
            out.extend_from_slice(&body[data..]);
            warning = Some(format!(
                "chunk of {size} bytes at byte {pos} of the http body runs past its end ({left} bytes left)"
            ));
            break;
        }
        // `size <= left`, so it fits a usize.
        let end = data + size as usize;
        let rest = &body[end..];
        let after = if rest.starts_with(b"\r\n") {
            2
        } else if rest.starts_with(b"\n") {
            1
        } else if rest.is_empty() {
            0
        } else if first {
            return None;
        } else {
            0
        };
        out.extend_from_slice(&body[data..end]);
        pos = end + after;
        first = false;
    }
    if first {
        return None;
    }
    Some(Dechunked { body: out, warning })
}

fn parse_hex(text: &[u8]) -> Option<u64> {
    if text.is_empty() || text.len() > 15 {
        return None;
    }
    let mut v = 0u64;
    for &b in text {
        let d = (b as char).to_digit(16)?;
        v = v * 16 + u64::from(d);
    }
    Some(v)
}

/// A content coding stemma can undo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Coding {
    Gzip,
    Deflate,
}

/// The codings of `Content-Encoding`, in the order they were applied, or
/// the first one that cannot be undone.
pub(super) fn codings(value: &str) -> Result<Vec<Coding>, String> {
    let mut out = Vec::new();
    for token in value.split(',') {
        let token = token.trim().to_ascii_lowercase();
        match token.as_str() {
            "" | "identity" | "none" => {}
            "gzip" | "x-gzip" => out.push(Coding::Gzip),
            "deflate" => out.push(Coding::Deflate),
            _ => return Err(clean_token(&token)),
        }
    }
    Ok(out)
}

/// What undoing a content coding gave.
pub(super) enum Inflated {
    /// The decoded bytes (the input as is when it was not encoded after
    /// all: no gzip signature), and a caveat.
    Done(Vec<u8>, Option<String>),
    /// Nothing usable; the message says why.
    Failed(String),
}

/// Undoes one content coding, producing at most `cap` bytes.
pub(super) fn inflate(coding: Coding, data: Vec<u8>, cap: u64) -> Inflated {
    let name = match coding {
        Coding::Gzip => "gzip",
        Coding::Deflate => "deflate",
    };
    let limit = cap.saturating_add(1);
    let mut out = Vec::new();
    let result = match coding {
        Coding::Gzip => {
            if !data.starts_with(b"\x1f\x8b") {
                // Declared but not applied (or already undone by the
                // crawler): the bytes are the body.
                return Inflated::Done(data, None);
            }
            MultiGzDecoder::new(&data[..])
                .take(limit)
                .read_to_end(&mut out)
        }
        Coding::Deflate => {
            let zlib = data.len() >= 2
                && data[0] & 0x0f == 8
                && (u16::from(data[0]) << 8 | u16::from(data[1])) % 31 == 0;
            if zlib {
                ZlibDecoder::new(&data[..])
                    .take(limit)
                    .read_to_end(&mut out)
            } else {
                DeflateDecoder::new(&data[..])
                    .take(limit)
                    .read_to_end(&mut out)
            }
        }
    };
    if out.len() as u64 > cap {
        return Inflated::Failed(format!(
            "{name} body inflates past the limit of {cap} bytes"
        ));
    }
    match result {
        Ok(_) => Inflated::Done(out, None),
        Err(e) if !out.is_empty() => {
            let warning = format!(
                "{name} body of {} bytes is broken after {} decoded bytes ({e}); kept those",
                data.len(),
                out.len()
            );
            Inflated::Done(out, Some(warning))
        }
        Err(e) => Inflated::Failed(format!(
            "cannot decode {name} body of {} bytes: {e}",
            data.len()
        )),
    }
}

/// Whether a body with no media type is HTML: after a byte order mark and
/// white space, one of the tags of the WHATWG MIME sniffing table.
pub(super) fn sniff_html(body: &[u8]) -> bool {
    const TAGS: &[&[u8]] = &[
        b"<!doctype html",
        b"<html",
        b"<head",
        b"<script",
        b"<iframe",
        b"<h1",
        b"<div",
        b"<font",
        b"<table",
        b"<a",
        b"<style",
        b"<title",
        b"<b",
        b"<body",
        b"<br",
        b"<p",
        b"<!--",
    ];
    let body = body.strip_prefix(b"\xef\xbb\xbf").unwrap_or(body);
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    let head = &body[start..];
    TAGS.iter().any(|tag| {
        head.len() > tag.len()
            && head[..tag.len()].eq_ignore_ascii_case(tag)
            && (matches!(head[tag.len()], b' ' | b'>') || *tag == b"<!--")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warc_http_head() {
        let block =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html;\r\n charset=utf-8\r\nX: y\r\n\r\nbody";
        let head = parse_head(block).expect("valid head");
        assert_eq!(head.status, 200);
        assert_eq!(
            head.content_type.as_deref(),
            Some("text/html; charset=utf-8")
        );
        assert_eq!(&block[head.body_start..], b"body");
        assert_eq!(parse_head(b"HTTP/2 404\n\n").map(|h| h.status), Ok(404));
        assert!(parse_head(b"<html>").is_err());
        assert!(parse_head(b"HTTP/1.1 2000 OK\r\n\r\n").is_err());
        assert!(parse_head(b"").is_err());
        let interim = parse_head(b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n\r\nx");
        assert_eq!(interim.map(|h| (h.status, h.body_start)), Ok((200, 44)));
    }

    #[test]
    fn warc_http_content_type() {
        let ct = parse_content_type("Text/HTML; Charset=\"ISO-8859-1\"");
        assert_eq!(ct.media, "text/html");
        assert_eq!(ct.charset.as_deref(), Some("ISO-8859-1"));
        assert_eq!(parse_content_type("").media, "");
    }

    #[test]
    fn warc_http_dechunk() {
        let ok = dechunk(b"4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n").expect("chunked");
        assert_eq!(ok.body, b"Wikipedia");
        assert_eq!(ok.warning, None);
        assert!(dechunk(b"<html>").is_none());
        let bad = dechunk(b"4\r\nWiki\r\nzz\r\nmore").expect("chunked");
        assert_eq!(bad.body, b"Wiki");
        assert_eq!(
            bad.warning.as_deref(),
            Some("bad chunk size \"zz\" at byte 9 of the http body; kept the first 4 bytes")
        );
        let cut = dechunk(b"4\r\nWiki\r\nff\r\nmore").expect("chunked");
        assert_eq!(cut.body, b"Wikimore");
        assert!(cut.warning.is_some());
    }

    #[test]
    fn warc_http_sniff() {
        assert!(sniff_html(b"\xef\xbb\xbf  <!DOCTYPE html><p>x"));
        assert!(sniff_html(b"<p>x"));
        assert!(!sniff_html(b"<pre>x"));
        assert!(!sniff_html(b"{\"a\": 1}"));
    }
}
