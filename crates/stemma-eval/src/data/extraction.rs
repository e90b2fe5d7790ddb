//! Main-text extraction sets: HTML pages with the text a person marked as
//! the article.
//!
//! - AEB (article-extraction-benchmark): `ground-truth.json` is
//!   `{id: {"articleBody": text, "url": …}}`; pages are `html/<id>.html.gz`
//!   (or `html/<id>.html`).
//! - WCXB: `ground-truth/<id>.json` holds
//!   `{"ground_truth": {"main_content": text, …}, …}`; pages are
//!   `html/<id>.html.gz` (or `.html`). A page whose `main_content` is
//!   missing, null or empty has no ground truth and is skipped.
//!
//! Predictions of another extractor (to score a peer with the same code)
//! use the AEB output format: `{id: {"articleBody": text}}`; a bare
//! `{id: text}` is accepted too.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{Skipped, list_dir, read_string};
use crate::Error;

/// One page and its true article body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub id: String,
    pub truth: String,
    /// The HTML file (gzip when it ends in `.gz`).
    pub html: PathBuf,
}

/// A data set of pages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageSet {
    /// Sorted by id.
    pub pages: Vec<Page>,
    pub skipped: Vec<Skipped>,
}

fn page_file(html_dir: &Path, id: &str) -> Option<PathBuf> {
    [format!("{id}.html.gz"), format!("{id}.html")]
        .into_iter()
        .map(|n| html_dir.join(n))
        .find(|p| p.is_file())
}

/// Reads an AEB folder.
pub fn read_aeb(dir: &Path) -> Result<PageSet, Error> {
    let gt_path = dir.join("ground-truth.json");
    let gt: Value = serde_json::from_str(&read_string(&gt_path)?)
        .map_err(|e| Error::format(&gt_path, format!("not JSON: {e}")))?;
    let Value::Object(map) = gt else {
        return Err(Error::format(&gt_path, "expected an object of pages by id"));
    };
    let html_dir = dir.join("html");
    let mut set = PageSet::default();
    for (id, entry) in map {
        let Some(body) = entry.get("articleBody").and_then(Value::as_str) else {
            set.skipped.push(Skipped::new(
                format!("{}#{id}", gt_path.display()),
                "no articleBody string",
            ));
            continue;
        };
        match page_file(&html_dir, &id) {
            Some(html) => set.pages.push(Page {
                id,
                truth: body.to_owned(),
                html,
            }),
            None => set.skipped.push(Skipped::new(
                html_dir.join(format!("{id}.html.gz")).display().to_string(),
                "no such page",
            )),
        }
    }
    set.pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(set)
}

/// Reads a WCXB folder.
pub fn read_wcxb(dir: &Path) -> Result<PageSet, Error> {
    let gt_dir = dir.join("ground-truth");
    let html_dir = dir.join("html");
    let mut set = PageSet::default();
    for path in list_dir(&gt_dir)? {
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let id = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let what = path.display().to_string();
        let v: Value = match read_string(&path).and_then(|s| {
            serde_json::from_str(&s).map_err(|e| Error::format(&path, format!("not JSON: {e}")))
        }) {
            Ok(v) => v,
            Err(e) => {
                set.skipped.push(Skipped::new(what, e.to_string()));
                continue;
            }
        };
        let truth = v
            .get("ground_truth")
            .and_then(|g| g.get("main_content"))
            .and_then(Value::as_str)
            .filter(|s| !s.trim().is_empty());
        let Some(truth) = truth else {
            set.skipped.push(Skipped::new(what, "no main_content"));
            continue;
        };
        match page_file(&html_dir, &id) {
            Some(html) => set.pages.push(Page {
                id,
                truth: truth.to_owned(),
                html,
            }),
            None => set.skipped.push(Skipped::new(what, "no page in html/")),
        }
    }
    Ok(set)
}

