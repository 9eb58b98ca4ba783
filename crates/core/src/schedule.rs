//! When a learning opportunity meets: a recurrence rule, the part of RFC 5545's RRULE a
//! course or club needs (every so many days, weeks on given weekdays, or months; until
//! a date or for a number of times; dates left out), expanded in the city's time zone
//! and never past the end of the window asked for, so a rule without an end costs no
//! more than one with.
//!
//! Rules are read here rather than by a general RRULE library: the library's own
//! security notes warn that user-written rules can make it spin or allocate without
//! bound, and a resident's calendar needs none of `BYSETPOS`, `SECONDLY` and the rest.

use std::fmt;

use chrono::{
    DateTime, Datelike, Days, LocalResult, Months, NaiveDate, NaiveDateTime, NaiveTime, TimeZone,
    Utc, Weekday,
};
use chrono_tz::Tz;

/// How often a rule comes round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freq {
    Daily,
    Weekly,
    Monthly,
}

/// A recurrence rule, read from and written as RRULE text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub freq: Freq,
    /// Every `interval` days, weeks or months (1 to [`MAX_INTERVAL`]).
    pub interval: u32,
    /// For a weekly rule, the weekdays it meets (none: the first meeting's weekday).
    pub by_day: Vec<Weekday>,
    /// Meetings in all, counted from the first, left-out dates included (RFC 5545).
    pub count: Option<u32>,
    /// The last day it may meet, in the city's calendar.
    pub until: Option<NaiveDate>,
}

pub const MAX_INTERVAL: u32 = 366;
pub const MAX_COUNT: u32 = 1000;

/// What is wrong with a rule as typed; each says what to write instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleProblem {
    #[error("empty rule: write for example FREQ=WEEKLY;BYDAY=TU")]
    Empty,
    #[error("{0:?} is not a part of a rule kept here: FREQ, INTERVAL, BYDAY, COUNT, UNTIL")]
    UnknownPart(String),
    #[error("{0} is given twice")]
    Repeated(String),
    #[error("FREQ={0} is not kept here: DAILY, WEEKLY or MONTHLY")]
    Frequency(String),
    #[error("the rule needs FREQ")]
    NoFrequency,
    #[error("INTERVAL must be a whole number from 1 to {MAX_INTERVAL}")]
    Interval,
    #[error("{0:?} is not a weekday: MO, TU, WE, TH, FR, SA, SU")]
    Day(String),
    #[error("BYDAY goes with FREQ=WEEKLY")]
    DaysNotWeekly,
    #[error("COUNT must be a whole number from 1 to {MAX_COUNT}")]
    Count,
    #[error("UNTIL must be a date such as 20261215 or 20261215T170000Z")]
    Until,
    #[error("a rule ends by COUNT or by UNTIL, not both")]
    CountAndUntil,
}

fn weekday(code: &str) -> Option<Weekday> {
    Some(match code {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => return None,
    })
}

/// A whole number from 1 to `most`.
fn whole(value: &str, most: u32) -> Option<u32> {
    value.parse().ok().filter(|n| (1..=most).contains(n))
}

