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
    /// Of the distinct facts (numbers, names) in the linked sentences of
    /// both sides (wrapper discounted), the share that the other document
    /// lacks; 0 when no linked sentence states a fact. A rewrite carries
    /// its source's facts in the sentences it takes over; another telling
    /// of the same article (other names, other numbers) does not.
    pub linked_novel_facts: f64,
    /// The distinct names of the linked sentences of both sides (wrapper
    /// discounted), and the share of them the other document lacks (0
    /// without names). Another telling of an article, or a story written
    /// on the same template, keeps the wording and changes the people,
    /// places and organisations.
    pub linked_names: usize,
    pub linked_novel_names: f64,
    /// Distinct facts (numbers, names) of `a`.
    pub a_facts: usize,
    pub b_facts: usize,
    /// Aligned tokens of the longest literal passage in the same wording
    /// (its own identity at least `same_wording_identity`), or of the
    /// longest run of identical tokens inside a passage that is not, when
    /// the run states a fact: a paragraph taken over, or a stretch of it
    /// that a rewrite left untouched, not a recycled one with its facts
    /// changed.
    pub longest_literal: usize,
    /// Share of the literal passages' tokens aligned to identical tokens.
    pub identity: f64,
    /// Share of `a`'s body (wrapper discounted) in sentences after its last
    /// literal passage: what a truncated copy of `a` leaves out.
    pub a_tail: f64,
    pub b_tail: f64,
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
    // Same wording: literal passages of identical tokens. Paraphrase dense
    // enough to align literally (an easy rewrite keeps half its 5-grams)
    // shows as passages with a changed word every few tokens.
    let same_wording = e.identity >= config.same_wording_identity;
    let dup = config.duplicate_coverage;
    if same_wording && e.a_literal >= dup && e.b_literal >= dup {
        // Nearly all of both, but one goes on after the other ends: the
        // shorter is cut from it, an excerpt that keeps most of it.
        let cut = config.excerpt_tail;
        return match (
            e.a_tail >= cut && e.b_tail < cut,
            e.b_tail >= cut && e.a_tail < cut,
        ) {
            (true, false) => (Some(Relation::Excerpt), Some(Side::B)),
            (false, true) => (Some(Relation::Excerpt), Some(Side::A)),
            _ => (Some(Relation::Duplicate), None),
        };
    }
    // One side contained in the other: the covered side is the excerpt.
    let exc = config.excerpt_coverage;
    match (
        same_wording && e.a_literal >= exc,
        same_wording && e.b_literal >= exc,
    ) {
        (true, true) if e.a_literal >= e.b_literal => {
            return (Some(Relation::Excerpt), Some(Side::A));
        }
        (true, true) | (false, true) => return (Some(Relation::Excerpt), Some(Side::B)),
        (true, false) => return (Some(Relation::Excerpt), Some(Side::A)),
        (false, false) => {}
    }
    // Paraphrase shows either as sentence links in the source's order, or,
    // when dense enough to align literally, as literal passages that are
    // not the same wording.
    let linked_in_order = e.links >= config.rewrite_min_links
        && e.in_order >= config.rewrite_in_order
        && e.a_literal.max(e.b_literal) <= config.rewrite_max_literal;
    let aligned_paraphrase =
        !same_wording && e.a_literal.max(e.b_literal) > config.rewrite_max_literal;
    // The derived side mostly linked, with few facts of its own; the other
    // side linked over most of its sentences, or over a part of them (a
    // rewrite of an excerpt, an excerpt of a rewrite) when the links keep
    // the order strictly, and are more than a few or backed by some
    // literal passage: an independent report of the same facts orders them
    // its own way, and three short links in order happen by chance.
    let rewrite = |derived_linked: f64, source_linked: f64, novel: f64, facts: (usize, usize)| {
        let strict_order = e.in_order >= config.rewrite_part_in_order
            && (e.links >= config.rewrite_part_min_links
                || e.a_literal.max(e.b_literal) >= config.rewrite_part_min_literal);
        // A part rests on the derived side alone: it must be linked more.
        let whole = derived_linked >= config.rewrite_linked
            && source_linked >= config.rewrite_source_linked;
        let part = derived_linked >= config.rewrite_part_derived_linked
            && source_linked >= config.rewrite_part_linked
            && (aligned_paraphrase || strict_order);
        // A derived side without a fact of its own says nothing of which
        // event it reports: a passage of another telling of the article
        // fits as well as one of the source.
        let (derived_facts, source_facts) = facts;
        let states_facts = derived_facts > 0 || source_facts == 0;
        (whole || part) && novel <= config.rewrite_novel_facts && states_facts
    };
    let same_facts = e.linked_novel_facts <= config.rewrite_linked_novel_facts
        && (e.linked_names < config.rewrite_linked_min_names
            || e.linked_novel_names <= config.rewrite_linked_novel_names);
    if (linked_in_order || aligned_paraphrase) && same_facts {
        let fits_a = rewrite(
            e.a_linked_sentences,
            e.b_linked_sentences,
            e.a_novel_facts,
            (e.a_facts, e.b_facts),
        );
        let fits_b = rewrite(
            e.b_linked_sentences,
            e.a_linked_sentences,
            e.b_novel_facts,
            (e.b_facts, e.a_facts),
        );
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
