//! Saving a city's profile, with the same guarantees as programmes (see [`crate::edit`]):
//! compare-and-set on `version`, the revision written in the same transaction, the
//! imported state kept as the first revision, restores as new revisions.

use forja_core::LocalizedText;
use forja_core::edit::CityFields;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, TransactionTrait};
use serde_json::Value as Json;

use crate::edit::{Saved, add_revision, has_revisions};
use crate::entity::{city, revision};
use crate::{Store, StoreError};

pub const CITY: &str = "city";

fn text(value: &Option<Json>) -> LocalizedText {
    value
        .as_ref()
        .and_then(|v| serde_json::from_value(v.clone()).ok())
        .unwrap_or_default()
}

/// The editable fields of a stored city.
pub fn city_fields(c: &city::Model) -> CityFields {
    CityFields {
        name: serde_json::from_value(c.name.clone()).unwrap_or_default(),
        history: text(&c.history),
        context: text(&c.context),
        website: c.website.clone(),
        population: c.population,
        population_year: c.population_year,
        area_km2: c.area_km2,
        languages: serde_json::from_value(c.languages.clone()).unwrap_or_default(),
    }
}

impl Store {
    /// Saves a city's profile over `expected_version`.
    pub async fn save_city(
        &self,
        id: i32,
        expected_version: i32,
        fields: &CityFields,
        user_id: Option<i32>,
        now: i64,
    ) -> Result<Saved, StoreError> {
        self.change_city(id, expected_version, fields, "update", None, user_id, now)
            .await
    }

    /// Brings back the profile of revision `version` as a new revision.
    pub async fn restore_city(
        &self,
        id: i32,
        version: i32,
        expected_version: i32,
        user_id: Option<i32>,
        now: i64,
    ) -> Result<Saved, StoreError> {
        let Some(rev) = revision::Entity::find()
            .filter(revision::Column::Entity.eq(CITY))
            .filter(revision::Column::EntityId.eq(id))
            .filter(revision::Column::Version.eq(version))
            .one(self.connection())
            .await?
        else {
            return Ok(Saved::Missing);
        };
        let Ok(fields) = serde_json::from_value::<CityFields>(rev.snapshot.clone()) else {
            return Ok(Saved::Missing);
        };
        self.change_city(
            id,
            expected_version,
            &fields,
            "restore",
            Some(version),
            user_id,
            now,
        )
        .await
    }

    #[allow(clippy::too_many_arguments)]
    async fn change_city(
        &self,
        id: i32,
        expected_version: i32,
        fields: &CityFields,
        op: &str,
        restored_from: Option<i32>,
        user_id: Option<i32>,
        now: i64,
    ) -> Result<Saved, StoreError> {
        // Read outside the transaction, then write first (see `edit::change_programme`).
        let Some(before) = city::Entity::find_by_id(id).one(self.connection()).await? else {
            return Ok(Saved::Missing);
        };
        if before.version != expected_version {
            return Ok(Saved::Conflict {
                current_version: before.version,
            });
        }
        let tx = self.connection().begin().await?;
        let json = |t: &LocalizedText| serde_json::to_value(t).unwrap_or(Json::Null);
        let optional = |t: &LocalizedText| if t.is_empty() { None } else { Some(json(t)) };
        let changed = city::Entity::update_many()
            .col_expr(city::Column::Name, Expr::value(json(&fields.name)))
            .col_expr(
                city::Column::History,
                Expr::value(optional(&fields.history)),
            )
            .col_expr(
                city::Column::Context,
                Expr::value(optional(&fields.context)),
            )
            .col_expr(city::Column::Website, Expr::value(fields.website.clone()))
            .col_expr(city::Column::Population, Expr::value(fields.population))
            .col_expr(
                city::Column::PopulationYear,
                Expr::value(fields.population_year),
            )
            .col_expr(city::Column::AreaKm2, Expr::value(fields.area_km2))
            .col_expr(
                city::Column::Languages,
                Expr::value(serde_json::to_value(&fields.languages).unwrap_or(Json::Null)),
            )
            .col_expr(city::Column::Version, Expr::value(expected_version + 1))
            .filter(city::Column::Id.eq(id))
            .filter(city::Column::Version.eq(expected_version))
            .exec(&tx)
            .await?;
        if changed.rows_affected != 1 {
            tx.rollback().await?;
            let current = city::Entity::find_by_id(id).one(self.connection()).await?;
            return Ok(current.map_or(Saved::Missing, |c| Saved::Conflict {
                current_version: c.version,
            }));
        }
        if !has_revisions(&tx, CITY, id).await? {
            let snap = serde_json::to_value(city_fields(&before)).unwrap_or(Json::Null);
            add_revision(&tx, CITY, id, id, before.version, "import", None, now, snap).await?;
        }
        let mut snap = serde_json::to_value(fields).unwrap_or(Json::Null);
        if let (Json::Object(map), Some(v)) = (&mut snap, restored_from) {
            map.insert("restored_from".into(), Json::from(v));
        }
        add_revision(
            &tx,
            CITY,
            id,
            id,
            expected_version + 1,
            op,
            user_id,
            now,
            snap,
        )
        .await?;
        Store::bump_generation(&tx).await?;
        tx.commit().await?;
        Ok(Saved::Ok {
            version: expected_version + 1,
        })
    }
}
