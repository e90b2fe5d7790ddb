//! Sentence-level alignment for non-literal reuse (paraphrase).
//!
//! A sentence (or two adjacent ones) is a weighted set of terms: content
//! stems weigh their idf; numbers and names their idf times
//! [`SentenceConfig::number_weight`] / [`SentenceConfig::name_weight`];
//! stopwords their (low) idf times [`SentenceConfig::stop_weight`].
//! Similarity is the weighted Dice coefficient `2·shared / (weight(x) +
//! weight(y))`, where two different stems with the same five-character
//! prefix count [`SentenceConfig::prefix_credit`] of a match: everything
//! one side has and the other lacks counts against the pair.
//!
//! Links: candidate 1–1 pairs come from an inverted index of `b`'s content
//! terms and must share content (`min_content_share`); each candidate also
//! tries a merge with the neighbouring sentence on either side (1–2,
//! 2–1). A weighted longest chain of candidates increasing on both sides,
//! over those at or above `in_order_threshold`, gives the in-order links
//! (the soft order prior: an in-order link may be weaker); the remaining
//! candidates at or above `paraphrase_threshold` are added best first as
//! out-of-order links (transpositions). Order evidence for classification
//! is the share of mutual best candidates that lie on the chain.

use std::ops::Range;

use crate::SentenceConfig;
use crate::prepared::Prepared;
use crate::profile::{Class, Profile, TermStats};

/// A link between sentences `a` of one document and sentences `b` of the
/// other (sentence indices of each `Segmented`; one or two sentences on
/// each side, never two on both).
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub a: Range<usize>,
    pub b: Range<usize>,
    /// Similarity, in `0..=1`.
    pub score: f64,
    /// Whether the link is on the best monotone chain of links (the
    /// derived text follows the source's order there).
    pub in_order: bool,
}

/// A term of a bag: its id, its stem prefix id (0 if none), its weight and
/// whether it is a stopword.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Item {
    id: u64,
    prefix: u64,
    weight: f64,
    stop: bool,
}

/// A weighted set of terms, sorted by id.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Bag {
    items: Vec<Item>,
    /// Positions in `items` of those with a stem prefix, sorted by prefix,
    /// then weight (heaviest first), then id.
    loose: Vec<u32>,
    total: f64,
    /// Weight of the stopwords among `items`.
    stop_total: f64,
}

/// A bag, borrowed: from a [`Bag`] or from a document's [`SentenceIndex`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct BagRef<'b> {
    items: &'b [Item],
    loose: &'b [u32],
    total: f64,
    stop_total: f64,
}

impl BagRef<'_> {
    fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The content items (not stopwords): `(id, weight)`, sorted by id.
    fn content(&self) -> impl Iterator<Item = (u64, f64)> + '_ {
        self.items
            .iter()
            .filter(|x| !x.stop)
            .map(|x| (x.id, x.weight))
    }
}

/// The bag of terms of `tokens` of `p`.
pub(crate) fn bag(
    p: &Profile<'_>,
    tokens: Range<usize>,
    stats: &TermStats,
    config: &SentenceConfig,
) -> Bag {
    let mut items: Vec<Item> = p
        .terms
        .get(tokens)
        .unwrap_or_default()
        .iter()
        .filter_map(|t| {
            let boost = match t.class {
                Class::Number => config.number_weight,
                Class::Name => config.name_weight,
                Class::Word => 1.0,
                Class::Stop => config.stop_weight,
            };
            (boost > 0.0).then(|| Item {
                id: t.id,
                prefix: t.prefix,
                weight: stats.idf(t.id) * boost,
                stop: t.class == Class::Stop,
            })
        })
        .collect();
    // Stable: of equal ids with equal weights, the first in text order.
    items.sort_by(|x, y| x.id.cmp(&y.id).then(y.weight.total_cmp(&x.weight)));
    items.dedup_by_key(|x| x.id);
    Bag::from_items(items)
}

