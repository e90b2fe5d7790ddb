//! Story similarity: whether two documents report the same event, whatever
//! their wording. The facts carry it: two reports of one event share its
//! names, places and figures, two events of one kind (two earthquakes)
//! share only the vocabulary of the kind.

use crate::prepared::{Prepared, TermWeight};

/// Settings of story similarity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StoryConfig {
    /// Weight of a fact term (number, name) relative to a word: 6, chosen
    /// among 1, 3 and 6 by Pearson on SemEval-2022 Task 8 (0.632, 0.677,
    /// 0.687 with the plain Dice of the time; with today's function 3 and
    /// 10 give 0.766 and 0.758, ECB+ 0.845 and 0.863, in an offline replay).
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

/// The square root of a weighted Dice over the documents' content terms
/// (stopwords left out), in `0..=1`: each distinct term weighs its idf
/// squared (rare terms are what identify an event), facts `fact_weight`
/// times more, times `1 + ln(occurrences)` (a shared term counts the
/// occurrences of the side with fewer, as in a multiset Dice). The idf is
/// the one the documents were prepared with.
///
/// The root is a monotone transform, so it decides nothing a threshold on
/// the Dice would not (`same_story_threshold` is the root of the old
/// one), but it grades better. On SemEval-2022 Task 8 the Dice's medians
/// are 0.36, 0.23, 0.18 and 0.05 for human scores near 1, 2, 3 and 4:
/// unrelated pairs pile up near 0 and the three related grades crowd
/// together; the root stretches the low end (0.60, 0.48, 0.43, 0.21).
/// Pearson with the human score: plain Dice 0.6871, its root 0.7453,
/// stopwords left out 0.7538, occurrences counted 0.7625
/// (`stemma-stories/DESIGN.md`).
pub fn story_similarity(a: &Prepared<'_>, b: &Prepared<'_>, config: &StoryConfig) -> f64 {
    let weight = |w: &TermWeight, fact: bool| {
        if fact {
            w.idf2 * config.fact_weight
        } else {
            w.idf2
        }
    };
    let total = |p: &Prepared<'_>| {
        p.weights
            .iter()
            .map(|w| weight(w, w.fact) * w.tf)
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
                // A fact on either side counts as a fact; the shared
                // occurrences are those of the side with fewer.
                let (wa, wb) = (&a.weights[i], &b.weights[j]);
                shared += weight(wa, wa.fact || wb.fact) * wa.tf.min(wb.tf);
                i += 1;
                j += 1;
            }
        }
    }
    (2.0 * shared / (ta + tb)).clamp(0.0, 1.0).sqrt()
}
