//! Reading one data file's rows into observations: which column is what (from the
//! layout and the catalogue's words for indicators and dimensions), then each row into
//! an observation or the reasons it is refused, each naming the row and column. Pure:
//! the file is read and the rows stored elsewhere.

use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;

use super::indicator::{ObsStatus, Unit, UnitProblem, write_key};
use super::layout::Layout;
use super::numbers::{self, DecimalMark};
use super::period::Period;

/// An indicator as a file may name it.
#[derive(Debug, Clone)]
pub struct IndicatorTerms {
    pub id: i32,
    pub code: String,
    pub unit: Unit,
    /// Dimension codes it is broken down by.
    pub dimensions: Vec<String>,
    /// A computed indicator's numerator and denominator codes: its values are worked
    /// out when read, so a file cannot give them.
    pub parts: Option<(String, String)>,
    /// Not for this importer to write (a partner editor's organisation does not report
    /// it).
    pub closed: bool,
}

/// A dimension as a file may name it, with its codes and their names.
#[derive(Debug, Clone)]
pub struct DimensionTerms {
    pub code: String,
    pub sdmx: String,
    /// Its names in every language.
    pub names: Vec<String>,
    /// Each code with its names in every language.
    pub codes: Vec<(String, Vec<String>)>,
}

/// What a file's cells may name: the catalogue, indexed for reading.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// By code as written and in lower case.
    indicators: HashMap<String, IndicatorTerms>,
    dimensions: Vec<DimensionTerms>,
    /// Any word for a dimension (lower case) → its index.
    dimension_words: HashMap<String, usize>,
    /// Per dimension: any word for a code (as written, and in lower case) → the code.
    code_words: Vec<HashMap<String, String>>,
}

fn fold(word: &str) -> String {
    word.trim().to_lowercase()
}

impl Vocabulary {
    pub fn new(indicators: Vec<IndicatorTerms>, dimensions: Vec<DimensionTerms>) -> Self {
        let mut v = Vocabulary::default();
        for ind in indicators {
            v.indicators.insert(ind.code.clone(), ind.clone());
            v.indicators.insert(fold(&ind.code), ind);
        }
        for (i, d) in dimensions.iter().enumerate() {
            for word in [&d.code, &d.sdmx].into_iter().chain(&d.names) {
                v.dimension_words.insert(fold(word), i);
            }
            let mut words = HashMap::new();
            for (code, names) in &d.codes {
                for word in std::iter::once(code).chain(names) {
                    words.insert(word.trim().to_owned(), code.clone());
                    words.insert(fold(word), code.clone());
                }
            }
            v.code_words.push(words);
        }
        v.dimensions = dimensions;
        v
    }

    /// Closes every indicator but `ids` to this importer.
    pub fn only(&mut self, ids: &[i32]) {
        for terms in self.indicators.values_mut() {
            terms.closed |= !ids.contains(&terms.id);
        }
    }

    pub fn indicator(&self, code: &str) -> Option<&IndicatorTerms> {
        self.indicators
            .get(code.trim())
            .or_else(|| self.indicators.get(&fold(code)))
    }

    fn dimension(&self, header: &str) -> Option<usize> {
        // `SEX` or `Sex`, and SDMX-CSV 2.0's `SEX[en]` style labels.
        let bare = header.split('[').next().unwrap_or(header);
        self.dimension_words.get(&fold(bare)).copied()
    }
}

/// Where each thing is in a file's rows.
#[derive(Debug, Clone, Serialize)]
pub struct Columns {
    pub indicator: Option<usize>,
    pub period: usize,
    pub value: usize,
    pub status: Option<usize>,
    pub note: Option<usize>,
    pub source: Option<usize>,
    pub sample: Option<usize>,
    pub action: Option<usize>,
    /// (column, dimension code).
    pub dimensions: Vec<(usize, String)>,
    /// Columns read past: file-format columns (`STRUCTURE`, `FREQ`, `Units`, ...).
    pub ignored: Vec<String>,
    /// The header, for naming columns in messages.
    pub names: Vec<String>,
}

/// Why a file's columns cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "problem")]
pub enum ColumnProblem {
    /// A column that is neither a known dimension nor a column files carry.
    UnknownColumn { name: String },
    /// No indicator column and none chosen for the file.
    NoIndicator,
}

