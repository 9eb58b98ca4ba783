//! What an indicator is: its unit, which way is better, how often it is measured, the
//! dimensions that break it down, and the data files that describe the network's
//! catalogue (`data/indicators/`). A breakdown (`Dims`) is a set of dimension = code
//! pairs written one canonical way, so the same breakdown is the same key wherever it
//! comes from; no pair for a dimension means its total (Open SDG's blank, SDMX `_T`).

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::LocalizedText;
use crate::docs::Problems;
use crate::monitoring::rating::Direction;

/// What an indicator's figures count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    Percent,
    Count,
    /// Per 1,000 people.
    #[serde(rename = "per-1000")]
    Per1000,
    Currency,
    Index,
    /// 1 for yes, 0 for no.
    YesNo,
}

impl Unit {
    pub fn code(self) -> &'static str {
        match self {
            Unit::Percent => "percent",
            Unit::Count => "count",
            Unit::Per1000 => "per-1000",
            Unit::Currency => "currency",
            Unit::Index => "index",
            Unit::YesNo => "yes-no",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [
            Unit::Percent,
            Unit::Count,
            Unit::Per1000,
            Unit::Currency,
            Unit::Index,
            Unit::YesNo,
        ]
        .into_iter()
        .find(|u| u.code() == code)
    }

    /// What a value in this unit cannot be, in words for a person (`None`: fine).
    pub fn refuses(self, value: f64) -> Option<UnitProblem> {
        match self {
            // Beyond a million billion is a slip of the keyboard, not a statistic.
            _ if !value.is_finite() || value.abs() > 1e15 => Some(UnitProblem::NotANumber),
            Unit::Percent if !(0.0..=100.0).contains(&value) => Some(UnitProblem::PercentRange),
            Unit::Count if value < 0.0 || value.fract() != 0.0 => Some(UnitProblem::Count),
            Unit::Per1000 if !(0.0..=1000.0).contains(&value) => Some(UnitProblem::Per1000Range),
            Unit::YesNo if value != 0.0 && value != 1.0 => Some(UnitProblem::YesNo),
            _ => None,
        }
    }

    /// Counts of people are the figures that can point at someone.
    pub fn counts_people(self) -> bool {
        self == Unit::Count
    }
}

/// Why a value does not fit its indicator's unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnitProblem {
    NotANumber,
    PercentRange,
    Count,
    Per1000Range,
    YesNo,
}

/// Which way is better, as an indicator states it: required, never defaulted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Better {
    Higher,
    Lower,
    /// Context, not a goal (a population): never rated.
    Neither,
}

impl Better {
    pub fn code(self) -> &'static str {
        match self {
            Better::Higher => "higher",
            Better::Lower => "lower",
            Better::Neither => "neither",
        }
    }
    pub fn parse(code: &str) -> Option<Self> {
        [Better::Higher, Better::Lower, Better::Neither]
            .into_iter()
            .find(|b| b.code() == code)
    }
    /// The direction a rating uses; none for `Neither`.
    pub fn direction(self) -> Option<Direction> {
        match self {
            Better::Higher => Some(Direction::HigherIsBetter),
            Better::Lower => Some(Direction::LowerIsBetter),
            Better::Neither => None,
        }
    }
}

/// How often an indicator is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Periodicity {
    Yearly,
    SchoolYear,
    HalfYearly,
    Quarterly,
    Monthly,
    Irregular,
}

impl Periodicity {
    pub fn code(self) -> &'static str {
        match self {
            Periodicity::Yearly => "yearly",
            Periodicity::SchoolYear => "school-year",
            Periodicity::HalfYearly => "half-yearly",
            Periodicity::Quarterly => "quarterly",
            Periodicity::Monthly => "monthly",
            Periodicity::Irregular => "irregular",
        }
    }
    pub fn parse(code: &str) -> Option<Self> {
        [
            Periodicity::Yearly,
            Periodicity::SchoolYear,
            Periodicity::HalfYearly,
            Periodicity::Quarterly,
            Periodicity::Monthly,
            Periodicity::Irregular,
        ]
        .into_iter()
        .find(|p| p.code() == code)
    }
}

