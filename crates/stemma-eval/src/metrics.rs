//! Metrics, pure functions over counts and labels. No I/O.
//!
//! Every function here returns 0 for an empty input rather than a value
//! that would look like a measurement (1 for "nothing wrong"): a task
//! prints the number of items it scored beside each figure, so `n=0`
//! with zeros reads as "nothing was measured".

use std::collections::BTreeMap;

pub mod aeb;

/// Precision, recall and F1 together.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    /// F1 from a precision and a recall (their harmonic mean; 0 when both
    /// are 0).
    pub fn from_pr(precision: f64, recall: f64) -> Prf {
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Prf {
            precision,
            recall,
            f1,
        }
    }
}

/// True positives, false positives and false negatives of one decision.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub true_pos: u64,
    pub false_pos: u64,
    pub false_neg: u64,
}

impl Counts {
    pub fn new(true_pos: u64, false_pos: u64, false_neg: u64) -> Counts {
        Counts {
            true_pos,
            false_pos,
            false_neg,
        }
    }

    /// Counts of a predicted set against a gold set.
    pub fn of_sets<T: Ord>(
        predicted: &std::collections::BTreeSet<T>,
        gold: &std::collections::BTreeSet<T>,
    ) -> Counts {
        let tp = predicted.intersection(gold).count() as u64;
        Counts::new(tp, predicted.len() as u64 - tp, gold.len() as u64 - tp)
    }

    /// Number of predicted items.
    pub fn predicted(&self) -> u64 {
        self.true_pos + self.false_pos
    }

    /// Number of gold items.
    pub fn gold(&self) -> u64 {
        self.true_pos + self.false_neg
    }

    pub fn precision(&self) -> f64 {
        ratio(self.true_pos, self.predicted())
    }

    pub fn recall(&self) -> f64 {
        ratio(self.true_pos, self.gold())
    }

    pub fn f1(&self) -> f64 {
        ratio(
            2 * self.true_pos,
            2 * self.true_pos + self.false_pos + self.false_neg,
        )
    }

    pub fn prf(&self) -> Prf {
        Prf {
            precision: self.precision(),
            recall: self.recall(),
            f1: self.f1(),
        }
    }
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        self.true_pos += o.true_pos;
        self.false_pos += o.false_pos;
        self.false_neg += o.false_neg;
    }
}

/// `num / den`, 0 when `den` is 0.
pub fn ratio(num: u64, den: u64) -> f64 {
    if den == 0 {
        0.0
    } else {
        num as f64 / den as f64
    }
}

/// Accuracy of binary decisions, and precision/recall/F1 of the positive
/// class, from `(predicted, gold)` per item.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Binary {
    pub counts: Counts,
    pub true_neg: u64,
}

impl Binary {
    pub fn of(decisions: impl IntoIterator<Item = (bool, bool)>) -> Binary {
        let mut b = Binary::default();
        for (p, g) in decisions {
            match (p, g) {
                (true, true) => b.counts.true_pos += 1,
                (true, false) => b.counts.false_pos += 1,
                (false, true) => b.counts.false_neg += 1,
                (false, false) => b.true_neg += 1,
            }
        }
        b
    }

    pub fn n(&self) -> u64 {
        self.counts.predicted() + self.counts.false_neg + self.true_neg
    }

    pub fn accuracy(&self) -> f64 {
        ratio(self.counts.true_pos + self.true_neg, self.n())
    }
}

/// Joint label counts of a clustering: `(predicted, gold)` cluster pair →
/// items, and the size of each cluster on either side.
struct Contingency {
    n: u64,
    joint: Vec<u64>,
    predicted: Vec<u64>,
    gold: Vec<u64>,
    /// Per item: indices into `joint`, `predicted`, `gold`.
    items: Vec<(usize, usize, usize)>,
}

impl Contingency {
    fn new<P: Ord, G: Ord>(labels: &[(P, G)]) -> Contingency {
        fn index<K: Ord>(map: &mut BTreeMap<K, usize>, sizes: &mut Vec<u64>, k: K) -> usize {
            let next = map.len();
            let i = *map.entry(k).or_insert(next);
            if i == sizes.len() {
                sizes.push(0);
            }
            sizes[i] += 1;
            i
        }
        let (mut pm, mut gm, mut jm) = (BTreeMap::new(), BTreeMap::new(), BTreeMap::new());
        let (mut predicted, mut gold, mut joint) = (Vec::new(), Vec::new(), Vec::new());
        let mut items = Vec::with_capacity(labels.len());
        for (p, g) in labels {
            let pi = index(&mut pm, &mut predicted, p);
            let gi = index(&mut gm, &mut gold, g);
            let ji = index(&mut jm, &mut joint, (pi, gi));
            items.push((ji, pi, gi));
        }
        Contingency {
            n: labels.len() as u64,
            joint,
            predicted,
            gold,
            items,
        }
    }
}

