//! A city's values of one indicator as a table to type into: periods down, the codes of
//! one dimension across (with their total), the other dimensions fixed by the filter.
//! Every cell is read with the reader's number writing; any cell wrong and nothing is
//! saved. Two editors merge cell by cell: a cell only one of them changed is taken, a
//! cell both changed differently is asked about, with the value saved meanwhile.

use forja_core::edit::{FieldProblem, Problem, Writing};
use forja_core::monitoring::indicator::{Dims, UnitProblem};
use forja_core::monitoring::period::Period;
use forja_core::policy::Actor;
use forja_core::typed::{NumberError, read_number, write_number};
use forja_store::monitoring::{Cell, Entered};
use serde::Serialize;

use super::views::{self, IndicatorMeta};
use crate::{Result, ServiceError, Store};

/// The table as a form shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    pub city_slug: String,
    pub meta: IndicatorMeta,
    /// The dimension across, if the indicator has any.
    pub across: Option<String>,
    /// The other dimensions as the filter fixed them.
    pub fixed: Dims,
    /// Each column's breakdown and name (the first is the total of `across`).
    pub columns: Vec<(Dims, forja_core::LocalizedText)>,
    /// Periods with each column's stored value.
    pub rows: Vec<(Period, Vec<Option<f64>>)>,
    pub version: i32,
}

/// The table of `code` for the city, with `filter` fixing the other dimensions and
/// `across` the dimension whose codes are the columns (the first one by default).
pub async fn table(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    code: &str,
    filter: &[(String, String)],
    across: Option<&str>,
) -> Result<Table> {
    let city = crate::city(store, city_slug).await?;
    // The indicator and its rows once: the table needs neither ratings nor charts.
    let indicator = views::find_indicator(store, city.id, code).await?;
    super::data::authorize_indicator(store, actor, &city, indicator.row.id).await?;
    let chosen = views::breakdown(&indicator, filter);
    let meta = views::meta(&indicator, &chosen);
    // Worked out when read: the page points at its parts instead of offering cells.
    if meta.computed.is_some() {
        return Ok(Table {
            city_slug: city.slug,
            meta,
            across: None,
            fixed: chosen,
            columns: Vec::new(),
            rows: Vec::new(),
            version: 0,
        });
    }
    let across = across
        .and_then(|a| meta.dimensions.iter().find(|d| d.code == a))
        .or(meta.dimensions.first())
        .map(|d| d.code.clone());
    let fixed = match &across {
        Some(a) => chosen.without(a),
        None => chosen.clone(),
    };
    let mut columns = vec![(fixed.clone(), forja_core::LocalizedText::default())];
    if let Some(d) = across
        .as_ref()
        .and_then(|a| meta.dimensions.iter().find(|d| &d.code == a))
    {
        for (c, name) in &d.codes {
            let mut dims = fixed.clone();
            dims.set(&d.code, c);
            columns.push((dims, name.clone()));
        }
    }
    let data = store.series_data(indicator.row.id, city.id).await?;
    let mut periods: Vec<Period> = data.observations.iter().map(|o| o.period).collect();
    periods.sort();
    periods.dedup();
    let rows = periods
        .into_iter()
        .map(|p| {
            let values = columns
                .iter()
                .map(|(dims, _)| {
                    data.observations
                        .iter()
                        .find(|o| o.period == p && &o.dims == dims)
                        .map(|o| o.value)
                })
                .collect();
            (p, values)
        })
        .filter(|(_, values): &(Period, Vec<Option<f64>>)| values.iter().any(Option::is_some))
        .collect();
    Ok(Table {
        city_slug: city.slug,
        meta,
        across,
        fixed,
        columns,
        rows,
        version: data.version,
    })
}

/// One cell as the form sent it: its period (as typed, for new rows), its column, the
/// text typed, and the value it showed when the form was loaded (machine writing).
#[derive(Debug, Clone)]
pub struct Sent {
    pub field: String,
    pub period: String,
    pub column: usize,
    pub typed: String,
    pub was: String,
}

