//! `stemma sketch`: JSON Lines of MinHash signatures with their parameters.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn stemma(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stemma"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run stemma")
}

const STORY: &str = "The city council voted on Tuesday to close the Marrow Street library for eight months while engineers replace its leaking roof.\n\nCouncillor Edda Brightwater said the repairs would cost about 2.4 million dollars and that the branch would reopen in the autumn.\n";
const OTHER: &str = "A late frost in the northern orchards has destroyed up to half of this year's apricot blossom, growers said, and several farms have laid off pickers.\n";

fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).expect("docs dir");
    std::fs::write(docs.join("a.txt"), STORY).expect("write");
    // The same story in another house style: the same normalised tokens.
    let styled = STORY.replace("eight", "8").replace("Tuesday", "TUESDAY");
    std::fs::write(docs.join("b.txt"), styled).expect("write");
    std::fs::write(docs.join("c.txt"), OTHER).expect("write");
    // Not whitespace (ingest would skip it), but no words either.
    std::fs::write(docs.join("d.txt"), "* * *\n").expect("write");
    dir
}

fn lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {e}: {l}")))
        .collect()
}

fn signature(v: &Value) -> Vec<u64> {
    v["signature"]
        .as_array()
        .expect("signature")
        .iter()
        .map(|x| x.as_u64().expect("integer"))
        .collect()
}

#[test]
fn writes_one_line_per_document_with_parameters() {
    let dir = corpus();
    let out = stemma(dir.path(), &["sketch", "docs", "--out", "sigs.jsonl"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(dir.path().join("sigs.jsonl")).expect("output file");
    let docs = lines(&text);
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().expect("id")).collect();
    assert_eq!(ids, ["a", "b", "c", "d"]);
    for d in &docs {
        let p = &d["params"];
        assert_eq!(p["family"], "stemma-oph-xxh3-v1");
        assert_eq!(p["permutations"], 128);
        assert_eq!(p["shingle"], 5);
        assert!(p["seed"].is_u64() && p["token_seed"].is_u64());
    }
    let (a, b, c) = (
        signature(&docs[0]),
        signature(&docs[1]),
        signature(&docs[2]),
    );
    assert_eq!(a.len(), 128);
    assert!(a.iter().all(|&v| v <= u64::from(u32::MAX)));
    assert_eq!(a, b, "house-style edits do not change the signature");
    let equal = a.iter().zip(&c).filter(|(x, y)| x == y).count();
    assert!(equal < 10, "{equal} equal values with an unrelated text");
    assert!(docs[0]["tokens"].as_u64().is_some_and(|n| n > 30));
    // A document without body text has an empty signature, not no line.
    assert_eq!(docs[3]["tokens"], 0);
    assert!(signature(&docs[3]).is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("wrote sigs.jsonl (4 documents)"));
}

#[test]
fn parameters_and_stdout() {
    let dir = corpus();
    let args = [
        "sketch",
        "docs",
        "--out",
        "-",
        "--permutations",
        "64",
        "--shingle",
        "3",
        "--seed",
        "7",
    ];
    let out = stemma(dir.path(), &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docs = lines(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(docs.len(), 4);
    assert_eq!(docs[0]["params"]["permutations"], 64);
    assert_eq!(docs[0]["params"]["shingle"], 3);
    assert_eq!(docs[0]["params"]["seed"], 7);
    assert_eq!(signature(&docs[0]).len(), 64);
    // Deterministic, and independent of the thread count.
    let again = stemma(dir.path(), &[&args[..], &["--threads", "1"]].concat());
    assert_eq!(again.stdout, out.stdout);
}

#[test]
fn nothing_to_read_is_an_error() {
    let dir = corpus();
    let out = stemma(dir.path(), &["sketch", "missing", "--out", "x.jsonl"]);
    assert_eq!(out.status.code(), Some(2));
    let out = stemma(
        dir.path(),
        &["sketch", "docs", "--out", "x.jsonl", "--permutations", "0"],
    );
    assert_eq!(out.status.code(), Some(2));
}
