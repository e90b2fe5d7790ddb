use super::*;

fn doc(
    id: &str,
    outlet: Option<&str>,
    published: Option<&str>,
    title: Option<&str>,
) -> DocumentOut {
    DocumentOut {
        id: id.into(),
        source: format!("corpus/{id}.txt"),
        title: title.map(Into::into),
        outlet: outlet.map(Into::into),
        published: published.map(Into::into),
        url: None,
        length: 100,
        text: None,
        boilerplate: vec![],
        diagnostics: vec![],
    }
}

fn derivation(source: &str, derived: &str, relation: &str, confidence: f64) -> DerivationOut {
    DerivationOut {
        source: source.into(),
        derived: derived.into(),
        relation: relation.into(),
        confidence,
        evidence: vec!["containment 0.98 one way".into()],
    }
}

fn sample() -> Report {
    Report {
        stemma_report: 1,
        documents: vec![
            doc("a_original", Some("Valley Courier"), Some("2026-03-10T08:00:00Z"), Some("Bridge shut")),
            doc("b_copy", Some("Newsline"), None, Some("Bridge shut")),
            doc("c_rewrite", None, None, Some("Officials close a vital crossing in a surprise move that leaves commuters stranded for weeks")),
            doc("d_copy_of_rewrite", None, None, None),
            doc("e_unrelated", None, None, Some("Rowing club wins")),
        ],
        pairs: vec![PairOut {
            a: "a_original".into(),
            b: "b_copy".into(),
            relation: "excerpt".into(),
            a_covered: 0.4,
            b_covered: 0.97,
            passages: vec![],
        }],
        stories: vec![StoryOut {
            id: "story-1".into(),
            documents: vec!["a_original".into(), "b_copy".into(), "c_rewrite".into(), "d_copy_of_rewrite".into()],
            roots: vec!["a_original".into()],
            derivations: vec![
                derivation("a_original", "b_copy", "excerpt", 0.93),
                derivation("a_original", "c_rewrite", "rewrite", 0.8),
                derivation("c_rewrite", "d_copy_of_rewrite", "duplicate", 0.99),
            ],
        }],
        findings: vec![
            FindingOut::Conflict {
                story: "story-1".into(),
                topic: "date".into(),
                explanation: "the year of the inspection differs: 2026 vs 2025".into(),
                statements: vec![
                    StatementOut { doc: "a_original".into(), span: [5, 18], quote: "March 9, 2026".into(), value: "2026-03-09".into() },
                    StatementOut { doc: "c_rewrite".into(), span: [7, 20], quote: "March 9, 2025".into(), value: "2025-03-09".into() },
                ],
            },
            FindingOut::Unsupported {
                story: "story-1".into(),
                doc: "c_rewrite".into(),
                span: [300, 420],
                quote: "Watchdogs argue that the closure was engineered to justify a toll that the minister has long wanted.".into(),
                explanation: "a paragraph found in no source".into(),
            },
        ],
        diagnostics: vec![
            DiagnosticOut { level: "error".into(), source: "corpus/broken.jsonl:3".into(), message: "invalid JSON at column 7: expected `:`".into() },
            DiagnosticOut { level: "warning".into(), source: "corpus/latin.txt".into(), message: "not valid UTF-8; decoded as windows-1252 (detected), with replacement characters".into() },
        ],
    }
}

#[test]
fn plain_summary() {
    insta::assert_snapshot!(summary(&sample(), Style::Plain));
}

#[test]
fn lines_fit_80_columns() {
    for line in summary(&sample(), Style::Plain).lines() {
        assert!(line.chars().count() <= 80, "too wide: {line:?}");
    }
}

#[test]
fn color_only_when_asked() {
    assert!(!summary(&sample(), Style::Plain).contains('\u{1b}'));
    assert!(summary(&sample(), Style::Color).contains('\u{1b}'));
}

#[test]
fn empty_report() {
    let report = Report {
        stemma_report: 1,
        documents: vec![],
        pairs: vec![],
        stories: vec![],
        findings: vec![],
        diagnostics: vec![],
    };
    insta::assert_snapshot!(summary(&report, Style::Plain));
}
