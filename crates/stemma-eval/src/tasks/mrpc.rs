//! `mrpc`: stemma's sentence-level paraphrase decision on the MRPC pairs:
//! accuracy, and precision/recall/F1 of the paraphrase class.

use std::path::Path;

use super::{fmt4, skipped_note};
use crate::data::mrpc::{MrpcSet, read};
use crate::judges::ParaphraseJudge;
use crate::metrics::Binary;
use crate::{Error, Evaluation, Table};

/// Reads MRPC from `path` and scores `judge` on it.
pub fn run(path: &Path, judge: &dyn ParaphraseJudge) -> Result<Evaluation, Error> {
    let set = read(path)?;
    let pairs: Vec<(&str, &str)> = set
        .pairs
        .iter()
        .map(|p| (p.s1.as_str(), p.s2.as_str()))
        .collect();
    let decisions = judge.judge(&pairs);
    Ok(score(&set, &decisions, judge.name(), judge.is_baseline()))
}

/// Scores decisions (one per pair, in order; `None` = no decision, scored
/// as not a paraphrase; missing decisions count as `None`).
pub fn score(set: &MrpcSet, decisions: &[Option<bool>], judge: &str, baseline: bool) -> Evaluation {
    let undecided = set
        .pairs
        .iter()
        .enumerate()
        .filter(|(i, _)| decisions.get(*i).copied().flatten().is_none())
        .count();
    let b = Binary::of(set.pairs.iter().enumerate().map(|(i, p)| {
        (
            decisions.get(i).copied().flatten().unwrap_or(false),
            p.paraphrase,
        )
    }));
    let c = b.counts;
    let mut e = Evaluation::new("mrpc");
    let mut t = Table::new(
        format!("sentence paraphrase decision ({judge})"),
        &[
            "",
            "accuracy",
            "precision",
            "recall",
            "F1",
            "pairs",
            "paraphrases",
            "TP",
            "FP",
            "FN",
            "TN",
            "no decision",
        ],
    );
    t.row(vec![
        "paraphrase".into(),
        fmt4(b.accuracy()),
        fmt4(c.precision()),
        fmt4(c.recall()),
        fmt4(c.f1()),
        b.n().to_string(),
        c.gold().to_string(),
        c.true_pos.to_string(),
        c.false_pos.to_string(),
        c.false_neg.to_string(),
        b.true_neg.to_string(),
        undecided.to_string(),
    ]);
    e.tables.push(t);
    if baseline {
        e.note(
            "baseline: stemma has no sentence-level paraphrase decision yet; every pair is scored as \
             not a paraphrase, so accuracy is the share of negatives and F1 is 0",
        );
    }
    if let Some(n) = skipped_note("lines", &set.skipped) {
        e.note(n);
    }
    e.metric("accuracy", b.accuracy());
    e.metric("precision", c.precision());
    e.metric("recall", c.recall());
    e.metric("f1", c.f1());
    e.n = b.n();
    e
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::mrpc::parse;
    use crate::judges::NoParaphraseJudge;

    const SRC: &str = "Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\n\
                       1\t1\t2\tA\tA'\n1\t3\t4\tB\tB'\n0\t5\t6\tC\tD\n0\t7\t8\tE\tF\n1\t9\t10\tG\tG'\n";

    #[test]
    fn baseline_perfect_and_mix() {
        let set = parse(SRC, "m.txt");
        // Baseline: 3 positives of 5 all missed: accuracy 2/5, F1 0.
        let pairs: Vec<(&str, &str)> = set
            .pairs
            .iter()
            .map(|p| (p.s1.as_str(), p.s2.as_str()))
            .collect();
        let e = score(&set, &NoParaphraseJudge.judge(&pairs), "none", true);
        assert_eq!(
            e.result_line(),
            "RESULT mrpc accuracy=0.4000 precision=0.0000 recall=0.0000 f1=0.0000 n=5"
        );
        assert!(e.render().contains("baseline"));
        let gold: Vec<Option<bool>> = set.pairs.iter().map(|p| Some(p.paraphrase)).collect();
        let e = score(&set, &gold, "oracle", false);
        assert_eq!(
            e.result_line(),
            "RESULT mrpc accuracy=1.0000 precision=1.0000 recall=1.0000 f1=1.0000 n=5"
        );
        // Decisions yes, no, yes, no, (none): TP 1, FN 2 (pairs 2 and 5),
        // FP 1 (pair 3), TN 1 → accuracy 2/5, P 1/2, R 1/3,
        // F1 = 2/(2 + 1 + 2) = 2/5.
        let mix = [Some(true), Some(false), Some(true), Some(false)];
        let e = score(&set, &mix, "mix", false);
        assert_eq!(
            e.result_line(),
            "RESULT mrpc accuracy=0.4000 precision=0.5000 recall=0.3333 f1=0.4000 n=5"
        );
        let e = score(&MrpcSet::default(), &[], "none", true);
        assert_eq!(
            e.result_line(),
            "RESULT mrpc accuracy=0.0000 precision=0.0000 recall=0.0000 f1=0.0000 n=0"
        );
    }
}
