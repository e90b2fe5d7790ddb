//! The relation of a pair from its passages and links.

use stemma_core::Relation;

use crate::ClassifyConfig;

/// What the relation is decided from; also returned to the caller, whose
/// provenance and story stages read it.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Evidence {
    /// Share of `a`'s body (characters of its sentences, wrapper
    /// paragraphs discounted: see `wrapper.rs`) covered by literal
    /// passages.
    pub a_literal: f64,
    pub b_literal: f64,
    /// Share of `a`'s body (characters, wrapper discounted) in sentences
    /// that are linked: mostly covered by a literal passage, or in a
    /// paraphrase link.
    pub a_linked: f64,
    pub b_linked: f64,
    /// Share of `a`'s sentences (by count, wrapper discounted) that are
    /// linked.
    pub a_linked_sentences: f64,
    pub b_linked_sentences: f64,
    /// Share of the mutual best sentence candidates (each the best match
    /// of its sentences on both sides) that lie on the monotone chain of
    /// links; 0 without candidates.
    pub in_order: f64,
    /// Number of paraphrase links.
    pub links: usize,
    /// Share of `a`'s distinct facts (numbers, names) found nowhere in `b`.
    pub a_novel_facts: f64,
    pub b_novel_facts: f64,
    /// Aligned tokens of the longest literal passage.
    pub longest_literal: usize,
}

/// Which side a directional relation (`excerpt`, `rewrite`) takes as the
/// derived one. Provenance decides direction for real; this is only which
/// side fitted the test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    A,
    B,
}

/// The relation of the pair, and for `excerpt`/`rewrite` the side that
/// fits as the derived one. In order: duplicate, excerpt, rewrite,
/// partial, none.
pub(crate) fn classify(
    e: &Evidence,
    a_body: usize,
    b_body: usize,
    config: &ClassifyConfig,
) -> (Option<Relation>, Option<Side>) {
    if a_body == 0 || b_body == 0 {
        return (None, None);
    }
    let dup = config.duplicate_coverage;
    if e.a_literal >= dup && e.b_literal >= dup {
        return (Some(Relation::Duplicate), None);
    }
    // One side contained in the other: the covered side is the excerpt.
    let exc = config.excerpt_coverage;
    match (e.a_literal >= exc, e.b_literal >= exc) {
        (true, true) if e.a_literal >= e.b_literal => {
            return (Some(Relation::Excerpt), Some(Side::A));
        }
        (true, true) | (false, true) => return (Some(Relation::Excerpt), Some(Side::B)),
        (true, false) => return (Some(Relation::Excerpt), Some(Side::A)),
        (false, false) => {}
    }
    let rewrite = |derived_linked: f64, source_linked: f64, novel: f64| {
        derived_linked >= config.rewrite_linked
            && source_linked >= config.rewrite_source_linked
            && novel <= config.rewrite_novel_facts
    };
    if e.links >= config.rewrite_min_links
        && e.in_order >= config.rewrite_in_order
        && e.a_literal.max(e.b_literal) <= config.rewrite_max_literal
    {
        let fits_a = rewrite(e.a_linked_sentences, e.b_linked_sentences, e.a_novel_facts);
        let fits_b = rewrite(e.b_linked_sentences, e.a_linked_sentences, e.b_novel_facts);
        match (fits_a, fits_b) {
            // Both fit: which one is derived is for provenance to say.
            (true, true) => return (Some(Relation::Rewrite), None),
            (true, false) => return (Some(Relation::Rewrite), Some(Side::A)),
            (false, true) => return (Some(Relation::Rewrite), Some(Side::B)),
            (false, false) => {}
        }
    }
    if e.longest_literal >= config.partial_min_tokens {
        return (Some(Relation::Partial), None);
    }
    (None, None)
}
