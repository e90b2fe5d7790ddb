//! `tempeval`: accuracy of normalised dates on TempEval-3 gold (TimeBank +
//! AQUAINT). The gold items are the TIMEX3 of type DATE in each document's
//! TEXT; a gold date counts as right when the date normaliser returned a
//! mention whose span overlaps it with exactly the gold `value`, each
//! mention counting for at most one gold date. Accuracy = right / gold
//! dates; the precision of the mentions returned is shown beside it.

use std::path::Path;

use super::{fmt4, skipped_note};
use crate::data::tempeval::{TempevalSet, read};
use crate::judges::{DateMention, DateNormalizer};
use crate::metrics::ratio;
use crate::{Error, Evaluation, Table};

/// Reads the TimeML files under `dir` and scores `normalizer` on them.
pub fn run(dir: &Path, normalizer: &dyn DateNormalizer) -> Result<Evaluation, Error> {
    let set = read(dir)?;
    let predicted: Vec<Vec<DateMention>> = set
        .docs
        .iter()
        .map(|d| normalizer.dates(&d.text, &d.dct))
        .collect();
    Ok(score(
        &set,
        &predicted,
        normalizer.name(),
        normalizer.is_baseline(),
    ))
}

/// Scores mentions (one list per document, in order).
pub fn score(
    set: &TempevalSet,
    predicted: &[Vec<DateMention>],
    name: &str,
    baseline: bool,
) -> Evaluation {
    let (mut gold, mut right, mut returned, mut span_found) = (0u64, 0u64, 0u64, 0u64);
    for (i, doc) in set.docs.iter().enumerate() {
        let preds = predicted.get(i).map(Vec::as_slice).unwrap_or_default();
        returned += preds.len() as u64;
        let mut used = vec![false; preds.len()];
        let mut used_span = vec![false; preds.len()];
        for t in doc.timexes.iter().filter(|t| t.kind == "DATE") {
            gold += 1;
            let overlaps = |m: &DateMention| m.span[0] < t.span[1] && t.span[0] < m.span[1];
            if let Some(k) = (0..preds.len())
                .find(|&k| !used[k] && overlaps(&preds[k]) && preds[k].value == t.value)
            {
                used[k] = true;
                right += 1;
            }
            if let Some(k) = (0..preds.len()).find(|&k| !used_span[k] && overlaps(&preds[k])) {
                used_span[k] = true;
                span_found += 1;
            }
        }
    }
    let accuracy = ratio(right, gold);
    let mut e = Evaluation::new("tempeval");
    let mut t = Table::new(
        format!("normalised DATE values given the creation time ({name})"),
        &[
            "",
            "accuracy",
            "found (span)",
            "precision",
            "documents",
            "gold dates",
            "right",
            "returned",
        ],
    );
    t.row(vec![
        "DATE".into(),
        fmt4(accuracy),
        fmt4(ratio(span_found, gold)),
        fmt4(ratio(right, returned)),
        set.docs.len().to_string(),
        gold.to_string(),
        right.to_string(),
        returned.to_string(),
    ]);
    e.tables.push(t);
    if baseline {
        e.note("baseline: stemma has no date extractor yet; no date is returned, so accuracy is 0");
    }
    if let Some(n) = skipped_note("files", &set.skipped) {
        e.note(n);
    }
    e.metric("accuracy", accuracy);
    e.n = gold;
    e
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::tempeval::{TimemlDoc, Timex};
    use crate::judges::NoDates;

    fn set() -> TempevalSet {
        let tx = |tid: &str, kind: &str, value: &str, span: [usize; 2]| Timex {
            tid: tid.into(),
            kind: kind.into(),
            value: value.into(),
            span,
        };
        TempevalSet {
            docs: vec![TimemlDoc {
                id: "d".into(),
                dct: "1998-08-07".into(),
                text: "x".repeat(100),
                timexes: vec![
                    tx("t1", "DATE", "1998-08-07", [10, 16]),
                    tx("t2", "DURATION", "P2D", [20, 28]),
                    tx("t3", "DATE", "1998-W31", [30, 39]),
                    tx("t4", "DATE", "1998", [50, 54]),
                ],
            }],
            skipped: vec![],
        }
    }

    fn m(span: [usize; 2], value: &str) -> DateMention {
        DateMention {
            span,
            value: value.into(),
        }
    }

    #[test]
    fn baseline_perfect_and_mix() {
        let s = set();
        let e = score(&s, &[NoDates.dates("", "")], "none", true);
        assert_eq!(e.result_line(), "RESULT tempeval accuracy=0.0000 n=3");
        let perfect = vec![vec![
            m([10, 16], "1998-08-07"),
            m([30, 39], "1998-W31"),
            m([50, 54], "1998"),
        ]];
        assert_eq!(
            score(&s, &perfect, "oracle", false).result_line(),
            "RESULT tempeval accuracy=1.0000 n=3"
        );
        // t1 right (overlapping span, same value), t3 wrong value, t4 missed,
        // and an extra mention: 1 right of 3 gold → 1/3; precision 1/3.
        let mix = vec![vec![
            m([12, 20], "1998-08-07"),
            m([30, 39], "1998-07-31"),
            m([80, 85], "1999"),
        ]];
        let e = score(&s, &mix, "mix", false);
        assert_eq!(e.result_line(), "RESULT tempeval accuracy=0.3333 n=3");
        assert_eq!(
            score(&TempevalSet::default(), &[], "none", true).result_line(),
            "RESULT tempeval accuracy=0.0000 n=0"
        );
    }
}
