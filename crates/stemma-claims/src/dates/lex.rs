//! Tokens for date matching: one pass over the text into words, digit runs
//! and punctuation, each word looked up once in a small lexicon of the
//! words dates are made of.

/// What a word means to the date rules; [`Lex::Other`] for every other
/// word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lex {
    /// 1–12; `full` for the whole name (`March`), not for `Mar`/`Sept`.
    Month {
        month: u8,
        full: bool,
    },
    /// 0 = Monday … 6 = Sunday.
    Weekday(u8),
    /// `first` … `twelfth`, `nineteenth`, …: the number.
    Ordinal(u8),
    /// `one` … `twenty`: the number.
    Cardinal(u8),
    /// `a`, `an`.
    Article,
    Unit(Unit),
    /// 0 spring, 1 summer, 2 fall, 3 winter.
    Season(u8),
    /// `morning`, `afternoon`, `evening`, `night`.
    DayPart,
    /// `th`, `st`, `nd`, `rd` after a number.
    OrdSuffix,
    /// `s` after a number (`1990s`).
    S,
    Today,
    Yesterday,
    Tomorrow,
    /// `now`, `currently`, `nowadays`, `presently`.
    Now,
    Current,
    /// `recently`, `lately`.
    Recently,
    Recent,
    Past,
    Future,
    Soon,
    Ago,
    /// `earlier`, `previously`.
    Earlier,
    /// `before`: as `earlier`, but before a noun it is relative to an
    /// event (`ten days before the vote`).
    Before,
    These,
    Following,
    /// `date` (`at a later date`).
    DateWord,
    Possible,
    /// `same`, `corresponding`, `comparable` (`the same period last year`).
    Same,
    /// `later`, `after`.
    Later,
    Last,
    Next,
    This,
    /// `coming`, `upcoming`.
    Coming,
    /// `previous`, `prior`, `preceding`.
    Previous,
    Latest,
    The,
    Of,
    Fiscal,
    Early,
    Late,
    Mid,
    Weekend,
    Half,
    Century,
    Decade,
    /// `thirties` … `nineties`: the tens digit.
    Decades(u8),
    Thanksgiving,
    Christmas,
    /// `Election` (`Election Day`).
    Election,
    /// `few`, `several`, `couple`: a vague count.
    Few,
    /// `near`, `short` (`the near future`, `the short term`).
    Near,
    Term,
    End,
    Period,
    That,
    /// `full`, `whole`, `entire`.
    Full,
    /// Possessive determiners: `its`, `his`, `her`, `their`, `our`, `your`.
    Poss,
    /// `pre`, `post` (`post-1959`).
    PrePost,
    Thousand,
    /// `will`, `ll`, `scheduled`, `planned`, `expected`, `until`, …: a
    /// cue that the sentence speaks of the future.
    Will,
    /// `until`, `till`: a preposition and a future cue.
    Until,
    /// `ended`: the date after it is past (`the year ended March 31`).
    Ended,
    /// Prepositions that put a bare number in a year's place: `in`,
    /// `since`, `by`, `until`, `from`, `through`, `during`, …
    Prep,
    As,
    /// `and`, `or`: a year list (`in 1988 and 1989`).
    And,
    /// A noun that makes the number before it a count, not a year.
    CountNoun,
    Other,
}

/// A calendar unit named by a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

/// A token's shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    /// A run of ASCII digits: its value (saturating) and length.
    Num {
        value: u32,
        len: u8,
    },
    Punct(char),
}

/// One token with its byte span in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub lex: Lex,
    /// The word starts with an upper-case letter.
    pub cap: bool,
}

