//! The binary end to end: the demo, every input format, exit codes, the
//! report contract (validated against docs/report.schema.json), and
//! determinism.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn stemma(args: &[&str]) -> Output {
    stemma_in(Path::new(env!("CARGO_MANIFEST_DIR")), args, None)
}

fn stemma_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_stemma"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run stemma");
    if let Some(bytes) = stdin
        && let Some(mut pipe) = child.stdin.take()
    {
        pipe.write_all(bytes).expect("write stdin");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("wait")
}

fn repo() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string(repo().join("docs/report.schema.json")).expect("schema");
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("schema compiles")
}

/// Parses stdout as a report, validates it against the schema, and checks
/// the span invariants the schema cannot express.
#[track_caller]
fn report(out: &Output) -> Value {
    let stdout = String::from_utf8(out.stdout.clone()).expect("utf-8 stdout");
    let value: Value =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON: {e}\n{stdout}"));
    let validator = schema();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "schema errors: {errors:#?}");
    for doc in value["documents"].as_array().expect("documents") {
        if let Some(text) = doc["text"].as_str() {
            assert_eq!(doc["length"].as_u64(), Some(text.chars().count() as u64));
        }
    }
    value
}

fn ids(report: &Value) -> Vec<String> {
    report["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| d["id"].as_str().expect("id").to_owned())
        .collect()
}

fn doc<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .find(|d| d["id"] == id)
        .unwrap_or_else(|| panic!("no document {id} in {report:#}"))
}

#[test]
fn demo_prints_a_summary() {
    let out = stemma(&["demo"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("stemma: 10 documents"), "{stdout}");
    assert!(stdout.contains("01_tane_valley_courier"), "{stdout}");
    assert!(!stdout.contains('\u{1b}'), "NO_COLOR is honoured");
}

#[test]
fn timings_name_every_stage_even_when_quiet() {
    let out = stemma(&["demo", "--quiet", "--timings", "--json", "-"]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stages: Vec<&str> = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("stemma:   "))
        .map(|l| l.split("  ").next().unwrap_or_default())
        .collect();
    assert_eq!(
        stages,
        [
            "finding boilerplate",
            "segmenting and sketching",
            "finding candidates",
            "aligning",
            "stories and provenance",
            "completing stories",
            "claims and findings",
            "writing",
            "total"
        ],
        "{stderr}"
    );
    // Stages that work through a known number of items say it: the demo's
    // documents when segmenting.
    let report: Value = serde_json::from_slice(&out.stdout).expect("the report is JSON");
    let documents = report["documents"].as_array().map(Vec::len);
    let segmenting = stderr
        .lines()
        .find(|l| l.contains("segmenting and sketching"))
        .and_then(|l| l.split_whitespace().last())
        .and_then(|n| n.parse::<usize>().ok());
    assert_eq!(segmenting, documents, "{stderr}");
    assert!(documents.is_some_and(|n| n > 1));
    // The report itself is unchanged by the flag.
    assert_eq!(
        out.stdout,
        stemma(&["demo", "--quiet", "--json", "-"]).stdout
    );
}

#[test]
fn demo_summary() {
    let out = stemma(&["demo"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    for line in stdout.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line:?}");
    }
    insta::assert_snapshot!(stdout);
}

#[test]
fn no_color_wins_over_forced_colour() {
    let run = |no_color: bool| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_stemma"));
        cmd.arg("demo")
            .env("CLICOLOR_FORCE", "1")
            .env_remove("NO_COLOR");
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        cmd.output().expect("run stemma")
    };
    assert!(run(false).stdout.contains(&0x1b), "CLICOLOR_FORCE colours");
    assert!(!run(true).stdout.contains(&0x1b), "NO_COLOR is honoured");
}

