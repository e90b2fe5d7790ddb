use std::fmt;

use jiff::civil::{Date, DateTime};
use jiff::{Timestamp, fmt::rfc2822, tz::TimeZone};

/// A publication date or time, normalised.
///
/// Rendered as `YYYY-MM-DD` when only the day is known, else as RFC 3339
/// with the offset the source gave (`Z` when it gave none).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Published {
    Day(Date),
    Instant { at: Timestamp, offset_seconds: i32 },
}

impl Published {
    /// Parses the date and time forms found in page metadata, feeds and
    /// HTTP: RFC 3339 / ISO 8601 (with or without offset, `T` or space,
    /// also with a space before the offset or a `UTC`/`GMT` suffix), a bare
    /// date, `YYYY/MM/DD`, compact `YYYYMMDD`, RFC 2822 (`Tue, 14 Mar 2023
    /// 10:00:00 GMT`), and English dates with month names (`November 20,
    /// 2019`, `20 Nov 2019 07:09 GMT`, `Wed Nov 20 2019 09:28:00 GMT+0000
    /// (UTC)`, `01:38 PM EST Nov 20, 2019`). A time without a known offset
    /// in a month-name date gives only the day. Returns `None` for
    /// anything else.
    pub fn parse(input: &str) -> Option<Published> {
        let s = input.trim();
        if s.is_empty() || s.len() > 100 {
            return None;
        }
        Published::parse_iso(s)
            .or_else(|| Published::parse_loose_iso(s))
            .or_else(|| textual::parse(s))
    }

    fn parse_iso(s: &str) -> Option<Published> {
        if let Ok(ts) = s.parse::<Timestamp>() {
            let offset = jiff::fmt::temporal::DateTimeParser::new()
                .parse_pieces(s)
                .ok()
                .and_then(|p| p.offset().map(|o| o.to_numeric_offset()))
                .map_or(0, |o| o.seconds());
            return Some(Published::instant(ts, offset));
        }
        if let Ok(dt) = s.parse::<DateTime>() {
            if dt.time() == jiff::civil::Time::midnight() && s.len() <= 10 {
                return Some(Published::Day(dt.date()));
            }
            let ts = TimeZone::UTC.to_timestamp(dt).ok()?;
            return Some(Published::instant(ts, 0));
        }
        if let Ok(d) = s.parse::<Date>() {
            return Some(Published::Day(d));
        }
        if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
            let y = s[0..4].parse().ok()?;
            let m = s[4..6].parse().ok()?;
            let d = s[6..8].parse().ok()?;
            return Date::new(y, m, d).ok().map(Published::Day);
        }
        if let Ok(z) = rfc2822::DateTimeParser::new().parse_zoned_datetime(s) {
            return Some(Published::instant(z.timestamp(), z.offset().seconds()));
        }
        None
    }

    /// ISO forms with a space before the offset (`2024-03-14 10:05:00
    /// +01:00`), a `UTC` or `GMT` suffix, or slashes in the date
    /// (`2024/03/14`).
    fn parse_loose_iso(s: &str) -> Option<Published> {
        let b = s.as_bytes();
        let iso_date = |sep: u8| {
            b.len() >= 10
                && b[..4].iter().all(u8::is_ascii_digit)
                && b[4] == sep
                && b[5..7].iter().all(u8::is_ascii_digit)
                && b[7] == sep
                && b[8..10].iter().all(u8::is_ascii_digit)
        };
        if iso_date(b'/') {
            let fixed = s.replacen('/', "-", 2);
            return Published::parse_iso(&fixed).or_else(|| Published::parse_loose_iso(&fixed));
        }
        if !iso_date(b'-') {
            return None;
        }
        let (head, zone) = s.rsplit_once(' ')?;
        let head = head.trim_end();
        if zone.eq_ignore_ascii_case("utc") || zone.eq_ignore_ascii_case("gmt") {
            return Published::parse_iso(&format!("{head}Z"));
        }
        if zone.starts_with(['+', '-']) {
            return Published::parse_iso(&format!("{head}{zone}"));
        }
        None
    }

    fn instant(at: Timestamp, offset_seconds: i32) -> Published {
        Published::Instant { at, offset_seconds }
    }

    /// The calendar day of publication, in the source's own offset.
    pub fn day(&self) -> Date {
        match *self {
            Published::Day(d) => d,
            Published::Instant { at, offset_seconds } => {
                let offset =
                    jiff::tz::Offset::from_seconds(offset_seconds).unwrap_or(jiff::tz::Offset::UTC);
                offset.to_datetime(at).date()
            }
        }
    }
}

