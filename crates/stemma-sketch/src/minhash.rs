//! MinHash signatures by one-permutation hashing with optimal
//! densification (Shrivastava, ICML 2017).
//!
//! Each shingle hash is split in two: its high 32 bits choose a bin, its
//! low 32 bits are the value the bin minimises. That is one hash per
//! shingle instead of one per shingle and permutation. A bin that no
//! shingle reached borrows the value of a filled bin chosen by a hash
//! sequence of its own, which keeps the estimator unbiased.

use xxhash_rust::xxh3::xxh3_64_with_seed;

/// The MinHash signature of a set of shingle hashes (repeats allowed):
/// `bins` values, or none when `shingles` is empty. The hash family is
/// written down on [`crate::Sketch::signature`].
pub fn signature(shingles: &[u64], bins: usize, seed: u64) -> Vec<u32> {
    if shingles.is_empty() || bins == 0 {
        return Vec::new();
    }
    let mut mins = vec![u64::MAX; bins];
    for &h in shingles {
        let v = h & 0xffff_ffff;
        if let Some(m) = mins.get_mut(bin(h, bins)) {
            *m = (*m).min(v);
        }
    }
    let filled: Vec<bool> = mins.iter().map(|&m| m != u64::MAX).collect();
    let mut sig: Vec<u32> = mins.iter().map(|&m| m as u32).collect();
    for i in 0..bins {
        if !filled[i] {
            sig[i] = sig[donor(i, &filled, seed)];
        }
    }
    sig
}

/// The range reduction of the high 32 bits of `h` to `0..n`.
fn bin(h: u64, n: usize) -> usize {
    (((h >> 32) * n as u64) >> 32) as usize
}

/// The filled bin an empty bin `i` copies: the first hit of its own hash
/// sequence. At least one bin is filled.
fn donor(i: usize, filled: &[bool], seed: u64) -> usize {
    let n = filled.len();
    let mut key = [0u8; 16];
    key[..8].copy_from_slice(&(i as u64).to_le_bytes());
    // The expected number of attempts is n / filled; the bound only
    // guards against an endless loop.
    for attempt in 1..=64 * n as u64 {
        key[8..].copy_from_slice(&attempt.to_le_bytes());
        let j = bin(xxh3_64_with_seed(&key, seed), n);
        if filled[j] {
            return j;
        }
    }
    filled.iter().position(|&f| f).unwrap_or(i)
}

/// The share of positions where two signatures agree: the estimate of the
/// Jaccard similarity of their shingle sets. Zero when either is empty or
/// their lengths differ.
pub fn estimate_jaccard(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    let equal = a.iter().zip(b).filter(|(x, y)| x == y).count();
    equal as f64 / a.len() as f64
}