#[test]
fn demo_writes_an_html_dossier() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = stemma_in(
        dir.path(),
        &["demo", "--html", "demo.html", "--json", "demo.json"],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty(), "no summary when files are asked for");
    let page = std::fs::read_to_string(dir.path().join("demo.html")).expect("written");
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains(r#"<svg class="graph""#));
    assert!(page.contains("01_tane_valley_courier"));
    // The JSON is as without --html (built whole, not streamed item by
    // item): byte for byte, and no texts unless asked.
    let json = std::fs::read_to_string(dir.path().join("demo.json")).expect("written");
    assert!(!json.contains("\"text\""));
    let alone = stemma_in(dir.path(), &["demo", "--json", "-"], None);
    assert_eq!(String::from_utf8_lossy(&alone.stdout), json);
    let with_text = |args: &[&str]| {
        let out = stemma_in(dir.path(), args, None);
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    assert_eq!(
        with_text(&["demo", "--json", "-", "--with-text"]),
        with_text(&["demo", "--json", "-", "--with-text", "--html", "demo2.html"])
    );
    // Deterministic, and the same on stdout.
    let again = stemma_in(dir.path(), &["demo", "--html", "-"], None);
    assert_eq!(String::from_utf8_lossy(&again.stdout), page);
}

#[test]
fn demo_json_matches_analyzing_the_examples_folder() {
    let demo = stemma(&["demo", "--json", "-", "--with-text"]);
    assert_eq!(demo.status.code(), Some(0));
    let demo = report(&demo);
    let folder = stemma_in(
        repo(),
        &["analyze", "examples/demo", "--json", "-", "--with-text"],
        None,
    );
    assert_eq!(
        folder.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&folder.stderr)
    );
    let folder = report(&folder);
    assert_eq!(ids(&demo), ids(&folder));
    assert_eq!(ids(&demo)[0], "01_tane_valley_courier");
    assert_eq!(demo["pairs"], folder["pairs"]);
    for (a, b) in demo["documents"]
        .as_array()
        .into_iter()
        .flatten()
        .zip(folder["documents"].as_array().into_iter().flatten())
    {
        assert_eq!(a["text"], b["text"]);
        assert_eq!(a["title"], b["title"]);
    }
    assert_eq!(
        doc(&folder, "01_tane_valley_courier")["source"],
        "examples/demo/01_tane_valley_courier.txt"
    );
}

#[test]
fn demo_writes_its_corpus() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = stemma_in(dir.path(), &["demo", "--write", "corpus"], None);
    assert_eq!(out.status.code(), Some(0));
    let written = std::fs::read_to_string(dir.path().join("corpus/01_tane_valley_courier.txt"))
        .expect("written");
    let original = std::fs::read_to_string(repo().join("examples/demo/01_tane_valley_courier.txt"))
        .expect("original");
    assert_eq!(written, original);
}

#[test]
fn html_directory_with_metadata() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).expect("mkdir");
    std::fs::write(
        pages.join("a.html"),
        r#"<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Fallback title | Courier</title>
<meta property="og:title" content="Dam repairs finish early">
<meta property="og:site_name" content="Valley Courier">
<meta property="article:published_time" content="2026-03-10T08:30:00+01:00">
<link rel="canonical" href="https://courier.example/news/dam">
</head><body><h1>Dam repairs finish early</h1><p>Crews finished the work on Monday.</p><p>The road reopens “tomorrow”.</p></body></html>"#,
    )
    .expect("write");
    std::fs::write(
        pages.join("b.htm"),
        b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"><title>Caf\xe9 reopens</title>\
<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"datePublished\": \"2026-02-01\"}</script></head>\
<body><p>The caf\xe9 reopened.</p><script>var hidden = 1;</script></body></html>",
    )
    .expect("write");
    std::fs::write(
        pages.join("c.html"),
        "<html><head><meta charset=\"shift_jis\"><meta property=\"og:url\" content=\"https://www.gazette.example/x\"></head><body><p>naïve “quotes” — in UTF-8</p></body></html>",
    )
    .expect("write");
    let out = stemma_in(
        dir.path(),
        &["analyze", "pages", "--json", "-", "--with-text"],
        None,
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let r = report(&out);
    assert_eq!(ids(&r), ["a", "b", "c"]);
    let a = doc(&r, "a");
    assert_eq!(a["title"], "Dam repairs finish early");
    assert_eq!(a["outlet"], "Valley Courier");
    assert_eq!(a["published"], "2026-03-10T08:30:00+01:00");
    assert_eq!(a["url"], "https://courier.example/news/dam");
    let text = a["text"].as_str().expect("text");
    assert!(
        text.contains("Crews finished the work on Monday.\n\nThe road reopens “tomorrow”."),
        "{text:?}"
    );
    let b = doc(&r, "b");
    assert_eq!(b["title"], "Café reopens");
    assert_eq!(b["published"], "2026-02-01");
    assert_eq!(b["text"], "The café reopened.");
    let c = doc(&r, "c");
    assert_eq!(c["text"], "naïve “quotes” — in UTF-8");
    assert_eq!(c["outlet"], "gazette.example");
    assert!(
        !c["diagnostics"].as_array().expect("diagnostics").is_empty(),
        "wrong charset declaration is reported"
    );
}

