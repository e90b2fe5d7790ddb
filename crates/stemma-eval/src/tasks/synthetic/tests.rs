//! A hand-made truth and three hand-made reports (perfect, empty, a known
//! mix), with the expected figures worked out in comments.

use super::*;

/// Story s1: a (original) → b (copy, boilerplate [0,10)), a → c (rewrite
/// with a date change and an insertion), c → d (copy of the rewrite,
/// generation 2). Story s2: e alone. Story s3: f → g (excerpt).
const TRUTH: &str = r#"{"type":"header","stemma_truth":1,"generator":"hand","seed":null}
{"type":"document","id":"a","story":"s1","role":"original"}
{"type":"document","id":"b","story":"s1","role":"copy","boilerplate":[{"span":[0,10],"kind":"header"}]}
{"type":"document","id":"c","story":"s1","role":"rewrite"}
{"type":"document","id":"d","story":"s1","role":"copy"}
{"type":"document","id":"e","story":"s2","role":"distractor"}
{"type":"document","id":"f","story":"s3","role":"original"}
{"type":"document","id":"g","story":"s3","role":"excerpt"}
{"type":"derivation","source":"a","derived":"b","relation":"duplicate","generation":1}
{"type":"derivation","source":"a","derived":"c","relation":"rewrite","generation":1}
{"type":"derivation","source":"c","derived":"d","relation":"duplicate","generation":2}
{"type":"derivation","source":"f","derived":"g","relation":"excerpt","generation":1}
{"type":"pair","a":"a","b":"b","relation":"duplicate"}
{"type":"pair","a":"a","b":"c","relation":"rewrite"}
{"type":"pair","a":"c","b":"d","relation":"duplicate"}
{"type":"pair","a":"a","b":"d","relation":"rewrite"}
{"type":"pair","a":"b","b":"c","relation":"rewrite"}
{"type":"pair","a":"b","b":"d","relation":"rewrite"}
{"type":"pair","a":"f","b":"g","relation":"excerpt"}
{"type":"change","topic":"date","source":"a","source_span":[100,104],"derived":"c","derived_span":[50,54]}
{"type":"inserted","doc":"c","span":[200,300]}
"#;

fn truth() -> Truth {
    Truth::parse(TRUTH.as_bytes(), "truth.jsonl").expect("the hand-made truth parses")
}

fn doc(id: &str, boilerplate: &str) -> String {
    format!(
        r#"{{"id":"{id}","source":"docs/{id}.txt","title":null,"outlet":null,"published":null,"url":null,"length":1000,"boilerplate":[{boilerplate}],"diagnostics":[]}}"#
    )
}

fn report(boilerplate_b: &str, pairs: &str, stories: &str, findings: &str) -> Report {
    let docs: Vec<String> = ["a", "b", "c", "d", "e", "f", "g"]
        .iter()
        .map(|id| doc(id, if *id == "b" { boilerplate_b } else { "" }))
        .collect();
    let json = format!(
        r#"{{"stemma_report":1,"documents":[{}],"pairs":[{pairs}],"stories":[{stories}],"findings":[{findings}],"diagnostics":[]}}"#,
        docs.join(",")
    );
    serde_json::from_str(&json).expect("the hand-made report parses")
}

fn pair(a: &str, b: &str, rel: &str) -> String {
    format!(
        r#"{{"a":"{a}","b":"{b}","relation":"{rel}","a_covered":1.0,"b_covered":1.0,"passages":[]}}"#
    )
}

