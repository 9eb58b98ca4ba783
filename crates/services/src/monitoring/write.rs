//! Values written as a list (the API's bulk write): one indicator's values of a city,
//! each with its period, breakdown and value, or a removal. They go through the
//! importer as a tidy CSV, so they are checked, counted, kept and undone exactly as a
//! file is, and nothing is stored when any is refused.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use forja_core::monitoring::numbers::DecimalMark;
use forja_core::policy::Actor;
use forja_core::typed::{Writing, write_number};

use super::data::{self, Upload};
use super::import::{ReadOptions, Summary};
use crate::{Result, ServiceError, Store};

/// One value to store, or to remove (`delete`).
#[derive(Debug, Clone, Default)]
pub struct Value {
    pub period: String,
    /// Dimension → code; empty: the total.
    pub breakdown: BTreeMap<String, String>,
    pub value: Option<f64>,
    pub status: Option<String>,
    pub note: Option<String>,
    pub sample: bool,
    pub delete: bool,
}

/// The columns the values are written in, by the field they come from: a refusal names
/// its column, which the caller turns back into the field.
pub const PERIOD: &str = "Year";
pub const VALUE: &str = "Value";
pub const STATUS: &str = "Observation status";
pub const NOTE: &str = "COMMENT_OBS";
pub const SAMPLE: &str = "Sample";
pub const ACTION: &str = "Action";

fn csv(values: &[Value]) -> Result<Vec<u8>> {
    let dims: BTreeSet<&str> = values
        .iter()
        .flat_map(|v| v.breakdown.keys().map(String::as_str))
        .collect();
    let mut w = csv::Writer::from_writer(Vec::new());
    let header: Vec<&str> = std::iter::once(PERIOD)
        .chain(dims.iter().copied())
        .chain([VALUE, STATUS, NOTE, SAMPLE, ACTION])
        .collect();
    let fail = |e: csv::Error| ServiceError::Internal(e.to_string());
    w.write_record(&header).map_err(fail)?;
    for v in values {
        let mut row: Vec<String> = vec![v.period.clone()];
        row.extend(
            dims.iter()
                .map(|d| v.breakdown.get(*d).cloned().unwrap_or_default()),
        );
        row.push(
            v.value
                .map(|x| write_number(x, Writing::Machine, false))
                .unwrap_or_default(),
        );
        row.push(v.status.clone().unwrap_or_default());
        row.push(v.note.clone().unwrap_or_default());
        row.push(if v.sample { "yes" } else { "no" }.into());
        row.push(if v.delete { "D" } else { "I" }.into());
        w.write_record(&row).map_err(fail)?;
    }
    w.into_inner()
        .map_err(|e| ServiceError::Internal(e.to_string()))
}

/// The version of the city's series of `code` that a write names (0 while it has
/// none): one row read, not the page.
pub async fn version(store: &Store, city_slug: &str, code: &str) -> Result<i32> {
    let city = crate::city(store, city_slug).await?;
    let indicator = super::views::find_indicator(store, city.id, code).await?;
    Ok(store.series_version(indicator.row.id, city.id).await?)
}

/// Writes `values` into the city's series of `code` (a dry run unless `commit`), if
/// the series is still at `version` (none: whatever is stored). `dir` holds the
/// values while they are read.
#[allow(clippy::too_many_arguments)]
pub async fn write_values(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    code: &str,
    values: &[Value],
    version: Option<i32>,
    dir: &Path,
    commit: bool,
) -> Result<Summary> {
    let city = crate::city(store, city_slug).await?;
    super::views::find_indicator(store, city.id, code).await?;
    let bytes = csv(values)?;
    let token = crate::auth::random_token().map_err(|e| ServiceError::Internal(e.to_string()))?;
    tokio::fs::create_dir_all(dir)
        .await
        .map_err(|e| ServiceError::Internal(e.to_string()))?;
    let path = dir.join(format!("api-values-{}", &token[..32]));
    tokio::fs::write(&path, &bytes)
        .await
        .map_err(|e| ServiceError::Internal(e.to_string()))?;
    let upload = Upload {
        path: path.clone(),
        file_name: "api.json".into(),
        sha256: super::views::sha256_hex(&bytes),
    };
    let options = ReadOptions {
        // Numbers are written with a point, never grouped.
        mark: Some(DecimalMark::Point),
        indicator: Some(code.to_owned()),
        only: None,
        expect: version,
    };
    let result = data::import_file(store, actor, city_slug, &upload, options, commit).await;
    let _ = tokio::fs::remove_file(&path).await;
    result
}
