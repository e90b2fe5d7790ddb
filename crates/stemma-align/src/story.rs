//! Story similarity: whether two documents report the same event, whatever
//! their wording. The facts carry it: two reports of one event share its
//! names, places and figures, two events of one kind (two earthquakes)
//! share only the vocabulary of the kind.

use crate::prepared::Prepared;

/// Settings of story similarity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StoryConfig {
    /// Weight of a fact term (number, name) relative to a word: 6, chosen
    /// among 1, 3 and 6 by Pearson on SemEval-2022 Task 8 (0.632, 0.677,
    /// 0.687).
    pub fact_weight: f64,
    /// A pair with no reuse is `same-story` at or above this: √0.3, the
    /// weighted Dice of 0.3 that was set before any measurement (the
    /// similarity is the Dice's square root).
    pub same_story_threshold: f64,
}

impl Default for StoryConfig {
    fn default() -> StoryConfig {
        StoryConfig {
            fact_weight: 6.0,
            same_story_threshold: 0.3_f64.sqrt(),
        }
    }
}

/// The square root of a weighted Dice over the documents' distinct
/// content terms (stopwords left out), in `0..=1`: each term weighs its
/// idf squared (rare terms are what identify an event), facts
/// `fact_weight` times more. The idf is the one the documents were
/// prepared with.
///
/// The root is a monotone transform, so it decides nothing a threshold on
/// the Dice would not (`same_story_threshold` is the root of the old
/// one), but it grades better. On SemEval-2022 Task 8 the Dice's medians
/// are 0.33, 0.23, 0.20 and 0.06 for human scores near 1, 2, 3 and 4:
/// unrelated pairs pile up near 0 and the three related grades crowd
/// together; the root stretches the low end (0.57, 0.48, 0.44, 0.23),
/// and Pearson rises from 0.6871 to 0.7453 (0.7516 with stopwords left
/// out).
pub fn story_similarity(a: &Prepared<'_>, b: &Prepared<'_>, config: &StoryConfig) -> f64 {
    let weight = |idf2: f64, fact: bool| {
        if fact {
            idf2 * config.fact_weight
        } else {
            idf2
        }
    };
    let total = |p: &Prepared<'_>| {
        p.weights
            .iter()
            .map(|&(idf2, fact)| weight(idf2, fact))
            .sum::<f64>()
    };
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
                // A fact on either side counts as a fact.
                let (idf2, fact_a) = a.weights[i];
                shared += weight(idf2, fact_a || b.weights[j].1);
                i += 1;
                j += 1;
            }
        }
    }
    (2.0 * shared / (ta + tb)).clamp(0.0, 1.0).sqrt()
}
