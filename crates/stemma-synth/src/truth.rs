//! The ground-truth format of a labelled corpus, shared by the generator
//! (which writes it) and `stemma eval synthetic` (which reads it). Users
//! label their own corpora in the same format.
//!
//! A corpus directory holds the documents and `truth.jsonl`: one JSON
//! object per line, each tagged by `"type"`. Streaming lines keep the
//! generator and the scorer in bounded memory at any scale. The first line
//! is the header. Every span is `[start, end)` in Unicode code points of
//! the document's text, as in report v1.

use serde::{Deserialize, Serialize};

/// A `[start, end)` range in Unicode code points.
pub type CharSpan = [usize; 2];

/// The ground-truth format version.
pub const VERSION: u32 = 1;

/// One line of `truth.jsonl`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Record {
    /// First line: how the corpus was made.
    Header(Header),
    /// A document and what it is.
    Document(DocumentTruth),
    /// `derived` was taken from `source`.
    Derivation(DerivationTruth),
    /// The relation of two documents (`a < b`), for pair scoring. Pairs not
    /// listed share neither text nor story.
    Pair(PairTruth),
    /// A fact changed between a source and a derived version.
    Change(ChangeTruth),
    /// Material inserted into a derived version that no source supports.
    Inserted(InsertedTruth),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    /// [`VERSION`].
    pub stemma_truth: u32,
    /// What made the corpus (`stemma generate 0.1.0`, or a person).
    pub generator: String,
    pub seed: Option<u64>,
    /// Free-form parameters of the generator.
    #[serde(default)]
    pub params: serde_json::Value,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentTruth {
    /// The document id stemma gives it (the file path relative to the
    /// corpus directory without extension, or the JSONL `id`).
    pub id: String,
    /// The story (event) the document reports; every document has one.
    pub story: String,
    /// `original`, `copy`, `excerpt`, `rewrite`, `independent`, `wire`,
    /// `distractor`, …: informative, not scored.
    pub role: String,
    /// Boilerplate spans, each with a report v1 kind.
    #[serde(default)]
    pub boilerplate: Vec<SpanTruth>,
    /// The (invented) outlet that published it. Optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// When it was published: RFC 3339 or `YYYY-MM-DD`. Optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// For rewrites: `easy` or `hard` (how much wording it keeps).
    /// Optional, informative.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// A document of another story chosen to resemble this one (same
    /// topic, many shared terms): the pair is a hard negative and must
    /// not be related. Optional, informative.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hard_negative_of: Option<String>,
    /// For a story's first document: the source article it was told from
    /// and the recycling round (`business/001#0`; round 0 is the article
    /// as written, later rounds replace its names, numbers and dates and
    /// paraphrase it). Optional, informative.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpanTruth {
    pub span: CharSpan,
    pub kind: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DerivationTruth {
    pub source: String,
    pub derived: String,
    /// `duplicate`, `excerpt`, `rewrite` or `partial`.
    pub relation: String,
    /// Generations from the story's root (1 = taken from the root).
    #[serde(default = "one")]
    pub generation: u32,
}

fn one() -> u32 {
    1
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairTruth {
    pub a: String,
    pub b: String,
    /// A report v1 relation.
    pub relation: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeTruth {
    /// `date`, `number` or `name`.
    pub topic: String,
    /// A document stating the old value.
    pub source: String,
    pub source_span: CharSpan,
    /// A document stating the new value.
    pub derived: String,
    pub derived_span: CharSpan,
    /// Groups the records of one changed fact (one id per change made).
    /// Optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fact: Option<String>,
    /// `false` (the default) for the record of the edge where the change
    /// was made (`source` is the version the rewrite was made from,
    /// `derived` the rewrite). `true` for the records it implies: a copy
    /// of the rewrite against the old value, or another version carrying
    /// the old value against the new one. A scorer may accept inherited
    /// records without requiring them.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub inherited: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InsertedTruth {
    pub doc: String,
    pub span: CharSpan,
    /// `false` (the default) in the document the material was inserted
    /// into; `true` in a copy of it, which has it from its source. A
    /// scorer may accept inherited records without requiring them.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub inherited: bool,
}
