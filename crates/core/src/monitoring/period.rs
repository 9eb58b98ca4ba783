//! The periods observations are for, in the forms statistics offices write them (SDMX
//! and ISO 8601): `2023`, `2023-S1`, `2023-Q1`, `2023-M01`, and school years
//! `2023/2024`. Each is a first day and a length in months, so monthly and yearly data
//! sort and chart together.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

/// A period: its first day and how many months it lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    pub start: NaiveDate,
    pub months: u8,
}

impl Ord for Period {
    /// By first day; of two starting together, the longer first (a year before its
    /// first quarter, as a table reads).
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.start
            .cmp(&other.start)
            .then(other.months.cmp(&self.months))
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Why a period was not read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{0:?} is not a period: write a year (2023), a half (2023-S1), a quarter (2023-Q1), a month (2023-M01) or a school year (2023/2024)"
)]
pub struct PeriodError(pub String);

/// The years periods may be in.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

impl Period {
    fn new(year: i32, month: u32, months: u8) -> Option<Self> {
        YEARS.contains(&year).then_some(())?;
        Some(Self {
            start: NaiveDate::from_ymd_opt(year, month, 1)?,
            months,
        })
    }

    /// The year a progress rating counts it in: the year it starts (Open SDG reads
    /// `2015-16` as 2015).
    pub fn year(self) -> i32 {
        self.start.year()
    }

    /// The day after it ends.
    pub fn end(self) -> NaiveDate {
        self.start + chrono::Months::new(u32::from(self.months))
    }
}

impl FromStr for Period {
    type Err = PeriodError;

    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        let s = raw.trim();
        let bad = || PeriodError(raw.to_owned());
        let year = |y: &str| {
            (y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
                .then(|| y.parse::<i32>().ok())
                .flatten()
                .ok_or_else(bad)
        };
        if let Some((first, second)) = s.split_once('/') {
            // A school year: September to August.
            let (a, b) = (year(first)?, year(second)?);
            if b != a + 1 {
                return Err(bad());
            }
            return Period::new(a, 9, 12).ok_or_else(bad);
        }
        let Some((y, part)) = s.split_once('-') else {
            return Period::new(year(s)?, 1, 12).ok_or_else(bad);
        };
        let y = year(y)?;
        let number = |digits: &str, max: u32| {
            digits
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=max).contains(n))
                .ok_or_else(bad)
        };
        let period = match part.as_bytes().first().map(u8::to_ascii_uppercase) {
            Some(b'S') if part.len() == 2 => {
                Period::new(y, (number(&part[1..], 2)? - 1) * 6 + 1, 6)
            }
            Some(b'Q') if part.len() == 2 => {
                Period::new(y, (number(&part[1..], 4)? - 1) * 3 + 1, 3)
            }
            Some(b'M') if part.len() == 3 => Period::new(y, number(&part[1..], 12)?, 1),
            _ => None,
        };
        period.ok_or_else(bad)
    }
}

impl serde::Serialize for Period {
    /// As written (`2023-Q1`), the form files and the API use.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl fmt::Display for Period {
    /// The period as it was written: the SDMX form, or `2023/2024` for a school year.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m) = (self.start.year(), self.start.month());
        match (self.months, m) {
            (12, 1) => write!(f, "{y}"),
            (12, 9) => write!(f, "{y}/{}", y + 1),
            (6, _) => write!(f, "{y}-S{}", (m - 1) / 6 + 1),
            (3, _) => write!(f, "{y}-Q{}", (m - 1) / 3 + 1),
            _ => write!(f, "{y}-M{m:02}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        s.parse().unwrap()
    }

    #[test]
    fn every_form_reads_and_writes_back_the_same() {
        for s in [
            "2023",
            "2023-S2",
            "2023-Q1",
            "2023-Q4",
            "2023-M01",
            "2023-M12",
            "2023/2024",
        ] {
            assert_eq!(p(s).to_string(), s);
        }
        assert_eq!(
            p(" 2023-q3 ").to_string(),
            "2023-Q3",
            "spaces and lower case are forgiven"
        );
        let school = p("2023/2024");
        assert_eq!(
            (school.start, school.end()),
            (
                NaiveDate::from_ymd_opt(2023, 9, 1).unwrap(),
                NaiveDate::from_ymd_opt(2024, 9, 1).unwrap()
            )
        );
        assert_eq!(p("2015/2016").year(), 2015);
    }

    #[test]
    fn months_and_years_sort_together() {
        let mut periods = [
            p("2024"),
            p("2023-M03"),
            p("2023-Q1"),
            p("2023"),
            p("2022/2023"),
        ];
        periods.sort();
        let shown: Vec<String> = periods.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["2022/2023", "2023", "2023-Q1", "2023-M03", "2024"]);
    }

    #[test]
    fn what_is_no_period_is_refused_saying_what_is_one() {
        for bad in [
            "",
            "23",
            "2023-Q5",
            "2023-M13",
            "2023-M1",
            "2023-S3",
            "2023/2025",
            "2023-01",
            "1800",
            "two thousand",
        ] {
            let e = bad.parse::<Period>().unwrap_err();
            assert!(
                e.to_string().contains("school year (2023/2024)"),
                "{bad}: {e}"
            );
        }
    }
}
