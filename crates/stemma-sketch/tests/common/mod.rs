//! A seeded synthetic corpus for the oracle, determinism and cap tests:
//! pseudo-words with Zipf frequencies (so that some words are common and
//! most are rare), capitalised names and numbers, in sentences and
//! paragraphs.

#![allow(dead_code)]

use stemma_segment::segment;
use stemma_sketch::{Sketch, Sketcher};

/// splitmix64: a small seeded generator.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..hi` (`hi > lo`).
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo) as u64) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// Words drawn with Zipf frequencies from a seeded vocabulary.
pub struct Words {
    words: Vec<String>,
    names: Vec<String>,
    cdf: Vec<f64>,
}

impl Words {
    pub fn new(rng: &mut Rng, vocabulary: usize) -> Words {
        const ONSETS: [&str; 16] = [
            "b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "st",
        ];
        const VOWELS: [&str; 6] = ["a", "e", "i", "o", "u", "ai"];
        let make = |rng: &mut Rng| {
            let syllables = rng.range(2, 4);
            (0..syllables)
                .map(|_| format!("{}{}", ONSETS[rng.range(0, 16)], VOWELS[rng.range(0, 6)]))
                .collect::<String>()
        };
        let words: Vec<String> = (0..vocabulary).map(|_| make(rng)).collect();
        let names: Vec<String> = (0..vocabulary / 10)
            .map(|_| {
                let w = make(rng);
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or(w)
            })
            .collect();
        let mut cdf = Vec::with_capacity(vocabulary);
        let mut total = 0.0;
        for rank in 1..=vocabulary {
            total += 1.0 / (rank as f64).powf(1.05);
            cdf.push(total);
        }
        for c in &mut cdf {
            *c /= total;
        }
        Words { words, names, cdf }
    }

    pub fn word(&self, rng: &mut Rng) -> String {
        if rng.chance(0.04) {
            return self.names[rng.range(0, self.names.len())].clone();
        }
        if rng.chance(0.02) {
            return rng.range(10, 3000).to_string();
        }
        let u = (rng.next() >> 11) as f64 / (1u64 << 53) as f64;
        let i = self
            .cdf
            .partition_point(|&c| c < u)
            .min(self.words.len() - 1);
        self.words[i].clone()
    }

    /// A sentence of `n` words, capitalised, with a period.
    pub fn sentence(&self, rng: &mut Rng, n: usize) -> String {
        let mut s: Vec<String> = (0..n).map(|_| self.word(rng)).collect();
        if let Some(first) = s.first_mut() {
            let mut c = first.chars();
            *first = c
                .next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default();
        }
        format!("{}.", s.join(" "))
    }