impl fmt::Display for Published {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Published::Day(d) => write!(f, "{}", d.strftime("%Y-%m-%d")),
            Published::Instant { at, offset_seconds } => {
                let offset =
                    jiff::tz::Offset::from_seconds(offset_seconds).unwrap_or(jiff::tz::Offset::UTC);
                let dt = offset.to_datetime(at);
                write!(f, "{}", dt.strftime("%Y-%m-%dT%H:%M:%S"))?;
                if offset_seconds == 0 {
                    f.write_str("Z")
                } else {
                    let sign = if offset_seconds < 0 { '-' } else { '+' };
                    let abs = offset_seconds.unsigned_abs();
                    write!(f, "{sign}{:02}:{:02}", abs / 3600, (abs % 3600) / 60)
                }
            }
        }
    }
}

/// English dates with month names, as pages print them.
mod textual {
    use jiff::civil::{Date, Time};
    use jiff::tz::Offset;

    use super::Published;

    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    const WEEKDAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    /// Zone abbreviations read as offsets (hours). Ambiguous ones (`IST`)
    /// are not here: with them only the day is kept.
    const ZONES: &[(&str, i32)] = &[
        ("utc", 0),
        ("gmt", 0),
        ("ut", 0),
        ("z", 0),
        ("wet", 0),
        ("west", 1),
        ("bst", 1),
        ("cet", 1),
        ("cest", 2),
        ("eet", 2),
        ("eest", 3),
        ("msk", 3),
        ("hkt", 8),
        ("sgt", 8),
        ("jst", 9),
        ("kst", 9),
        ("aest", 10),
        ("aedt", 11),
        ("est", -5),
        ("edt", -4),
        ("cst", -6),
        ("cdt", -5),
        ("mst", -7),
        ("mdt", -6),
        ("pst", -8),
        ("pdt", -7),
    ];

    /// A month from its English name or abbreviation (`Sept.` too).
    fn month(word: &str) -> Option<i8> {
        let w = word.trim_end_matches('.').to_ascii_lowercase();
        if w.len() < 3 {
            return None;
        }
        let i = MONTHS.iter().position(|m| {
            m.starts_with(&w) && (w.len() == 3 || w.len() == m.len() || w == "sept")
        })?;
        i8::try_from(i + 1).ok()
    }

    fn weekday(word: &str) -> bool {
        let w = word.trim_end_matches('.').to_ascii_lowercase();
        w.len() >= 3
            && WEEKDAYS
                .iter()
                .any(|d| d.starts_with(&w) && (w.len() == 3 || w.len() == d.len()))
    }

    /// `+0100`, `-05:00`, `GMT+0000`, `UTC+1`: seconds east of UTC.
    fn numeric_offset(word: &str) -> Option<i32> {
        let lower = word.to_ascii_lowercase();
        let w = lower
            .strip_prefix("gmt")
            .or_else(|| lower.strip_prefix("utc"))
            .unwrap_or(&lower);
        let sign = match w.as_bytes().first()? {
            b'+' => 1,
            b'-' => -1,
            _ => return None,
        };
        let digits: String = w[1..].chars().filter(|&c| c != ':').collect();
        if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let (h, m) = if digits.len() <= 2 {
            (digits.parse::<i32>().ok()?, 0)
        } else {
            let split = digits.len() - 2;
            (
                digits[..split].parse::<i32>().ok()?,
                digits[split..].parse::<i32>().ok()?,
            )
        };
        (h <= 14 && m < 60).then_some(sign * (h * 3600 + m * 60))
    }

