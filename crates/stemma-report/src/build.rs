//! From documents, diagnostics and analysis results to the wire types.

use stemma_core::{Analysis, CharIndex, Diagnostic, DocIdx, Document, Finding, Span};

use crate::wire::*;

/// What goes into a report besides the required fields.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Include each document's `text`.
    pub with_text: bool,
}

/// Builds report v1. `documents` must be sorted by id (as ingest returns
/// them); the analysis refers to them by position.
pub fn build(
    documents: &[Document],
    diagnostics: &[Diagnostic],
    analysis: &Analysis,
    options: Options,
) -> Report {
    let index: Vec<CharIndex> = documents.iter().map(|d| CharIndex::new(&d.text)).collect();
    let id = |d: DocIdx| documents[d.index()].id.to_string();
    let span = |d: DocIdx, s: Span| index[d.index()].char_span(s);
    let quote = |d: DocIdx, s: Span| {
        s.slice(&documents[d.index()].text)
            .unwrap_or_default()
            .to_owned()
    };
    let story_id = |i: usize| format!("story-{}", i + 1);

    let docs = documents
        .iter()
        .zip(&index)
        .map(|(d, idx)| DocumentOut {
            id: d.id.to_string(),
            source: d.source.clone(),
            title: d.meta.title.clone(),
            outlet: d.meta.outlet.clone(),
            published: d.meta.published.as_ref().map(ToString::to_string),
            url: d.meta.url.clone(),
            length: idx.len_chars(),
            text: options.with_text.then(|| d.text.clone()),
            boilerplate: d
                .boilerplate
                .iter()
                .map(|b| BoilerplateOut {
                    span: idx.char_span(b.span),
                    kind: b.kind.as_str().to_owned(),
                })
                .collect(),
            diagnostics: d
                .diagnostics
                .iter()
                .map(|g| DocDiagnosticOut {
                    level: g.level.as_str().to_owned(),
                    message: g.message.clone(),
                })
                .collect(),
        })
        .collect();

    let pairs = analysis
        .pairs
        .iter()
        .map(|p| PairOut {
            a: id(p.a),
            b: id(p.b),
            relation: p.relation.as_str().to_owned(),
            a_covered: round4(p.a_covered),
            b_covered: round4(p.b_covered),
            passages: p
                .passages
                .iter()
                .map(|g| PassageOut {
                    a: span(p.a, g.a),
                    b: span(p.b, g.b),
                    kind: g.kind.as_str().to_owned(),
                })
                .collect(),
        })
        .collect();

    let stories = analysis
        .stories
        .iter()
        .enumerate()
        .map(|(i, s)| StoryOut {
            id: story_id(i),
            documents: s.documents.iter().map(|&d| id(d)).collect(),
            roots: s.roots.iter().map(|&d| id(d)).collect(),
            derivations: s
                .derivations
                .iter()
                .map(|d| DerivationOut {
                    source: id(d.source),
                    derived: id(d.derived),
                    relation: d.relation.as_str().to_owned(),
                    confidence: round4(d.confidence),
                    evidence: d.evidence.clone(),
                })
                .collect(),
        })
        .collect();

    let findings = analysis
        .findings
        .iter()
        .map(|f| match f {
            Finding::Conflict(c) => FindingOut::Conflict {
                story: story_id(c.story),
                topic: c.topic.as_str().to_owned(),
                explanation: c.explanation.clone(),
                statements: c
                    .statements
                    .iter()
                    .map(|s| StatementOut {
                        doc: id(s.doc),
                        span: span(s.doc, s.span),
                        quote: quote(s.doc, s.span),
                        value: s.value.clone(),
                    })
                    .collect(),
            },
            Finding::Unsupported(u) => FindingOut::Unsupported {
                story: story_id(u.story),
                doc: id(u.doc),
                span: span(u.doc, u.span),
                quote: quote(u.doc, u.span),
                explanation: u.explanation.clone(),
            },
        })
        .collect();

    Report {
        stemma_report: crate::VERSION,
        documents: docs,
        pairs,
        stories,
        findings,
        diagnostics: diagnostics
            .iter()
            .map(|d| DiagnosticOut {
                level: d.level.as_str().to_owned(),
                source: d.source.clone(),
                message: d.message.clone(),
            })
            .collect(),
    }
}

/// Four decimals are plenty for shares and confidences, and keep the JSON
/// short and stable.
fn round4(x: f64) -> f64 {
    if x.is_finite() {
        (x.clamp(0.0, 1.0) * 10_000.0).round() / 10_000.0
    } else {
        0.0
    }
}
