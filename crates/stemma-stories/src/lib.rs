//! Stories and provenance: which documents report one event, and which
//! version was taken from which.
//!
//! **Stories** are the connected components of the pairs that carry a
//! story (`duplicate`, `excerpt`, `rewrite`, and `same-story`: no shared
//! text but the same event; a `partial` pair shares a passage, which a
//! different story may quote), found with a union-find
//! over the pairs: near-linear, deterministic, and incremental (a new
//! document's pairs join it to a story or start one).
//!
//! **Provenance** (`provenance.rs`) orients every reuse pair of a story
//! from the signals it has — an attribution line naming the other side's
//! outlet, containment (an excerpt is the covered side), publication times
//! — and gives each document its closest source: the pair of the strongest
//! relation (a copy of a rewrite is taken from the rewrite, not from the
//! original), ties broken by coverage and then by time. Parents are taken
//! best first and never close a cycle, so the result is a forest; roots
//! are the documents with no source.
//!
//! **Relations through derivations** ([`rewrites_through_derivations`]):
//! a `same-story` or `partial` pair with a passage whose documents the
//! derivations join through a rewrite is a `rewrite`. See `DESIGN.md`.

mod provenance;
mod signals;
#[cfg(test)]
mod tests;

use stemma_core::{DocIdx, Document, Pair, Relation, Story};

/// Settings of stories and provenance.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    /// Publication times closer than this (seconds) say nothing about
    /// direction: clocks, time zones and feed delays blur them.
    pub min_time_gap: i64,
    /// A `same-story` pair joins two stories only if all their known
    /// publication days then lie within this many days: reports of one
    /// event appear within days of each other, two events of one kind
    /// rarely do.
    pub max_story_days: i64,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            min_time_gap: 10 * 60,
            max_story_days: 7,
        }
    }
}

/// A reuse pair with what alignment found about its direction.
#[derive(Debug, Clone, Copy)]
pub struct Reuse<'a> {
    pub pair: &'a Pair,
    /// The side that fitted as derived (`excerpt`: the covered side;
    /// `rewrite`: the side whose sentences are linked), when alignment could
    /// tell.
    pub derived: Option<DocIdx>,
}