#[test]
fn jsonl_from_a_file_and_from_stdin() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lines = concat!(
        r#"{"id": "w1", "text": "Wire copy one.", "outlet": "Agency", "published": "2026-03-11T09:00:00Z", "title": "Wire one", "url": "https://agency.example/w1"}"#,
        "\n",
        r#"{"id": "h1", "html": "<html><head><title>Page in JSON</title></head><body><p>Body from HTML.</p></body></html>"}"#,
        "\n",
        "not json\n",
    );
    std::fs::write(dir.path().join("feed.jsonl"), lines).expect("write");
    let out = stemma_in(
        dir.path(),
        &["analyze", "feed.jsonl", "--json", "-", "--with-text"],
        None,
    );
    assert_eq!(out.status.code(), Some(1), "a bad line was skipped");
    let r = report(&out);
    assert_eq!(ids(&r), ["h1", "w1"]);
    let w1 = doc(&r, "w1");
    assert_eq!(w1["outlet"], "Agency");
    assert_eq!(w1["published"], "2026-03-11T09:00:00Z");
    assert_eq!(w1["source"], "feed.jsonl:1");
    assert_eq!(doc(&r, "h1")["text"], "Body from HTML.");
    assert_eq!(doc(&r, "h1")["title"], "Page in JSON");
    let diags = r["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0]["source"], "feed.jsonl:3");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("feed.jsonl:3: invalid JSON"), "{stderr}");

    let out = stemma_in(
        dir.path(),
        &["analyze", "-", "--json", "-"],
        Some(lines.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(1));
    let r = report(&out);
    assert_eq!(ids(&r), ["h1", "w1"]);
    assert_eq!(doc(&r, "w1")["source"], "-:1");
}

fn warc_record(kind: &str, uri: &str, id: &str, date: &str, block: &[u8]) -> Vec<u8> {
    let content_type = match kind {
        "resource" => "text/plain",
        "request" => "application/http; msgtype=request",
        _ => "application/http; msgtype=response",
    };
    let mut rec = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Record-ID: <urn:uuid:{id}>\r\nWARC-Date: {date}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    rec.extend_from_slice(block);
    rec.extend_from_slice(b"\r\n\r\n");
    rec
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).expect("gzip");
    enc.finish().expect("gzip")
}

