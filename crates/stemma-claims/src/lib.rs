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
