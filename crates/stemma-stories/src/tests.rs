use stemma_core::{
    Boilerplate, BoilerplateKind, Derivation, DocId, DocIdx, Document, Format, Metadata, Pair,
    Published, Relation, Span,
};

use super::*;

fn doc(id: &str, outlet: &str, published: &str, text: &str, attribution: Option<&str>) -> Document {
    let mut text = text.to_owned();
    let mut boilerplate = Vec::new();
    if let Some(line) = attribution {
        let start = text.len() + 2;
        text.push_str("\n\n");
        text.push_str(line);
        boilerplate.push(Boilerplate {
            span: Span::new(start, text.len()),
            kind: BoilerplateKind::Other,
        });
    }
    Document {
        id: DocId::new(id),
        source: id.to_owned(),
        format: Format::Text,
        text,
        html: None,
        meta: Metadata {
            outlet: Some(outlet.to_owned()),
            published: Published::parse(published),
            ..Metadata::default()
        },
        boilerplate,
        diagnostics: Vec::new(),
    }
}

fn pair(a: u32, b: u32, relation: Relation, a_covered: f64, b_covered: f64) -> Pair {
    Pair {
        a: DocIdx(a),
        b: DocIdx(b),
        relation,
        a_covered,
        b_covered,
        passages: Vec::new(),
    }
}

fn edges(s: &Story) -> Vec<(u32, u32, Relation)> {
    s.derivations
        .iter()
        .map(|d| (d.source.0, d.derived.0, d.relation))
        .collect()
}

/// The demo's shape: an original, its excerpt, a rewrite, a copy of the
/// rewrite, and an unrelated document.
#[test]
fn second_generation_copy_hangs_under_the_rewrite() {
    let docs = [
        doc("a", "Courier", "2026-03-10T08:00:00Z", "original", None),
        doc(
            "b",
            "Daily",
            "2026-03-10T10:00:00Z",
            "excerpt",
            Some("Source: Courier"),
        ),
        doc("c", "Farm", "2026-03-11T09:00:00Z", "rewrite", None),
        doc("d", "Hive", "2026-03-11T15:00:00Z", "copy of rewrite", None),
        doc("e", "Other", "2026-03-11T15:00:00Z", "unrelated", None),
    ];
    let pairs = [
        pair(0, 1, Relation::Excerpt, 0.5, 0.98),
        pair(0, 2, Relation::Rewrite, 0.8, 0.7),
        pair(0, 3, Relation::Rewrite, 0.8, 0.7),
        pair(1, 2, Relation::Rewrite, 0.6, 0.35),
        pair(2, 3, Relation::Duplicate, 0.95, 1.0),
    ];
    let reuse: Vec<Reuse<'_>> = pairs
        .iter()
        .map(|p| Reuse {
            pair: p,
            derived: (p.relation == Relation::Excerpt).then_some(DocIdx(1)),
        })
        .collect();
    let (s, _) = stories(&docs, &reuse, &Config::default());
    assert_eq!(s.len(), 2);
    assert_eq!(s[0].documents, [DocIdx(0), DocIdx(1), DocIdx(2), DocIdx(3)]);
    assert_eq!(s[0].roots, [DocIdx(0)]);
    assert_eq!(
        edges(&s[0]),
        [
            (0, 1, Relation::Excerpt),
            (0, 2, Relation::Rewrite),
            (2, 3, Relation::Duplicate)
        ]
    );
    let excerpt = &s[0].derivations[0];
    assert!(
        excerpt
            .evidence
            .iter()
            .any(|e| e.contains("names the source's outlet (Courier)")),
        "{:?}",
        excerpt.evidence
    );
    assert!(excerpt.confidence > 0.9, "{}", excerpt.confidence);
    assert_eq!(s[1].documents, [DocIdx(4)]);
    assert_eq!(s[1].roots, [DocIdx(4)]);
}

/// Attribution beats a wrong clock; without any signal the direction is
/// reported as undecided with low confidence; cycles never form.
#[test]
fn attribution_outvotes_time_and_no_cycles() {
    let docs = [
        doc("a", "Courier", "2026-03-10T12:00:00Z", "original", None),
        // Its clock says earlier, but it names the Courier.
        doc(
            "b",
            "Daily",
            "2026-03-10T09:00:00Z",
            "copy",
            Some("Originally published on Courier."),
        ),
        doc("c", "Wire", "", "copy", None),
    ];
    let pairs = [
        pair(0, 1, Relation::Duplicate, 1.0, 1.0),
        pair(0, 2, Relation::Duplicate, 1.0, 1.0),
        pair(1, 2, Relation::Duplicate, 1.0, 1.0),
    ];
    let reuse: Vec<Reuse<'_>> = pairs
        .iter()
        .map(|p| Reuse {
            pair: p,
            derived: None,
        })
        .collect();
    let (s, _) = stories(&docs, &reuse, &Config::default());
    assert_eq!(s.len(), 1);
    let story = &s[0];
    assert_eq!(story.roots.len(), 1, "{:?}", edges(story));
    assert_eq!(story.derivations.len(), 2);
    assert!(
        edges(story).contains(&(0, 1, Relation::Duplicate)),
        "{:?}",
        edges(story)
    );
    let undecided = story
        .derivations
        .iter()
        .find(|d| d.derived == DocIdx(2) || d.source == DocIdx(2));
    let undecided = undecided.expect("c is attached");
    assert!(undecided.confidence < 0.6, "{}", undecided.confidence);
    assert!(
        undecided.evidence.iter().any(|e| e.contains("no signal")),
        "{:?}",
        undecided.evidence
    );
}