#[test]
fn warc_gz_with_responses() {
    let page = "<html><head><title>Harbour fire contained</title></head><body><p>Firefighters contained the blaze by noon.</p></body></html>";
    let http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{page}",
        page.len()
    );
    let mut chunked =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
            .to_vec();
    let second = b"<html><body><p>Second page, sent in chunks.</p></body></html>";
    let (x, y) = second.split_at(20);
    for part in [x, y] {
        chunked.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
        chunked.extend_from_slice(part);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    // Common Crawl style: one gzip member per record.
    let mut file = gzip(&warc_record(
        "response",
        "https://www.harbour.example/fire",
        "1111",
        "2026-03-12T10:00:00Z",
        http.as_bytes(),
    ));
    file.extend(gzip(&warc_record(
        "request",
        "https://www.harbour.example/fire",
        "2222",
        "2026-03-12T10:00:00Z",
        b"GET /fire HTTP/1.1\r\n\r\n",
    )));
    file.extend(gzip(&warc_record(
        "response",
        "https://other.example/p2",
        "3333",
        "2026-03-13T11:00:00Z",
        &chunked,
    )));
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("crawl.warc.gz"), &file).expect("write");
    let out = stemma_in(
        dir.path(),
        &["analyze", "crawl.warc.gz", "--json", "-", "--with-text"],
        None,
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let r = report(&out);
    assert_eq!(ids(&r), ["urn:uuid:1111", "urn:uuid:3333"]);
    let first = doc(&r, "urn:uuid:1111");
    assert_eq!(first["url"], "https://www.harbour.example/fire");
    assert_eq!(first["outlet"], "harbour.example");
    assert_eq!(first["published"], "2026-03-12T10:00:00Z");
    assert_eq!(first["title"], "Harbour fire contained");
    assert_eq!(first["text"], "Firefighters contained the blaze by noon.");
    assert_eq!(first["source"], "crawl.warc.gz#1");
    assert_eq!(
        doc(&r, "urn:uuid:3333")["text"],
        "Second page, sent in chunks."
    );
}

#[test]
fn warc_with_a_bad_length_keeps_the_other_records() {
    let good = warc_record(
        "resource",
        "file:///a.txt",
        "aaaa",
        "2026-01-01T00:00:00Z",
        b"A resource record with text.",
    );
    let mut bad = b"WARC/1.1\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:bbbb>\r\nContent-Length: banana\r\n\r\nlost".to_vec();
    bad.extend_from_slice(b"\r\n\r\n");
    let last = warc_record(
        "resource",
        "file:///c.txt",
        "cccc",
        "2026-01-02T00:00:00Z",
        b"Another one after the damage.",
    );
    let mut file = good;
    file.extend(bad);
    file.extend(last);
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("damaged.warc"), &file).expect("write");
    let out = stemma_in(
        dir.path(),
        &["analyze", "damaged.warc", "--json", "-"],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let r = report(&out);
    assert_eq!(ids(&r), ["urn:uuid:aaaa", "urn:uuid:cccc"]);
    let diags = r["diagnostics"].as_array().expect("diagnostics");
    assert!(
        diags.iter().any(|d| d["source"] == "damaged.warc#2"
            && d["level"] == "error"
            && d["message"]
                == "content-length \"banana\" is not a number; skipped 8 bytes to the next record"),
        "{diags:#?}"
    );
}

#[test]
fn exit_codes() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("ok.txt"), "Fine text").expect("write");
    std::fs::write(dir.path().join("empty.txt"), "").expect("write");
    let clean = stemma_in(dir.path(), &["analyze", "ok.txt"], None);
    assert_eq!(clean.status.code(), Some(0));
    let skipped = stemma_in(dir.path(), &["analyze", "."], None);
    assert_eq!(skipped.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&skipped.stderr).contains("empty.txt: empty document"));
    let nothing = stemma_in(dir.path(), &["analyze", "empty.txt", "missing"], None);
    assert_eq!(nothing.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&nothing.stderr).contains("missing: no such file or directory")
    );
    let usage = stemma_in(dir.path(), &["analyze"], None);
    assert_eq!(usage.status.code(), Some(2));
    let bad_flag = stemma_in(
        dir.path(),
        &["analyze", "ok.txt", "--max-document-size", "lots"],
        None,
    );
    assert_eq!(bad_flag.status.code(), Some(2));
    let help = stemma_in(dir.path(), &["--help"], None);
    assert_eq!(help.status.code(), Some(0));
}