    /// A paragraph of 1 to 4 sentences of 6 to 24 words.
    pub fn paragraph(&self, rng: &mut Rng) -> String {
        let n = rng.range(1, 5);
        (0..n)
            .map(|_| {
                let len = rng.range(6, 25);
                self.sentence(rng, len)
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// A document of `lo..hi` paragraphs.
    pub fn document(&self, rng: &mut Rng, lo: usize, hi: usize) -> Vec<String> {
        let n = rng.range(lo, hi);
        (0..n).map(|_| self.paragraph(rng)).collect()
    }
}

/// What a planted document was made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plant {
    Original,
    /// A copy of document `.0` with about 3% of the words replaced.
    Duplicate(usize),
    /// A copy of document `.0` with about 10% of the words replaced
    /// (Jaccard about 0.4, containment about 0.6).
    Edited(usize),
    /// The first paragraphs of `.0`, about 30% of its words.
    Excerpt(usize),
    /// A new document with one paragraph of `.0` inserted.
    Paragraph(usize),
    Unrelated,
}

pub struct Corpus {
    pub texts: Vec<String>,
    pub plants: Vec<Plant>,
}

/// 40 originals, 10 duplicates, 10 edited copies, 10 excerpts of 30%, 10
/// documents sharing one paragraph with an original, 30 unrelated
/// documents (110 in all); shuffled.
pub fn corpus(seed: u64) -> Corpus {
    let mut rng = Rng::new(seed);
    let words = Words::new(&mut rng, 6000);
    let mut docs: Vec<(Vec<String>, Plant)> = Vec::new();
    for _ in 0..40 {
        docs.push((words.document(&mut rng, 6, 12), Plant::Original));
    }
    for (i, rate) in (0..10)
        .map(|i| (i, 0.03))
        .chain((30..40).map(|i| (i, 0.10)))
    {
        let copy: Vec<String> = docs[i]
            .0
            .iter()
            .map(|p| {
                p.split(' ')
                    .map(|w| {
                        if rng.chance(rate) {
                            words.word(&mut rng)
                        } else {
                            w.to_owned()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let plant = if rate < 0.05 {
            Plant::Duplicate(i)
        } else {
            Plant::Edited(i)
        };
        docs.push((copy, plant));
    }
    for i in 10..20 {
        let total: usize = docs[i].0.iter().map(|p| p.split(' ').count()).sum();
        let mut kept = Vec::new();
        let mut n = 0;
        for p in &docs[i].0 {
            if n * 10 >= total * 3 {
                break;
            }
            n += p.split(' ').count();
            kept.push(p.clone());
        }
        docs.push((kept, Plant::Excerpt(i)));
    }
    for i in 20..30 {
        let mut host = words.document(&mut rng, 4, 9);
        let long: Vec<&String> = docs[i]
            .0
            .iter()
            .filter(|p| p.split(' ').count() >= 25)
            .collect();
        let shared = match long.is_empty() {
            false => long[rng.range(0, long.len())].clone(),
            true => docs[i]
                .0
                .iter()
                .max_by_key(|p| p.len())
                .cloned()
                .unwrap_or_default(),
        };
        let at = rng.range(1, host.len());
        host.insert(at, shared);
        docs.push((host, Plant::Paragraph(i)));
    }
    for _ in 0..30 {
        docs.push((words.document(&mut rng, 3, 12), Plant::Unrelated));
    }
    // Shuffle, keeping track of where the sources went.
    let mut order: Vec<usize> = (0..docs.len()).collect();
    for i in (1..order.len()).rev() {
        let j = rng.range(0, i + 1);
        order.swap(i, j);
    }
    let mut position = vec![0; docs.len()];
    for (new, &old) in order.iter().enumerate() {
        position[old] = new;
    }
    let remap = |p: Plant| match p {
        Plant::Duplicate(s) => Plant::Duplicate(position[s]),
        Plant::Edited(s) => Plant::Edited(position[s]),
        Plant::Excerpt(s) => Plant::Excerpt(position[s]),
        Plant::Paragraph(s) => Plant::Paragraph(position[s]),
        other => other,
    };
    Corpus {
        texts: order.iter().map(|&i| docs[i].0.join("\n\n")).collect(),
        plants: order.iter().map(|&i| remap(docs[i].1)).collect(),
    }
}

pub fn sketch_all(sk: &Sketcher, texts: &[String]) -> Vec<Sketch> {
    texts
        .iter()
        .map(|t| sk.sketch(t, &segment(t, &[], &Default::default())))
        .collect()
}

/// The distinct shingle hashes of each text, as the sketcher makes them.
pub fn shingle_sets(sk: &Sketcher, texts: &[String]) -> Vec<Vec<u64>> {
    let c = sk.config();
    texts
        .iter()
        .map(|t| {
            let seg = segment(t, &[], &Default::default());
            let tokens: Vec<u64> = seg.tokens.iter().map(|t| t.hash).collect();
            let mut s = stemma_sketch::shingle_hashes(&tokens, c.shingle, c.seed);
            s.sort_unstable();
            s.dedup();
            s
        })
        .collect()
}

/// The size of the intersection of two sorted sets.
pub fn shared(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}
