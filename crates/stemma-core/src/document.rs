use std::fmt;

use crate::{Diagnostic, Published, Span};

/// A document's identifier, unique within a run.
///
/// For files it is the path relative to the argument without extension
/// (`seeds/001_article.txt` given as `seeds/` → `001_article`); for JSON
/// Lines the record's `id` or its line number; for WARC the
/// `WARC-Record-ID`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocId(String);

impl DocId {
    pub fn new(id: impl Into<String>) -> DocId {
        DocId(id.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The position of a document in a corpus sorted by [`DocId`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocIdx(pub u32);

impl DocIdx {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// The format a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Text,
    Html,
    Jsonl,
    Warc,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Jsonl => "jsonl",
            Format::Warc => "warc",
        }
    }
}

/// What is known about a document besides its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<Published>,
    pub url: Option<String>,
}

/// The kind of a boilerplate span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BoilerplateKind {
    Header,
    Footer,
    Disclaimer,
    Related,
    Tracking,
    Byline,
    Navigation,
    Other,
}

impl BoilerplateKind {
    pub const ALL: [BoilerplateKind; 8] = [
        BoilerplateKind::Header,
        BoilerplateKind::Footer,
        BoilerplateKind::Disclaimer,
        BoilerplateKind::Related,
        BoilerplateKind::Tracking,
        BoilerplateKind::Byline,
        BoilerplateKind::Navigation,
        BoilerplateKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            BoilerplateKind::Header => "header",
            BoilerplateKind::Footer => "footer",
            BoilerplateKind::Disclaimer => "disclaimer",
            BoilerplateKind::Related => "related",
            BoilerplateKind::Tracking => "tracking",
            BoilerplateKind::Byline => "byline",
            BoilerplateKind::Navigation => "navigation",
            BoilerplateKind::Other => "other",
        }
    }
}

/// A span of a document's text that is not part of its body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Boilerplate {
    pub span: Span,
    pub kind: BoilerplateKind,
}

/// One article as read from the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub id: DocId,
    /// The file path or URL the document came from, as the user gave it.
    pub source: String,
    pub format: Format,
    /// The text every span points into: the file's decoded content for
    /// plain text, the page's visible text for HTML.
    pub text: String,
    /// The decoded HTML the text was taken from, kept for main-content
    /// extraction.
    pub html: Option<String>,
    pub meta: Metadata,
    pub boilerplate: Vec<Boilerplate>,
    /// Caveats about this document (replaced bytes, a renamed id).
    pub diagnostics: Vec<Diagnostic>,
}

impl Document {
    /// A plain-text document with no metadata.
    pub fn from_text(id: impl Into<String>, text: impl Into<String>) -> Document {
        let id = id.into();
        Document {
            source: id.clone(),
            id: DocId::new(id),
            format: Format::Text,
            text: text.into(),
            html: None,
            meta: Metadata::default(),
            boilerplate: Vec::new(),
            diagnostics: Vec::new(),
        }
    }
}
