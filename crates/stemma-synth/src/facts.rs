//! Facts: which tokens state them, how a rewrite changes one (a year, a
//! number, a person's or place's name), and how a recycled story replaces
//! all of them so that it reads as a different event.

use std::collections::HashMap;

use crate::lexicon::{Lexicon, Set};
use crate::rng::Rng;
use crate::text::{Body, Kind, Sent, Tok, split_possessive};
use crate::time::{MONTHS, WEEKDAYS};

/// The kind of a fact change, as the truth names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Topic {
    Date,
    Number,
    Name,
}

impl Topic {
    pub fn as_str(self) -> &'static str {
        match self {
            Topic::Date => "date",
            Topic::Number => "number",
            Topic::Name => "name",
        }
    }
}

/// What a name names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NameKind {
    Person,
    City,
    Country,
    Other,
}

const ROLE_WORDS: &[&str] = &[
    "executive",
    "chairman",
    "chairwoman",
    "director",
    "minister",
    "secretary",
    "spokesman",
    "spokeswoman",
    "analyst",
    "economist",
    "manager",
    "coach",
    "boss",
    "president",
    "chief",
    "founder",
    "leader",
    "actor",
    "actress",
    "singer",
    "star",
    "striker",
    "captain",
    "player",
    "editor",
    "professor",
    "chancellor",
    "head",
    "officer",
    "producer",
    "writer",
    "author",
    "presenter",
    "comedian",
    "champion",
    "winner",
    "partner",
];

fn is_title(lex: &Lexicon, w: &str) -> bool {
    lex.is_in(Set::Title, w.trim_end_matches('.'))
}

/// Classifies the name token at `i` of `toks` from the lists and the
/// words around it.
pub(crate) fn name_kind(lex: &Lexicon, toks: &[Tok], i: usize) -> NameKind {
    let (stem, _) = split_possessive(&toks[i].text);
    if lex.is_in(Set::City, stem) {
        return NameKind::City;
    }
    if lex.is_in(Set::Country, stem) {
        return NameKind::Country;
    }
    let words: Vec<&str> = stem.split(' ').collect();
    if words.iter().any(|w| {
        !w.chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '.' || c == '\'')
    }) {
        return NameKind::Other;
    }
    let first = words[0];
    if is_title(lex, first) && words.len() >= 2
        || lex.is_in(Set::FirstName, first) && words.len() >= 2
    {
        return NameKind::Person;
    }
    let all_caps = stem
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    if (2..=3).contains(&words.len()) && !all_caps {
        let prev_role =
            i > 0 && toks[i - 1].kind == Kind::Word && ROLE_WORDS.contains(&&*toks[i - 1].text);
        let next_said = toks
            .get(i + 1)
            .is_some_and(|t| t.is("said") || t.is("says") || t.is("told"));
        if prev_role || next_said {
            return NameKind::Person;
        }
    }
    NameKind::Other
}

/// A token whose value a rewrite may change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub para: usize,
    pub sent: usize,
    pub tok: usize,
    pub topic: Topic,
}

/// Every token of a body that a fact change can target.
pub(crate) fn candidates(lex: &Lexicon, body: &Body) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (pi, p) in body.paras.iter().enumerate() {
        if p.kind != crate::text::ParaKind::Body {
            continue;
        }
        for (si, s) in p.sents.iter().enumerate() {
            for (ti, t) in s.toks.iter().enumerate() {
                if t.mark != 0 {
                    continue;
                }
                let topic = match t.kind {
                    Kind::Year => Some(Topic::Date),
                    Kind::Num
                        if numeric_core(&t.text).is_some()
                            && !is_decade_or_century(&s.toks, ti) =>
                    {
                        Some(Topic::Number)
                    }
                    Kind::Name if name_kind(lex, &s.toks, ti) != NameKind::Other => {
                        Some(Topic::Name)
                    }
                    _ => None,
                };
                if let Some(topic) = topic {
                    out.push(Candidate {
                        para: pi,
                        sent: si,
                        tok: ti,
                        topic,
                    });
                }
            }
        }
    }
    out
}

