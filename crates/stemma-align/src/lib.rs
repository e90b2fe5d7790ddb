//! Alignment of a candidate pair: literal passages (verbatim or edited),
//! sentence links for non-literal reuse (paraphrase), and the pair's
//! relation (`duplicate`, `excerpt`, `rewrite`, `partial` or none).
//!
//! Pure and per pair, so it maps onto a distributed engine as a map over
//! candidate pairs:
//!
//! 1. [`TermStats::build`] (or per shard, then [`TermStats::merge`]):
//!    document frequencies of stemmed words over the corpus.
//! 2. [`Profile::new`] once per document: each token's term and class
//!    (stopword, word, number, name).
//! 3. [`align`] per candidate pair.
//!
//! ```
//! use stemma_align::{align, Config, Profile, TermStats};
//! let a = "The council approved the new harbour budget of 4.2 million on Monday evening after a long debate.";
//! let b = "The Council approved the new harbour budget of 4.2 million on Monday evening, after a long debate!";
//! let (sa, sb) = (
//!     stemma_segment::segment(a, &[], &Default::default()),
//!     stemma_segment::segment(b, &[], &Default::default()),
//! );
//! let stats = TermStats::build(&[&sa, &sb]);
//! let out = align(&Profile::new(a, &sa), &Profile::new(b, &sb), &stats, &Config::default());
//! assert_eq!(out.relation, Some(stemma_core::Relation::Duplicate));
//! assert_eq!(out.passages[0].kind, stemma_core::PassageKind::Verbatim);
//! ```
//!
//! See `DESIGN.md` beside this crate for the algorithms, their parameters
//! and their measured effect.

mod classify;
mod literal;
mod prepared;
mod profile;
mod sentence;
mod stopwords;
mod story;
mod wrapper;

use stemma_core::{Passage, PassageKind, Relation, Span};

pub use classify::{Evidence, Side};
pub use prepared::Prepared;
pub use profile::{Class, Profile, Term, TermStats};
pub use sentence::{Link, paraphrase, sentence_similarity, text_similarity};
pub use story::{StoryConfig, story_similarity};

/// Settings of alignment and classification, plain data.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    pub literal: LiteralConfig,
    pub sentence: SentenceConfig,
    pub classify: ClassifyConfig,
    pub story: StoryConfig,
}

/// Settings of the literal (seed-and-extend) aligner.
#[derive(Debug, Clone, PartialEq)]
pub struct LiteralConfig {
    /// Length of exact seeds, in tokens.
    pub seed_len: usize,
    /// A k-gram occurring more often than this in one side seeds nothing
    /// (stock phrases, repeated boilerplate); its tokens are still
    /// reached by extending the seeds around it.
    pub max_seed_occurrences: usize,
    /// Largest gap (substituted, inserted or dropped tokens) inside a
    /// passage, on either side.
    pub max_gap: usize,
    /// A passage has at least this many aligned identical tokens.
    pub min_passage_tokens: usize,
}

impl Default for LiteralConfig {
    fn default() -> LiteralConfig {
        LiteralConfig {
            seed_len: 3,
            max_seed_occurrences: 64,
            max_gap: 8,
            min_passage_tokens: 8,
        }
    }
}

/// Settings of sentence similarity and linking.
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceConfig {
    /// Weight of a number relative to a content word of the same idf.
    pub number_weight: f64,
    /// Weight of a name relative to a content word of the same idf.
    pub name_weight: f64,
    /// Weight of a stopword relative to a content word of the same idf
    /// (stopwords have a low idf already).
    pub stop_weight: f64,
    /// Credit for two unmatched words whose stems share their first five
    /// characters, relative to an exact match.
    pub prefix_credit: f64,
    /// [`paraphrase`] decides yes at or above this similarity; an
    /// out-of-order link needs it too.
    pub paraphrase_threshold: f64,
    /// An in-order link (on the monotone chain) needs only this.
    pub in_order_threshold: f64,
    /// A 1–2 or 2–1 link must beat its best 1–1 part by this much.
    pub merge_gain: f64,
    /// A candidate link needs at least this weighted Dice coefficient on
    /// content terms alone (exact stems, no stopwords): sentences that
    /// share only function words are never linked, and most sentence
    /// pairs of two long texts are never scored.
    pub min_content_share: f64,
    /// Merges are tried around 1–1 candidates scoring at least this share
    /// of `in_order_threshold`.
    pub merge_seed: f64,
    /// A sentence with at least this share of its tokens inside literal
    /// passages is not linked by paraphrase.
    pub literal_sentence_share: f64,
}