/// Splits `text` into tokens: maximal runs of letters, of ASCII digits,
/// and single other non-space characters. Spans always lie on character
/// boundaries.
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks = Vec::with_capacity(text.len() / 5);
    let mut it = text.char_indices().peekable();
    while let Some((start, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_ascii_digit() {
            let mut end = start + 1;
            let mut value = u32::from(c as u8 - b'0');
            let mut len: u32 = 1;
            while let Some(&(j, d)) = it.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                value = value
                    .saturating_mul(10)
                    .saturating_add(u32::from(d as u8 - b'0'));
                len += 1;
                end = j + 1;
                it.next();
            }
            toks.push(Tok {
                start,
                end,
                kind: Kind::Num {
                    value,
                    len: u8::try_from(len).unwrap_or(u8::MAX),
                },
                lex: Lex::Other,
                cap: false,
            });
        } else if c.is_alphabetic() {
            let mut end = start + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if !d.is_alphabetic() {
                    break;
                }
                end = j + d.len_utf8();
                it.next();
            }
            let word = &text[start..end];
            toks.push(Tok {
                start,
                end,
                kind: Kind::Word,
                lex: lookup(word),
                cap: c.is_uppercase(),
            });
        } else {
            toks.push(Tok {
                start,
                end: start + c.len_utf8(),
                kind: Kind::Punct(normalize_punct(c)),
                lex: Lex::Other,
                cap: false,
            });
        }
    }
    toks
}

/// Curly apostrophes and dashes as their ASCII forms.
fn normalize_punct(c: char) -> char {
    match c {
        '\u{2019}' | '\u{2018}' | '`' => '\'',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' => '-',
        other => other,
    }
}