fn day_code(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

impl std::str::FromStr for Rule {
    type Err = RuleProblem;

    /// `FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10`, with or without a leading `RRULE:`, in any
    /// letter case.
    fn from_str(text: &str) -> Result<Self, RuleProblem> {
        let text = text.trim().to_ascii_uppercase();
        let text = text.strip_prefix("RRULE:").unwrap_or(&text);
        if text.is_empty() {
            return Err(RuleProblem::Empty);
        }
        let (mut freq, mut interval, mut by_day, mut count, mut until) =
            (None, None, None, None, None);
        for part in text.split(';').filter(|p| !p.is_empty()) {
            let (name, value) = part
                .split_once('=')
                .ok_or_else(|| RuleProblem::UnknownPart(part.to_owned()))?;
            let seen = match name {
                "FREQ" => freq
                    .replace(match value {
                        "DAILY" => Freq::Daily,
                        "WEEKLY" => Freq::Weekly,
                        "MONTHLY" => Freq::Monthly,
                        other => return Err(RuleProblem::Frequency(other.to_owned())),
                    })
                    .is_some(),
                "INTERVAL" => interval
                    .replace(whole(value, MAX_INTERVAL).ok_or(RuleProblem::Interval)?)
                    .is_some(),
                "BYDAY" => by_day
                    .replace(
                        value
                            .split(',')
                            .map(|d| weekday(d).ok_or_else(|| RuleProblem::Day(d.to_owned())))
                            .collect::<Result<Vec<_>, _>>()?,
                    )
                    .is_some(),
                "COUNT" => count
                    .replace(whole(value, MAX_COUNT).ok_or(RuleProblem::Count)?)
                    .is_some(),
                "UNTIL" => until
                    .replace(
                        value
                            .get(..8)
                            .and_then(|d| NaiveDate::parse_from_str(d, "%Y%m%d").ok())
                            .filter(|_| matches!(value.len(), 8 | 15 | 16))
                            .ok_or(RuleProblem::Until)?,
                    )
                    .is_some(),
                _ => return Err(RuleProblem::UnknownPart(name.to_owned())),
            };
            if seen {
                return Err(RuleProblem::Repeated(name.to_owned()));
            }
        }
        let freq = freq.ok_or(RuleProblem::NoFrequency)?;
        let mut by_day = by_day.unwrap_or_default();
        if !by_day.is_empty() && freq != Freq::Weekly {
            return Err(RuleProblem::DaysNotWeekly);
        }
        by_day.sort_by_key(|d| d.num_days_from_monday());
        by_day.dedup();
        if count.is_some() && until.is_some() {
            return Err(RuleProblem::CountAndUntil);
        }
        Ok(Rule {
            freq,
            interval: interval.unwrap_or(1),
            by_day,
            count,
            until,
        })
    }
}

impl fmt::Display for Rule {
    /// The rule as RRULE text, each part once, in one order.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let freq = match self.freq {
            Freq::Daily => "DAILY",
            Freq::Weekly => "WEEKLY",
            Freq::Monthly => "MONTHLY",
        };
        write!(f, "FREQ={freq}")?;
        if self.interval != 1 {
            write!(f, ";INTERVAL={}", self.interval)?;
        }
        if !self.by_day.is_empty() {
            let days: Vec<&str> = self.by_day.iter().map(|d| day_code(*d)).collect();
            write!(f, ";BYDAY={}", days.join(","))?;
        }
        if let Some(n) = self.count {
            write!(f, ";COUNT={n}")?;
        }
        if let Some(d) = self.until {
            write!(f, ";UNTIL={}", d.format("%Y%m%d"))?;
        }
        Ok(())
    }
}

/// A wall-clock time that does not name one moment in the city's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TimeProblem {
    /// The clocks jump over it (in Romania, 03:00–04:00 on the last Sunday of March).
    #[error("this time does not exist that day: the clocks skip it")]
    Gap,
}

/// The moment a date and time on the city's clocks name. A time the clocks skip is
/// refused (whoever typed it means something else); a time they pass twice, when they
/// go back, is the first of the two.
pub fn local(date: NaiveDate, time: NaiveTime, tz: Tz) -> Result<DateTime<Tz>, TimeProblem> {
    match tz.from_local_datetime(&date.and_time(time)) {
        LocalResult::Single(t) => Ok(t),
        LocalResult::Ambiguous(first, _) => Ok(first),
        LocalResult::None => Err(TimeProblem::Gap),
    }
}

/// A meeting of a rule on a day the clocks skip its time: as RFC 5545 says, moved on
/// by the gap (03:30 on the day summer time starts meets at 04:30).
fn meeting(at: NaiveDateTime, tz: Tz) -> DateTime<Tz> {
    match tz.from_local_datetime(&at) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t,
        LocalResult::None => {
            let later = at + chrono::Duration::hours(1);
            tz.from_local_datetime(&later)
                .earliest()
                .unwrap_or_else(|| tz.from_utc_datetime(&at))
        }
    }
}

