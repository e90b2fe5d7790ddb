//! Anchors: the shingles winnowing selects (Schleimer, Wilkerson and
//! Aiken, SIGMOD 2003).
//!
//! In every window of `w` consecutive shingles the smallest hash is
//! selected (the rightmost on ties). The selection depends only on the
//! window's content, so two documents that share a run of shingles select
//! the same hashes inside it: a shared run of `n·w` shingles (`n·w + k − 1`
//! tokens) holds at least `n` shared anchors, whatever surrounds it. The
//! density is about `2 / (w + 1)`.

/// The anchors of `shingles` (in text order) with window `w`: the winnowed
/// hashes sorted and distinct, and for each the place of its first
/// selection in the order the text selects them, modulo 2^16 (so two
/// anchors selected one after the other have places `p` and `p + 1`).
pub(crate) fn anchors(shingles: &[u64], w: usize) -> (Vec<u64>, Vec<u16>) {
    let picks = winnow(shingles, w);
    let mut ranked: Vec<(u64, usize)> = picks.iter().enumerate().map(|(i, &h)| (h, i)).collect();
    ranked.sort_unstable();
    ranked.dedup_by_key(|x| x.0);
    ranked.into_iter().map(|(h, i)| (h, i as u16)).unzip()
}

/// The winnowed hashes of `shingles` (in text order) with window `w`, in
/// the order they are selected (a hash selected again later repeats). A
/// sequence shorter than `w` is one window.
fn winnow(shingles: &[u64], w: usize) -> Vec<u64> {
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
                let (anchors, order) = anchors(&s, w);
                assert_eq!(anchors, naive(&s, w), "len {len} w {w}");
                // Each anchor's place is where the selections first name it.
                let picks = winnow(&s, w);
                for (h, &p) in anchors.iter().zip(&order) {
                    assert_eq!(picks.iter().position(|x| x == h), Some(usize::from(p)));
                }
            }
        }
    }
}
