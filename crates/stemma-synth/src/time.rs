//! Publication times: minutes since the Unix epoch, UTC, with the civil
//! calendar conversion written out (no time-zone database needed).

/// Minutes since 1970-01-01T00:00Z.
pub(crate) type Minutes = i64;

/// A civil date and time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Civil {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    /// 0 = Monday.
    pub weekday: u32,
}

pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
pub(crate) const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// 2004-01-01T00:00Z, the start of the BBC corpus's years.
pub(crate) const BASE: Minutes = 1_072_915_200 / 60;

impl Civil {
    /// The civil date of `m` (Howard Hinnant's `civil_from_days`).
    pub fn from_minutes(m: Minutes) -> Civil {
        let days = m.div_euclid(1440);
        let rem = m.rem_euclid(1440);
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = if month <= 2 { y + 1 } else { y };
        Civil {
            year,
            month,
            day: d,
            hour: (rem / 60) as u32,
            minute: (rem % 60) as u32,
            weekday: (days + 3).rem_euclid(7) as u32,
        }
    }

    pub fn month_name(&self) -> &'static str {
        MONTHS[(self.month - 1) as usize]
    }

    pub fn month_short(&self) -> &'static str {
        &MONTHS[(self.month - 1) as usize][..3]
    }

    pub fn weekday_name(&self) -> &'static str {
        WEEKDAYS[self.weekday as usize]
    }

    /// `2004-05-12T14:03:00Z`.
    pub fn rfc3339(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:00Z",
            self.year, self.month, self.day, self.hour, self.minute
        )
    }

    /// `2004-05-12`.
    pub fn ymd(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil() {
        let c = Civil::from_minutes(BASE);
        assert_eq!(c.rfc3339(), "2004-01-01T00:00:00Z");
        assert_eq!(c.weekday_name(), "Thursday");
        let c = Civil::from_minutes(BASE + 60 * 24 * 59 + 61);
        assert_eq!(c.rfc3339(), "2004-02-29T01:01:00Z");
        let c = Civil::from_minutes(BASE + 60 * 24 * 366);
        assert_eq!(c.ymd(), "2005-01-01");
        assert_eq!(c.weekday_name(), "Saturday");
    }
}
