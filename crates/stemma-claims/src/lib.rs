//! Claims and findings: the checkable facts each version states (dates,
//! numbers, names) with their spans, and the findings over the versions
//! of a story: conflicts and unsupported material.

pub mod dates;

pub use dates::{DateMention, Precision, find_dates};
