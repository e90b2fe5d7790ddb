//! Ingest over real files: every input format and every kind of bad input,
//! each checked through one helper that renders what was read.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use stemma_core::NoProgress;

use super::*;

/// Writes `files` under a fresh directory, reads `args` (relative to it;
/// `-` is `stdin`), and renders documents and diagnostics with the
/// directory's path removed.
fn run(files: &[(&str, &[u8])], args: &[&str], stdin: &[u8], config: &Config) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, bytes) in files {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&path, bytes).expect("write");
    }
    let inputs: Vec<Input> = args
        .iter()
        .map(|a| {
            if *a == "-" {
                Input::Stdin
            } else {
                Input::Path(dir.path().join(a))
            }
        })
        .collect();
    let corpus = read_with_stdin(&inputs, config, &NoProgress, &mut &stdin[..]);
    render(&corpus, dir.path())
}

fn render(corpus: &Corpus, root: &Path) -> String {
    let root = format!("{}/", root.display());
    let mut s = String::new();
    for d in &corpus.documents {
        let _ = writeln!(
            s,
            "doc {} [{}] from {}",
            d.id,
            d.format.as_str(),
            d.source.replace(&root, "")
        );
        let m = &d.meta;
        for (k, v) in [
            ("title", m.title.clone()),
            ("outlet", m.outlet.clone()),
            ("published", m.published.as_ref().map(ToString::to_string)),
            ("url", m.url.clone()),
        ] {
            if let Some(v) = v {
                let _ = writeln!(s, "  {k}: {v}");
            }
        }
        let text: String = d.text.chars().take(60).collect();
        let _ = writeln!(s, "  text: {:?} ({} bytes)", text, d.text.len());
    }
    for d in &corpus.diagnostics {
        let _ = writeln!(
            s,
            "{}: {}: {}",
            d.level.as_str(),
            d.source.replace(&root, ""),
            d.message
        );
    }
    s
}

#[track_caller]
fn check(files: &[(&str, &[u8])], args: &[&str], expect: &str) {
    let got = run(files, args, b"", &Config::default());
    assert_eq!(got.trim(), expect.trim(), "\n--- got ---\n{got}");
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).expect("gzip");
    enc.finish().expect("gzip")
}

#[test]
fn directory_walk_is_sorted_skips_hidden_and_names_ids_by_relative_path() {
    check(
        &[
            ("seeds/b.txt", b"Second headline\n\nBody two."),
            ("seeds/a/001_article.txt", b"First headline\n\nBody one."),
            ("seeds/.hidden.txt", b"Hidden\n\nNot read."),
            ("seeds/.git/config.txt", b"Not read either."),
            ("seeds/notes", b"no extension, plain words"),
        ],
        &["seeds"],
        r#"
doc a/001_article [text] from seeds/a/001_article.txt
  title: First headline
  text: "First headline\n\nBody one." (25 bytes)
doc b [text] from seeds/b.txt
  title: Second headline
  text: "Second headline\n\nBody two." (26 bytes)
doc notes [text] from seeds/notes
  text: "no extension, plain words" (25 bytes)
"#,
    );
}

#[test]
fn a_file_argument_is_named_by_its_stem() {
    check(
        &[(
            "x/story.txt.gz",
            &gzip(b"Gzipped headline\n\nIt reads through gzip."),
        )],
        &["x/story.txt.gz"],
        r#"
doc story [text] from x/story.txt.gz
  title: Gzipped headline
  text: "Gzipped headline\n\nIt reads through gzip." (40 bytes)
"#,
    );
}

#[test]
fn nonexistent_path() {
    check(
        &[("ok.txt", b"Fine")],
        &["missing", "ok.txt"],
        r#"
doc ok [text] from ok.txt
  text: "Fine" (4 bytes)
error: missing: no such file or directory
"#,
    );
}