/// Whether the token at `i` of `toks` names a decade or a century
/// (`1980s`, `'80s`, `1800s`, `19th century`): a period of time, which
/// issue 7 counts among dates, not a figure. Drawn as a number it became
/// `1310s` or `2890s` and was labelled a `number` change; it is not
/// changed at all.
pub(crate) fn is_decade_or_century(toks: &[Tok], i: usize) -> bool {
    let Some(t) = toks.get(i) else {
        return false;
    };
    let core = t.text.trim_start_matches(['\'', '\u{2019}']);
    let decade = core.strip_suffix('s').is_some_and(|d| {
        matches!(d.len(), 2 | 4) && d.ends_with('0') && d.bytes().all(|b| b.is_ascii_digit())
    });
    let century = toks
        .get(i + 1)
        .is_some_and(|n| n.is("century") || n.is("centuries"));
    decade || century
}

/// The topic the truth gives a change of the token at `i` of `toks`
/// planned as `topic`: a day of the month written beside its month
/// (`12 December`, `December 12`, `the 12th of December`) is part of a
/// date, so changing it changes the date (the dates include
/// `14 March` and `Mar. 14`), though the value is drawn as a number's.
pub(crate) fn truth_topic(toks: &[Tok], i: usize, topic: Topic) -> Topic {
    if topic != Topic::Number || !is_day_number(&toks[i].text) {
        return topic;
    }
    let month = |t: Option<&Tok>| {
        t.is_some_and(|t| {
            t.kind == Kind::Date && MONTHS.iter().any(|m| m.eq_ignore_ascii_case(&t.text))
        })
    };
    let before = i.checked_sub(1).and_then(|k| toks.get(k));
    let after_of = toks.get(i + 1).is_some_and(|t| t.is("of")) && month(toks.get(i + 2));
    if month(before) || month(toks.get(i + 1)) || after_of {
        Topic::Date
    } else {
        topic
    }
}

/// Another day of the month for the day `text` (`12` → `9`, `21st` →
/// `24th`): 1–4 days away and never past the 28th, so that the new date
/// exists in every month.
pub(crate) fn change_day(text: &str, rng: &mut Rng) -> Option<String> {
    let digits = text.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let old: i64 = digits.parse().ok()?;
    let ordinal = digits.len() < text.len();
    for _ in 0..16 {
        let step = rng.range(1, 4) * if rng.chance(0.5) { 1 } else { -1 };
        let new = old.min(28) + step;
        if (1..=28).contains(&new) && new != old {
            let suffix = match (new % 10, new % 100) {
                (_, 11..=13) => "th",
                (1, _) => "st",
                (2, _) => "nd",
                (3, _) => "rd",
                _ => "th",
            };
            return Some(if ordinal {
                format!("{new}{suffix}")
            } else {
                new.to_string()
            });
        }
    }
    None
}

/// Whether `text` is a day of the month in digits: `1`–`31`, with or
/// without an ordinal suffix (`12th`).
fn is_day_number(text: &str) -> bool {
    let digits = text.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &text[digits.len()..];
    (suffix.is_empty() || matches!(suffix, "st" | "nd" | "rd" | "th"))
        && (1..=2).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && digits.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
}

/// `(prefix, digits, suffix)` of the first number in `text`.
fn numeric_core(text: &str) -> Option<(&str, &str, &str)> {
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let rest = &text[start..];
    let mut end = 0;
    let bytes = rest.as_bytes();
    while end < bytes.len() {
        let b = bytes[end];
        if b.is_ascii_digit()
            || (b == b',' || b == b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)
        {
            end += 1;
        } else {
            break;
        }
    }
    Some((&text[..start], &rest[..end], &rest[end..]))
}

/// The same kind of number, a different value: `76%` → `81%`,
/// `464,000` → `512,000`, `$1.13bn` → `$1.31bn`, `six` → `four`.
pub(crate) fn change_number(text: &str, rng: &mut Rng) -> Option<String> {
    change_number_by(text, 4, rng)
}

