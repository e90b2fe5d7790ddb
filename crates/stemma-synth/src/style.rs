//! House-style edits of syndicated copies: quotes, abbreviations,
//! numerals, percentages, sub-heads. None of them changes a fact, and
//! marks stay on their tokens.

use crate::lexicon::Lexicon;
use crate::rng::Rng;
use crate::text::{Body, Kind, Para, ParaKind, Sent, Tok, upper_first};

/// Quotes and apostrophes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Quotes {
    Keep,
    Straight,
    Curly,
}

/// Small numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Numerals {
    Keep,
    /// `6` → `six` (one to nine).
    Spell,
    /// `six` → `6` (two to nine).
    Digits,
}

/// Percentages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Percent {
    Keep,
    /// `8%`.
    Symbol,
    /// `8 per cent`.
    PerCent,
    /// `8 percent`.
    OneWord,
}

/// Dotted or plain abbreviations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dots {
    Keep,
    /// `U.S.` → `US`, `Mr.` → `Mr`, `Sept.` → `September`.
    Plain,
    /// `US` → `U.S.`, `Mr` → `Mr.`, `September 3` → `Sept. 3`.
    Dotted,
}

/// An outlet's house style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Style {
    pub quotes: Quotes,
    pub numerals: Numerals,
    pub percent: Percent,
    pub dots: Dots,
    /// A sub-head before every n-th paragraph (0: none).
    pub subhead_every: usize,
}

impl Style {
    /// A style drawn at random (each outlet keeps its own).
    pub fn random(rng: &mut Rng) -> Style {
        Style {
            quotes: *rng.pick(&[Quotes::Keep, Quotes::Straight, Quotes::Curly]),
            numerals: *rng.pick(&[Numerals::Keep, Numerals::Spell, Numerals::Digits]),
            percent: *rng.pick(&[
                Percent::Keep,
                Percent::Symbol,
                Percent::PerCent,
                Percent::OneWord,
            ]),
            dots: *rng.pick(&[Dots::Keep, Dots::Plain, Dots::Dotted]),
            subhead_every: *rng.pick(&[0, 0, 2, 3]),
        }
    }

    /// No edits.
    pub const NONE: Style = Style {
        quotes: Quotes::Keep,
        numerals: Numerals::Keep,
        percent: Percent::Keep,
        dots: Dots::Keep,
        subhead_every: 0,
    };
}

const SMALL: [&str; 10] = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
];

const MONTHS: &[(&str, &str)] = &[
    ("January", "Jan."),
    ("February", "Feb."),
    ("August", "Aug."),
    ("September", "Sept."),
    ("October", "Oct."),
    ("November", "Nov."),
    ("December", "Dec."),
];

fn replace_words(text: &str, f: impl Fn(&str) -> Option<&'static str>) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, w) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        match f(w) {
            Some(r) => out.push_str(r),
            None => out.push_str(w),
        }
    }
    out
}

fn dots(word: &str, style: Dots) -> Option<&'static str> {
    const PAIRS: &[(&str, &str)] = &[
        ("US", "U.S."),
        ("UK", "U.K."),
        ("Mr", "Mr."),
        ("Mrs", "Mrs."),
        ("Ms", "Ms."),
        ("Dr", "Dr."),
        ("US's", "U.S.'s"),
        ("UK's", "U.K.'s"),
    ];
    match style {
        Dots::Keep => None,
        Dots::Plain => PAIRS.iter().find(|(_, d)| *d == word).map(|(p, _)| *p),
        Dots::Dotted => PAIRS.iter().find(|(p, _)| *p == word).map(|(_, d)| *d),
    }
}

fn percent(text: &str, style: Percent) -> Option<String> {
    let (number, had) = if let Some(n) = text.strip_suffix('%') {
        (n, Percent::Symbol)
    } else if let Some(n) = text.strip_suffix(" per cent") {
        (n, Percent::PerCent)
    } else if let Some(n) = text.strip_suffix(" percent") {
        (n, Percent::OneWord)
    } else {
        return None;
    };
    if style == had || style == Percent::Keep || number.is_empty() {
        return None;
    }
    Some(match style {
        Percent::Symbol => format!("{number}%"),
        Percent::PerCent => format!("{number} per cent"),
        Percent::OneWord => format!("{number} percent"),
        Percent::Keep => return None,
    })
}