/// Columns a file carries that say nothing this importer stores.
const PASSED_OVER: [&str; 22] = [
    "structure",
    "structure_id",
    "structure_name",
    "dataflow",
    "series_key",
    "obs_key",
    "freq",
    "ref_area",
    "reporting_type",
    "units",
    "unit_measure",
    "unit_mult",
    "geocode",
    "unit multiplier",
    "unit measure",
    "progress",
    "base_per",
    "nature",
    "time_detail",
    "comment_ts",
    "conf_status",
    "data_last_update",
];

impl Columns {
    /// The columns of `header`, read with the file's `layout`.
    pub fn read(
        header: &[&str],
        layout: &Layout,
        words: &Vocabulary,
        file_indicator: bool,
    ) -> Result<Self, ColumnProblem> {
        let names: Vec<String> = header
            .iter()
            .map(|h| {
                h.trim()
                    .trim_start_matches('\u{feff}')
                    .trim_matches('"')
                    .to_owned()
            })
            .collect();
        let (period, value) = match layout {
            Layout::OpenSdg { year, value, .. } => (*year, *value),
            Layout::Sdmx { time, value, .. } => (*time, *value),
        };
        let mut c = Columns {
            indicator: None,
            period,
            value,
            status: None,
            note: None,
            source: None,
            sample: None,
            action: None,
            dimensions: Vec::new(),
            ignored: Vec::new(),
            names: names.clone(),
        };
        for (i, name) in names.iter().enumerate() {
            if i == period || i == value {
                continue;
            }
            let lower = fold(name);
            let slot = match lower.as_str() {
                "indicator" | "indicator code" | "indicator_code" | "indicator_id" | "series"
                | "cod indicator" => &mut c.indicator,
                "observation status" | "obs_status" | "status" => &mut c.status,
                "comment_obs" | "note" | "notă" | "nota" => &mut c.note,
                "source_detail" | "source" | "sursă" | "sursa" => &mut c.source,
                "sample" | "exemplu" => &mut c.sample,
                "action" => &mut c.action,
                _ => {
                    if let Some(d) = words.dimension(name) {
                        c.dimensions.push((i, words.dimensions[d].code.clone()));
                    } else if PASSED_OVER.contains(&lower.as_str())
                        || lower.starts_with("structure")
                        || (matches!(layout, Layout::Sdmx { attributes, .. } if attributes.contains(&i)))
                    {
                        c.ignored.push(name.clone());
                    } else {
                        return Err(ColumnProblem::UnknownColumn { name: name.clone() });
                    }
                    continue;
                }
            };
            *slot = Some(i);
        }
        if c.indicator.is_none() && !file_indicator {
            return Err(ColumnProblem::NoIndicator);
        }
        Ok(c)
    }

    /// The name of column `i`, for messages.
    pub fn name(&self, i: usize) -> &str {
        self.names.get(i).map_or("", String::as_str)
    }
}

/// What a row asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// Store the value (SDMX `I`, `A`, `R`, or no action column).
    Put,
    /// Remove the value (SDMX `D`).
    Delete,
}

/// A row's breakdown as its canonical key (`Dims::key`), shared by every row with the
/// same one: a million rows hold a few hundred texts, not a million small maps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breakdown(Arc<str>);

impl Breakdown {
    pub fn key(&self) -> &str {
        &self.0
    }
    pub fn is_total(&self) -> bool {
        self.0.is_empty()
    }
}

/// The breakdowns a file's rows have used so far.
#[derive(Debug, Default)]
pub struct Breakdowns {
    known: HashMap<String, Breakdown>,
    key: String,
}

impl Breakdowns {
    /// The breakdown of `(dimension, code)` pairs (sorted here; a dimension named twice
    /// keeps its last code, as `Dims::set` does).
    fn of(&mut self, pairs: &mut [(&str, &str)]) -> Breakdown {
        pairs.sort_by_key(|(d, _)| *d);
        self.key.clear();
        let last_of_each = pairs
            .iter()
            .enumerate()
            .filter(|(i, (d, _))| pairs.get(i + 1).is_none_or(|(next, _)| next != d))
            .map(|(_, pair)| *pair);
        write_key(last_of_each, &mut self.key);
        if let Some(b) = self.known.get(&self.key) {
            return b.clone();
        }
        let b = Breakdown(Arc::from(self.key.as_str()));
        self.known.insert(self.key.clone(), b.clone());
        b
    }
}

/// One observation read from a row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub line: usize,
    pub indicator_id: i32,
    pub period: Period,
    pub dims: Breakdown,
    pub value: f64,
    pub status: ObsStatus,
    pub note: Option<String>,
    pub source: Option<String>,
    pub sample: bool,
    pub action: Action,
}

