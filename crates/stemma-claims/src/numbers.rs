//! Numbers and quantities in running text: digits and words, ordinals,
//! percentages, money, multipliers and the unit noun that follows.

use std::borrow::Cow;
use std::ops::Range;

use crate::dates::{is_month, number_word};
use crate::words::{Word, words};

/// What a number counts.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NumberKind {
    Cardinal,
    Ordinal,
    Percent,
    /// An amount of money in the currency given (`USD`, `GBP`, `EUR`,
    /// `JPY`).
    Money(&'static str),
    /// A figure that is a label rather than an amount: a score (`6-7`),
    /// a model or code (`PS2`). Its value is its text.
    Label(String),
    /// A time of day or a time taken (`0900 GMT`, `6pm`, `3:39`,
    /// `7:41.42`), as written.
    Time(String),
}

/// A number found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberMention {
    /// Byte range in the text, the unit noun included when there is one.
    pub span: Range<usize>,
    pub value: f64,
    pub kind: NumberKind,
    /// The noun that follows, lowercased, plural `s` dropped: `vehicle`,
    /// `mile`, `year-old`.
    pub unit: Option<String>,
    /// Written with four digits and no grouping, as a year would be
    /// (`2016`, not `2,016` or `2016.5`).
    pub year_like: bool,
}

impl NumberMention {
    /// The normalised value: `14000`, `2.4`, `22%`, `3rd`, `USD 6400000`,
    /// `6-7`.
    pub fn normalized(&self) -> String {
        let n = format_number(self.value);
        match &self.kind {
            NumberKind::Cardinal => n,
            NumberKind::Ordinal => format!("{n}{}", ordinal_suffix(self.value)),
            NumberKind::Percent => format!("{n}%"),
            NumberKind::Money(cur) => format!("{cur} {n}"),
            NumberKind::Label(l) | NumberKind::Time(l) => l.clone(),
        }
    }

