//! A city's data as files others read: Open SDG tidy CSV (which the importer reads back
//! unchanged), SDMX-CSV 2.0 and JSON. Public downloads carry what public pages show: a
//! protected small count has no value, and its SDMX confidentiality status says why
//! (`A` for a small count, `D` for one hidden so the first cannot be worked out).

use std::collections::BTreeSet;

use forja_core::monitoring::disclosure::Shown;
use forja_core::monitoring::indicator::{Dims, ObsStatus};
use serde::Serialize;

use crate::{Result, ServiceError, Store};

/// One value as exported.
#[derive(Debug, Clone, Serialize)]
pub struct ExportRow {
    pub indicator: String,
    pub period: String,
    pub dims: Dims,
    /// None when protected.
    pub value: Option<f64>,
    pub status: ObsStatus,
    pub note: Option<String>,
    pub sample: bool,
    /// SDMX `CONF_STATUS` of a protected value.
    pub confidentiality: Option<&'static str>,
}

/// A dimension as exported: its code, its English name (the tidy CSV's column) and its
/// SDMX concept.
#[derive(Debug, Clone, Serialize)]
pub struct ExportDimension {
    pub code: String,
    pub name: String,
    pub sdmx: String,
}

/// What an export holds.
#[derive(Debug, Clone, Serialize)]
pub struct Export {
    pub city: String,
    pub dimensions: Vec<ExportDimension>,
    pub rows: Vec<ExportRow>,
}

/// A city's stored values: of one indicator, or of all; protected unless `true_values`.
pub async fn rows(
    store: &Store,
    city_slug: &str,
    code: Option<&str>,
    true_values: bool,
) -> Result<Export> {
    let city = crate::city(store, city_slug).await?;
    let indicators = store.indicators(Some(city.id)).await?;
    if let Some(code) = code
        && !indicators.iter().any(|i| i.row.code == code)
    {
        return Err(ServiceError::NotFound);
    }
    let mut rows = Vec::new();
    let mut used: BTreeSet<String> = BTreeSet::new();
    let mut dimensions: Vec<ExportDimension> = Vec::new();
    for ind in indicators
        .iter()
        .filter(|i| code.is_none_or(|c| i.row.code == c))
    {
        // A computed indicator is exported when asked for by itself; a city's whole
        // export holds what can be imported back, its stored values.
        if ind.parts.is_some() && code.is_none() {
            continue;
        }
        let data = super::series::read(store, ind, city.id).await?;
        if data.observations.is_empty() {
            continue;
        }
        let shown = data.shown(super::series::rule_of(&ind.row), true_values);
        // Protected together with the totals programmes report, as the page does, but
        // only stored values are exported: a reported total is the programme's to change.
        for ((o, s), _) in data
            .observations
            .iter()
            .zip(shown)
            .zip(&data.from)
            .filter(|(_, from)| from.is_none())
        {
            for (d, _) in o.dims.pairs() {
                used.insert(d.to_owned());
            }
            let (value, confidentiality) = match s {
                Shown::Value(v) => (Some(v), None),
                Shown::FewerThan(_) => (None, Some("A")),
                Shown::Withheld => (None, Some("D")),
            };
            rows.push(ExportRow {
                indicator: ind.row.code.clone(),
                period: o.period.to_string(),
                dims: o.dims.clone(),
                value,
                status: ObsStatus::read(&o.status).unwrap_or(ObsStatus::Normal),
                note: o.note.clone(),
                sample: o.sample,
                confidentiality,
            });
        }
        for (dcode, name, _) in &ind.dimensions {
            if !dimensions.iter().any(|d| &d.code == dcode) {
                let name: forja_core::LocalizedText =
                    serde_json::from_value(name.clone()).unwrap_or_default();
                dimensions.push(ExportDimension {
                    code: dcode.clone(),
                    name: name.get_exact("en").unwrap_or(dcode).to_owned(),
                    sdmx: String::new(),
                });
            }
        }
    }
    dimensions.retain(|d| used.contains(&d.code));
    let sdmx = store.dimension_concepts().await?;
    for d in &mut dimensions {
        d.sdmx = sdmx
            .get(&d.code)
            .cloned()
            .unwrap_or_else(|| d.code.to_uppercase());
    }
    Ok(Export {
        city: city.slug,
        dimensions,
        rows,
    })
}

/// The shortest text that reads back as the same number, with a point (Rust's `{}`
/// of an f64 never uses an exponent).
fn number(v: f64) -> String {
    format!("{v}")
}

/// The Sample column: `yes` for an illustrative value (the importer reads it back).
fn sample_cell(sample: bool) -> String {
    if sample { "yes".into() } else { String::new() }
}

fn write(records: Vec<Vec<String>>) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in records {
        w.write_record(&r)
            .map_err(|e| ServiceError::Internal(e.to_string()))?;
    }
    w.into_inner()
        .map_err(|e| ServiceError::Internal(e.to_string()))
}

