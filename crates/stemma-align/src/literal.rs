//! Literal alignment: seed and extend over token hashes.
//!
//! 1. Seeds: the sorted k-grams of `a` and of `b` ([`Kgrams`], built once
//!    per document) merged (k-grams occurring more than
//!    `max_seed_occurrences` times in `b` are skipped), verified token by
//!    token.
//! 2. Runs: seeds on one diagonal that touch merge into a maximal exact
//!    run, extended exactly both ways.
//! 3. Chains: a sparse local chaining DP over runs (Smith–Waterman scoring
//!    at run granularity: +1 per matched token, −max(gap in a, gap in b)
//!    between runs, gaps at most `max_gap`, a chain restarts when its
//!    score would drop below the run's own length). Chains are local, so
//!    transposed paragraphs and sentences come out as separate passages.
//! 4. Selection: chains are taken best first; tokens already in an
//!    accepted passage (on either side) are removed from later chains, so
//!    passages are disjoint on both sides.
//! 5. Ends: each accepted chain is extended at both ends by small
//!    anchored alignments (window `max_gap + k` tokens, +1/−1/−1),
//!    repeated while they gain, so a changed word a few tokens before the
//!    end (or a stretch of dense edits too short to seed) does not cut it.

use crate::LiteralConfig;

/// An aligned passage in token indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    /// Token range of `a`: `a.0..a.1`.
    pub a: (usize, usize),
    pub b: (usize, usize),
    /// Aligned identical tokens.
    pub matched: usize,
    /// Some substitution or indel inside.
    pub edited: bool,
    /// The longest run of identical tokens inside (all of `matched` when
    /// not `edited`), and where it starts in `a`.
    pub longest_run: usize,
    pub longest_run_a: usize,
}

/// A maximal exact run: `a[a..a+len] == b[b..b+len]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Run {
    a: usize,
    b: usize,
    len: usize,
}

fn mix(h: u64, t: u64) -> u64 {
    (h ^ t).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(27)
}

fn kgram(tokens: &[u64], k: usize) -> u64 {
    tokens
        .iter()
        .take(k)
        .fold(0x243f_6a88_85a3_08d3, |h, &t| mix(h, t))
}

/// Every k-gram of a token sequence by hash, with its start: built once per
/// document and shared by every pair it is in.
#[derive(Debug, Clone, Default)]
pub(crate) struct Kgrams {
    pub(crate) k: usize,
    /// `(hash, start)`, sorted.
    grams: Vec<(u64, usize)>,
}

impl Kgrams {
    pub(crate) fn new(tokens: &[u64], k: usize) -> Kgrams {
        let k = k.max(1);
        let mut grams: Vec<(u64, usize)> = tokens
            .windows(k)
            .enumerate()
            .map(|(j, w)| (kgram(w, k), j))
            .collect();
        grams.sort_unstable();
        Kgrams { k, grams }
    }
}

/// Literal passages shared by `a` and `b`, sorted by position in `a`.
#[cfg(test)]
pub(crate) fn align(a: &[u64], b: &[u64], config: &LiteralConfig) -> Vec<Hit> {
    let k = config.seed_len;
    align_indexed((a, &Kgrams::new(a, k)), (b, &Kgrams::new(b, k)), config)
}

/// [`align`] with each side's k-grams (of `config.seed_len`) built ahead.
pub(crate) fn align_indexed(
    (a, ka): (&[u64], &Kgrams),
    (b, kb): (&[u64], &Kgrams),
    config: &LiteralConfig,
) -> Vec<Hit> {
    let k = config.seed_len.max(1);
    debug_assert!(ka.k == k && kb.k == k);
    if a.len() < k || b.len() < k {
        return Vec::new();
    }
    let runs = runs(a, b, ka, kb, config.max_seed_occurrences.max(1));
    let chains = chains(&runs, config.max_gap);
    select(a, b, &chains, config)
}