/// Reads extraction outputs in the AEB format, by page id.
pub fn read_predictions(path: &Path) -> Result<BTreeMap<String, String>, Error> {
    let v: Value = serde_json::from_str(&read_string(path)?)
        .map_err(|e| Error::format(path, format!("not JSON: {e}")))?;
    let Value::Object(map) = v else {
        return Err(Error::format(
            path,
            "expected an object of predictions by id",
        ));
    };
    let mut out = BTreeMap::new();
    for (id, entry) in map {
        let text = match &entry {
            Value::String(s) => s.clone(),
            Value::Null => String::new(),
            Value::Object(o) => match o.get("articleBody") {
                Some(Value::String(s)) => s.clone(),
                None | Some(Value::Null) => String::new(),
                Some(_) => {
                    return Err(Error::format(
                        path,
                        format!("{id}: articleBody is not a string"),
                    ));
                }
            },
            _ => {
                return Err(Error::format(
                    path,
                    format!("{id}: expected {{\"articleBody\": text}} or a string"),
                ));
            }
        };
        out.insert(id, text);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gz(bytes: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(bytes).expect("in memory");
        e.finish().expect("in memory")
    }

    #[test]
    fn reads_an_aeb_folder() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        std::fs::create_dir(d.join("html")).expect("mkdir");
        std::fs::write(
            d.join("ground-truth.json"),
            r#"{"bb": {"articleBody": "Second body.", "url": "https://x.invalid/b"},
                "aa": {"articleBody": "First body.", "url": "https://x.invalid/a"},
                "cc": {"articleBody": "No page."},
                "dd": {"url": "no body"}}"#,
        )
        .expect("write");
        std::fs::write(d.join("html/aa.html.gz"), gz(b"<p>First body.</p>")).expect("write");
        std::fs::write(d.join("html/bb.html"), b"<p>Second body.</p>").expect("write");
        let set = read_aeb(d).expect("reads");
        let ids: Vec<&str> = set.pages.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["aa", "bb"]);
        assert_eq!(set.pages[0].truth, "First body.");
        assert_eq!(
            super::super::read_bytes(&set.pages[0].html).expect("page"),
            b"<p>First body.</p>"
        );
        assert_eq!(set.skipped.len(), 2);
        assert!(read_aeb(&d.join("missing")).is_err());
    }

    #[test]
    fn reads_a_wcxb_folder() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        std::fs::create_dir(d.join("html")).expect("mkdir");
        std::fs::create_dir(d.join("ground-truth")).expect("mkdir");
        let gt = |mc: &str| {
            format!(
                r#"{{"schema_version": "2.0", "file_id": "x", "ground_truth": {{"title": "T", "main_content": {mc}, "with": [], "without": []}}}}"#
            )
        };
        std::fs::write(d.join("ground-truth/0001.json"), gt("\"Body one.\"")).expect("write");
        std::fs::write(d.join("ground-truth/0002.json"), gt("null")).expect("write");
        std::fs::write(d.join("ground-truth/0003.json"), gt("\"Body three.\"")).expect("write");
        std::fs::write(d.join("ground-truth/0004.json"), "{not json").expect("write");
        std::fs::write(d.join("html/0001.html.gz"), gz(b"<p>Body one.</p>")).expect("write");
        std::fs::write(d.join("html/0002.html.gz"), gz(b"<p>x</p>")).expect("write");
        let set = read_wcxb(d).expect("reads");
        assert_eq!(set.pages.len(), 1);
        assert_eq!(set.pages[0].id, "0001");
        assert_eq!(set.pages[0].truth, "Body one.");
        // 0002: null main_content; 0003: no page; 0004: not JSON.
        assert_eq!(set.skipped.len(), 3);
    }

    #[test]
    fn reads_predictions() {
        let dir = tempfile::tempdir().expect("temp dir");
        let p = dir.path().join("p.json");
        std::fs::write(
            &p,
            r#"{"a": {"articleBody": "x"}, "b": "y", "c": {"articleBody": null}}"#,
        )
        .expect("write");
        let m = read_predictions(&p).expect("reads");
        assert_eq!(m.get("a").map(String::as_str), Some("x"));
        assert_eq!(m.get("b").map(String::as_str), Some("y"));
        assert_eq!(m.get("c").map(String::as_str), Some(""));
        std::fs::write(&p, r#"{"a": 3}"#).expect("write");
        assert!(read_predictions(&p).is_err());
    }
}