/// [`change_number`] with small integers moved by up to `spread`.
pub(crate) fn change_number_by(text: &str, spread: i64, rng: &mut Rng) -> Option<String> {
    const SMALL: [&str; 10] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    if let Some(v) = SMALL.iter().position(|&w| w.eq_ignore_ascii_case(text)) {
        let mut n = v;
        while n == v || n == 0 {
            n = rng.range(1, 9) as usize;
        }
        return Some(crate::text::upper_first_if(text, SMALL[n]));
    }
    let (prefix, digits, suffix) = numeric_core(text)?;
    let grouped = digits.contains(',');
    let plain: String = digits.chars().filter(|&c| c != ',').collect();
    let decimals = plain.split_once('.').map_or(0, |(_, d)| d.len());
    let value: f64 = plain.parse().ok()?;
    for _ in 0..16 {
        let new = if value < 20.0 && decimals == 0 {
            let delta = rng.range(1, spread) as f64 * if rng.chance(0.5) { 1.0 } else { -1.0 };
            (value + delta).max(1.0)
        } else {
            let factor = if rng.chance(0.5) {
                0.55 + rng.unit() * 0.35
            } else {
                1.12 + rng.unit() * 0.5
            };
            value * factor
        };
        let formatted = format_like(new, decimals, grouped, &plain);
        if formatted != digits && !formatted.is_empty() {
            return Some(format!("{prefix}{formatted}{suffix}"));
        }
    }
    None
}

/// Formats `v` with `decimals` places, thousands grouped, keeping the
/// original's round zeros (`464000` stays a multiple of 1000).
fn format_like(v: f64, decimals: usize, grouped: bool, original: &str) -> String {
    let mut s = if decimals > 0 {
        format!("{v:.decimals$}")
    } else {
        let zeros = original.len() - original.trim_end_matches('0').len();
        let zeros = zeros.min(original.len().saturating_sub(1)) as u32;
        let unit = 10f64.powi(zeros as i32);
        let r = ((v / unit).round().max(1.0) * unit) as u64;
        r.to_string()
    };
    if grouped {
        let (int, frac) = match s.split_once('.') {
            Some((i, f)) => (i.to_owned(), format!(".{f}")),
            None => (s.clone(), String::new()),
        };
        let mut g = String::new();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                g.push(',');
            }
            g.push(c);
        }
        s = g + &frac;
    }
    s
}

/// A year moved by one to three.
pub(crate) fn change_year(text: &str, rng: &mut Rng) -> Option<String> {
    let y: i64 = text.parse().ok()?;
    let d = rng.range(1, 3) * if rng.chance(0.5) { 1 } else { -1 };
    Some((y + d).to_string())
}

fn invented_person(lex: &Lexicon, rng: &mut Rng) -> String {
    format!(
        "{} {}",
        rng.pick(&lex.lists.first),
        rng.pick(&lex.lists.last)
    )
}

/// Another name of the same kind: a person from the article or the list,
/// another city or country.
pub(crate) fn change_name(
    lex: &Lexicon,
    text: &str,
    kind: NameKind,
    others: &[String],
    rng: &mut Rng,
) -> Option<String> {
    let (stem, suffix) = split_possessive(text);
    let new = match kind {
        NameKind::City => pick_other(&lex.lists.city, stem, rng),
        NameKind::Country => pick_other(&lex.lists.country, stem, rng),
        NameKind::Person => {
            let words: Vec<&str> = stem.split(' ').collect();
            let (title, rest) = if is_title(lex, words[0]) && words.len() > 1 {
                (Some(words[0]), &words[1..])
            } else {
                (None, &words[..])
            };
            let replacement = if rest.len() == 1 {
                pick_other(&lex.lists.last, rest[0], rng)
            } else {
                // Not one with the same surname ("Mr Campbell" for
                // "Kevin Campbell"): that names the same person, no change.
                let surname = rest.last().copied().unwrap_or_default();
                let from_article: Vec<&String> = others
                    .iter()
                    .filter(|o| {
                        o.as_str() != stem
                            && o.contains(' ')
                            && o.split(' ').next_back() != Some(surname)
                    })
                    .collect();
                if !from_article.is_empty() && rng.chance(0.5) {
                    let o = rng.pick(&from_article);
                    let ow: Vec<&str> = o.split(' ').collect();
                    let skip = usize::from(is_title(lex, ow[0]) && ow.len() > 1);
                    ow[skip..].join(" ")
                } else {
                    invented_person(lex, rng)
                }
            };
            match title {
                Some(t) => format!("{t} {replacement}"),
                None => replacement,
            }
        }
        NameKind::Other => return None,
    };
    (new != stem).then(|| format!("{new}{suffix}"))
}

fn pick_other(list: &[&str], not: &str, rng: &mut Rng) -> String {
    for _ in 0..8 {
        let c = rng.pick(list);
        if *c != not {
            return (*c).to_owned();
        }
    }
    format!("{not}ton")
}