impl Default for SentenceConfig {
    fn default() -> SentenceConfig {
        SentenceConfig {
            number_weight: 1.5,
            name_weight: 1.0,
            stop_weight: 1.0,
            prefix_credit: 0.5,
            paraphrase_threshold: 0.54,
            in_order_threshold: 0.25,
            merge_gain: 0.05,
            merge_seed: 0.6,
            min_content_share: 0.15,
            literal_sentence_share: 0.5,
        }
    }
}

/// Thresholds of classification (see `DESIGN.md` for their measurement).
#[derive(Debug, Clone, PartialEq)]
pub struct ClassifyConfig {
    /// `duplicate`: both sides at least this much covered by literal
    /// passages.
    pub duplicate_coverage: f64,
    /// `excerpt`: one side at least this much covered, the other less than
    /// `duplicate_coverage`.
    pub excerpt_coverage: f64,
    /// Both sides at least `duplicate_coverage` covered, but one with at
    /// least this share of its body after its last literal passage and the
    /// other with less: `excerpt` (a truncated copy), not `duplicate`.
    pub excerpt_tail: f64,
    /// `rewrite`: share of the derived side's sentences linked at least
    /// this.
    pub rewrite_linked: f64,
    /// `rewrite`: share of the source side's sentences linked at least
    /// this (a rewrite follows its source sentence by sentence; a wire or
    /// independent report covers a selection).
    pub rewrite_source_linked: f64,
    /// `rewrite` of a part: the other side's linked share may be as low as
    /// this when the paraphrase aligned literally, or the links are in
    /// order at least `rewrite_part_in_order` and either number at least
    /// `rewrite_part_min_links` or come with literal coverage of at least
    /// `rewrite_part_min_literal` on one side.
    pub rewrite_part_linked: f64,
    /// `rewrite` of a part: the derived side's linked share at least this
    /// (more than `rewrite_linked`: the claim rests on that side alone).
    pub rewrite_part_derived_linked: f64,
    pub rewrite_part_in_order: f64,
    pub rewrite_part_min_links: usize,
    pub rewrite_part_min_literal: f64,
    /// `rewrite`: share of links in order at least this.
    pub rewrite_in_order: f64,
    /// `rewrite`: at least this many paraphrase links (2: an excerpt of a
    /// short article has few sentences; see DESIGN.md).
    pub rewrite_min_links: usize,
    /// `rewrite`: share of the derived side's facts absent from the
    /// source at most this.
    pub rewrite_novel_facts: f64,
    /// `rewrite`: of the distinct facts of both sides' linked sentences,
    /// the share the other document lacks at most this
    /// (`Evidence::linked_novel_facts`).
    pub rewrite_linked_novel_facts: f64,
    /// `rewrite`: of the distinct names of both sides' linked sentences,
    /// the share the other document lacks at most this
    /// (`Evidence::linked_novel_names`), when they hold at least
    /// `rewrite_linked_min_names` names: a rewrite keeps whom the story is
    /// about.
    pub rewrite_linked_novel_names: f64,
    pub rewrite_linked_min_names: usize,
    /// `rewrite`: literal coverage of either side at most this.
    pub rewrite_max_literal: f64,
    /// `duplicate`, `excerpt`: at least this share of the literal
    /// passages' tokens identical (`Evidence::identity`); below it the
    /// passages are paraphrase and the pair can only be a rewrite.
    pub same_wording_identity: f64,
    /// `partial`: a literal passage of at least this many aligned tokens.
    pub partial_min_tokens: usize,
}

impl Default for ClassifyConfig {
    fn default() -> ClassifyConfig {
        ClassifyConfig {
            same_wording_identity: 0.97,
            duplicate_coverage: 0.9,
            excerpt_coverage: 0.9,
            excerpt_tail: 0.07,
            rewrite_linked: 0.6,
            rewrite_source_linked: 0.55,
            rewrite_part_linked: 0.05,
            rewrite_part_derived_linked: 0.7,
            rewrite_part_in_order: 0.9,
            rewrite_part_min_links: 4,
            rewrite_part_min_literal: 0.05,
            rewrite_in_order: 0.7,
            rewrite_min_links: 2,
            rewrite_novel_facts: 0.35,
            rewrite_linked_novel_facts: 0.4,
            rewrite_linked_novel_names: 0.5,
            rewrite_linked_min_names: 2,
            rewrite_max_literal: 0.5,
            partial_min_tokens: 25,
        }
    }
}