/// The lexicon entry of one word (case-insensitive; only ASCII words of
/// up to 16 bytes can be in it).
pub(super) fn lookup(word: &str) -> Lex {
    let bytes = word.as_bytes();
    if bytes.len() > 16 || !word.is_ascii() {
        return Lex::Other;
    }
    let mut buf = [0u8; 16];
    for (b, w) in buf.iter_mut().zip(bytes) {
        *b = w.to_ascii_lowercase();
    }
    let Some(lower) = buf.get(..bytes.len()) else {
        return Lex::Other;
    };
    let month = |month: u8, full: bool| Lex::Month { month, full };
    match lower {
        b"january" => month(1, true),
        b"february" => month(2, true),
        b"march" => month(3, true),
        b"april" => month(4, true),
        b"may" => month(5, true),
        b"june" => month(6, true),
        b"july" => month(7, true),
        b"august" => month(8, true),
        b"september" => month(9, true),
        b"october" => month(10, true),
        b"november" => month(11, true),
        b"december" => month(12, true),
        b"jan" => month(1, false),
        b"feb" => month(2, false),
        b"mar" => month(3, false),
        b"apr" => month(4, false),
        b"jun" => month(6, false),
        b"jul" => month(7, false),
        b"aug" => month(8, false),
        b"sep" | b"sept" => month(9, false),
        b"oct" => month(10, false),
        b"nov" => month(11, false),
        b"dec" => month(12, false),
        b"monday" => Lex::Weekday(0),
        b"tuesday" => Lex::Weekday(1),
        b"wednesday" => Lex::Weekday(2),
        b"thursday" => Lex::Weekday(3),
        b"friday" => Lex::Weekday(4),
        b"saturday" => Lex::Weekday(5),
        b"sunday" => Lex::Weekday(6),
        b"first" => Lex::Ordinal(1),
        b"second" => Lex::Ordinal(2),
        b"third" => Lex::Ordinal(3),
        b"fourth" => Lex::Ordinal(4),
        b"fifth" => Lex::Ordinal(5),
        b"sixth" => Lex::Ordinal(6),
        b"seventh" => Lex::Ordinal(7),
        b"eighth" => Lex::Ordinal(8),
        b"ninth" => Lex::Ordinal(9),
        b"tenth" => Lex::Ordinal(10),
        b"eleventh" => Lex::Ordinal(11),
        b"twelfth" => Lex::Ordinal(12),
        b"fifteenth" => Lex::Ordinal(15),
        b"sixteenth" => Lex::Ordinal(16),
        b"seventeenth" => Lex::Ordinal(17),
        b"eighteenth" => Lex::Ordinal(18),
        b"nineteenth" => Lex::Ordinal(19),
        b"twentieth" => Lex::Ordinal(20),
        b"thirteenth" => Lex::Ordinal(13),
        b"fourteenth" => Lex::Ordinal(14),
        b"thirtieth" => Lex::Ordinal(30),
        b"fortieth" => Lex::Ordinal(40),
        b"fiftieth" => Lex::Ordinal(50),
        b"sixtieth" => Lex::Ordinal(60),
        b"seventieth" => Lex::Ordinal(70),
        b"eightieth" => Lex::Ordinal(80),
        b"ninetieth" => Lex::Ordinal(90),
        b"one" => Lex::Cardinal(1),
        b"two" => Lex::Cardinal(2),
        b"three" => Lex::Cardinal(3),
        b"four" => Lex::Cardinal(4),
        b"five" => Lex::Cardinal(5),
        b"six" => Lex::Cardinal(6),
        b"seven" => Lex::Cardinal(7),
        b"eight" => Lex::Cardinal(8),
        b"nine" => Lex::Cardinal(9),
        b"ten" => Lex::Cardinal(10),
        b"eleven" => Lex::Cardinal(11),
        b"twelve" => Lex::Cardinal(12),
        b"thirteen" => Lex::Cardinal(13),
        b"fourteen" => Lex::Cardinal(14),
        b"fifteen" => Lex::Cardinal(15),
        b"sixteen" => Lex::Cardinal(16),
        b"seventeen" => Lex::Cardinal(17),
        b"eighteen" => Lex::Cardinal(18),
        b"nineteen" => Lex::Cardinal(19),
        b"twenty" => Lex::Cardinal(20),
        b"thirty" => Lex::Cardinal(30),
        b"forty" => Lex::Cardinal(40),
        b"fifty" => Lex::Cardinal(50),
        b"sixty" => Lex::Cardinal(60),
        b"seventy" => Lex::Cardinal(70),
        b"eighty" => Lex::Cardinal(80),
        b"ninety" => Lex::Cardinal(90),
        b"thousand" => Lex::Thousand,
        b"few" | b"several" | b"couple" => Lex::Few,
        b"near" | b"short" => Lex::Near,
        b"term" => Lex::Term,
        b"end" => Lex::End,
        b"period" => Lex::Period,
        b"that" => Lex::That,
        b"full" | b"whole" | b"entire" => Lex::Full,
        b"its" | b"his" | b"her" | b"their" | b"our" | b"your" => Lex::Poss,
        b"pre" | b"post" => Lex::PrePost,
        b"a" | b"an" => Lex::Article,
        b"day" | b"days" => Lex::Unit(Unit::Day),
        b"week" | b"weeks" => Lex::Unit(Unit::Week),
        b"month" | b"months" => Lex::Unit(Unit::Month),
        b"quarter" | b"quarters" => Lex::Unit(Unit::Quarter),
        b"year" | b"years" => Lex::Unit(Unit::Year),
        b"spring" => Lex::Season(0),
        b"summer" => Lex::Season(1),
        b"fall" | b"autumn" => Lex::Season(2),
        b"winter" => Lex::Season(3),
        b"morning" | b"afternoon" | b"evening" | b"night" => Lex::DayPart,
        b"th" | b"st" | b"nd" | b"rd" => Lex::OrdSuffix,
        b"s" => Lex::S,
        // tonight: the anchor's day, as "Friday night" is its day
        b"today" | b"tonight" => Lex::Today,
        b"election" => Lex::Election,
        b"yesterday" => Lex::Yesterday,
        b"tomorrow" => Lex::Tomorrow,
        b"now" | b"currently" | b"nowadays" | b"presently" => Lex::Now,
        b"current" => Lex::Current,
        b"recently" | b"lately" => Lex::Recently,
        b"recent" => Lex::Recent,
        b"past" => Lex::Past,
        b"future" => Lex::Future,
        b"soon" => Lex::Soon,
        b"ago" => Lex::Ago,
        b"earlier" | b"previously" => Lex::Earlier,
        b"before" => Lex::Before,
        b"these" => Lex::These,
        b"following" => Lex::Following,
        b"date" => Lex::DateWord,
        b"possible" => Lex::Possible,
        b"same" | b"corresponding" | b"comparable" => Lex::Same,
        b"later" | b"after" => Lex::Later,
        b"last" => Lex::Last,
        b"next" => Lex::Next,
        b"this" => Lex::This,
        b"coming" | b"upcoming" => Lex::Coming,
        b"previous" | b"prior" | b"preceding" => Lex::Previous,
        b"latest" => Lex::Latest,
        b"the" => Lex::The,
        b"of" => Lex::Of,
        b"fiscal" => Lex::Fiscal,
        b"early" => Lex::Early,
        b"late" => Lex::Late,
        b"mid" => Lex::Mid,
        b"weekend" => Lex::Weekend,
        b"half" => Lex::Half,
        b"century" => Lex::Century,
        b"decade" | b"decades" => Lex::Decade,
        b"thirties" => Lex::Decades(3),
        b"forties" => Lex::Decades(4),
        b"fifties" => Lex::Decades(5),
        b"sixties" => Lex::Decades(6),
        b"seventies" => Lex::Decades(7),
        b"eighties" => Lex::Decades(8),
        b"nineties" => Lex::Decades(9),
        b"thanksgiving" => Lex::Thanksgiving,
        b"christmas" => Lex::Christmas,
        b"will" | b"ll" | b"scheduled" | b"planned" | b"plans" | b"planning" | b"expected"
        | b"resume" | b"postponed" | b"tentatively" => Lex::Will,
        b"until" | b"till" => Lex::Until,
        b"ended" => Lex::Ended,
        b"in" | b"since" | b"by" | b"from" | b"to" | b"through" | b"during" | b"between"
        | b"around" | b"circa" | b"throughout" | b"for" | b"into" | b"due" => Lex::Prep,
        b"and" | b"or" => Lex::And,
        b"as" => Lex::As,
        b"people" | b"persons" | b"men" | b"women" | b"children" | b"troops" | b"soldiers"
        | b"workers" | b"jobs" | b"tons" | b"tonnes" | b"miles" | b"kilometers" | b"kilometres"
        | b"km" | b"meters" | b"metres" | b"feet" | b"acres" | b"dollars" | b"euros" | b"yen"
        | b"shares" | b"barrels" | b"units" | b"cars" | b"homes" | b"deaths" | b"votes"
        | b"students" | b"pounds" | b"points" | b"employees" | b"members" | b"copies"
        | b"hours" | b"minutes" | b"percent" | b"cents" | b"times" | b"jets" | b"planes"
        | b"ships" | b"rounds" | b"calories" | b"pages" | b"words" => Lex::CountNoun,
        _ => Lex::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_lexicon() {
        let t = tokenize("On Sept. 3, 1990s’ 2,000 Zürich");
        let kinds: Vec<Kind> = t.iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            [
                Kind::Word,
                Kind::Word,
                Kind::Punct('.'),
                Kind::Num { value: 3, len: 1 },
                Kind::Punct(','),
                Kind::Num {
                    value: 1990,
                    len: 4
                },
                Kind::Word,
                Kind::Punct('\''),
                Kind::Num { value: 2, len: 1 },
                Kind::Punct(','),
                Kind::Num { value: 0, len: 3 },
                Kind::Word,
            ]
        );
        assert_eq!(t[0].lex, Lex::Other);
        assert_eq!(
            t[1].lex,
            Lex::Month {
                month: 9,
                full: false
            }
        );
        assert_eq!(t[6].lex, Lex::S);
        assert_eq!(t[11].lex, Lex::Other);
        assert_eq!((t[11].start, t[11].end), (27, 34));
    }
}