/// Maximal exact runs of length ≥ k, sorted by `(a, b)`.
fn runs(a: &[u64], b: &[u64], ka: &Kgrams, kb: &Kgrams, max_occ: usize) -> Vec<Run> {
    let k = ka.k;
    // Seeds from a merge of the two sorted k-gram lists; a k-gram occurring
    // more than `max_occ` times in `b` seeds nothing.
    // (diagonal, i, j) with diagonal = j - i + a.len(), never negative.
    let mut seeds: Vec<(usize, usize, usize)> = Vec::new();
    let (ga, gb) = (&ka.grams, &kb.grams);
    let (mut x, mut y) = (0, 0);
    while x < ga.len() && y < gb.len() {
        let (h, hb) = (ga[x].0, gb[y].0);
        if h < hb {
            x += 1;
            continue;
        }
        if h > hb {
            y += 1;
            continue;
        }
        let xe = x + ga[x..].partition_point(|g| g.0 == h);
        let ye = y + gb[y..].partition_point(|g| g.0 == h);
        if ye - y <= max_occ {
            for &(_, i) in &ga[x..xe] {
                for &(_, j) in &gb[y..ye] {
                    // Not a slice comparison: a call to memcmp for three
                    // tokens cost 5 % of a 100k-document run.
                    if (0..k).all(|t| a[i + t] == b[j + t]) {
                        seeds.push((j + a.len() - i, i, j));
                    }
                }
            }
        }
        (x, y) = (xe, ye);
    }
    seeds.sort_unstable();
    let mut runs: Vec<Run> = Vec::new();
    let mut current: Option<(usize, Run)> = None;
    for (d, i, j) in seeds {
        match &mut current {
            Some((cd, run)) if *cd == d && i <= run.a + run.len => {
                run.len = run.len.max(i + k - run.a);
            }
            _ => {
                if let Some((_, run)) = current.take() {
                    runs.push(run);
                }
                current = Some((d, Run { a: i, b: j, len: k }));
            }
        }
    }
    if let Some((_, run)) = current {
        runs.push(run);
    }
    // Exact extension: seeds of skipped (too common) k-grams leave gaps.
    for run in &mut runs {
        while run.a > 0 && run.b > 0 && a[run.a - 1] == b[run.b - 1] {
            run.a -= 1;
            run.b -= 1;
            run.len += 1;
        }
        while run.a + run.len < a.len()
            && run.b + run.len < b.len()
            && a[run.a + run.len] == b[run.b + run.len]
        {
            run.len += 1;
        }
    }
    runs.sort_unstable();
    runs.dedup();
    runs
}

/// A chain of runs, each trimmed so that it starts after the previous one
/// ends on both sides.
type Chain = Vec<Run>;

/// Local chains, best first.
fn chains(runs: &[Run], max_gap: usize) -> Vec<Chain> {
    const LOOKBACK: usize = 256;
    let n = runs.len();
    let longest = runs.iter().map(|r| r.len).max().unwrap_or(0);
    let mut score = vec![0i64; n];
    let mut pred: Vec<Option<usize>> = vec![None; n];
    let mut trim = vec![0usize; n];
    for r in 0..n {
        let cur = runs[r];
        let mut best = (cur.len as i64, None, 0);
        for p in (0..r).rev().take(LOOKBACK) {
            let prev = runs[p];
            if prev.a + longest + max_gap < cur.a {
                break;
            }
            if prev.a >= cur.a || prev.b >= cur.b {
                continue;
            }
            let (pa, pb) = (prev.a + prev.len, prev.b + prev.len);
            let t = pa.saturating_sub(cur.a).max(pb.saturating_sub(cur.b));
            if t >= cur.len {
                continue;
            }
            let (ga, gb) = (cur.a + t - pa.min(cur.a + t), cur.b + t - pb.min(cur.b + t));
            if ga > max_gap || gb > max_gap {
                continue;
            }
            let s = score[p] - ga.max(gb) as i64 + (cur.len - t) as i64;
            if s > best.0 {
                best = (s, Some(p), t);
            }
        }
        score[r] = best.0;
        pred[r] = best.1;
        trim[r] = best.2;
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&x, &y| score[y].cmp(&score[x]).then(x.cmp(&y)));
    let mut used = vec![false; n];
    let mut out = Vec::new();
    for end in order {
        if used[end] {
            continue;
        }
        let mut path = Vec::new();
        let mut at = end;
        loop {
            used[at] = true;
            path.push(at);
            match pred[at] {
                Some(p) if !used[p] => at = p,
                _ => break,
            }
        }
        path.reverse();
        let chain: Chain = path
            .iter()
            .enumerate()
            .map(|(idx, &r)| {
                let t = if idx == 0 { 0 } else { trim[r] };
                Run {
                    a: runs[r].a + t,
                    b: runs[r].b + t,
                    len: runs[r].len - t,
                }
            })
            .collect();
        out.push(chain);
    }
    out
}