/// The meetings of `rule` from its first, `first` on the city's clocks, that fall in
/// `[from, to)`, at most `limit`, without `except` (dates on the city's calendar). Only
/// the meetings up to `to` are ever made, whatever the rule.
pub fn occurrences(
    first: NaiveDateTime,
    tz: Tz,
    rule: &Rule,
    except: &[NaiveDate],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    limit: usize,
) -> Vec<DateTime<Utc>> {
    let mut out = Vec::new();
    for (made, date) in (1u32..).zip(dates(first.date(), rule)) {
        let at = meeting(date.and_time(first.time()), tz).with_timezone(&Utc);
        if at >= to || rule.until.is_some_and(|u| date > u) || out.len() >= limit {
            break;
        }
        if rule.count.is_some_and(|n| made > n) {
            break;
        }
        if at >= from && !except.contains(&date) {
            out.push(at);
        }
    }
    out
}

/// The days a rule meets, in order, from its first (for ever: the caller stops).
fn dates(first: NaiveDate, rule: &Rule) -> Box<dyn Iterator<Item = NaiveDate>> {
    let step = rule.interval;
    match rule.freq {
        Freq::Daily => Box::new(
            (0u64..).map_while(move |i| first.checked_add_days(Days::new(i * u64::from(step)))),
        ),
        Freq::Weekly => {
            let days = if rule.by_day.is_empty() {
                vec![first.weekday()]
            } else {
                rule.by_day.clone()
            };
            let monday = first - Days::new(u64::from(first.weekday().num_days_from_monday()));
            Box::new(
                (0u64..)
                    .map_while(move |w| monday.checked_add_days(Days::new(7 * w * u64::from(step))))
                    .flat_map(move |week| {
                        days.clone()
                            .into_iter()
                            .map(move |d| week + Days::new(u64::from(d.num_days_from_monday())))
                    })
                    .filter(move |d| *d >= first),
            )
        }
        // The same day of the month; a month without it is passed over (RFC 5545).
        Freq::Monthly => Box::new(
            (0u32..)
                .map_while(move |m| {
                    let month = first
                        .with_day(1)?
                        .checked_add_months(Months::new(m * step))?;
                    Some(month.with_day(first.day()))
                })
                .flatten(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Bucharest;

    fn rule(text: &str) -> Rule {
        text.parse().unwrap()
    }

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn rules_read_and_write_back() {
        let r = rule("rrule:freq=weekly;byday=th,tu;count=10");
        assert_eq!(r.by_day, [Weekday::Tue, Weekday::Thu]);
        assert_eq!(r.to_string(), "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10");
        assert_eq!(
            rule("FREQ=MONTHLY;INTERVAL=2;UNTIL=20271231T220000Z").to_string(),
            "FREQ=MONTHLY;INTERVAL=2;UNTIL=20271231"
        );
        let bad = |t: &str| t.parse::<Rule>().unwrap_err();
        assert_eq!(
            bad("FREQ=SECONDLY"),
            RuleProblem::Frequency("SECONDLY".into())
        );
        assert_eq!(bad(""), RuleProblem::Empty);
        assert_eq!(bad("INTERVAL=2"), RuleProblem::NoFrequency);
        assert_eq!(bad("FREQ=DAILY;INTERVAL=0"), RuleProblem::Interval);
        assert_eq!(bad("FREQ=WEEKLY;BYDAY=XX"), RuleProblem::Day("XX".into()));
        assert_eq!(bad("FREQ=DAILY;BYDAY=MO"), RuleProblem::DaysNotWeekly);
        assert_eq!(
            bad("FREQ=DAILY;COUNT=5;UNTIL=20270101"),
            RuleProblem::CountAndUntil
        );
        assert_eq!(bad("FREQ=DAILY;COUNT=99999"), RuleProblem::Count);
        assert_eq!(bad("FREQ=DAILY;UNTIL=2027"), RuleProblem::Until);
        assert_eq!(
            bad("FREQ=DAILY;BYSETPOS=1"),
            RuleProblem::UnknownPart("BYSETPOS".into())
        );
        assert_eq!(
            bad("FREQ=DAILY;FREQ=WEEKLY"),
            RuleProblem::Repeated("FREQ".into())
        );
    }

    #[test]
    fn tuesdays_at_five_keep_the_city_clock_through_the_change_of_time() {
        // 17:00 in Reșița is 14:00 UTC in summer and 15:00 UTC in winter.
        let r = rule("FREQ=WEEKLY;BYDAY=TU;COUNT=4");
        let all = occurrences(
            at("2026-10-13 17:00"),
            Bucharest,
            &r,
            &[],
            utc("2026-01-01T00:00:00Z"),
            utc("2027-01-01T00:00:00Z"),
            100,
        );
        assert_eq!(
            all,
            [
                utc("2026-10-13T14:00:00Z"),
                utc("2026-10-20T14:00:00Z"),
                utc("2026-10-27T15:00:00Z"),
                utc("2026-11-03T15:00:00Z"),
            ]
        );
    }

    #[test]
    fn a_rule_without_end_stops_at_the_window() {
        let r = rule("FREQ=WEEKLY;BYDAY=MO,WE");
        let year = occurrences(
            at("2026-01-05 09:00"),
            Bucharest,
            &r,
            &[],
            utc("2026-01-01T00:00:00Z"),
            utc("2027-01-01T00:00:00Z"),
            10_000,
        );
        assert_eq!(year.len(), 104);
        let daily = rule("FREQ=DAILY");
        let capped = occurrences(
            at("2026-01-01 09:00"),
            Bucharest,
            &daily,
            &[],
            utc("2026-01-01T00:00:00Z"),
            utc("2126-01-01T00:00:00Z"),
            50,
        );
        assert_eq!(capped.len(), 50, "the limit holds too");
    }

    #[test]
    fn left_out_dates_still_count_and_months_without_the_day_are_passed_over() {
        let r = rule("FREQ=WEEKLY;COUNT=3");
        let met = occurrences(
            at("2026-12-01 17:00"),
            Bucharest,
            &r,
            &[NaiveDate::from_ymd_opt(2026, 12, 8).unwrap()],
            utc("2026-01-01T00:00:00Z"),
            utc("2028-01-01T00:00:00Z"),
            100,
        );
        assert_eq!(
            met,
            [utc("2026-12-01T15:00:00Z"), utc("2026-12-15T15:00:00Z")]
        );
        let monthly = rule("FREQ=MONTHLY;UNTIL=20270630");
        let days: Vec<u32> = occurrences(
            at("2027-01-31 10:00"),
            Bucharest,
            &monthly,
            &[],
            utc("2027-01-01T00:00:00Z"),
            utc("2028-01-01T00:00:00Z"),
            100,
        )
        .iter()
        .map(|t| t.with_timezone(&Bucharest).month())
        .collect();
        assert_eq!(days, [1, 3, 5], "31 January, March and May");
    }

    #[test]
    fn a_time_the_clocks_skip_is_refused_and_a_meeting_on_it_moves_on() {
        // Summer time starts on 28 March 2027 at 03:00, straight to 04:00.
        let day = NaiveDate::from_ymd_opt(2027, 3, 28).unwrap();
        let half_past_three = NaiveTime::from_hms_opt(3, 30, 0).unwrap();
        assert_eq!(
            local(day, half_past_three, Bucharest),
            Err(TimeProblem::Gap)
        );
        // When they go back (31 October 2027, 04:00 → 03:00), 03:30 is the first one.
        let back = NaiveDate::from_ymd_opt(2027, 10, 31).unwrap();
        let t = local(back, half_past_three, Bucharest).unwrap();
        assert_eq!(t.with_timezone(&Utc), utc("2027-10-31T00:30:00Z"));
        let r = rule("FREQ=WEEKLY;COUNT=2");
        let met = occurrences(
            at("2027-03-21 03:30"),
            Bucharest,
            &r,
            &[],
            utc("2027-01-01T00:00:00Z"),
            utc("2028-01-01T00:00:00Z"),
            10,
        );
        assert_eq!(
            met[1].with_timezone(&Bucharest).time(),
            NaiveTime::from_hms_opt(4, 30, 0).unwrap()
        );
    }
}
