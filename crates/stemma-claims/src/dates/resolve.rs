//! What a matched expression means, and its TIMEX3 value given the
//! anchor (the document's publication day).

use jiff::civil::Date;

use super::Precision;
use super::lex::Unit;

/// A reference to the present, past or future as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reference {
    Present,
    Past,
    Future,
}

/// Which occurrence of a weekday, month or season is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Which {
    /// The one closest to the anchor (weekdays: the most recent one, or
    /// the anchor's own day).
    Nearest,
    /// The next one after the anchor (a bare weekday in a future-tense
    /// sentence).
    Upcoming,
    /// `last …`: strictly before the anchor's (weekdays: day; months and
    /// seasons: the previous one that is not the current one).
    Last,
    /// `this …`: within the anchor's week or year.
    This,
    /// `next …`: strictly after.
    Next,
    /// In a sentence about the past (`the year ended March 31`): the most
    /// recent one not after the anchor.
    Past,
    /// With a year named relative to the anchor's (`February this year`,
    /// `June last year`): the month in the anchor's year moved by this
    /// many years. Weekdays and seasons read it as [`Which::Nearest`].
    InYear(i8),
}

/// A matched date expression, before the anchor is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expr {
    Day {
        year: i32,
        month: u8,
        day: u8,
    },
    /// A day without its year.
    MonthDay {
        month: u8,
        day: u8,
        which: Which,
    },
    YearMonth {
        year: i32,
        month: u8,
    },
    /// A month without its year.
    Month {
        month: u8,
        which: Which,
    },
    Year(i32),
    /// The first three digits: `199` for the 1990s.
    Decade(i32),
    /// The first two digits of its years: `18` for the 19th century.
    Century(i32),
    Quarter {
        year: Option<i32>,
        quarter: u8,
    },
    /// The most recent quarter that has ended (`the latest quarter`).
    LatestQuarter,
    /// `the quarter`, `that quarter`: the quarter last named, or the
    /// latest one.
    TheQuarter,
    Half {
        year: Option<i32>,
        half: u8,
    },
    Season {
        year: Option<i32>,
        season: u8,
        which: Which,
    },
    Ref(Reference),
    /// The anchor's day moved by this many days (`today`, `yesterday`).
    DayOffset(i64),
    Weekday {
        weekday: u8,
        which: Which,
    },
    /// The anchor moved by `n` units, stated at that unit (`last month`,
    /// `two years ago`, `this week`).
    Shift {
        unit: Unit,
        n: i64,
    },
    /// The decade of the anchor moved by `n` decades (`a decade ago`).
    ShiftDecade(i64),
    /// A weekend relative to the anchor's week (`this weekend`).
    Weekend(Which),
    Thanksgiving(Option<i32>),
    /// `Election Day`: the United States' general election, the Tuesday
    /// after the first Monday of November.
    ElectionDay(Option<i32>),
    /// `next year's first quarter`: a quarter of the anchor's year moved
    /// by `years`.
    QuarterShift {
        years: i64,
        quarter: u8,
    },
    Christmas(Option<i32>),
    /// `a year earlier`, `a year ago`, `year-earlier`: the quarter a year
    /// before the one last named, or the year before the anchor's.
    YearEarlier,
    /// `that year`, `later that year`: the year last named.
    ThatYear,
    /// `the 1988 quarter`, `the 1989 period`: in that year, the quarter of
    /// the one last named (its number), or the year when none was.
    YearQuarter(i32),
    /// `the following year`: the year after the one last named.
    FollowingYear,
    /// `nine months`, `six months`: a span of several months, no date
    /// itself, but after it `a year earlier` means the same span a year
    /// before, not the quarter named earlier. Never becomes a mention.
    Months,
    /// `the week of March 6`: the ISO week of that day.
    WeekOf {
        year: Option<i32>,
        month: u8,
        day: u8,
        which: Which,
    },
}