/// Why a row is refused: what a person can fix in the file.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "reason")]
pub enum Reason {
    UnknownIndicator {
        code: String,
    },
    /// An indicator the importer's organisation does not report.
    NotReported {
        code: String,
    },
    /// An indicator worked out from two others when read.
    Computed {
        code: String,
        numerator: String,
        denominator: String,
    },
    /// A value for a dimension the indicator is not broken down by.
    NotADimensionOf {
        dimension: String,
        indicator: String,
    },
    UnknownCode {
        dimension: String,
        code: String,
    },
    Period {
        text: String,
    },
    NoValue,
    NotANumber {
        text: String,
    },
    Unit {
        problem: UnitProblem,
        unit: Unit,
    },
    Status {
        text: String,
    },
    Sample {
        text: String,
    },
    Action {
        text: String,
    },
    /// The same indicator, period and breakdown on an earlier row.
    Duplicate {
        first_line: usize,
    },
    /// A row with fewer cells than the header.
    Short,
    /// A cell with a NUL byte: binary, not text a spreadsheet wrote.
    Binary,
}

/// A refused row: its line in the file (the header is line 1), the column and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reject {
    pub line: usize,
    pub column: String,
    #[serde(flatten)]
    pub reason: Reason,
}

/// Reads the record on `line` (`cells` as split by the CSV reader).
pub fn read_row(
    line: usize,
    cells: &[&str],
    columns: &Columns,
    words: &Vocabulary,
    file_indicator: Option<&IndicatorTerms>,
    mark: Option<DecimalMark>,
    breakdowns: &mut Breakdowns,
) -> Result<Row, Vec<Reject>> {
    let mut rejects = Vec::new();
    let mut reject = |col: usize, reason: Reason| {
        rejects.push(Reject {
            line,
            column: columns.name(col).to_owned(),
            reason,
        })
    };
    if cells.len() < columns.names.len() {
        return Err(vec![Reject {
            line,
            column: String::new(),
            reason: Reason::Short,
        }]);
    }
    if let Some(i) = cells.iter().position(|c| c.contains('\0')) {
        return Err(vec![Reject {
            line,
            column: columns.name(i).to_owned(),
            reason: Reason::Binary,
        }]);
    }
    let cell = |i: usize| cells[i].trim();
    let indicator = match columns.indicator {
        Some(i) => match words.indicator(cell(i)) {
            Some(ind) => Some(ind),
            None => {
                reject(
                    i,
                    Reason::UnknownIndicator {
                        code: cell(i).to_owned(),
                    },
                );
                None
            }
        },
        None => file_indicator,
    };
    let indicator = match indicator {
        Some(ind) if ind.closed => {
            reject(
                columns.indicator.unwrap_or(columns.value),
                Reason::NotReported {
                    code: ind.code.clone(),
                },
            );
            None
        }
        Some(ind) if let Some((numerator, denominator)) = &ind.parts => {
            reject(
                columns.indicator.unwrap_or(columns.value),
                Reason::Computed {
                    code: ind.code.clone(),
                    numerator: numerator.clone(),
                    denominator: denominator.clone(),
                },
            );
            None
        }
        other => other,
    };
    let action = match columns.action.map(cell) {
        None | Some("" | "I" | "A" | "R" | "i" | "a" | "r") => Some(Action::Put),
        Some("D" | "d") => Some(Action::Delete),
        Some(other) => {
            reject(
                columns.action.unwrap_or(0),
                Reason::Action {
                    text: other.to_owned(),
                },
            );
            None
        }
    };
    let period = match cell(columns.period).parse::<Period>() {
        Ok(p) => Some(p),
        Err(_) => {
            reject(
                columns.period,
                Reason::Period {
                    text: cell(columns.period).to_owned(),
                },
            );
            None
        }
    };
    let mut pairs: Vec<(&str, &str)> = Vec::with_capacity(columns.dimensions.len());
    for (col, dim) in &columns.dimensions {
        let raw = cell(*col);
        if raw.is_empty() || raw == "_T" || raw == "_Z" {
            continue;
        }
        if let Some(ind) = indicator
            && !ind.dimensions.contains(dim)
        {
            reject(
                *col,
                Reason::NotADimensionOf {
                    dimension: dim.clone(),
                    indicator: ind.code.clone(),
                },
            );
            continue;
        }
        let d = words
            .dimensions
            .iter()
            .position(|x| &x.code == dim)
            .unwrap_or(0);
        // As written first (no copy), then in lower case.
        let found = words
            .code_words
            .get(d)
            .and_then(|w| w.get(raw).or_else(|| w.get(&fold(raw))));
        match found {
            Some(code) => pairs.push((dim, code)),
            None => reject(
                *col,
                Reason::UnknownCode {
                    dimension: dim.clone(),
                    code: raw.to_owned(),
                },
            ),
        }
    }
    let raw_value = cell(columns.value);
    let value = if action == Some(Action::Delete) {
        Some(numbers::read(raw_value, mark).unwrap_or(0.0))
    } else if raw_value.is_empty() {
        reject(columns.value, Reason::NoValue);
        None
    } else {
        match numbers::read(raw_value, mark) {
            None => {
                reject(
                    columns.value,
                    Reason::NotANumber {
                        text: raw_value.to_owned(),
                    },
                );
                None
            }
            Some(v) => match indicator.and_then(|ind| ind.unit.refuses(v).map(|p| (p, ind.unit))) {
                Some((problem, unit)) => {
                    reject(columns.value, Reason::Unit { problem, unit });
                    None
                }
                None => Some(v),
            },
        }
    };
    let status = match columns.status.map(cell) {
        None => Some(ObsStatus::Normal),
        Some(text) => ObsStatus::read(text).or_else(|| {
            reject(
                columns.status.unwrap_or(0),
                Reason::Status {
                    text: text.to_owned(),
                },
            );
            None
        }),
    };
    let sample = match columns.sample.map(|i| fold(cell(i))) {
        None => Some(false),
        Some(t) => match t.as_str() {
            "" | "no" | "nu" | "false" | "0" => Some(false),
            "yes" | "da" | "true" | "1" | "sample" | "exemplu" => Some(true),
            _ => {
                reject(columns.sample.unwrap_or(0), Reason::Sample { text: t });
                None
            }
        },
    };
    let text = |col: Option<usize>| col.map(cell).filter(|t| !t.is_empty()).map(str::to_owned);
    match (indicator, period, value, status, sample, action) {
        (Some(ind), Some(period), Some(value), Some(status), Some(sample), Some(action))
            if rejects.is_empty() =>
        {
            Ok(Row {
                line,
                indicator_id: ind.id,
                period,
                dims: breakdowns.of(&mut pairs),
                value,
                status,
                note: text(columns.note),
                source: text(columns.source),
                sample,
                action,
            })
        }
        _ => Err(rejects),
    }
}

