//! A city's ties between its plan and its figures: objectives measured by indicators,
//! programme outputs feeding them, and targets. Each names what it ties by code, and a
//! code that does not exist is named back.

use forja_core::monitoring::indicator::Dims;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set, TransactionTrait};

use crate::entity::{
    indicator, objective, objective_indicator, output_feed, programme, strategy, target,
};
use crate::{Store, StoreError};

type R<T> = Result<T, StoreError>;

/// A target as a data file or form states it.
#[derive(Debug, Clone)]
pub struct NewTarget {
    pub indicator: String,
    pub dims: Dims,
    pub base_year: i32,
    pub target_year: Option<i32>,
    pub value: Option<f64>,
    pub limit: Option<f64>,
    pub local_target: Option<String>,
    pub sample: bool,
}

impl Store {
    async fn indicator_id(&self, tx: &impl sea_orm::ConnectionTrait, code: &str) -> R<i32> {
        indicator::Entity::find()
            .filter(indicator::Column::Code.eq(code))
            .one(tx)
            .await?
            .map(|i| i.id)
            .ok_or_else(|| StoreError::BrokenReferences(vec![format!("indicator {code}")]))
    }

    /// Ties a city's objectives (by code) to indicators (by code), one transaction.
    pub async fn link_objectives(&self, city_id: i32, links: &[(String, Vec<String>)]) -> R<()> {
        let tx = self.connection().begin().await?;
        let strategies: Vec<i32> = strategy::Entity::find()
            .filter(strategy::Column::CityId.eq(city_id))
            .all(&tx)
            .await?
            .into_iter()
            .map(|s| s.id)
            .collect();
        for (code, indicators) in links {
            let Some(obj) = objective::Entity::find()
                .filter(objective::Column::StrategyId.is_in(strategies.clone()))
                .filter(objective::Column::Code.eq(code))
                .one(&tx)
                .await?
            else {
                return Err(StoreError::BrokenReferences(vec![format!(
                    "objective {code}"
                )]));
            };
            for ind in indicators {
                let indicator_id = self.indicator_id(&tx, ind).await?;
                objective_indicator::ActiveModel {
                    objective_id: Set(obj.id),
                    indicator_id: Set(indicator_id),
                    ..Default::default()
                }
                .insert(&tx)
                .await?;
            }
        }
        Store::bump_generation(&tx).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Lets a programme output (city, programme slug, output code) feed an indicator.
    pub async fn add_output_feed(
        &self,
        city_id: i32,
        programme_slug: &str,
        output: &str,
        indicator: &str,
        period: &str,
    ) -> R<()> {
        let tx = self.connection().begin().await?;
        let Some(p) = programme::Entity::find()
            .filter(programme::Column::CityId.eq(city_id))
            .filter(programme::Column::Slug.eq(programme_slug))
            .one(&tx)
            .await?
        else {
            return Err(StoreError::BrokenReferences(vec![format!(
                "programme {programme_slug}"
            )]));
        };
        let indicator_id = self.indicator_id(&tx, indicator).await?;
        output_feed::ActiveModel {
            programme_id: Set(p.id),
            output_code: Set(output.to_owned()),
            indicator_id: Set(indicator_id),
            period: Set(period.to_owned()),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        Store::bump_generation(&tx).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Sets a city's target for an indicator (and breakdown), creating its series.
    pub async fn put_target(&self, city_id: i32, t: &NewTarget, at: i64) -> R<()> {
        let tx = self.connection().begin().await?;
        let indicator_id = self.indicator_id(&tx, &t.indicator).await?;
        let series_id = super::series_of(&tx, indicator_id, city_id, at).await?.id;
        target::Entity::delete_many()
            .filter(target::Column::SeriesId.eq(series_id))
            .filter(target::Column::Dims.eq(t.dims.key()))
            .exec(&tx)
            .await?;
        target::ActiveModel {
            series_id: Set(series_id),
            dims: Set(t.dims.key()),
            base_year: Set(t.base_year),
            target_year: Set(t.target_year),
            value: Set(t.value),
            natural_limit: Set(t.limit),
            local_target: Set(t.local_target.clone()),
            sample: Set(t.sample),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        Store::bump_generation(&tx).await?;
        tx.commit().await?;
        Ok(())
    }
}