/// What the mentions before the current one said: the reference time
/// that `the quarter`, `a year earlier` and `that year` lean on.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Context {
    /// The index (year × 4 + quarter − 1) of the last quarter named.
    pub quarter: Option<i64>,
    /// The year of the last date with a year.
    pub year: Option<i32>,
}

impl Expr {
    /// Whether the expression leans on the mentions before it (and so
    /// must not become the reference itself: two `a year earlier` in a
    /// row do not go back two years).
    pub(crate) fn uses_context(self) -> bool {
        matches!(
            self,
            Expr::YearEarlier
                | Expr::TheQuarter
                | Expr::ThatYear
                | Expr::YearQuarter(_)
                | Expr::FollowingYear
        )
    }
}

impl Context {
    /// Takes in a resolved mention.
    pub(crate) fn update(&mut self, v: &Value) {
        if let Some(q) = v.quarter {
            self.quarter = Some(q);
        }
        let b = v.value.as_bytes();
        if b.len() >= 4 && b.iter().take(4).all(u8::is_ascii_digit) {
            self.year = v.value.get(..4).and_then(|y| y.parse().ok());
        }
    }
}

/// A TIMEX3 value with its precision and whether the anchor supplied any
/// of it.
pub(crate) struct Value {
    pub value: String,
    pub precision: Precision,
    pub inferred: bool,
    /// For a quarter, its index (year × 4 + quarter − 1).
    pub quarter: Option<i64>,
}

fn stated(value: String, precision: Precision) -> Option<Value> {
    Some(Value {
        value,
        precision,
        inferred: false,
        quarter: None,
    })
}

fn inferred(value: String, precision: Precision) -> Option<Value> {
    Some(Value {
        value,
        precision,
        inferred: true,
        quarter: None,
    })
}

/// A quarter by index, stated or inferred.
fn quarter(index: i64, inferred: bool) -> Option<Value> {
    Some(Value {
        value: quarter_value(index)?,
        precision: Precision::Quarter,
        inferred,
        quarter: Some(index),
    })
}

/// Four-digit years only: TIMEX3 has no form for others.
fn year_ok(year: i32) -> bool {
    (0..=9999).contains(&year)
}

fn ymd(year: i32, month: u8, day: u8) -> Option<String> {
    year_ok(year).then(|| format!("{year:04}-{month:02}-{day:02}"))
}

fn date_value(d: Date) -> Option<String> {
    ymd(
        i32::from(d.year()),
        d.month().unsigned_abs(),
        d.day().unsigned_abs(),
    )
}

fn month_value(index: i64) -> Option<String> {
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    let month = index.rem_euclid(12) + 1;
    year_ok(year).then(|| format!("{year:04}-{month:02}"))
}

fn quarter_value(index: i64) -> Option<String> {
    let year = i32::try_from(index.div_euclid(4)).ok()?;
    let quarter = index.rem_euclid(4) + 1;
    year_ok(year).then(|| format!("{year:04}-Q{quarter}"))
}

fn year_value(year: i64) -> Option<String> {
    let year = i32::try_from(year).ok()?;
    year_ok(year).then(|| format!("{year:04}"))
}

fn week_value(d: Date) -> Option<String> {
    let w = d.iso_week_date();
    let year = i32::from(w.year());
    year_ok(year).then(|| format!("{year:04}-W{:02}", w.week()))
}

const SEASONS: [&str; 4] = ["SP", "SU", "FA", "WI"];

/// A valid day, or `None` (`February 30`).
pub(crate) fn make_date(year: i32, month: u8, day: u8) -> Option<Date> {
    Date::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()
}

fn add_days(d: Date, n: i64) -> Option<Date> {
    let span = jiff::Span::new().try_days(n).ok()?;
    d.checked_add(span).ok()
}

fn days_between(a: Date, b: Date) -> Option<i64> {
    Some(i64::from(a.until(b).ok()?.get_days()))
}

/// Of `days`, the one closest to `anchor` (the earlier one on a tie).
fn nearest(anchor: Date, days: impl Iterator<Item = Date>) -> Option<Date> {
    days.filter_map(|d| Some((days_between(anchor, d)?, d)))
        .min_by_key(|&(n, _)| (n.abs(), n > 0))
        .map(|(_, d)| d)
}

