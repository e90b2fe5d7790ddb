//! The JSON wire types of report v1.

use serde::{Deserialize, Serialize};

/// A `[start, end)` range in Unicode code points.
pub type CharSpan = [usize; 2];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub stemma_report: u32,
    pub documents: Vec<DocumentOut>,
    pub pairs: Vec<PairOut>,
    pub stories: Vec<StoryOut>,
    pub findings: Vec<FindingOut>,
    pub diagnostics: Vec<DiagnosticOut>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentOut {
    pub id: String,
    /// The path or URL the document came from, as given.
    pub source: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    /// `YYYY-MM-DD` or RFC 3339.
    pub published: Option<String>,
    pub url: Option<String>,
    /// Code points of `text`.
    pub length: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    pub boilerplate: Vec<BoilerplateOut>,
    pub diagnostics: Vec<DocDiagnosticOut>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoilerplateOut {
    pub span: CharSpan,
    pub kind: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocDiagnosticOut {
    pub level: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairOut {
    pub a: String,
    pub b: String,
    pub relation: String,
    pub a_covered: f64,
    pub b_covered: f64,
    pub passages: Vec<PassageOut>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PassageOut {
    pub a: CharSpan,
    pub b: CharSpan,
    pub kind: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryOut {
    pub id: String,
    pub documents: Vec<String>,
    pub roots: Vec<String>,
    pub derivations: Vec<DerivationOut>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DerivationOut {
    pub source: String,
    pub derived: String,
    pub relation: String,
    pub confidence: f64,
    pub evidence: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum FindingOut {
    Conflict {
        story: String,
        topic: String,
        explanation: String,
        statements: Vec<StatementOut>,
    },
    Unsupported {
        story: String,
        doc: String,
        span: CharSpan,
        quote: String,
        explanation: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementOut {
    pub doc: String,
    pub span: CharSpan,
    pub quote: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiagnosticOut {
    pub level: String,
    pub source: String,
    pub message: String,
}
