//! What alignment reads of one document that does not depend on the other
//! side of a pair: built once per document and shared by every pair the
//! document is in, instead of recomputed per pair.

use crate::SentenceConfig;
use crate::profile::{Class, Profile, TermStats};
use crate::sentence::SentenceIndex;
use crate::wrapper::ParagraphCues;

/// A [`Profile`] with its per-document alignment features: the term bag of
/// each sentence (weighted by the corpus's idf), the inverted index of
/// their content terms, the distinct facts and terms, wrapper cues per
/// paragraph, and the characters of each sentence.
///
/// It takes the profile over and drops its per-token terms once they are
/// folded into the bags, facts and term ids, which is most of a profile's
/// memory. Built with one [`TermStats`] and one [`SentenceConfig`]; align
/// it only with [`crate::align_prepared`] under the same settings (checked
/// in debug builds).
#[derive(Debug, Clone)]
pub struct Prepared<'a> {
    /// The profile without its terms (alignment reads its text,
    /// segmentation and token hashes).
    pub(crate) p: Profile<'a>,
    pub(crate) sentence_config: SentenceConfig,
    pub(crate) index: SentenceIndex,
    /// Distinct ids of fact terms (numbers, names), sorted.
    pub(crate) facts: Vec<u64>,
    /// Distinct ids of all terms but stopwords, sorted (a stopword's id is
    /// its own form's, never a content term's).
    pub(crate) ids: Vec<u64>,
    /// For each of `ids`: its idf squared under the statistics the
    /// document was prepared with, and whether it is a fact term.
    pub(crate) weights: Vec<(f64, bool)>,
    pub(crate) paragraphs: Vec<ParagraphCues>,
    /// Characters (code points) of each sentence's span.
    pub(crate) sentence_chars: Vec<usize>,
}

impl<'a> Prepared<'a> {
    /// Prepares `p` for alignment under `stats` and `config`.
    pub fn new(mut p: Profile<'a>, stats: &TermStats, config: &SentenceConfig) -> Prepared<'a> {
        let mut facts: Vec<u64> = p
            .terms
            .iter()
            .filter(|t| t.class.is_fact())
            .map(|t| t.id)
            .collect();
        facts.sort_unstable();
        facts.dedup();
        // Stopwords say nothing of which event a text reports: leaving
        // them out lifted SemEval's Pearson from 0.7453 to 0.7516 (story.rs).
        let mut ids: Vec<u64> = p
            .terms
            .iter()
            .filter(|t| t.class != Class::Stop)
            .map(|t| t.id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let sentence_chars = p
            .seg
            .sentences
            .iter()
            .map(|s| s.span.slice(p.text).map_or(0, |x| x.chars().count()))
            .collect();
        let weights = ids
            .iter()
            .map(|id| {
                let idf = stats.idf(*id);
                (idf * idf, facts.binary_search(id).is_ok())
            })
            .collect();
        let index = SentenceIndex::new(&p, stats, config);
        let paragraphs = crate::wrapper::paragraph_cues(&p);
        p.terms = Vec::new();
        Prepared {
            p,
            sentence_config: config.clone(),
            index,
            facts,
            ids,
            weights,
            paragraphs,
            sentence_chars,
        }
    }
}
