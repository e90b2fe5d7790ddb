//! Claims and findings: the checkable facts each version states (dates,
//! numbers, names) with their spans, and the findings over the versions
//! of a story: conflicts and unsupported material. `DESIGN.md` gives the
//! rules and their measured effect.

pub mod dates;
mod diff;
pub mod facts;
pub mod findings;
pub mod names;
pub mod numbers;
mod words;

pub use dates::{DateMention, Precision, find_dates};
pub use facts::{DocFacts, Fact, FactValue, facts};
pub use findings::{Config, Input, findings};
pub use names::{
    NameMention, Vocabulary, find_names, lowercase_vocabulary, same_entity, spelling_variant,
};
pub use numbers::{NumberKind, NumberMention, find_numbers};

/// A hasher for keys that are already 64-bit hashes (xxh3): passes them
/// through, where the standard SipHash would hash them again. Sets and
/// maps keyed by it are only asked about membership, never iterated into
/// output.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct U64Hash;

impl std::hash::BuildHasher for U64Hash {
    type Hasher = U64Hasher;
    fn build_hasher(&self) -> U64Hasher {
        U64Hasher(0)
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct U64Hasher(u64);

impl std::hash::Hasher for U64Hasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Not reached for `u64` keys; a fallback that still hashes.
        self.0 = xxhash_rust::xxh3::xxh3_64_with_seed(bytes, self.0);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}
