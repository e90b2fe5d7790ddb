//! `semeval`: stemma's document similarity against the human `Overall`
//! score of SemEval-2022 Task 8, on the English–English pairs. `Overall`
//! runs from 1 (very similar) to 4 (unrelated), so the figure is
//! Pearson's r between stemma's similarity and −Overall: positive when
//! stemma agrees (the task's own scoring correlates predicted and gold
//! Overall, which is the same number).

use std::path::Path;

use stemma_core::Reporter;

use super::{fmt4, skipped_note};
use crate::data::semeval::{Pair, SemevalSet, read};
use crate::judges::DocumentSimilarity;
use crate::metrics::pearson;
use crate::{Error, Evaluation, Table};

/// The pairs scored: both articles in English.
pub fn english_pairs(set: &SemevalSet) -> Vec<&Pair> {
    set.pairs
        .iter()
        .filter(|p| p.lang1 == "en" && p.lang2 == "en")
        .collect()
}

/// Reads the data and scores `similarity` on the English–English pairs.
pub fn run(
    path: &Path,
    similarity: &dyn DocumentSimilarity,
    reporter: &dyn Reporter,
) -> Result<Evaluation, Error> {
    let set = read(path)?;
    let pairs = english_pairs(&set);
    // One document per article id (the first text seen for it).
    let mut docs: Vec<(String, String)> = Vec::new();
    let mut index = std::collections::BTreeMap::new();
    let mut idx = |id: &str, text: &str, docs: &mut Vec<(String, String)>| -> usize {
        *index.entry(id.to_owned()).or_insert_with(|| {
            docs.push((id.to_owned(), text.to_owned()));
            docs.len() - 1
        })
    };
    let ij: Vec<(usize, usize)> = pairs
        .iter()
        .map(|p| {
            (
                idx(&p.id1, &p.text1, &mut docs),
                idx(&p.id2, &p.text2, &mut docs),
            )
        })
        .collect();
    let sims = similarity.similarities(&docs, &ij, reporter);
    let mut e = score(&pairs, &sims, similarity.name());
    e.notes.insert(
        0,
        format!(
            "{} pairs in the file, {} English–English, {} distinct articles",
            set.pairs.len(),
            pairs.len(),
            docs.len()
        ),
    );
    if let Some(n) = skipped_note("records", &set.skipped) {
        e.note(n);
    }
    Ok(e)
}

/// Scores similarities (one per pair, in order; `None` = no value).
pub fn score(pairs: &[&Pair], sims: &[Option<f64>], name: &str) -> Evaluation {
    let xy: Vec<(f64, f64)> = pairs
        .iter()
        .enumerate()
        .filter_map(|(i, p)| sims.get(i).copied().flatten().map(|s| (s, -p.overall)))
        .collect();
    let r = pearson(&xy);
    let mut e = Evaluation::new("semeval");
    let mut t = Table::new(
        format!("document similarity vs −Overall ({name})"),
        &["", "Pearson r", "pairs", "with a value", "distinct values"],
    );
    let mut distinct: Vec<f64> = xy.iter().map(|p| p.0).collect();
    distinct.sort_by(f64::total_cmp);
    distinct.dedup();
    t.row(vec![
        "en–en".into(),
        fmt4(r.unwrap_or(0.0)),
        pairs.len().to_string(),
        xy.len().to_string(),
        distinct.len().to_string(),
    ]);
    e.tables.push(t);
    if r.is_none() {
        e.note(if xy.is_empty() {
            "no similarity values: Pearson's r is undefined, reported as 0".to_owned()
        } else {
            "the similarities (or the gold scores) are constant: Pearson's r is undefined, reported as 0 \
             (stemma's pipeline does not relate documents yet)"
                .to_owned()
        });
    }
    e.metric("pearson", r.unwrap_or(0.0));
    e.n = pairs.len() as u64;
    e
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::semeval::parse;
    use crate::judges::ReportSimilarity;

    const SRC: &str = "pair_id,lang1,lang2,text1,text2,Overall\n\
                       1_2,en,en,Storm hits the coast.,Storm batters the coast.,1.0\n\
                       3_4,en,en,Markets fall.,A storm hits.,4.0\n\
                       5_6,en,en,Team wins cup.,Cup won by team.,2.0\n\
                       7_8,de,en,Sturm.,Storm.,1.0\n";

    #[test]
    fn scores_similarities() {
        let set = parse(SRC, "s.csv").expect("parses");
        let pairs = english_pairs(&set);
        assert_eq!(pairs.len(), 3);
        // Overall 1, 4, 2 → −Overall −1, −4, −2. Similarities 3, 0, 2:
        // means 5/3 and −7/3; dx = 4/3, −5/3, 1/3; dy = 4/3, −5/3, 1/3 → r = 1.
        let e = score(&pairs, &[Some(3.0), Some(0.0), Some(2.0)], "test");
        assert_eq!(e.result_line(), "RESULT semeval pearson=1.0000 n=3");
        // Constant values (today's pipeline): undefined → 0, with a note.
        let e = score(&pairs, &[Some(0.0); 3], "test");
        assert_eq!(e.result_line(), "RESULT semeval pearson=0.0000 n=3");
        assert!(e.notes.iter().any(|n| n.contains("undefined")));
        let e = score(&pairs, &[], "test");
        assert_eq!(e.result_line(), "RESULT semeval pearson=0.0000 n=3");
        let e = score(&[], &[], "test");
        assert_eq!(e.result_line(), "RESULT semeval pearson=0.0000 n=0");
    }

    #[test]
    fn runs_with_the_pipeline() {
        let dir = tempfile::tempdir().expect("temp dir");
        let p = dir.path().join("training_set.csv");
        std::fs::write(&p, SRC).expect("write");
        let e = run(dir.path(), &ReportSimilarity, &stemma_core::NoProgress).expect("runs");
        assert_eq!(e.n, 3);
    }
}
