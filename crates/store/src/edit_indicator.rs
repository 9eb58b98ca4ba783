//! An indicator of the catalogue as a versioned kind (see [`crate::versioned`]): the
//! network's carry city 0 in their revisions, a city's own that city. A change that
//! would corrupt stored values is refused inside the save's transaction, naming them: a
//! dimension the values are broken down by, a unit the values do not fit, a dimension
//! a computed indicator needs from its part.

use std::collections::HashMap;

use forja_core::LocalizedText;
use forja_core::edit::IndicatorFields;
use sea_orm::sea_query::{Expr, ExprTrait, SimpleExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde_json::Value as Json;

use crate::entity::{
    breakdown, city, dimension, indicator, indicator_dimension, observation, series,
};
use crate::versioned::{Current, Versioned};
use crate::{Store, StoreError};

type R<T> = Result<T, StoreError>;

pub const INDICATOR: &str = "indicator";

pub struct Indicator;

fn text(value: &Json) -> LocalizedText {
    serde_json::from_value(value.clone()).unwrap_or_default()
}

fn json(t: &LocalizedText) -> Json {
    serde_json::to_value(t).unwrap_or(Json::Null)
}

/// An indicator's stored fields.
async fn fields_of(db: &impl sea_orm::ConnectionTrait, i: &indicator::Model) -> R<IndicatorFields> {
    let uses = indicator_dimension::Entity::find()
        .filter(indicator_dimension::Column::IndicatorId.eq(i.id))
        .order_by_asc(indicator_dimension::Column::Position)
        .all(db)
        .await?;
    let dims = dimension::Entity::find().all(db).await?;
    Ok(IndicatorFields {
        name: text(&i.name),
        definition: text(&i.definition),
        period_note: text(&i.period_note),
        source: text(&i.source),
        methodology: text(&i.methodology),
        unit: i.unit.clone(),
        currency: i.currency.clone(),
        decimals: u8::try_from(i.decimals).unwrap_or(0),
        better: i.direction.clone(),
        periodicity: i.periodicity.clone(),
        dimensions: uses
            .iter()
            .filter_map(|u| dims.iter().find(|d| d.id == u.dimension_id))
            .map(|d| d.code.clone())
            .collect(),
        disclosure_threshold: i.disclosure_threshold.and_then(|t| u32::try_from(t).ok()),
        disclosure_round: i.disclosure_round.and_then(|t| u32::try_from(t).ok()),
    })
}

/// Per city that has them: how many of the indicator's values match `filter`, and the
/// years they span, as "Reșița: 27 (2019–2025)".
async fn values_where(
    tx: &DatabaseTransaction,
    indicator_id: i32,
    filter: SimpleExpr,
) -> R<Vec<String>> {
    let series = series::Entity::find()
        .filter(series::Column::IndicatorId.eq(indicator_id))
        .all(tx)
        .await?;
    if series.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(i32, i64, i32, i32)> = observation::Entity::find()
        .select_only()
        .column(observation::Column::SeriesId)
        .column_as(observation::Column::Value.count(), "n")
        .column_as(observation::Column::Period.min(), "first")
        .column_as(observation::Column::Period.max(), "last")
        .filter(observation::Column::SeriesId.is_in(series.iter().map(|s| s.id)))
        .filter(filter)
        .group_by(observation::Column::SeriesId)
        .into_tuple()
        .all(tx)
        .await?;
    let cities: HashMap<i32, String> = city::Entity::find()
        .filter(city::Column::Id.is_in(series.iter().map(|s| s.city_id)))
        .all(tx)
        .await?
        .into_iter()
        .map(|c| {
            let name = text(&c.name);
            (
                c.id,
                name.get_exact("ro")
                    .or(name.get_exact("en"))
                    .unwrap_or(&c.slug)
                    .to_owned(),
            )
        })
        .collect();
    Ok(rows
        .into_iter()
        .filter_map(|(series_id, n, first, last)| {
            let s = series.iter().find(|s| s.id == series_id)?;
            let (first, last) = (first.div_euclid(12), last.div_euclid(12));
            let years = if first == last {
                first.to_string()
            } else {
                format!("{first}–{last}")
            };
            Some(format!("{}: {n} ({years})", cities.get(&s.city_id)?))
        })
        .collect())
}

/// Values of the indicator that a unit refuses (see `core::monitoring::indicator::Unit`).
fn refused_by(unit: &str) -> Option<SimpleExpr> {
    let v = || Expr::col(observation::Column::Value);
    Some(match unit {
        "percent" => v().lt(0.0).or(v().gt(100.0)),
        "per-1000" => v().lt(0.0).or(v().gt(1000.0)),
        "count" => v().lt(0.0).or(Expr::cust("value <> ROUND(value)")),
        "yes-no" => v().is_not_in([0.0, 1.0]),
        _ => return None,
    })
}

impl Versioned for Indicator {
    const ENTITY: &'static str = INDICATOR;
    const TABLE: &'static str = "indicators";
    const DELETABLE: bool = false;
    type Fields = IndicatorFields;

    /// A form lists dimensions in the network's order: those kept stay where tables
    /// showed them (the first is the entry table's columns), new ones after.
    fn carry(fields: &mut IndicatorFields, before: &IndicatorFields) {
        let at = |d: &String| {
            before
                .dimensions
                .iter()
                .position(|b| b == d)
                .unwrap_or(usize::MAX)
        };
        fields.dimensions.sort_by_key(at);
    }

    async fn read(store: &Store, id: i32) -> R<Option<Current<IndicatorFields>>> {
        let db = store.connection();
        let Some(i) = indicator::Entity::find_by_id(id).one(db).await? else {
            return Ok(None);
        };
        Ok(Some(Current {
            fields: fields_of(db, &i).await?,
            version: i.version,
            city_id: i.city_id.unwrap_or(0),
            deleted: i.deleted_at.is_some(),
        }))
    }

    async fn write(tx: &DatabaseTransaction, id: i32, _: i32, f: &IndicatorFields) -> R<()> {
        let col = |c: indicator::Column, v: sea_orm::Value| (c, Expr::value(v));
        let mut update = indicator::Entity::update_many();
        for (c, v) in [
            col(indicator::Column::Name, json(&f.name).into()),
            col(indicator::Column::Definition, json(&f.definition).into()),
            col(indicator::Column::PeriodNote, json(&f.period_note).into()),
            col(indicator::Column::Source, json(&f.source).into()),
            col(indicator::Column::Methodology, json(&f.methodology).into()),
            col(indicator::Column::Unit, f.unit.clone().into()),
            col(indicator::Column::Currency, f.currency.clone().into()),
            col(indicator::Column::Decimals, i32::from(f.decimals).into()),
            col(indicator::Column::Direction, f.better.clone().into()),
            col(indicator::Column::Periodicity, f.periodicity.clone().into()),
            col(
                indicator::Column::DisclosureThreshold,
                f.disclosure_threshold.map(|t| t as i32).into(),
            ),
            col(
                indicator::Column::DisclosureRound,
                f.disclosure_round.map(|t| t as i32).into(),
            ),
        ] {
            update = update.col_expr(c, v);
        }
        update.filter(indicator::Column::Id.eq(id)).exec(tx).await?;
        indicator_dimension::Entity::delete_many()
            .filter(indicator_dimension::Column::IndicatorId.eq(id))
            .exec(tx)
            .await?;
        let dims = dimension::Entity::find().all(tx).await?;
        for (position, code) in f.dimensions.iter().enumerate() {
            let Some(d) = dims.iter().find(|d| &d.code == code) else {
                return Err(StoreError::BrokenReferences(vec![format!(
                    "indicator {id}: dimension {code}"
                )]));
            };
            indicator_dimension::ActiveModel {
                indicator_id: Set(id),
                dimension_id: Set(d.id),
                position: Set(position as i32),
                ..Default::default()
            }
            .insert(tx)
            .await?;
        }
        Ok(())
    }

    async fn breaks(
        tx: &DatabaseTransaction,
        id: i32,
        before: &IndicatorFields,
        after: &IndicatorFields,
    ) -> R<Vec<(String, Vec<String>)>> {
        let mut out = Vec::new();
        let mut lost = Vec::new();
        for d in before
            .dimensions
            .iter()
            .filter(|d| !after.dimensions.contains(d))
        {
            // A breakdown's key names the dimension at its start or after a `|`.
            let keys: Vec<i32> = breakdown::Entity::find()
                .filter(
                    breakdown::Column::Key
                        .like(format!("{d}=%"))
                        .or(breakdown::Column::Key.like(format!("%|{d}=%"))),
                )
                .all(tx)
                .await?
                .into_iter()
                .map(|b| b.id)
                .collect();
            if !keys.is_empty() {
                lost.extend(
                    values_where(tx, id, observation::Column::BreakdownId.is_in(keys))
                        .await?
                        .into_iter()
                        .map(|by| format!("{d} — {by}")),
                );
            }
            // A computed indicator pairs its parts' values by breakdown.
            for c in indicator::Entity::find()
                .filter(
                    indicator::Column::NumeratorId
                        .eq(id)
                        .or(indicator::Column::DenominatorId.eq(id)),
                )
                .all(tx)
                .await?
            {
                if fields_of(tx, &c).await?.dimensions.contains(d) {
                    lost.push(format!("{d} — {}", c.code));
                }
            }
        }
        if !lost.is_empty() {
            out.push(("dimensions".to_owned(), lost));
        }
        if before.unit != after.unit
            && let Some(filter) = refused_by(&after.unit)
        {
            let misfit = values_where(tx, id, filter).await?;
            if !misfit.is_empty() {
                out.push(("unit".to_owned(), misfit));
            }
        }
        Ok(out)
    }
}

impl Store {
    /// An indicator a city may report on (the network's, or the city's own), by code;
    /// with no city, only the network's.
    pub async fn indicator_row(
        &self,
        city_id: Option<i32>,
        code: &str,
    ) -> R<Option<indicator::Model>> {
        let mut q = indicator::Entity::find()
            .filter(indicator::Column::Code.eq(code))
            .filter(indicator::Column::DeletedAt.is_null());
        q = match city_id {
            Some(c) => q.filter(
                indicator::Column::CityId
                    .is_null()
                    .or(indicator::Column::CityId.eq(c)),
            ),
            None => q.filter(indicator::Column::CityId.is_null()),
        };
        Ok(q.one(self.connection()).await?)
    }
}
