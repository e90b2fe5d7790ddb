//! MinHash estimates against exact Jaccard on random sets.

use proptest::prelude::*;
use stemma_sketch::{estimate_jaccard, signature};
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Two sets of shingle hashes: `only_a` + `both` and `only_b` + `both`
/// elements, with their exact Jaccard.
fn sets(seed: u64, only_a: usize, only_b: usize, both: usize) -> (Vec<u64>, Vec<u64>, f64) {
    let h = |tag: u64, i: usize| xxh3_64_with_seed(&(i as u64).to_le_bytes(), seed ^ tag);
    let common: Vec<u64> = (0..both).map(|i| h(1, i)).collect();
    let mut a = common.clone();
    a.extend((0..only_a).map(|i| h(2, i)));
    let mut b = common;
    b.extend((0..only_b).map(|i| h(3, i)));
    let union = only_a + only_b + both;
    (a, b, both as f64 / union.max(1) as f64)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// 128 bins: the standard error is at most sqrt(0.25 / 128) = 0.044;
    /// 0.2 is 4.5 of them.
    #[test]
    fn estimate_is_near_exact_jaccard(
        seed: u64,
        only_a in 0usize..1500,
        only_b in 0usize..1500,
        both in 0usize..1500,
    ) {
        prop_assume!(only_a + only_b + both >= 30);
        let (a, b, exact) = sets(seed, only_a, only_b, both);
        let est = estimate_jaccard(&signature(&a, 128, seed), &signature(&b, 128, seed));
        prop_assert!((est - exact).abs() <= 0.2, "estimate {est}, exact {exact}");
    }
}

/// Over many random pairs the error is what 128 independent permutations
/// would give (mean absolute error about 0.03).
#[test]
fn mean_error_is_small() {
    let mut total = 0.0;
    let mut squares = 0.0;
    let n = 2000;
    for i in 0..n {
        let seed = i as u64;
        let x = xxh3_64_with_seed(b"sizes", seed);
        let (only_a, only_b, both) = (
            (x % 400) as usize,
            ((x >> 16) % 400) as usize,
            ((x >> 32) % 400) as usize + 1,
        );
        let (a, b, exact) = sets(seed, only_a, only_b, both);
        let err = estimate_jaccard(&signature(&a, 128, 9), &signature(&b, 128, 9)) - exact;
        total += err.abs();
        squares += err * err;
    }
    let mean = total / n as f64;
    let rmse = (squares / n as f64).sqrt();
    assert!(
        mean < 0.04 && rmse < 0.05,
        "mean abs {mean:.4}, rmse {rmse:.4}"
    );
}

#[test]
fn disjoint_sets_estimate_near_zero() {
    let (a, b, _) = sets(5, 500, 500, 0);
    assert!(estimate_jaccard(&signature(&a, 128, 5), &signature(&b, 128, 5)) <= 0.05);
}