/// Everything [`align`] found for a pair.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Alignment {
    /// Literal passages (`Verbatim`, `Edited`) and paraphrase passages
    /// (sentence spans of the links), as byte spans of each side's
    /// original text, sorted by `(a.start, b.start)`. Disjoint on each
    /// side.
    pub passages: Vec<Passage>,
    /// Share of `a`'s body (characters of its sentences) covered by
    /// passages of any kind, in `0..=1`.
    pub a_covered: f64,
    pub b_covered: f64,
    /// `None`: no reuse (the pair is not reported by this stage).
    pub relation: Option<Relation>,
    /// For `excerpt` and `rewrite`: the side that fitted as derived.
    pub derived: Option<Side>,
    /// Paraphrase links between sentences not covered literally, sorted by
    /// `a`.
    pub sentence_links: Vec<Link>,
    pub evidence: Evidence,
}

/// Aligns documents `a` and `b` and classifies their relation.
///
/// The same as [`align_prepared`] on the two profiles prepared with
/// [`Prepared::new`]; a corpus prepares each document once instead.
pub fn align(a: &Profile<'_>, b: &Profile<'_>, stats: &TermStats, config: &Config) -> Alignment {
    align_prepared(
        &Prepared::new(a.clone(), stats, config),
        &Prepared::new(b.clone(), stats, config),
        config,
    )
}

/// Aligns two prepared documents and classifies their relation. Both must
/// have been prepared with the same statistics and `config`.
pub fn align_prepared(pa: &Prepared<'_>, pb: &Prepared<'_>, config: &Config) -> Alignment {
    align_unless_dropped(pa, pb, config, false).unwrap_or_default()
}

/// What a corpus run keeps of a candidate pair: its alignment when it has
/// reuse, or, with none, when the two are similar enough to report one
/// story ([`story_similarity`] at least `same_story_threshold`; `relation`
/// is then `SameStory`); `None` for the rest.
///
/// The same as [`align_prepared`] followed by that test, except that a pair
/// seen to fall short before its sentences are linked is not linked
/// (see [`align_unless_dropped`]).
pub fn align_reported(pa: &Prepared<'_>, pb: &Prepared<'_>, config: &Config) -> Option<Alignment> {
    let unrelated = story_similarity(pa, pb, &config.story) < config.story.same_story_threshold;
    let mut found = align_unless_dropped(pa, pb, config, unrelated)?;
    if found.relation.is_none() {
        if unrelated {
            return None;
        }
        found.relation = Some(Relation::SameStory);
    }
    Some(found)
}