fn month_index(d: Date) -> i64 {
    i64::from(d.year()) * 12 + i64::from(d.month()) - 1
}

/// A month named without its year is taken from this many months before
/// the anchor's month to eleven months after that.
const MONTHS_BACK: i64 = 7;

/// Of `month` in the years around the anchor's, the month index `which`
/// picks.
fn pick_month(anchor: Date, month: u8, which: Which) -> i64 {
    let now = month_index(anchor);
    let base = i64::from(anchor.year()) * 12 + i64::from(month) - 1;
    match which {
        Which::This => base,
        Which::InYear(n) => base + 12 * i64::from(n),
        Which::Past => {
            if base <= now {
                base
            } else {
                base - 12
            }
        }
        Which::Last => {
            if base < now {
                base
            } else {
                base - 12
            }
        }
        Which::Next => {
            if base > now {
                base
            } else {
                base + 12
            }
        }
        Which::Upcoming => {
            if base >= now {
                base
            } else {
                base + 12
            }
        }
        // News looks back more than ahead: the one in the twelve months
        // from MONTHS_BACK before the anchor's month.
        Which::Nearest => [base - 12, base, base + 12]
            .into_iter()
            .find(|&m| (now - MONTHS_BACK..now - MONTHS_BACK + 12).contains(&m))
            .unwrap_or(base),
    }
}

/// The value of `expr`, with `anchor` for what the text does not state
/// and `ctx` for what the mentions before it said.
pub(crate) fn resolve(expr: Expr, anchor: Option<Date>, ctx: &Context) -> Option<Value> {
    use Precision as P;
    match expr {
        Expr::Day { year, month, day } => {
            make_date(year, month, day)?;
            stated(ymd(year, month, day)?, P::Day)
        }
        Expr::YearMonth { year, month } => {
            year_ok(year).then_some(())?;
            stated(format!("{year:04}-{month:02}"), P::Month)
        }
        Expr::Year(year) => stated(year_value(i64::from(year))?, P::Year),
        Expr::Decade(d) => (0..=999).contains(&d).then(|| Value {
            value: format!("{d:03}"),
            precision: P::Decade,
            inferred: false,
            quarter: None,
        }),
        Expr::Century(c) => (0..=99).contains(&c).then(|| Value {
            value: format!("{c:02}"),
            precision: P::Century,
            inferred: false,
            quarter: None,
        }),
        Expr::Ref(r) => stated(
            match r {
                Reference::Present => "PRESENT_REF",
                Reference::Past => "PAST_REF",
                Reference::Future => "FUTURE_REF",
            }
            .to_owned(),
            P::Reference,
        ),
        Expr::Quarter {
            year: Some(year),
            quarter: q,
        } => quarter(i64::from(year) * 4 + i64::from(q) - 1, false),
        Expr::Half {
            year: Some(year),
            half,
        } => {
            year_ok(year).then_some(())?;
            stated(format!("{year:04}-H{half}"), P::Quarter)
        }
        Expr::Season {
            year: Some(year),
            season,
            ..
        } => {
            year_ok(year).then_some(())?;
            stated(
                format!("{year:04}-{}", SEASONS.get(usize::from(season))?),
                P::Season,
            )
        }
        Expr::Thanksgiving(Some(year)) => stated(date_value(thanksgiving(year)?)?, P::Day),
        Expr::ElectionDay(Some(year)) => stated(date_value(election_day(year)?)?, P::Day),
        Expr::Christmas(Some(year)) => stated(ymd(year, 12, 25)?, P::Day),
        Expr::ThatYear => stated(year_value(i64::from(ctx.year?))?, P::Year),
        Expr::FollowingYear => inferred(year_value(i64::from(ctx.year?) + 1)?, P::Year),
        Expr::WeekOf {
            year: Some(year),
            month,
            day,
            ..
        } => stated(week_value(make_date(year, month, day)?)?, P::Week),
        Expr::YearQuarter(year) => match ctx.quarter {
            Some(q) => quarter(i64::from(year) * 4 + q.rem_euclid(4), false),
            None => stated(year_value(i64::from(year))?, P::Year),
        },
        Expr::YearEarlier | Expr::TheQuarter if ctx.quarter.is_some() => {
            let q = ctx.quarter?;
            quarter(if expr == Expr::YearEarlier { q - 4 } else { q }, true)
        }
        _ => match anchor {
            Some(a) => relative(expr, a),
            None => yearless(expr),
        },
    }
}