#[test]
fn unreadable_entries() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("good.txt"), "Readable").expect("write");
    // Root reads files whatever their mode, so a socket stands in for an
    // unreadable file: it is listed but cannot be opened.
    let _socket =
        std::os::unix::net::UnixListener::bind(dir.path().join("sock.txt")).expect("bind");
    let locked = dir.path().join("locked.txt");
    std::fs::write(&locked, "secret").expect("write");
    std::fs::set_permissions(&locked, std::os::unix::fs::PermissionsExt::from_mode(0o000))
        .expect("chmod");
    let root_can_read = std::fs::read(&locked).is_ok();
    let corpus = read_with_stdin(
        &[Input::Path(dir.path().to_path_buf())],
        &Config::default(),
        &NoProgress,
        &mut &b""[..],
    );
    let got = render(&corpus, dir.path());
    assert!(got.contains("doc good [text]"), "{got}");
    assert!(
        got.contains("error: sock.txt: no such device or address"),
        "{got}"
    );
    if !root_can_read {
        assert!(
            got.contains("error: locked.txt: permission denied"),
            "{got}"
        );
    }
}

#[test]
fn binary_empty_and_whitespace_files() {
    check(
        &[
            ("a.txt", b"\x89PNG\r\n\x1a\n\0\0\0IHDR"),
            ("b.txt", b""),
            ("c.txt", b"  \n\t\n  "),
            ("d.dat", b"abc\0def\0\0\0\x01\x02"),
            ("e.txt", b"Real text"),
        ],
        &["."],
        r#"
doc e [text] from ./e.txt
  text: "Real text" (9 bytes)
error: ./a.txt: binary content (a PNG signature at byte 0), not text; skipped
error: ./b.txt: empty document; skipped
error: ./c.txt: document holds only whitespace; skipped
error: ./d.dat: binary content (a NUL byte at byte 3), not text; skipped
"#,
    );
}

#[test]
fn invalid_utf8_and_legacy_encodings() {
    check(
        &[
            (
                "bad.txt",
                b"Caf\xc3\xa9 \xff na\xc3\xafve \xc3\xa0 la carte",
            ),
            (
                "latin.txt",
                b"Le pr\xe9sident a d\xe9clar\xe9 qu'il \xe9tait pr\xeat.",
            ),
        ],
        &["."],
        r#"
doc bad [text] from ./bad.txt
  text: "Café � naïve à la carte" (28 bytes)
doc latin [text] from ./latin.txt
  text: "Le président a déclaré qu'il était prêt." (45 bytes)
warning: ./bad.txt: invalid UTF-8 from byte 6: 1 sequence(s) replaced with U+FFFD
warning: ./latin.txt: not valid UTF-8; decoded as windows-1252 (detected)
"#,
    );
}

#[test]
fn truncated_gzip_keeps_what_was_read() {
    let text = "Headline of a long story\n\n".to_owned() + &"All work and no play. ".repeat(4000);
    let gz = gzip(text.as_bytes());
    let cut = &gz[..gz.len() / 2];
    let got = run(
        &[("story.txt.gz", cut), ("empty.txt.gz", &gz[..5])],
        &["."],
        b"",
        &Config::default(),
    );
    assert!(got.contains("doc story [text]"), "{got}");
    assert!(
        got.contains("error: ./story.txt.gz: truncated or corrupt gzip stream after")
            && got.contains("kept the"),
        "{got}"
    );
    assert!(
        got.contains("error: ./empty.txt.gz: truncated or corrupt gzip stream after 0 bytes"),
        "{got}"
    );
}

#[test]
fn json_lines_with_bad_lines() {
    let jsonl = concat!(
        r#"{"id": "a1", "text": "First article text.", "title": "First", "outlet": "Courier", "published": "2026-03-10", "url": "https://www.courier.example/a1"}"#,
        "\n",
        r#"{"text": "No id here, so the line number names it.", "url": "https://news.example.org/x"}"#,
        "\n",
        "\n",
        r#"{"id": "broken", "text": "unterminated"#,
        "\n",
        r#"{"id": "no-text", "title": "Only a title"}"#,
        "\n",
        r#"["an", "array"]"#,
        "\n",
        r#"{"id": 7, "text": 12}"#,
        "\n",
        r#"{"id": 8, "text": "   "}"#,
        "\n",
        r#"{"id": 9, "text": "Odd date", "published": "next week"}"#,
        "\n",
        r#"{"id": "a1", "text": "Same id again."}"#,
    );
    check(
        &[("feed.jsonl", jsonl.as_bytes())],
        &["feed.jsonl"],
        r#"
doc 9 [jsonl] from feed.jsonl:9
  text: "Odd date" (8 bytes)
doc a1 [jsonl] from feed.jsonl:1
  title: First
  outlet: Courier
  published: 2026-03-10
  url: https://www.courier.example/a1
  text: "First article text." (19 bytes)
doc a1~2 [jsonl] from feed.jsonl:10
  text: "Same id again." (14 bytes)
doc feed:2 [jsonl] from feed.jsonl:2
  outlet: news.example.org
  url: https://news.example.org/x
  text: "No id here, so the line number names it." (40 bytes)
error: feed.jsonl:4: invalid JSON at column 38: EOF while parsing a string
error: feed.jsonl:5: no "text" or "html" field; skipped
error: feed.jsonl:6: expected a JSON object, found an array
error: feed.jsonl:7: field "text" must be a string, found a number
error: feed.jsonl:8: document holds only whitespace; skipped
warning: feed.jsonl:9: unrecognised "published" value "next week"; ignored
warning: feed.jsonl:10: duplicate document id "a1" renamed to "a1~2"
"#,
    );
}

