//! Progress rating of one series: Statistics Canada's method, as Open SDG's sdg-build
//! (`ProgressMeasure.py`, `SeriesProgress`) computes it, so a city's rating reads the
//! same as a national statistics office's.
//!
//! - With a numeric target, the observed compound annual growth rate from the base year
//!   to the latest year is compared with the rate needed to reach the target in the
//!   target year: R = s·d·CAGR_obs / |CAGR_req|, rated against 0.95 / 0.60 / 0.
//! - Without one, the observed rate itself is rated, P = s·d·CAGR_obs, against 1.5 % /
//!   0.5 % / 0, the thresholds scaled down near a natural limit (a rate that cannot rise
//!   past 100 %).
//! - A score from −5 to +5 places the result within its band; a target met is +5.
//!
//! Unlike Open SDG, the direction has no default: an indicator must say whether higher
//! is better (`Direction`). Where Open SDG raises an exception (two values for a year)
//! this answers "not available", with the reason.

use serde::Serialize;

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
}

impl Direction {
    fn sign(self) -> f64 {
        match self {
            Direction::HigherIsBetter => 1.0,
            Direction::LowerIsBetter => -1.0,
        }
    }
}

/// What a series is rated against.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Goal {
    pub direction: Direction,
    /// The year progress is measured from; the first later year with a value stands in
    /// when it has none.
    pub base_year: i32,
    /// The value to reach, and when.
    pub target: Option<Target>,
    /// A natural maximum (or minimum) the value cannot pass, such as 100 %: only used
    /// without a target.
    pub limit: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Target {
    pub year: i32,
    pub value: f64,
}

/// How a series is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    TargetAchieved,
    /// "On track".
    SubstantialProgress,
    /// "Progress made but acceleration needed".
    ModerateProgress,
    LimitedProgress,
    Deterioration,
    NotAvailable,
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Status::TargetAchieved => "target-achieved",
            Status::SubstantialProgress => "substantial-progress",
            Status::ModerateProgress => "moderate-progress",
            Status::LimitedProgress => "limited-progress",
            Status::Deterioration => "deterioration",
            Status::NotAvailable => "not-available",
        }
    }
}

/// Why a series cannot be rated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unavailable {
    /// No value at all.
    NoData,
    /// Two values for one year: which one counts is not for the rating to guess.
    DuplicateYear,
    /// No value in or after the base year.
    BaseAfterLatest,
    /// A single year of data from the base year on: no growth to measure.
    OnePointOnly,
    /// The base and the latest value are of opposite signs: growth has no meaning.
    SignChange,
}

impl Unavailable {
    pub fn code(self) -> &'static str {
        match self {
            Unavailable::NoData => "no-data",
            Unavailable::DuplicateYear => "duplicate-year",
            Unavailable::BaseAfterLatest => "base-after-latest",
            Unavailable::OnePointOnly => "one-point-only",
            Unavailable::SignChange => "sign-change",
        }
    }
}

/// The thresholds a value is rated against, after any natural-limit scaling.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Thresholds {
    pub high: f64,
    pub med: f64,
    pub low: f64,
    /// The natural-limit factor C (1 without a limit).
    pub coefficient: f64,
}

/// A rating and everything it was computed from, so it can be explained.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rating {
    pub status: Status,
    /// −5 to +5, when rated.
    pub score: Option<f64>,
    pub reason: Option<Unavailable>,
    pub base_year: Option<i32>,
    pub base_value: Option<f64>,
    pub latest_year: Option<i32>,
    pub latest_value: Option<f64>,
    /// Open SDG's stand-in for a zero base or target, used in the computation.
    pub zero_replaced: bool,
    /// The rated value: the growth ratio R with a target, the growth rate P without.
    pub progress: Option<f64>,
    pub observed_growth: Option<f64>,
    pub required_growth: Option<f64>,
    pub thresholds: Option<Thresholds>,
    pub with_target: bool,
}

/// The natural-limit exponent of the method.
const LIMIT_EXPONENT: f64 = 4.44;
/// What Open SDG puts in place of a zero base value or target.
const NEAR_ZERO: f64 = 0.001;

/// Compound annual growth rate from `(t0, v0)` to `(t1, v1)`.
fn cagr(v1: f64, v0: f64, t1: i32, t0: i32) -> f64 {
    (v1 / v0).powf(1.0 / f64::from(t1 - t0)) - 1.0
}