/// An observation's status (SDMX `OBS_STATUS`: A, P, E, B).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ObsStatus {
    Normal,
    Provisional,
    Estimated,
    /// The method or source changed: not comparable with the values before.
    Break,
}

impl ObsStatus {
    pub const ALL: [ObsStatus; 4] = [
        ObsStatus::Normal,
        ObsStatus::Provisional,
        ObsStatus::Estimated,
        ObsStatus::Break,
    ];
    pub fn code(self) -> &'static str {
        match self {
            ObsStatus::Normal => "normal",
            ObsStatus::Provisional => "provisional",
            ObsStatus::Estimated => "estimated",
            ObsStatus::Break => "break",
        }
    }
    pub fn sdmx(self) -> &'static str {
        match self {
            ObsStatus::Normal => "A",
            ObsStatus::Provisional => "P",
            ObsStatus::Estimated => "E",
            ObsStatus::Break => "B",
        }
    }
    /// Reads our code, the SDMX letter or an English word; blank is normal.
    pub fn read(raw: &str) -> Option<Self> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Some(ObsStatus::Normal);
        }
        ObsStatus::ALL.into_iter().find(|s| {
            raw.eq_ignore_ascii_case(s.code())
                || raw.eq_ignore_ascii_case(s.sdmx())
                || (s == &ObsStatus::Break && raw.eq_ignore_ascii_case("break in series"))
        })
    }
}

/// A breakdown: dimension code → code of that dimension; empty is the total.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Dims(BTreeMap<String, String>);

impl Dims {
    pub fn total() -> Self {
        Self::default()
    }
    pub fn is_total(&self) -> bool {
        self.0.is_empty()
    }
    /// Adds a pair; a blank or total code (`_T`, `_Z`) leaves the dimension at its total.
    pub fn set(&mut self, dimension: &str, code: &str) {
        let code = code.trim();
        if !code.is_empty() && code != "_T" && code != "_Z" {
            self.0.insert(dimension.to_owned(), code.to_owned());
        }
    }
    pub fn get(&self, dimension: &str) -> Option<&str> {
        self.0.get(dimension).map(String::as_str)
    }
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(d, c)| (d.as_str(), c.as_str()))
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// The stored key: `sex=F|urbanisation=RUR`.
    pub fn key(&self) -> String {
        let mut out = String::new();
        write_key(self.pairs(), &mut out);
        out
    }
    /// Reads a stored key back (`""` is the total).
    pub fn from_key(key: &str) -> Self {
        let mut d = Self::default();
        for pair in key.split('|').filter(|p| !p.is_empty()) {
            if let Some((dim, code)) = pair.split_once('=') {
                d.set(dim, code);
            }
        }
        d
    }
    /// This breakdown without one dimension (its total along that dimension).
    pub fn without(&self, dimension: &str) -> Self {
        let mut d = self.clone();
        d.0.remove(dimension);
        d
    }
}

/// Writes the stored key of `(dimension, code)` pairs, already in dimension order, to
/// `out`: the one place the key's form is decided (`Dims::key`, and an import's rows).
pub fn write_key<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>, out: &mut String) {
    for (i, (d, c)) in pairs.into_iter().enumerate() {
        if i > 0 {
            out.push('|');
        }
        out.push_str(d);
        out.push('=');
        out.push_str(c);
    }
}

impl Serialize for Dims {
    /// As its key (`sex=F|urbanisation=R`; empty for the total).
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl fmt::Display for Dims {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.key())
    }
}