/// A JSON string is text already: a byte-order mark at its start goes, as
/// it does from a file, and one holding binary is still refused.
#[test]
fn json_text_fields_are_checked_like_files() {
    let jsonl = concat!(
        r#"{"id": "bom", "text": "\ufeffMarked headline\n\nBody."}"#,
        "\n",
        r#"{"id": "nul", "text": "abc\u0000def"}"#,
        "\n",
        r#"{"id": "pdf", "text": "%PDF-1.7 stream"}"#,
    );
    check(
        &[
            ("feed.jsonl", jsonl.as_bytes()),
            ("marked.txt", "\u{feff}Marked headline\n\nBody.".as_bytes()),
        ],
        &["feed.jsonl", "marked.txt"],
        r#"
doc bom [jsonl] from feed.jsonl:1
  title: Marked headline
  text: "Marked headline\n\nBody." (22 bytes)
doc marked [text] from marked.txt
  title: Marked headline
  text: "Marked headline\n\nBody." (22 bytes)
error: feed.jsonl:2: binary content (a NUL byte at byte 3), not text; skipped
error: feed.jsonl:3: binary content (a PDF signature at byte 0), not text; skipped
"#,
    );
}

#[test]
fn json_lines_on_stdin_and_invalid_utf8_in_a_line() {
    let got = run(
        &[],
        &["-"],
        b"{\"text\": \"caf\xe9 au lait\"}\n{\"id\": \"s\", \"text\": \"fine\"}\n",
        &Config::default(),
    );
    assert_eq!(
        got.trim(),
        r#"
doc s [jsonl] from -:2
  text: "fine" (4 bytes)
doc stdin:1 [jsonl] from -:1
  text: "caf� au lait" (14 bytes)
warning: -:1: invalid UTF-8 at byte 13 of the line replaced with U+FFFD
"#
        .trim()
    );
}

#[test]
fn oversized_documents_are_skipped_with_their_size() {
    let config = Config {
        max_document_bytes: 1000,
    };
    let big_line = format!(
        "{{\"id\": \"big\", \"text\": \"{}\"}}\n{{\"id\": \"small\", \"text\": \"ok\"}}\n",
        "x".repeat(2000)
    );
    let got = run(
        &[
            ("big.txt", "y".repeat(5000).as_bytes()),
            ("big.txt.gz", &gzip("z ".repeat(5000).as_bytes())),
            ("feed.jsonl", big_line.as_bytes()),
        ],
        &["."],
        b"",
        &config,
    );
    assert_eq!(
        got.trim(),
        r#"
doc small [jsonl] from ./feed.jsonl:2
  text: "ok" (2 bytes)
error: ./big.txt: document is 4.9 KiB, over the 1000 bytes document limit (--max-document-size); skipped
error: ./big.txt.gz: content is over the 1000 bytes document limit (--max-document-size); skipped
error: ./feed.jsonl:1: document is 2.0 KiB, over the 1000 bytes document limit (--max-document-size); skipped
"#
        .trim()
    );
}

#[test]
fn a_200_mb_document_is_skipped_without_reading_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("huge.txt");
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(200 << 20).expect("set_len");
    std::fs::write(dir.path().join("small.txt"), "Small one").expect("write");
    let corpus = read_with_stdin(
        &[Input::Path(dir.path().to_path_buf())],
        &Config::default(),
        &NoProgress,
        &mut &b""[..],
    );
    let got = render(&corpus, dir.path());
    assert_eq!(
        got.trim(),
        r#"
doc small [text] from small.txt
  text: "Small one" (9 bytes)
error: huge.txt: document is 200.0 MiB, over the 64.0 MiB document limit (--max-document-size); skipped
"#
        .trim()
    );
}