/// [`align_prepared`]; with `may_drop` (the caller drops the pair unless
/// it has a relation), `None` as soon as no sentence link could give it
/// one. That is sure before linking when more than
/// `rewrite_novel_facts` of each side's facts are missing from the other
/// (no rewrite, however linked) and the literal passages alone make no
/// duplicate, excerpt or partial: links cannot lengthen a literal passage,
/// and they can only lower literal coverage (a linked paragraph is never
/// discounted as wrapper, so the body it is a share of can only grow).
/// Linking is about 40 % of alignment, and most candidates between
/// different stories end here.
fn align_unless_dropped(
    pa: &Prepared<'_>,
    pb: &Prepared<'_>,
    config: &Config,
    may_drop: bool,
) -> Option<Alignment> {
    debug_assert!(pa.sentence_config == config.sentence && pb.sentence_config == config.sentence);
    let (a, b) = (&pa.p, &pb.p);
    let mut hits = literal::align_indexed(
        (&a.hashes, &pa.kgrams),
        (&b.hashes, &pb.kgrams),
        &config.literal,
    );
    for hit in &mut hits {
        trim_dangling(hit, a, b);
    }
    let mut passages: Vec<Passage> = Vec::new();
    let mut lit_a: Vec<Span> = Vec::new();
    let mut lit_b: Vec<Span> = Vec::new();
    let mut tokens_a = vec![false; a.seg.tokens.len()];
    let mut tokens_b = vec![false; b.seg.tokens.len()];
    for hit in &hits {
        let (Some(sa), Some(sb)) = (
            token_span(a, hit.a.0, hit.a.1),
            token_span(b, hit.b.0, hit.b.1),
        ) else {
            continue;
        };
        tokens_a[hit.a.0..hit.a.1]
            .iter_mut()
            .for_each(|t| *t = true);
        tokens_b[hit.b.0..hit.b.1]
            .iter_mut()
            .for_each(|t| *t = true);
        lit_a.push(sa);
        lit_b.push(sb);
        passages.push(Passage {
            a: sa,
            b: sb,
            kind: if hit.edited {
                PassageKind::Edited
            } else {
                PassageKind::Verbatim
            },
        });
    }

    let share = config.sentence.literal_sentence_share;
    let skip_a = literal_sentences(a, &tokens_a, share);
    let skip_b = literal_sentences(b, &tokens_b, share);
    let (linked_a, linked_b) = literal_counterparts(&hits, a, b, &skip_a, &skip_b);
    let a_novel_facts = novel_facts(pa, pb);
    let b_novel_facts = novel_facts(pb, pa);
    let longest_literal = hits
        .iter()
        .map(|h| {
            if identity(std::slice::from_ref(h)) >= config.classify.same_wording_identity {
                h.matched
            } else if a
                .terms
                .get(h.longest_run_a..h.longest_run_a + h.longest_run)
                .unwrap_or_default()
                .iter()
                .any(|t| t.class.is_fact())
            {
                h.longest_run
            } else {
                0
            }
        })
        .max()
        .unwrap_or(0);
    let identity = identity(&hits);
    let evidence = |links: &[Link], in_order: f64| {
        let a_side = side(pa, pb, &tokens_a, &lit_a, &linked_a, links, true);
        let b_side = side(pb, pa, &tokens_b, &lit_b, &linked_b, links, false);
        let share = |(all, novel): (usize, usize)| {
            if all == 0 {
                0.0
            } else {
                novel as f64 / all as f64
            }
        };
        let pooled = |x: (usize, usize), y: (usize, usize)| (x.0 + y.0, x.1 + y.1);
        let facts = pooled(a_side.linked_facts, b_side.linked_facts);
        let names = pooled(a_side.linked_names, b_side.linked_names);
        let e = Evidence {
            a_literal: a_side.literal,
            b_literal: b_side.literal,
            a_linked: a_side.linked,
            b_linked: b_side.linked,
            a_linked_sentences: a_side.linked_sentences,
            b_linked_sentences: b_side.linked_sentences,
            in_order,
            links: links.len(),
            a_novel_facts,
            b_novel_facts,
            linked_novel_facts: share(facts),
            linked_names: names.0,
            linked_novel_names: share(names),
            a_facts: pa.facts.len(),
            b_facts: pb.facts.len(),
            longest_literal,
            identity,
            a_tail: a_side.tail,
            b_tail: b_side.tail,
        };
        (e, a_side.core, b_side.core)
    };
    let novel = config.classify.rewrite_novel_facts;
    if may_drop && a_novel_facts > novel && b_novel_facts > novel {
        let (e, core_a, core_b) = evidence(&[], 0.0);
        if core_a > 0
            && core_b > 0
            && classify::classify(&e, core_a, core_b, &config.classify)
                .0
                .is_none()
        {
            return None;
        }
    }

    // Wrapper lines (headings, bylines, teasers, disclaimers) are never
    // paraphrase evidence: headline to headline is always "in order".
    let no_link = |pp: &Prepared<'_>, tokens: &[bool], skip: &[bool]| -> Vec<bool> {
        let wrapper =
            wrapper::wrapper_sentences(&pp.p, &pp.paragraphs, &touched(&pp.p, tokens, None));
        skip.iter().zip(&wrapper).map(|(&s, &w)| s || w).collect()
    };
    let set = sentence::link(
        pa,
        pb,
        &no_link(pa, &tokens_a, &skip_a),
        &no_link(pb, &tokens_b, &skip_b),
        &config.sentence,
    );
    let links = set.links;
    let mut para_a: Vec<Span> = Vec::new();
    let mut para_b: Vec<Span> = Vec::new();
    for link in &links {
        let (Some(sa), Some(sb)) = (
            sentence_span(a, link.a.clone()),
            sentence_span(b, link.b.clone()),
        ) else {
            continue;
        };
        para_a.push(sa);
        para_b.push(sb);
        passages.push(Passage {
            a: sa,
            b: sb,
            kind: PassageKind::Paraphrase,
        });
    }
    passages.sort_by_key(|p| (p.a.start, p.b.start, p.kind));

    let in_order = if set.mutual == 0 {
        0.0
    } else {
        set.mutual_in_order as f64 / set.mutual as f64
    };
    let (evidence, core_a, core_b) = evidence(&links, in_order);
    let (relation, derived) = classify::classify(&evidence, core_a, core_b, &config.classify);
    let all_a: Vec<Span> = lit_a.iter().chain(&para_a).copied().collect();
    let all_b: Vec<Span> = lit_b.iter().chain(&para_b).copied().collect();
    let everything_a = vec![false; a.seg.sentences.len()];
    let everything_b = vec![false; b.seg.sentences.len()];
    let body_a = sentence_chars(pa, &everything_a, None);
    let body_b = sentence_chars(pb, &everything_b, None);
    let ratio = |x: usize, body: usize| {
        if body == 0 {
            0.0
        } else {
            x as f64 / body as f64
        }
    };
    Some(Alignment {
        passages,
        a_covered: ratio(covered_chars(a, &all_a, &everything_a), body_a),
        b_covered: ratio(covered_chars(b, &all_b, &everything_b), body_b),
        relation,
        derived,
        sentence_links: links,
        evidence,
    })
}