#[test]
fn json_to_a_file_and_a_closed_pipe() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = stemma_in(dir.path(), &["demo", "--json", "out.json"], None);
    assert_eq!(out.status.code(), Some(0));
    let text = std::fs::read_to_string(dir.path().join("out.json")).expect("written");
    assert!(text.starts_with("{\n  \"stemma_report\": 1,"));
    let unwritable = stemma_in(
        dir.path(),
        &["demo", "--json", "no/such/dir/out.json"],
        None,
    );
    assert_eq!(unwritable.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&unwritable.stderr).contains("cannot create no/such/dir/out.json")
    );

    // A reader that goes away after the first bytes is not an error.
    let mut child = Command::new(env!("CARGO_BIN_EXE_stemma"))
        .args(["demo", "--json", "-", "--with-text"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    let status = child.wait().expect("wait");
    assert_eq!(status.code(), Some(0));
}

#[test]
fn output_is_identical_across_thread_counts() {
    let one = stemma_in(
        repo(),
        &[
            "analyze",
            "examples/demo",
            "--json",
            "-",
            "--with-text",
            "--threads",
            "1",
        ],
        None,
    );
    let four = stemma_in(
        repo(),
        &[
            "analyze",
            "examples/demo",
            "--json",
            "-",
            "--with-text",
            "--threads",
            "4",
        ],
        None,
    );
    assert_eq!(one.status.code(), Some(0));
    assert_eq!(one.stdout, four.stdout);
}

#[test]
fn demo_pairs_come_out_right() {
    let r = report(&stemma(&["demo", "--json", "-"]));
    let pairs: Vec<(String, String, String)> = r["pairs"]
        .as_array()
        .expect("pairs")
        .iter()
        .map(|p| {
            let s = |k: &str| p[k].as_str().expect("string").to_owned();
            (s("a"), s("b"), s("relation"))
        })
        .collect();
    let has =
        |a: &str, b: &str, rel: &str| pairs.iter().any(|p| p.0 == a && p.1 == b && p.2 == rel);
    assert!(
        has("01_tane_valley_courier", "02_newsline_daily", "excerpt"),
        "{pairs:?}"
    );
    assert!(
        has("01_tane_valley_courier", "03_trendpulse_daily", "rewrite"),
        "{pairs:?}"
    );
    assert!(
        has("03_trendpulse_daily", "04_newshive24", "duplicate"),
        "{pairs:?}"
    );
    // Independent and wire reports share facts, not text: at most
    // same-story; the rest is unrelated (10 is a different bridge
    // closure).
    for p in &pairs {
        for id in [&p.0, &p.1] {
            let independent = id.as_str() < "07" && p.2 == "same-story";
            assert!(id.as_str() < "05" || independent, "unexpected pair {p:?}");
        }
    }
    // The stemma: 01 at the root with its excerpt and rewrite under it,
    // the copy of the rewrite under the rewrite, 05 and 06 roots of the
    // same story; every other document a story of its own.
    let stories = r["stories"].as_array().expect("stories");
    let ids = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .expect("ids")
            .iter()
            .map(|x| x.as_str().expect("id").to_owned())
            .collect()
    };
    let bridge = stories
        .iter()
        .find(|s| ids(&s["documents"]).contains(&"01_tane_valley_courier".to_owned()))
        .expect("the bridge story");
    let demo = |n: &[&str]| n.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
    assert_eq!(
        ids(&bridge["documents"]),
        demo(&[
            "01_tane_valley_courier",
            "02_newsline_daily",
            "03_trendpulse_daily",
            "04_newshive24",
            "05_northshore_ledger",
            "06_coastal_press_service"
        ])
    );
    assert_eq!(
        ids(&bridge["roots"]),
        demo(&[
            "01_tane_valley_courier",
            "05_northshore_ledger",
            "06_coastal_press_service"
        ])
    );
    let edges: Vec<(String, String, String)> = bridge["derivations"]
        .as_array()
        .expect("derivations")
        .iter()
        .map(|d| {
            let s = |k: &str| d[k].as_str().expect("string").to_owned();
            (s("source"), s("derived"), s("relation"))
        })
        .collect();
    let edge = |a: &str, b: &str, r: &str| (a.to_owned(), b.to_owned(), r.to_owned());
    assert_eq!(
        edges,
        [
            edge("01_tane_valley_courier", "02_newsline_daily", "excerpt"),
            edge("01_tane_valley_courier", "03_trendpulse_daily", "rewrite"),
            edge("03_trendpulse_daily", "04_newshive24", "duplicate"),
        ]
    );
    assert_eq!(stories.len(), 5, "07, 08, 09 and 10 alone");
    // Passages point at real text: every quote-able span is inside the
    // document.
    for p in r["pairs"].as_array().expect("pairs") {
        let len = |id: &str| doc(&r, id)["length"].as_u64().expect("length");
        for g in p["passages"].as_array().expect("passages") {
            assert!(g["a"][1].as_u64() <= Some(len(p["a"].as_str().expect("a"))));
            assert!(g["b"][1].as_u64() <= Some(len(p["b"].as_str().expect("b"))));
        }
    }
}