impl Bag {
    /// The bag of `items`, sorted by id and distinct.
    fn from_items(items: Vec<Item>) -> Bag {
        let total = items.iter().map(|x| x.weight).sum();
        let stop_total = items.iter().filter(|x| x.stop).map(|x| x.weight).sum();
        let mut loose: Vec<u32> = (0..items.len() as u32)
            .filter(|&k| items[k as usize].prefix != 0)
            .collect();
        loose.sort_by(|&p, &q| {
            let (p, q) = (&items[p as usize], &items[q as usize]);
            p.prefix
                .cmp(&q.prefix)
                .then(q.weight.total_cmp(&p.weight))
                .then(p.id.cmp(&q.id))
        });
        Bag {
            items,
            loose,
            total,
            stop_total,
        }
    }

    pub(crate) fn view(&self) -> BagRef<'_> {
        BagRef {
            items: &self.items,
            loose: &self.loose,
            total: self.total,
            stop_total: self.stop_total,
        }
    }

    /// The bag of the tokens of `first` followed by those of `second`:
    /// what [`bag`] gives over both token ranges, without looking the
    /// weights up again. Of an id in both, [`bag`] keeps the heaviest
    /// token and, among equally heavy ones, the first in text order, which
    /// is `first`'s item unless `second`'s weighs strictly more.
    fn union(first: BagRef<'_>, second: BagRef<'_>) -> Bag {
        let (x, y) = (first.items, second.items);
        let mut items = Vec::with_capacity(x.len() + y.len());
        let (mut i, mut j) = (0, 0);
        while let (Some(u), Some(v)) = (x.get(i), y.get(j)) {
            match u.id.cmp(&v.id) {
                std::cmp::Ordering::Less => {
                    items.push(*u);
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    items.push(*v);
                    j += 1;
                }
                std::cmp::Ordering::Equal => {
                    items.push(if v.weight.total_cmp(&u.weight).is_gt() {
                        *v
                    } else {
                        *u
                    });
                    i += 1;
                    j += 1;
                }
            }
        }
        items.extend_from_slice(x.get(i..).unwrap_or_default());
        items.extend_from_slice(y.get(j..).unwrap_or_default());
        Bag::from_items(items)
    }
}

/// The bag of sentences `range` of `p`.
pub(crate) fn sentences_bag(
    p: &Profile<'_>,
    range: Range<usize>,
    stats: &TermStats,
    config: &SentenceConfig,
) -> Bag {
    let s = &p.seg.sentences;
    match (
        s.get(range.start),
        range.end.checked_sub(1).and_then(|e| s.get(e)),
    ) {
        (Some(first), Some(last)) if range.start < range.end => {
            bag(p, first.tokens.start..last.tokens.end, stats, config)
        }
        _ => Bag::default(),
    }
}

/// Weight of the terms in both bags (the smaller weight of each), plus
/// `prefix_credit` times that of pairs left unmatched that share a stem
/// prefix (each item loosely matched at most once, in prefix order).
fn shared(x: BagRef<'_>, y: BagRef<'_>, prefix_credit: f64) -> f64 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while let (Some(p), Some(q)) = (x.items.get(i), y.items.get(j)) {
        let (u, wu, v, wv) = (p.id, p.weight, q.id, q.weight);
        match u.cmp(&v) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += wu.min(wv);
                i += 1;
                j += 1;
            }
        }
    }
    if prefix_credit > 0.0 {
        let (mut i, mut j) = (0, 0);
        let item = |b: BagRef<'_>, k: usize| {
            b.loose
                .get(k)
                .and_then(|&at| b.items.get(at as usize))
                .map(|it| (it.prefix, it.id, it.weight))
        };
        while let (Some((pu, u, wu)), Some((pv, v, wv))) = (item(x, i), item(y, j)) {
            match pu.cmp(&pv) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    let free_x = y.items.binary_search_by_key(&u, |it| it.id).is_err();
                    let free_y = x.items.binary_search_by_key(&v, |it| it.id).is_err();
                    match (free_x, free_y) {
                        (true, true) => {
                            s += prefix_credit * wu.min(wv);
                            i += 1;
                            j += 1;
                        }
                        (false, _) => i += 1,
                        (true, false) => j += 1,
                    }
                }
            }
        }
    }
    s
}

