//! `ecb`: story clustering on ECB+ topics 1–30. Each topic holds articles
//! about two distinct, similar events (`ecb` and `ecbplus` files): the
//! articles of one event must cluster together and apart from the other
//! event's. Scored with B-cubed P/R/F1 and the adjusted Rand index over all
//! articles at once (gold cluster = topic and sub-event); the coarser
//! topic-level clustering is shown beside it.

use std::path::Path;

use stemma_core::Reporter;
use stemma_report::Report;

use super::{fmt4, skipped_note};
use crate::data::ecb::{Article, read};
use crate::metrics::{adjusted_rand_index, bcubed};
use crate::{Error, Evaluation, Table};

/// The topics scored.
pub const TOPICS: std::ops::RangeInclusive<u32> = 1..=30;

/// Reads ECB+ from `dir`, runs the pipeline on all its articles as one
/// corpus, and scores the stories.
pub fn run(dir: &Path, reporter: &dyn Reporter) -> Result<Evaluation, Error> {
    let set = read(dir, TOPICS)?;
    let files: Vec<(String, Vec<u8>)> = set
        .articles
        .iter()
        .map(|a| (format!("{}.txt", a.id), a.text.as_bytes().to_vec()))
        .collect();
    let report = super::analyze_memory(&files, false, reporter);
    let mut e = score(&set.articles, &report);
    if let Some(n) = skipped_note("files", &set.skipped) {
        e.note(n);
    }
    Ok(e)
}

/// Scores the report's stories against the articles' events.
pub fn score(articles: &[Article], report: &Report) -> Evaluation {
    let mut story_of = std::collections::BTreeMap::new();
    for (i, s) in report.stories.iter().enumerate() {
        for d in &s.documents {
            story_of.entry(d.as_str()).or_insert(i);
        }
    }
    let predicted = |a: &Article| match story_of.get(a.id.as_str()) {
        Some(i) => format!("story {i}"),
        None => format!("single {}", a.id),
    };
    let fine: Vec<(String, (u32, &str))> = articles
        .iter()
        .map(|a| (predicted(a), (a.topic, a.sub_event.as_str())))
        .collect();
    let coarse: Vec<(String, u32)> = articles.iter().map(|a| (predicted(a), a.topic)).collect();
    let clustered = articles
        .iter()
        .filter(|a| story_of.contains_key(a.id.as_str()))
        .count();
    let mut e = Evaluation::new("ecb");
    let mut t = Table::new(
        "story clustering on ECB+ (unclustered article = singleton)",
        &[
            "gold clusters",
            "B3 precision",
            "B3 recall",
            "B3 F1",
            "ARI",
            "articles",
            "clusters",
            "in a story",
        ],
    );
    let mut fine_bc = Default::default();
    let mut fine_ari = 0.0;
    for (name, bc, ari, k) in [
        (
            "event (topic + ecb/ecbplus)",
            bcubed(&fine),
            adjusted_rand_index(&fine),
            distinct(fine.iter().map(|l| l.1)),
        ),
        (
            "topic",
            bcubed(&coarse),
            adjusted_rand_index(&coarse),
            distinct(coarse.iter().map(|l| l.1)),
        ),
    ] {
        if name.starts_with("event") {
            fine_bc = bc;
            fine_ari = ari;
        }
        t.row(vec![
            name.into(),
            fmt4(bc.precision),
            fmt4(bc.recall),
            fmt4(bc.f1),
            fmt4(ari),
            articles.len().to_string(),
            k.to_string(),
            clustered.to_string(),
        ]);
    }
    e.tables.push(t);
    if report.stories.is_empty() {
        e.note(
            "the pipeline made no stories (the stage does not exist yet): every article is a singleton, \
             which scores B-cubed precision 1, recall = clusters/articles, and ARI 0",
        );
    }
    let crate::metrics::Prf {
        precision,
        recall,
        f1,
    } = fine_bc;
    e.metric("bcubed_precision", precision);
    e.metric("bcubed_recall", recall);
    e.metric("bcubed_f1", f1);
    e.metric("ari", fine_ari);
    e.n = articles.len() as u64;
    e
}

fn distinct<T: Ord>(it: impl Iterator<Item = T>) -> usize {
    it.collect::<std::collections::BTreeSet<T>>().len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::ecb::SubEvent;

    fn art(id: &str, topic: u32, sub_event: SubEvent) -> Article {
        Article {
            id: id.to_owned(),
            topic,
            sub_event,
            text: String::new(),
        }
    }

    fn report(stories: &[&[&str]]) -> Report {
        let s: Vec<String> = stories
            .iter()
            .enumerate()
            .map(|(i, docs)| {
                let d: Vec<String> = docs.iter().map(|d| format!("\"{d}\"")).collect();
                format!(
                    r#"{{"id":"story-{i}","documents":[{}],"roots":[],"derivations":[]}}"#,
                    d.join(",")
                )
            })
            .collect();
        serde_json::from_str(&format!(
            r#"{{"stemma_report":1,"documents":[],"pairs":[],"stories":[{}],"findings":[],"diagnostics":[]}}"#,
            s.join(",")
        ))
        .expect("parses")
    }

    #[test]
    fn singletons_perfect_and_mix() {
        use SubEvent::*;
        // Topic 1: ecb {a, b}, ecbplus {c}; topic 2: ecb {d}.
        let arts = [
            art("a", 1, Ecb),
            art("b", 1, Ecb),
            art("c", 1, EcbPlus),
            art("d", 2, Ecb),
        ];
        // No stories: B3 P 1, R (1/2 + 1/2 + 1 + 1)/4 = 3/4 = clusters/articles,
        // F1 = 2·(3/4)/(7/4) = 6/7 = 0.8571; ARI 0.
        let e = score(&arts, &report(&[]));
        assert_eq!(
            e.result_line(),
            "RESULT ecb bcubed_precision=1.0000 bcubed_recall=0.7500 bcubed_f1=0.8571 ari=0.0000 n=4"
        );
        let e = score(&arts, &report(&[&["a", "b"], &["c"], &["d"]]));
        assert!(e.result_line().contains("bcubed_f1=1.0000 ari=1.0000"));
        // One story per topic, {a,b,c} {d}: P a, b 2/3 each, c 1/3, d 1 →
        // (8/3)/4 = 2/3; R 1 → F1 = 2·(2/3)/(5/3) = 4/5. ARI: 6 pairs; tp ab 1, fp ac bc 2,
        // fn 0, tn 3 → 2(1·3 − 0)/((1+0)(0+3) + (1+2)(2+3)) = 6/18 = 1/3.
        let e = score(&arts, &report(&[&["a", "b", "c"], &["d"]]));
        assert_eq!(
            e.result_line(),
            "RESULT ecb bcubed_precision=0.6667 bcubed_recall=1.0000 bcubed_f1=0.8000 ari=0.3333 n=4"
        );
        assert!(
            score(&[], &report(&[]))
                .result_line()
                .ends_with("ari=0.0000 n=0")
        );
    }
}