/// Replaces every name, number and year of an article consistently (a
/// person keeps one new name across mentions; all years move together),
/// so that the text states a different event.
pub(crate) fn swap_entities(lex: &Lexicon, title: &mut Sent, body: &mut Body, rng: &mut Rng) {
    let year_shift = rng.range(1, 4) * if rng.chance(0.5) { 1 } else { -1 };
    let weekday_shift = rng.range(1, 6) as usize;
    let month_shift = rng.range(1, 11) as usize;
    // First the people, so that surnames map consistently.
    let mut surnames: HashMap<String, String> = HashMap::new();
    let mut names: HashMap<String, String> = HashMap::new();
    let sents: Vec<&Sent> = std::iter::once(&*title).chain(body.sents()).collect();
    for s in &sents {
        for (i, t) in s.toks.iter().enumerate() {
            if t.kind != Kind::Name || name_kind(lex, &s.toks, i) != NameKind::Person {
                continue;
            }
            let (stem, _) = split_possessive(&t.text);
            let words: Vec<&str> = stem.split(' ').collect();
            let skip = usize::from(is_title(lex, words[0]));
            let rest = &words[skip..];
            if rest.is_empty() {
                continue;
            }
            let last = rest[rest.len() - 1];
            let new_last = surnames
                .entry(last.to_owned())
                .or_insert_with(|| recycled_surname(lex, rng))
                .clone();
            let mut new_words: Vec<String> =
                words[..skip].iter().map(|w| (*w).to_owned()).collect();
            for _ in 0..rest.len().saturating_sub(1) {
                new_words.push((*rng.pick(&lex.lists.first)).to_owned());
            }
            new_words.push(new_last);
            names
                .entry(stem.to_owned())
                .or_insert_with(|| new_words.join(" "));
        }
    }
    let mut numbers: HashMap<String, String> = HashMap::new();
    let mut apply = |s: &mut Sent, rng: &mut Rng| {
        for i in 0..s.toks.len() {
            let kind = s.toks[i].kind;
            match kind {
                Kind::Name => {
                    let nk = name_kind(lex, &s.toks, i);
                    let (stem, suffix) = split_possessive(&s.toks[i].text);
                    let (stem, suffix) = (stem.to_owned(), suffix.to_owned());
                    let new = if let Some(n) = names.get(&stem) {
                        n.clone()
                    } else {
                        let words: Vec<&str> = stem.split(' ').collect();
                        let skip = usize::from(words.len() > 1 && is_title(lex, words[0]));
                        let new = if skip == 1 || words.len() == 1 && surnames.contains_key(&stem) {
                            let last = words[words.len() - 1];
                            let mapped = surnames
                                .entry(last.to_owned())
                                .or_insert_with(|| recycled_surname(lex, rng))
                                .clone();
                            let mut w: Vec<String> = words[..words.len() - 1]
                                .iter()
                                .map(|w| (*w).to_owned())
                                .collect();
                            w.push(mapped);
                            w.join(" ")
                        } else {
                            match nk {
                                NameKind::City => pick_other(&lex.lists.city, &stem, rng),
                                NameKind::Country => pick_other(&lex.lists.country, &stem, rng),
                                _ => invented_other(lex, &stem, rng),
                            }
                        };
                        names.insert(stem.clone(), new.clone());
                        new
                    };
                    s.toks[i].text = format!("{new}{suffix}").into();
                }
                Kind::Year => {
                    if let Ok(y) = s.toks[i].text.parse::<i64>() {
                        s.toks[i].text = (y + year_shift).to_string().into();
                    }
                }
                Kind::Date => {
                    let t = &mut s.toks[i];
                    if let Some(w) = WEEKDAYS.iter().position(|w| **w == *t.text) {
                        t.text = WEEKDAYS[(w + weekday_shift) % 7].to_owned().into();
                    } else if let Some(m) = MONTHS.iter().position(|m| **m == *t.text) {
                        t.text = MONTHS[(m + month_shift) % 12].to_owned().into();
                    }
                }
                Kind::Num => {
                    let old = s.toks[i].text.to_string();
                    let new = numbers
                        .entry(old.clone())
                        .or_insert_with(|| change_number_by(&old, 12, rng).unwrap_or(old.clone()))
                        .clone();
                    s.toks[i].text = new.into();
                }
                _ => {}
            }
        }
    };
    apply(title, rng);
    for p in &mut body.paras {
        for s in &mut p.sents {
            apply(s, rng);
        }
    }
}