/// Accepts chains best first, disjoint on both sides, extended at the ends.
fn select(a: &[u64], b: &[u64], chains: &[Chain], config: &LiteralConfig) -> Vec<Hit> {
    let mut taken_a = vec![false; a.len()];
    let mut taken_b = vec![false; b.len()];
    let mut hits = Vec::new();
    let mut dp = Anchored::default();
    for chain in chains {
        // Pieces of the chain's runs on tokens still free on both sides.
        let mut pieces: Vec<Run> = Vec::new();
        for run in chain {
            let mut start: Option<usize> = None;
            for x in 0..=run.len {
                let free = x < run.len && !taken_a[run.a + x] && !taken_b[run.b + x];
                match (free, start) {
                    (true, None) => start = Some(x),
                    (false, Some(s)) => {
                        pieces.push(Run {
                            a: run.a + s,
                            b: run.b + s,
                            len: x - s,
                        });
                        start = None;
                    }
                    _ => {}
                }
            }
        }
        // Groups of pieces close enough, with nothing taken between them.
        let mut groups: Vec<Vec<Run>> = Vec::new();
        for piece in pieces {
            let joins = groups.last().and_then(|g| g.last()).is_some_and(|prev| {
                let (pa, pb) = (prev.a + prev.len, prev.b + prev.len);
                piece.a >= pa
                    && piece.b >= pb
                    && piece.a - pa <= config.max_gap
                    && piece.b - pb <= config.max_gap
                    && !taken_a[pa..piece.a].iter().any(|&t| t)
                    && !taken_b[pb..piece.b].iter().any(|&t| t)
            });
            match groups.last_mut() {
                Some(g) if joins => g.push(piece),
                _ => groups.push(vec![piece]),
            }
        }
        for group in groups {
            let (Some(first), Some(last)) = (group.first(), group.last()) else {
                continue;
            };
            let mut hit = Hit {
                a: (first.a, last.a + last.len),
                b: (first.b, last.b + last.len),
                matched: group.iter().map(|r| r.len).sum(),
                edited: group.len() > 1,
                longest_run: 0,
                longest_run_a: 0,
            };
            if let Some(r) = group.iter().max_by_key(|r| (r.len, std::cmp::Reverse(r.a))) {
                hit.longest_run = r.len;
                hit.longest_run_a = r.a;
            }
            extend(a, b, &taken_a, &taken_b, &mut hit, config, &mut dp);
            if hit.matched < config.min_passage_tokens {
                continue;
            }
            taken_a[hit.a.0..hit.a.1].iter_mut().for_each(|t| *t = true);
            taken_b[hit.b.0..hit.b.1].iter_mut().for_each(|t| *t = true);
            hits.push(hit);
        }
    }
    hits.sort_by_key(|h| (h.a, h.b));
    hits
}

