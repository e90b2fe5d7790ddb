//! `stemma generate` end to end: the corpus it writes is read back by
//! `stemma analyze DIR/docs` under the truth's ids, in both formats, and
//! the command refuses to overwrite a corpus unless asked.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn stemma(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stemma"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run stemma")
}

fn articles() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../stemma-synth/testdata/articles")
        .display()
        .to_string()
}

fn truth_ids(dir: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(dir.join("truth.jsonl")).expect("truth.jsonl");
    let mut ids: Vec<String> = text
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("a JSON line"))
        .filter(|v| v["type"] == "document")
        .map(|v| v["id"].as_str().expect("id").to_owned())
        .collect();
    ids.sort();
    ids
}

#[test]
fn analyze_reads_the_truth_ids() {
    for format in ["txt", "jsonl"] {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("corpus");
        let out_s = out.display().to_string();
        let from = articles();
        let g = stemma(&[
            "generate",
            "--from",
            &from,
            "--out",
            &out_s,
            "--stories",
            "12",
            "--format",
            format,
        ]);
        assert!(g.status.success(), "{}", String::from_utf8_lossy(&g.stderr));
        let note = String::from_utf8_lossy(&g.stderr);
        assert!(
            note.contains("generated") && note.lines().count() == 1,
            "{note}"
        );
        let report = dir.path().join("report.json");
        let docs = out.join("docs").display().to_string();
        let a = stemma(&[
            "analyze",
            &docs,
            "--json",
            &report.display().to_string(),
            "-q",
        ]);
        assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
        let r: Value =
            serde_json::from_str(&std::fs::read_to_string(&report).expect("report")).expect("JSON");
        let mut ids: Vec<String> = r["documents"]
            .as_array()
            .expect("documents")
            .iter()
            .map(|d| d["id"].as_str().expect("id").to_owned())
            .collect();
        ids.sort();
        assert_eq!(ids, truth_ids(&out), "{format}");
        // The first line is the title the ingest finds.
        assert!(
            r["documents"]
                .as_array()
                .expect("documents")
                .iter()
                .all(|d| d["title"].is_string())
        );
        if format == "jsonl" {
            assert!(
                r["documents"][0]["published"].is_string()
                    && r["documents"][0]["outlet"].is_string()
            );
        }

        // A second run into the same folder is refused, then forced.
        let again = stemma(&[
            "generate",
            "--from",
            &from,
            "--out",
            &out_s,
            "--stories",
            "3",
        ]);
        assert_eq!(again.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
        let forced = stemma(&[
            "generate",
            "--from",
            &from,
            "--out",
            &out_s,
            "--stories",
            "3",
            "--force",
            "-q",
        ]);
        assert!(forced.status.success());
        assert!(forced.stderr.is_empty());
    }
}

#[test]
fn bad_parameters_are_usage_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("c").display().to_string();
    let from = articles();
    let share = stemma(&[
        "generate",
        "--from",
        &from,
        "--out",
        &out,
        "--hard-share",
        "1.5",
    ]);
    assert_eq!(share.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&share.stderr).contains("hard_share"),
        "{}",
        String::from_utf8_lossy(&share.stderr)
    );
    let both = stemma(&[
        "generate",
        "--from",
        &from,
        "--out",
        &out,
        "--stories",
        "2",
        "--documents",
        "5",
    ]);
    assert_eq!(both.status.code(), Some(2));
    let missing = stemma(&["generate", "--from", "/nonexistent/articles", "--out", &out]);
    assert_eq!(missing.status.code(), Some(2));
}