/// The fourth Thursday of November.
fn thanksgiving(year: i32) -> Option<Date> {
    let first = make_date(year, 11, 1)?;
    let to_thursday = (3 - i64::from(first.weekday().to_monday_zero_offset())).rem_euclid(7);
    add_days(first, to_thursday + 21)
}

/// The Tuesday after the first Monday of November.
fn election_day(year: i32) -> Option<Date> {
    let first = make_date(year, 11, 1)?;
    let to_monday = (7 - i64::from(first.weekday().to_monday_zero_offset())).rem_euclid(7);
    add_days(first, to_monday + 1)
}

/// Without an anchor: the forms TIMEX3 can write with an unknown year.
fn yearless(expr: Expr) -> Option<Value> {
    use Precision as P;
    match expr {
        Expr::MonthDay { month, day, .. } => {
            make_date(2000, month, day)?;
            stated(format!("XXXX-{month:02}-{day:02}"), P::Day)
        }
        Expr::Month {
            month,
            which: Which::Nearest | Which::Upcoming | Which::Past,
        } => stated(format!("XXXX-{month:02}"), P::Month),
        Expr::Quarter {
            year: None,
            quarter,
        } => stated(format!("XXXX-Q{quarter}"), P::Quarter),
        Expr::Season {
            year: None,
            season,
            which: Which::Nearest | Which::Upcoming,
        } => stated(
            format!("XXXX-{}", SEASONS.get(usize::from(season))?),
            P::Season,
        ),
        _ => None,
    }
}