/// Weighted Dice similarity of two bags, in `0..=1`.
pub(crate) fn dice(x: BagRef<'_>, y: BagRef<'_>, config: &SentenceConfig) -> f64 {
    let denom = x.total + y.total;
    if denom <= 0.0 {
        return 0.0;
    }
    (2.0 * shared(x, y, config.prefix_credit) / denom).clamp(0.0, 1.0)
}

/// Similarity of sentence `i` of `a` and sentence `j` of `b`, in `0..=1`
/// (0 for an index out of range).
pub fn sentence_similarity(
    a: &Profile<'_>,
    i: usize,
    b: &Profile<'_>,
    j: usize,
    stats: &TermStats,
    config: &SentenceConfig,
) -> f64 {
    dice(
        sentences_bag(a, i..i + 1, stats, config).view(),
        sentences_bag(b, j..j + 1, stats, config).view(),
        config,
    )
}

/// Similarity of two whole texts taken as one unit each (for short texts:
/// a sentence or two), in `0..=1`.
pub fn text_similarity(
    a: &Profile<'_>,
    b: &Profile<'_>,
    stats: &TermStats,
    config: &SentenceConfig,
) -> f64 {
    dice(
        bag(a, 0..a.terms.len(), stats, config).view(),
        bag(b, 0..b.terms.len(), stats, config).view(),
        config,
    )
}

/// Whether `b` is a paraphrase of `a`, both taken whole:
/// [`text_similarity`] at or above `paraphrase_threshold`.
pub fn paraphrase(
    a: &Profile<'_>,
    b: &Profile<'_>,
    stats: &TermStats,
    config: &SentenceConfig,
) -> bool {
    text_similarity(a, b, stats, config) >= config.paraphrase_threshold
}

#[derive(Debug, Clone)]
struct Candidate {
    a: Range<usize>,
    b: Range<usize>,
    score: f64,
}

/// Links of a pair, and how well they keep order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Links {
    /// Sorted by `a`.
    pub links: Vec<Link>,
    /// Mutual best candidates (each the best for its sentences on both
    /// sides) above `in_order_threshold`.
    pub mutual: usize,
    /// How many of those are on the monotone chain.
    pub mutual_in_order: usize,
}

/// The per-document part of sentence linking: the bag of each sentence
/// and the inverted index of their content terms.
#[derive(Debug, Clone, Default)]
pub(crate) struct SentenceIndex {
    /// The items of every sentence's bag, one after the other.
    items: Vec<Item>,
    /// The `loose` lists of every sentence's bag, one after the other.
    loose: Vec<u32>,
    /// Per sentence: its end in `items` and in `loose`, its total and its
    /// stopwords' weight.
    bags: Vec<(u32, u32, f64, f64)>,
    /// `(term, sentence, weight)` of every sentence's content items,
    /// sorted by term, then sentence.
    postings: Vec<(u64, usize, f64)>,
}

impl SentenceIndex {
    pub(crate) fn new(
        p: &Profile<'_>,
        stats: &TermStats,
        config: &SentenceConfig,
    ) -> SentenceIndex {
        let mut index = SentenceIndex::default();
        for i in 0..p.seg.sentences.len() {
            let bag = sentences_bag(p, i..i + 1, stats, config);
            index
                .postings
                .extend(bag.view().content().map(|(id, w)| (id, i, w)));
            index.items.extend_from_slice(&bag.items);
            index.loose.extend_from_slice(&bag.loose);
            index.bags.push((
                index.items.len() as u32,
                index.loose.len() as u32,
                bag.total,
                bag.stop_total,
            ));
        }
        index
            .postings
            .sort_by(|x, y| x.0.cmp(&y.0).then(x.1.cmp(&y.1)));
        index.items.shrink_to_fit();
        index.loose.shrink_to_fit();
        index
    }