/// Extends `hit` at both ends over free tokens.
fn extend(
    a: &[u64],
    b: &[u64],
    taken_a: &[bool],
    taken_b: &[bool],
    hit: &mut Hit,
    config: &LiteralConfig,
    dp: &mut Anchored,
) {
    let window = config.max_gap + config.seed_len;
    // Forward, window after window while it gains (an X-drop extension
    // whose drop-off is the window).
    loop {
        let fa = free_after(taken_a, hit.a.1, window);
        let fb = free_after(taken_b, hit.b.1, window);
        let Some((i, j, m)) = dp.best(&a[hit.a.1..][..fa], &b[hit.b.1..][..fb], false) else {
            break;
        };
        hit.a.1 += i;
        hit.b.1 += j;
        hit.matched += m;
        hit.edited = true;
    }
    // Backward, nearest token first.
    loop {
        let ba = free_before(taken_a, hit.a.0, window);
        let bb = free_before(taken_b, hit.b.0, window);
        let Some((i, j, m)) = dp.best(&a[hit.a.0 - ba..hit.a.0], &b[hit.b.0 - bb..hit.b.0], true)
        else {
            break;
        };
        hit.a.0 -= i;
        hit.b.0 -= j;
        hit.matched += m;
        hit.edited = true;
    }
}

/// How many of the (up to `window`) tokens from `at` on are free.
fn free_after(taken: &[bool], at: usize, window: usize) -> usize {
    taken[at..].iter().take(window).take_while(|t| !**t).count()
}

/// How many of the (up to `window`) tokens before `at` are free.
fn free_before(taken: &[bool], at: usize, window: usize) -> usize {
    taken[..at]
        .iter()
        .rev()
        .take(window)
        .take_while(|t| !**t)
        .count()
}

/// The anchored alignment's score and match tables, kept between calls.
#[derive(Default)]
struct Anchored {
    h: Vec<i64>,
    m: Vec<usize>,
}

impl Anchored {
    /// Best alignment of prefixes of `x` and `y` anchored at their starts
    /// (their ends when `reversed`, read backwards) (+1 match, −1 mismatch
    /// or gap), ending on a match: `(len x, len y, matches)` if its score
    /// is positive.
    fn best(&mut self, x: &[u64], y: &[u64], reversed: bool) -> Option<(usize, usize, usize)> {
        if x.is_empty() || y.is_empty() {
            return None;
        }
        let (nx, ny) = (x.len(), y.len());
        let at = |s: &[u64], i: usize| if reversed { s[s.len() - 1 - i] } else { s[i] };
        let w = ny + 1;
        let (h, m) = (&mut self.h, &mut self.m);
        h.clear();
        h.resize((nx + 1) * w, 0);
        m.clear();
        m.resize((nx + 1) * w, 0);
        for (j, cell) in h.iter_mut().take(w).enumerate() {
            *cell = -(j as i64);
        }
        let mut best: Option<(i64, usize, usize)> = None;
        for i in 1..=nx {
            h[i * w] = -(i as i64);
            let xi = at(x, i - 1);
            for j in 1..=ny {
                let same = xi == at(y, j - 1);
                let diag = h[(i - 1) * w + j - 1] + if same { 1 } else { -1 };
                let up = h[(i - 1) * w + j] - 1;
                let left = h[i * w + j - 1] - 1;
                let (s, from) = if diag >= up && diag >= left {
                    (diag, (i - 1) * w + j - 1)
                } else if up >= left {
                    (up, (i - 1) * w + j)
                } else {
                    (left, i * w + j - 1)
                };
                h[i * w + j] = s;
                m[i * w + j] = m[from] + usize::from(same && s == diag);
                if same && s > 0 && best.is_none_or(|(bs, _, _)| s > bs) {
                    best = Some((s, i, j));
                }
            }
        }
        best.map(|(_, i, j)| (i, j, m[i * w + j]))
    }
}
