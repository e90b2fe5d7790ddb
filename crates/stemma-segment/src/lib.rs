//! Segmentation: a document's body as paragraphs, sentences and normalised
//! tokens, each with its byte span in the original text.
//!
//! Normalisation works per token, so the offset map back to the original
//! text is the token's own span: NFKC, lower case, curly quotes and
//! apostrophes straightened, internal periods of initialisms dropped
//! (`U.S.` → `us`), thousands separators dropped (`1,200` → `1200`), month
//! abbreviations expanded (`Sept.` → `september`), number words up to
//! ninety written as digits (`six` → `6`), `%` and `per cent` as
//! `percent`. Hyphens split words (`65-year-old` → `65 year old`).
//! Punctuation is not a token. Boilerplate spans are cut out of the body:
//! no paragraph, sentence or token crosses into one.
//!
//! See `DESIGN.md` beside this crate for the sentence rules.

mod sentences;
mod tokens;

use std::ops::Range;

use stemma_core::Span;

pub use tokens::normalize_word;

/// Settings of segmentation.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    /// Seed of the token hash (xxh3): stable across runs and machines.
    pub seed: u64,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            seed: 0x5eed_0f57_e33a,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    Word,
    /// Starts with a digit: `2026`, `2.4`, `1200`, `10:42`.
    Number,
}

/// A normalised word or number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Where it is in the original text.
    pub span: Span,
    pub kind: TokenKind,
    /// xxh3 of the normalised form, seeded by [`Config::seed`].
    pub hash: u64,
    norm: (u32, u32),
}

/// A sentence: its span (trimmed) and its tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub tokens: Range<usize>,
    pub paragraph: usize,
}

/// A paragraph: text between blank lines (or boilerplate), trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub span: Span,
    pub sentences: Range<usize>,
}

/// A segmented document body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segmented {
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    norms: String,
}

impl Segmented {
    /// The normalised form of `token`.
    pub fn norm(&self, token: &Token) -> &str {
        self.norms
            .get(token.norm.0 as usize..token.norm.1 as usize)
            .unwrap_or_default()
    }

    /// The tokens of sentence `i`.
    pub fn sentence_tokens(&self, i: usize) -> &[Token] {
        self.sentences
            .get(i)
            .and_then(|s| self.tokens.get(s.tokens.clone()))
            .unwrap_or_default()
    }
}

/// Segments the body of `text`: everything outside the `exclude` spans
/// (boilerplate; byte spans, any order, may overlap).
pub fn segment(text: &str, exclude: &[Span], config: &Config) -> Segmented {
    segment_with(text, exclude, Some(config))
}

/// [`segment`] without tokens: the paragraphs and sentences only, each
/// sentence with an empty token range. For stages that read their own
/// words (claims), at about 40 % of the cost.
pub fn segment_sentences(text: &str, exclude: &[Span]) -> Segmented {
    segment_with(text, exclude, None)
}

/// The hashes of the tokens [`segment`] gives, in order, without its
/// sentences and paragraphs: what a MinHash sketch reads, at about two
/// thirds of the cost. Paragraphs are tokenized whole: a token never
/// crosses a sentence boundary (one needs white space), and the only rule
/// that reads past a token, `per cent` as one word, is redone sentence by
/// sentence in a paragraph where the two words have a period, `!`, `?`,
/// `…` or a line break between them.
pub fn token_hashes(text: &str, exclude: &[Span], config: &Config) -> Vec<u64> {
    let mut out = Vec::new();
    let mut tokens = Vec::new();
    let mut norms = String::new();
    let mut chars = Vec::new();
    for region in body_regions(text, exclude) {
        for para in paragraphs(text, region) {
            let first = out.len();
            if tokens::quick_hashes(
                &text[para.start..para.end],
                config.seed,
                &mut out,
                &mut norms,
            ) {
                continue;
            }
            out.truncate(first);
            tokens.clear();
            norms.clear();
            tokens::tokenize(text, para, config.seed, &mut tokens, &mut norms, &mut chars);
            let across = |t: &Token| {
                t.span
                    .slice(text)
                    .is_some_and(|s| s.contains(['.', '!', '?', '…', '\n']))
                    && &norms[t.norm.0 as usize..t.norm.1 as usize] == "percent"
            };
            if tokens.iter().any(across) {
                tokens.clear();
                for span in sentences::split(text, para) {
                    tokens::tokenize(text, span, config.seed, &mut tokens, &mut norms, &mut chars);
                }
            }
            out.extend(tokens.iter().map(|t| t.hash));
        }
    }
    out
}

fn segment_with(text: &str, exclude: &[Span], tokens: Option<&Config>) -> Segmented {
    let mut out = Segmented::default();
    let mut chars = Vec::new();
    for region in body_regions(text, exclude) {
        for para in paragraphs(text, region) {
            let first_sentence = out.sentences.len();
            for span in sentences::split(text, para) {
                let first_token = out.tokens.len();
                if let Some(config) = tokens {
                    tokens::tokenize(
                        text,
                        span,
                        config.seed,
                        &mut out.tokens,
                        &mut out.norms,
                        &mut chars,
                    );
                }
                out.sentences.push(Sentence {
                    span,
                    tokens: first_token..out.tokens.len(),
                    paragraph: out.paragraphs.len(),
                });
            }
            out.paragraphs.push(Paragraph {
                span: para,
                sentences: first_sentence..out.sentences.len(),
            });
        }
    }
    out
}

/// The parts of `text` outside `exclude`, in order.
fn body_regions(text: &str, exclude: &[Span]) -> Vec<Span> {
    let mut cuts: Vec<Span> = exclude
        .iter()
        .map(|s| Span::new(s.start.min(text.len()), s.end.min(text.len())))
        .filter(|s| !s.is_empty())
        .collect();
    cuts.sort();
    let mut regions = Vec::new();
    let mut at = 0;
    for cut in cuts {
        if cut.start > at {
            regions.push(Span::new(at, cut.start));
        }
        at = at.max(cut.end);
    }
    if at < text.len() {
        regions.push(Span::new(at, text.len()));
    }
    // Spans from elsewhere might not sit on character boundaries.
    regions
        .into_iter()
        .map(|r| Span::new(ceil_char(text, r.start), floor_char(text, r.end)))
        .filter(|r| !r.is_empty())
        .collect()
}

fn ceil_char(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

fn floor_char(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Paragraphs of `region`: runs of text separated by blank lines (lines
/// of white space only), trimmed.
fn paragraphs(text: &str, region: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let body = &text[region.start..region.end];
    let mut start: Option<usize> = None;
    let mut content_end = 0;
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        let rest = line.trim_start();
        let content = rest.trim_end();
        if content.is_empty() {
            if let Some(s) = start.take() {
                out.push(Span::new(region.start + s, region.start + content_end));
            }
        } else {
            let from = at + line.len() - rest.len();
            start.get_or_insert(from);
            content_end = from + content.len();
        }
        at += line.len();
    }
    if let Some(s) = start {
        out.push(Span::new(region.start + s, region.start + content_end));
    }
    out
}

#[cfg(test)]
mod tests;
