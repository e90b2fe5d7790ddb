//! An inverted index from keys (band keys, anchors, terms) to the sorted
//! documents that hold them: the "shuffle by key" of a distributed run,
//! laid out as sorted arrays.

use rayon::prelude::*;

#[derive(Debug, Default)]
pub(crate) struct Postings {
    keys: Vec<u64>,
    /// `docs[starts[i]..starts[i + 1]]` hold `keys[i]`.
    starts: Vec<u32>,
    docs: Vec<u32>,
    /// Open addressing over `keys`: `i + 1` of the key whose slot this is,
    /// 0 when empty. A power of two at least twice the keys, so that a
    /// lookup is about one cache miss instead of a binary search's twenty.
    slots: Vec<u32>,
    shift: u32,
}

fn slot(key: u64, shift: u32) -> usize {
    // Term keys are 32-bit; mix so that the top bits vary.
    (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> shift) as usize
}

/// What building an index left out.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Dropped {
    /// Keys with more documents than the cap.
    pub keys: usize,
    /// Their (key, document) entries.
    pub entries: usize,
}

impl Postings {
    /// Indexes `(key, document)` entries (any order, repeats allowed).
    /// Keys held by more than `cap` documents are dropped when `cap` is
    /// set; keys held by one document are left out (they pair nothing),
    /// which is most of them.
    pub(crate) fn build(mut entries: Vec<(u64, u32)>, cap: Option<usize>) -> (Postings, Dropped) {
        entries.par_sort_unstable();
        entries.dedup();
        let mut p = Postings::default();
        let mut dropped = Dropped::default();
        let mut i = 0;
        while i < entries.len() {
            let key = entries[i].0;
            let end = i + entries[i..].partition_point(|e| e.0 == key);
            let n = end - i;
            if cap.is_some_and(|c| n > c) {
                dropped.keys += 1;
                dropped.entries += n;
            } else if n > 1 {
                p.keys.push(key);
                p.starts.push(p.docs.len() as u32);
                p.docs.extend(entries[i..end].iter().map(|e| e.1));
            }
            i = end;
        }
        p.starts.push(p.docs.len() as u32);
        drop(entries);
        let bits = (2 * p.keys.len())
            .max(2)
            .next_power_of_two()
            .trailing_zeros();
        p.shift = 64 - bits;
        p.slots = vec![0; 1 << bits];
        let mask = p.slots.len() - 1;
        for (i, &key) in p.keys.iter().enumerate() {
            let mut s = slot(key, p.shift);
            while p.slots[s] != 0 {
                s = (s + 1) & mask;
            }
            p.slots[s] = i as u32 + 1;
        }
        (p, dropped)
    }

    /// The sorted documents holding `key`.
    pub(crate) fn get(&self, key: u64) -> &[u32] {
        if self.slots.is_empty() {
            return &[];
        }
        let mask = self.slots.len() - 1;
        let mut s = slot(key, self.shift);
        loop {
            match self.slots[s] {
                0 => return &[],
                i if self.keys[i as usize - 1] == key => {
                    let i = i as usize - 1;
                    return &self.docs[self.starts[i] as usize..self.starts[i + 1] as usize];
                }
                _ => s = (s + 1) & mask,
            }
        }
    }
}
