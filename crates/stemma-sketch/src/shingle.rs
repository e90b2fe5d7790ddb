//! Word shingles: one hash per window of `k` consecutive token hashes.

use xxhash_rust::xxh3::xxh3_64_with_seed;

/// The hashes of the word `k`-shingles of `tokens` (token hashes, in text
/// order): `xxh3_64` with `seed` over the little-endian bytes of each
/// window of `k` consecutive token hashes, in order, repeats included.
/// Fewer than `k` tokens (but at least one) make one shingle of them all;
/// no tokens, or `k = 0`, none.
pub fn shingle_hashes(tokens: &[u64], k: usize, seed: u64) -> Vec<u64> {
    if tokens.is_empty() || k == 0 {
        return Vec::new();
    }
    let mut bytes: Vec<u8> = Vec::with_capacity(8 * tokens.len());
    for t in tokens {
        bytes.extend_from_slice(&t.to_le_bytes());
    }
    let k = k.min(tokens.len());
    let width = 8 * k;
    bytes
        .windows(width)
        .step_by(8)
        .map(|w| xxh3_64_with_seed(w, seed))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows() {
        let t = [1u64, 2, 3, 4, 5, 6];
        let s = shingle_hashes(&t, 5, 9);
        assert_eq!(s.len(), 2);
        let mut first = Vec::new();
        for x in &t[..5] {
            first.extend_from_slice(&x.to_le_bytes());
        }
        assert_eq!(s[0], xxh3_64_with_seed(&first, 9));
        assert_eq!(shingle_hashes(&t[..3], 5, 9).len(), 1);
        assert!(shingle_hashes(&[], 5, 9).is_empty());
        // Same tokens, same shingles; a different seed, different ones.
        assert_eq!(shingle_hashes(&t[1..], 5, 9)[0], s[1]);
        assert_ne!(shingle_hashes(&t, 5, 10)[0], s[0]);
    }
}
