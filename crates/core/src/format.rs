//! Numbers and dates the way each language writes them: English `1,234.5` and
//! `24 Nov 2026`, Romanian `1.234,5` and `24.11.2026`. Hand-written because the two
//! rules are small and an ICU dependency is not.

use chrono::{Datelike, NaiveDate};

use crate::Locale;

/// Formats a number with grouping and at most `decimals` decimals (trailing zeros cut).
pub fn number(value: f64, decimals: usize, locale: Locale) -> String {
    written(value, decimals, locale, true)
}

/// Formats a statistic with exactly `decimals` decimals, as its indicator states them
/// (`9.0 %` beside `12.6 %`: a column of figures reads alike).
pub fn fixed(value: f64, decimals: usize, locale: Locale) -> String {
    written(value, decimals, locale, false)
}

fn written(value: f64, decimals: usize, locale: Locale, cut: bool) -> String {
    let (group, point) = match locale {
        Locale::En => (',', '.'),
        Locale::Ro => ('.', ','),
    };
    if !value.is_finite() {
        return String::new();
    }
    let fixed = format!("{:.*}", decimals, value.abs());
    let (int_part, frac_part) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let frac_part = if cut {
        frac_part.trim_end_matches('0')
    } else {
        frac_part
    };
    let mut out = String::with_capacity(fixed.len() + 4);
    if value < 0.0 && fixed.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        out.push('−');
    }
    let digits = int_part.len();
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && crate::typed::groups_digits(locale, digits) && (digits - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if !frac_part.is_empty() {
        out.push(point);
        out.push_str(frac_part);
    }
    out
}

/// An amount of money given in minor units: whole amounts without decimals, others
/// always with two (`12,500` but `12,500.50`).
pub fn money(minor: i64, locale: Locale) -> String {
    let text = number(minor as f64 / 100.0, 2, locale);
    if minor % 100 != 0 && minor % 10 == 0 {
        text + "0"
    } else {
        text
    }
}

/// A whole number, grouped.
pub fn integer(value: i64, locale: Locale) -> String {
    number(value as f64, 0, locale)
}

pub(crate) const EN_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A calendar date: `2 Sep 2022` in English, `02.09.2022` in Romanian.
pub fn date(value: NaiveDate, locale: Locale) -> String {
    match locale {
        Locale::En => format!(
            "{} {} {}",
            value.day(),
            EN_MONTHS[value.month0() as usize],
            value.year()
        ),
        Locale::Ro => format!("{:02}.{:02}.{}", value.day(), value.month(), value.year()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statistics_keep_their_decimals() {
        assert_eq!(fixed(9.0, 1, Locale::En), "9.0");
        assert_eq!(fixed(12345.5, 2, Locale::Ro), "12.345,50");
        assert_eq!(fixed(15.0, 0, Locale::En), "15");
        assert_eq!(number(9.0, 1, Locale::En), "9");
    }

    #[test]
    fn money_keeps_two_decimals_or_none() {
        assert_eq!(money(1_250_050, Locale::En), "12,500.50");
        assert_eq!(money(1_250_000, Locale::En), "12,500");
        assert_eq!(money(1_250_055, Locale::Ro), "12.500,55");
    }

    #[test]
    fn english_and_romanian_numbers() {
        assert_eq!(number(1234.5, 1, Locale::En), "1,234.5");
        assert_eq!(number(12345.5, 1, Locale::Ro), "12.345,5");
        assert_eq!(number(1234.5, 1, Locale::Ro), "1234,5");
        assert_eq!(integer(81228, Locale::Ro), "81.228");
        assert_eq!(integer(81228, Locale::En), "81,228");
        assert_eq!(integer(1_000_000, Locale::En), "1,000,000");
        assert_eq!(number(15.0, 2, Locale::En), "15");
        assert_eq!(number(-0.001, 1, Locale::En), "0");
        assert_eq!(number(-2.5, 1, Locale::Ro), "−2,5");
    }

    #[test]
    fn dates_per_locale() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        assert_eq!(date(d, Locale::Ro), "24.11.2026");
        assert_eq!(date(d, Locale::En), "24 Nov 2026");
    }
}