/// Per sentence of `p`: whether a literal passage covers any of its tokens
/// or, given `linked`, it is linked.
fn touched(p: &Profile<'_>, tokens: &[bool], linked: Option<&[bool]>) -> Vec<bool> {
    p.seg
        .sentences
        .iter()
        .enumerate()
        .map(|(i, s)| {
            linked.is_some_and(|l| l.get(i).copied().unwrap_or(false))
                || tokens
                    .get(s.tokens.clone())
                    .unwrap_or_default()
                    .iter()
                    .any(|&t| t)
        })
        .collect()
}

/// What one side of a pair contributes to its [`Evidence`].
struct SideEvidence {
    literal: f64,
    linked: f64,
    linked_sentences: f64,
    /// Share of the body after the last literal passage.
    tail: f64,
    /// Characters of the body the shares are of (wrapper discounted).
    core: usize,
    /// Distinct facts of the linked sentences, and how many of them the
    /// other document lacks; the same for their names alone.
    linked_facts: (usize, usize),
    linked_names: (usize, usize),
}

/// One side's evidence: `tokens` its tokens in literal passages, `literal`
/// their spans, `counterparts` its sentences linked literally; `other` the
/// document on the other side.
fn side(
    pp: &Prepared<'_>,
    other: &Prepared<'_>,
    tokens: &[bool],
    literal: &[Span],
    counterparts: &[bool],
    links: &[Link],
    is_a: bool,
) -> SideEvidence {
    let p = &pp.p;
    let linked = linked_sentences(p, counterparts, links, is_a);
    let wrapper = wrapper::wrapper_sentences(p, &pp.paragraphs, &touched(p, tokens, Some(&linked)));
    let core = sentence_chars(pp, &wrapper, None);
    let ratio = |x: usize| {
        if core == 0 {
            0.0
        } else {
            x as f64 / core as f64
        }
    };
    let end = literal.iter().map(|s| s.end).max().unwrap_or(0);
    let tail: usize = p
        .seg
        .sentences
        .iter()
        .zip(&pp.sentence_chars)
        .zip(&wrapper)
        .filter(|&((s, _), &w)| !w && s.span.start >= end)
        .map(|((_, &c), _)| c)
        .sum();
    let core_sentences = wrapper.iter().filter(|&&w| !w).count();
    let linked_sentences = linked
        .iter()
        .zip(&wrapper)
        .filter(|&(&l, &w)| l && !w)
        .count();
    let (mut facts, mut names) = (Vec::new(), Vec::new());
    for t in p
        .seg
        .sentences
        .iter()
        .zip(linked.iter().zip(&wrapper))
        .filter(|&(_, (&l, &w))| l && !w)
        .flat_map(|(s, _)| p.terms.get(s.tokens.clone()).unwrap_or_default())
        .filter(|t| t.class.is_fact())
    {
        facts.push(t.id);
        if t.class == Class::Name {
            names.push(t.id);
        }
    }
    let distinct = |v: &mut Vec<u64>| {
        v.sort_unstable();
        v.dedup();
        (v.len(), absent(v, other))
    };
    SideEvidence {
        linked_facts: distinct(&mut facts),
        linked_names: distinct(&mut names),
        literal: ratio(covered_chars(p, literal, &wrapper)),
        tail: if literal.is_empty() { 0.0 } else { ratio(tail) },
        linked: ratio(sentence_chars(pp, &wrapper, Some(&linked))),
        linked_sentences: if core_sentences == 0 {
            0.0
        } else {
            linked_sentences as f64 / core_sentences as f64
        },
        core,
    }
}

