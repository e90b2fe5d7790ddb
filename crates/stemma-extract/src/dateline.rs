//! The publication date a flattened page states in its header: the meta
//! line or byline (`Outlet | Section | 12.03.2026 07:05`, `By Staff | Mar
//! 11, 2026 | 4 min read`, `Posted Oct 5, 2004 at 3:12 pm`). Only the day
//! is kept: such lines give no time zone.

use jiff::civil::Date;
use stemma_core::Published;

/// The first date found in one header line.
pub(crate) fn dateline(line: &str) -> Option<Published> {
    line.split(['|', '·', '•', '—'])
        .flat_map(|part| part.split(" at "))
        .find_map(fragment)
}

fn fragment(part: &str) -> Option<Published> {
    let mut s = part.trim().trim_end_matches([',', '.']).trim();
    for prefix in [
        "posted on",
        "posted",
        "published on",
        "published",
        "updated on",
        "updated",
        "last updated",
        "first published",
    ] {
        if s.len() > prefix.len() && s[..prefix.len()].eq_ignore_ascii_case(prefix) {
            s = s[prefix.len()..].trim_start_matches(':').trim();
        }
    }
    if !s.chars().any(|c| c.is_ascii_digit()) || s.len() > 40 {
        return None;
    }
    // `11 March 2026, 10:42`: the time without a zone says nothing more.
    let s = match s.rsplit_once(", ") {
        Some((day, time)) if time.contains(':') && time.len() <= 8 => day,
        _ => s,
    };
    if let Some(p) = numeric(s) {
        return Some(p);
    }
    Published::parse(s).map(|p| Published::Day(p.day()))
}

/// `12.03.2026`, `05/10/2004`, `2004-10-05`, optionally followed by a
/// time. Dotted dates are day first (the European convention); slashed
/// ones only when one field cannot be a month.
fn numeric(s: &str) -> Option<Published> {
    let date = s.split_whitespace().next()?;
    for sep in ['.', '/', '-'] {
        let parts: Vec<&str> = date.split(sep).collect();
        if parts.len() != 3
            || !parts
                .iter()
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        {
            continue;
        }
        let n: Vec<i32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
        let (year, month, day) = match (sep, parts[0].len()) {
            (_, 4) => (n[0], n[1], n[2]),
            ('.', _) => (n[2], n[1], n[0]),
            ('/', _) if n[0] > 12 => (n[2], n[1], n[0]),
            ('/', _) if n[1] > 12 => (n[2], n[0], n[1]),
            _ => return None,
        };
        if !(1900..=2100).contains(&year) {
            return None;
        }
        let d = Date::new(
            i16::try_from(year).ok()?,
            i8::try_from(month).ok()?,
            i8::try_from(day).ok()?,
        )
        .ok()?;
        return Some(Published::Day(d));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_lines() {
        let day = |l: &str| dateline(l).map(|p| p.to_string());
        assert_eq!(
            day("NewsHive24 | Local News | 12.03.2026 07:05").as_deref(),
            Some("2026-03-12")
        );
        assert_eq!(
            day("By TrendPulse Staff | Mar 11, 2026 | 4 min read").as_deref(),
            Some("2026-03-11")
        );
        assert_eq!(
            day("Newsline Daily · Regional · Wed 11 March 2026, 10:42").as_deref(),
            Some("2026-03-11")
        );
        assert_eq!(
            day("Posted Oct 5, 2004 at 3:12 pm").as_deref(),
            Some("2004-10-05")
        );
        assert_eq!(
            day("Written by Li Wei | Updated 25/10/2004").as_deref(),
            Some("2004-10-25")
        );
        assert_eq!(
            day("By Ana Ruiz, Daily Post staff writer · March 3, 2004").as_deref(),
            Some("2004-03-03")
        );
        // Ambiguous day and month: no date rather than a wrong one.
        assert_eq!(day("Updated 05/10/2004"), None);
        assert_eq!(day("Home > News > Local"), None);
        assert_eq!(day("Ref: DP-2004-10-05-0042 / feed 7"), None);
    }
}