/// Relative and partial expressions against the anchor.
fn relative(expr: Expr, a: Date) -> Option<Value> {
    use Precision as P;
    let year = i32::from(a.year());
    match expr {
        Expr::MonthDay { month, day, which } => {
            // The year of the month, picked as for a month alone.
            let mut y = pick_month(a, month, which).div_euclid(12);
            // In the past: not later in the anchor's month either.
            if which == Which::Past && make_date(i32::try_from(y).ok()?, month, day)? > a {
                y -= 1;
            }
            let best = make_date(i32::try_from(y).ok()?, month, day)?;
            inferred(date_value(best)?, P::Day)
        }
        Expr::Month { month, which } => {
            inferred(month_value(pick_month(a, month, which))?, P::Month)
        }
        Expr::Quarter {
            year: None,
            quarter: q,
        } => {
            // A quarter of the anchor's year, unless it has not started yet
            // at the anchor: then last year's.
            let now = i64::from(a.month() - 1) / 3 + 1;
            let y = if i64::from(q) > now { year - 1 } else { year };
            quarter(i64::from(y) * 4 + i64::from(q) - 1, true)
        }
        Expr::LatestQuarter | Expr::TheQuarter => {
            let now = i64::from(year) * 4 + i64::from(a.month() - 1) / 3;
            quarter(now - 1, true)
        }
        Expr::YearEarlier => inferred(year_value(i64::from(year) - 1)?, P::Year),
        Expr::Half { year: None, half } => {
            let y = if half == 2 && a.month() <= 6 {
                year - 1
            } else {
                year
            };
            inferred(format!("{:04}-H{half}", y), P::Quarter)
        }
        Expr::Season {
            year: None,
            season,
            which,
        } => {
            // Seasons as quarter-like slots: spring from March, summer from
            // June, fall from September, winter from December.
            let now = i64::from(year) * 4 + (i64::from(a.month()) % 12) / 3 - 1;
            let base = i64::from(year) * 4 + i64::from(season);
            let idx = match which {
                Which::This => base,
                Which::Last => {
                    if base < now {
                        base
                    } else {
                        base - 4
                    }
                }
                Which::Next | Which::Upcoming => {
                    if base > now {
                        base
                    } else {
                        base + 4
                    }
                }
                Which::Nearest | Which::Past | Which::InYear(_) => [base - 4, base, base + 4]
                    .into_iter()
                    .min_by_key(|&s| ((s - now).abs(), s > now))
                    .unwrap_or(base),
            };
            let y = year_value(idx.div_euclid(4))?;
            let s = SEASONS.get(usize::try_from(idx.rem_euclid(4)).ok()?)?;
            inferred(format!("{y}-{s}"), P::Season)
        }
        Expr::DayOffset(n) => inferred(date_value(add_days(a, n)?)?, P::Day),
        Expr::WeekOf {
            year: None,
            month,
            day,
            which,
        } => {
            let y = pick_month(a, month, which).div_euclid(12);
            inferred(
                week_value(make_date(i32::try_from(y).ok()?, month, day)?)?,
                P::Week,
            )
        }
        Expr::Weekday { weekday, which } => {
            let today = i64::from(a.weekday().to_monday_zero_offset());
            let target = i64::from(weekday);
            let back = (today - target).rem_euclid(7);
            let ahead = (target - today).rem_euclid(7);
            let n = match which {
                Which::Nearest | Which::Past | Which::InYear(_) => -back,
                Which::Upcoming => ahead,
                Which::Last => {
                    if back == 0 {
                        -7
                    } else {
                        -back
                    }
                }
                Which::Next => {
                    if ahead == 0 {
                        7
                    } else {
                        ahead
                    }
                }
                Which::This => target - today,
            };
            inferred(date_value(add_days(a, n)?)?, P::Day)
        }
        Expr::Shift { unit, n } => match unit {
            Unit::Day => inferred(date_value(add_days(a, n)?)?, P::Day),
            Unit::Week => inferred(week_value(add_days(a, n.checked_mul(7)?)?)?, P::Week),
            Unit::Month => inferred(month_value(month_index(a).checked_add(n)?)?, P::Month),
            Unit::Quarter => {
                let now = i64::from(year) * 4 + i64::from(a.month() - 1) / 3;
                quarter(now.checked_add(n)?, true)
            }
            Unit::Year => inferred(year_value(i64::from(year).checked_add(n)?)?, P::Year),
        },
        Expr::ShiftDecade(n) => {
            let d = i64::from(year).div_euclid(10).checked_add(n)?;
            (0..=999).contains(&d).then_some(())?;
            inferred(format!("{d:03}"), P::Decade)
        }
        Expr::Weekend(which) => {
            let today = i64::from(a.weekday().to_monday_zero_offset());
            // Early in the week a plain "the weekend" is the one just past.
            let weeks = match which {
                Which::Last => -1,
                Which::Next => 1,
                Which::Nearest if today < 3 => -1,
                _ => 0,
            };
            let w = week_value(add_days(a, weeks * 7)?)?;
            inferred(format!("{w}-WE"), P::Week)
        }
        Expr::ElectionDay(None) => inferred(
            date_value(nearest(a, (year - 1..=year + 1).filter_map(election_day))?)?,
            P::Day,
        ),
        Expr::QuarterShift { years, quarter: q } => {
            quarter((i64::from(year) + years) * 4 + i64::from(q) - 1, true)
        }
        Expr::Thanksgiving(None) => inferred(
            date_value(nearest(a, (year - 1..=year + 1).filter_map(thanksgiving))?)?,
            P::Day,
        ),
        Expr::Christmas(None) => inferred(
            date_value(nearest(
                a,
                (year - 1..=year + 1).filter_map(|y| make_date(y, 12, 25)),
            )?)?,
            P::Day,
        ),
        _ => None,
    }
}
