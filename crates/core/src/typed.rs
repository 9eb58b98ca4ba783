//! Numbers and dates as people type them, read back without guessing.
//!
//! Forms show figures the way each language writes them (`format.rs`): Romanian
//! `81.228` and `1.500,50`, English `81,228` and `1,500.50`. Whatever the interface shows
//! must read back as the same value, and what could mean two things is refused with
//! both readings instead of silently picking one. Romanian never groups a four-digit
//! number, so `1.500` typed in a Romanian form is either 1500 with thousands marked
//! anyway or one and a half written with an English point: Forja asks. `12.345` is
//! what Romanian shows for 12345 and is read so. The API, snapshots and stored values
//! use [`Writing::Machine`]: JSON numbers (`1500.5`) and ISO dates.

use chrono::{Datelike, NaiveDate};

use crate::Locale;

/// How a number or date is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writing {
    /// As a JSON number or an ISO date: `1500.5`, `2025-02-28`.
    Machine,
    /// As a person writes in this language (and what its interface shows).
    Person(Locale),
}

/// Why typed text is not a number.
#[derive(Debug, Clone, PartialEq)]
pub enum NumberError {
    NotANumber,
    /// It reads two ways: grouped thousands or a decimal fraction.
    Ambiguous {
        grouped: f64,
        decimal: f64,
    },
}

/// The grouping and decimal separators of a language.
fn separators(locale: Locale) -> (char, char) {
    match locale {
        Locale::En => (',', '.'),
        Locale::Ro => ('.', ','),
    }
}

/// Whether a language groups a whole part of this many digits (Romanian style guides
/// group from five digits: 1234 but 12.345).
pub fn groups_digits(locale: Locale, digits: usize) -> bool {
    digits >= if locale == Locale::Ro { 5 } else { 4 }
}

/// Spaces people and word processors put between thousands.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Whether digit runs `runs` (split at grouping separators) are grouped correctly:
/// a first group of one to three digits, then groups of exactly three.
fn grouped_well(runs: &[&str]) -> bool {
    runs.len() >= 2
        && (1..=3).contains(&runs[0].len())
        && !(runs[0].starts_with('0'))
        && runs[1..].iter().all(|r| r.len() == 3)
}

fn value(int_digits: &str, frac_digits: &str, negative: bool) -> Result<f64, NumberError> {
    let text = if frac_digits.is_empty() {
        int_digits.to_owned()
    } else {
        format!(
            "{}.{frac_digits}",
            if int_digits.is_empty() {
                "0"
            } else {
                int_digits
            }
        )
    };
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(if negative { -v } else { v }),
        _ => Err(NumberError::NotANumber),
    }
}

/// Reads a number written the way `writing` says; see the module's rules.
pub fn read_number(raw: &str, writing: Writing) -> Result<f64, NumberError> {
    let raw = raw.trim();
    match writing {
        Writing::Machine => read_machine(raw),
        Writing::Person(locale) => read_person(raw, locale),
    }
}

fn read_machine(raw: &str) -> Result<f64, NumberError> {
    // f64's parser also takes "inf", "NaN" and "+1": JSON has none of them.
    let body = raw.strip_prefix('-').unwrap_or(raw);
    if body.is_empty()
        || !body.starts_with(|c: char| c.is_ascii_digit())
        || !body
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
    {
        return Err(NumberError::NotANumber);
    }
    match raw.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(NumberError::NotANumber),
    }
}

