//! What alignment reads of one document that does not depend on the other
//! side of a pair: built once per document and shared by every pair the
//! document is in, instead of recomputed per pair.

use crate::SentenceConfig;
use crate::profile::{Profile, TermStats};
use crate::sentence::SentenceIndex;
use crate::wrapper::ParagraphCues;

/// A [`Profile`] with its per-document alignment features: the term bag of
/// each sentence (weighted by the corpus's idf), the inverted index of
/// their content terms, the distinct facts and terms, wrapper cues per
/// paragraph, and the characters of each sentence.
///
/// Built with one [`TermStats`] and one [`SentenceConfig`]; align it only
/// with [`crate::align_prepared`] under the same settings (checked in debug
/// builds).
#[derive(Debug, Clone)]
pub struct Prepared<'p, 'a> {
    pub(crate) p: &'p Profile<'a>,
    pub(crate) sentence_config: SentenceConfig,
    pub(crate) index: SentenceIndex,
    /// Distinct ids of fact terms (numbers, names), sorted.
    pub(crate) facts: Vec<u64>,
    /// Distinct ids of all terms, sorted.
    pub(crate) ids: Vec<u64>,
    pub(crate) paragraphs: Vec<ParagraphCues>,
    /// Characters (code points) of each sentence's span.
    pub(crate) sentence_chars: Vec<usize>,
}

impl<'p, 'a> Prepared<'p, 'a> {
    /// Prepares `p` for alignment under `stats` and `config`.
    pub fn new(p: &'p Profile<'a>, stats: &TermStats, config: &SentenceConfig) -> Prepared<'p, 'a> {
        let mut facts: Vec<u64> = p
            .terms
            .iter()
            .filter(|t| t.class.is_fact())
            .map(|t| t.id)
            .collect();
        facts.sort_unstable();
        facts.dedup();
        let mut ids: Vec<u64> = p.terms.iter().map(|t| t.id).collect();
        ids.sort_unstable();
        ids.dedup();
        let sentence_chars = p
            .seg
            .sentences
            .iter()
            .map(|s| s.span.slice(p.text).map_or(0, |x| x.chars().count()))
            .collect();
        Prepared {
            p,
            sentence_config: config.clone(),
            index: SentenceIndex::new(p, stats, config),
            facts,
            ids,
            paragraphs: crate::wrapper::paragraph_cues(p),
            sentence_chars,
        }
    }

    /// The profile this was prepared from.
    pub fn profile(&self) -> &'p Profile<'a> {
        self.p
    }
}
