//! The HTML dossier in a real browser: runs `tests/browser/dossier.py`
//! (headless Chromium through chromedriver and selenium) against the built
//! binary. It checks the demo dossier (no console errors, the stemma graphs,
//! a collation) and saves `target/browser/demo.png`, and proves that a
//! corpus of hostile documents runs none of its payloads. A third page is
//! the demo report with two findings set by hand (the rewrite's shifted
//! year and its inserted paragraph), so that the check of highlighted and
//! linked finding spans does not move with the claims stage.
//!
//! Needs Debian's `chromium` and `chromium-driver` and a Python with
//! `selenium`: `STEMMA_BROWSER_PYTHON`, else `target/browser/venv` (what
//! `.ci/run` creates), else `python3`. Without them the test says so and
//! passes, except under CI (`CI` set), where it fails.

#![allow(clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::process::Command;

#[test]
fn dossier_in_headless_chromium() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let python = std::env::var_os("STEMMA_BROWSER_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let venv = root.join("target/browser/venv/bin/python");
            if venv.exists() {
                venv
            } else {
                PathBuf::from("python3")
            }
        });
    let has_selenium = Command::new(&python)
        .args(["-c", "import selenium"])
        .output()
        .is_ok_and(|o| o.status.success());
    let ready = Path::new("/usr/bin/chromium").exists()
        && Path::new("/usr/bin/chromedriver").exists()
        && has_selenium;
    if !ready {
        assert!(
            std::env::var_os("CI").is_none(),
            "the browser test needs chromium, chromium-driver and selenium ({}): .ci/run installs them",
            python.display()
        );
        eprintln!(
            "browser test not run: needs /usr/bin/chromium, /usr/bin/chromedriver and selenium for {}",
            python.display()
        );
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let findings = dir.path().join("findings.html");
    std::fs::write(&findings, stemma_report::html(&demo_with_findings())).expect("write page");
    let out = Command::new(&python)
        .env("STEMMA_FINDINGS_PAGE", &findings)
        .arg(root.join("tests/browser/dossier.py"))
        .arg(env!("CARGO_BIN_EXE_stemma"))
        .output()
        .expect("run the browser test");
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The demo's report, with texts, plus a conflict and an unsupported claim.
fn demo_with_findings() -> stemma_report::Report {
    use stemma_report::{FindingOut, Report, StatementOut};
    let out = Command::new(env!("CARGO_BIN_EXE_stemma"))
        .args(["demo", "--json", "-", "--with-text"])
        .output()
        .expect("run stemma demo");
    let mut report: Report = serde_json::from_slice(&out.stdout).expect("report v1");
    let span = |report: &Report, doc: &str, needle: &str| -> [usize; 2] {
        let text = report
            .documents
            .iter()
            .find(|d| d.id == doc)
            .and_then(|d| d.text.as_deref())
            .expect("demo text");
        let byte = text.find(needle).expect("needle in the demo text");
        let start = text[..byte].chars().count();
        [start, start + needle.chars().count()]
    };
    let story = report
        .stories
        .iter()
        .find(|s| s.documents.iter().any(|d| d == "03_trendpulse_daily"))
        .map(|s| s.id.clone())
        .expect("the bridge story");
    let statement = |report: &Report, doc: &str, quote: &str, value: &str| StatementOut {
        doc: doc.into(),
        span: span(report, doc, quote),
        quote: quote.into(),
        value: value.into(),
    };
    let inserted =
        "Transportation watchdogs argue that the Halvey closure was entirely predictable.";
    let findings = vec![
        FindingOut::Conflict {
            story: story.clone(),
            topic: "date".into(),
            explanation: "the day the crack was found: 2026-03-09 vs 2025-03-09".into(),
            statements: vec![
                statement(
                    &report,
                    "01_tane_valley_courier",
                    "March 9, 2026",
                    "2026-03-09",
                ),
                statement(
                    &report,
                    "03_trendpulse_daily",
                    "March 9, 2025",
                    "2025-03-09",
                ),
            ],
        },
        FindingOut::Unsupported {
            story,
            doc: "03_trendpulse_daily".into(),
            span: span(&report, "03_trendpulse_daily", inserted),
            quote: inserted.into(),
            explanation: "a paragraph found in no source and no other version".into(),
        },
    ];
    report.findings = findings;
    report
}