#[test]
fn a_200_mb_document_is_read_when_the_limit_allows() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("huge.txt");
    let line = "The council met again and the vote was postponed once more. ";
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
    let mut written = 0;
    while written < 200 << 20 {
        f.write_all(line.as_bytes()).expect("write");
        written += line.len();
    }
    drop(f);
    let config = Config {
        max_document_bytes: 256 << 20,
    };
    let corpus = read_with_stdin(&[Input::Path(path)], &config, &NoProgress, &mut &b""[..]);
    assert_eq!(corpus.documents.len(), 1);
    assert_eq!(corpus.documents[0].text.len(), written);
    assert!(corpus.diagnostics.is_empty(), "{:?}", corpus.diagnostics);
}

#[test]
fn a_hundred_thousand_tiny_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    for i in 0..100_000u32 {
        let sub = dir.path().join(format!("{:03}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir(&sub).expect("mkdir");
        }
        std::fs::write(sub.join(format!("{i:06}.txt")), format!("Note {i}")).expect("write");
    }
    let corpus = read_with_stdin(
        &[Input::Path(dir.path().to_path_buf())],
        &Config::default(),
        &NoProgress,
        &mut &b""[..],
    );
    assert_eq!(corpus.files, 100_000);
    assert_eq!(corpus.documents.len(), 100_000);
    assert!(corpus.diagnostics.is_empty());
    assert_eq!(corpus.documents[0].id.as_str(), "000/000000");
    assert_eq!(corpus.documents[99_999].id.as_str(), "099/099999");
    assert_eq!(corpus.documents[12_345].text, "Note 12345");
}

#[test]
fn duplicate_ids_across_inputs_are_renamed_deterministically() {
    check(
        &[
            ("one/story.txt", b"From one"),
            ("two/story.html", b"<p>From two</p>"),
            ("two/story~2.txt", b"Taken name"),
        ],
        &["one", "two"],
        r#"
doc story [text] from one/story.txt
  text: "From one" (8 bytes)
doc story~2 [text] from two/story~2.txt
  text: "Taken name" (10 bytes)
doc story~3 [html] from two/story.html
  text: "From two" (8 bytes)
warning: two/story.html: duplicate document id "story" renamed to "story~3"
"#,
    );
}

#[test]
fn content_decides_when_the_extension_is_wrong_or_missing() {
    let got = run(
        &[
            (
                "page.txt",
                b"<!DOCTYPE html><html><body><p>Hello page</p></body></html>",
            ),
            (
                "feed",
                b"{\"id\": \"f1\", \"text\": \"from a feed without extension\"}\n",
            ),
        ],
        &["."],
        b"",
        &Config::default(),
    );
    assert!(got.contains("doc f1 [jsonl] from ./feed:1"), "{got}");
    assert!(got.contains("doc page [html] from ./page.txt"), "{got}");
    assert!(
        got.contains("warning: ./page.txt: content looks like HTML despite the name suggesting plain text; read as HTML"),
        "{got}"
    );
}

#[test]
fn read_memory_matches_reading_files() {
    let files: &[(&str, &[u8])] = &[
        ("b.txt", b"Bravo headline\n\nText b."),
        ("a.jsonl", b"{\"id\": \"x\", \"text\": \"Text x.\"}\n"),
    ];
    let corpus = read_memory(files, &Config::default());
    let ids: Vec<&str> = corpus.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["b", "x"]);
    assert_eq!(
        corpus.documents[0].meta.title.as_deref(),
        Some("Bravo headline")
    );
}

mod properties {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        /// Arbitrary bytes under any name never panic, and every document
        /// that comes out has text.
        #[test]
        fn arbitrary_bytes_never_panic(
            bytes in proptest::collection::vec(any::<u8>(), 0..2048),
            ext in prop::sample::select(vec!["txt", "html", "jsonl", "warc", "gz", "txt.gz", "bin"]),
        ) {
            let name = format!("input.{ext}");
            let corpus = read_memory(&[(&name, &bytes)], &Config::default());
            for d in &corpus.documents {
                prop_assert!(!d.text.trim().is_empty());
            }
        }