    /// Whether `self` and `other` state the same figure: equal values
    /// (an ordinal and a cardinal of one value agree: "the third pier",
    /// "pier number three"), labels with the same digits.
    pub fn same_value(&self, other: &NumberMention) -> bool {
        match (&self.kind, &other.kind) {
            (NumberKind::Label(a), NumberKind::Label(b)) => {
                // The figures decide: "4x100m" and "4x100" agree, "PS2"
                // and "PS5" do not.
                let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
                digits(a) == digits(b)
            }
            (NumberKind::Time(a), NumberKind::Time(b)) => time_digits(a) == time_digits(b),
            (NumberKind::Label(_) | NumberKind::Time(_), _)
            | (_, NumberKind::Label(_) | NumberKind::Time(_)) => false,
            _ => {
                let (a, b) = (self.value, other.value);
                (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
            }
        }
    }

    /// Whether a different value of `other` would contradict `self`: the
    /// same kind of figure (both amounts, both percentages, both sums in
    /// one currency, both labels). Units are not compared: the word after
    /// a figure is as often an adjective ("56 large estates", "68 big
    /// estates") as the unit.
    pub fn comparable(&self, other: &NumberMention) -> bool {
        match (&self.kind, &other.kind) {
            (NumberKind::Label(_), NumberKind::Label(_)) => true,
            (NumberKind::Time(_), NumberKind::Time(_)) => true,
            (NumberKind::Cardinal | NumberKind::Ordinal, NumberKind::Cardinal)
            | (NumberKind::Cardinal, NumberKind::Ordinal) => true,
            (a, b) => a == b,
        }
    }
}

/// The digits of a time without leading zeros: `0900 GMT` and `900
/// GMT` agree.
pub(crate) fn time_digits(t: &str) -> String {
    let d: String = t.chars().filter(char::is_ascii_digit).collect();
    d.trim_start_matches('0').to_owned()
}

/// `14000`, `2.4`, `0.333`: integers without a fraction, others with at
/// most three decimals, trailing zeros dropped.
pub fn format_number(v: f64) -> String {
    if v.fract().abs() < 1e-9 && v.abs() < 1e18 {
        format!("{}", v.round() as i64)
    } else {
        let s = format!("{v:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

fn ordinal_suffix(v: f64) -> &'static str {
    let n = v.abs().round() as u64;
    match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

/// Words after a number that say it is not a quantity of the thing
/// after it, or that make it part of a time.
const TIME_WORDS: &[&str] = &["a.m", "p.m", "am", "pm", "gmt", "bst", "utc", "o'clock"];

/// Words that never name a unit: function words a number is often
/// followed by.
const NOT_UNITS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "from", "by",
    "with", "as", "is", "are", "was", "were", "be", "been", "have", "has", "had", "that", "this",
    "which", "who", "than", "more", "less", "per", "over", "under", "after", "before", "about",
    "into", "since",
];

/// `s` in lower case, borrowed when it already is (most words).
fn lower(s: &str) -> Cow<'_, str> {
    if s.chars().any(char::is_uppercase) {
        Cow::Owned(s.to_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

fn word_value(w: &str) -> Option<(f64, bool)> {
    if w.len() > 20 || !w.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    if let Some(v) = number_word(w) {
        return Some(v);
    }
    // "seventy-five", "twenty-first"
    let (a, b) = w.split_once('-')?;
    let (tens, false) = number_word(a)? else {
        return None;
    };
    let (unit, ordinal) = number_word(b)?;
    let compound = tens >= 20.0 && tens % 10.0 == 0.0 && (1.0..=9.0).contains(&unit);
    compound.then_some((tens + unit, ordinal))
}

fn multiplier(w: &str) -> Option<f64> {
    match &*lower(w) {
        "hundred" => Some(1e2),
        "thousand" => Some(1e3),
        "million" | "millions" => Some(1e6),
        "billion" | "billions" => Some(1e9),
        "trillion" => Some(1e12),
        _ => None,
    }
}

fn fraction(w: &str) -> Option<f64> {
    match &*lower(w) {
        "half" => Some(0.5),
        "third" | "one-third" => Some(1.0 / 3.0),
        "quarter" | "one-quarter" => Some(0.25),
        "two-thirds" => Some(2.0 / 3.0),
        "three-quarters" => Some(0.75),
        "dozen" => Some(12.0),
        _ => None,
    }
}

fn currency_prefix(w: &str) -> (&str, Option<&'static str>) {
    for (p, c) in [
        ("US$", "USD"),
        ("$", "USD"),
        ("£", "GBP"),
        ("€", "EUR"),
        ("¥", "JPY"),
    ] {
        if let Some(rest) = w.strip_prefix(p) {
            return (rest, Some(c));
        }
    }
    (w, None)
}

fn currency_word(w: &str) -> Option<&'static str> {
    match &*lower(w) {
        "dollar" | "dollars" => Some("USD"),
        "pound" | "pounds" => Some("GBP"),
        "euro" | "euros" => Some("EUR"),
        "yen" => Some("JPY"),
        _ => None,
    }
}

/// Parses the digits of a word: `14,000` → 14000, `6.4` → 6.4, with the
/// rest of the word after them.
fn digits(w: &str) -> Option<(f64, &str, bool)> {
    let bytes = w.as_bytes();
    if !bytes.first()?.is_ascii_digit() {
        return None;
    }
    let mut end = 0;
    let mut grouped = false;
    let mut decimal = false;
    while end < bytes.len() {
        let b = bytes[end];
        if b.is_ascii_digit() {
            end += 1;
        } else if (b == b',' || b == b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
            if b == b',' {
                grouped = true;
            } else {
                decimal = true;
            }
            end += 1;
        } else {
            break;
        }
    }
    let plain: String = w[..end].chars().filter(|&c| c != ',').collect();
    let v: f64 = plain.parse().ok()?;
    let year_like = end == 4 && !grouped && !decimal;
    Some((v, &w[end..], year_like))
}

fn unit_of(w: &Word<'_>) -> Option<String> {
    let t = lower(w.text);
    if !t.chars().all(|c| c.is_alphabetic() || c == '-')
        || t.len() < 2
        || NOT_UNITS.contains(&&*t)
        || w.text.chars().next().is_some_and(char::is_uppercase)
    {
        return None;
    }
    Some(singular(&t))
}

fn singular(t: &str) -> String {
    if t.len() > 3 && t.ends_with("ies") {
        format!("{}y", &t[..t.len() - 3])
    } else if t.len() > 3 && t.ends_with('s') && !t.ends_with("ss") {
        t[..t.len() - 1].to_owned()
    } else {
        t.to_owned()
    }
}

/// The numbers of `text[range]`, in order. Numbers inside `skip` (dates
/// found before) are left out, and so are times of day and the day
/// numbers next to a month name.
pub fn find_numbers(text: &str, range: Range<usize>, skip: &[Range<usize>]) -> Vec<NumberMention> {
    numbers_in(&words(text, range), skip)
}

/// [`find_numbers`] over words already split.
pub(crate) fn numbers_in(ws: &[Word<'_>], skip: &[Range<usize>]) -> Vec<NumberMention> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let consumed = match number_at(ws, i) {
            Some((m, n)) => {
                let inside = skip
                    .iter()
                    .any(|s| s.start < m.span.end && m.span.start < s.end);
                if !inside {
                    out.push(m);
                }
                n
            }
            None => 1,
        };
        i += consumed.max(1);
    }
    out
}

/// The number starting at word `i`, and how many words it takes.
fn number_at(ws: &[Word<'_>], i: usize) -> Option<(NumberMention, usize)> {
    let w = &ws[i];
    let next = |k: usize| ws.get(i + k).filter(|_| !ws[i + k - 1].close);
    let prev_is_month = i > 0 && is_month(ws[i - 1].text) && !ws[i - 1].close;
    let (rest, mut currency) = currency_prefix(w.text);
    let mut kind;
    let mut value;
    let mut year_like = false;
    let mut n = 1;
    if let Some((v, suffix, yl)) = digits(rest) {
        value = v;
        year_like = yl && currency.is_none();
        kind = NumberKind::Cardinal;
        let lower_suffix = lower(suffix);
        match &*lower_suffix {
            "" => {}
            "%" => kind = NumberKind::Percent,
            "st" | "nd" | "rd" | "th" => kind = NumberKind::Ordinal,
            "m" | "mn" if currency.is_some() => value *= 1e6,
            "bn" | "b" if currency.is_some() => value *= 1e9,
            "k" if currency.is_some() => value *= 1e3,
            "bn" => value *= 1e9,
            "am" | "pm" | "a.m" | "p.m" => return Some((time(w.text, w.span.clone(), w), 1)),
            s if s.starts_with(':')
                && s.len() > 1
                && s[1..]
                    .bytes()
                    .all(|b| b.is_ascii_digit() || matches!(b, b':' | b'.')) =>
            {
                return Some((time(w.text, w.span.clone(), w), 1));
            }
            s if s.starts_with(':') => return None,
            s if s.starts_with('-') => {
                let tail = &suffix[1..];
                if tail.bytes().all(|b| b.is_ascii_digit()) && !tail.is_empty() {
                    // A score or a range of two figures: a label.
                    kind = NumberKind::Label(rest.to_owned());
                } else if tail.chars().all(|c| c.is_alphabetic() || c == '-') {
                    // "65-year-old", "40-ton": the unit is in the word.
                    return Some((
                        NumberMention {
                            span: w.span.start..w.possessive_end,
                            value,
                            kind,
                            unit: Some(singular(&lower(tail))),
                            year_like: false,
                        },
                        1,
                    ));
                } else {
                    return None;
                }
            }
            s if s
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | 'x'))
                && s.len() <= 8 =>
            {
                // A figure with letters or a fraction attached: "200m",
                // "6ft", "3G", "5K", "9/11", "3/1", "4x100m", "1980s":
                // compared as written.
                kind = NumberKind::Label(rest.to_owned());
            }
            _ => return None,
        }
        if prev_is_month && kind == NumberKind::Cardinal && value <= 31.0 {
            return None;
        }
        if let Some(nw) = next(1)
            && is_month(nw.text)
            && value <= 31.0
            && kind != NumberKind::Percent
        {
            return None;
        }
    } else if w.text.chars().any(|c| c.is_ascii_digit())
        && w.text.chars().all(|c| c.is_ascii_alphanumeric())
        && w.text
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_uppercase())
    {
        // "PS2", "G8", "A380": a model or code.
        return Some((
            NumberMention {
                span: w.span.start..w.possessive_end,
                value: 0.0,
                kind: NumberKind::Label(w.text.to_owned()),
                unit: None,
                year_like: false,
            },
            1,
        ));
    } else if let Some(f) = fraction(w.text).filter(|_| {
        // "a third", "half", "a dozen": after an article or "one", or a
        // hyphenated fraction ("two-thirds").
        (i > 0 && matches!(&*lower(ws[i - 1].text), "a" | "one" | "an")) || w.text.contains('-')
    }) {
        let after_article = !w.text.contains('-');
        let span = if after_article {
            ws[i - 1].span.start..w.span.end
        } else {
            w.span.clone()
        };
        return Some((
            NumberMention {
                span,
                value: f,
                kind: NumberKind::Cardinal,
                unit: None,
                year_like: false,
            },
            1,
        ));
    } else if let Some((v, ordinal)) = word_value(w.text) {
        if lower(w.text) == "one" && next(1).and_then(|x| multiplier(x.text)).is_none() {
            // "one of", "no one": a pronoun more often than a figure.
            return None;
        }
        if lower(w.text) == "first" {
            // "first" ranks rather than counts ("the first time", "first
            // defects"): no figure to check.
            return None;
        }
        if lower(w.text) == "second" && !ordinal_context(ws, i) {
            return None;
        }
        value = v;
        kind = if ordinal {
            NumberKind::Ordinal
        } else {
            NumberKind::Cardinal
        };
        // "two hundred", "three million"
    } else {
        return None;
    }
    let mut end = ws[i].span.end;
    // Multipliers: "2.4 million", "two hundred thousand".
    while !matches!(kind, NumberKind::Label(_))
        && let Some(nw) = next(n)
        && let Some(m) = multiplier(nw.text)
    {
        value *= m;
        end = nw.span.end;
        n += 1;
        year_like = false;
    }
    if let Some(nw) = next(n) {
        let t = lower(nw.text);
        if TIME_WORDS.contains(&&*t) {
            if !matches!(kind, NumberKind::Cardinal) || value > 2400.0 {
                return None;
            }
            let span = ws[i].span.start..nw.span.end;
            let text = &ws[i..=i + n]
                .iter()
                .map(|w| w.text)
                .collect::<Vec<_>>()
                .join(" ");
            return Some((time(text, span, nw), n + 1));
        }
        if kind == NumberKind::Cardinal && (t == "percent" || t == "%") {
            kind = NumberKind::Percent;
            end = nw.span.end;
            n += 1;
            year_like = false;
        } else if kind == NumberKind::Cardinal
            && t == "per"
            && let Some(c) = next(n + 1)
            && lower(c.text) == "cent"
        {
            kind = NumberKind::Percent;
            end = c.span.end;
            n += 2;
            year_like = false;
        } else if currency.is_none()
            && let Some(c) = currency_word(nw.text)
        {
            currency = Some(c);
            end = nw.span.end;
            n += 1;
        }
    }
    if let Some(c) = currency
        && matches!(kind, NumberKind::Cardinal)
    {
        kind = NumberKind::Money(c);
        year_like = false;
    }
    let mut unit = None;
    if matches!(kind, NumberKind::Cardinal | NumberKind::Ordinal)
        && let Some(nw) = next(n)
        && let Some(u) = unit_of(nw)
    {
        unit = Some(u);
        end = nw.span.end;
        n += 1;
        year_like = false;
    }
    // "BBC Radio 4's": the possessive is in the span.
    if let Some(last) = ws[i..i + n].last()
        && last.span.end == end
    {
        end = last.possessive_end;
    }
    Some((
        NumberMention {
            span: ws[i].span.start..end,
            value,
            kind,
            unit,
            year_like,
        },
        n,
    ))
}

/// A time as a figure: `text` as written, over `span` (and the
/// possessive of `last`, its last word).
fn time(text: &str, span: Range<usize>, last: &Word<'_>) -> NumberMention {
    let end = if last.span.end == span.end {
        last.possessive_end
    } else {
        span.end
    };
    NumberMention {
        span: span.start..end,
        value: 0.0,
        kind: NumberKind::Time(text.to_owned()),
        unit: None,
        year_like: false,
    }
}

/// Whether "second" at word `i` is the ordinal ("the second pier"), not
/// the unit of time or the verb.
fn ordinal_context(ws: &[Word<'_>], i: usize) -> bool {
    i > 0
        && matches!(
            &*lower(ws[i - 1].text),
            "the" | "a" | "its" | "their" | "his" | "her"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, String)> {
        find_numbers(text, 0..text.len(), &[])
            .iter()
            .map(|m| (text[m.span.clone()].to_owned(), m.normalized()))
            .collect()
    }

    #[test]
    fn cases_from_file() {
        let cases = include_str!("../testdata/numbers.cases");
        let mut n = 0;
        for (line_no, line) in cases.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (input, expected) = line
                .split_once(" => ")
                .unwrap_or_else(|| panic!("line {}: no ` => `", line_no + 1));
            let got: Vec<String> = found(input)
                .into_iter()
                .map(|(span, value)| format!("{span} = {value}"))
                .collect();
            let want: Vec<String> = if expected.trim() == "-" {
                Vec::new()
            } else {
                expected.split(" | ").map(|s| s.trim().to_owned()).collect()
            };
            assert_eq!(got, want, "line {}: {input}", line_no + 1);
            n += 1;
        }
        assert!(n >= 20, "only {n} cases");
    }

    #[test]
    fn same_value_across_styles() {
        let a = &find_numbers("about 6 feet long", 0..17, &[])[0];
        let b = &find_numbers("about six feet long", 0..19, &[])[0];
        assert!(a.same_value(b) && a.comparable(b));
        let t = "roughly 22 percent of them";
        let c = &find_numbers(t, 0..t.len(), &[])[0];
        let t2 = "roughly 22% of them";
        let d = &find_numbers(t2, 0..t2.len(), &[])[0];
        assert!(c.same_value(d) && c.comparable(d));
        let t3 = "some 17,000 vehicles";
        let e = &find_numbers(t3, 0..t3.len(), &[])[0];
        let t4 = "About 14,000 vehicles";
        let f = &find_numbers(t4, 0..t4.len(), &[])[0];
        assert!(!e.same_value(f) && e.comparable(f));
        let label = |t: &str| find_numbers(t, 0..t.len(), &[]).remove(0);
        assert!(label("the 4x100m relay").same_value(&label("the 4x100 relay")));
        assert!(!label("on PS2 first").same_value(&label("on PS5 first")));
    }
}