/// The demo's findings, issue 7's acceptance: the rewrite's shifted date
/// and changed figure, each reported once against the original, and its
/// inserted paragraph as unsupported; nothing else (the copy of the
/// rewrite inherits all three from its source, 05's misspelt fire chief
/// is a spelling variant, 02's house-style edits change no value).
#[test]
fn demo_findings_come_out_right() {
    let r = report(&stemma(&["demo", "--json", "-", "--with-text"]));
    let truth: serde_json::Value =
        serde_json::from_str(include_str!("../../../examples/demo.truth.json")).expect("truth");
    let findings = r["findings"].as_array().expect("findings");
    let quote = |doc_id: &str, span: &serde_json::Value| -> String {
        let text = doc(&r, doc_id)["text"].as_str().expect("text").to_owned();
        let (a, b) = (
            span[0].as_u64().expect("start") as usize,
            span[1].as_u64().expect("end") as usize,
        );
        text.chars().skip(a).take(b - a).collect()
    };
    let mut conflicts = Vec::new();
    let mut unsupported = Vec::new();
    for f in findings {
        match f["kind"].as_str() {
            Some("conflict") => {
                let st = f["statements"].as_array().expect("statements");
                assert_eq!(st.len(), 2, "{f}");
                let side = |i: usize| {
                    let d = st[i]["doc"].as_str().expect("doc").to_owned();
                    let q = quote(&d, &st[i]["span"]);
                    assert_eq!(st[i]["quote"].as_str(), Some(q.as_str()), "{f}");
                    (d, q)
                };
                conflicts.push((
                    f["topic"].as_str().expect("topic").to_owned(),
                    side(0),
                    side(1),
                ));
            }
            Some("unsupported") => {
                let d = f["doc"].as_str().expect("doc").to_owned();
                let q = quote(&d, &f["span"]);
                unsupported.push((d, q));
            }
            other => panic!("unknown finding kind {other:?}"),
        }
    }
    // Each truth conflict between 01 and 03 is found once, its quotes
    // holding the truth's quotes; 01/06 ("late on Tuesday" against
    // "Wednesday, March 11") is a same-story pair with no aligned text,
    // which the claims stage does not compare.
    let derived_edges: Vec<&serde_json::Value> = truth["conflicts"]
        .as_array()
        .expect("conflicts")
        .iter()
        .filter(|c| c["derived_doc"] == "03_trendpulse_daily")
        .collect();
    assert_eq!(conflicts.len(), derived_edges.len(), "{conflicts:?}");
    for c in derived_edges {
        let s = |k: &str| c[k].as_str().expect("string");
        let found = conflicts
            .iter()
            .filter(|(topic, (sd, sq), (dd, dq))| {
                topic == s("topic")
                    && sd == s("source_doc")
                    && dd == s("derived_doc")
                    && sq.contains(s("source_quote"))
                    && dq.contains(s("derived_quote"))
            })
            .count();
        assert_eq!(found, 1, "{c} in {conflicts:?}");
    }
    let inserted = &truth["unsupported"][0];
    assert_eq!(unsupported.len(), 1, "{unsupported:?}");
    assert_eq!(unsupported[0].0, inserted["doc"].as_str().expect("doc"));
    // Quotes differ only in quote marks (the truth file is ASCII).
    let plain = |s: &str| {
        s.replace(['\u{201c}', '\u{201d}'], "\"")
            .replace('\u{2019}', "'")
    };
    assert_eq!(
        plain(&unsupported[0].1),
        plain(inserted["quote"].as_str().expect("quote"))
    );
}
