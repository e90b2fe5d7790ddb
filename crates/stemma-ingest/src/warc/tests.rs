//! Tests of the WARC reader: records built in code, rendered as one line
//! per event and compared with the expected lines (`check`); the files in
//! `testdata/warc/` (`check_dir`); and properties over arbitrary bytes.

use std::fmt::Write as _;
use std::io::{self, BufReader, Read, Write};
use std::path::Path;

use flate2::Compression;
use flate2::bufread::MultiGzDecoder;
use flate2::write::GzEncoder;
use proptest::prelude::*;

use super::*;

const MAX: u64 = 1 << 20;

/// A WARC/1.1 record with CRLF line ends and the right `Content-Length`.
fn record(ty: &str, fields: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
    record_with(
        "WARC/1.1",
        "\r\n",
        ty,
        fields,
        Some(&block.len().to_string()),
        block,
    )
}

/// A record with everything chosen: version line, line end, the
/// `Content-Length` as written (or none).
fn record_with(
    version: &str,
    eol: &str,
    ty: &str,
    fields: &[(&str, &str)],
    length: Option<&str>,
    block: &[u8],
) -> Vec<u8> {
    let mut out = Vec::new();
    let _ = write!(out, "{version}{eol}WARC-Type: {ty}{eol}");
    for (name, value) in fields {
        let _ = write!(out, "{name}: {value}{eol}");
    }
    if let Some(length) = length {
        let _ = write!(out, "Content-Length: {length}{eol}");
    }
    let _ = write!(out, "{eol}");
    out.extend_from_slice(block);
    let _ = write!(out, "{eol}{eol}");
    out
}