    /// `10:30`, `10:30:15`, `10:30pm`: hour, minute, second, and whether
    /// an am/pm marker was attached.
    fn time(word: &str) -> Option<(i8, i8, i8, Option<bool>)> {
        let lower = word.to_ascii_lowercase();
        let (clock, pm) = if let Some(c) = lower.strip_suffix("pm") {
            (c, Some(true))
        } else if let Some(c) = lower.strip_suffix("am") {
            (c, Some(false))
        } else {
            (lower.as_str(), None)
        };
        let mut parts = clock.split(':');
        let h = parts.next()?.parse::<i8>().ok()?;
        let m = parts.next()?.parse::<i8>().ok()?;
        let s = match parts.next() {
            Some(s) => s.split('.').next()?.parse::<i8>().ok()?,
            None => 0,
        };
        if parts.next().is_some() {
            return None;
        }
        Some((h, m, s, pm))
    }

    pub(super) fn parse(s: &str) -> Option<Published> {
        let mut month_v = None;
        let mut day = None;
        let mut year = None;
        let mut clock = None;
        let mut pm = None;
        let mut offset: Option<Option<i32>> = None;
        let words = s
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty());
        for word in words {
            if word.starts_with('(') {
                // A zone name in parentheses, to the end.
                if !s.trim_end().ends_with(')') {
                    return None;
                }
                break;
            }
            let lower = word.to_ascii_lowercase();
            if weekday(word) || lower == "at" || lower == "on" {
                continue;
            }
            if let Some(m) = month(word) {
                if month_v.replace(m).is_some() {
                    return None;
                }
                continue;
            }
            let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let suffix = &word[digits.len()..];
            if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                if digits.len() == 4 && suffix.is_empty() {
                    if year.replace(digits.parse::<i16>().ok()?).is_some() {
                        return None;
                    }
                    continue;
                }
                if digits.len() <= 2 && matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
                    if day.replace(digits.parse::<i8>().ok()?).is_some() {
                        return None;
                    }
                    continue;
                }
                return None;
            }
            if word.contains(':') && word.starts_with(|c: char| c.is_ascii_digit()) {
                let (h, m, sec, attached) = time(word)?;
                if clock.replace((h, m, sec)).is_some() {
                    return None;
                }
                if attached.is_some() {
                    pm = attached;
                }
                continue;
            }
            if lower == "am" || lower == "a.m." || lower == "pm" || lower == "p.m." {
                pm = Some(lower.starts_with('p'));
                continue;
            }
            if let Some(o) = numeric_offset(word) {
                offset = Some(Some(o));
                continue;
            }
            if let Some(&(_, hours)) = ZONES.iter().find(|(z, _)| *z == lower) {
                offset = Some(Some(hours * 3600));
                continue;
            }
            // An unknown zone abbreviation: capitals only.
            if word.bytes().all(|b| b.is_ascii_uppercase()) && (2..=5).contains(&word.len()) {
                offset = Some(None);
                continue;
            }
            return None;
        }
        let date = Date::new(year?, month_v?, day?).ok()?;
        let time = match clock {
            Some((mut h, m, sec)) => {
                match pm {
                    Some(true) if h < 12 => h += 12,
                    Some(false) if h == 12 => h = 0,
                    _ => {}
                }
                Some(Time::new(h, m, sec, 0).ok()?)
            }
            None => None,
        };
        let (Some(time), Some(Some(offset))) = (time, offset) else {
            return Some(Published::Day(date));
        };
        let offset = Offset::from_seconds(offset).ok()?;
        let at = offset.to_timestamp(date.to_datetime(time)).ok()?;
        Some(Published::instant(at, offset.seconds()))
    }
}

#[cfg(test)]
mod tests {
    use super::Published;

