//! The facts a document states, sentence by sentence: its dates, numbers
//! and names with their spans and normalised values, and when two facts
//! agree or would contradict each other.

use std::ops::Range;

use std::collections::HashSet;

use stemma_core::BuildPrehashed;

use jiff::civil::Date;
use stemma_core::{Span, Topic};
use stemma_segment::Segmented;

use crate::dates::{DateMention, find_dates, is_month};
use crate::names::{NameMention, is_connector, names_in, same_entity, vocabulary_of};
use crate::numbers::{NumberKind, NumberMention, format_number, numbers_in};
use crate::words::{Word, words};

/// A date as the comparison needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateValue {
    /// The TIMEX3 value.
    pub value: String,
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    /// The year was not stated but resolved.
    pub year_inferred: bool,
    /// The text states no figure of the date ("on Tuesday", "last
    /// month"): resolved whole from the publication day.
    pub relative: bool,
}

impl DateValue {
    fn from_mention(m: &DateMention, text: &str) -> DateValue {
        let mut parts = m.value.split('-');
        // Only a written-out year is a year: `199` (the 1990s) and `19`
        // (the 20th century) are decades and centuries, compared as values.
        let year = parts
            .next()
            .filter(|y| y.len() == 4)
            .and_then(|y| y.parse::<i32>().ok());
        let month = parts
            .next()
            .and_then(|x| x.parse::<u32>().ok())
            .filter(|m| (1..=12).contains(m));
        let day = parts
            .next()
            .and_then(|x| x.get(..2))
            .and_then(|x| x.parse::<u32>().ok())
            .filter(|d| (1..=31).contains(d));
        let stated = text.get(m.span.clone()).unwrap_or_default();
        // Resolved whole from the publication day ("on Tuesday", "11 days
        // ago"): inferred, with no month or year written.
        let relative = m.inferred && !names_a_month(stated);
        DateValue {
            value: m.value.clone(),
            year,
            month,
            day,
            year_inferred: m.inferred,
            relative,
        }
    }

    fn year(y: i32) -> DateValue {
        DateValue {
            value: y.to_string(),
            year: Some(y),
            month: None,
            day: None,
            year_inferred: false,
            relative: false,
        }
    }

    /// Whether the two state one date: the same parts (a year whose
    /// value was inferred counts as not stated), equal. `March 9` and
    /// `March 9, 2026` agree; `2026` and `March 9, 2026` state different
    /// things and neither agree nor contradict.
    fn agrees(&self, o: &DateValue) -> bool {
        // A relative expression writes no part of its value ("this
        // year", "last week"): it agrees only with the same value, not
        // with any year because its year is "not stated".
        if self.relative || o.relative {
            return self.value == o.value;
        }
        if self.year.is_none() && self.month.is_none() || o.year.is_none() && o.month.is_none() {
            return self.value == o.value;
        }
        let year = |d: &DateValue| if d.year_inferred { None } else { d.year };
        let parts = |d: &DateValue| {
            (
                year(d).is_some() || d.year_inferred,
                d.month.is_some(),
                d.day.is_some(),
            )
        };
        parts(self) == parts(o)
            && eq_if_both(year(self), year(o))
            && self.month == o.month
            && self.day == o.day
    }

    /// Whether a difference between the two is stated in the text of both
    /// (not resolved from a publication day): the parts they differ in
    /// are written on both sides.
    fn contradicts(&self, o: &DateValue) -> bool {
        if self.relative || o.relative || self.agrees(o) {
            return false;
        }
        let year_differs = !self.year_inferred
            && !o.year_inferred
            && matches!((self.year, o.year), (Some(a), Some(b)) if a != b);
        let month_differs = matches!((self.month, o.month), (Some(a), Some(b)) if a != b);
        let day_differs = matches!((self.day, o.day), (Some(a), Some(b)) if a != b);
        year_differs || month_differs || day_differs
    }
}

/// Whether `text` writes a month's name (or its abbreviation).
fn names_a_month(text: &str) -> bool {
    text.split(|c: char| !c.is_alphabetic()).any(is_month)
}

fn eq_if_both<T: PartialEq>(a: Option<T>, b: Option<T>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

/// What a fact says.
#[derive(Debug, Clone, PartialEq)]
pub enum FactValue {
    Date(DateValue),
    Number(NumberMention),
    Name(NameMention),
}

/// One fact a document states.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    pub span: Span,
    /// Index of its sentence in the document's `Segmented`.
    pub sentence: usize,
    pub value: FactValue,
}

impl Fact {
    pub fn topic(&self) -> Topic {
        match self.value {
            FactValue::Date(_) => Topic::Date,
            FactValue::Number(_) => Topic::Number,
            FactValue::Name(_) => Topic::Name,
        }
    }

    /// The normalised value: an ISO date, a figure, a name's words.
    pub fn normalized(&self) -> String {
        match &self.value {
            FactValue::Date(d) => d.value.clone(),
            FactValue::Number(n) => n.normalized(),
            FactValue::Name(n) => n.normalized(),
        }
    }