fn story(id: &str, docs: &[&str], edges: &[(&str, &str, &str)]) -> String {
    let docs: Vec<String> = docs.iter().map(|d| format!("\"{d}\"")).collect();
    let edges: Vec<String> = edges
        .iter()
        .map(|(s, d, r)| {
            format!(r#"{{"source":"{s}","derived":"{d}","relation":"{r}","confidence":0.9,"evidence":[]}}"#)
        })
        .collect();
    format!(
        r#"{{"id":"{id}","documents":[{}],"roots":[],"derivations":[{}]}}"#,
        docs.join(","),
        edges.join(",")
    )
}

fn statement(doc: &str, span: [usize; 2]) -> String {
    format!(
        r#"{{"doc":"{doc}","span":[{},{}],"quote":"","value":""}}"#,
        span[0], span[1]
    )
}

fn conflict(topic: &str, statements: &[String]) -> String {
    format!(
        r#"{{"kind":"conflict","story":"story-1","topic":"{topic}","explanation":"","statements":[{}]}}"#,
        statements.join(",")
    )
}

fn unsupported(doc: &str, span: [usize; 2]) -> String {
    format!(
        r#"{{"kind":"unsupported","story":"story-1","doc":"{doc}","span":[{},{}],"quote":"","explanation":""}}"#,
        span[0], span[1]
    )
}

#[test]
fn perfect_report_scores_one() {
    let pairs = [
        pair("a", "b", "duplicate"),
        pair("a", "c", "rewrite"),
        pair("c", "d", "duplicate"),
        pair("a", "d", "rewrite"),
        pair("b", "c", "rewrite"),
        pair("b", "d", "rewrite"),
        pair("f", "g", "excerpt"),
    ];
    let stories = [
        story(
            "story-1",
            &["a", "b", "c", "d"],
            &[
                ("a", "b", "duplicate"),
                ("a", "c", "rewrite"),
                ("c", "d", "duplicate"),
            ],
        ),
        story("story-2", &["e"], &[]),
        story("story-3", &["f", "g"], &[("f", "g", "excerpt")]),
    ];
    let findings = [
        conflict(
            "date",
            &[statement("a", [100, 104]), statement("c", [50, 54])],
        ),
        unsupported("c", [200, 300]),
    ];
    let r = report(
        r#"{"span":[0,10],"kind":"header"}"#,
        &pairs.join(","),
        &stories.join(","),
        &findings.join(","),
    );
    let e = score(&truth(), &r);
    assert_eq!(
        e.result_line(),
        "RESULT synthetic pairs_f1=1.0000 derivations_f1=1.0000 derivations_gen2_f1=1.0000 \
         bcubed_f1=1.0000 ari=1.0000 boilerplate_f1=1.0000 conflicts_f1=1.0000 unsupported_f1=1.0000 \
         false_findings_per_100=0.0000 n=7"
    );
}

#[test]
fn empty_report_scores_zero() {
    let e = score(&truth(), &report("", "", "", ""));
    // Every document is a singleton: B-cubed precision 1, recall
    // (4·1/4 + 1 + 2·1/2)/7 = 3/7, F1 = 2·(3/7)/(10/7) = 0.6. ARI: no
    // predicted pair, numerator 2(tp·tn − fn·fp) = 0.
    assert_eq!(
        e.result_line(),
        "RESULT synthetic pairs_f1=0.0000 derivations_f1=0.0000 derivations_gen2_f1=0.0000 \
         bcubed_f1=0.6000 ari=0.0000 boilerplate_f1=0.0000 conflicts_f1=0.0000 unsupported_f1=0.0000 \
         false_findings_per_100=0.0000 n=7"
    );
    assert!(e.notes.iter().any(|n| n.contains("do not exist yet")));
    // An empty truth: nothing to score, n = 0, zeros.
    let e = score(&Truth::default(), &report("", "", "", ""));
    assert!(
        e.result_line()
            .ends_with("false_findings_per_100=0.0000 n=0")
    );
    assert!(e.result.iter().all(|(_, v)| *v == 0.0));
}

#[test]
fn mixed_report_scores_the_hand_values() {
    // Pairs: (a,b) duplicate right, (a,c) duplicate wrong relation, (f,g)
    // excerpt right, (e,f) partial wrong: tp 2 of 4 predicted, 7 gold →
    // F1 = 2·2/(2·2 + 2 + 5) = 4/11 = 0.3636.
    let pairs = [
        pair("a", "b", "duplicate"),
        pair("c", "a", "duplicate"),
        pair("f", "g", "excerpt"),
        pair("e", "f", "partial"),
    ];
    // Edges: a→b right, c→a wrong direction, c→d right (generation 2):
    // tp 2 of 3 predicted, 4 gold → F1 = 4/(4 + 1 + 2) = 4/7 = 0.5714;
    // generation ≥ 2: {c→d} against {c→d} → 1.
    // Stories: {a,b,c} {d,e}, f and g unclustered.
    // B3 P: a,b,c 1 each; d 1/2; e 1/2; f, g 1 → 6/7.
    // B3 R: a,b,c 3/4 each; d 1/4; e 1; f, g 1/2 → 4.5/7 = 9/14.
    // F1 = 2·(6/7)(9/14)/(6/7 + 9/14) = (54/49)/(21/14) = 36/49 = 0.7347.
    // ARI: 21 pairs; together in both: ab ac bc → tp 3; predicted only: de →
    // fp 1; gold only: ad bd cd fg → fn 4; tn 13.
    // 2(3·13 − 4·1)/((3+4)(4+13) + (3+1)(1+13)) = 70/175 = 0.4.
    let stories = [
        story(
            "story-1",
            &["a", "b", "c"],
            &[("a", "b", "duplicate"), ("c", "a", "rewrite")],
        ),
        story("story-2", &["d", "e"], &[("c", "d", "duplicate")]),
    ];
    // Conflicts: the date one contains both changed spans ([48,60) ⊇
    // [50,54), [100,104) ⊇ [100,104)); the number one finds nothing and
    // touches e and f of clean stories. P 1/2, R 1/1, F1 2/3.
    // Unsupported: c [250,350) against [200,300): tp 50, fp 50, fn 50;
    // g [0,10): fp 10 (and a false finding in story s3). F1 = 100/210.
    let findings = [
        conflict(
            "date",
            &[statement("c", [48, 60]), statement("a", [100, 104])],
        ),
        conflict("number", &[statement("e", [0, 5]), statement("f", [0, 5])]),
        unsupported("c", [250, 350]),
        unsupported("g", [0, 10]),
    ];
    // Boilerplate: b [5,15) against [0,10): tp 5, fp 5, fn 5 → F1 0.5.
    // False findings: 2 (the number conflict, the g span) on the 3
    // documents of clean stories s2, s3 → 66.6667 per 100.
    let r = report(
        r#"{"span":[5,15],"kind":"header"}"#,
        &pairs.join(","),
        &stories.join(","),
        &findings.join(","),
    );
    let e = score(&truth(), &r);
    assert_eq!(
        e.result_line(),
        "RESULT synthetic pairs_f1=0.3636 derivations_f1=0.5714 derivations_gen2_f1=1.0000 \
         bcubed_f1=0.7347 ari=0.4000 boilerplate_f1=0.5000 conflicts_f1=0.6667 unsupported_f1=0.4762 \
         false_findings_per_100=66.6667 n=7"
    );
    // Per topic: date found (P = R = 1), number predicted but absent from
    // the truth (P 0), name neither.
    let conflicts = e
        .tables
        .iter()
        .find(|t| t.title.starts_with("conflicts"))
        .expect("a conflicts table");
    let row = |name: &str| {
        conflicts
            .rows
            .iter()
            .find(|r| r[0] == name)
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(
        row("date"),
        ["date", "1.0000", "1.0000", "1.0000", "1", "1"]
    );
    assert_eq!(
        row("number"),
        ["number", "0.0000", "0.0000", "0.0000", "1", "0"]
    );
    assert_eq!(
        row("name"),
        ["name", "0.0000", "0.0000", "0.0000", "0", "0"]
    );
}

#[test]
fn runs_on_files_with_a_report() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("truth.jsonl"), TRUTH).expect("write");
    let r = report("", "", "", "");
    let rp = dir.path().join("report.json");
    std::fs::write(&rp, serde_json::to_string(&r).expect("serialises")).expect("write");
    let e = run(dir.path(), Some(&rp), &stemma_core::NoProgress).expect("runs");
    assert!(e.result_line().contains("bcubed_f1=0.6000"));
    // Without a report the corpus needs its docs/ folder.
    assert!(run(dir.path(), None, &stemma_core::NoProgress).is_err());
}

