//! What the analysis stages produce. Documents are referred to by
//! [`DocIdx`], spans by byte offsets into each document's text.

use crate::{DocIdx, Span};

/// How two documents that share text or story are related.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Relation {
    /// The same body text up to small edits.
    Duplicate,
    /// One body is contained in the other (a truncated or excerpted copy).
    Excerpt,
    /// One is a paraphrase of the other, sentence by sentence.
    Rewrite,
    /// Some passages shared, each side with substantial text of its own.
    Partial,
    /// No shared text, same event.
    SameStory,
}

impl Relation {
    pub const ALL: [Relation; 5] = [
        Relation::Duplicate,
        Relation::Excerpt,
        Relation::Rewrite,
        Relation::Partial,
        Relation::SameStory,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Duplicate => "duplicate",
            Relation::Excerpt => "excerpt",
            Relation::Rewrite => "rewrite",
            Relation::Partial => "partial",
            Relation::SameStory => "same-story",
        }
    }

    pub fn parse(s: &str) -> Option<Relation> {
        Relation::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// How an aligned passage matches its counterpart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PassageKind {
    Verbatim,
    Edited,
    Paraphrase,
}

impl PassageKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PassageKind::Verbatim => "verbatim",
            PassageKind::Edited => "edited",
            PassageKind::Paraphrase => "paraphrase",
        }
    }
}

/// A passage of document `a` aligned with a passage of document `b`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Passage {
    pub a: Span,
    pub b: Span,
    pub kind: PassageKind,
}

/// Two documents that share text or story; `a` sorts before `b`.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub a: DocIdx,
    pub b: DocIdx,
    pub relation: Relation,
    /// Share of `a`'s body text aligned with `b`, in `0..=1`.
    pub a_covered: f64,
    /// Share of `b`'s body text aligned with `a`, in `0..=1`.
    pub b_covered: f64,
    pub passages: Vec<Passage>,
}

/// `derived` was taken from `source`.
#[derive(Debug, Clone, PartialEq)]
pub struct Derivation {
    pub source: DocIdx,
    pub derived: DocIdx,
    pub relation: Relation,
    /// In `0..=1`.
    pub confidence: f64,
    /// Why, in words: which signals decided.
    pub evidence: Vec<String>,
}

/// Documents about one event, with their derivation graph.
#[derive(Debug, Clone, PartialEq)]
pub struct Story {
    /// Sorted.
    pub documents: Vec<DocIdx>,
    /// Documents derived from no other document of the story. Sorted.
    pub roots: Vec<DocIdx>,
    pub derivations: Vec<Derivation>,
}

/// What kind of fact a conflict is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Topic {
    Date,
    Number,
    Quantity,
    Name,
    Other,
}

impl Topic {
    pub const ALL: [Topic; 5] = [
        Topic::Date,
        Topic::Number,
        Topic::Quantity,
        Topic::Name,
        Topic::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Topic::Date => "date",
            Topic::Number => "number",
            Topic::Quantity => "quantity",
            Topic::Name => "name",
            Topic::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Topic> {
        Topic::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// One version's statement of a fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub doc: DocIdx,
    pub span: Span,
    /// The normalised value (an ISO date, a number, a name).
    pub value: String,
}

/// Versions of one story state different values for the same fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// Index into [`Analysis::stories`].
    pub story: usize,
    pub topic: Topic,
    pub explanation: String,
    pub statements: Vec<Statement>,
}

/// Material of a derived version found in no source and no other version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsupported {
    /// Index into [`Analysis::stories`].
    pub story: usize,
    pub doc: DocIdx,
    pub span: Span,
    pub explanation: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    Conflict(Conflict),
    Unsupported(Unsupported),
}

/// Everything the analysis stages found in a corpus.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Analysis {
    /// Sorted by `(a, b)`.
    pub pairs: Vec<Pair>,
    /// Sorted by first document.
    pub stories: Vec<Story>,
    pub findings: Vec<Finding>,
}
