//! `aeb` and `wcxb`: main-text extraction against the article body a
//! person marked, with the AEB metric ([`crate::metrics::aeb`]).
//!
//! stemma's extraction result for a page is the document text ingest
//! produces for it, minus the `boilerplate` spans the pipeline reports:
//! that is how the extraction stage reports what is not the article. All
//! pages run through the pipeline as one corpus (boilerplate is also
//! learnt from templates repeated across pages). With `--predictions`, a
//! peer's outputs are scored by the same code instead.

use std::collections::BTreeMap;
use std::path::Path;

use stemma_core::Reporter;

use super::{fmt4, skipped_note};
use crate::data::extraction::{Page, PageSet, read_aeb, read_predictions, read_wcxb};
use crate::data::read_bytes;
use crate::metrics::{aeb, remove_spans};
use crate::{Error, Evaluation, ItemScore, Table};

/// Which data set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Set {
    Aeb,
    Wcxb,
}

impl Set {
    pub fn task(self) -> &'static str {
        match self {
            Set::Aeb => "aeb",
            Set::Wcxb => "wcxb",
        }
    }
}

/// Reads the data set in `dir` and scores stemma's extraction, or the
/// outputs in `predictions`.
pub fn run(
    set: Set,
    dir: &Path,
    predictions: Option<&Path>,
    reporter: &dyn Reporter,
) -> Result<Evaluation, Error> {
    let pages = match set {
        Set::Aeb => read_aeb(dir)?,
        Set::Wcxb => read_wcxb(dir)?,
    };
    let (predicted, mut notes, source) = match predictions {
        Some(p) => (
            read_predictions(p)?,
            Vec::new(),
            format!("predictions from {}", p.display()),
        ),
        None => {
            let (m, n) = stemma_predictions(&pages.pages, reporter);
            (
                m,
                n,
                "stemma: ingest text minus reported boilerplate".to_owned(),
            )
        }
    };
    let mut e = score(set.task(), &pages, &predicted, &source);
    notes.append(&mut e.notes);
    e.notes = notes;
    Ok(e)
}

/// stemma's extracted text per page id, and notes on pages that could not
/// be read.
pub fn stemma_predictions(
    pages: &[Page],
    reporter: &dyn Reporter,
) -> (BTreeMap<String, String>, Vec<String>) {
    let mut files = Vec::with_capacity(pages.len());
    let mut unreadable = 0;
    for p in pages {
        match read_bytes(&p.html) {
            Ok(b) => files.push((format!("{}.html", p.id), b)),
            Err(_) => unreadable += 1,
        }
    }
    let report = super::analyze_memory(&files, true, reporter);
    drop(files);
    let mut out = BTreeMap::new();
    for d in &report.documents {
        let text = d.text.as_deref().unwrap_or("");
        let cut: Vec<[usize; 2]> = d.boilerplate.iter().map(|b| b.span).collect();
        out.insert(d.id.clone(), remove_spans(text, &cut));
    }
    let mut notes = Vec::new();
    let errors: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.level == "error")
        .map(|d| format!("{}: {}", d.source, d.message))
        .collect();
    if !errors.is_empty() {
        let more = errors.len().saturating_sub(3);
        notes.push(format!(
            "ingest skipped {} pages (scored as empty extractions): {}{}",
            errors.len(),
            errors[..errors.len().min(3)].join("; "),
            if more > 0 {
                format!("; and {more} more")
            } else {
                String::new()
            }
        ));
    }
    if unreadable > 0 {
        notes.push(format!(
            "{unreadable} pages could not be read (scored as empty extractions)"
        ));
    }
    let boiler = report
        .documents
        .iter()
        .filter(|d| !d.boilerplate.is_empty())
        .count();
    notes.push(format!(
        "{boiler} of {} documents have boilerplate spans; without them the whole ingest text is the extraction",
        report.documents.len()
    ));
    (out, notes)
}