        /// The same for bytes that start like a real format.
        #[test]
        fn format_prefixes_never_panic(
            prefix in prop::sample::select(vec![
                &b"WARC/1.0\r\nContent-Length: 10\r\n\r\n"[..],
                &b"{\"text\": \""[..],
                &b"<!DOCTYPE html><html><p>"[..],
                &b"\x1f\x8b\x08\x00\x00\x00\x00\x00"[..],
            ]),
            tail in proptest::collection::vec(any::<u8>(), 0..1024),
        ) {
            let mut bytes = prefix.to_vec();
            bytes.extend_from_slice(&tail);
            let _ = read_memory(&[("input", &bytes)], &Config::default());
        }
    }
}

/// A WARC response record holding an HTML page.
fn warc_page(uri: &str, body: &str) -> Vec<u8> {
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{body}");
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    out.extend_from_slice(http.as_bytes());
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// `read_each` hands on, in batches and in order within a file, the very
/// documents and diagnostics `read` keeps: over every format, bad lines,
/// repeated ids, standard input, and a file of more lines than a batch.
#[test]
fn read_each_streams_what_read_keeps() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut big = String::new();
    for i in 0..700 {
        match i % 100 {
            7 => big.push_str("{\"id\": \"broken\n"),
            8 => big.push_str("{\"id\": \"dup\", \"text\": \"A repeated id.\"}\n"),
            _ => big.push_str(&format!(
                "{{\"id\": \"n{i}\", \"text\": \"Line {i} of the feed.\"}}\n"
            )),
        }
    }
    let mut warc = warc_page(
        "https://a.example/one",
        "<html><body><p>First page of the crawl.</p></body></html>",
    );
    warc.extend(warc_page(
        "https://a.example/two",
        "<html><body><p>Second page of the crawl.</p></body></html>",
    ));
    let files: [(&str, Vec<u8>); 6] = [
        ("big.jsonl", big.into_bytes()),
        ("crawl.warc", warc),
        ("dup.txt", b"Headline\n\nA text file named dup.".to_vec()),
        (
            "page.html",
            b"<html><body><p>An HTML page.</p></body></html>".to_vec(),
        ),
        (
            "z.jsonl.gz",
            gzip(b"{\"id\": \"dup\", \"text\": \"Gzipped.\"}\n"),
        ),
        ("empty.txt", Vec::new()),
    ];
    for (name, bytes) in &files {
        std::fs::write(dir.path().join(name), bytes).expect("write");
    }
    let stdin = b"{\"id\": \"dup\", \"text\": \"From standard input.\"}\n";
    let inputs = [Input::Path(dir.path().to_path_buf()), Input::Stdin];
    let config = Config::default();
    let kept = read_with_stdin(&inputs, &config, &NoProgress, &mut &stdin[..]);

    let batches = std::sync::Mutex::new(Vec::new());
    let streamed = read_each_with_stdin(
        &inputs,
        &config,
        &NoProgress,
        &mut &stdin[..],
        &|file, docs| {
            batches.lock().expect("lock").push((file, docs));
        },
    );
    assert!(streamed.documents.is_empty());
    let mut batches = batches.into_inner().expect("lock");
    assert!(
        batches
            .iter()
            .all(|(_, docs)| !docs.is_empty() && docs.len() <= 256)
    );
    // 693 good lines of one file come in more than one batch.
    assert!(batches.iter().filter(|(file, _)| *file == 0).count() > 1);
    batches.sort_by_key(|(file, _)| *file);
    let mut docs: Vec<Document> = batches.into_iter().flat_map(|(_, docs)| docs).collect();
    let mut ids: Vec<DocId> = docs.iter().map(|d| d.id.clone()).collect();
    let mut diagnostics = streamed.diagnostics;
    for (i, d) in unique_ids(&mut ids, |i| docs[i].source.clone()) {
        docs[i].diagnostics.push(d.clone());
        diagnostics.push(d);
    }
    for (doc, id) in docs.iter_mut().zip(ids) {
        doc.id = id;
    }
    docs.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(docs.len(), 700 - 7 + 2 + 3 + 1);
    assert_eq!(docs, kept.documents);
    assert_eq!(diagnostics, kept.diagnostics);
    assert_eq!(streamed.files, kept.files);
}
