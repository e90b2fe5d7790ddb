//! `synthetic`: a labelled corpus (`DIR/truth.jsonl` + `DIR/docs/`, as
//! `stemma generate` writes it, or labelled by hand) against stemma's
//! report on it.
//!
//! What is scored, and how a prediction counts:
//! - pairs: an unordered document pair with its relation; per relation and
//!   overall (pair and relation both right), and, as a diagnostic, the pair
//!   alone whatever the relation;
//! - derivation edges: `source → derived`, direction counted; also with the
//!   relation required, and separately for the edges into documents of
//!   generation ≥ 2 (copies of copies): a predicted edge belongs to that
//!   subset when its derived document is, in the truth, of generation ≥ 2;
//! - stories: B-cubed P/R/F1 and the adjusted Rand index over the truth's
//!   documents; a document in no predicted story is a singleton;
//! - boilerplate: character-level P/R/F1, spans of each document merged
//!   (kinds not compared), summed over documents;
//! - conflicts: a truth `change` is found when one predicted conflict has
//!   a statement in the derived document whose span contains the changed
//!   span and a statement in the source document whose span contains the
//!   source span; a predicted conflict is right when it finds at least one
//!   change. Recall is over the changes where the change was made;
//!   `inherited` records (a copy of the rewrite, another version with the
//!   old value) are accepted, so a conflict finding one is right, but not
//!   required. Per topic (date, number, name; a predicted `quantity`
//!   counts as `number`) the same with topics required to agree;
//! - unsupported: character-level P/R/F1 of `unsupported` finding spans on
//!   the truth's inserted spans; characters of `inherited` inserted spans
//!   (the insertion as copied on) are neither required nor false;
//! - false findings: findings that touch a document of a story with no
//!   change and no insertion, per 100 such documents.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use stemma_core::Reporter;
use stemma_report::{FindingOut, Report};

use super::fmt4;
use crate::data::synthetic::{Truth, read_report, read_truth};
use crate::metrics::{self, Counts, Prf, ratio};
use crate::{Error, Evaluation, Table};

/// Reads the corpus in `dir` and scores `report` (a report v1 file) or,
/// without one, stemma's own analysis of `dir/docs`.
pub fn run(
    dir: &Path,
    report: Option<&Path>,
    reporter: &dyn Reporter,
) -> Result<Evaluation, Error> {
    let truth = read_truth(dir)?;
    let (report, source) = match report {
        Some(p) => (
            read_report(p)?,
            format!("scored the report {}", p.display()),
        ),
        None => {
            let docs = dir.join("docs");
            if !docs.is_dir() {
                return Err(Error::Usage(format!(
                    "{} has no docs/ folder: give the corpus folder `stemma generate` wrote, or --report FILE",
                    dir.display()
                )));
            }
            (
                super::analyze_paths(std::slice::from_ref(&docs), false, reporter),
                format!("ran the pipeline on {}", docs.display()),
            )
        }
    };
    let mut e = score(&truth, &report);
    e.notes.insert(0, source);
    Ok(e)
}

/// The truth topic a predicted topic is scored under.
fn topic_of(t: &str) -> &str {
    if t == "quantity" { "number" } else { t }
}

fn key(a: &str, b: &str) -> (String, String) {
    if a <= b {
        (a.to_owned(), b.to_owned())
    } else {
        (b.to_owned(), a.to_owned())
    }
}

fn prf_row(name: &str, c: Counts) -> Vec<String> {
    vec![
        name.to_owned(),
        fmt4(c.precision()),
        fmt4(c.recall()),
        fmt4(c.f1()),
        c.predicted().to_string(),
        c.gold().to_string(),
    ]
}

const PRF_COLUMNS: &[&str] = &["", "precision", "recall", "F1", "predicted", "gold"];

