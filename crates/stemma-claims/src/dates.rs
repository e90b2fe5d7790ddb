//! Dates in running text, normalised to TIMEX3-style ISO values.
//!
//! One pass: the text is split into tokens (words looked up once in a
//! small lexicon, digit runs, punctuation; [`lex`]), the rules match at
//! each token and keep the longest expression ([`rules`]), and each
//! expression gets its value, the anchor filling in what the text leaves
//! out ([`resolve`]). No regular expression is involved. The forms and
//! the measured effect of each choice are in `DESIGN.md` ("Dates").

mod lex;
mod resolve;
mod rules;

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

impl Precision {
    /// The lower-case name (`day`, `week`, … `reference`).
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Quarter => "quarter",
            Precision::Season => "season",
            Precision::Year => "year",
            Precision::Decade => "decade",
            Precision::Century => "century",
            Precision::Reference => "reference",
        }
    }
}

/// A date found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// Byte range in the text.
    pub span: Range<usize>,
    /// TIMEX3 value: `2026-03-09`, `2026-03`, `2026`, `2026-W11`,
    /// `2026-Q1`, `2026-SU`, `199` (the 1990s), `19` (the 20th century),
    /// `PRESENT_REF`, …
    pub value: String,
    pub precision: Precision,
    /// Part of the value (the year, or the whole date for a relative
    /// expression) was resolved from the anchor rather than stated.
    pub inferred: bool,
}

/// The dates of `text`; relative and partial ones are resolved against
/// `anchor` (the document's publication day) when given. Sorted by span.
///
/// Without an anchor, relative expressions (`yesterday`, `last week`)
/// are left out, and a day or month without its year is written with
/// `XXXX` for the year (`XXXX-03-19`).
pub fn find_dates(text: &str, anchor: Option<Date>) -> Vec<DateMention> {
    let toks = lex::tokenize(text);
    let mut ctx = resolve::Context::default();
    rules::scan(&toks)
        .into_iter()
        .filter_map(|f| {
            if f.expr == resolve::Expr::Months {
                ctx.quarter = None;
                return None;
            }
            let first = toks.get(f.start)?;
            let last = toks.get(f.end.checked_sub(1)?)?;
            let v = resolve::resolve(f.expr, anchor, &ctx)?;
            if !f.expr.uses_context() {
                ctx.update(&v);
            }
            Some(DateMention {
                span: first.start..last.end,
                value: v.value,
                precision: v.precision,
                inferred: v.inferred,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;

/// Whether `word` names a month, in full or abbreviated (`March`,
/// `Sept.`), case aside.
pub(crate) fn is_month(word: &str) -> bool {
    matches!(
        lex::lookup(word.trim_end_matches('.')),
        lex::Lex::Month { .. }
    )
}

/// Whether `word` names a day of the week, case aside.
pub(crate) fn is_weekday(word: &str) -> bool {
    matches!(
        lex::lookup(word.trim_end_matches('.')),
        lex::Lex::Weekday(_)
    )
}

/// The value of a number word (`seven`, `ninety`, `third`, `sixtieth`),
/// and whether it is an ordinal, from the date lexicon; `zero` is 0.
pub(crate) fn number_word(word: &str) -> Option<(f64, bool)> {
    match lex::lookup(word) {
        lex::Lex::Cardinal(n) => Some((f64::from(n), false)),
        lex::Lex::Ordinal(n) => Some((f64::from(n), true)),
        _ if word.eq_ignore_ascii_case("zero") => Some((0.0, false)),
        _ => None,
    }
}