/// Groups the documents into stories and infers each story's derivations.
/// Every document is in exactly one story; stories are sorted by their
/// first document, documents and roots within a story are sorted. Also
/// returns, per entry of `reuse`, whether it stands: `false` for a
/// `same-story` pair that would join stories weeks apart.
pub fn stories(
    documents: &[Document],
    reuse: &[Reuse<'_>],
    config: &Config,
) -> (Vec<Story>, Vec<bool>) {
    let n = documents.len();
    let mut sets = UnionFind::new(n);
    for r in reuse {
        if is_derivation(r.pair.relation) {
            sets.union(r.pair.a.index(), r.pair.b.index());
        }
    }
    // Known publication days of each story: (first, last), by root.
    let day = |i: usize| documents[i].meta.published.as_ref().and_then(epoch_day);
    let mut span: Vec<Option<(i64, i64)>> = vec![None; n];
    for i in 0..n {
        if let Some(d) = day(i) {
            let root = sets.find(i);
            span[root] = Some(span[root].map_or((d, d), |(lo, hi)| (lo.min(d), hi.max(d))));
        }
    }
    let mut kept = vec![true; reuse.len()];
    for (k, r) in reuse.iter().enumerate() {
        if r.pair.relation != Relation::SameStory {
            continue;
        }
        let (x, y) = (sets.find(r.pair.a.index()), sets.find(r.pair.b.index()));
        if x == y {
            continue;
        }
        let joined = match (span[x], span[y]) {
            (Some((a0, a1)), Some((b0, b1))) => Some((a0.min(b0), a1.max(b1))),
            (s, None) | (None, s) => s,
        };
        if joined.is_some_and(|(lo, hi)| hi - lo > config.max_story_days) {
            kept[k] = false;
            continue;
        }
        sets.union(x, y);
        span[sets.find(x)] = joined;
    }
    let mut members: Vec<Vec<DocIdx>> = vec![Vec::new(); n];
    for i in 0..n {
        members[sets.find(i)].push(DocIdx(i as u32));
    }
    let mut of_story: Vec<Vec<Reuse<'_>>> = vec![Vec::new(); n];
    for r in reuse {
        if is_derivation(r.pair.relation) {
            of_story[sets.find(r.pair.a.index())].push(*r);
        }
    }
    let signals = signals::Signals::new(documents);
    let mut out: Vec<Story> = members
        .into_iter()
        .zip(of_story)
        .filter(|(m, _)| !m.is_empty())
        .map(|(documents, reuse)| provenance::story(documents, &reuse, &signals, config))
        .collect();
    out.sort_by_key(|s| s.documents.first().copied());
    (out, kept)
}

/// Makes `rewrite` the relation of each `same-story` or `partial` pair
/// whose two documents the stories' derivations join through a rewrite
/// (an excerpt of the original against a rewrite of it; a copy of a
/// rewrite against the original's excerpt), when the pair has an aligned
/// passage to show for it: taken alone, a link or two between a short
/// excerpt and a long rewrite is no proof, but the derivations say how the
/// two share text. Passages and coverage stay as aligned. `n` is the
/// number of documents. Returns how many pairs changed.
pub fn rewrites_through_derivations(stories: &[Story], pairs: &mut [Pair], n: usize) -> usize {
    let mut parent: Vec<Option<(usize, Relation)>> = vec![None; n];
    for d in stories.iter().flat_map(|s| &s.derivations) {
        if let Some(p) = parent.get_mut(d.derived.index()) {
            *p = Some((d.source.index(), d.relation));
        }
    }
    // The derivations are a forest: walking up ends at a root.
    let parent = &parent;
    let up = |mut x: usize| {
        std::iter::from_fn(move || {
            let (source, relation) = parent.get(x).copied().flatten()?;
            x = source;
            Some((source, relation))
        })
    };
    let through_rewrite = |a: usize, b: usize| {
        // Relations from `a` up to each ancestor, rewrite seen or not.
        let mut seen = vec![(a, false)];
        let mut rewrite = false;
        for (x, relation) in up(a) {
            rewrite |= relation == Relation::Rewrite;
            seen.push((x, rewrite));
        }
        let mut rewrite = false;
        let mut x = b;
        let mut steps = up(b);
        loop {
            if let Some(&(_, from_a)) = seen.iter().find(|(y, _)| *y == x) {
                return rewrite || from_a;
            }
            match steps.next() {
                Some((source, relation)) => {
                    rewrite |= relation == Relation::Rewrite;
                    x = source;
                }
                None => return false,
            }
        }
    };
    let mut changed = 0;
    for p in pairs.iter_mut() {
        if matches!(p.relation, Relation::SameStory | Relation::Partial)
            && !p.passages.is_empty()
            && through_rewrite(p.a.index(), p.b.index())
        {
            p.relation = Relation::Rewrite;
            changed += 1;
        }
    }
    changed
}

/// Days since 1970-01-01 of the publication day.
fn epoch_day(p: &stemma_core::Published) -> Option<i64> {
    let epoch = jiff::civil::date(1970, 1, 1);
    let span = epoch.until(p.day()).ok()?;
    Some(i64::from(span.get_days()))
}

/// Pairs that can be a derivation: one text taken from the other.
fn is_derivation(r: Relation) -> bool {
    matches!(
        r,
        Relation::Duplicate | Relation::Excerpt | Relation::Rewrite
    )
}

/// Disjoint sets with path halving and union by size.
struct UnionFind {
    parent: Vec<usize>,
    size: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> UnionFind {
        UnionFind {
            parent: (0..n).collect(),
            size: vec![1; n],
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (mut a, mut b) = (self.find(a), self.find(b));
        if a == b {
            return;
        }
        if self.size[a] < self.size[b] {
            std::mem::swap(&mut a, &mut b);
        }
        self.parent[b] = a;
        self.size[a] += self.size[b];
    }
}