/// Open SDG tidy CSV with an `Indicator` column; blank breakdown cells are totals.
pub fn tidy_csv(e: &Export) -> Result<Vec<u8>> {
    let mut header = vec!["Indicator".to_owned(), "Year".to_owned()];
    header.extend(e.dimensions.iter().map(|d| d.name.clone()));
    header.extend(["Value", "Observation status", "COMMENT_OBS", "Sample"].map(str::to_owned));
    let mut out = vec![header];
    for r in &e.rows {
        let mut line = vec![r.indicator.clone(), r.period.clone()];
        line.extend(
            e.dimensions
                .iter()
                .map(|d| r.dims.get(&d.code).unwrap_or("").to_owned()),
        );
        line.push(r.value.map(number).unwrap_or_default());
        line.push(r.status.sdmx().to_owned());
        line.push(r.note.clone().unwrap_or_default());
        line.push(sample_cell(r.sample));
        out.push(line);
    }
    write(out)
}

/// An Excel workbook with the tidy CSV's columns: figures as numbers a spreadsheet
/// computes with, everything else as text.
pub fn xlsx(e: &Export) -> Result<Vec<u8>> {
    let fail = |err: rust_xlsxwriter::XlsxError| ServiceError::Internal(err.to_string());
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let mut header = vec!["Indicator".to_owned(), "Year".to_owned()];
    header.extend(e.dimensions.iter().map(|d| d.name.clone()));
    header.extend(["Value", "Observation status", "COMMENT_OBS", "Sample"].map(str::to_owned));
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, h).map_err(fail)?;
    }
    for (i, r) in e.rows.iter().enumerate() {
        let row = i as u32 + 1;
        let mut texts = vec![r.indicator.clone(), r.period.clone()];
        texts.extend(
            e.dimensions
                .iter()
                .map(|d| r.dims.get(&d.code).unwrap_or("").to_owned()),
        );
        let value_col = texts.len() as u16;
        for (c, t) in texts.iter().enumerate() {
            sheet.write_string(row, c as u16, t).map_err(fail)?;
        }
        if let Some(v) = r.value {
            sheet.write_number(row, value_col, v).map_err(fail)?;
        }
        sheet
            .write_string(row, value_col + 1, r.status.sdmx())
            .map_err(fail)?;
        sheet
            .write_string(row, value_col + 2, r.note.as_deref().unwrap_or(""))
            .map_err(fail)?;
        sheet
            .write_string(row, value_col + 3, sample_cell(r.sample))
            .map_err(fail)?;
    }
    book.save_to_buffer().map_err(fail)
}

/// SDMX-CSV 2.0 (SDMX 3.0), with totals as `_T`.
pub fn sdmx_csv(e: &Export) -> Result<Vec<u8>> {
    let mut header: Vec<String> = ["STRUCTURE", "STRUCTURE_ID", "ACTION", "REF_AREA", "SERIES"]
        .map(str::to_owned)
        .to_vec();
    header.extend(e.dimensions.iter().map(|d| d.sdmx.clone()));
    // SAMPLE is ours (SDMX-CSV 2.0 allows custom columns): illustrative values stay
    // labelled when the file comes back.
    header.extend(
        [
            "TIME_PERIOD",
            "OBS_VALUE",
            "OBS_STATUS",
            "CONF_STATUS",
            "COMMENT_OBS",
            "SAMPLE",
        ]
        .map(str::to_owned),
    );
    let mut out = vec![header];
    for r in &e.rows {
        let mut line = vec![
            "dataflow".to_owned(),
            "FORJA:DF_LEARNING_CITY(1.0)".to_owned(),
            "I".to_owned(),
            e.city.clone(),
            r.indicator.clone(),
        ];
        line.extend(
            e.dimensions
                .iter()
                .map(|d| r.dims.get(&d.code).unwrap_or("_T").to_owned()),
        );
        line.push(r.period.clone());
        line.push(r.value.map(number).unwrap_or_default());
        line.push(r.status.sdmx().to_owned());
        line.push(r.confidentiality.unwrap_or("F").to_owned());
        line.push(r.note.clone().unwrap_or_default());
        line.push(sample_cell(r.sample));
        out.push(line);
    }
    write(out)
}

/// JSON: the rows with their breakdowns as objects (`{"sex": "F"}`; `{}` is the total).
pub fn json(e: &Export) -> Result<Vec<u8>> {
    let rows: Vec<serde_json::Value> = e
        .rows
        .iter()
        .map(|r| {
            let breakdown: serde_json::Map<String, serde_json::Value> = r
                .dims
                .pairs()
                .map(|(d, c)| (d.to_owned(), c.into()))
                .collect();
            serde_json::json!({
                "indicator": r.indicator,
                "period": r.period,
                "breakdown": breakdown,
                "value": r.value,
                "status": r.status,
                "note": r.note,
                "sample": r.sample,
                "confidentiality": r.confidentiality,
            })
        })
        .collect();
    let doc =
        serde_json::json!({ "city": e.city, "dimensions": e.dimensions, "observations": rows });
    serde_json::to_vec_pretty(&doc).map_err(|err| ServiceError::Internal(err.to_string()))
}