    #[track_caller]
    fn check(input: &str, expect: Option<&str>) {
        let got = Published::parse(input).map(|p| p.to_string());
        assert_eq!(got.as_deref(), expect, "input {input:?}");
    }

    #[test]
    fn forms() {
        check("2024-03-14", Some("2024-03-14"));
        check(" 2024-03-14 ", Some("2024-03-14"));
        check("20240314", Some("2024-03-14"));
        check("2024-03-14T10:05:00Z", Some("2024-03-14T10:05:00Z"));
        check(
            "2024-03-14T10:05:00+02:00",
            Some("2024-03-14T10:05:00+02:00"),
        );
        check(
            "2024-03-14T10:05:00.123-05:30",
            Some("2024-03-14T10:05:00-05:30"),
        );
        check("2024-03-14 10:05:00", Some("2024-03-14T10:05:00Z"));
        check("2024-03-14T10:05", Some("2024-03-14T10:05:00Z"));
        check(
            "Thu, 14 Mar 2024 10:05:00 GMT",
            Some("2024-03-14T10:05:00Z"),
        );
        check(
            "Thu, 14 Mar 2024 10:05:00 +0100",
            Some("2024-03-14T10:05:00+01:00"),
        );
        check(
            "2024-03-14 10:05:00 +01:00",
            Some("2024-03-14T10:05:00+01:00"),
        );
        check(
            "2024-03-14T10:05:00 +0100",
            Some("2024-03-14T10:05:00+01:00"),
        );
        check("2024-03-14 10:05:00 UTC", Some("2024-03-14T10:05:00Z"));
        check("2024-03-14T10:05:00+0000", Some("2024-03-14T10:05:00Z"));
        check("2024-03-14T10:05Z", Some("2024-03-14T10:05:00Z"));
        check("2024/03/14", Some("2024-03-14"));
        check("2024/03/14 10:05", Some("2024-03-14T10:05:00Z"));
        check("yesterday", None);
        check("", None);
        check("2024-13-45", None);
    }

    #[test]
    fn month_names() {
        check("November 20, 2019", Some("2019-11-20"));
        check("Nov. 20, 2019", Some("2019-11-20"));
        check("Sept 3rd 2019", Some("2019-09-03"));
        check("20 November 2019", Some("2019-11-20"));
        check("Wednesday, 20 November 2019", Some("2019-11-20"));
        check("November 20, 2019 10:30", Some("2019-11-20"));
        check("19 Nov 2019 07:09 GMT", Some("2019-11-19T07:09:00Z"));
        check(
            "November 20, 2019, 10:30 PM EST",
            Some("2019-11-20T22:30:00-05:00"),
        );
        check(
            "Nov 20, 2019 12:15am PST",
            Some("2019-11-20T00:15:00-08:00"),
        );
        check(
            "Wed Nov 20 2019 09:28:00 GMT+0000 (Coordinated Universal Time)",
            Some("2019-11-20T09:28:00Z"),
        );
        check(
            "Wed Nov 20 2019 09:28:00 GMT+0530",
            Some("2019-11-20T09:28:00+05:30"),
        );
        // An ambiguous zone keeps only the day.
        check("01:38:07 PM IST Nov 20, 2019", Some("2019-11-20"));
        check(
            "on November 20, 2019 at 10:30 BST",
            Some("2019-11-20T10:30:00+01:00"),
        );
        check("Updated November 20, 2019", None);
        check("by Ana 20 Nov 2019", None);
        check("November 2019", None);
        check("November 31, 2019", None);
        check("20 21 November 2019", None);
        check("May 2, 2019 25:00 GMT", None);
        check("May 2, 2019 10:75", None);
        check("3 hours ago", None);
        check("(2019)", None);
        check("Mar 14 2024 (", None);
    }

    #[test]
    fn day_uses_source_offset() {
        let p = Published::parse("2024-03-14T23:30:00-05:00").map(|p| p.day());
        assert_eq!(p.map(|d| d.to_string()).as_deref(), Some("2024-03-14"));
    }
}