/// `data/indicators/dimensions.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DimensionsDoc {
    pub dimensions: Vec<DimensionDoc>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DimensionDoc {
    pub code: String,
    pub sdmx: String,
    pub name: LocalizedText,
    /// Codes from a taxonomy's nodes instead of a list here (`target-groups`).
    pub taxonomy: Option<String>,
    #[serde(default)]
    pub codes: Vec<CodeDoc>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeDoc {
    pub code: String,
    pub name: LocalizedText,
}

/// `data/indicators/*.toml` (the catalogue) and a city's own in its monitoring file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogueDoc {
    pub indicators: Vec<IndicatorDoc>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorDoc {
    pub code: String,
    pub name: LocalizedText,
    pub definition: LocalizedText,
    pub period_note: LocalizedText,
    pub source: LocalizedText,
    pub methodology: LocalizedText,
    pub unit: Unit,
    pub currency: Option<String>,
    pub decimals: u8,
    pub better: Better,
    pub periodicity: Periodicity,
    #[serde(default)]
    pub dimensions: Vec<String>,
    /// Framework nodes as `framework:code` (`sdg:4.3.1`, `kflc:1.1`).
    #[serde(default)]
    pub links: Vec<String>,
    /// Counts below this are shown as "fewer than N" in public. Counts of people get
    /// 5 unless the file says otherwise; 0 turns the rule off.
    pub disclosure_threshold: Option<u32>,
    pub disclosure_round: Option<u32>,
    pub numerator: Option<String>,
    pub denominator: Option<String>,
    pub factor: Option<f64>,
}

impl IndicatorDoc {
    /// The disclosure rule in force, if any.
    pub fn disclosure(&self) -> Option<(u32, Option<u32>)> {
        let threshold = self
            .disclosure_threshold
            .unwrap_or(if self.unit.counts_people() { 5 } else { 0 });
        (threshold > 0).then_some((threshold, self.disclosure_round))
    }
}

impl CatalogueDoc {
    /// Checks codes, texts, dimensions named and computed parts.
    pub fn validate(&self, dimensions: &[String]) -> Result<(), Vec<String>> {
        let mut p = Problems::default();
        let mut seen = std::collections::HashSet::new();
        for (i, ind) in self.indicators.iter().enumerate() {
            let at = format!("indicators[{i}] ({})", ind.code);
            if ind.code.is_empty()
                || ind.code.len() > 40
                || !ind
                    .code
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-_".contains(c))
            {
                p.add(&at, "code: letters, digits, dots and dashes, up to 40");
            }
            if !seen.insert(ind.code.as_str()) {
                p.add(&at, "code is used twice");
            }
            for (field, text) in [
                ("name", &ind.name),
                ("definition", &ind.definition),
                ("period_note", &ind.period_note),
                ("source", &ind.source),
                ("methodology", &ind.methodology),
            ] {
                p.text(format!("{at}.{field}"), text);
            }
            if ind.decimals > 6 {
                p.add(&at, "decimals: at most 6");
            }
            if (ind.unit == Unit::Currency) != ind.currency.is_some() {
                p.add(
                    &at,
                    "currency: required for a currency unit, and only there",
                );
            }
            for d in &ind.dimensions {
                if !dimensions.contains(d) {
                    p.add(&at, format_args!("dimension {d:?} is not defined"));
                }
            }
            for link in &ind.links {
                if link.split_once(':').is_none() {
                    p.add(&at, format_args!("link {link:?}: write framework:code"));
                }
            }
            let parts = [&ind.numerator, &ind.denominator];
            if parts.iter().any(|x| x.is_some()) {
                if parts.iter().any(|x| x.is_none()) || ind.factor.is_none() {
                    p.add(
                        &at,
                        "a computed indicator names numerator, denominator and factor",
                    );
                }
                for part in parts.into_iter().flatten() {
                    let Some(found) = self.indicators.iter().find(|o| &o.code == part) else {
                        p.add(&at, format_args!("{part:?} is not in the catalogue"));
                        continue;
                    };
                    // One level only: a part worked out from others would chain reads.
                    if found.numerator.is_some() {
                        p.add(&at, format_args!("{part:?} is computed itself"));
                    }
                    // Values pair by breakdown, so each breakdown must exist in both.
                    for d in &ind.dimensions {
                        if !found.dimensions.contains(d) {
                            p.add(&at, format_args!("{part:?} is not broken down by {d:?}"));
                        }
                    }
                }
            }
        }
        p.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_breakdown_has_one_key_whatever_order_and_totals_it_is_written_with() {
        let mut a = Dims::total();
        a.set("urbanisation", "RUR");
        a.set("sex", "F");
        a.set("age", "_T");
        a.set("disability", "");
        let mut b = Dims::total();
        b.set("sex", "F");
        b.set("urbanisation", "RUR");
        assert_eq!(a, b);
        assert_eq!(a.key(), "sex=F|urbanisation=RUR");
        assert_eq!(Dims::from_key(&a.key()), a);
        assert_eq!(Dims::from_key(""), Dims::total());
        assert_eq!(a.without("sex").key(), "urbanisation=RUR");
    }

    #[test]
    fn units_refuse_what_they_cannot_be() {
        assert_eq!(
            Unit::Percent.refuses(100.5),
            Some(UnitProblem::PercentRange)
        );
        assert_eq!(Unit::Percent.refuses(40.5), None);
        assert_eq!(Unit::Count.refuses(2.5), Some(UnitProblem::Count));
        assert_eq!(Unit::Count.refuses(-1.0), Some(UnitProblem::Count));
        assert_eq!(Unit::YesNo.refuses(2.0), Some(UnitProblem::YesNo));
        assert_eq!(Unit::Index.refuses(-3.0), None);
        assert_eq!(Unit::Index.refuses(f64::NAN), Some(UnitProblem::NotANumber));
    }

    #[test]
    fn statuses_read_as_files_write_them() {
        assert_eq!(ObsStatus::read(""), Some(ObsStatus::Normal));
        assert_eq!(ObsStatus::read("P"), Some(ObsStatus::Provisional));
        assert_eq!(ObsStatus::read("estimated"), Some(ObsStatus::Estimated));
        assert_eq!(ObsStatus::read("Break in series"), Some(ObsStatus::Break));
        assert_eq!(ObsStatus::read("maybe"), None);
    }

    #[test]
    fn a_computed_indicator_needs_plain_parts_with_its_breakdowns() {
        let doc = |code: &str, dims: &[&str], parts: Option<(&str, &str)>| IndicatorDoc {
            code: code.into(),
            name: LocalizedText::default(),
            definition: LocalizedText::default(),
            period_note: LocalizedText::default(),
            source: LocalizedText::default(),
            methodology: LocalizedText::default(),
            unit: Unit::Per1000,
            currency: None,
            decimals: 1,
            better: Better::Higher,
            periodicity: Periodicity::Yearly,
            dimensions: dims.iter().map(|d| d.to_string()).collect(),
            links: Vec::new(),
            disclosure_threshold: None,
            disclosure_round: None,
            numerator: parts.map(|p| p.0.into()),
            denominator: parts.map(|p| p.1.into()),
            factor: parts.map(|_| 1000.0),
        };
        let dims = ["sex".to_owned()];
        let problems = |indicators| {
            CatalogueDoc { indicators }
                .validate(&dims)
                .err()
                .unwrap_or_default()
        };
        // Texts are left empty here: only the problems of R's parts are looked at.
        let about_parts = |all: Vec<String>| -> Vec<String> {
            all.into_iter()
                .filter(|p| p.starts_with("indicators[2] (R): "))
                .collect()
        };
        let fine = problems(vec![
            doc("N", &["sex"], None),
            doc("D", &["sex"], None),
            doc("R", &["sex"], Some(("N", "D"))),
        ]);
        assert!(about_parts(fine).is_empty());
        let wrong = about_parts(problems(vec![
            doc("N", &[], None),
            doc("D", &["sex"], Some(("N", "N"))),
            doc("R", &["sex"], Some(("N", "D"))),
        ]));
        assert_eq!(
            wrong,
            vec![
                "indicators[2] (R): \"N\" is not broken down by \"sex\"".to_owned(),
                "indicators[2] (R): \"D\" is computed itself".to_owned(),
            ]
        );
    }
}