    /// The bag of sentence `i`.
    fn bag(&self, i: usize) -> Option<BagRef<'_>> {
        let &(items_end, loose_end, total, stop_total) = self.bags.get(i)?;
        let (items_start, loose_start) = match i.checked_sub(1).and_then(|k| self.bags.get(k)) {
            Some(&(x, y, _, _)) => (x, y),
            None => (0, 0),
        };
        Some(BagRef {
            items: self.items.get(items_start as usize..items_end as usize)?,
            loose: self.loose.get(loose_start as usize..loose_end as usize)?,
            total,
            stop_total,
        })
    }
}

/// The bags of sentences `i` and `i + 1` of one side, made when a merge
/// first asks for them (most pairs never do).
struct PairBags<'x, 'a> {
    side: &'x Prepared<'a>,
    bags: Vec<Option<Bag>>,
}

impl PairBags<'_, '_> {
    fn fill(&mut self, i: usize) {
        if let Some(slot) = self.bags.get_mut(i)
            && slot.is_none()
            && let (Some(x), Some(y)) = (self.side.index().bag(i), self.side.index().bag(i + 1))
        {
            *slot = Some(Bag::union(x, y));
        }
    }

    fn get(&self, i: usize) -> Option<BagRef<'_>> {
        self.bags.get(i).and_then(Option::as_ref).map(Bag::view)
    }
}

