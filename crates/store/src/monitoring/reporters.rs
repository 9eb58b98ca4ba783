//! Organisations that report a city's series of an indicator (m0008): whose partner
//! editors may enter and import it. Setting them is a change of the series like its
//! values: versioned, checked against the version the person saw, and in the history.

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QuerySelect, Set, TransactionTrait,
};
use serde_json::json;

use super::series_of;
use crate::entity::{import_change, observation, organisation, revision, series, series_reporter};
use crate::{Store, StoreError};

type R<T> = Result<T, StoreError>;

impl Store {
    /// The series' version (0 when it has none yet) and its reporting organisations
    /// (live ones).
    pub async fn reporters(&self, indicator_id: i32, city_id: i32) -> R<(i32, Vec<i32>)> {
        let db = self.connection();
        let Some(s) = series::Entity::find()
            .filter(series::Column::IndicatorId.eq(indicator_id))
            .filter(series::Column::CityId.eq(city_id))
            .one(db)
            .await?
        else {
            return Ok((0, Vec::new()));
        };
        let ids: Vec<i32> = series_reporter::Entity::find()
            .filter(series_reporter::Column::SeriesId.eq(s.id))
            .all(db)
            .await?
            .into_iter()
            .map(|r| r.organisation_id)
            .collect();
        let live = organisation::Entity::find()
            .filter(organisation::Column::Id.is_in(ids))
            .filter(organisation::Column::DeletedAt.is_null())
            .all(db)
            .await?
            .into_iter()
            .map(|o| o.id)
            .collect();
        Ok((s.version, live))
    }

    /// The indicators an organisation reports for the city.
    pub async fn reported_by(&self, city_id: i32, organisation_id: i32) -> R<Vec<i32>> {
        let db = self.connection();
        let series_ids: Vec<i32> = series_reporter::Entity::find()
            .filter(series_reporter::Column::OrganisationId.eq(organisation_id))
            .all(db)
            .await?
            .into_iter()
            .map(|r| r.series_id)
            .collect();
        Ok(series::Entity::find()
            .filter(series::Column::Id.is_in(series_ids))
            .filter(series::Column::CityId.eq(city_id))
            .all(db)
            .await?
            .into_iter()
            .map(|s| s.indicator_id)
            .collect())
    }

    /// Sets the organisations reporting the city's series of an indicator, if the
    /// series is still at `version`: the new version, or the stored one when another
    /// change came first (nothing written then).
    pub async fn set_reporters(
        &self,
        indicator_id: i32,
        city_id: i32,
        organisations: &[i32],
        version: i32,
        user_id: Option<i32>,
        at: i64,
    ) -> R<Result<i32, i32>> {
        let tx = self.connection().begin().await?;
        let s = series_of(&tx, indicator_id, city_id, at).await?;
        let bumped = series::Entity::update_many()
            .col_expr(
                series::Column::Version,
                Expr::col(series::Column::Version).add(1),
            )
            .col_expr(series::Column::UpdatedAt, Expr::value(at))
            .filter(series::Column::Id.eq(s.id))
            .filter(series::Column::Version.eq(version))
            .exec(&tx)
            .await?;
        if bumped.rows_affected == 0 {
            tx.rollback().await?;
            return Ok(Err(s.version));
        }
        series_reporter::Entity::delete_many()
            .filter(series_reporter::Column::SeriesId.eq(s.id))
            .exec(&tx)
            .await?;
        let mut sorted = organisations.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        for organisation_id in &sorted {
            series_reporter::ActiveModel {
                series_id: Set(s.id),
                organisation_id: Set(*organisation_id),
            }
            .insert(&tx)
            .await?;
        }
        revision::ActiveModel {
            entity: Set("series".into()),
            entity_id: Set(s.id),
            city_id: Set(Some(city_id)),
            version: Set(version + 1),
            op: Set("reporters".into()),
            user_id: Set(user_id),
            at: Set(at),
            snapshot: Set(json!({ "indicator_id": indicator_id, "reporters": sorted })),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        Store::bump_generation(&tx).await?;
        tx.commit().await?;
        Ok(Ok(version + 1))
    }

    /// The indicators whose values an import changed: those it replaced or removed
    /// (kept in `import_changes`) and those it added (marked on the values; a scan, as
    /// undoing is).
    pub async fn import_indicators(&self, import_id: i32) -> R<Vec<i32>> {
        let db = self.connection();
        let mut series_ids: Vec<i32> = import_change::Entity::find()
            .select_only()
            .column(import_change::Column::SeriesId)
            .distinct()
            .filter(import_change::Column::ImportId.eq(import_id))
            .into_tuple()
            .all(db)
            .await?;
        series_ids.extend(
            observation::Entity::find()
                .select_only()
                .column(observation::Column::SeriesId)
                .distinct()
                .filter(observation::Column::CreatedImportId.eq(import_id))
                .into_tuple::<i32>()
                .all(db)
                .await?,
        );
        Ok(series::Entity::find()
            .filter(series::Column::Id.is_in(series_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|s| s.indicator_id)
            .collect())
    }
}