/// B-cubed precision, recall and F1 (Bagga & Baldwin 1998) of a
/// clustering, given `(predicted cluster, gold cluster)` for every item.
///
/// Per item: precision = |its predicted cluster ∩ its gold cluster| /
/// |its predicted cluster|, recall = the same over |its gold cluster|;
/// both are averaged over items and F1 is their harmonic mean.
pub fn bcubed<P: Ord, G: Ord>(labels: &[(P, G)]) -> Prf {
    if labels.is_empty() {
        return Prf::default();
    }
    let c = Contingency::new(labels);
    let (mut p, mut r) = (0.0, 0.0);
    for &(j, pi, gi) in &c.items {
        let inter = c.joint[j] as f64;
        p += inter / c.predicted[pi] as f64;
        r += inter / c.gold[gi] as f64;
    }
    let n = c.n as f64;
    Prf::from_pr(p / n, r / n)
}

/// The adjusted Rand index (Hubert & Arabie 1985) of a clustering, given
/// `(predicted cluster, gold cluster)` for every item, computed from the
/// pair confusion matrix as scikit-learn does: 1 for identical partitions
/// (also when both are all singletons or one cluster), about 0 for chance,
/// negative below chance. 0 for no items.
pub fn adjusted_rand_index<P: Ord, G: Ord>(labels: &[(P, G)]) -> f64 {
    if labels.is_empty() {
        return 0.0;
    }
    let c = Contingency::new(labels);
    let pairs = |k: u64| (k as f64) * (k as f64 - 1.0) / 2.0;
    let total = pairs(c.n);
    // Pairs together in both, in predicted only, in gold only, in neither.
    let both: f64 = c.joint.iter().map(|&k| pairs(k)).sum();
    let in_pred: f64 = c.predicted.iter().map(|&k| pairs(k)).sum();
    let in_gold: f64 = c.gold.iter().map(|&k| pairs(k)).sum();
    let tp = both;
    let fp = in_pred - both;
    let fneg = in_gold - both;
    let tn = total - tp - fp - fneg;
    if fp == 0.0 && fneg == 0.0 {
        return 1.0;
    }
    let den = (tp + fneg) * (fneg + tn) + (tp + fp) * (fp + tn);
    if den == 0.0 {
        0.0
    } else {
        2.0 * (tp * tn - fneg * fp) / den
    }
}

