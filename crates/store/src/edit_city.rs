//! A city's profile as a versioned kind (see [`crate::versioned`]).

use forja_core::LocalizedText;
use forja_core::edit::CityFields;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use serde_json::Value as Json;

use crate::entity::city;
use crate::versioned::{Current, Versioned};
use crate::{Store, StoreError};

pub const CITY: &str = "city";

/// The versioned kind for city profiles.
pub struct City;

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

impl Versioned for City {
    const ENTITY: &'static str = CITY;
    const TABLE: &'static str = "cities";
    const DELETABLE: bool = false;
    type Fields = CityFields;

    async fn read(store: &Store, id: i32) -> Result<Option<Current<CityFields>>, StoreError> {
        Ok(city::Entity::find_by_id(id)
            .one(store.connection())
            .await?
            .map(|c| Current {
                fields: city_fields(&c),
                version: c.version,
                city_id: c.id,
                deleted: false,
            }))
    }

    async fn write(
        tx: &DatabaseTransaction,
        id: i32,
        _city_id: i32,
        fields: &CityFields,
    ) -> Result<(), StoreError> {
        let json = |t: &LocalizedText| serde_json::to_value(t).unwrap_or(Json::Null);
        let optional = |t: &LocalizedText| if t.is_empty() { None } else { Some(json(t)) };
        city::Entity::update_many()
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
            .filter(city::Column::Id.eq(id))
            .exec(tx)
            .await?;
        Ok(())
    }
}
