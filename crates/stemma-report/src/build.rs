//! From documents, diagnostics and analysis results to the wire types.
//!
//! [`build`] collects the whole [`Report`]; [`write_json_streamed`] writes the
//! same JSON item by item through the same conversions, so a million-document
//! run never holds a second copy of its results in wire form.

use std::cell::RefCell;

use serde::ser::{Serialize, SerializeStruct, Serializer};
use stemma_core::{
    Analysis, CharIndex, Derivation, Diagnostic, DocIdx, Document, Finding, Pair, Span, Story,
};

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
    let cx = Convert::new(documents, options);
    Report {
        stemma_report: crate::VERSION,
        documents: (0..documents.len()).map(|i| cx.document(i)).collect(),
        pairs: analysis.pairs.iter().map(|p| cx.pair(p)).collect(),
        stories: analysis
            .stories
            .iter()
            .enumerate()
            .map(|(i, s)| cx.story(i, s))
            .collect(),
        findings: analysis.findings.iter().map(|f| cx.finding(f)).collect(),
        diagnostics: diagnostics.iter().map(diagnostic).collect(),
    }
}

/// Writes exactly what [`crate::write_json`] writes for [`build`]'s report
/// (pretty-printed JSON and a newline), converting one item at a time.
pub fn write_json_streamed(
    documents: &[Document],
    diagnostics: &[Diagnostic],
    analysis: &Analysis,
    options: Options,
    mut out: impl std::io::Write,
) -> std::io::Result<()> {
    let view = View {
        cx: Convert::new(documents, options),
        diagnostics,
        analysis,
    };
    serde_json::to_writer_pretty(&mut out, &view)?;
    out.write_all(b"\n")
}

/// The per-item conversions, shared by [`build`] and [`write_json_streamed`].
struct Convert<'a> {
    documents: &'a [Document],
    index: Vec<CharIndex>,
    options: Options,
}

impl<'a> Convert<'a> {
    fn new(documents: &'a [Document], options: Options) -> Convert<'a> {
        Convert {
            documents,
            index: documents.iter().map(|d| CharIndex::new(&d.text)).collect(),
            options,
        }
    }

    fn id(&self, d: DocIdx) -> String {
        self.documents[d.index()].id.to_string()
    }

    fn span(&self, d: DocIdx, s: Span) -> CharSpan {
        self.index[d.index()].char_span(s)
    }

    fn quote(&self, d: DocIdx, s: Span) -> String {
        s.slice(&self.documents[d.index()].text)
            .unwrap_or_default()
            .to_owned()
    }

    fn document(&self, i: usize) -> DocumentOut {
        let (d, idx) = (&self.documents[i], &self.index[i]);
        DocumentOut {
            id: d.id.to_string(),
            source: d.source.clone(),
            title: d.meta.title.clone(),
            outlet: d.meta.outlet.clone(),
            published: d.meta.published.as_ref().map(ToString::to_string),
            url: d.meta.url.clone(),
            length: idx.len_chars(),
            text: self.options.with_text.then(|| d.text.clone()),
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
        }
    }

    fn pair(&self, p: &Pair) -> PairOut {
        PairOut {
            a: self.id(p.a),
            b: self.id(p.b),
            relation: p.relation.as_str().to_owned(),
            a_covered: round4(p.a_covered),
            b_covered: round4(p.b_covered),
            passages: p
                .passages
                .iter()
                .map(|g| PassageOut {
                    a: self.span(p.a, g.a),
                    b: self.span(p.b, g.b),
                    kind: g.kind.as_str().to_owned(),
                })
                .collect(),
        }
    }

    fn story(&self, i: usize, s: &Story) -> StoryOut {
        StoryOut {
            id: story_id(i),
            documents: s.documents.iter().map(|&d| self.id(d)).collect(),
            roots: s.roots.iter().map(|&d| self.id(d)).collect(),
            derivations: s.derivations.iter().map(|d| self.derivation(d)).collect(),
        }
    }

    fn derivation(&self, d: &Derivation) -> DerivationOut {
        DerivationOut {
            source: self.id(d.source),
            derived: self.id(d.derived),
            relation: d.relation.as_str().to_owned(),
            confidence: round4(d.confidence),
            evidence: d.evidence.clone(),
        }
    }

    fn finding(&self, f: &Finding) -> FindingOut {
        match f {
            Finding::Conflict(c) => FindingOut::Conflict {
                story: story_id(c.story),
                topic: c.topic.as_str().to_owned(),
                explanation: c.explanation.clone(),
                statements: c
                    .statements
                    .iter()
                    .map(|s| StatementOut {
                        doc: self.id(s.doc),
                        span: self.span(s.doc, s.span),
                        quote: self.quote(s.doc, s.span),
                        value: s.value.clone(),
                    })
                    .collect(),
            },
            Finding::Unsupported(u) => FindingOut::Unsupported {
                story: story_id(u.story),
                doc: self.id(u.doc),
                span: self.span(u.doc, u.span),
                quote: self.quote(u.doc, u.span),
                explanation: u.explanation.clone(),
            },
        }
    }
}

fn diagnostic(d: &Diagnostic) -> DiagnosticOut {
    DiagnosticOut {
        level: d.level.as_str().to_owned(),
        source: d.source.clone(),
        message: d.message.clone(),
    }
}

fn story_id(i: usize) -> String {
    format!("story-{}", i + 1)
}

/// [`Report`]'s fields, in its order, each a sequence converted lazily.
struct View<'a> {
    cx: Convert<'a>,
    diagnostics: &'a [Diagnostic],
    analysis: &'a Analysis,
}

impl Serialize for View<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (cx, a) = (&self.cx, self.analysis);
        let mut s = serializer.serialize_struct("Report", 6)?;
        s.serialize_field("stemma_report", &crate::VERSION)?;
        s.serialize_field(
            "documents",
            &Seq::new((0..cx.documents.len()).map(|i| cx.document(i))),
        )?;
        s.serialize_field("pairs", &Seq::new(a.pairs.iter().map(|p| cx.pair(p))))?;
        s.serialize_field(
            "stories",
            &Seq::new(a.stories.iter().enumerate().map(|(i, st)| cx.story(i, st))),
        )?;
        s.serialize_field(
            "findings",
            &Seq::new(a.findings.iter().map(|f| cx.finding(f))),
        )?;
        s.serialize_field(
            "diagnostics",
            &Seq::new(self.diagnostics.iter().map(diagnostic)),
        )?;
        s.end()
    }
}

/// An iterator serialised as a JSON array, the way a `Vec` of its items is.
struct Seq<I>(RefCell<Option<I>>);

impl<I> Seq<I> {
    fn new(items: I) -> Seq<I> {
        Seq(RefCell::new(Some(items)))
    }
}

impl<I> Serialize for Seq<I>
where
    I: ExactSizeIterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0.borrow_mut().take() {
            Some(items) => serializer.collect_seq(items),
            None => Err(serde::ser::Error::custom(
                "a streamed sequence is written once",
            )),
        }
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