/// Sentence links between `a` and `b`. Sentences flagged in
/// `skip_a`/`skip_b` (covered by literal passages) take no part.
pub(crate) fn link(
    a: &Prepared<'_>,
    b: &Prepared<'_>,
    skip_a: &[bool],
    skip_b: &[bool],
    config: &SentenceConfig,
) -> Links {
    let na = a.p.seg.sentences.len();
    let nb = b.p.seg.sentences.len();
    let skipped = |skip: &[bool], i: usize| skip.get(i).copied().unwrap_or(false);
    let (bags_a, bags_b) = (a.index(), b.index());
    // Bags of sentences i and i + 1, for 2–1 and 1–2 links.
    let mut pairs_a = PairBags {
        side: a,
        bags: vec![None; na.saturating_sub(1)],
    };
    let mut pairs_b = PairBags {
        side: b,
        bags: vec![None; nb.saturating_sub(1)],
    };

    // Inverted index of b's content terms: (term, sentence), sorted.
    // Sentences sharing only stopwords are never candidates.
    let postings = &b.index().postings;

    let floor = config.in_order_threshold.min(config.paraphrase_threshold);
    let mut singles: Vec<Candidate> = Vec::new();
    let mut acc = vec![0.0f64; nb];
    let mut touched: Vec<usize> = Vec::new();
    for i in 0..na {
        let Some(bag) = bags_a.bag(i) else {
            continue;
        };
        if skipped(skip_a, i) || bag.is_empty() {
            continue;
        }
        for (id, w) in bag.content() {
            let lo = postings.partition_point(|p| p.0 < id);
            for &(_, j, wb) in postings[lo..].iter().take_while(|p| p.0 == id) {
                if skipped(skip_b, j) {
                    continue;
                }
                if acc[j] == 0.0 {
                    touched.push(j);
                }
                acc[j] += w.min(wb);
            }
        }
        touched.sort_unstable();
        for &j in &touched {
            let Some(other) = bags_b.bag(j) else {
                acc[j] = 0.0;
                continue;
            };
            let shared_content = acc[j];
            acc[j] = 0.0;
            // Gate: sentences must share content, not only function words.
            let content_denom = (bag.total - bag.stop_total) + (other.total - other.stop_total);
            if content_denom <= 0.0
                || 2.0 * shared_content / content_denom < config.min_content_share
            {
                continue;
            }
            let score = dice(bag, other, config);
            if score >= floor * 0.5 {
                singles.push(Candidate {
                    a: i..i + 1,
                    b: j..j + 1,
                    score,
                });
            }
        }
        touched.clear();
    }

    // 1–2 and 2–1 merges around each single.
    let mut merged: Vec<Candidate> = Vec::new();
    let single_scores: std::collections::BTreeMap<(usize, usize), f64> = singles
        .iter()
        .map(|c| ((c.a.start, c.b.start), c.score))
        .collect();
    for c in singles
        .iter()
        .filter(|c| c.score >= floor * config.merge_seed)
    {
        let i = c.a.start;
        let j = c.b.start;
        let mut options: Vec<(Range<usize>, Range<usize>)> = Vec::new();
        if i + 1 < na && !skipped(skip_a, i + 1) {
            options.push((i..i + 2, j..j + 1));
        }
        if i > 0 && !skipped(skip_a, i - 1) {
            options.push((i - 1..i + 1, j..j + 1));
        }
        if j + 1 < nb && !skipped(skip_b, j + 1) {
            options.push((i..i + 1, j..j + 2));
        }
        if j > 0 && !skipped(skip_b, j - 1) {
            options.push((i..i + 1, j - 1..j + 1));
        }
        for (ra, rb) in options {
            if ra.len() == 2 {
                pairs_a.fill(ra.start);
            }
            if rb.len() == 2 {
                pairs_b.fill(rb.start);
            }
            let x = if ra.len() == 2 {
                pairs_a.get(ra.start)
            } else {
                bags_a.bag(ra.start)
            };
            let y = if rb.len() == 2 {
                pairs_b.get(rb.start)
            } else {
                bags_b.bag(rb.start)
            };
            let (Some(x), Some(y)) = (x, y) else {
                continue;
            };
            let score = dice(x, y, config);
            // The second sentence must add to the link, not dilute it.
            let parts_best = ra
                .clone()
                .flat_map(|x| rb.clone().map(move |y| (x, y)))
                .filter_map(|k| single_scores.get(&k).copied())
                .fold(0.0, f64::max);
            if score >= floor && score > parts_best + config.merge_gain {
                merged.push(Candidate {
                    a: ra,
                    b: rb,
                    score,
                });
            }
        }
    }
    let mut candidates: Vec<Candidate> = singles.into_iter().filter(|c| c.score >= floor).collect();
    candidates.extend(merged);
    candidates.sort_by(|x, y| {
        (x.a.start, x.a.end, x.b.start, x.b.end).cmp(&(y.a.start, y.a.end, y.b.start, y.b.end))
    });
    candidates.dedup_by(|x, y| x.a == y.a && x.b == y.b);

    // In-order links: the heaviest chain increasing on both sides.
    let chain = monotone_chain(&candidates, nb, config.in_order_threshold);

    // Order evidence: are the mutual best candidates on the chain?
    let mut best_a: Vec<Option<usize>> = vec![None; na];
    let mut best_b: Vec<Option<usize>> = vec![None; nb];
    let beats =
        |c: usize, o: Option<usize>| o.is_none_or(|o| candidates[c].score > candidates[o].score);
    for (c, cand) in candidates.iter().enumerate() {
        if cand.score < config.in_order_threshold {
            continue;
        }
        for i in cand.a.clone() {
            if beats(c, best_a[i]) {
                best_a[i] = Some(c);
            }
        }
        for j in cand.b.clone() {
            if beats(c, best_b[j]) {
                best_b[j] = Some(c);
            }
        }
    }
    let mut on_chain = vec![false; candidates.len()];
    for &c in &chain {
        on_chain[c] = true;
    }
    let mutual: Vec<usize> = (0..candidates.len())
        .filter(|&c| {
            let cand = &candidates[c];
            cand.score >= config.in_order_threshold
                && cand.a.clone().all(|i| best_a[i] == Some(c))
                && cand.b.clone().all(|j| best_b[j] == Some(c))
        })
        .collect();
    let mutual_in_order = mutual.iter().filter(|&&c| on_chain[c]).count();

    let mut used_a = vec![false; na];
    let mut used_b = vec![false; nb];
    let mut links: Vec<Link> = Vec::new();
    for &c in &chain {
        let cand = &candidates[c];
        used_a[cand.a.clone()].iter_mut().for_each(|u| *u = true);
        used_b[cand.b.clone()].iter_mut().for_each(|u| *u = true);
        links.push(Link {
            a: cand.a.clone(),
            b: cand.b.clone(),
            score: cand.score,
            in_order: true,
        });
    }
    // Out-of-order links: strong ones only, best first.
    let mut rest: Vec<usize> = (0..candidates.len())
        .filter(|&c| candidates[c].score >= config.paraphrase_threshold)
        .collect();
    rest.sort_by(|&x, &y| {
        candidates[y]
            .score
            .total_cmp(&candidates[x].score)
            .then(x.cmp(&y))
    });
    for c in rest {
        let cand = &candidates[c];
        if used_a[cand.a.clone()].iter().any(|&u| u) || used_b[cand.b.clone()].iter().any(|&u| u) {
            continue;
        }
        used_a[cand.a.clone()].iter_mut().for_each(|u| *u = true);
        used_b[cand.b.clone()].iter_mut().for_each(|u| *u = true);
        links.push(Link {
            a: cand.a.clone(),
            b: cand.b.clone(),
            score: cand.score,
            in_order: false,
        });
    }
    links.sort_by_key(|l| (l.a.start, l.b.start));
    Links {
        links,
        mutual: mutual.len(),
        mutual_in_order,
    }
}