/// A partial pair does not join stories.
#[test]
fn partial_reuse_keeps_stories_apart() {
    let docs = [
        doc("a", "Courier", "2026-03-10T12:00:00Z", "one", None),
        doc("b", "Daily", "2026-03-10T13:00:00Z", "two", None),
    ];
    let pairs = [pair(0, 1, Relation::Partial, 0.2, 0.1)];
    let reuse: Vec<Reuse<'_>> = pairs
        .iter()
        .map(|p| Reuse {
            pair: p,
            derived: None,
        })
        .collect();
    let (s, _) = stories(&docs, &reuse, &Config::default());
    assert_eq!(s.len(), 2);
    assert!(s.iter().all(|s| s.derivations.is_empty()));
}

/// A same-story pair joins two stories whose dates are close, not two
/// stories weeks apart (two events of one kind), and is then turned down.
#[test]
fn same_story_joins_only_within_days() {
    let docs = [
        doc("a", "Courier", "2026-03-10", "quake report", None),
        doc("b", "Ledger", "2026-03-12", "independent report", None),
        doc("c", "Daily", "", "undated copy", None),
        doc("d", "Wire", "2026-05-02", "another quake", None),
    ];
    let pairs = [
        pair(0, 1, Relation::SameStory, 0.0, 0.0),
        pair(0, 3, Relation::SameStory, 0.0, 0.0),
        pair(1, 2, Relation::Duplicate, 1.0, 1.0),
        pair(2, 3, Relation::SameStory, 0.0, 0.0),
    ];
    let reuse: Vec<Reuse<'_>> = pairs
        .iter()
        .map(|p| Reuse {
            pair: p,
            derived: None,
        })
        .collect();
    let (s, kept) = stories(&docs, &reuse, &Config::default());
    assert_eq!(kept, [true, false, true, false]);
    assert_eq!(s.len(), 2);
    assert_eq!(s[0].documents, [DocIdx(0), DocIdx(1), DocIdx(2)]);
    // Same-story pairs are no derivations: a and b are both roots.
    assert_eq!(s[0].roots, [DocIdx(0), DocIdx(1)]);
    assert_eq!(edges(&s[0]), [(1, 2, Relation::Duplicate)]);
    assert_eq!(s[1].documents, [DocIdx(3)]);
}

/// A same-story or partial pair whose derivation path passes through a
/// rewrite becomes a rewrite when it has a passage; a path of excerpts
/// only, a pair without passages, two independent roots of one story and
/// a pair across stories stay as they were.
#[test]
fn rewrites_through_derivations_follow_the_derivation_path() {
    let derivation = |source: u32, derived: u32, relation: Relation| Derivation {
        source: DocIdx(source),
        derived: DocIdx(derived),
        relation,
        confidence: 0.9,
        evidence: Vec::new(),
    };
    // 0 original; 1 and 4 excerpts of it; 2 a rewrite of it; 3 a copy of
    // the rewrite. 5 and 6: one story of two independent reports.
    let stories = [
        Story {
            documents: (0..5).map(DocIdx).collect(),
            roots: vec![DocIdx(0)],
            derivations: vec![
                derivation(0, 1, Relation::Excerpt),
                derivation(0, 2, Relation::Rewrite),
                derivation(2, 3, Relation::Duplicate),
                derivation(0, 4, Relation::Excerpt),
            ],
        },
        Story {
            documents: vec![DocIdx(5), DocIdx(6)],
            roots: vec![DocIdx(5), DocIdx(6)],
            derivations: Vec::new(),
        },
    ];
    let with_passage = |a: u32, b: u32, relation: Relation| {
        let mut p = pair(a, b, relation, 0.2, 0.9);
        p.passages.push(stemma_core::Passage {
            a: Span::new(0, 40),
            b: Span::new(0, 38),
            kind: stemma_core::PassageKind::Paraphrase,
        });
        p
    };
    let mut pairs = vec![
        with_passage(1, 2, Relation::SameStory),
        with_passage(1, 3, Relation::Partial),
        with_passage(1, 4, Relation::SameStory),
        with_passage(2, 3, Relation::Duplicate),
        pair(3, 4, Relation::SameStory, 0.0, 0.0),
        with_passage(5, 6, Relation::SameStory),
        with_passage(0, 5, Relation::SameStory),
    ];
    assert_eq!(rewrites_through_derivations(&stories, &mut pairs, 7), 2);
    let relations: Vec<Relation> = pairs.iter().map(|p| p.relation).collect();
    assert_eq!(
        relations,
        [
            Relation::Rewrite,
            Relation::Rewrite,
            Relation::SameStory,
            Relation::Duplicate,
            Relation::SameStory,
            Relation::SameStory,
            Relation::SameStory,
        ]
    );
}
