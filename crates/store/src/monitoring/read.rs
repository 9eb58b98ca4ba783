//! Reads for monitoring pages and the API: the catalogue, one city's series of an
//! indicator with its targets, and the latest values of every indicator of a city.

use forja_core::monitoring::indicator::Dims;
use forja_core::monitoring::period::Period;
use sea_orm::sea_query::ExprTrait as _;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde_json::Value as Json;

use super::{breakdown_keys, period_of};
use crate::entity::{
    dimension, dimension_code, framework, framework_node, indicator, indicator_dimension,
    indicator_node, objective_indicator, observation, output_feed, series, target,
};
use crate::{Store, StoreError};

type R<T> = Result<T, StoreError>;

/// A dimension of an indicator: its code, its name, its codes with their names.
pub type DimensionRow = (String, Json, Vec<(String, Json)>);

/// An indicator with what describes it.
#[derive(Debug, Clone)]
pub struct IndicatorRow {
    pub row: indicator::Model,
    /// (dimension code, its name, its codes with their names), in the indicator's order.
    pub dimensions: Vec<DimensionRow>,
    /// (framework code, node code, node title).
    pub links: Vec<(String, String, Json)>,
    /// What a computed indicator is worked out from.
    pub parts: Option<Parts>,
}

/// A computed indicator's parts: numerator ÷ denominator × factor, when read.
#[derive(Debug, Clone)]
pub struct Parts {
    pub numerator: indicator::Model,
    pub denominator: indicator::Model,
    pub factor: f64,
}

/// One stored value.
#[derive(Debug, Clone)]
pub struct ObservationRow {
    pub period: Period,
    pub dims: Dims,
    pub value: f64,
    pub status: String,
    pub note: Option<String>,
    pub source: Option<String>,
    pub sample: bool,
}

/// A target of a series.
#[derive(Debug, Clone)]
pub struct TargetRow {
    pub dims: Dims,
    pub base_year: i32,
    pub target_year: Option<i32>,
    pub value: Option<f64>,
    pub limit: Option<f64>,
    pub local_target: Option<String>,
    pub sample: bool,
}

/// One city's data for one indicator.
#[derive(Debug, Clone, Default)]
pub struct SeriesData {
    pub version: i32,
    pub updated_at: Option<i64>,
    pub observations: Vec<ObservationRow>,
    pub targets: Vec<TargetRow>,
}

impl Store {
    /// The indicators a city may report on (the network's and its own), in code order;
    /// every city's when `city_id` is none.
    pub async fn indicators(&self, city_id: Option<i32>) -> R<Vec<IndicatorRow>> {
        self.indicators_where(city_id, None).await
    }

    /// One indicator a city may report on, by code.
    pub async fn indicator_for(&self, city_id: i32, code: &str) -> R<Option<IndicatorRow>> {
        Ok(self
            .indicators_where(Some(city_id), Some(code))
            .await?
            .into_iter()
            .next())
    }