/// Share of the literal passages' tokens that are aligned identical
/// tokens, on the shorter side of each passage (so an insertion, such as
/// a sub-head or a dateline, costs nothing and a substitution costs one):
/// near 1 for copies (house style is normalised away), lower for
/// paraphrase dense enough to align.
fn identity(hits: &[literal::Hit]) -> f64 {
    let matched: usize = hits.iter().map(|h| h.matched).sum();
    let span: usize = hits
        .iter()
        .map(|h| (h.a.1 - h.a.0).min(h.b.1 - h.b.0))
        .sum();
    if span == 0 {
        0.0
    } else {
        matched as f64 / span as f64
    }
}

/// The sentence holding token `t` (sentences' token ranges tile the
/// tokens in order).
fn sentence_of<'a>(p: &Profile<'a>, t: usize) -> Option<&'a stemma_segment::Sentence> {
    let s = &p.seg.sentences;
    s.get(s.partition_point(|x| x.tokens.end <= t))
}

/// Drops a passage's dangling ends: one or two tokens reaching into a
/// sentence that the passage otherwise leaves alone (`… the trip. The`),
/// when those tokens are identical on both sides.
fn trim_dangling(hit: &mut literal::Hit, a: &Profile<'_>, b: &Profile<'_>) {
    const DANGLING: usize = 2;
    let tail = |p: &Profile<'_>, (start, end): (usize, usize)| -> usize {
        let Some(s) = end.checked_sub(1).and_then(|t| sentence_of(p, t)) else {
            return 0;
        };
        let (ss, se) = (s.tokens.start, s.tokens.end);
        if ss > start && end < se && end - ss <= DANGLING {
            end - ss
        } else {
            0
        }
    };
    let head = |p: &Profile<'_>, (start, end): (usize, usize)| -> usize {
        let Some(s) = sentence_of(p, start) else {
            return 0;
        };
        let (ss, se) = (s.tokens.start, s.tokens.end);
        if start > ss && se < end && se - start <= DANGLING {
            se - start
        } else {
            0
        }
    };
    let k = tail(a, hit.a).max(tail(b, hit.b));
    if k > 0
        && hit.matched > k
        && a.hashes.get(hit.a.1 - k..hit.a.1) == b.hashes.get(hit.b.1.saturating_sub(k)..hit.b.1)
    {
        hit.a.1 -= k;
        hit.b.1 -= k;
        hit.matched -= k;
        hit.longest_run = hit.longest_run.min(hit.matched);
    }
    let k = head(a, hit.a).max(head(b, hit.b));
    if k > 0
        && hit.matched > k
        && a.hashes.get(hit.a.0..hit.a.0 + k) == b.hashes.get(hit.b.0..hit.b.0 + k)
    {
        hit.a.0 += k;
        hit.b.0 += k;
        hit.matched -= k;
        hit.longest_run = hit.longest_run.min(hit.matched);
    }
}

/// Byte span from the start of token `from` to the end of token `to - 1`.
fn token_span(p: &Profile<'_>, from: usize, to: usize) -> Option<Span> {
    let first = p.seg.tokens.get(from)?;
    let last = p.seg.tokens.get(to.checked_sub(1)?)?;
    Some(Span::new(first.span.start, last.span.end))
}

/// Byte span of sentences `range`.
fn sentence_span(p: &Profile<'_>, range: std::ops::Range<usize>) -> Option<Span> {
    let first = p.seg.sentences.get(range.start)?;
    let last = p.seg.sentences.get(range.end.checked_sub(1)?)?;
    Some(Span::new(first.span.start, last.span.end))
}

fn chars(p: &Profile<'_>, span: Span) -> usize {
    span.slice(p.text).map_or(0, |s| s.chars().count())
}

/// Characters of the sentences not `excluded` (and, if given, `selected`).
fn sentence_chars(p: &Prepared<'_>, excluded: &[bool], selected: Option<&[bool]>) -> usize {
    p.sentence_chars
        .iter()
        .enumerate()
        .filter(|(i, _)| !excluded.get(*i).copied().unwrap_or(false))
        .filter(|(i, _)| selected.is_none_or(|sel| sel.get(*i).copied().unwrap_or(false)))
        .map(|(_, &c)| c)
        .sum()
}

