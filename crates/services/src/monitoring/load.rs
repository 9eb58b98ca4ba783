//! Loading the indicator catalogue on every start, and the demo cities' links, targets
//! and sample series once, with the demo network. The demo's data files go through the
//! same importer as anyone's.

use forja_core::monitoring::indicator::{CatalogueDoc, DimensionsDoc, Dims};
use forja_store::monitoring::{ImportRecord, NewTarget};
use serde::Deserialize;

use crate::catalogue::{invalid, parse};
use crate::{Result, ServiceError, Store, builtin};

/// Adds what is new in the catalogue; returns how many indicators were added.
pub async fn load_catalogue(store: &Store) -> Result<usize> {
    let (file, text) = builtin::DIMENSIONS;
    let dimensions: DimensionsDoc = parse(file, text)?;
    let (file, text) = builtin::INDICATORS;
    let catalogue: CatalogueDoc = parse(file, text)?;
    let codes: Vec<String> = dimensions
        .dimensions
        .iter()
        .map(|d| d.code.clone())
        .collect();
    catalogue.validate(&codes).map_err(invalid(file))?;
    let done = store
        .load_indicator_catalogue(&dimensions, &catalogue)
        .await?;
    if done.indicators > 0 {
        tracing::info!(indicators = done.indicators, "indicator catalogue loaded");
    }
    Ok(done.indicators)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MonitoringDoc {
    #[serde(default)]
    objectives: Vec<ObjectiveLinks>,
    #[serde(default)]
    feeds: Vec<Feed>,
    #[serde(default)]
    targets: Vec<TargetDoc>,
    #[serde(default)]
    reporters: Vec<ReportersDoc>,
    #[serde(default)]
    data: Vec<DataFile>,
}

/// The organisations (by slug) that report an indicator for the city.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReportersDoc {
    indicator: String,
    organisations: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ObjectiveLinks {
    code: String,
    indicators: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Feed {
    programme: String,
    output: String,
    indicator: String,
    period: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetDoc {
    indicator: String,
    base_year: i32,
    target_year: Option<i32>,
    value: Option<f64>,
    limit: Option<f64>,
    local_target: Option<String>,
    #[serde(default)]
    sample: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DataFile {
    file: String,
}

/// Adds the demo cities' monitoring to a freshly loaded demo network.
pub async fn load_demo(store: &Store) -> Result<()> {
    for (slug, file, text) in builtin::DEMO_MONITORING {
        let doc: MonitoringDoc = parse(file, text)?;
        let city = crate::city(store, slug).await?;
        let links: Vec<(String, Vec<String>)> = doc
            .objectives
            .into_iter()
            .map(|o| (o.code, o.indicators))
            .collect();
        store.link_objectives(city.id, &links).await?;
        for f in &doc.feeds {
            f.period
                .parse::<forja_core::monitoring::period::Period>()
                .map_err(|e| invalid(file)(vec![e.to_string()]))?;
            store
                .add_output_feed(city.id, &f.programme, &f.output, &f.indicator, &f.period)
                .await?;
        }
        let now = crate::auth::now();
        for t in doc.targets {
            let target = NewTarget {
                indicator: t.indicator,
                dims: Dims::total(),
                base_year: t.base_year,
                target_year: t.target_year,
                value: t.value,
                limit: t.limit,
                local_target: t.local_target,
                sample: t.sample,
            };
            store.put_target(city.id, &target, now).await?;
        }
        let organisations = store.organisations_of(city.id).await?;
        for r in doc.reporters {
            let indicator = super::views::find_indicator(store, city.id, &r.indicator).await?;
            let ids = r
                .organisations
                .iter()
                .map(|slug| {
                    organisations
                        .iter()
                        .find(|o| &o.slug == slug)
                        .map(|o| o.id)
                        .ok_or_else(|| invalid(file)(vec![format!("no organisation {slug:?}")]))
                })
                .collect::<Result<Vec<i32>>>()?;
            let (version, _) = store.reporters(indicator.row.id, city.id).await?;
            store
                .set_reporters(indicator.row.id, city.id, &ids, version, None, now)
                .await?
                .map_err(|current_version| ServiceError::Conflict { current_version })?;
        }
        for data in doc.data {
            let (name, text) = builtin::DEMO_DATA
                .iter()
                .find(|(n, _)| *n == data.file)
                .ok_or_else(|| invalid(file)(vec![format!("no data file {:?}", data.file)]))?;
            // Unique per load: tests load the demo into several databases at once.
            static LOADS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
            let n = LOADS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let path =
                std::env::temp_dir().join(format!("forja-demo-{}-{n}-{name}", std::process::id()));
            tokio::fs::write(&path, text)
                .await
                .map_err(|e| ServiceError::Internal(e.to_string()))?;
            let record = ImportRecord {
                file_name: (*name).to_owned(),
                sha256: crate::monitoring::views::sha256_hex(text.as_bytes()),
                format: String::new(),
                user_id: None,
                at: now,
            };
            let summary = super::import::run(
                store,
                city.id,
                path.clone(),
                Default::default(),
                Some(record),
                |_| {},
            )
            .await;
            let _ = tokio::fs::remove_file(&path).await;
            let summary = summary?;
            if summary.rejected > 0 {
                return Err(invalid(name)(
                    summary
                        .rejects
                        .iter()
                        .map(|r| format!("line {}: {:?}", r.line, r.reason))
                        .collect(),
                ));
            }
        }
    }
    Ok(())
}