    async fn indicators_where(
        &self,
        city_id: Option<i32>,
        code: Option<&str>,
    ) -> R<Vec<IndicatorRow>> {
        let db = self.connection();
        let mut q = indicator::Entity::find().filter(indicator::Column::DeletedAt.is_null());
        if let Some(city) = city_id {
            q = q.filter(
                indicator::Column::CityId
                    .is_null()
                    .or(indicator::Column::CityId.eq(city)),
            );
        }
        if let Some(code) = code {
            q = q.filter(indicator::Column::Code.eq(code));
        }
        let rows = q.order_by_asc(indicator::Column::Code).all(db).await?;
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
        let dims = dimension::Entity::find().all(db).await?;
        let uses = indicator_dimension::Entity::find()
            .filter(indicator_dimension::Column::IndicatorId.is_in(ids.clone()))
            .order_by_asc(indicator_dimension::Column::Position)
            .all(db)
            .await?;
        let codes = dimension_code::Entity::find()
            .filter(dimension_code::Column::DimensionId.is_in(uses.iter().map(|u| u.dimension_id)))
            .order_by_asc(dimension_code::Column::Position)
            .all(db)
            .await?;
        let links = indicator_node::Entity::find()
            .filter(indicator_node::Column::IndicatorId.is_in(ids))
            .all(db)
            .await?;
        let nodes = framework_node::Entity::find()
            .filter(framework_node::Column::Id.is_in(links.iter().map(|l| l.node_id)))
            .all(db)
            .await?;
        let frameworks = framework::Entity::find().all(db).await?;
        let part_ids: Vec<i32> = rows
            .iter()
            .flat_map(|r| [r.numerator_id, r.denominator_id])
            .flatten()
            .collect();
        let part_rows = if part_ids.is_empty() {
            Vec::new()
        } else {
            indicator::Entity::find()
                .filter(indicator::Column::Id.is_in(part_ids))
                .all(db)
                .await?
        };
        let part = |id: Option<i32>| part_rows.iter().find(|p| Some(p.id) == id).cloned();
        Ok(rows
            .into_iter()
            .map(|row| {
                let dimensions = uses
                    .iter()
                    .filter(|u| u.indicator_id == row.id)
                    .filter_map(|u| dims.iter().find(|d| d.id == u.dimension_id))
                    .map(|d| {
                        let cs = codes
                            .iter()
                            .filter(|c| c.dimension_id == d.id)
                            .map(|c| (c.code.clone(), c.name.clone()))
                            .collect();
                        (d.code.clone(), d.name.clone(), cs)
                    })
                    .collect();
                let links = links
                    .iter()
                    .filter(|l| l.indicator_id == row.id)
                    .filter_map(|l| nodes.iter().find(|n| n.id == l.node_id))
                    .filter_map(|n| {
                        let f = frameworks.iter().find(|f| f.id == n.framework_id)?;
                        Some((f.code.clone(), n.code.clone(), n.title.clone()))
                    })
                    .collect();
                let parts = match (part(row.numerator_id), part(row.denominator_id), row.factor) {
                    (Some(numerator), Some(denominator), Some(factor)) => Some(Parts {
                        numerator,
                        denominator,
                        factor,
                    }),
                    _ => None,
                };
                IndicatorRow {
                    row,
                    dimensions,
                    links,
                    parts,
                }
            })
            .collect())
    }

    /// A city's data for an indicator, values in period order.
    pub async fn series_data(&self, indicator_id: i32, city_id: i32) -> R<SeriesData> {
        let db = self.connection();
        let Some(s) = series::Entity::find()
            .filter(series::Column::IndicatorId.eq(indicator_id))
            .filter(series::Column::CityId.eq(city_id))
            .one(db)
            .await?
        else {
            return Ok(SeriesData::default());
        };
        type Columns = (
            i32,
            i32,
            i32,
            f64,
            String,
            Option<String>,
            Option<String>,
            bool,
        );
        let rows = observation::Entity::find()
            .select_only()
            .columns([
                observation::Column::Period,
                observation::Column::Months,
                observation::Column::BreakdownId,
                observation::Column::Value,
                observation::Column::Status,
                observation::Column::Note,
                observation::Column::Source,
                observation::Column::Sample,
            ])
            .filter(observation::Column::SeriesId.eq(s.id))
            .order_by_asc(observation::Column::Period)
            .order_by_desc(observation::Column::Months)
            .into_tuple::<Columns>()
            .all(db)
            .await?;
        let keys = breakdown_keys(db, rows.iter().map(|r| r.2)).await?;
        let dims: std::collections::HashMap<i32, Dims> = keys
            .into_iter()
            .map(|(id, key)| (id, Dims::from_key(&key)))
            .collect();
        let observations = rows
            .into_iter()
            .filter_map(
                |(start, months, breakdown, value, status, note, source, sample)| {
                    Some(ObservationRow {
                        period: period_of(start, months)?,
                        dims: dims.get(&breakdown)?.clone(),
                        value,
                        status,
                        note,
                        source,
                        sample,
                    })
                },
            )
            .collect();
        let targets = target::Entity::find()
            .filter(target::Column::SeriesId.eq(s.id))
            .all(db)
            .await?
            .into_iter()
            .map(|t| TargetRow {
                dims: Dims::from_key(&t.dims),
                base_year: t.base_year,
                target_year: t.target_year,
                value: t.value,
                limit: t.natural_limit,
                local_target: t.local_target,
                sample: t.sample,
            })
            .collect();
        Ok(SeriesData {
            version: s.version,
            updated_at: Some(s.updated_at),
            observations,
            targets,
        })
    }