/// Scores predicted texts (by id) against the pages' truth. A page with no
/// prediction is scored as an empty extraction.
pub fn score(
    task: &str,
    pages: &PageSet,
    predicted: &BTreeMap<String, String>,
    source: &str,
) -> Evaluation {
    let mut matches = Vec::with_capacity(pages.pages.len());
    let mut missing = 0;
    let mut empty = 0;
    for p in &pages.pages {
        let pred = match predicted.get(&p.id) {
            Some(t) => t.as_str(),
            None => {
                missing += 1;
                ""
            }
        };
        if aeb::tokenize(pred).is_empty() {
            empty += 1;
        }
        matches.push(aeb::compare(&p.truth, pred));
    }
    let s = aeb::score(&matches);
    let mut e = Evaluation::new(task);
    e.items = pages
        .pages
        .iter()
        .zip(&matches)
        .map(|(p, m)| ItemScore {
            id: p.id.clone(),
            metrics: vec![
                ("precision".to_owned(), m.precision()),
                ("recall".to_owned(), m.recall()),
                ("f1".to_owned(), m.f1()),
            ],
        })
        .collect();
    let mut t = Table::new(
        format!("main-text extraction, AEB metric ({source})"),
        &[
            "",
            "precision",
            "recall",
            "F1",
            "accuracy",
            "pages",
            "in P mean",
            "in R mean",
            "empty output",
        ],
    );
    t.row(vec![
        "article body".into(),
        fmt4(s.precision),
        fmt4(s.recall),
        fmt4(s.f1),
        fmt4(s.accuracy),
        s.n.to_string(),
        s.n_precision.to_string(),
        s.n_recall.to_string(),
        empty.to_string(),
    ]);
    e.tables.push(t);
    e.note(
        "averaging as AEB's evaluate.py: per page, word-4-gram tp/fp/fn normalised to sum 1; precision \
         and recall are means over pages (pages with nothing predicted leave the precision mean); F1 is \
         the harmonic mean of the two means; accuracy = share of pages whose token sequences match exactly",
    );
    if missing > 0 {
        e.note(format!(
            "{missing} pages have no prediction (scored as empty extractions)"
        ));
    }
    if let Some(n) = skipped_note("pages", &pages.skipped) {
        e.note(n);
    }
    e.metric("precision", s.precision);
    e.metric("recall", s.recall);
    e.metric("f1", s.f1);
    e.metric("accuracy", s.accuracy);
    e.n = s.n as u64;
    e
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn set(items: &[(&str, &str)]) -> PageSet {
        PageSet {
            pages: items
                .iter()
                .map(|(id, truth)| Page {
                    id: (*id).to_owned(),
                    truth: (*truth).to_owned(),
                    html: PathBuf::from(format!("{id}.html")),
                })
                .collect(),
            skipped: Vec::new(),
        }
    }

    #[test]
    fn scores_predictions() {
        let pages = set(&[("p1", "one two three four five six"), ("p2", "a b c d e")]);
        let perfect: BTreeMap<String, String> = pages
            .pages
            .iter()
            .map(|p| (p.id.clone(), p.truth.clone()))
            .collect();
        let e = score("aeb", &pages, &perfect, "test");
        assert_eq!(
            e.result_line(),
            "RESULT aeb precision=1.0000 recall=1.0000 f1=1.0000 accuracy=1.0000 n=2"
        );
        let e = score("aeb", &pages, &BTreeMap::new(), "test");
        assert_eq!(
            e.result_line(),
            "RESULT aeb precision=0.0000 recall=0.0000 f1=0.0000 accuracy=0.0000 n=2"
        );
        // p1 perfect (P = R = 1); p2 "x a b c d": P = R = 1/2 (see the
        // metric's tests) → means 3/4, F1 3/4, accuracy 1/2.
        let mut mix = perfect.clone();
        mix.insert("p2".into(), "x a b c d".into());
        let e = score("aeb", &pages, &mix, "test");
        assert_eq!(
            e.result_line(),
            "RESULT aeb precision=0.7500 recall=0.7500 f1=0.7500 accuracy=0.5000 n=2"
        );
        assert_eq!(
            e.items_jsonl(),
            "{\"id\":\"p1\",\"precision\":1.000000,\"recall\":1.000000,\"f1\":1.000000}\n\
             {\"id\":\"p2\",\"precision\":0.500000,\"recall\":0.500000,\"f1\":0.500000}\n"
        );
        let e = score("wcxb", &PageSet::default(), &mix, "test");
        assert_eq!(
            e.result_line(),
            "RESULT wcxb precision=0.0000 recall=0.0000 f1=0.0000 accuracy=0.0000 n=0"
        );
    }

    #[test]
    fn runs_stemma_on_pages() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        std::fs::create_dir(d.join("html")).expect("mkdir");
        std::fs::write(
            d.join("ground-truth.json"),
            r#"{"p1": {"articleBody": "Body words are here today.", "url": "https://x.invalid/"}}"#,
        )
        .expect("write");
        std::fs::write(
            d.join("html/p1.html"),
            "<html><body><p>Body words are here today.</p></body></html>",
        )
        .expect("write");
        let e = run(Set::Aeb, d, None, &stemma_core::NoProgress).expect("runs");
        assert_eq!(e.n, 1);
        // Whatever ingest makes of the page, the article's words are in it.
        let recall = e
            .result
            .iter()
            .find(|(k, _)| k == "recall")
            .map(|(_, v)| *v);
        assert_eq!(recall, Some(1.0));
        let preds = d.join("preds.json");
        std::fs::write(
            &preds,
            r#"{"p1": {"articleBody": "Body words are here today."}}"#,
        )
        .expect("write");
        let e = run(Set::Aeb, d, Some(&preds), &stemma_core::NoProgress).expect("runs");
        assert!(e.result_line().contains("f1=1.0000"));
    }
}