/// The value cells of a record, for deciding the decimal mark.
pub fn value_cell<'a>(cells: &[&'a str], columns: &Columns) -> Option<&'a str> {
    cells.get(columns.value).copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::monitoring::layout::layout;

    fn words() -> Vocabulary {
        Vocabulary::new(
            vec![
                IndicatorTerms {
                    id: 1,
                    code: "4.3.1".into(),
                    unit: Unit::Percent,
                    dimensions: vec!["sex".into(), "urbanisation".into()],
                    parts: None,
                    closed: false,
                },
                IndicatorTerms {
                    id: 2,
                    code: "LC.VULNERABLE-LEARNERS".into(),
                    unit: Unit::Count,
                    dimensions: vec!["sex".into()],
                    parts: None,
                    closed: false,
                },
                IndicatorTerms {
                    id: 3,
                    code: "LC.SHARE".into(),
                    unit: Unit::Percent,
                    dimensions: vec!["sex".into()],
                    parts: Some(("LC.VULNERABLE-LEARNERS".into(), "LC.POPULATION".into())),
                    closed: false,
                },
            ],
            vec![
                DimensionTerms {
                    code: "sex".into(),
                    sdmx: "SEX".into(),
                    names: vec!["Sex".into()],
                    codes: vec![
                        ("F".into(), vec!["Female".into(), "Feminin".into()]),
                        ("M".into(), vec!["Male".into(), "Masculin".into()]),
                    ],
                },
                DimensionTerms {
                    code: "urbanisation".into(),
                    sdmx: "URBANISATION".into(),
                    names: vec!["Area".into(), "Mediu".into()],
                    codes: vec![("R".into(), vec!["Rural".into()])],
                },
            ],
        )
    }

    fn read(header: &str, line: &str) -> Result<Row, Vec<Reject>> {
        read_with(&words(), header, line)
    }

    fn read_with(w: &Vocabulary, header: &str, line: &str) -> Result<Row, Vec<Reject>> {
        let h: Vec<&str> = header.split(',').collect();
        let cols = Columns::read(&h, &layout(&h).unwrap(), w, false).unwrap();
        let cells: Vec<&str> = line.split(',').collect();
        read_row(
            2,
            &cells,
            &cols,
            w,
            None,
            Some(DecimalMark::Point),
            &mut Breakdowns::default(),
        )
    }

    #[test]
    fn open_sdg_rows_read_with_names_in_either_language_and_blank_totals() {
        let row = read(
            "Indicator,Year,Sex,Mediu,Value",
            "4.3.1,2023,Feminin,rural,40.5",
        )
        .unwrap();
        assert_eq!(row.dims.key(), "sex=F|urbanisation=R");
        assert_eq!(row.value, 40.5);
        assert_eq!(row.period.to_string(), "2023");
        let total = read("Indicator,Year,Sex,Mediu,Value", "4.3.1,2023-Q1,,,40").unwrap();
        assert!(total.dims.is_total());
    }

    #[test]
    fn sdmx_rows_read_their_codes_and_action() {
        let header = "STRUCTURE,STRUCTURE_ID,ACTION,SERIES,SEX,TIME_PERIOD,OBS_VALUE,OBS_STATUS";
        let row = read(header, "dataflow,XX:DF(1.0),I,4.3.1,_T,2023,9.4,P").unwrap();
        assert!(row.dims.is_total());
        assert_eq!(row.status, ObsStatus::Provisional);
        let del = read(header, "dataflow,XX:DF(1.0),D,4.3.1,F,2019,,").unwrap();
        assert_eq!(del.action, Action::Delete);
    }

    #[test]
    fn every_problem_of_a_row_is_named_with_its_column() {
        let e = read("Indicator,Year,Sex,Value", "4.3.1,2023-X1,Other,140").unwrap_err();
        let reasons: Vec<(&str, &Reason)> =
            e.iter().map(|r| (r.column.as_str(), &r.reason)).collect();
        assert_eq!(reasons.len(), 3, "{reasons:?}");
        assert!(matches!(reasons[0], ("Year", Reason::Period { .. })));
        assert!(matches!(reasons[1], ("Sex", Reason::UnknownCode { .. })));
        assert!(matches!(
            reasons[2],
            (
                "Value",
                Reason::Unit {
                    problem: UnitProblem::PercentRange,
                    ..
                }
            )
        ));
        let e = read("Indicator,Year,Value", "4.9.9,2023,abc").unwrap_err();
        assert!(matches!(e[0].reason, Reason::UnknownIndicator { .. }));
        assert!(matches!(e[1].reason, Reason::NotANumber { .. }));
        let e = read(
            "Indicator,Year,Mediu,Value",
            "LC.VULNERABLE-LEARNERS,2023,R,3",
        )
        .unwrap_err();
        assert!(matches!(e[0].reason, Reason::NotADimensionOf { .. }));
        let e = read("Indicator,Year,Value", "4.3.1,2023,").unwrap_err();
        assert_eq!(e[0].reason, Reason::NoValue);
        let e = read("Indicator,Year,Sex,Value", "LC.SHARE,2023,F,4").unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].column, "Indicator");
        assert!(
            matches!(&e[0].reason, Reason::Computed { numerator, .. } if numerator == "LC.VULNERABLE-LEARNERS")
        );
        let mut partner = words();
        partner.only(&[2]);
        let e = read_with(&partner, "Indicator,Year,Value", "4.3.1,2023,4").unwrap_err();
        assert_eq!(
            e[0].reason,
            Reason::NotReported {
                code: "4.3.1".into()
            }
        );
        assert!(
            read_with(
                &partner,
                "Indicator,Year,Value",
                "LC.VULNERABLE-LEARNERS,2023,4"
            )
            .is_ok()
        );
    }

    #[test]
    fn an_unknown_column_refuses_the_file_and_a_missing_indicator_too() {
        let w = words();
        let h = ["Indicator", "Year", "Gender", "Value"];
        assert_eq!(
            Columns::read(&h, &layout(&h).unwrap(), &w, false).unwrap_err(),
            ColumnProblem::UnknownColumn {
                name: "Gender".into()
            }
        );
        let h = ["Year", "Value"];
        assert_eq!(
            Columns::read(&h, &layout(&h).unwrap(), &w, false).unwrap_err(),
            ColumnProblem::NoIndicator
        );
        assert!(Columns::read(&h, &layout(&h).unwrap(), &w, true).is_ok());
    }
}
