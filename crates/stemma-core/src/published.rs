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
    /// HTTP: RFC 3339 / ISO 8601 (with or without offset, `T` or space),
    /// a bare date, compact `YYYYMMDD`, and RFC 2822 (`Tue, 14 Mar 2023
    /// 10:00:00 GMT`). Returns `None` for anything else.
    pub fn parse(input: &str) -> Option<Published> {
        let s = input.trim();
        if s.is_empty() || s.len() > 64 {
            return None;
        }
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
        check("yesterday", None);
        check("", None);
        check("2024-13-45", None);
    }

    #[test]
    fn day_uses_source_offset() {
        let p = Published::parse("2024-03-14T23:30:00-05:00").map(|p| p.day());
        assert_eq!(p.map(|d| d.to_string()).as_deref(), Some("2024-03-14"));
    }
}