/// An HTTP response: status line, headers, blank line, body.
fn http(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let _ = write!(out, "{status}\r\n");
    for (name, value) in headers {
        let _ = write!(out, "{name}: {value}\r\n");
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(body);
    out
}

fn html_response(uri: &str, body: &str) -> Vec<u8> {
    let block = http(
        "HTTP/1.1 200 OK",
        &[("Content-Type", "text/html; charset=utf-8")],
        body.as_bytes(),
    );
    record(
        "response",
        &[
            ("WARC-Target-URI", uri),
            ("Content-Type", "application/http; msgtype=response"),
        ],
        &block,
    )
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    let _ = enc.write_all(data);
    enc.finish().unwrap_or_default()
}

fn preview(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let cut: String = text.chars().take(50).collect();
    if cut.len() < text.len() {
        format!("{cut:?}…({} bytes)", bytes.len())
    } else {
        format!("{cut:?}")
    }
}

/// One line per event.
fn render(events: impl Iterator<Item = WarcEvent>) -> String {
    let mut out = String::new();
    for event in events {
        match event {
            WarcEvent::Doc(doc) => {
                let (kind, body, charset) = match &doc.payload {
                    Payload::Html { body, charset } => ("html", body, charset),
                    Payload::Text { body, charset } => ("text", body, charset),
                };
                let _ = write!(out, "doc #{} {kind}", doc.record);
                for (name, value) in [
                    ("charset", charset),
                    ("id", &doc.record_id),
                    ("uri", &doc.target_uri),
                    ("date", &doc.date),
                ] {
                    if let Some(v) = value {
                        let _ = write!(out, " {name}={v}");
                    }
                }
                let _ = writeln!(out, " {}", preview(body));
            }
            WarcEvent::Issue(issue) => {
                let level = if issue.skipped { "error" } else { "warning" };
                let _ = writeln!(out, "{level} #{}: {}", issue.record, issue.message);
            }
        }
    }
    out
}

fn run(input: &[u8], max: u64) -> String {
    render(WarcReader::new(input, max))
}

#[track_caller]
fn check(input: &[u8], expect: &str) {
    check_max(input, MAX, expect);
}

#[track_caller]
fn check_max(input: &[u8], max: u64, expect: &str) {
    let got = run(input, max);
    let want: String = expect
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(got, want, "\n--- got ---\n{got}--- want ---\n{want}");
}

fn cat(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

#[test]
fn warc_response_with_html() {
    let block = http(
        "HTTP/1.1 200 OK",
        &[
            ("Server", "nginx"),
            ("Content-Type", "text/html; charset=ISO-8859-1"),
        ],
        b"<html><p>caf\xe9</p></html>",
    );
    let input = record(
        "response",
        &[
            ("WARC-Record-ID", "<urn:uuid:0b7f5d5c-1>"),
            ("WARC-Target-URI", "https://example.com/a"),
            ("WARC-Date", "2024-03-01T10:00:00Z"),
            ("Content-Type", "application/http; msgtype=response"),
        ],
        &block,
    );
    check(
        &input,
        r#"doc #1 html charset=ISO-8859-1 id=urn:uuid:0b7f5d5c-1 uri=https://example.com/a date=2024-03-01T10:00:00Z "<html><p>caf�</p></html>""#,
    );
}

#[test]
fn warc_wget_style_target_uri_in_brackets_and_warc_1_0() {
    let block = http(
        "HTTP/1.0 200 OK",
        &[("Content-Type", "text/html")],
        b"<p>hi</p>",
    );
    let input = record_with(
        "WARC/1.0",
        "\r\n",
        "response",
        &[
            ("WARC-Target-URI", "<http://example.org/>"),
            ("Content-Type", "application/http;msgtype=response"),
        ],
        Some(&block.len().to_string()),
        &block,
    );
    check(&input, r#"doc #1 html uri=http://example.org/ "<p>hi</p>""#);
}

#[test]
fn warc_chunked_and_gzipped_response() {
    let page = b"<!doctype html><title>chunked</title><p>body</p>".repeat(20);
    let zipped = gzip(&page);
    let mut chunked = Vec::new();
    for piece in zipped.chunks(100) {
        let _ = write!(chunked, "{:x}\r\n", piece.len());
        chunked.extend_from_slice(piece);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let block = http(
        "HTTP/1.1 200 OK",
        &[
            ("Content-Type", "text/html"),
            ("Transfer-Encoding", "chunked"),
            ("Content-Encoding", "gzip"),
        ],
        &chunked,
    );
    let events: Vec<WarcEvent> =
        WarcReader::new(&record("response", &[], &block)[..], MAX).collect();
    match &events[..] {
        [
            WarcEvent::Doc(WarcDoc {
                payload:
                    Payload::Html {
                        body,
                        charset: None,
                    },
                ..
            }),
        ] => assert_eq!(body, &page),
        other => panic!("unexpected events {other:?}"),
    }
}

#[test]
fn warc_deflate_zlib_and_raw() {
    use flate2::write::{DeflateEncoder, ZlibEncoder};
    let mut z = ZlibEncoder::new(Vec::new(), Compression::default());
    let _ = z.write_all(b"<p>zlib</p>");
    let zlib = z.finish().unwrap_or_default();
    let mut d = DeflateEncoder::new(Vec::new(), Compression::default());
    let _ = d.write_all(b"<p>raw</p>");
    let raw = d.finish().unwrap_or_default();
    let headers = [
        ("Content-Type", "text/html"),
        ("Content-Encoding", "deflate"),
    ];
    let input = cat(&[
        &record("response", &[], &http("HTTP/1.1 200 OK", &headers, &zlib)),
        &record("response", &[], &http("HTTP/1.1 200 OK", &headers, &raw)),
    ]);
    check(
        &input,
        r#"doc #1 html "<p>zlib</p>"
                     doc #2 html "<p>raw</p>""#,
    );
}

#[test]
fn warc_content_encoding_problems() {
    let br = http(
        "HTTP/1.1 200 OK",
        &[("Content-Type", "text/html"), ("Content-Encoding", "br")],
        b"\x8b\x02\x80",
    );
    let bomb = http(
        "HTTP/1.1 200 OK",
        &[
            ("Content-Type", "text/html"),
            ("Content-Encoding", "x-gzip"),
        ],
        &gzip(&vec![b'a'; 5000]),
    );
    let broken = http(
        "HTTP/1.1 200 OK",
        &[("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
        b"\x1f\x8b\x08\x00garbage",
    );
    let mut cut = gzip(&b"<p>cut short</p>".repeat(100));
    cut.truncate(cut.len() - 12);
    let cut = http(
        "HTTP/1.1 200 OK",
        &[("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
        &cut,
    );
    let not_applied = http(
        "HTTP/1.1 200 OK",
        &[("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
        b"<p>plain after all</p>",
    );
    let br_image = http(
        "HTTP/1.1 200 OK",
        &[("Content-Type", "image/png"), ("Content-Encoding", "br")],
        b"\x8b",
    );
    let input = cat(&[
        &record("response", &[], &br),
        &record("response", &[], &bomb),
        &record("response", &[], &broken),
        &record("response", &[], &cut),
        &record("response", &[], &not_applied),
        &record("response", &[], &br_image),
    ]);
    check_max(
        &input,
        4096,
        r#"error #1: record 1: content-encoding br is not supported; skipped
           error #2: record 2: gzip body inflates past the limit of 4096 bytes; skipped
           error #3: record 3: cannot decode gzip body of 11 bytes: incomplete deflate stream; skipped
           warning #4: record 4: gzip body of 46 bytes is broken after 533 decoded bytes (incomplete deflate stream); kept those
           doc #4 html "<p>cut short</p><p>cut short</p><p>cut short</p><p"…(533 bytes)
           doc #5 html "<p>plain after all</p>"
           warning #0: skipped 1 record that is not a document: 1 response image/png"#,
    );
}

#[test]
fn warc_bad_chunk_size_keeps_what_came_before() {
    let block = http(
        "HTTP/1.1 200 OK",
        &[
            ("Content-Type", "text/html"),
            ("Transfer-Encoding", "chunked"),
        ],
        b"6\r\n<p>ok \r\nzz\r\nlost",
    );
    let stored_dechunked = http(
        "HTTP/1.1 200 OK",
        &[
            ("Content-Type", "text/html"),
            ("Transfer-Encoding", "chunked"),
        ],
        b"<p>stored dechunked</p>",
    );
    let input = cat(&[
        &record("response", &[], &block),
        &record("response", &[], &stored_dechunked),
    ]);
    check(
        &input,
        r#"warning #1: record 1: bad chunk size "zz" at byte 11 of the http body; kept the first 6 bytes
           doc #1 html "<p>ok "
           doc #2 html "<p>stored dechunked</p>""#,
    );
}

#[test]
fn warc_conversion_and_resource_records() {
    let input = cat(&[
        &record(
            "conversion",
            &[
                ("WARC-Target-URI", "http://news.example/story"),
                ("WARC-Refers-To", "<urn:uuid:abc>"),
                ("Content-Type", "text/plain"),
            ],
            "Plain text of a page.\nSecond line.".as_bytes(),
        ),
        &record(
            "resource",
            &[
                ("WARC-Target-URI", "file:///srv/page.html"),
                ("Content-Type", "text/html; charset=windows-1252"),
            ],
            b"<p>resource</p>",
        ),
        &record(
            "resource",
            &[("WARC-Target-URI", "file:///notes")],
            b"no type",
        ),
        &record(
            "resource",
            &[
                (
                    "WARC-Target-URI",
                    "metadata://gnu.org/software/wget/warc/wget.log",
                ),
                ("Content-Type", "text/plain"),
            ],
            b"--2024-01-01-- wget log",
        ),
        &record(
            "resource",
            &[("Content-Type", "application/pdf")],
            b"%PDF-1.4",
        ),
        &record("conversion", &[("Content-Type", "text/plain")], b""),
    ]);
    check(
        &input,
        r#"doc #1 text uri=http://news.example/story "Plain text of a page.\nSecond line."
           doc #2 html charset=windows-1252 uri=file:///srv/page.html "<p>resource</p>"
           doc #3 text uri=file:///notes "no type"
           warning #0: skipped 3 records that are not documents: 1 empty conversion, 1 resource application/pdf, 1 resource with a metadata: uri"#,
    );
}

#[test]
fn warc_records_that_are_not_documents_are_summarised() {
    let jpeg = http(
        "HTTP/1.1 200 OK",
        &[("Content-Type", "image/jpeg")],
        b"\xff\xd8\xff",
    );
    let not_found = http(
        "HTTP/1.1 404 Not Found",
        &[("Content-Type", "text/html")],
        b"<p>gone</p>",
    );
    let moved = http("HTTP/1.1 301 Moved Permanently", &[("Location", "/b")], b"");
    let json = http(
        "HTTP/1.1 200 OK",
        &[("Content-Type", "application/json")],
        b"{}",
    );
    let empty = http("HTTP/1.1 200 OK", &[("Content-Type", "text/html")], b"");
    let unknown = http("HTTP/1.1 200 OK", &[], b"just bytes");
    let sniffed = http("HTTP/1.1 200 OK", &[], b"\n<!DOCTYPE html><p>sniffed</p>");
    let input = cat(&[
        &record(
            "warcinfo",
            &[("Content-Type", "application/warc-fields")],
            b"software: x\r\n",
        ),
        &record("request", &[], b"GET / HTTP/1.1\r\nHost: a\r\n\r\n"),
        &record("response", &[], &jpeg),
        &record("request", &[], b"GET /b HTTP/1.1\r\n\r\n"),
        &record("response", &[], &not_found),
        &record("request", &[], b"GET /c HTTP/1.1\r\n\r\n"),
        &record("response", &[], &moved),
        &record("metadata", &[], b"fetchTimeMs: 12\r\n"),
        &record("revisit", &[], b"HTTP/1.1 200 OK\r\n\r\n"),
        &record("response", &[], &json),
        &record("response", &[], &empty),
        &record("response", &[], &unknown),
        &record("response", &[], &sniffed),
        &record("Continuation", &[], b"x"),
        &record_with("WARC/1.1", "\r\n", "", &[], Some("0"), b""),
        &record(
            "response",
            &[("Content-Type", "text/dns")],
            b"example.com. 300 IN A 1.2.3.4",
        ),
    ]);
    check(
        &input,
        r#"doc #13 html "\n<!DOCTYPE html><p>sniffed</p>"
           warning #0: skipped 15 records that are not documents: 3 request, 1 continuation, 1 empty response text/html, 1 metadata, 1 record without warc-type, 1 response application/json, 1 response image/jpeg, 1 response status 301, 1 response status 404, 1 response text/dns, and 3 more reasons (3 records)"#,
    );
}

#[test]
fn warc_summary_counts_are_bounded() {
    let mut input = Vec::new();
    for i in 0..(MAX_REASONS + 10) {
        input.extend(record(&format!("type{i:04}"), &[], b""));
    }
    let out = run(&input, MAX);
    assert!(
        out.ends_with(&format!(
            "and {} more reasons ({} records)\n",
            MAX_REASONS + 1 - LISTED_REASONS,
            MAX_REASONS + 10 - (LISTED_REASONS - 1) - 10
        )),
        "{out}"
    );
    assert!(
        out.starts_with(
            "warning #0: skipped 266 records that are not documents: 10 other, 1 type0000,"
        ),
        "{out}"
    );
}

#[test]
fn warc_bad_content_lengths() {
    let good = html_response("http://a/", "<p>a</p>");
    let input = cat(&[
        &record_with(
            "WARC/1.1",
            "\r\n",
            "conversion",
            &[],
            Some("twelve"),
            b"twelve bytes",
        ),
        &good,
        &record_with("WARC/1.1", "\r\n", "conversion", &[], Some("-4"), b"oops"),
        &good,
        &record_with("WARC/1.1", "\r\n", "conversion", &[], None, b"no length"),
        &good,
        &record_with(
            "WARC/1.1",
            "\r\n",
            "conversion",
            &[],
            Some("99999999999999999999999"),
            b"x",
        ),
        &good,
    ]);
    check(
        &input,
        r#"error #1: record 1: content-length "twelve" is not a number; skipped 16 bytes to the next record
           doc #2 html charset=utf-8 uri=http://a/ "<p>a</p>"
           error #3: record 3: content-length -4 is negative; skipped 8 bytes to the next record
           doc #4 html charset=utf-8 uri=http://a/ "<p>a</p>"
           error #5: record 5: no content-length; skipped 13 bytes to the next record
           doc #6 html charset=utf-8 uri=http://a/ "<p>a</p>"
           error #7: record 7: content-length 99999999999999999999999 is too large; skipped 5 bytes to the next record
           doc #8 html charset=utf-8 uri=http://a/ "<p>a</p>""#,
    );
}

#[test]
fn warc_content_length_too_long_finds_the_next_record_in_the_block() {
    let good = html_response("http://b/", "<p>b</p>");
    // Too long by a little: the block swallows the next record's start.
    let input = cat(&[
        &record_with(
            "WARC/1.1",
            "\r\n",
            "conversion",
            &[],
            Some("40"),
            b"short text",
        ),
        &good,
        &good,
    ]);
    check(
        &input,
        r#"error #1: record 1: content-length 40 runs into the next record, which starts 14 bytes into the block; skipped
           doc #2 html charset=utf-8 uri=http://b/ "<p>b</p>"
           doc #3 html charset=utf-8 uri=http://b/ "<p>b</p>""#,
    );
    // Too long by a lot: the block runs to the end of the file.
    let input = cat(&[
        &record_with(
            "WARC/1.1",
            "\r\n",
            "conversion",
            &[],
            Some("99999"),
            b"short text",
        ),
        &good,
    ]);
    check(
        &input,
        r#"error #1: record 1: content-length 99999 runs into the next record, which starts 14 bytes into the block; skipped
           doc #2 html charset=utf-8 uri=http://b/ "<p>b</p>""#,
    );
    // The last record: nothing after it to find.
    let input = record_with(
        "WARC/1.1",
        "\r\n",
        "conversion",
        &[],
        Some("99999"),
        b"short text",
    );
    check(
        &input,
        "error #1: record 1: content-length 99999 runs past the end of the file (14 bytes left)",
    );
}

#[test]
fn warc_nested_runaway_lengths_are_read_a_bounded_number_of_times() {
    // Every record claims to run to the end of the file and holds the next
    // one: rereading each tail would take quadratic time.
    let one = b"WARC/1.0\r\nWARC-Type: conversion\r\nContent-Length: 999999999\r\n\r\n";
    let input = one.repeat(30_000);
    let events: Vec<WarcEvent> = WarcReader::new(&input[..], 1 << 30).collect();
    assert!(events.len() < 100, "{} events", events.len());
    let last = match events.last() {
        Some(WarcEvent::Issue(issue)) => issue.message.clone(),
        other => format!("{other:?}"),
    };
    assert!(last.contains("runs past the end of the file"), "{last}");
}

#[test]
fn warc_content_length_too_short_resyncs() {
    let good = html_response("http://c/", "<p>c</p>");
    let input = cat(&[
        &record_with(
            "WARC/1.1",
            "\r\n",
            "conversion",
            &[],
            Some("5"),
            b"longer text than said",
        ),
        &good,
    ]);
    check(
        &input,
        r#"error #1: record 1: block of content-length 5 is not followed by the end of the record (content-length wrong?); skipped 20 bytes to the next record
           doc #2 html charset=utf-8 uri=http://c/ "<p>c</p>""#,
    );
}

#[test]
fn warc_garbage_between_records_and_missing_version_line() {
    let good = html_response("http://d/", "<p>d</p>");
    let headless = record("conversion", &[], b"lost");
    let headless = &headless["WARC/1.1\r\n".len()..];
    let input = cat(&[
        b"\xef\xbb\xbfjunk before\r\nmore junk\r\n",
        &good,
        b"garbage\x00\x01 between\n",
        &good,
        headless,
        &good,
        b"trailing bytes",
    ]);
    check(
        &input,
        r#"error #1: 27 bytes before record 1 are not a warc record, skipped (starts with "\u{feff}junk before\r\nmore junk\r\n")
           doc #1 html charset=utf-8 uri=http://d/ "<p>d</p>"
           error #2: 18 bytes before record 2 are not a warc record, skipped (starts with "garbage\0\u{1} between\n")
           doc #2 html charset=utf-8 uri=http://d/ "<p>d</p>"
           error #3: 52 bytes before record 3 are not a warc record, skipped (starts with "WARC-Type: conversion\r\nContent-Length: 4…": a record without its version line?)
           doc #3 html charset=utf-8 uri=http://d/ "<p>d</p>"
           error #0: 14 bytes after record 3 are not a warc record, skipped (starts with "trailing bytes")"#,
    );
}

#[test]
fn warc_not_a_warc_at_all() {
    check(
        b"<html><body>a page</body></html>\n",
        r#"error #0: no warc record found: 33 bytes skipped (starts with "<html><body>a page</body></html>\n")"#,
    );
    let zipped = gzip(&html_response("http://e/", "<p>e</p>"));
    let out = run(&zipped, MAX);
    assert!(
        out.contains("a gzip signature: the data is still compressed"),
        "{out}"
    );
    check(b"", "");
    check(b"\r\n\r\n", "");
    check(
        b"WARC/1.x\r\n",
        r#"error #0: no warc record found: 10 bytes skipped (starts with "WARC/1.x\r\n")"#,
    );
}

#[test]
fn warc_truncated_mid_record_and_mid_headers() {
    let good = html_response("http://f/", "<p>f</p>");
    let mut input = cat(&[&good, &good]);
    input.truncate(2 * good.len() - 30);
    check(
        &input,
        r#"doc #1 html charset=utf-8 uri=http://f/ "<p>f</p>"
           error #2: record 2: content-length 67 runs past the end of the file (41 bytes left)"#,
    );
    let mut input = cat(&[&good, &good]);
    input.truncate(good.len() + 40);
    check(
        &input,
        r#"doc #1 html charset=utf-8 uri=http://f/ "<p>f</p>"
           error #2: record 2: headers cut off by the end of the file after 30 bytes"#,
    );
    // Headers cut off by the next record, at a line end or inside a line.
    for at in [31, 40] {
        let input = cat(&[&good[..at], &good]);
        check(
            &input,
            r#"error #1: record 1: headers cut off by the start of another record; skipped
               doc #2 html charset=utf-8 uri=http://f/ "<p>f</p>""#,
        );
    }
    // The final line ends are missing: accepted.
    let mut input = good.clone();
    input.truncate(good.len() - 4);
    check(
        &input,
        r#"doc #1 html charset=utf-8 uri=http://f/ "<p>f</p>""#,
    );
}

#[test]
fn warc_record_over_the_limit_is_skipped() {
    let big_page = format!("<p>{}</p>", "x".repeat(5000));
    let big_image = http(
        "HTTP/1.1 200 OK",
        &[("Content-Type", "image/png")],
        &[0u8; 5000],
    );
    let input = cat(&[
        &html_response("http://big/", &big_page),
        &html_response("http://small/", "<p>small</p>"),
        &record("response", &[], &big_image),
        &record("request", &[], &[b'r'; 5000]),
        &record("resource", &[], &[b'r'; 5000]),
    ]);
    check_max(
        &input,
        1000,
        r#"error #1: record 1: block of 5066 bytes is over the limit of 1000 bytes; skipped
           doc #2 html charset=utf-8 uri=http://small/ "<p>small</p>"
           error #5: record 5: block of 5000 bytes is over the limit of 1000 bytes; skipped
           warning #0: skipped 2 records that are not documents: 1 request, 1 response image/png"#,
    );
    // Over the limit and cut off.
    let mut input = html_response("http://big/", &big_page);
    input.truncate(3000);
    check_max(
        &input,
        1000,
        "error #1: record 1: content-length 5066 runs past the end of the file (2865 bytes left)",
    );
}

#[test]
fn warc_lf_line_ends_continuations_and_old_versions() {
    let block = b"HTTP/1.1 200 OK\nContent-Type:\n text/html;\n\tcharset=utf-8\n\n<p>lf</p>";
    let input = cat(&[
        &record_with(
            "WARC/1.0",
            "\n",
            "response",
            &[
                ("warc-record-id", "<urn:x:1>"),
                ("WARC-Target-URI", "http://lf/\n continued"),
            ],
            Some(&block.len().to_string()),
            block,
        ),
        &record_with("WARC/0.18", "\n", "conversion", &[], Some("3"), b"old"),
        &record_with(
            "WARC/1.1",
            "\n",
            "conversion",
            &[("X", "y")],
            Some(" 4 "),
            b"four",
        ),
    ]);
    check(
        &input,
        r#"doc #1 html charset=utf-8 id=urn:x:1 uri=http://lf/ continued "<p>lf</p>"
           doc #2 text "old"
           doc #3 text "four""#,
    );
}

#[test]
fn warc_truncated_by_the_crawler_is_a_warning() {
    let block = http("HTTP/1.1 200 OK", &[("Content-Type", "text/plain")], b"cut");
    let input = record("response", &[("WARC-Truncated", "length")], &block);
    check(
        &input,
        r#"warning #1: record 1: the crawler cut this record short (warc-truncated: length)
           doc #1 text "cut""#,
    );
}

#[test]
fn warc_bad_http_status_line() {
    let input = record(
        "response",
        &[("Content-Type", "application/http")],
        b"HTTP/1.1 OK\r\n\r\n<p>",
    );
    check(
        &input,
        r#"error #1: record 1: http status line "HTTP/1.1 OK" is not valid; skipped"#,
    );
}

/// Each record in its own gzip member, as Common Crawl writes them.
fn multi_member(records: &[Vec<u8>]) -> Vec<u8> {
    records.iter().flat_map(|r| gzip(r)).collect()
}

fn read_gzipped(data: &[u8]) -> String {
    render(WarcReader::new(
        BufReader::new(MultiGzDecoder::new(data)),
        MAX,
    ))
}

#[test]
fn warc_multi_member_gzip() {
    let records: Vec<Vec<u8>> = (0..3)
        .map(|i| html_response(&format!("http://g/{i}"), &format!("<p>{i}</p>")))
        .collect();
    let data = multi_member(&records);
    assert_eq!(
        read_gzipped(&data),
        "doc #1 html charset=utf-8 uri=http://g/0 \"<p>0</p>\"\n\
         doc #2 html charset=utf-8 uri=http://g/1 \"<p>1</p>\"\n\
         doc #3 html charset=utf-8 uri=http://g/2 \"<p>2</p>\"\n"
    );
}

#[test]
fn warc_truncated_gzip_keeps_the_records_before() {
    let records: Vec<Vec<u8>> = (0..3)
        .map(|i| html_response(&format!("http://h/{i}"), &format!("<p>{i}</p>")))
        .collect();
    let mut data = multi_member(&records);
    let last = gzip(&records[2]).len();
    data.truncate(data.len() - last / 2);
    assert_eq!(
        read_gzipped(&data),
        "doc #1 html charset=utf-8 uri=http://h/0 \"<p>0</p>\"\n\
         doc #2 html charset=utf-8 uri=http://h/1 \"<p>1</p>\"\n\
         error #0: read error after record 2: incomplete deflate stream\n"
    );
    // Corrupt bytes inside a member.
    let mut data = multi_member(&records);
    let first = gzip(&records[0]).len();
    data[first + 12] ^= 0xff;
    data[first + 13] ^= 0xff;
    let out = read_gzipped(&data);
    assert!(out.starts_with("doc #1 html"), "{out}");
    assert!(
        out.contains("error #0: read error after record 1: "),
        "{out}"
    );
}

/// Produces a WARC of `records` request/response pairs on the fly.
struct Generator {
    next: u64,
    records: u64,
    buf: Vec<u8>,
    pos: usize,
    page: String,
}

impl Generator {
    fn new(records: u64) -> Generator {
        let para = "<p>The council met on Tuesday and approved the budget of 4.2 million.</p>\n";
        Generator {
            next: 0,
            records,
            buf: Vec::new(),
            pos: 0,
            page: format!(
                "<!doctype html><html><body>{}</body></html>",
                para.repeat(60)
            ),
        }
    }
}

impl Read for Generator {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.pos == self.buf.len() {
            if self.next == self.records {
                return Ok(0);
            }
            self.buf.clear();
            self.pos = 0;
            let i = self.next;
            self.next += 1;
            let uri = format!("http://gen.example/{i}");
            self.buf.extend(record(
                "request",
                &[("WARC-Target-URI", &uri)],
                b"GET / HTTP/1.1\r\nHost: gen.example\r\n\r\n",
            ));
            self.buf.extend(html_response(&uri, &self.page));
        }
        let n = out.len().min(self.buf.len() - self.pos);
        out[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

#[test]
fn warc_streams_a_50_mb_file() {
    let records = 12_000;
    let mut docs = 0u64;
    let mut bytes = 0u64;
    let mut last = None;
    for event in WarcReader::new(BufReader::new(Generator::new(records)), MAX) {
        match event {
            WarcEvent::Doc(doc) => {
                docs += 1;
                if let Payload::Html { body, .. } = &doc.payload {
                    bytes += body.len() as u64;
                }
            }
            WarcEvent::Issue(issue) => last = Some(issue.message),
        }
    }
    assert_eq!(docs, records);
    assert!(bytes > 50_000_000, "{bytes}");
    assert_eq!(
        last.as_deref(),
        Some("skipped 12000 records that are not documents: 12000 request")
    );
}

/// Runs `testdata/warc/*.warc` (and `.warc.gz`, read through
/// `MultiGzDecoder`) and compares with the `.events` file beside each;
/// `STEMMA_BLESS=1` rewrites them.
#[test]
fn warc_testdata() -> io::Result<()> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/warc");
    let mut names: Vec<_> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.to_string_lossy().ends_with(".warc") || p.to_string_lossy().ends_with(".warc.gz")
        })
        .collect();
    names.sort();
    assert!(!names.is_empty());
    let bless = std::env::var_os("STEMMA_BLESS").is_some();
    let mut failures = Vec::new();
    for path in names {
        let data = std::fs::read(&path)?;
        let name = path.to_string_lossy().into_owned();
        let got = if name.ends_with(".gz") {
            read_gzipped(&data)
        } else {
            run(&data, MAX)
        };
        let expect_path = Path::new(name.trim_end_matches(".gz")).with_extension("events");
        if bless {
            std::fs::write(&expect_path, &got)?;
            continue;
        }
        let want = std::fs::read_to_string(&expect_path).unwrap_or_default();
        if got != want {
            failures.push(format!("{name}\n--- got ---\n{got}--- want ---\n{want}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    Ok(())
}

/// A valid WARC of a few records, for mutation.
fn sample() -> Vec<u8> {
    let chunked = http(
        "HTTP/1.1 200 OK",
        &[
            ("Content-Type", "text/html"),
            ("Transfer-Encoding", "chunked"),
            ("Content-Encoding", "gzip"),
        ],
        &{
            let z = gzip(b"<p>zipped</p>");
            let mut c = format!("{:x}\r\n", z.len()).into_bytes();
            c.extend(z);
            c.extend(b"\r\n0\r\n\r\n");
            c
        },
    );
    cat(&[
        &record("warcinfo", &[], b"software: test\r\n"),
        &record("request", &[], b"GET / HTTP/1.1\r\n\r\n"),
        &html_response("http://p/", "<p>page</p>"),
        &record("response", &[], &chunked),
        &record(
            "conversion",
            &[("Content-Type", "text/plain")],
            b"some text",
        ),
    ])
}

/// Reads to the end, checking what always holds.
fn read_all(data: &[u8], max: u64) {
    let mut events = 0usize;
    let mut last_doc = 0u64;
    for event in WarcReader::new(data, max) {
        events += 1;
        // Each event needs at least one byte of input, but for the summary
        // and a caveat or two per document.
        assert!(events <= 3 * data.len() + 2, "too many events");
        if let WarcEvent::Doc(doc) = event {
            assert!(doc.record > last_doc, "records out of order");
            last_doc = doc.record;
            let body = match &doc.payload {
                Payload::Html { body, .. } | Payload::Text { body, .. } => body,
            };
            assert!(body.len() as u64 <= max.max(data.len() as u64));
        }
    }
}

/// A reader that fails after `n` bytes, like a broken gzip underneath.
struct FailAfter<'a>(&'a [u8], usize);

impl Read for FailAfter<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.1 == 0 {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "corrupt deflate stream",
            ));
        }
        let n = out.len().min(self.0.len()).min(self.1).min(7);
        out[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        self.1 -= n;
        Ok(n)
    }
}

#[test]
fn warc_io_error_mid_record() {
    let data = sample();
    let cut = data.len() - 20;
    let out = render(WarcReader::new(
        BufReader::with_capacity(16, FailAfter(&data, cut)),
        MAX,
    ));
    assert_eq!(
        out,
        "doc #3 html charset=utf-8 uri=http://p/ \"<p>page</p>\"\n\
         doc #4 html \"<p>zipped</p>\"\n\
         error #0: read error after record 4: corrupt deflate stream; record 5 is incomplete\n\
         warning #0: skipped 2 records that are not documents: 1 request, 1 warcinfo\n"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn warc_arbitrary_bytes_terminate(data in proptest::collection::vec(any::<u8>(), 0..2000)) {
        read_all(&data, MAX);
        read_all(&data, 16);
    }

    #[test]
    fn warc_mutated_records_terminate(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0u8..4, any::<u8>()), 1..8),
        cut in any::<prop::sample::Index>(),
        max in prop_oneof![Just(MAX), 0u64..200],
    ) {
        let mut data = sample();
        for (at, op, byte) in edits {
            let i = at.index(data.len());
            match op {
                0 => data[i] = byte,
                1 => data.insert(i, byte),
                2 => { data.remove(i); }
                _ => data.insert(i, [b'\n', b'\r', b'W', b':', b'0'][usize::from(byte) % 5]),
            }
        }
        read_all(&data, max);
        data.truncate(cut.index(data.len() + 1));
        read_all(&data, max);
    }

    #[test]
    fn warc_valid_records_read_back(
        bodies in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 1..300), 1..6),
        lf in any::<bool>(),
    ) {
        let eol = if lf { "\n" } else { "\r\n" };
        let mut data = Vec::new();
        for body in &bodies {
            data.extend(record_with("WARC/1.1", eol, "resource", &[], Some(&body.len().to_string()), body));
        }
        let got: Vec<Vec<u8>> = WarcReader::new(&data[..], MAX)
            .filter_map(|e| match e {
                WarcEvent::Doc(WarcDoc { payload: Payload::Text { body, .. }, .. }) => Some(body),
                _ => None,
            })
            .collect();
        prop_assert_eq!(got, bodies);
    }
}
