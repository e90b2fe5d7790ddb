//! Story similarity: whether two documents report the same event, whatever
//! their wording. The facts carry it: two reports of one event share its
//! names, places and figures, two events of one kind (two earthquakes)
//! share only the vocabulary of the kind.

use crate::prepared::Prepared;
use crate::profile::TermStats;

/// Settings of story similarity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StoryConfig {
    /// Weight of a fact term (number, name) relative to a word: 6, chosen
    /// among 1, 3 and 6 by Pearson on SemEval-2022 Task 8 (0.632, 0.677,
    /// 0.687).
    pub fact_weight: f64,
    /// A pair with no reuse is `same-story` at or above this.
    pub same_story_threshold: f64,
}

impl Default for StoryConfig {
    fn default() -> StoryConfig {
        StoryConfig {
            fact_weight: 6.0,
            same_story_threshold: 0.3,
        }
    }
}

/// Weighted Dice over the documents' distinct terms, in `0..=1`: each
/// term weighs its idf squared (rare terms are what identify an event),
/// facts `fact_weight` times more.
pub fn story_similarity(
    a: &Prepared<'_>,
    b: &Prepared<'_>,
    stats: &TermStats,
    config: &StoryConfig,
) -> f64 {
    let weight = |id: u64, facts: &[u64]| {
        let idf = stats.idf(id);
        let w = idf * idf;
        if facts.binary_search(&id).is_ok() {
            w * config.fact_weight
        } else {
            w
        }
    };
    let total = |p: &Prepared<'_>| p.ids.iter().map(|&id| weight(id, &p.facts)).sum::<f64>();
    let (ta, tb) = (total(a), total(b));
    if ta + tb <= 0.0 {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0.0);
    while i < a.ids.len() && j < b.ids.len() {
        match a.ids[i].cmp(&b.ids[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let id = a.ids[i];
                // A fact on either side counts as a fact.
                let fact = a.facts.binary_search(&id).is_ok() || b.facts.binary_search(&id).is_ok();
                let idf = stats.idf(id);
                shared += idf * idf * if fact { config.fact_weight } else { 1.0 };
                i += 1;
                j += 1;
            }
        }
    }
    (2.0 * shared / (ta + tb)).clamp(0.0, 1.0)
}
