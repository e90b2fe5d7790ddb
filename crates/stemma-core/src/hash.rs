//! A hasher for map keys that are already hashes or small ids.

use std::hash::{BuildHasherDefault, Hasher};

/// One multiplication per key (so that a map's control bits see high bits
/// too), where the standard SipHash would hash a hash again. It has no
/// random state, so it is deterministic; still, nothing about the order of
/// a map keyed by it may reach output.
#[derive(Debug, Clone, Copy, Default)]
pub struct Prehashed(u64);

/// Builds [`Prehashed`] hashers: `HashMap<u64, V, BuildPrehashed>`.
pub type BuildPrehashed = BuildHasherDefault<Prehashed>;

const K: u64 = 0x9e37_79b9_7f4a_7c15;

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(K);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(K);
    }
}