/// Indices (into `candidates`, sorted by `a`) of the chain strictly
/// increasing on both sides that maximises the sum of `score − threshold`
/// over candidates at or above `threshold`. O(C log C) with a Fenwick tree
/// of prefix maxima over `b`.
fn monotone_chain(candidates: &[Candidate], nb: usize, threshold: f64) -> Vec<usize> {
    let eligible: Vec<usize> = (0..candidates.len())
        .filter(|&c| candidates[c].score >= threshold)
        .collect();
    if eligible.is_empty() {
        return Vec::new();
    }
    // Fenwick over b positions 1..=nb: best (score, candidate) ending at b_end.
    let mut tree: Vec<Option<(f64, usize)>> = vec![None; nb + 1];
    let better = |x: Option<(f64, usize)>, y: Option<(f64, usize)>| match (x, y) {
        (Some(p), Some(q)) => {
            if q.0 > p.0 || (q.0 == p.0 && q.1 < p.1) {
                Some(q)
            } else {
                Some(p)
            }
        }
        (p, None) => p,
        (None, q) => q,
    };
    let mut dp = vec![0.0f64; candidates.len()];
    let mut pred: Vec<Option<usize>> = vec![None; candidates.len()];
    // Insert candidates once the current a start has passed their a end.
    let mut pending: Vec<usize> = eligible.clone();
    pending.sort_by_key(|&c| (candidates[c].a.end, c));
    let mut next_pending = 0;
    let mut best: Option<(f64, usize)> = None;
    for &c in &eligible {
        let cand = &candidates[c];
        while let Some(&p) = pending.get(next_pending) {
            if candidates[p].a.end > cand.a.start {
                break;
            }
            // Only candidates already scored are inserted (all with a.end ≤ a.start are).
            let mut pos = candidates[p].b.end;
            while pos <= nb {
                tree[pos] = better(tree[pos], Some((dp[p], p)));
                pos += pos & pos.wrapping_neg();
            }
            next_pending += 1;
        }
        // Best chain ending with b.end ≤ cand.b.start.
        let mut prefix: Option<(f64, usize)> = None;
        let mut pos = cand.b.start;
        while pos > 0 {
            prefix = better(prefix, tree[pos]);
            pos -= pos & pos.wrapping_neg();
        }
        let gain = cand.score - threshold;
        match prefix {
            Some((s, p)) if s > 0.0 => {
                dp[c] = s + gain;
                pred[c] = Some(p);
            }
            _ => dp[c] = gain,
        }
        best = better(best, Some((dp[c], c)));
    }
    let mut chain = Vec::new();
    let mut at = best.map(|b| b.1);
    while let Some(c) = at {
        chain.push(c);
        at = pred[c];
    }
    chain.reverse();
    chain
}
