//! What alignment reads of one document that does not depend on the other
//! side of a pair: built once per document and shared by every pair the
//! document is in, instead of recomputed per pair.

use std::sync::OnceLock;

use crate::literal::Kgrams;
use crate::profile::{Class, Profile, TermStats};
use crate::sentence::SentenceIndex;
use crate::wrapper::ParagraphCues;
use crate::{Config, SentenceConfig};

/// A [`Profile`] with its per-document alignment features: the term bag of
/// each sentence (weighted by the corpus's idf), the inverted index of
/// their content terms, the distinct facts and terms, wrapper cues per
/// paragraph, the characters of each sentence, and the seed k-grams of its
/// token hashes.
///
/// The sentence bags and their index are built the first time a pair
/// links sentences ([`Prepared::index`]): most candidates between
/// different stories are dropped before linking, and building the index
/// was more than half of preparing a document. Built with one
/// [`TermStats`] and one [`Config`]; align it only with
/// [`crate::align_prepared`] under the same settings (checked in debug
/// builds).
#[derive(Debug, Clone)]
pub struct Prepared<'a> {
    /// The profile (alignment reads its text, segmentation and token
    /// hashes; the sentence index, its terms).
    pub(crate) p: Profile<'a>,
    stats: &'a TermStats,
    pub(crate) sentence_config: SentenceConfig,
    index: OnceLock<SentenceIndex>,
    /// Distinct ids of fact terms (numbers, names), sorted.
    pub(crate) facts: Vec<u64>,
    /// Distinct ids of all terms but stopwords, sorted (a stopword's id is
    /// its own form's, never a content term's).
    pub(crate) ids: Vec<u64>,
    /// For each of `ids`: its weight in story similarity.
    pub(crate) weights: Vec<TermWeight>,
    pub(crate) paragraphs: Vec<ParagraphCues>,
    /// Characters (code points) of each sentence's span.
    pub(crate) sentence_chars: Vec<usize>,
    /// The token hashes' k-grams of `config.literal.seed_len`.
    pub(crate) kgrams: Kgrams,
}

/// What a distinct term of a document weighs in story similarity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct TermWeight {
    /// Its idf squared under the statistics the document was prepared with.
    pub(crate) idf2: f64,
    /// `1 + ln(occurrences)` in the document: a name the text keeps coming
    /// back to is what it is about.
    pub(crate) tf: f64,
    /// Whether it is a fact term (number, name).
    pub(crate) fact: bool,
}

impl<'a> Prepared<'a> {
    /// Prepares `p` for alignment under `stats` and `config`.
    pub fn new(p: Profile<'a>, stats: &'a TermStats, config: &Config) -> Prepared<'a> {
        let mut facts: Vec<u64> = p
            .terms
            .iter()
            .filter(|t| t.class.is_fact())
            .map(|t| t.id)
            .collect();
        facts.sort_unstable();
        facts.dedup();
        // Stopwords say nothing of which event a text reports: leaving
        // them out lifted SemEval's Pearson from 0.7453 to 0.7538 (story.rs).
        let mut all: Vec<u64> = p
            .terms
            .iter()
            .filter(|t| t.class != Class::Stop)
            .map(|t| t.id)
            .collect();
        all.sort_unstable();
        // Distinct ids with their number of occurrences.
        let mut ids: Vec<u64> = Vec::with_capacity(all.len());
        let mut counts: Vec<u32> = Vec::with_capacity(all.len());
        for id in all {
            match (ids.last(), counts.last_mut()) {
                (Some(&last), Some(n)) if last == id => *n += 1,
                _ => {
                    ids.push(id);
                    counts.push(1);
                }
            }
        }
        let sentence_chars = p
            .seg
            .sentences
            .iter()
            .map(|s| s.span.slice(p.text).map_or(0, |x| x.chars().count()))
            .collect();
        let weights = ids
            .iter()
            .zip(&counts)
            .map(|(id, &n)| {
                let idf = stats.idf(*id);
                TermWeight {
                    idf2: idf * idf,
                    tf: 1.0 + f64::from(n).ln(),
                    fact: facts.binary_search(id).is_ok(),
                }
            })
            .collect();
        let kgrams = Kgrams::new(&p.hashes, config.literal.seed_len);
        let paragraphs = crate::wrapper::paragraph_cues(&p);
        Prepared {
            p,
            stats,
            sentence_config: config.sentence.clone(),
            index: OnceLock::new(),
            facts,
            ids,
            weights,
            paragraphs,
            sentence_chars,
            kgrams,
        }
    }

    /// The term bag of each sentence and the inverted index of their
    /// content terms, built on first use.
    pub(crate) fn index(&self) -> &SentenceIndex {
        self.index
            .get_or_init(|| SentenceIndex::new(&self.p, self.stats, &self.sentence_config))
    }
}
