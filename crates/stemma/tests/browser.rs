//! The HTML dossier in a real browser: runs `tests/browser/dossier.py`
//! (headless Chromium through chromedriver and selenium) against the built
//! binary. It checks the demo dossier (no console errors, the stemma graphs,
//! a collation) and saves `target/browser/demo.png`, and proves that a
//! corpus of hostile documents runs none of its payloads.
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
    let out = Command::new(&python)
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