/// Characters of the sentences not `excluded` inside the union of `spans`.
fn covered_chars(p: &Profile<'_>, spans: &[Span], excluded: &[bool]) -> usize {
    let mut spans: Vec<Span> = spans.to_vec();
    spans.sort();
    let mut merged: Vec<Span> = Vec::new();
    for s in spans {
        match merged.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => merged.push(s),
        }
    }
    let mut total = 0;
    for (i, sentence) in p.seg.sentences.iter().enumerate() {
        if excluded.get(i).copied().unwrap_or(false) {
            continue;
        }
        let lo = merged.partition_point(|m| m.end <= sentence.span.start);
        for m in merged[lo..]
            .iter()
            .take_while(|m| m.start < sentence.span.end)
        {
            let start = m.start.max(sentence.span.start);
            let end = m.end.min(sentence.span.end);
            if start < end {
                total += chars(p, Span::new(start, end));
            }
        }
    }
    total
}

/// Sentences with at least `share` of their tokens in `tokens`.
fn literal_sentences(p: &Profile<'_>, tokens: &[bool], share: f64) -> Vec<bool> {
    p.seg
        .sentences
        .iter()
        .map(|s| {
            let n = s.tokens.len();
            let covered = tokens
                .get(s.tokens.clone())
                .unwrap_or_default()
                .iter()
                .filter(|&&t| t)
                .count();
            n > 0 && covered as f64 >= share * n as f64
        })
        .collect()
}

/// Per sentence of each side: mostly covered literally (`skip_*`), or the
/// counterpart of such a sentence on the other side: touched by a passage
/// that mostly covers a sentence there. A paraphrase dense enough to align
/// covers the source's sentences mostly but its own longer ones only in
/// part; both ends of the passage are linked.
fn literal_counterparts(
    hits: &[literal::Hit],
    a: &Profile<'_>,
    b: &Profile<'_>,
    skip_a: &[bool],
    skip_b: &[bool],
) -> (Vec<bool>, Vec<bool>) {
    let mut linked_a = skip_a.to_vec();
    let mut linked_b = skip_b.to_vec();
    // Sentences' token ranges tile the tokens in order.
    let sentences = |p: &Profile<'_>, (start, end): (usize, usize)| {
        let index = |t: usize| p.seg.sentences.partition_point(|x| x.tokens.end <= t);
        index(start)..=index(end.saturating_sub(1).max(start))
    };
    for hit in hits {
        let (sa, sb) = (sentences(a, hit.a), sentences(b, hit.b));
        let mark = |linked: &mut [bool], range: std::ops::RangeInclusive<usize>| {
            for l in linked.get_mut(range).unwrap_or_default() {
                *l = true;
            }
        };
        if skip_a
            .get(sa.clone())
            .unwrap_or_default()
            .iter()
            .any(|&s| s)
        {
            mark(&mut linked_b, sb.clone());
        }
        if skip_b.get(sb).unwrap_or_default().iter().any(|&s| s) {
            mark(&mut linked_a, sa);
        }
    }
    (linked_a, linked_b)
}

/// Per sentence: covered literally (`literal`) or in a link.
fn linked_sentences(p: &Profile<'_>, literal: &[bool], links: &[Link], side_a: bool) -> Vec<bool> {
    let mut linked = literal.to_vec();
    linked.resize(p.seg.sentences.len(), false);
    for link in links {
        let range = if side_a { &link.a } else { &link.b };
        for i in range.clone() {
            if let Some(l) = linked.get_mut(i) {
                *l = true;
            }
        }
    }
    linked
}

/// Share of `x`'s distinct facts (numbers, names) that `y` lacks.
fn novel_facts(x: &Prepared<'_>, y: &Prepared<'_>) -> f64 {
    let fx = &x.facts;
    if fx.is_empty() {
        return 0.0;
    }
    absent(fx, y) as f64 / fx.len() as f64
}

/// How many of `facts` (term ids) `y` lacks: against all of its terms, as
/// a name in one text may be a plain word in the other.
fn absent(facts: &[u64], y: &Prepared<'_>) -> usize {
    facts
        .iter()
        .filter(|f| y.ids.binary_search(f).is_err())
        .count()
}

#[cfg(test)]
mod tests;