#[test]
fn runs_the_pipeline_on_a_corpus_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("docs")).expect("mkdir");
    for id in ["a", "b", "c", "d", "e", "f", "g"] {
        std::fs::write(
            dir.path().join("docs").join(format!("{id}.txt")),
            format!("Text of {id}.\n"),
        )
        .expect("write");
    }
    std::fs::write(dir.path().join("truth.jsonl"), TRUTH).expect("write");
    let e = run(dir.path(), None, &stemma_core::NoProgress).expect("runs");
    assert_eq!(e.n, 7);
    assert!(
        !e.notes.iter().any(|n| n.contains("not in the report")),
        "{:?}",
        e.notes
    );
}

#[test]
fn inherited_records_are_accepted_not_required() {
    // The change of a→c is copied on to d (inherited, against a); the
    // insertion into c is copied on to d [200,300) (inherited).
    let extra = "{\"type\":\"change\",\"topic\":\"date\",\"source\":\"a\",\"source_span\":[100,104],\"derived\":\"d\",\"derived_span\":[60,64],\"inherited\":true}\n\
                 {\"type\":\"inserted\",\"doc\":\"d\",\"span\":[200,300],\"inherited\":true}\n";
    let t = Truth::parse(format!("{TRUTH}{extra}").as_bytes(), "t").expect("parses");
    // Only the inherited records are predicted: the conflict is right
    // (P 1) but the required change is missed (R 0) → F1 0. The d span is
    // neither true nor false: unsupported tp 0, fp 0, fn 100 → F1 0.
    let findings = [
        conflict(
            "date",
            &[statement("a", [100, 104]), statement("d", [60, 64])],
        ),
        unsupported("d", [200, 300]),
    ];
    let e = score(&t, &report("", "", "", &findings.join(",")));
    let conflicts = e
        .tables
        .iter()
        .find(|t| t.title.starts_with("conflicts"))
        .expect("table");
    assert_eq!(
        conflicts.rows[0],
        ["all topics", "1.0000", "0.0000", "0.0000", "1", "1"]
    );
    let spans = e
        .tables
        .iter()
        .find(|t| t.title.starts_with("spans"))
        .expect("table");
    assert_eq!(
        spans.rows[1],
        [
            "unsupported (inserted)",
            "0.0000",
            "0.0000",
            "0.0000",
            "0",
            "100"
        ]
    );
    // Predicting both: conflicts P 1, R 1; unsupported [200,300) in c and d:
    // tp 100, fp 0, fn 0 → 1.
    let findings = [
        conflict(
            "date",
            &[
                statement("a", [100, 104]),
                statement("c", [50, 54]),
                statement("d", [60, 64]),
            ],
        ),
        unsupported("c", [200, 300]),
        unsupported("d", [200, 300]),
    ];
    let e = score(&t, &report("", "", "", &findings.join(",")));
    assert!(
        e.result_line()
            .contains("conflicts_f1=1.0000 unsupported_f1=1.0000"),
        "{}",
        e.result_line()
    );
}
