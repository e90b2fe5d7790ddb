//! Dates in running text, normalised to TIMEX3-style ISO values.

use std::ops::Range;

use jiff::civil::Date;

/// How much of a date a mention states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Day,
    Week,
    Month,
    Quarter,
    Season,
    Year,
    Decade,
    Century,
    /// `PRESENT_REF`, `PAST_REF`, `FUTURE_REF`.
    Reference,
}

/// A date found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// Byte range in the text.
    pub span: Range<usize>,
    /// TIMEX3 value: `2026-03-09`, `2026-03`, `2026`, `2026-W11`,
    /// `2026-Q1`, `2026-SU`, `199X`, `19XX`, `PRESENT_REF`, …
    pub value: String,
    pub precision: Precision,
    /// Part of the value (the year, or the whole date for a relative
    /// expression) was resolved from the anchor rather than stated.
    pub inferred: bool,
}

/// The dates of `text`; relative and partial ones are resolved against
/// `anchor` (the document's publication day) when given. Sorted by span.
pub fn find_dates(_text: &str, _anchor: Option<Date>) -> Vec<DateMention> {
    Vec::new()
}