/// A surname for a recycled telling: one of the list's 63 common surnames
/// one time in four, otherwise one made of parts (44,160 of them). With
/// the list alone every person of a million-document corpus bore one of
/// 63 surnames (each in about 13 % of the documents at 100,000); on BBC,
/// 711 surnames follow "Mr", "Mrs", "Ms" or "Dr" in 2,225 articles, the
/// most common 63 making 56 % of those mentions.
fn recycled_surname(lex: &Lexicon, rng: &mut Rng) -> String {
    let l = &lex.lists;
    if rng.chance(0.25) {
        return (*rng.pick(&l.last)).to_owned();
    }
    [
        *rng.pick(&l.surname_onset),
        *rng.pick(&l.surname_vowel),
        *rng.pick(&l.surname_middle),
        *rng.pick(&l.surname_end),
    ]
    .concat()
}

/// An invented organisation or place name of about the same shape.
fn invented_other(lex: &Lexicon, stem: &str, rng: &mut Rng) -> String {
    let letters: Vec<char> = stem.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) && !stem.contains(' ') {
        return (0..letters.len().min(5))
            .map(|_| (b'A' + rng.below(26) as u8) as char)
            .collect();
    }
    match rng.below(3) {
        0 => format!(
            "{} {}",
            recycled_surname(lex, rng),
            rng.pick(&lex.lists.org_suffix)
        ),
        1 => format!(
            "{}{}",
            rng.pick(&lex.lists.place_stem),
            rng.pick(&lex.lists.place_end)
        ),
        _ => recycled_surname(lex, rng),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_change_shape_kept() {
        let mut rng = Rng::new(5);
        for (input, shape) in [
            ("76%", "%"),
            ("$1.13bn", "$"),
            ("464,000", ","),
            ("2.5 per cent", " per cent"),
        ] {
            let out = change_number(input, &mut rng).expect(input);
            assert_ne!(out, input);
            assert!(out.contains(shape), "{input} → {out}");
        }
        let six = change_number("six", &mut rng).expect("six");
        assert_ne!(six, "six");
        let out = change_number("464,000", &mut rng).expect("464,000");
        assert!(out.ends_with(",000"), "{out}");
        assert_eq!(format_like(1234567.0, 0, true, "1000000"), "1,000,000");
        assert_eq!(
            change_year("2004", &mut rng).map(|y| y != "2004"),
            Some(true)
        );
    }

    #[test]
    fn decades_and_centuries_are_not_figures() {
        let of = |text: &str, word: &str| {
            let toks = crate::text::tokenize(text);
            let i = toks.iter().position(|t| &*t.text == word).expect(word);
            is_decade_or_century(&toks, i)
        };
        assert!(of("Memories of the 1970s and 1980s returned.", "1980s"));
        assert!(of("A house built in the 19th century stands.", "19th"));
        assert!(!of("Some 1985 people came.", "1985"));
        assert!(!of("She ran the 60m race.", "60m"));
        assert!(!of("He was 19th in the race.", "19th"));
    }

    #[test]
    fn a_day_beside_its_month_is_a_date_change() {
        let topic = |text: &str, word: &str| {
            let toks = crate::text::tokenize(text);
            let i = toks.iter().position(|t| &*t.text == word).expect(word);
            truth_topic(&toks, i, Topic::Number).as_str()
        };
        assert_eq!(topic("The vote is on 12 December.", "12"), "date");
        assert_eq!(topic("The vote is on December 12, 2005.", "12"), "date");
        assert_eq!(topic("Held on the 3rd of June.", "3rd"), "date");
        assert_eq!(topic("Some 12 people came in December.", "12"), "number");
        assert_eq!(topic("They sold 40 May bonds.", "40"), "number");
        assert_eq!(topic("It rose 12% in March.", "12%"), "number");
        let mut rng = Rng::new(3);
        for day in ["31", "1", "12", "21st", "28"] {
            let new = change_day(day, &mut rng).expect(day);
            let n: u32 = new
                .trim_end_matches(char::is_alphabetic)
                .parse()
                .expect(&new);
            assert!((1..=28).contains(&n) && new != day, "{day} -> {new}");
            assert_eq!(
                day.ends_with("st"),
                new.len() > n.to_string().len(),
                "{day} -> {new}"
            );
        }
    }
}
