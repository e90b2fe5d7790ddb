//! The date patterns over tokens. Each rule starts at one token and
//! returns where it ends and what it means; the scanner keeps the longest
//! match at each position and goes on after it, so the text is read once.

use super::lex::{Kind, Lex, Tok, Unit};
use super::resolve::{Expr, Reference, Which};

/// A matched expression: tokens `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub expr: Expr,
}

/// Years a bare four-digit number may be.
const YEARS: std::ops::RangeInclusive<u32> = 1000..=2099;

/// How many tokens back a future-tense cue (`will`) is looked for, within
/// the sentence, to read a bare weekday as the coming one.
const TENSE_WINDOW: usize = 8;

/// All the date expressions of `toks`, left to right, not overlapping.
pub(crate) fn scan(toks: &[Tok]) -> Vec<Found> {
    let m = Matcher { t: toks };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match m.at(i) {
            Some((end, expr)) if end > i => {
                out.push(Found {
                    start: i,
                    end,
                    expr,
                });
                i = end;
                // April 24 and 25
                if let Some((start, end, expr)) = m.day_list(i, expr) {
                    out.push(Found { start, end, expr });
                    i = end;
                }
            }
            _ => i += 1,
        }
    }
    out
}

struct Matcher<'a> {
    t: &'a [Tok],
}