    /// The hashed keys a document's index holds for this fact (`index`)
    /// or that [`DocFacts::states`] looks up for it: a date's value; a
    /// figure's value (labels by their digits); a name's whole key and its
    /// last word as a last word, and, in the index, each word, which a
    /// one-word name is looked up by (`Vosk` is stated by `Imelda Vosk`;
    /// `Coalition for Honest Infrastructure` is not by `Northshore
    /// Infrastructure Agency`).
    fn keys(&self, index: bool) -> Vec<u64> {
        let h = |tag: u8, s: &str| {
            let mut b = Vec::with_capacity(s.len() + 1);
            b.push(tag);
            b.extend_from_slice(s.as_bytes());
            xxhash_rust::xxh3::xxh3_64(&b)
        };
        match &self.value {
            FactValue::Date(d) => vec![h(b'd', &d.value)],
            FactValue::Number(n) => vec![match &n.kind {
                NumberKind::Label(l) => h(
                    b'l',
                    &l.chars().filter(char::is_ascii_digit).collect::<String>(),
                ),
                NumberKind::Time(t) => h(b't', &crate::numbers::time_digits(t)),
                _ => h(b'n', &format_number(n.value)),
            }],
            FactValue::Name(n) => {
                let words: Vec<&String> = n
                    .key
                    .iter()
                    .filter(|w| w.chars().count() >= 3 && !is_connector(w))
                    .collect();
                let mut keys = vec![h(b'f', &n.key.join(" "))];
                if let Some(last) = words.last() {
                    keys.push(h(b'L', last));
                }
                if index {
                    keys.extend(words.iter().map(|w| h(b'p', w)));
                } else if let [only] = words.as_slice() {
                    keys.push(h(b'p', only));
                }
                keys
            }
        }
    }

    /// The word of `text` (the document's) that identifies the fact when
    /// it is written the same way elsewhere: a name's last word, a
    /// figure's number. Dates have none (their values are compared).
    pub fn anchor<'a>(&self, text: &'a str) -> Option<&'a str> {
        let surface = self.span.slice(text)?;
        match self.value {
            FactValue::Date(_) => None,
            FactValue::Number(_) => surface.split_whitespace().next(),
            FactValue::Name(_) => surface.split_whitespace().next_back(),
        }
    }

    /// Whether `other` states the same thing: the same date, figure or
    /// entity (spelling variants included).
    pub fn agrees(&self, other: &Fact) -> bool {
        match (&self.value, &other.value) {
            (FactValue::Date(a), FactValue::Date(b)) => a.agrees(b),
            (FactValue::Number(a), FactValue::Number(b)) => a.same_value(b),
            (FactValue::Name(a), FactValue::Name(b)) => same_entity(&a.key, &b.key),
            _ => false,
        }
    }

    /// Whether `other`, stated where `self` is, contradicts it: the same
    /// kind of fact with a different value, the difference written on
    /// both sides.
    pub fn contradicts(&self, other: &Fact) -> bool {
        match (&self.value, &other.value) {
            (FactValue::Date(a), FactValue::Date(b)) => a.contradicts(b),
            (FactValue::Number(a), FactValue::Number(b)) => a.comparable(b) && !a.same_value(b),
            (FactValue::Name(a), FactValue::Name(b)) => {
                !same_entity(&a.key, &b.key) && a.differs_by_a_name(b) && b.differs_by_a_name(a)
            }
            _ => false,
        }
    }
}

/// The facts of one document, in text order, and where each sentence's
/// facts are.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocFacts {
    pub facts: Vec<Fact>,
    /// For each sentence, its facts' range in `facts`.
    sentences: Vec<Range<usize>>,
    /// For each sentence, its content words ([`is_content`]) lowercased,
    /// as sorted distinct xxh3 hashes: what sentences are matched on.
    pub bags: Vec<Vec<u64>>,
    /// For each sentence, its number of words.
    pub words: Vec<u32>,
    /// Hashes of what the document states ([`Fact::keys`]): whether it
    /// states a fact is one lookup.
    stated: HashSet<u64, BuildPrehashed>,
}

impl DocFacts {
    /// Whether the document states `fact` somewhere: the same date, the
    /// same figure, or a name with the same key or last word (a one-word
    /// name: any word of one of its names). Close to [`Fact::agrees`]
    /// without spelling variants, for deciding what no version states.
    pub fn states(&self, fact: &Fact) -> bool {
        fact.keys(false).iter().any(|k| self.stated.contains(k))
    }

    /// The facts of sentences `range` (clamped).
    pub fn of_sentences(&self, range: Range<usize>) -> &[Fact] {
        let end = range.end.min(self.sentences.len());
        if range.start >= end {
            return &[];
        }
        let from = self.sentences[range.start].start;
        let to = self.sentences[end - 1].end;
        self.facts.get(from..to).unwrap_or_default()
    }
}

