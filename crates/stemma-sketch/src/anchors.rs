//! Anchors: the shingles winnowing selects (Schleimer, Wilkerson and
//! Aiken, SIGMOD 2003).
//!
//! In every window of `w` consecutive shingles the smallest hash is
//! selected (the rightmost on ties). The selection depends only on the
//! window's content, so two documents that share a run of shingles select
//! the same hashes inside it: a shared run of `n·w` shingles (`n·w + k − 1`
//! tokens) holds at least `n` shared anchors, whatever surrounds it. The
//! density is about `2 / (w + 1)`.

/// The winnowed hashes of `shingles` (in text order) with window `w`,
/// sorted and distinct. A sequence shorter than `w` is one window.
pub(crate) fn winnow(shingles: &[u64], w: usize) -> Vec<u64> {
    let w = w.max(1);
    let mut out = Vec::with_capacity(shingles.len() * 2 / (w + 1) + 1);
    if shingles.is_empty() {
        return out;
    }
    let first = w.min(shingles.len());
    let mut min = rightmost_min(shingles, 0, first);
    out.push(shingles[min]);
    for i in first..shingles.len() {
        let start = i + 1 - w;
        if shingles[i] <= shingles[min] {
            min = i;
        } else if min < start {
            min = rightmost_min(shingles, start, i + 1);
        } else {
            continue;
        }
        out.push(shingles[min]);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The position of the rightmost smallest of `s[from..to]` (not empty).
fn rightmost_min(s: &[u64], from: usize, to: usize) -> usize {
    let mut m = from;
    for j in from + 1..to {
        if s[j] <= s[m] {
            m = j;
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition, window by window.
    fn naive(s: &[u64], w: usize) -> Vec<u64> {
        let mut out: Vec<u64> = if s.len() < w {
            s.iter().copied().min().into_iter().collect()
        } else {
            s.windows(w)
                .filter_map(|win| win.iter().copied().min())
                .collect()
        };
        out.sort_unstable();
        out.dedup();
        out
    }

    #[test]
    fn matches_the_definition() {
        let mut x = 7u64;
        for len in 0..60 {
            let s: Vec<u64> = (0..len)
                .map(|_| {
                    x = x
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    (x >> 40) % 50
                })
                .collect();
            for w in [1, 2, 3, 8] {
                assert_eq!(winnow(&s, w), naive(&s, w), "len {len} w {w}");
            }
        }
    }
}