/// Scores a report against the truth.
pub fn score(truth: &Truth, report: &Report) -> Evaluation {
    let mut e = Evaluation::new("synthetic");
    let truth_ids: BTreeSet<&str> = truth.documents.iter().map(|d| d.id.as_str()).collect();
    let report_ids: BTreeSet<&str> = report.documents.iter().map(|d| d.id.as_str()).collect();

    // Pairs.
    let mut gold_pairs: BTreeMap<(String, String), &str> = BTreeMap::new();
    for p in &truth.pairs {
        gold_pairs.entry(key(&p.a, &p.b)).or_insert(&p.relation);
    }
    let mut pred_pairs: BTreeMap<(String, String), &str> = BTreeMap::new();
    for p in &report.pairs {
        pred_pairs.entry(key(&p.a, &p.b)).or_insert(&p.relation);
    }
    let relations: BTreeSet<&str> = ["duplicate", "excerpt", "rewrite", "partial", "same-story"]
        .into_iter()
        .chain(gold_pairs.values().copied())
        .chain(pred_pairs.values().copied())
        .collect();
    let with_rel = |m: &BTreeMap<(String, String), &str>,
                    r: Option<&str>|
     -> BTreeSet<((String, String), String)> {
        m.iter()
            .filter(|(_, rel)| r.is_none_or(|r| **rel == r))
            .map(|(k, rel)| (k.clone(), (*rel).to_owned()))
            .collect()
    };
    let mut pairs_table = Table::new("pairs (unordered pair and relation)", PRF_COLUMNS);
    for r in &relations {
        let c = Counts::of_sets(
            &with_rel(&pred_pairs, Some(r)),
            &with_rel(&gold_pairs, Some(r)),
        );
        pairs_table.row(prf_row(r, c));
    }
    let pairs_all = Counts::of_sets(&with_rel(&pred_pairs, None), &with_rel(&gold_pairs, None));
    pairs_table.row(prf_row("all relations", pairs_all));
    let pk: BTreeSet<_> = pred_pairs.keys().cloned().collect();
    let gk: BTreeSet<_> = gold_pairs.keys().cloned().collect();
    pairs_table.row(prf_row(
        "pair found, any relation",
        Counts::of_sets(&pk, &gk),
    ));

    // Derivation edges.
    let gold_edges: BTreeSet<(String, String)> = truth
        .derivations
        .iter()
        .map(|d| (d.source.clone(), d.derived.clone()))
        .collect();
    let gold_edges_rel: BTreeSet<(String, String, String)> = truth
        .derivations
        .iter()
        .map(|d| (d.source.clone(), d.derived.clone(), d.relation.clone()))
        .collect();
    let pred_deriv: Vec<_> = report.stories.iter().flat_map(|s| &s.derivations).collect();
    let pred_edges: BTreeSet<(String, String)> = pred_deriv
        .iter()
        .map(|d| (d.source.clone(), d.derived.clone()))
        .collect();
    let pred_edges_rel: BTreeSet<(String, String, String)> = pred_deriv
        .iter()
        .map(|d| (d.source.clone(), d.derived.clone(), d.relation.clone()))
        .collect();
    let mut generation: BTreeMap<&str, u32> = BTreeMap::new();
    for d in &truth.derivations {
        let g = generation.entry(d.derived.as_str()).or_insert(0);
        *g = (*g).max(d.generation);
    }
    let deep = |edges: &BTreeSet<(String, String)>| -> BTreeSet<(String, String)> {
        edges
            .iter()
            .filter(|(_, d)| generation.get(d.as_str()).is_some_and(|&g| g >= 2))
            .cloned()
            .collect()
    };
    let edges = Counts::of_sets(&pred_edges, &gold_edges);
    let edges_rel = Counts::of_sets(&pred_edges_rel, &gold_edges_rel);
    let edges_deep = Counts::of_sets(&deep(&pred_edges), &deep(&gold_edges));
    let mut deriv_table = Table::new("derivation edges (source → derived)", PRF_COLUMNS);
    deriv_table.row(prf_row("direction", edges));
    deriv_table.row(prf_row("direction and relation", edges_rel));
    deriv_table.row(prf_row("generation ≥ 2, direction", edges_deep));

    // Stories.
    let mut pred_story: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, s) in report.stories.iter().enumerate() {
        for d in &s.documents {
            pred_story.entry(d.as_str()).or_insert(i);
        }
    }
    let mut seen = BTreeSet::new();
    let labels: Vec<(String, &str)> = truth
        .documents
        .iter()
        .filter(|d| seen.insert(d.id.as_str()))
        .map(|d| {
            let p = match pred_story.get(d.id.as_str()) {
                Some(i) => format!("story {i}"),
                None => format!("single {}", d.id),
            };
            (p, d.story.as_str())
        })
        .collect();
    let bc = metrics::bcubed(&labels);
    let ari = metrics::adjusted_rand_index(&labels);
    let gold_stories: BTreeSet<&str> = labels.iter().map(|l| l.1).collect();
    let pred_clusters: BTreeSet<&str> = labels.iter().map(|l| l.0.as_str()).collect();
    let mut story_table = Table::new(
        "story clustering (over the truth's documents; unclustered = singleton)",
        &[
            "",
            "B3 precision",
            "B3 recall",
            "B3 F1",
            "ARI",
            "documents",
            "gold stories",
            "predicted clusters",
        ],
    );
    story_table.row(vec![
        "stories".into(),
        fmt4(bc.precision),
        fmt4(bc.recall),
        fmt4(bc.f1),
        fmt4(ari),
        labels.len().to_string(),
        gold_stories.len().to_string(),
        pred_clusters.len().to_string(),
    ]);

    // Boilerplate, character level.
    let report_docs: BTreeMap<&str, &stemma_report::DocumentOut> = report
        .documents
        .iter()
        .map(|d| (d.id.as_str(), d))
        .collect();
    let mut boiler = Counts::default();
    for d in &truth.documents {
        let gold: Vec<[usize; 2]> = d.boilerplate.iter().map(|b| b.span).collect();
        let pred: Vec<[usize; 2]> = report_docs
            .get(d.id.as_str())
            .map(|r| r.boilerplate.iter().map(|b| b.span).collect())
            .unwrap_or_default();
        boiler += metrics::span_counts(&pred, &gold);
    }

    // Conflicts.
    let conflicts: Vec<(&str, &[stemma_report::StatementOut])> = report
        .findings
        .iter()
        .filter_map(|f| match f {
            FindingOut::Conflict {
                topic, statements, ..
            } => Some((topic.as_str(), statements.as_slice())),
            FindingOut::Unsupported { .. } => None,
        })
        .collect();
    let contains =
        |outer: [usize; 2], inner: [usize; 2]| outer[0] <= inner[0] && inner[1] <= outer[1];
    let finds = |statements: &[stemma_report::StatementOut],
                 c: &stemma_synth::truth::ChangeTruth| {
        statements
            .iter()
            .any(|s| s.doc == c.derived && contains(s.span, c.derived_span))
            && statements
                .iter()
                .any(|s| s.doc == c.source && contains(s.span, c.source_span))
    };
    // (matched predicted, predicted, matched gold, gold) for a topic (None = all).
    let conflict_counts = |topic: Option<&str>| -> (u64, u64, u64, u64) {
        let preds: Vec<_> = conflicts
            .iter()
            .filter(|(t, _)| topic.is_none_or(|x| topic_of(t) == x))
            .collect();
        let accepted: Vec<_> = truth
            .changes
            .iter()
            .filter(|c| topic.is_none_or(|x| c.topic == x))
            .collect();
        let required: Vec<_> = accepted.iter().filter(|c| !c.inherited).collect();
        // A match needs a statement in the change's derived document, so
        // each side is looked up by document: a scan of all changes per
        // finding does not finish on a 1M-document report.
        let mut changes_of: BTreeMap<&str, Vec<&stemma_synth::truth::ChangeTruth>> =
            BTreeMap::new();
        for c in &accepted {
            changes_of.entry(c.derived.as_str()).or_default().push(c);
        }
        let mut preds_of: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
        for (i, (_, st)) in preds.iter().enumerate() {
            for s in st.iter() {
                preds_of.entry(s.doc.as_str()).or_default().insert(i);
            }
        }
        let mp = preds
            .iter()
            .filter(|(_, st)| {
                st.iter().any(|s| {
                    changes_of
                        .get(s.doc.as_str())
                        .is_some_and(|cs| cs.iter().any(|c| finds(st, c)))
                })
            })
            .count();
        let mg = required
            .iter()
            .filter(|c| {
                preds_of
                    .get(c.derived.as_str())
                    .is_some_and(|ps| ps.iter().any(|&i| finds(preds[i].1, c)))
            })
            .count();
        (
            mp as u64,
            preds.len() as u64,
            mg as u64,
            required.len() as u64,
        )
    };
    let conflict_row = |name: &str, (mp, np, mg, ng): (u64, u64, u64, u64)| -> (Vec<String>, Prf) {
        let prf = Prf::from_pr(ratio(mp, np), ratio(mg, ng));
        (
            vec![
                name.to_owned(),
                fmt4(prf.precision),
                fmt4(prf.recall),
                fmt4(prf.f1),
                np.to_string(),
                ng.to_string(),
            ],
            prf,
        )
    };
    let mut conflict_table = Table::new(
        "conflicts (a finding counts when its statements contain the changed span and its source span)",
        PRF_COLUMNS,
    );
    let (row, conflicts_all) = conflict_row("all topics", conflict_counts(None));
    conflict_table.row(row);
    for t in ["date", "number", "name"] {
        conflict_table.row(conflict_row(t, conflict_counts(Some(t))).0);
    }

    // Unsupported spans, character level.
    let mut gold_ins: BTreeMap<&str, Vec<[usize; 2]>> = BTreeMap::new();
    let mut accepted_ins: BTreeMap<&str, Vec<[usize; 2]>> = BTreeMap::new();
    for i in &truth.inserted {
        if !i.inherited {
            gold_ins.entry(i.doc.as_str()).or_default().push(i.span);
        }
        accepted_ins.entry(i.doc.as_str()).or_default().push(i.span);
    }
    let mut pred_ins: BTreeMap<&str, Vec<[usize; 2]>> = BTreeMap::new();
    for f in &report.findings {
        if let FindingOut::Unsupported { doc, span, .. } = f {
            pred_ins.entry(doc.as_str()).or_default().push(*span);
        }
    }
    let mut unsupported = Counts::default();
    let docs: BTreeSet<&str> = gold_ins.keys().chain(pred_ins.keys()).copied().collect();
    for d in docs {
        let pred = pred_ins.get(d).map(Vec::as_slice).unwrap_or_default();
        let required =
            metrics::span_counts(pred, gold_ins.get(d).map(Vec::as_slice).unwrap_or_default());
        // False positives are the characters outside every accepted span.
        let accepted = metrics::span_counts(
            pred,
            accepted_ins.get(d).map(Vec::as_slice).unwrap_or_default(),
        );
        unsupported += Counts::new(required.true_pos, accepted.false_pos, required.false_neg);
    }
    let mut span_table = Table::new("spans, character level", PRF_COLUMNS);
    span_table.row(prf_row("boilerplate", boiler));
    span_table.row(prf_row("unsupported (inserted)", unsupported));

    // False findings on stories without injected changes.
    let story_of: BTreeMap<&str, &str> = truth
        .documents
        .iter()
        .map(|d| (d.id.as_str(), d.story.as_str()))
        .collect();
    let injected: BTreeSet<&str> = truth
        .changes
        .iter()
        .flat_map(|c| [c.derived.as_str(), c.source.as_str()])
        .chain(truth.inserted.iter().map(|i| i.doc.as_str()))
        .filter_map(|d| story_of.get(d).copied())
        .collect();
    let clean_docs: BTreeSet<&str> = story_of
        .iter()
        .filter(|(_, s)| !injected.contains(*s))
        .map(|(d, _)| *d)
        .collect();
    let false_findings = report
        .findings
        .iter()
        .filter(|f| match f {
            FindingOut::Conflict { statements, .. } => statements
                .iter()
                .any(|s| clean_docs.contains(s.doc.as_str())),
            FindingOut::Unsupported { doc, .. } => clean_docs.contains(doc.as_str()),
        })
        .count() as u64;
    let clean_stories: BTreeSet<&str> = clean_docs
        .iter()
        .filter_map(|d| story_of.get(d).copied())
        .collect();
    let per_100 = if clean_docs.is_empty() {
        0.0
    } else {
        100.0 * false_findings as f64 / clean_docs.len() as f64
    };
    let mut false_table = Table::new(
        "false findings (stories with no injected change or insertion)",
        &["", "findings", "documents", "stories", "per 100 documents"],
    );
    false_table.row(vec![
        "clean stories".into(),
        false_findings.to_string(),
        clean_docs.len().to_string(),
        clean_stories.len().to_string(),
        fmt4(per_100),
    ]);

    e.tables = vec![
        pairs_table,
        deriv_table,
        story_table,
        span_table,
        conflict_table,
        false_table,
    ];
    let missing = truth_ids.difference(&report_ids).count();
    if missing > 0 {
        e.note(format!(
            "{missing} of {} truth documents are not in the report (scored as found nothing)",
            truth_ids.len()
        ));
    }
    let extra = report_ids.difference(&truth_ids).count();
    if extra > 0 {
        e.note(format!(
            "{extra} report documents are not in the truth (not scored)"
        ));
    }
    if report.pairs.is_empty() && report.stories.is_empty() && report.findings.is_empty() {
        e.note("the report has no pairs, stories or findings: the stages that make them do not exist yet");
    }
    e.metric("pairs_f1", pairs_all.f1());
    e.metric("derivations_f1", edges.f1());
    e.metric("derivations_gen2_f1", edges_deep.f1());
    e.metric("bcubed_f1", bc.f1);
    e.metric("ari", ari);
    e.metric("boilerplate_f1", boiler.f1());
    e.metric("conflicts_f1", conflicts_all.f1);
    e.metric("unsupported_f1", unsupported.f1());
    e.metric("false_findings_per_100", per_100);
    e.n = labels.len() as u64;
    e
}

#[cfg(test)]
mod tests;