/// Pearson's correlation of `(x, y)` pairs; `None` with fewer than two
/// pairs or when either side is constant (the coefficient is undefined).
pub fn pearson(xy: &[(f64, f64)]) -> Option<f64> {
    if xy.len() < 2 {
        return None;
    }
    let n = xy.len() as f64;
    let mx = xy.iter().map(|p| p.0).sum::<f64>() / n;
    let my = xy.iter().map(|p| p.1).sum::<f64>() / n;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for &(x, y) in xy {
        let (dx, dy) = (x - mx, y - my);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if sxx <= 0.0 || syy <= 0.0 {
        return None;
    }
    Some((sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0))
}

/// Sorted, disjoint, non-empty `[start, end)` ranges covering the same
/// positions as `spans` (inverted ranges count as empty).
pub fn union(spans: &[[usize; 2]]) -> Vec<[usize; 2]> {
    let mut v: Vec<[usize; 2]> = spans.iter().copied().filter(|s| s[0] < s[1]).collect();
    v.sort_unstable();
    let mut out: Vec<[usize; 2]> = Vec::with_capacity(v.len());
    for s in v {
        match out.last_mut() {
            Some(last) if s[0] <= last[1] => last[1] = last[1].max(s[1]),
            _ => out.push(s),
        }
    }
    out
}

/// Positions covered by `spans` (overlaps counted once).
pub fn covered(spans: &[[usize; 2]]) -> u64 {
    union(spans).iter().map(|s| (s[1] - s[0]) as u64).sum()
}

/// Character-level counts of predicted spans against gold spans of one
/// text: a position is a true positive when both cover it, a false
/// positive when only the prediction does, a false negative when only the
/// gold does. Overlapping spans on one side count once.
pub fn span_counts(predicted: &[[usize; 2]], gold: &[[usize; 2]]) -> Counts {
    let p = union(predicted);
    let g = union(gold);
    let (mut i, mut j, mut inter) = (0, 0, 0u64);
    while i < p.len() && j < g.len() {
        let lo = p[i][0].max(g[j][0]);
        let hi = p[i][1].min(g[j][1]);
        if lo < hi {
            inter += (hi - lo) as u64;
        }
        if p[i][1] < g[j][1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    let pc: u64 = p.iter().map(|s| (s[1] - s[0]) as u64).sum();
    let gc: u64 = g.iter().map(|s| (s[1] - s[0]) as u64).sum();
    Counts::new(inter, pc - inter, gc - inter)
}

/// `text` without the code point ranges in `remove` (out-of-range ends are
/// clamped).
pub fn remove_spans(text: &str, remove: &[[usize; 2]]) -> String {
    let cut = union(remove);
    if cut.is_empty() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut k = 0;
    for (i, ch) in text.chars().enumerate() {
        while k < cut.len() && cut[k][1] <= i {
            k += 1;
        }
        if k < cut.len() && cut[k][0] <= i {
            continue;
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn counts_perfect_empty_mix() {
        let gold: BTreeSet<u32> = [1, 2, 3, 4].into();
        let perfect = Counts::of_sets(&gold, &gold);
        assert_eq!(perfect.prf(), Prf::from_pr(1.0, 1.0));
        assert_eq!(perfect.f1(), 1.0);
        let empty = Counts::of_sets(&BTreeSet::new(), &gold);
        assert_eq!(empty.prf(), Prf::default());
        assert_eq!(Counts::default().prf(), Prf::default());
        // predicted {1, 2, 5}: tp = 2 (1, 2), fp = 1 (5), fn = 2 (3, 4).
        // P = 2/3, R = 2/4, F1 = 2·2 / (2·2 + 1 + 2) = 4/7.
        let mix = Counts::of_sets(&[1, 2, 5].into(), &gold);
        assert_eq!(mix, Counts::new(2, 1, 2));
        assert!(close(mix.precision(), 2.0 / 3.0));
        assert!(close(mix.recall(), 0.5));
        assert!(close(mix.f1(), 4.0 / 7.0));
        // The harmonic mean agrees: 2·(2/3)(1/2)/(2/3 + 1/2) = (2/3)/(7/6) = 4/7.
        assert!(close(Prf::from_pr(2.0 / 3.0, 0.5).f1, 4.0 / 7.0));
    }

    #[test]
    fn binary_decisions() {
        // (pred, gold): TP, FP, FN, TN, TN → accuracy 3/5, P 1/2, R 1/2.
        let b = Binary::of([
            (true, true),
            (true, false),
            (false, true),
            (false, false),
            (false, false),
        ]);
        assert!(close(b.accuracy(), 0.6));
        assert!(close(b.counts.f1(), 0.5));
        // All negative on 2 positives of 5: accuracy 3/5, F1 0.
        let none = Binary::of([true, true, false, false, false].map(|g| (false, g)));
        assert!(close(none.accuracy(), 0.6));
        assert_eq!(none.counts.f1(), 0.0);
        assert_eq!(Binary::default().accuracy(), 0.0);
    }

    #[test]
    fn bcubed_cases() {
        let gold = [0, 0, 0, 1, 1];
        let perfect: Vec<_> = gold.iter().map(|&g| (g + 10, g)).collect();
        assert_eq!(bcubed(&perfect), Prf::from_pr(1.0, 1.0));
        assert_eq!(bcubed::<u8, u8>(&[]), Prf::default());
        // All singletons: P = 1; R per item = 1/3 ×3, 1/2 ×2 → (1 + 1)/5 =
        // 0.4; F1 = 2·0.4/1.4 = 4/7.
        let singles: Vec<_> = gold.iter().enumerate().map(|(i, &g)| (i, g)).collect();
        let s = bcubed(&singles);
        assert!(close(s.precision, 1.0) && close(s.recall, 0.4) && close(s.f1, 4.0 / 7.0));
        // Predicted {a,b} {c,d,e} against gold {a,b,c} {d,e}:
        // P: a,b 2/2; c 1/3; d,e 2/3 → (1+1+1/3+2/3+2/3)/5 = (11/3)/5 = 11/15.
        // R: a,b 2/3; c 1/3; d,e 2/2 → (2/3+2/3+1/3+1+1)/5 = (11/3)/5 = 11/15.
        let mix = [(0, 0), (0, 0), (1, 0), (1, 1), (1, 1)];
        let m = bcubed(&mix);
        assert!(close(m.precision, 11.0 / 15.0) && close(m.recall, 11.0 / 15.0));
        assert!(close(m.f1, 11.0 / 15.0));
    }

    #[test]
    fn ari_cases() {
        let gold = [0, 0, 0, 1, 1];
        let perfect: Vec<_> = gold.iter().map(|&g| (g + 10, g)).collect();
        assert_eq!(adjusted_rand_index(&perfect), 1.0);
        assert_eq!(adjusted_rand_index::<u8, u8>(&[]), 0.0);
        // All singletons against two clusters: no predicted pair, so
        // tp = fp = 0 and the numerator 2(tp·tn − fn·fp) is 0.
        let singles: Vec<_> = gold.iter().enumerate().map(|(i, &g)| (i, g)).collect();
        assert_eq!(adjusted_rand_index(&singles), 0.0);
        // Predicted {a,b} {c,d,e} against gold {a,b,c} {d,e}, 10 pairs:
        // together in both: ab, de → tp = 2; predicted only: cd, ce → fp = 2;
        // gold only: ac, bc → fn = 2; tn = 10 − 6 = 4.
        // ARI = 2(2·4 − 2·2) / ((2+2)(2+4) + (2+2)(2+4)) = 8/48 = 1/6.
        let mix = [(0, 0), (0, 0), (1, 0), (1, 1), (1, 1)];
        assert!(close(adjusted_rand_index(&mix), 1.0 / 6.0));
        // Classic formula as a cross-check: cells {a,b} {c} {d,e} give
        // Σ C(n_ij,2) = 1 + 0 + 1 = 2; Σ C(a_i,2) = 1 + 3 = 4; Σ C(b_j,2) =
        // 3 + 1 = 4; expected = 4·4/10 = 1.6; max = (4+4)/2 = 4;
        // (2 − 1.6)/(4 − 1.6) = 1/6.
    }

    #[test]
    fn pearson_cases() {
        assert_eq!(pearson(&[(1.0, 2.0), (2.0, 4.0), (3.0, 6.0)]), Some(1.0));
        assert_eq!(pearson(&[(1.0, 3.0), (2.0, 2.0), (3.0, 1.0)]), Some(-1.0));
        assert_eq!(pearson(&[]), None);
        assert_eq!(pearson(&[(1.0, 1.0), (1.0, 2.0)]), None);
        // x = 1,2,3,4; y = 1,3,2,4: means 2.5, 2.5; dx = −1.5 −.5 .5 1.5;
        // dy = −1.5 .5 −.5 1.5; Σdxdy = 2.25 − .25 − .25 + 2.25 = 4;
        // Σdx² = Σdy² = 5; r = 4/5.
        let r = pearson(&[(1.0, 1.0), (2.0, 3.0), (3.0, 2.0), (4.0, 4.0)]);
        assert!(r.is_some_and(|r| close(r, 0.8)));
    }

    #[test]
    fn spans() {
        let gold = [[0, 10], [20, 30]];
        assert_eq!(span_counts(&gold, &gold), Counts::new(20, 0, 0));
        assert_eq!(span_counts(&[], &gold), Counts::new(0, 0, 20));
        assert_eq!(span_counts(&[], &[]).f1(), 0.0);
        // predicted [5,25) and an overlapping [8,12): union [5,25), 20 chars.
        // ∩ gold = [5,10) + [20,25) = 10 → tp 10, fp 10, fn 10; F1 = 20/40.
        let c = span_counts(&[[5, 25], [8, 12]], &gold);
        assert_eq!(c, Counts::new(10, 10, 10));
        assert!(close(c.f1(), 0.5));
        assert_eq!(
            union(&[[3, 1], [4, 6], [1, 2], [6, 8]]),
            vec![[1, 2], [4, 8]]
        );
        assert_eq!(covered(&[[0, 5], [3, 7]]), 7);
    }

    #[test]
    fn removing_spans() {
        assert_eq!(remove_spans("héllo world", &[[0, 6]]), "world");
        assert_eq!(remove_spans("abcdef", &[[1, 2], [4, 99]]), "acd");
        assert_eq!(remove_spans("abc", &[]), "abc");
    }
}
