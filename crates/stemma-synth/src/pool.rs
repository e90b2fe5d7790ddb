//! The source pool: which articles become stories, which lend paragraphs
//! for insertions, which pairs are hard negatives, and in which order
//! each round of recycling uses them.
//!
//! Articles that share text with an earlier article (the BBC corpus holds
//! exact duplicates and follow-ups that quote each other) are left out,
//! so that two stories never share text the truth does not list.

use std::collections::HashMap;

use crate::lexicon::Lexicon;
use crate::measure::words;
use crate::rng::{Rng, hash_str};
use crate::source::Article;

/// An article is left out when this share of its (or the other's)
/// distinct word 8-grams appears in an article kept before it.
pub(crate) const NEAR_DUPLICATE: f64 = 0.03;

/// Share of the deduplicated articles reserved for inserted paragraphs.
const INSERT_SHARE: f64 = 0.05;

const LABEL_POOL: u64 = 0x706f_6f6c;
const LABEL_ROUND: u64 = 0x726f_756e;

#[derive(Debug, Clone)]
pub(crate) struct Pool {
    /// Articles that become stories.
    pub stories: Vec<usize>,
    /// Paragraphs for insertion: `(article, paragraph)`.
    pub inserts: Vec<(usize, usize)>,
    /// Hard-negative pairs of story articles (same topic, shared terms).
    pub pairs: Vec<(usize, usize)>,
    /// Story articles in no pair.
    pub singles: Vec<usize>,
    /// Articles left out as near-duplicates of others.
    pub near_duplicates: usize,
}

/// The story order of one recycling round.
#[derive(Debug, Clone)]
pub(crate) struct Round {
    pub order: Vec<usize>,
    /// `true` at slot `i` when slot `i - 1` is its hard-negative partner.
    pub second_of_pair: Vec<bool>,
}

fn shingles(a: &Article, n: usize) -> Vec<u64> {
    let w = words(&a.paragraphs.join(" "));
    let mut s: Vec<u64> = w.windows(n).map(|g| hash_str(&g.join(" "))).collect();
    s.sort_unstable();
    s.dedup();
    s
}

/// Indices of the articles to keep: each article is dropped when it
/// shares [`NEAR_DUPLICATE`] of its distinct 8-grams with a kept article
/// before it (or an earlier article shares that much of its own).
fn dedupe(articles: &[Article]) -> Vec<usize> {
    let sets: Vec<Vec<u64>> = articles.iter().map(|a| shingles(a, 8)).collect();
    let mut postings: Vec<(u64, u32)> = Vec::new();
    for (i, s) in sets.iter().enumerate() {
        postings.extend(s.iter().map(|&h| (h, i as u32)));
    }
    postings.sort_unstable();
    // Counts of shared 8-grams per pair; common phrases are skipped.
    let mut shared: HashMap<(u32, u32), u32> = HashMap::new();
    let mut start = 0;
    while start < postings.len() {
        let mut end = start + 1;
        while end < postings.len() && postings[end].0 == postings[start].0 {
            end += 1;
        }
        let group = &postings[start..end];
        if group.len() <= 16 {
            for (x, &(_, a)) in group.iter().enumerate() {
                for &(_, b) in &group[x + 1..] {
                    *shared.entry((a.min(b), a.max(b))).or_insert(0) += 1;
                }
            }
        }
        start = end;
    }
    let mut overlapping: Vec<(u32, u32)> = shared
        .into_iter()
        .filter(|&((a, b), n)| {
            let small = sets[a as usize].len().min(sets[b as usize].len()).max(1);
            n as f64 >= NEAR_DUPLICATE * small as f64 || n >= 12
        })
        .map(|(k, _)| k)
        .collect();
    overlapping.sort_unstable_by_key(|&(a, b)| (b, a));
    let mut kept = vec![true; articles.len()];
    for (a, b) in overlapping {
        if kept[a as usize] {
            kept[b as usize] = false;
        }
    }
    (0..articles.len()).filter(|&i| kept[i]).collect()
}

/// Content words (not function words, four letters or more) of an article.
fn terms(lex: &Lexicon, a: &Article) -> Vec<u64> {
    let mut t: Vec<u64> = words(&format!("{} {}", a.title, a.paragraphs.join(" ")))
        .into_iter()
        .filter(|w| w.len() >= 4 && !lex.is_function(w) && w.chars().all(char::is_alphabetic))
        .map(|w| hash_str(&w))
        .collect();
    t.sort_unstable();
    t.dedup();
    t
}

fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// Builds the pool from articles sorted by name.
pub(crate) fn build(
    lex: &Lexicon,
    articles: &[Article],
    seed: u64,
    hard_negative_share: f64,
) -> Pool {
    let kept = dedupe(articles);
    let near_duplicates = articles.len() - kept.len();
    let mut shuffled = kept.clone();
    Rng::derive(seed, LABEL_POOL, 0).shuffle(&mut shuffled);
    let reserve = if shuffled.len() >= 2 {
        ((shuffled.len() as f64 * INSERT_SHARE).ceil() as usize).clamp(1, shuffled.len() - 1)
    } else {
        0
    };
    let mut reserved: Vec<usize> = shuffled[..reserve].to_vec();
    reserved.sort_unstable();
    let mut stories: Vec<usize> = shuffled[reserve..].to_vec();
    stories.sort_unstable();
    let mut inserts = Vec::new();
    for &a in &reserved {
        for (p, text) in articles[a].paragraphs.iter().enumerate() {
            let n = text.split_whitespace().count();
            let facts = text.chars().any(|c| c.is_ascii_digit())
                || text
                    .split_whitespace()
                    .skip(1)
                    .any(|w| w.chars().next().is_some_and(char::is_uppercase));
            if (20..=160).contains(&n) && facts {
                inserts.push((a, p));
            }
        }
    }
    // Hard negatives: the most similar other article of the same topic,
    // matched greedily.
    let mut by_topic: Vec<(&str, usize)> = stories
        .iter()
        .map(|&i| (articles[i].topic.as_str(), i))
        .collect();
    by_topic.sort_unstable();
    let term_sets: HashMap<usize, Vec<u64>> = stories
        .iter()
        .map(|&i| (i, terms(lex, &articles[i])))
        .collect();
    let mut candidates: Vec<(u64, usize, usize)> = Vec::new();
    let mut start = 0;
    while start < by_topic.len() {
        let mut end = start + 1;
        while end < by_topic.len() && by_topic[end].0 == by_topic[start].0 {
            end += 1;
        }
        let group: Vec<usize> = by_topic[start..end].iter().map(|&(_, i)| i).collect();
        // Bounded work for large folders: compare with a window.
        let window = 400usize;
        for (x, &a) in group.iter().enumerate() {
            for &b in group.iter().skip(x + 1).take(window) {
                let j = jaccard(&term_sets[&a], &term_sets[&b]);
                if j > 0.0 {
                    candidates.push(((j * 1e9) as u64, a, b));
                }
            }
        }
        start = end;
    }
    candidates.sort_unstable_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let want = ((stories.len() as f64 * hard_negative_share) / 2.0).round() as usize;
    let mut used = vec![false; articles.len()];
    let mut pairs = Vec::new();
    for (_, a, b) in candidates {
        if pairs.len() >= want {
            break;
        }
        if !used[a] && !used[b] {
            used[a] = true;
            used[b] = true;
            pairs.push((a, b));
        }
    }
    pairs.sort_unstable();
    let singles = stories.iter().copied().filter(|&i| !used[i]).collect();
    Pool {
        stories,
        inserts,
        pairs,
        singles,
        near_duplicates,
    }
}

/// The order of round `r`: hard-negative pairs side by side, everything
/// shuffled with the round's seed.
pub(crate) fn round(pool: &Pool, seed: u64, r: u64) -> Round {
    let mut units: Vec<(usize, Option<usize>)> =
        pool.pairs.iter().map(|&(a, b)| (a, Some(b))).collect();
    units.extend(pool.singles.iter().map(|&i| (i, None)));
    Rng::derive(seed, LABEL_ROUND, r).shuffle(&mut units);
    let mut order = Vec::with_capacity(pool.stories.len());
    let mut second_of_pair = Vec::with_capacity(pool.stories.len());
    for (a, b) in units {
        order.push(a);
        second_of_pair.push(false);
        if let Some(b) = b {
            order.push(b);
            second_of_pair.push(true);
        }
    }
    Round {
        order,
        second_of_pair,
    }
}