/// Rates a series of `(year, value)` against `goal`.
pub fn rate(points: &[(i32, f64)], goal: &Goal) -> Rating {
    let mut r = Rating {
        status: Status::NotAvailable,
        score: None,
        reason: None,
        base_year: None,
        base_value: None,
        latest_year: None,
        latest_value: None,
        zero_replaced: false,
        progress: None,
        observed_growth: None,
        required_growth: None,
        thresholds: None,
        with_target: goal.target.is_some(),
    };
    let unavailable = |mut r: Rating, why| {
        r.reason = Some(why);
        r
    };
    let points: Vec<(i32, f64)> = points
        .iter()
        .copied()
        .filter(|(_, v)| v.is_finite())
        .collect();
    let Some(&(latest_year, latest_value)) = points.iter().max_by_key(|(y, _)| *y) else {
        return unavailable(r, Unavailable::NoData);
    };
    let mut years: Vec<i32> = points.iter().map(|(y, _)| *y).collect();
    years.sort_unstable();
    if years.windows(2).any(|w| w[0] == w[1]) {
        return unavailable(r, Unavailable::DuplicateYear);
    }
    r.latest_year = Some(latest_year);
    r.latest_value = Some(latest_value);
    let Some(&(base_year, mut base_value)) = points
        .iter()
        .filter(|(y, _)| *y >= goal.base_year)
        .min_by_key(|(y, _)| *y)
    else {
        return unavailable(r, Unavailable::BaseAfterLatest);
    };
    r.base_year = Some(base_year);
    r.base_value = Some(base_value);
    let d = goal.direction.sign();
    // The sign is read before a zero base is replaced (a zero base counts as positive).
    let s = if base_value < 0.0 { -1.0 } else { 1.0 };
    let target = goal.target.map(|t| Target {
        value: if t.value == 0.0 { NEAR_ZERO } else { t.value },
        ..t
    });
    r.zero_replaced = goal.target.is_some_and(|t| t.value == 0.0);
    let thresholds = match (target, goal.limit) {
        (Some(_), _) => Thresholds {
            high: 0.95,
            med: 0.60,
            low: 0.0,
            coefficient: 1.0,
        },
        (None, limit) => {
            let c = limit.map_or(1.0, |limit| {
                let (b, l) = (base_value.abs(), limit.abs());
                if b >= 2.0 * l {
                    1.0
                } else if b <= l {
                    1.0 - (b / l).powf(LIMIT_EXPONENT)
                } else {
                    1.0 - ((2.0 * l - b) / l).powf(LIMIT_EXPONENT)
                }
            });
            Thresholds {
                high: 0.015 * c,
                med: 0.005 * c,
                low: 0.0,
                coefficient: c,
            }
        }
    };
    r.thresholds = Some(thresholds);
    // A target met is met, however little the data say about growth.
    let achieved = target.is_some_and(|t| match goal.direction {
        Direction::HigherIsBetter => latest_value >= t.value,
        Direction::LowerIsBetter => latest_value <= t.value,
    });
    if achieved {
        r.status = Status::TargetAchieved;
        r.score = Some(5.0);
    }
    if base_value == 0.0 {
        base_value = NEAR_ZERO;
        r.zero_replaced = true;
    }
    if (base_value > 0.0 && latest_value < 0.0) || (base_value < 0.0 && latest_value > 0.0) {
        return unavailable(r, Unavailable::SignChange);
    }
    if latest_year - base_year < 1 {
        return unavailable(r, Unavailable::OnePointOnly);
    }
    let observed = cagr(latest_value, base_value, latest_year, base_year);
    r.observed_growth = Some(observed);
    let progress = match target {
        Some(t) => {
            let required = cagr(t.value, base_value, t.year, base_year);
            r.required_growth = Some(required);
            s * d * observed / required.abs()
        }
        None => s * d * observed,
    };
    if !progress.is_finite() {
        return unavailable(r, Unavailable::OnePointOnly);
    }
    r.progress = Some(progress);
    if achieved {
        return r;
    }
    let Thresholds {
        high,
        med,
        low,
        coefficient,
    } = thresholds;
    r.status = if progress >= high {
        Status::SubstantialProgress
    } else if progress >= med {
        Status::ModerateProgress
    } else if progress >= low {
        Status::LimitedProgress
    } else {
        Status::Deterioration
    };
    r.score = Some(if target.is_some() {
        if progress >= med {
            (7.1429 * progress - 4.2857).min(5.0)
        } else {
            (4.1667 * progress - 2.5).max(-5.0)
        }
    } else if progress < low {
        (125.0 * progress - 2.5).max(-5.0)
    } else if coefficient == 0.0 {
        // The base sits on the limit and holds: as good as it gets.
        5.0
    } else if progress >= high {
        (500.0 * progress / coefficient - 5.0).min(5.0)
    } else if progress >= med {
        250.0 * progress / coefficient - 1.25
    } else {
        500.0 * progress / coefficient - 2.5
    });
    r
}