/// Applies `style` to every token of a sentence.
pub(crate) fn restyle_sent(sent: &mut Sent, style: &Style) {
    let n = sent.toks.len();
    for i in 0..n {
        let near_date = (i > 0 && sent.toks[i - 1].kind == Kind::Date)
            || sent.toks.get(i + 1).is_some_and(|t| t.kind == Kind::Date);
        let near_number = (i > 0 && matches!(sent.toks[i - 1].kind, Kind::Num))
            || sent.toks.get(i + 1).is_some_and(|t| t.kind == Kind::Num);
        let next_is_word_of = sent.toks.get(i + 1).is_some_and(|t| t.is("of"));
        let t = &mut sent.toks[i];
        match t.kind {
            Kind::Open | Kind::Close => {
                t.text = quote(&t.text, t.kind, style.quotes)
                    .unwrap_or_else(|| t.text.to_string())
                    .into();
            }
            Kind::Word | Kind::Name => {
                let q = apostrophes(&t.text, style.quotes);
                t.text = replace_words(&q, |w| dots(w, style.dots)).into();
            }
            Kind::Num => {
                if let Some(p) = percent(&t.text, style.percent) {
                    t.text = p.into();
                } else if !near_date {
                    match style.numerals {
                        Numerals::Spell => {
                            if let Ok(v) = t.text.parse::<usize>()
                                && (1..=9).contains(&v)
                                && t.text.len() == 1
                            {
                                t.text = SMALL[v].to_owned().into();
                            }
                        }
                        Numerals::Digits => {
                            if let Some(v) = SMALL.iter().position(|&w| *w == *t.text)
                                && v >= 2
                                && !next_is_word_of
                            {
                                t.text = v.to_string().into();
                            }
                        }
                        Numerals::Keep => {}
                    }
                }
            }
            Kind::Date => match style.dots {
                Dots::Plain => {
                    if let Some((full, _)) = MONTHS.iter().find(|(_, a)| **a == *t.text) {
                        t.text = (*full).to_owned().into();
                    }
                }
                Dots::Dotted if near_number => {
                    if let Some((_, abbr)) = MONTHS.iter().find(|(f, _)| **f == *t.text) {
                        t.text = (*abbr).to_owned().into();
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
}

fn quote(text: &str, kind: Kind, style: Quotes) -> Option<String> {
    let r = match (style, text, kind) {
        (Quotes::Straight, "“" | "”", _) => "\"",
        (Quotes::Straight, "‘" | "’", _) => "'",
        (Quotes::Curly, "\"", Kind::Open) => "“",
        (Quotes::Curly, "\"", Kind::Close) => "”",
        (Quotes::Curly, "'", Kind::Open) => "‘",
        (Quotes::Curly, "'", Kind::Close) => "’",
        _ => return None,
    };
    Some(r.to_owned())
}

fn apostrophes(text: &str, style: Quotes) -> String {
    match style {
        Quotes::Straight => text.replace('’', "'"),
        Quotes::Curly => text.replace('\'', "’"),
        Quotes::Keep => text.to_owned(),
    }
}

/// A copy of `body` in `style`, with sub-heads inserted.
pub(crate) fn restyle(body: &Body, style: &Style, lex: &Lexicon, rng: &mut Rng) -> Body {
    let mut out = body.clone();
    for p in &mut out.paras {
        for s in &mut p.sents {
            restyle_sent(s, style);
        }
    }
    if style.subhead_every > 0 {
        let mut paras = Vec::with_capacity(out.paras.len() + 4);
        let mut content = 0;
        let had_subheads = out.paras.iter().any(|p| p.kind == ParaKind::Subhead);
        for p in out.paras {
            if p.is_content() {
                if !had_subheads && content > 0 && content % style.subhead_every == 0 {
                    paras.push(subhead(&p, lex, rng));
                }
                content += 1;
            }
            paras.push(p);
        }
        out.paras = paras;
    }
    out
}

/// A short heading: a generic one, or the first words of the paragraph it
/// introduces.
fn subhead(next: &Para, lex: &Lexicon, rng: &mut Rng) -> Para {
    let text = if rng.chance(0.5) {
        (*rng.pick(&lex.lists.subhead)).to_owned()
    } else {
        let words: Vec<&Tok> = next
            .sents
            .first()
            .map(|s| {
                s.toks
                    .iter()
                    .filter(|t| matches!(t.kind, Kind::Word | Kind::Name | Kind::Num))
                    .skip_while(|t| lex.is_function(&t.text.to_lowercase()))
                    .take_while(|t| !lex.is_function(&t.text.to_lowercase()))
                    .take(rng.range(2, 4) as usize)
                    .collect()
            })
            .unwrap_or_default();
        if words.len() < 2 {
            (*rng.pick(&lex.lists.subhead)).to_owned()
        } else {
            let joined: Vec<&str> = words.iter().map(|t| &*t.text).collect();
            upper_first(&joined.join(" "))
        }
    };
    let toks = text
        .split(' ')
        .enumerate()
        .map(|(i, w)| Tok::new(w, Kind::Word, i > 0))
        .collect();
    Para::new(ParaKind::Subhead, vec![Sent { toks }])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    #[track_caller]
    fn check(style: Style, input: &str, expect: &str) {
        let mut s = Sent {
            toks: tokenize(input),
        };
        restyle_sent(&mut s, &style);
        let body = Body {
            paras: vec![Para::new(ParaKind::Body, vec![s])],
        };
        assert_eq!(body.plain(), expect);
    }

    #[test]
    fn edits() {
        let s = Style {
            quotes: Quotes::Curly,
            numerals: Numerals::Spell,
            percent: Percent::PerCent,
            dots: Dots::Dotted,
            subhead_every: 0,
        };
        check(
            s,
            "The US firm's 6 stores grew 8% on 3 September, \"Mr Lee\" said.",
            "The U.S. firm’s six stores grew 8 per cent on 3 Sept., “Mr. Lee” said.",
        );
        let s = Style {
            quotes: Quotes::Straight,
            numerals: Numerals::Digits,
            percent: Percent::Symbol,
            dots: Dots::Plain,
            subhead_every: 0,
        };
        check(
            s,
            "The U.S. firm’s six stores grew 8 per cent by Sept. 3, “Mr. Lee” said.",
            "The US firm's 6 stores grew 8% by September 3, \"Mr Lee\" said.",
        );
    }
}