fn read_person(raw: &str, locale: Locale) -> Result<f64, NumberError> {
    let (group, point) = separators(locale);
    let (negative, body) = match raw.strip_prefix(['-', '−']) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, raw.strip_prefix('+').unwrap_or(raw)),
    };
    // Digit runs and the one separator after each (None after the last).
    let mut runs: Vec<&str> = Vec::new();
    let mut seps: Vec<char> = Vec::new();
    let mut start = 0;
    for (i, c) in body.char_indices() {
        if c.is_ascii_digit() {
            continue;
        }
        if !(c == '.' || c == ',' || is_space(c)) {
            return Err(NumberError::NotANumber);
        }
        runs.push(&body[start..i]);
        seps.push(if is_space(c) { ' ' } else { c });
        start = i + c.len_utf8();
    }
    runs.push(&body[start..]);
    // Empty runs: two separators in a row, or one at the end. Only a leading decimal
    // separator (".5") may have nothing before it.
    let leading_point = runs.len() == 2 && runs[0].is_empty() && seps[0] != ' ';
    if runs
        .iter()
        .enumerate()
        .any(|(i, r)| r.is_empty() && !(i == 0 && leading_point))
    {
        return Err(NumberError::NotANumber);
    }
    if seps.is_empty() {
        return value(runs[0], "", negative);
    }
    let points: Vec<(usize, char)> = seps
        .iter()
        .enumerate()
        .filter(|(_, c)| **c != ' ')
        .map(|(i, c)| (i, *c))
        .collect();
    let has_space = seps.contains(&' ');
    let whole = |runs: &[&str]| -> Result<f64, NumberError> {
        if grouped_well(runs) {
            value(&runs.concat(), "", negative)
        } else {
            Err(NumberError::NotANumber)
        }
    };
    let kinds: Vec<char> = {
        let mut k: Vec<char> = points.iter().map(|(_, c)| *c).collect();
        k.dedup();
        k.sort_unstable();
        k.dedup();
        k
    };
    match (points.len(), kinds.len()) {
        // Only spaces: a grouped whole number.
        (0, _) => whole(&runs),
        // Both '.' and ',': the last is the decimal separator, used once and last.
        (_, 2) => {
            let (last, sep) = *points.last().unwrap_or(&(0, point));
            if last != seps.len() - 1 || points.iter().filter(|(_, c)| *c == sep).count() != 1 {
                return Err(NumberError::NotANumber);
            }
            let int_seps = &seps[..last];
            if int_seps.iter().any(|c| *c != int_seps[0]) {
                return Err(NumberError::NotANumber);
            }
            let int = whole(&runs[..=last]).map(|_| runs[..=last].concat())?;
            value(&int, runs[last + 1], negative)
        }
        // The same mark more than once: it groups.
        (n, 1) if n > 1 => {
            if has_space {
                return Err(NumberError::NotANumber);
            }
            whole(&runs)
        }
        // One mark, once.
        _ => {
            let (at, sep) = points[0];
            if at != seps.len() - 1 {
                // Spaces after the mark: "1,5 00".
                return Err(NumberError::NotANumber);
            }
            let int_runs = &runs[..=at];
            let int = if int_runs.len() > 1 {
                whole(int_runs).map(|_| int_runs.concat())?
            } else {
                int_runs[0].to_owned()
            };
            let frac = runs[at + 1];
            let could_group = !has_space && frac.len() == 3 && grouped_well(&[int_runs[0], frac]);
            if sep == point || !could_group {
                // The language's own decimal mark, or the other one where it cannot be
                // grouping ("1500.5", "0.500"): a fraction either way.
                return value(&int, frac, negative);
            }
            let grouped = value(&format!("{int}{frac}"), "", negative)?;
            if sep == group && groups_digits(locale, int.len() + 3) {
                Ok(grouped)
            } else {
                Err(NumberError::Ambiguous {
                    grouped,
                    decimal: value(&int, frac, negative)?,
                })
            }
        }
    }
}

/// Writes a number so that [`read_number`] reads it back exactly: the shortest digits
/// that round-trip, in the writing's marks, grouped when `grouped` and the language
/// groups numbers that long (never years or identifiers: pass `false`).
pub fn write_number(value: f64, writing: Writing, grouped: bool) -> String {
    if !value.is_finite() {
        return String::new();
    }
    // Display never uses an exponent and gives the shortest round-trip digits.
    let plain = format!("{}", value.abs());
    let sign = if value < 0.0 { "-" } else { "" };
    let Writing::Person(locale) = writing else {
        return format!("{sign}{plain}");
    };
    let (group, point) = separators(locale);
    let (int, frac) = plain.split_once('.').unwrap_or((&plain, ""));
    let mut out = String::with_capacity(plain.len() + 6);
    out.push_str(sign);
    let digits = int.len();
    for (i, c) in int.chars().enumerate() {
        if grouped && i > 0 && groups_digits(locale, digits) && (digits - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(point);
        out.push_str(frac);
    }
    out
}

/// Why typed text is not a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    NotADate,
    /// Written well, but no such day (31.02.2025).
    NoSuchDay,
}