/// An indicator's rating from its series': the mean score, its band, and "target
/// achieved" only when every rated series met its target.
pub fn combine(series: &[Rating]) -> (Option<f64>, Status) {
    let rated: Vec<&Rating> = series.iter().filter(|r| r.score.is_some()).collect();
    if rated.is_empty() {
        return (None, Status::NotAvailable);
    }
    let score = rated.iter().filter_map(|r| r.score).sum::<f64>() / rated.len() as f64;
    if rated.iter().all(|r| r.status == Status::TargetAchieved) {
        return (Some(score), Status::TargetAchieved);
    }
    let status = if score >= 2.5 {
        Status::SubstantialProgress
    } else if score >= 0.0 {
        Status::ModerateProgress
    } else if score >= -2.5 {
        Status::LimitedProgress
    } else {
        Status::Deterioration
    };
    (Some(score), status)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn goal(direction: Direction, target: Option<(i32, f64)>, limit: Option<f64>) -> Goal {
        Goal {
            direction,
            base_year: 2015,
            target: target.map(|(year, value)| Target { year, value }),
            limit,
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 0.0005
    }

    #[test]
    fn the_references_worked_example_with_a_target() {
        // Adult participation 8.0 % (2015) to 10.0 % (2023), target 15 % in 2030.
        let r = rate(
            &[(2015, 8.0), (2019, 9.1), (2023, 10.0)],
            &goal(Direction::HigherIsBetter, Some((2030, 15.0)), None),
        );
        assert!(close(r.observed_growth.unwrap(), 0.028286), "{r:?}");
        assert!(close(r.required_growth.unwrap(), 0.042798), "{r:?}");
        assert!(close(r.progress.unwrap(), 0.661), "{r:?}");
        assert_eq!(r.status, Status::ModerateProgress);
        assert!(close(r.score.unwrap(), 0.435), "{:?}", r.score);
    }

    #[test]
    fn the_references_worked_example_near_a_natural_limit() {
        // 95 % to 97 %, no target, limit 100: thresholds shrink by C = 1 − 0.95^4.44.
        let r = rate(
            &[(2015, 95.0), (2023, 97.0)],
            &goal(Direction::HigherIsBetter, None, Some(100.0)),
        );
        let t = r.thresholds.unwrap();
        assert!(close(t.coefficient, 0.204), "{t:?}");
        assert!(close(t.high, 0.003055) && close(t.med, 0.001018), "{t:?}");
        assert!(close(r.progress.unwrap(), 0.002608), "{r:?}");
        assert_eq!(r.status, Status::ModerateProgress);
        assert!(close(r.score.unwrap(), 1.951), "{:?}", r.score);
    }

    #[test]
    fn without_a_target_the_growth_rate_is_rated_in_each_band() {
        let higher = goal(Direction::HigherIsBetter, None, None);
        let at = |end: f64| rate(&[(2015, 100.0), (2025, end)], &higher);
        // 2 %/year and more: on track, score capped at 5.
        let fast = at(100.0 * 1.02f64.powi(10));
        assert_eq!(fast.status, Status::SubstantialProgress);
        assert!(close(fast.score.unwrap(), 5.0));
        // 1 %/year: moderate, 250 × 0.01 − 1.25 = 1.25.
        let steady = at(100.0 * 1.01f64.powi(10));
        assert_eq!(steady.status, Status::ModerateProgress);
        assert!(close(steady.score.unwrap(), 1.25));
        // 0.2 %/year: limited, 500 × 0.002 − 2.5 = −1.5.
        let slow = at(100.0 * 1.002f64.powi(10));
        assert_eq!(slow.status, Status::LimitedProgress);
        assert!(close(slow.score.unwrap(), -1.5));
        // −1 %/year: deterioration, 125 × −0.01 − 2.5 = −3.75.
        let falling = at(100.0 * 0.99f64.powi(10));
        assert_eq!(falling.status, Status::Deterioration);
        assert!(close(falling.score.unwrap(), -3.75));
        // Lower is better: the same fall is progress.
        let lower = rate(
            &[(2015, 100.0), (2025, 100.0 * 0.99f64.powi(10))],
            &goal(Direction::LowerIsBetter, None, None),
        );
        assert_eq!(lower.status, Status::ModerateProgress);
    }

    #[test]
    fn with_a_target_the_ratio_is_rated_and_a_met_target_wins() {
        let g = goal(Direction::HigherIsBetter, Some((2030, 20.0)), None);
        // Growing faster than needed: R ≥ 0.95.
        let ahead = rate(&[(2015, 10.0), (2020, 13.0)], &g);
        assert_eq!(ahead.status, Status::SubstantialProgress);
        assert!(ahead.score.unwrap() > 2.5);
        // Falling: R < 0, score 4.1667 R − 2.5.
        let falling = rate(&[(2015, 10.0), (2020, 9.0)], &g);
        assert_eq!(falling.status, Status::Deterioration);
        let expected = 4.1667 * falling.progress.unwrap() - 2.5;
        assert!(close(falling.score.unwrap(), expected));
        // Reached: whatever the growth, target achieved and +5.
        let done = rate(&[(2015, 10.0), (2024, 21.0)], &g);
        assert_eq!(
            (done.status, done.score),
            (Status::TargetAchieved, Some(5.0))
        );
        // Reached with one point only: still achieved, though no growth can be measured.
        let one = rate(&[(2016, 25.0)], &g);
        assert_eq!((one.status, one.score), (Status::TargetAchieved, Some(5.0)));
        assert_eq!(one.reason, Some(Unavailable::OnePointOnly));
        // Lower is better: under the target is achieved.
        let lower = goal(Direction::LowerIsBetter, Some((2030, 5.0)), None);
        assert_eq!(
            rate(&[(2015, 9.0), (2022, 4.0)], &lower).status,
            Status::TargetAchieved
        );
    }

    #[test]
    fn what_cannot_be_rated_says_why() {
        let g = goal(Direction::HigherIsBetter, Some((2030, 20.0)), None);
        let reason = |points: &[(i32, f64)]| {
            let r = rate(points, &g);
            assert_eq!(
                (r.status, r.score),
                (Status::NotAvailable, None),
                "{points:?}"
            );
            r.reason
        };
        assert_eq!(reason(&[]), Some(Unavailable::NoData));
        assert_eq!(
            reason(&[(2015, 1.0), (2015, 2.0), (2016, 3.0)]),
            Some(Unavailable::DuplicateYear)
        );
        assert_eq!(
            reason(&[(2010, 1.0), (2012, 2.0)]),
            Some(Unavailable::BaseAfterLatest)
        );
        assert_eq!(reason(&[(2018, 4.0)]), Some(Unavailable::OnePointOnly));
        assert_eq!(
            reason(&[(2015, 4.0), (2020, -1.0)]),
            Some(Unavailable::SignChange)
        );
    }

    #[test]
    fn a_missing_base_year_uses_the_next_one_and_zero_is_replaced() {
        let g = goal(Direction::HigherIsBetter, None, None);
        let r = rate(&[(2012, 1.0), (2017, 10.0), (2020, 12.0)], &g);
        assert_eq!((r.base_year, r.base_value), (Some(2017), Some(10.0)));
        // A zero base becomes 0.001, as in Open SDG, and the rating says so.
        let zero = rate(&[(2015, 0.0), (2020, 5.0)], &g);
        assert!(zero.zero_replaced);
        assert_eq!(zero.status, Status::SubstantialProgress);
        // A zero target too.
        let to_zero = rate(
            &[(2015, 8.0), (2020, 4.0)],
            &goal(Direction::LowerIsBetter, Some((2030, 0.0)), None),
        );
        assert!(to_zero.zero_replaced && to_zero.progress.is_some());
    }

    #[test]
    fn negative_series_flip_the_sign_and_a_base_at_the_limit_holds() {
        // All negative, higher is better: −10 to −5 is progress.
        let r = rate(
            &[(2015, -10.0), (2020, -5.0)],
            &goal(Direction::HigherIsBetter, None, None),
        );
        assert!(r.progress.unwrap() > 0.0, "{r:?}");
        // A base on its limit (C = 0) that holds is on track with 5.
        let held = rate(
            &[(2015, 100.0), (2020, 100.0)],
            &goal(Direction::HigherIsBetter, None, Some(100.0)),
        );
        assert_eq!(held.thresholds.unwrap().coefficient, 0.0);
        assert_eq!(
            (held.status, held.score),
            (Status::SubstantialProgress, Some(5.0))
        );
        // Between the limit and twice it, the other branch of C.
        let past = rate(
            &[(2015, 150.0), (2020, 151.0)],
            &goal(Direction::HigherIsBetter, None, Some(100.0)),
        );
        assert!(close(
            past.thresholds.unwrap().coefficient,
            1.0 - 0.5f64.powf(4.44)
        ));
    }

    #[test]
    fn an_indicator_combines_its_series_by_mean_score() {
        let g = goal(Direction::HigherIsBetter, Some((2030, 20.0)), None);
        let met = rate(&[(2015, 10.0), (2024, 21.0)], &g);
        let slow = rate(&[(2015, 10.0), (2020, 10.5)], &g);
        let none = rate(&[], &g);
        let (score, status) = combine(&[met.clone(), slow.clone(), none]);
        let mean = (5.0 + slow.score.unwrap()) / 2.0;
        assert!(close(score.unwrap(), mean));
        assert_eq!(
            status,
            if mean >= 2.5 {
                Status::SubstantialProgress
            } else {
                Status::ModerateProgress
            }
        );
        assert_eq!(combine(&[met.clone(), met]).1, Status::TargetAchieved);
        assert_eq!(combine(&[]), (None, Status::NotAvailable));
    }
}