    /// The version of a city's series of an indicator (0 while it has none).
    pub async fn series_version(&self, indicator_id: i32, city_id: i32) -> R<i32> {
        Ok(series::Entity::find()
            .filter(series::Column::IndicatorId.eq(indicator_id))
            .filter(series::Column::CityId.eq(city_id))
            .one(self.connection())
            .await?
            .map_or(0, |s| s.version))
    }

    /// Every series of a city: (indicator id, series id).
    pub async fn city_series(&self, city_id: i32) -> R<Vec<(i32, i32)>> {
        Ok(series::Entity::find()
            .filter(series::Column::CityId.eq(city_id))
            .all(self.connection())
            .await?
            .into_iter()
            .map(|s| (s.indicator_id, s.id))
            .collect())
    }

    /// The indicators each objective of a city is measured by: (objective id, indicator id).
    pub async fn objective_indicators(&self) -> R<Vec<(i32, i32)>> {
        Ok(objective_indicator::Entity::find()
            .all(self.connection())
            .await?
            .into_iter()
            .map(|o| (o.objective_id, o.indicator_id))
            .collect())
    }

    /// Programme outputs that feed an indicator.
    pub async fn output_feeds(&self, indicator_id: i32) -> R<Vec<output_feed::Model>> {
        Ok(output_feed::Entity::find()
            .filter(output_feed::Column::IndicatorId.eq(indicator_id))
            .all(self.connection())
            .await?)
    }
}

impl Store {
    /// A programme with its outputs.
    pub async fn programme_outputs(
        &self,
        programme_id: i32,
    ) -> R<
        Option<(
            crate::entity::programme::Model,
            Vec<crate::entity::output::Model>,
        )>,
    > {
        let Some(p) = crate::entity::programme::Entity::find_by_id(programme_id)
            .one(self.connection())
            .await?
        else {
            return Ok(None);
        };
        let outputs = self.outputs(programme_id).await?;
        Ok(Some((p, outputs)))
    }

    /// The live objectives of a city's current strategy, in order.
    pub async fn city_objectives(&self, city_id: i32) -> R<Vec<crate::entity::objective::Model>> {
        match self.current_strategy(city_id).await? {
            Some(s) => self.objectives_of(s.id).await,
            None => Ok(Vec::new()),
        }
    }

    /// The cities with data for each indicator: indicator id → city ids.
    pub async fn series_cities(&self) -> R<std::collections::HashMap<i32, Vec<i32>>> {
        let mut out: std::collections::HashMap<i32, Vec<i32>> = Default::default();
        for s in series::Entity::find().all(self.connection()).await? {
            out.entry(s.indicator_id).or_default().push(s.city_id);
        }
        Ok(out)
    }
}

impl Store {
    /// The network's dimensions, in their order.
    pub async fn dimensions(&self) -> R<Vec<dimension::Model>> {
        Ok(dimension::Entity::find()
            .order_by_asc(dimension::Column::Position)
            .all(self.connection())
            .await?)
    }

    /// Each dimension's SDMX concept (`sex` → `SEX`).
    pub async fn dimension_concepts(&self) -> R<std::collections::HashMap<String, String>> {
        Ok(dimension::Entity::find()
            .all(self.connection())
            .await?
            .into_iter()
            .map(|d| (d.code, d.sdmx))
            .collect())
    }
}