/// Reads a date. Every writing takes ISO `2025-02-28`; a person also writes it as the
/// interface shows it: Romanian `28.02.2025` (or with `/`), English `28 Feb 2025`.
/// Day-first slashes are not read in English, where they mean month-first to many.
pub fn read_date(raw: &str, writing: Writing) -> Result<NaiveDate, DateError> {
    let raw = raw.trim();
    let number = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let ymd = |y: &str, m: u32, d: Option<u32>| -> Result<NaiveDate, DateError> {
        let (Some(y), Some(d)) = (number(y).filter(|_| y.len() == 4), d) else {
            return Err(DateError::NotADate);
        };
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
            return Err(DateError::NotADate);
        }
        NaiveDate::from_ymd_opt(y as i32, m, d).ok_or(DateError::NoSuchDay)
    };
    let parts: Vec<&str> = raw
        .split(['-', '.', '/', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() != 3 {
        return Err(DateError::NotADate);
    }
    // ISO, in every writing.
    if parts[0].len() == 4 && raw.matches('-').count() == 2 {
        let m = number(parts[1]).ok_or(DateError::NotADate)?;
        return ymd(parts[0], m, number(parts[2]));
    }
    match writing {
        Writing::Machine => Err(DateError::NotADate),
        Writing::Person(Locale::Ro) => {
            if raw.contains(' ') || parts[0].len() > 2 || parts[1].len() > 2 {
                return Err(DateError::NotADate);
            }
            let m = number(parts[1]).ok_or(DateError::NotADate)?;
            ymd(parts[2], m, number(parts[0]))
        }
        Writing::Person(Locale::En) => {
            let name = parts[1].to_ascii_lowercase();
            let m = crate::format::EN_MONTHS
                .iter()
                .position(|abbr| name.len() >= 3 && name.starts_with(&abbr.to_ascii_lowercase()))
                .ok_or(DateError::NotADate)?;
            ymd(parts[2], m as u32 + 1, number(parts[0]))
        }
    }
}

/// Writes a date as a form shows it for editing: Romanian `28.02.2025`, otherwise ISO
/// (unambiguous in English, and what the API speaks).
pub fn write_date(date: NaiveDate, writing: Writing) -> String {
    match writing {
        Writing::Person(Locale::Ro) => {
            format!("{:02}.{:02}.{}", date.day(), date.month(), date.year())
        }
        _ => date.format("%Y-%m-%d").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const RO: Writing = Writing::Person(Locale::Ro);
    const EN: Writing = Writing::Person(Locale::En);

    #[test]
    fn romanian_reads_what_romanian_shows() {
        assert_eq!(read_number("81.228", RO), Ok(81228.0));
        assert_eq!(read_number("1.500,50", RO), Ok(1500.5));
        assert_eq!(read_number("1500,50", RO), Ok(1500.5));
        assert_eq!(read_number("81 228", RO), Ok(81228.0));
        assert_eq!(read_number("81\u{a0}228", RO), Ok(81228.0));
        assert_eq!(read_number("81\u{202f}228,5", RO), Ok(81228.5));
        assert_eq!(read_number("1.234.567", RO), Ok(1234567.0));
        assert_eq!(read_number("−2,5", RO), Ok(-2.5));
        assert_eq!(read_number("45,5", RO), Ok(45.5));
        // An English point where it cannot be grouping is a fraction.
        assert_eq!(read_number("1500.5", RO), Ok(1500.5));
        assert_eq!(read_number("0.500", RO), Ok(0.5));
    }

    #[test]
    fn english_reads_what_english_shows() {
        assert_eq!(read_number("81,228", EN), Ok(81228.0));
        assert_eq!(read_number("1,500.50", EN), Ok(1500.5));
        assert_eq!(read_number("1,500", EN), Ok(1500.0));
        assert_eq!(read_number("1.5", EN), Ok(1.5));
        assert_eq!(read_number("81 228", EN), Ok(81228.0));
        assert_eq!(read_number(".5", EN), Ok(0.5));
        assert_eq!(read_number("45,5", EN), Ok(45.5));
    }

    #[test]
    fn ambiguous_numbers_are_refused_with_both_readings() {
        // Romanian never shows 1500 as "1.500": it is a point typed the English way, or
        // thousands grouped the English way.
        assert_eq!(
            read_number("1.500", RO),
            Err(NumberError::Ambiguous {
                grouped: 1500.0,
                decimal: 1.5
            })
        );
        assert_eq!(
            read_number("-2.345", RO),
            Err(NumberError::Ambiguous {
                grouped: -2345.0,
                decimal: -2.345
            })
        );
        // Romanian shows 12.345 and 1.234.567 that way: those are not ambiguous.
        assert_eq!(read_number("12.345", RO), Ok(12345.0));
    }

    #[test]
    fn malformed_numbers_are_refused() {
        for bad in [
            "",
            "lots",
            "1,2,3",
            "1.23.4",
            "12 34",
            "1..5",
            "1,5.",
            "1.5,2.3",
            "1,50.000",
            "1 000.000 000",
            "inf",
            "NaN",
            "1e5",
            "12,5 %",
            "--1",
            "1 ,5",
        ] {
            assert_eq!(
                read_number(bad, RO),
                Err(NumberError::NotANumber),
                "ro {bad:?}"
            );
            assert_eq!(
                read_number(bad, EN),
                Err(NumberError::NotANumber),
                "en {bad:?}"
            );
        }
        for bad in ["", "1,5", "1 000", "inf", "NaN", "+1", "0x10", "1.5.5"] {
            assert_eq!(
                read_number(bad, Writing::Machine),
                Err(NumberError::NotANumber),
                "{bad:?}"
            );
        }
        assert_eq!(read_number("1e21", Writing::Machine), Ok(1e21));
    }

    #[test]
    fn dates_as_each_language_writes_them() {
        let d = NaiveDate::from_ymd_opt(2025, 2, 28).unwrap();
        assert_eq!(read_date("28.02.2025", RO), Ok(d));
        assert_eq!(read_date("28/2/2025", RO), Ok(d));
        assert_eq!(read_date("2025-02-28", RO), Ok(d));
        assert_eq!(read_date("28 Feb 2025", EN), Ok(d));
        assert_eq!(read_date("28 february 2025", EN), Ok(d));
        assert_eq!(read_date("2025-02-28", Writing::Machine), Ok(d));
        assert_eq!(read_date("31.02.2025", RO), Err(DateError::NoSuchDay));
        assert_eq!(read_date("2025-02-31", EN), Err(DateError::NoSuchDay));
        for bad in [
            "28/02/2025",
            "soon",
            "28.02.25",
            "2025-13-01",
            "28 Fob 2025",
        ] {
            assert_eq!(read_date(bad, EN), Err(DateError::NotADate), "{bad}");
        }
        assert_eq!(
            read_date("28.02.2025", Writing::Machine),
            Err(DateError::NotADate)
        );
        assert_eq!(write_date(d, RO), "28.02.2025");
        assert_eq!(write_date(d, EN), "2025-02-28");
    }

    fn writings() -> impl Strategy<Value = Writing> {
        prop_oneof![Just(Writing::Machine), Just(RO), Just(EN)]
    }

    proptest! {
        /// Whatever a form shows, saving it unchanged stores the same value.
        #[test]
        fn written_numbers_read_back(
            whole in -1_000_000_000_000i64..1_000_000_000_000,
            cents in 0u32..1_000_000,
            scale in 0u32..7,
            writing in writings(),
            grouped in any::<bool>(),
        ) {
            let value = whole as f64 + f64::from(cents) / 10f64.powi(scale as i32 + 1);
            let text = write_number(value, writing, grouped);
            prop_assert_eq!(read_number(&text, writing), Ok(value), "{}", text);
        }

        #[test]
        fn written_dates_read_back(days in 0i64..100_000, writing in writings()) {
            let date = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Days::new(days as u64);
            prop_assert_eq!(read_date(&write_date(date, writing), writing), Ok(date));
        }

        /// Reading never panics and never accepts what is not a finite number.
        #[test]
        fn any_text_reads_safely(text in "\\PC{0,20}", writing in writings()) {
            if let Ok(v) = read_number(&text, writing) {
                prop_assert!(v.is_finite());
            }
        }
    }
}