/// Words that say something about a slot: three letters or more, not a
/// function word.
pub(crate) fn is_content(w: &str) -> bool {
    const STOP: &[&str] = &[
        "the", "and", "for", "with", "from", "that", "this", "was", "were", "are", "has", "have",
        "had", "his", "her", "its", "their", "who", "which", "but", "not", "been", "into", "than",
        "then", "also", "there",
    ];
    w.chars().count() >= 3 && !STOP.contains(&w)
}

/// The content words of a sentence's words `ws`, as sorted distinct
/// hashes of their folded forms: each word split at hyphens and slashes
/// (`65-year-old`), lowercased, with everything but letters and digits
/// dropped (`U.S.` → `us`, `1,200` → `1200`), as the segmenter folds
/// them, so that a claims run needs no tokens of its own.
fn content_bag(ws: &[Word<'_>], buf: &mut String) -> Vec<u64> {
    let mut v: Vec<u64> = Vec::with_capacity(ws.len());
    for w in ws {
        for piece in w.text.split(['-', '/']) {
            buf.clear();
            for c in piece.chars() {
                if c.is_ascii() {
                    if c.is_ascii_alphanumeric() {
                        buf.push(c.to_ascii_lowercase());
                    }
                } else if c.is_alphanumeric() {
                    buf.extend(c.to_lowercase());
                }
            }
            if is_content(buf) {
                v.push(xxhash_rust::xxh3::xxh3_64(buf.as_bytes()));
            }
        }
    }
    v.sort_unstable();
    v.dedup();
    v
}

/// Extracts the facts of the body sentences of `text`. `anchor` (the
/// publication day) resolves partial and relative dates.
///
/// Dates come first; numbers inside a date are not numbers. A four-digit
/// figure with nothing after it that reads as a year (1800–2100) is a
/// year when the date finder did not take it.
pub fn facts(text: &str, seg: &Segmented, anchor: Option<Date>) -> DocFacts {
    let split: Vec<Vec<Word<'_>>> = seg
        .sentences
        .iter()
        .map(|s| words(text, s.span.start..s.span.end))
        .collect();
    let vocabulary = vocabulary_of(&split);
    let dates = find_dates(text, anchor);
    let mut out = DocFacts::default();
    let mut buf = String::new();
    let mut d = 0;
    for (si, sentence) in seg.sentences.iter().enumerate() {
        let range = sentence.span.start..sentence.span.end;
        let first = out.facts.len();
        while d < dates.len() && dates[d].span.end <= range.start {
            d += 1;
        }
        let mut inside: Vec<&DateMention> = Vec::new();
        let mut k = d;
        while k < dates.len() && dates[k].span.start < range.end {
            if dates[k].span.start >= range.start && dates[k].span.end <= range.end {
                inside.push(&dates[k]);
            }
            k += 1;
        }
        let skip: Vec<Range<usize>> = inside.iter().map(|m| m.span.clone()).collect();
        for m in &inside {
            out.facts.push(Fact {
                span: Span::new(m.span.start, m.span.end),
                sentence: si,
                value: FactValue::Date(DateValue::from_mention(m, text)),
            });
        }
        for n in numbers_in(&split[si], &skip) {
            let as_year = n.year_like
                && n.kind == NumberKind::Cardinal
                && (1800.0..=2100.0).contains(&n.value);
            let value = if as_year {
                FactValue::Date(DateValue::year(n.value as i32))
            } else {
                FactValue::Number(n.clone())
            };
            out.facts.push(Fact {
                span: Span::new(n.span.start, n.span.end),
                sentence: si,
                value,
            });
        }
        let taken: Vec<Span> = out.facts[first..].iter().map(|f| f.span).collect();
        for name in names_in(&split[si], &vocabulary) {
            let span = Span::new(name.span.start, name.span.end);
            if taken.iter().any(|s| s.overlaps(span)) {
                continue;
            }
            out.facts.push(Fact {
                span,
                sentence: si,
                value: FactValue::Name(name),
            });
        }
        out.facts[first..].sort_by_key(|f| (f.span.start, f.span.end));
        for f in &out.facts[first..] {
            out.stated.extend(f.keys(true));
        }
        out.sentences.push(first..out.facts.len());
        out.bags.push(content_bag(&split[si], &mut buf));
        out.words.push(split[si].len() as u32);
    }
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// Any text: no panic, spans on character boundaries inside their
        /// sentence, facts in text order within each sentence.
        #[test]
        fn facts_of_any_text(text in "(\\PC|[ .,'’\"()$£%0-9A-Z-]){0,300}") {
            let seg = stemma_segment::segment(&text, &[], &stemma_segment::Config::default());
            let anchor = Date::new(2026, 3, 11).ok();
            let f = facts(&text, &seg, anchor);
            for fact in &f.facts {
                prop_assert!(fact.span.slice(&text).is_some());
                let s = &seg.sentences[fact.sentence];
                prop_assert!(s.span.contains(fact.span));
            }
            prop_assert_eq!(f.bags.len(), seg.sentences.len());
        }
    }
}