/// What is wrong with a cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum CellProblem {
    Period {
        text: String,
    },
    NotANumber,
    Ambiguous {
        grouped: f64,
        decimal: f64,
    },
    Unit {
        problem: UnitProblem,
    },
    /// Someone saved another value in this cell since the form was loaded.
    Changed {
        saved: Option<f64>,
    },
}

/// The result of saving a table.
#[derive(Debug, Clone)]
pub enum Saved {
    Done {
        version: i32,
        cells: usize,
    },
    /// Nothing saved: these cells (by field name) need attention.
    Problems(Vec<(String, CellProblem)>),
}

fn read(typed: &str, writing: Writing) -> std::result::Result<Option<f64>, CellProblem> {
    if typed.trim().is_empty() {
        return Ok(None);
    }
    match read_number(typed, writing) {
        Ok(v) => Ok(Some(v)),
        Err(NumberError::NotANumber) => Err(CellProblem::NotANumber),
        Err(NumberError::Ambiguous { grouped, decimal }) => {
            Err(CellProblem::Ambiguous { grouped, decimal })
        }
    }
}

/// A value as the form shows it to a person.
pub fn shown(value: Option<f64>, writing: Writing) -> String {
    value
        .map(|v| write_number(v, writing, false))
        .unwrap_or_default()
}

/// Saves the cells of a table form: all or nothing.
pub async fn save(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    code: &str,
    table: &Table,
    sent: &[Sent],
    writing: Writing,
) -> Result<Saved> {
    let city = crate::city(store, city_slug).await?;
    let indicator = views::find_indicator(store, city.id, code).await?;
    super::data::authorize_indicator(store, actor, &city, indicator.row.id).await?;
    if indicator.parts.is_some() {
        return Err(ServiceError::Invalid(vec![FieldProblem {
            field: "indicator".into(),
            problem: Problem::NotAChoice,
        }]));
    }
    let data = store.series_data(indicator.row.id, city.id).await?;
    let mut problems = Vec::new();
    let mut cells = Vec::new();
    let mut fields = Vec::new();
    for s in sent {
        let Some((dims, _)) = table.columns.get(s.column) else {
            continue;
        };
        let was = read(&s.was, Writing::Machine).unwrap_or(None);
        let mine = match read(&s.typed, writing) {
            Ok(v) => v,
            Err(p) => {
                problems.push((s.field.clone(), p));
                continue;
            }
        };
        if mine.is_none() && was.is_none() && s.period.trim().is_empty() {
            continue;
        }
        let period = match s.period.parse::<Period>() {
            Ok(p) => p,
            Err(_) => {
                if mine.is_some() {
                    problems.push((
                        s.field.clone(),
                        CellProblem::Period {
                            text: s.period.clone(),
                        },
                    ));
                }
                continue;
            }
        };
        if let Some(p) = mine.and_then(|v| table.meta.unit.refuses(v)) {
            problems.push((s.field.clone(), CellProblem::Unit { problem: p }));
            continue;
        }
        if mine == was {
            continue;
        }
        let saved = data
            .observations
            .iter()
            .find(|o| o.period == period && &o.dims == dims)
            .map(|o| o.value);
        if saved != was && saved != mine {
            problems.push((s.field.clone(), CellProblem::Changed { saved }));
            continue;
        }
        cells.push(Cell {
            period,
            dims: dims.clone(),
            value: mine,
            was: saved,
        });
        fields.push(s.field.clone());
    }
    if !problems.is_empty() {
        return Ok(Saved::Problems(problems));
    }
    let count = cells.len();
    match store
        .enter_values(
            indicator.row.id,
            city.id,
            &cells,
            Some(actor.user.0 as i32),
            crate::auth::now(),
        )
        .await?
    {
        Entered::Saved(version) => Ok(Saved::Done {
            version,
            cells: count,
        }),
        // Another save landed between the check above and this one's transaction.
        Entered::Changed(at) => Ok(Saved::Problems(
            at.into_iter()
                .map(|(i, saved)| (fields[i].clone(), CellProblem::Changed { saved }))
                .collect(),
        )),
    }
}