impl Matcher<'_> {
    fn lex(&self, i: usize) -> Lex {
        self.t.get(i).map_or(Lex::Other, |t| t.lex)
    }

    fn punct(&self, i: usize, c: char) -> bool {
        self.t.get(i).is_some_and(|t| t.kind == Kind::Punct(c))
    }

    fn num(&self, i: usize) -> Option<(u32, u8)> {
        match self.t.get(i)?.kind {
            Kind::Num { value, len } => Some((value, len)),
            _ => None,
        }
    }

    fn cap(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.cap)
    }

    fn is_word(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.kind == Kind::Word)
    }

    /// Token `i` touches the one before it (no space between).
    fn adj(&self, i: usize) -> bool {
        match (i.checked_sub(1).and_then(|p| self.t.get(p)), self.t.get(i)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    /// The lexicon entry of the token before `i`.
    fn prev(&self, i: usize) -> Lex {
        i.checked_sub(1).map_or(Lex::Other, |p| self.lex(p))
    }

    /// A second day after a day (`and 25`, `-25`), not itself followed by
    /// a month (`24 and 25 March` is read day-first).
    fn day_list(&self, at: usize, first: Expr) -> Option<(usize, usize, Expr)> {
        if self.lex(at) != Lex::And && !self.punct(at, '-') {
            return None;
        }
        let (day, end) = self.day_number(at + 1)?;
        if matches!(self.lex(end), Lex::Month { .. }) || self.lex(end) == Lex::CountNoun {
            return None;
        }
        let expr = match first {
            Expr::Day { year, month, .. } => Expr::Day { year, month, day },
            Expr::MonthDay { month, which, .. } => Expr::MonthDay { month, day, which },
            _ => return None,
        };
        Some((at + 1, end, expr))
    }

    /// The longest match starting at token `i`.
    fn at(&self, i: usize) -> Option<(usize, Expr)> {
        let tok = self.t.get(i)?;
        let found = match tok.kind {
            Kind::Num { .. } => [self.numeric(i), self.year(i), self.digits_ago(i)]
                .into_iter()
                .flatten()
                .max_by_key(|&(end, _)| end),
            Kind::Punct('\'') => self.short_decade(i),
            Kind::Punct(_) => None,
            Kind::Word => match tok.lex {
                Lex::Other | Lex::Prep | Lex::And | Lex::CountNoun | Lex::S | Lex::OrdSuffix => {
                    None
                }
                Lex::Month { .. } | Lex::Weekday(_) => self.calendar(i),
                _ => self.words(i),
            },
        };
        found.filter(|&(end, _)| end > i)
    }

    /// A day number 1–31 at `i` with an optional `th`: the day and the
    /// token after it.
    fn day_number(&self, i: usize) -> Option<(u8, usize)> {
        let (d, len) = self.num(i)?;
        if len > 2 || !(1..=31).contains(&d) || self.grouped_after(i) {
            return None;
        }
        // "3:30", "3.5" are times and decimals.
        if (self.punct(i + 1, ':') || self.punct(i + 1, '.'))
            && self.adj(i + 1)
            && self.num(i + 2).is_some()
            && self.adj(i + 2)
        {
            return None;
        }
        let mut j = i + 1;
        if self.lex(j) == Lex::OrdSuffix && self.adj(j) {
            j += 1;
        }
        Some((u8::try_from(d).ok()?, j))
    }

    /// A number followed, without space, by `,`/`.` and three digits
    /// (`2,000`, `3.500`).
    fn grouped_after(&self, i: usize) -> bool {
        (self.punct(i + 1, ',') || self.punct(i + 1, '.'))
            && self.adj(i + 1)
            && self.adj(i + 2)
            && self.num(i + 2).is_some()
    }

    /// A number preceded, without space, by digits and `,`/`.`, or by a
    /// currency sign or `#`.
    fn grouped_before(&self, i: usize) -> bool {
        if !self.adj(i) || i == 0 {
            return false;
        }
        let p = i - 1;
        if ['$', '€', '£', '#', '¥'].iter().any(|&c| self.punct(p, c)) {
            return true;
        }
        (self.punct(p, ',') || self.punct(p, '.'))
            && self.adj(p)
            && p > 0
            && self.num(p - 1).is_some()
    }

    /// A year 1000–2099 at `i`, as four digits not part of a larger number.
    fn year_number(&self, i: usize) -> Option<i32> {
        let (y, len) = self.num(i)?;
        if len != 4 || !YEARS.contains(&y) || self.grouped_before(i) || self.grouped_after(i) {
            return None;
        }
        if self.punct(i + 1, '%') {
            return None;
        }
        i32::try_from(y).ok()
    }

    /// Month names and weekdays: `March 14, 2025`, `Mar. 14`, `March
    /// 2025`, `Thursday, March 19`, `Friday`, `in July`.
    fn calendar(&self, i: usize) -> Option<(usize, Expr)> {
        match self.lex(i) {
            Lex::Weekday(weekday) => {
                let mut j = i + 1;
                if self.punct(j, ',') {
                    j += 1;
                }
                if let Some(found @ (_, Expr::Day { .. } | Expr::MonthDay { .. })) =
                    self.month_first(j).or_else(|| self.day_first(j))
                {
                    return Some(found);
                }
                let mut end = i + 1;
                if self.lex(end) == Lex::DayPart {
                    end += 1;
                }
                Some((
                    end,
                    Expr::Weekday {
                        weekday,
                        which: self.tense(i),
                    },
                ))
            }
            Lex::Month { .. } => self.month_first(i),
            _ => None,
        }
    }

    /// Which occurrence a weekday or month without its year at `i` is:
    /// the coming one in a sentence about the future, else the nearest.
    fn tense(&self, i: usize) -> Which {
        if self.future_cue(i) {
            Which::Upcoming
        } else if self.prev(i) == Lex::Ended {
            Which::Past
        } else {
            Which::Nearest
        }
    }

    /// A `will` shortly before `i` in the same sentence.
    fn future_cue(&self, i: usize) -> bool {
        let from = i.saturating_sub(TENSE_WINDOW);
        for k in (from..i).rev() {
            if self.punct(k, '.') || self.punct(k, '!') || self.punct(k, '?') {
                return false;
            }
            if matches!(self.lex(k), Lex::Will | Lex::Until) {
                return true;
            }
            // as soon as Tuesday, as early as March
            if self.lex(k) == Lex::As
                && k >= 2
                && matches!(self.lex(k - 1), Lex::Soon | Lex::Early)
                && self.lex(k - 2) == Lex::As
            {
                return true;
            }
        }
        false
    }

    /// A date starting with its month at `i`.
    fn month_first(&self, i: usize) -> Option<(usize, Expr)> {
        let Lex::Month { month, full } = self.lex(i) else {
            return None;
        };
        if !self.cap(i) {
            return None;
        }
        let mut j = i + 1;
        if !full && self.punct(j, '.') && self.adj(j) {
            j += 1;
        }
        if let Some((day, k)) = self.day_number(j) {
            if self.lex(k) == Lex::CountNoun {
                return None;
            }
            let y = if self.punct(k, ',') { k + 1 } else { k };
            if let Some(year) = self.year_number(y) {
                return Some((y + 1, Expr::Day { year, month, day }));
            }
            let (which, end) = self.year_shift(k).unwrap_or((self.tense(i), k));
            return Some((end, Expr::MonthDay { month, day, which }));
        }
        let y = if self.punct(j, ',') || self.lex(j) == Lex::Of {
            j + 1
        } else {
            j
        };
        if let Some((year, end)) = self.year_at(y)
            && self.lex(end) != Lex::CountNoun
        {
            return Some((end, Expr::YearMonth { year, month }));
        }
        if !full || !self.bare_month_ok(i) {
            return None;
        }
        let (which, end) = self.year_shift(j).unwrap_or((self.tense(i), j));
        Some((end, Expr::Month { month, which }))
    }

    /// `this year`, `last year`, `next year` at `k`, after a month: which
    /// year it puts the month in, and the token after it.
    fn year_shift(&self, k: usize) -> Option<(Which, usize)> {
        let n = match self.lex(k) {
            Lex::This => 0,
            Lex::Last => -1,
            Lex::Next => 1,
            _ => return None,
        };
        (self.lex(k + 1) == Lex::Unit(Unit::Year) && !self.is_plural(k + 1))
            .then_some((Which::InYear(n), k + 2))
    }

    /// A year at `k` in digits (`1994`) or in words (`nineteen
    /// ninety-four`): the year and the token after it.
    fn year_at(&self, k: usize) -> Option<(i32, usize)> {
        if let Some(year) = self.year_number(k) {
            return Some((year, k + 1));
        }
        match self.spoken_year(k)? {
            (end, Expr::Year(year)) => Some((year, end)),
            _ => None,
        }
    }

    /// A month name alone is a date unless it looks like a name (`August
    /// Wilson`) or a verb (`May`, `March` need a preposition before them).
    fn bare_month_ok(&self, i: usize) -> bool {
        if self.is_word(i + 1) && self.cap(i + 1) && self.lex(i + 1) == Lex::Other {
            return false;
        }
        let Lex::Month { month, .. } = self.lex(i) else {
            return false;
        };
        let before = self.prev(i);
        // the March accession (not "the March on the capital")
        if before == Lex::The
            && self.is_word(i + 1)
            && !self.cap(i + 1)
            && self.lex(i + 1) == Lex::Other
        {
            return true;
        }
        let prep = matches!(
            before,
            Lex::Prep
                | Lex::Of
                | Lex::Early
                | Lex::Late
                | Lex::Earlier
                | Lex::Before
                | Lex::Later
                | Lex::And
        ) || (self.punct(i.wrapping_sub(1), '-')
            && self.prev(i.wrapping_sub(1)) == Lex::Mid);
        if month == 5 || month == 3 {
            return prep;
        }
        true
    }

    /// A date starting with its day: `14 March 2025`, `14th of March`.
    fn day_first(&self, i: usize) -> Option<(usize, Expr)> {
        let (day, mut j) = self.day_number(i)?;
        if self.lex(j) == Lex::Of {
            j += 1;
        }
        let Lex::Month { month, full } = self.lex(j) else {
            return None;
        };
        if !self.cap(j) {
            return None;
        }
        let mut k = j + 1;
        if !full && self.punct(k, '.') && self.adj(k) {
            k += 1;
        }
        let y = if self.punct(k, ',') { k + 1 } else { k };
        if let Some(year) = self.year_number(y) {
            return Some((y + 1, Expr::Day { year, month, day }));
        }
        Some((
            k,
            Expr::MonthDay {
                month,
                day,
                which: self.tense(i),
            },
        ))
    }

    /// Dates written in digits: `2025-03-14`, `14/03/2025` (only when
    /// the day is over 12, so the order is clear), and day-first names.
    fn numeric(&self, i: usize) -> Option<(usize, Expr)> {
        if let Some(found) = self.day_first(i) {
            return Some(found);
        }
        let (a, alen) = self.num(i)?;
        let sep = if self.punct(i + 1, '-') {
            '-'
        } else if self.punct(i + 1, '/') {
            '/'
        } else {
            return None;
        };
        let tight = (i + 1..=i + 4).all(|k| self.adj(k));
        if !tight || !self.punct(i + 3, sep) || self.grouped_before(i) {
            return None;
        }
        let (b, blen) = self.num(i + 2)?;
        let (c, clen) = self.num(i + 4)?;
        // Nothing glued on after: "2025-03-14-2" is not a date.
        if self.adj(i + 5)
            && (self.num(i + 5).is_some()
                || self.is_word(i + 5)
                || self.punct(i + 5, '-')
                || self.punct(i + 5, '/'))
        {
            return None;
        }
        let ymd = if alen == 4 && blen <= 2 && clen <= 2 {
            (a, b, c)
        } else if alen <= 2 && blen <= 2 && clen == 4 && sep == '/' {
            match (a > 12, b > 12) {
                (true, false) => (c, b, a),
                (false, true) => (c, a, b),
                _ => return None,
            }
        } else {
            return None;
        };
        let (year, month, day) = (
            i32::try_from(ymd.0).ok()?,
            u8::try_from(ymd.1).ok()?,
            u8::try_from(ymd.2).ok()?,
        );
        if !YEARS.contains(&ymd.0) {
            return None;
        }
        super::resolve::make_date(year, month, day)?;
        Some((i + 5, Expr::Day { year, month, day }))
    }

    /// Years and decades in digits: `in 2016`, `fiscal 1989`, `1990s`,
    /// `the 1800s`, `2019-20`.
    fn year(&self, i: usize) -> Option<(usize, Expr)> {
        let year = self.year_number(i)?;
        // 1990s, 1990's
        let s_at = if self.punct(i + 1, '\'') && self.adj(i + 1) {
            i + 2
        } else {
            i + 1
        };
        if self.lex(s_at) == Lex::S && self.adj(s_at) {
            if year % 100 == 0 {
                return Some((s_at + 1, Expr::Century(year / 100)));
            }
            if year % 10 == 0 {
                return Some((s_at + 1, Expr::Decade(year / 10)));
            }
            if s_at == i + 1 {
                return None;
            }
        }
        // Seasons: 2019-20, 2019/20.
        if (self.punct(i + 1, '-') || self.punct(i + 1, '/'))
            && self.adj(i + 1)
            && self.adj(i + 2)
            && let Some((next, 2)) = self.num(i + 2)
            && i64::from(next) == (i64::from(year) + 1).rem_euclid(100)
        {
            return Some((i + 3, Expr::Year(year)));
        }
        if self.lex(i + 1) == Lex::CountNoun {
            return None;
        }
        // the 1988 quarter, the 1989 period: the quarter last named, in 1988
        if self.prev(i) == Lex::The
            && (self.lex(i + 1) == Lex::Period
                || (self.lex(i + 1) == Lex::Unit(Unit::Quarter) && !self.is_plural(i + 1)))
        {
            return Some((i + 2, Expr::YearQuarter(year)));
        }
        (self.year_context(i, year)).then_some((i + 1, Expr::Year(year)))
    }

    /// Whether the words around a four-digit number at `i` make it a year.
    fn year_context(&self, i: usize, year: i32) -> bool {
        let before = self.prev(i);
        // the 1987 crash, its 1990 invasion, the company's 1989 results
        let determiner = matches!(before, Lex::The | Lex::Article | Lex::That | Lex::Poss)
            || (before == Lex::S && i >= 2 && self.punct(i - 2, '\''));
        if determiner && (1800..=2099).contains(&year) && self.is_word(i + 1) {
            return true;
        }
        if matches!(
            before,
            Lex::Prep
                | Lex::Until
                | Lex::Of
                | Lex::Earlier
                | Lex::Before
                | Lex::Later
                | Lex::Fiscal
                | Lex::Early
                | Lex::Late
                | Lex::Mid
                | Lex::Season(_)
                | Lex::Unit(Unit::Year)
                | Lex::Month { .. }
        ) {
            return true;
        }
        // mid-1990, a list of years: 1988 and 1989, 1988-1989
        if i >= 2 {
            if self.punct(i - 1, '-') && matches!(self.lex(i - 2), Lex::Mid | Lex::PrePost) {
                return true;
            }
            if (before == Lex::And || self.punct(i - 1, '-') || self.punct(i - 1, ','))
                && self.year_number(i - 2).is_some()
            {
                return true;
            }
        }
        // 1989's
        if self.punct(i + 1, '\'') && self.adj(i + 1) && self.lex(i + 2) == Lex::S {
            return true;
        }
        // 1989 third quarter, 1999 season-like words
        matches!(
            self.lex(i + 1),
            Lex::Unit(Unit::Quarter) | Lex::Half | Lex::Season(_) | Lex::Fiscal
        ) || (matches!(self.lex(i + 1), Lex::Ordinal(1..=4))
            && self.lex(i + 2) == Lex::Unit(Unit::Quarter))
    }

    /// `'90s`.
    fn short_decade(&self, i: usize) -> Option<(usize, Expr)> {
        let (n, 2) = self.num(i + 1)? else {
            return None;
        };
        if !self.adj(i + 1) || self.lex(i + 2) != Lex::S || !self.adj(i + 2) || n % 10 != 0 {
            return None;
        }
        let century = if n < 30 { 20 } else { 19 };
        let d = i32::try_from(century * 10 + n / 10).ok()?;
        Some((i + 3, Expr::Decade(d)))
    }

    /// A year written after `at` (`of 1990`, `1990`, `, 1990`): the year
    /// and the token after it.
    fn trailing_year(&self, at: usize) -> Option<(i32, usize)> {
        let y = if self.lex(at) == Lex::Of || self.punct(at, ',') {
            at + 1
        } else {
            at
        };
        let (year, end) = self.year_at(y)?;
        (self.lex(end) != Lex::CountNoun).then_some((year, end))
    }

    /// Expressions made of words: relative days, weeks, months and years,
    /// quarters, seasons, references to the present, past and future.
    fn words(&self, i: usize) -> Option<(usize, Expr)> {
        let l = self.lex(i);
        match l {
            Lex::Today => Some((i + 1, Expr::DayOffset(0))),
            Lex::Yesterday => Some((i + 1, Expr::DayOffset(-1))),
            Lex::Tomorrow => Some((i + 1, Expr::DayOffset(1))),
            Lex::Now => Some((i + 1, Expr::Ref(Reference::Present))),
            Lex::Recently => Some((i + 1, Expr::Ref(Reference::Past))),
            // "as soon as" is a conjunction.
            // "as soon as" is a conjunction, "as soon as possible" the future.
            Lex::Soon if self.prev(i) == Lex::As => (self.lex(i + 1) == Lex::As
                && self.lex(i + 2) == Lex::Possible)
                .then_some((i + 3, Expr::Ref(Reference::Future))),
            Lex::Soon => {
                (self.lex(i + 1) != Lex::As).then_some((i + 1, Expr::Ref(Reference::Future)))
            }
            // these days
            Lex::These => (self.lex(i + 1) == Lex::Unit(Unit::Day) && self.is_plural(i + 1))
                .then_some((i + 2, Expr::Ref(Reference::Present))),
            Lex::Current => match self.lex(i + 1) {
                Lex::Unit(unit) => Some((i + 2, Expr::Shift { unit, n: 0 })),
                // the current fiscal year
                Lex::Fiscal
                    if self.lex(i + 2) == Lex::Unit(Unit::Year) && !self.is_plural(i + 2) =>
                {
                    Some((
                        i + 3,
                        Expr::Shift {
                            unit: Unit::Year,
                            n: 0,
                        },
                    ))
                }
                _ => Some((i + 1, Expr::Ref(Reference::Present))),
            },
            // recent years, recent days
            Lex::Recent => match self.lex(i + 1) {
                Lex::Unit(_) if self.is_plural(i + 1) => Some((i + 2, Expr::Ref(Reference::Past))),
                Lex::Unit(_) => None,
                _ => Some((i + 1, Expr::Ref(Reference::Past))),
            },
            // future quarters
            Lex::Future => (matches!(self.lex(i + 1), Lex::Unit(_)) && self.is_plural(i + 1))
                .then_some((i + 2, Expr::Ref(Reference::Future))),
            // that year, that quarter: the reference time
            Lex::That => match self.lex(i + 1) {
                Lex::Unit(Unit::Year) if !self.is_plural(i + 1) => Some((i + 2, Expr::ThatYear)),
                Lex::Unit(Unit::Quarter) if !self.is_plural(i + 1) => {
                    Some((i + 2, Expr::TheQuarter))
                }
                _ => None,
            },
            Lex::Last | Lex::Next | Lex::This | Lex::Coming | Lex::Previous | Lex::Past => {
                self.shifted(i)
            }
            Lex::The => self.the(i),
            Lex::Ordinal(n) => self.ordinal(i, n),
            // will one day
            Lex::Cardinal(1)
                if self.prev(i) == Lex::Will
                    && self.lex(i + 1) == Lex::Unit(Unit::Day)
                    && !self.is_plural(i + 1) =>
            {
                Some((i + 2, Expr::Ref(Reference::Future)))
            }
            // at a later date
            Lex::Article if self.lex(i + 1) == Lex::Later && self.lex(i + 2) == Lex::DateWord => {
                Some((i + 3, Expr::Ref(Reference::Future)))
            }
            Lex::Cardinal(_) | Lex::Article => [self.ago(i), self.spoken_year(i)]
                .into_iter()
                .flatten()
                .max_by_key(|&(end, _)| end),
            Lex::Unit(Unit::Year) => {
                // year-earlier, year-ago (quarter, period)
                if self.punct(i + 1, '-')
                    && self.adj(i + 1)
                    && matches!(self.lex(i + 2), Lex::Earlier | Lex::Before | Lex::Ago)
                {
                    let end = if matches!(self.lex(i + 3), Lex::Unit(Unit::Quarter) | Lex::Period) {
                        i + 4
                    } else {
                        i + 3
                    };
                    return Some((end, Expr::YearEarlier));
                }
                // year end, year-end, year's end
                let e = if self.punct(i + 1, '-') && self.adj(i + 1) {
                    i + 2
                } else if self.punct(i + 1, '\'') && self.lex(i + 2) == Lex::S {
                    i + 3
                } else {
                    i + 1
                };
                (self.lex(e) == Lex::End && !self.is_plural(i)).then_some((
                    e + 1,
                    Expr::Shift {
                        unit: Unit::Year,
                        n: 0,
                    },
                ))
            }
            Lex::Season(season) => {
                let (year, end) = self.trailing_year(i + 1)?;
                Some((
                    end,
                    Expr::Season {
                        year: Some(year),
                        season,
                        which: Which::Nearest,
                    },
                ))
            }
            // the nineties, the early eighties, mid-seventies: the 1900s'
            // (not "in his nineties")
            Lex::Decades(n) => {
                let ok = matches!(self.prev(i), Lex::The | Lex::Early | Lex::Late)
                    || (self.punct(i.wrapping_sub(1), '-')
                        && self.prev(i.wrapping_sub(1)) == Lex::Mid);
                ok.then_some((i + 1, Expr::Decade(190 + i32::from(n))))
            }
            Lex::Election => {
                if !self.cap(i) || !self.cap(i + 1) || self.lex(i + 1) != Lex::Unit(Unit::Day) {
                    return None;
                }
                let (year, end) = match self.trailing_year(i + 2) {
                    Some((y, e)) => (Some(y), e),
                    None => (None, i + 2),
                };
                Some((end, Expr::ElectionDay(year)))
            }
            Lex::Thanksgiving | Lex::Christmas => {
                if !self.cap(i) {
                    return None;
                }
                let mut end = i + 1;
                if self.lex(end) == Lex::Unit(Unit::Day) && !self.is_plural(end) {
                    end += 1;
                }
                let year = self.trailing_year(end);
                if let Some((_, e)) = year {
                    end = e;
                }
                let year = year.map(|(y, _)| y);
                Some((
                    end,
                    if l == Lex::Thanksgiving {
                        Expr::Thanksgiving(year)
                    } else {
                        Expr::Christmas(year)
                    },
                ))
            }
            _ => None,
        }
    }

    /// `last week`, `next Friday`, `this spring`, `last November`, `the
    /// past year`, `coming months` …
    fn shifted(&self, i: usize) -> Option<(usize, Expr)> {
        let (n, which) = match self.lex(i) {
            Lex::Last | Lex::Previous | Lex::Past => (-1, Which::Last),
            Lex::Next | Lex::Coming => (1, Which::Next),
            Lex::This => (0, Which::This),
            _ => return None,
        };
        let j = i + 1;
        // last year's quarter, last year's period; next year's first quarter
        if self.lex(j) == Lex::Unit(Unit::Year)
            && self.punct(j + 1, '\'')
            && self.lex(j + 2) == Lex::S
        {
            let k = j + 3;
            if n == -1
                && matches!(self.lex(k), Lex::Period | Lex::Unit(Unit::Quarter))
                && !self.is_plural(k)
            {
                return Some((k + 1, Expr::YearEarlier));
            }
            if let Lex::Ordinal(q @ 1..=4) = self.lex(k)
                && self.lex(k + 1) == Lex::Unit(Unit::Quarter)
                && !self.is_plural(k + 1)
            {
                return Some((
                    k + 2,
                    Expr::QuarterShift {
                        years: n,
                        quarter: q,
                    },
                ));
            }
        }
        match self.lex(j) {
            Lex::Unit(unit) => {
                // "past years" is no date; "the next day" is relative to an
                // event, not to the anchor.
                if self.is_plural(j) {
                    // past years, coming months
                    return match self.lex(i) {
                        Lex::Past => Some((j + 1, Expr::Ref(Reference::Past))),
                        Lex::Coming => Some((j + 1, Expr::Ref(Reference::Future))),
                        _ => None,
                    };
                }
                if unit == Unit::Day {
                    return None;
                }
                Some((j + 1, Expr::Shift { unit, n }))
            }
            Lex::Weekday(weekday) => Some((j + 1, Expr::Weekday { weekday, which })),
            Lex::Month { month, full: true } if self.cap(j) => {
                Some((j + 1, Expr::Month { month, which }))
            }
            Lex::Season(season) => Some((
                j + 1,
                Expr::Season {
                    year: None,
                    season,
                    which,
                },
            )),
            Lex::Weekend => Some((j + 1, Expr::Weekend(which))),
            // the last half of 1989 (only with its year: "the last half" of
            // what else is unclear)
            Lex::Half if self.lex(i) == Lex::Last => {
                let (year, end) = self.trailing_year(j + 1)?;
                Some((
                    end,
                    Expr::Half {
                        year: Some(year),
                        half: 2,
                    },
                ))
            }
            Lex::Decade if !self.is_plural(j) => Some((j + 1, Expr::ShiftDecade(n))),
            _ => {
                // "the past", but not "the past 12 months", "the past few weeks"
                let count = matches!(
                    self.lex(j),
                    Lex::Cardinal(_) | Lex::Few | Lex::Article | Lex::Ordinal(_)
                ) || self.num(j).is_some();
                if self.lex(i) == Lex::Past && self.prev(i) == Lex::The && !count {
                    return Some((j, Expr::Ref(Reference::Past)));
                }
                None
            }
        }
    }

    /// The word at `i` ends in `s` (`years`, `weeks`).
    fn is_plural(&self, i: usize) -> bool {
        self.t
            .get(i)
            .is_some_and(|t| t.end > t.start && self.ends_with_s(t))
    }

    fn ends_with_s(&self, t: &Tok) -> bool {
        // The lexicon maps singular and plural to one unit; the length
        // tells them apart (`year` 4, `years` 5 …, `day` 3).
        let len = t.end - t.start;
        match t.lex {
            Lex::Unit(Unit::Day) => len == 4,
            Lex::Unit(Unit::Week) | Lex::Unit(Unit::Year) => len == 5,
            Lex::Unit(Unit::Month) => len == 6,
            Lex::Decade => len == 7,
            Lex::Unit(Unit::Quarter) => len == 8,
            _ => false,
        }
    }

    /// Expressions starting with `the`: `the quarter`, `the latest
    /// quarter`, `the weekend`, `the future`, `the past`, `the third
    /// quarter`, `the 19th century`, `the 1990s`.
    fn the(&self, i: usize) -> Option<(usize, Expr)> {
        let j = i + 1;
        match self.lex(j) {
            Lex::Unit(Unit::Quarter) if !self.is_plural(j) => self
                .trailing_year(j + 1)
                .is_none()
                .then_some((j + 1, Expr::TheQuarter)),
            Lex::Latest if self.lex(j + 1) == Lex::Unit(Unit::Quarter) => {
                Some((j + 2, Expr::LatestQuarter))
            }
            // the year (not "the year before", "the year-ago", "the year 2000")
            Lex::Unit(Unit::Year)
                if !self.is_plural(j)
                    && !matches!(
                        self.lex(j + 1),
                        Lex::Earlier | Lex::Before | Lex::Later | Lex::Ago | Lex::Cardinal(_)
                    )
                    && !self.punct(j + 1, '-')
                    && self.num(j + 1).is_none() =>
            {
                Some((
                    j + 1,
                    Expr::Shift {
                        unit: Unit::Year,
                        n: 0,
                    },
                ))
            }
            Lex::Full | Lex::Fiscal
                if self.lex(j + 1) == Lex::Unit(Unit::Year) && !self.is_plural(j + 1) =>
            {
                Some((
                    j + 2,
                    Expr::Shift {
                        unit: Unit::Year,
                        n: 0,
                    },
                ))
            }
            Lex::Latest if self.lex(j + 1) == Lex::Period => Some((j + 2, Expr::LatestQuarter)),
            Lex::Near if matches!(self.lex(j + 1), Lex::Future | Lex::Term) => {
                Some((j + 2, Expr::Ref(Reference::Future)))
            }
            Lex::Weekend => Some((j + 1, Expr::Weekend(Which::Nearest))),
            // the following year: the one after the year last named
            Lex::Following
                if self.lex(j + 1) == Lex::Unit(Unit::Year) && !self.is_plural(j + 1) =>
            {
                Some((j + 2, Expr::FollowingYear))
            }
            // the same period last year, the corresponding quarter a year ago
            Lex::Same
                if matches!(self.lex(j + 1), Lex::Period | Lex::Unit(Unit::Quarter))
                    && !self.is_plural(j + 1) =>
            {
                let k = j + 2;
                let end = if self.lex(k) == Lex::Last
                    && self.lex(k + 1) == Lex::Unit(Unit::Year)
                    && !self.is_plural(k + 1)
                {
                    k + 2
                } else if let Some((e, Expr::YearEarlier)) = self.ago(k) {
                    e
                } else {
                    return None;
                };
                Some((end, Expr::YearEarlier))
            }
            // the early summer, the late spring
            Lex::Early | Lex::Late if matches!(self.lex(j + 1), Lex::Season(_)) => {
                let Lex::Season(season) = self.lex(j + 1) else {
                    return None;
                };
                (self.lex(j + 2) != Lex::Of).then_some((
                    j + 2,
                    Expr::Season {
                        year: None,
                        season,
                        which: Which::Nearest,
                    },
                ))
            }
            // the week of March 6
            Lex::Unit(Unit::Week) if !self.is_plural(j) && self.lex(j + 1) == Lex::Of => {
                match self.month_first(j + 2).or_else(|| self.day_first(j + 2))? {
                    (end, Expr::Day { year, month, day }) => Some((
                        end,
                        Expr::WeekOf {
                            year: Some(year),
                            month,
                            day,
                            which: Which::Nearest,
                        },
                    )),
                    (end, Expr::MonthDay { month, day, which }) => Some((
                        end,
                        Expr::WeekOf {
                            year: None,
                            month,
                            day,
                            which,
                        },
                    )),
                    _ => None,
                }
            }
            Lex::Future => Some((j + 1, Expr::Ref(Reference::Future))),
            Lex::Past => self.shifted(j),
            Lex::Season(season) if self.lex(j + 1) != Lex::Of => Some((
                j + 1,
                Expr::Season {
                    year: None,
                    season,
                    which: Which::Nearest,
                },
            )),
            Lex::Last | Lex::Previous | Lex::Coming | Lex::Next => self.shifted(j),
            _ => None,
        }
    }

    /// Quarters, halves and centuries by ordinal: `third-quarter`, `the
    /// fourth quarter of 1990`, `first half`, `nineteenth century`.
    fn ordinal(&self, i: usize, n: u8) -> Option<(usize, Expr)> {
        let mut j = i + 1;
        if self.punct(j, '-') && self.adj(j) {
            j += 1;
        }
        match self.lex(j) {
            Lex::Unit(Unit::Quarter) if (1..=4).contains(&n) && !self.is_plural(j) => {
                let (year, end) = match self.trailing_year(j + 1) {
                    Some((y, e)) => (Some(y), e),
                    None => (self.year_before(i), j + 1),
                };
                Some((end, Expr::Quarter { year, quarter: n }))
            }
            Lex::Half if (1..=2).contains(&n) => {
                let (year, end) = match self.trailing_year(j + 1) {
                    Some((y, e)) => (Some(y), e),
                    None => (self.year_before(i), j + 1),
                };
                Some((end, Expr::Half { year, half: n }))
            }
            Lex::Century => Some((j + 1, Expr::Century(i32::from(n) - 1))),
            _ => None,
        }
    }

    /// A year just before an ordinal: `1989 third quarter`, `fiscal 1989
    /// first half`.
    fn year_before(&self, i: usize) -> Option<i32> {
        let p = i.checked_sub(1)?;
        self.year_number(p)
    }

    /// Years in words: `nineteen ninety-six`, `the year two thousand`.
    fn spoken_year(&self, i: usize) -> Option<(usize, Expr)> {
        match (self.lex(i), self.lex(i + 1)) {
            (Lex::Cardinal(c @ (18 | 19)), Lex::Cardinal(tens)) if tens >= 20 && tens % 10 == 0 => {
                let mut year = i32::from(c) * 100 + i32::from(tens);
                let mut end = i + 2;
                if self.punct(end, '-')
                    && let Lex::Cardinal(unit @ 1..=9) = self.lex(end + 1)
                {
                    year += i32::from(unit);
                    end += 2;
                }
                Some((end, Expr::Year(year)))
            }
            (Lex::Cardinal(2), Lex::Thousand) if self.prev(i) == Lex::Unit(Unit::Year) => {
                Some((i + 2, Expr::Year(2000)))
            }
            _ => None,
        }
    }

    /// `two years ago`, `a year earlier`, `five days ago`.
    fn ago(&self, i: usize) -> Option<(usize, Expr)> {
        let n = match self.lex(i) {
            Lex::Cardinal(n) => i64::from(n),
            Lex::Article => 1,
            _ => return None,
        };
        self.ago_after(i + 1, n).or_else(|| {
            // nine months, six months: resets the reference quarter
            ((2..=11).contains(&n)
                && self.lex(i + 1) == Lex::Unit(Unit::Month)
                && self.is_plural(i + 1))
            .then_some((i + 2, Expr::Months))
        })
    }

    fn ago_after(&self, j: usize, n: i64) -> Option<(usize, Expr)> {
        let Lex::Unit(unit) = self.lex(j) else {
            if self.lex(j) == Lex::Decade && self.lex(j + 1) == Lex::Ago {
                return Some((j + 2, Expr::ShiftDecade(-n)));
            }
            return None;
        };
        // "ten days before the vote" counts from the vote, not the anchor.
        if self.lex(j + 1) == Lex::Before && self.is_word(j + 2) {
            return None;
        }
        match self.lex(j + 1) {
            Lex::Ago | Lex::Earlier | Lex::Before if unit == Unit::Year && n == 1 => {
                Some((j + 2, Expr::YearEarlier))
            }
            Lex::Ago | Lex::Earlier | Lex::Before => Some((j + 2, Expr::Shift { unit, n: -n })),
            _ => None,
        }
    }

    /// Digits that start an `ago` expression: `5 days ago`; and ordinal
    /// digits: `19th century`, `3rd quarter`.
    fn digits_ago(&self, i: usize) -> Option<(usize, Expr)> {
        let (n, len) = self.num(i)?;
        if len > 3 {
            return None;
        }
        if self.lex(i + 1) == Lex::OrdSuffix && self.adj(i + 1) {
            let n = u8::try_from(n).ok()?;
            return self.ordinal(i + 1, n);
        }
        self.ago_after(i + 1, i64::from(n))
    }
}
