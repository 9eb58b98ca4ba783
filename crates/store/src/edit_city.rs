//! A city's profile as a versioned kind (see [`crate::versioned`]).

use forja_core::LocalizedText;
use forja_core::edit::{CityFields, NewCityFields};
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
        population_source: c.population_source.clone(),
        hidden_from_peers: c.hidden_from_peers,
    }
}

impl Versioned for City {
    const ENTITY: &'static str = CITY;
    const TABLE: &'static str = "cities";
    const DELETABLE: bool = false;
    type Fields = CityFields;

    fn carry(fields: &mut CityFields, before: &CityFields) {
        fields.keep_source(before);
    }

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
                city::Column::PopulationSource,
                Expr::value(fields.population_source.clone()),
            )
            .col_expr(
                city::Column::Languages,
                Expr::value(serde_json::to_value(&fields.languages).unwrap_or(Json::Null)),
            )
            .col_expr(
                city::Column::HiddenFromPeers,
                Expr::value(fields.hidden_from_peers),
            )
            .filter(city::Column::Id.eq(id))
            .exec(tx)
            .await?;
        Ok(())
    }
}

impl Store {
    /// Adds a member city as version 1, its profile as the first revision; `None` when
    /// the slug is taken.
    pub async fn create_city(
        &self,
        fields: &NewCityFields,
        user_id: Option<i32>,
        now: i64,
    ) -> Result<Option<i32>, StoreError> {
        use sea_orm::{ActiveModelTrait, Set, TransactionTrait};
        let Some(network) = self.network().await? else {
            return Ok(None);
        };
        if self.city_by_slug(&fields.slug).await?.is_some() {
            return Ok(None);
        }
        let tx = self.connection().begin().await?;
        let row = city::ActiveModel {
            network_id: Set(network.id),
            slug: Set(fields.slug.clone()),
            name: Set(serde_json::to_value(&fields.name).unwrap_or(Json::Null)),
            country: Set(fields.country.clone()),
            latitude: Set(fields.latitude),
            longitude: Set(fields.longitude),
            population: Set(fields.population),
            population_year: Set(fields.population_year),
            population_source: Set(fields.geonames_id.map(|_| "GeoNames".to_owned())),
            geonames_id: Set(fields.geonames_id),
            area_km2: Set(None),
            languages: Set(serde_json::to_value(&fields.languages).unwrap_or(Json::Null)),
            default_locale: Set(fields.default_locale.clone()),
            joined_year: Set(fields.joined_year),
            joined_on: Set(None),
            clusters_sample: Set(false),
            website: Set(None),
            history: Set(None),
            context: Set(None),
            version: Set(1),
            ..Default::default()
        }
        .insert(&tx)
        .await;
        let row = match row {
            Ok(row) => row,
            Err(_) if self.city_by_slug(&fields.slug).await?.is_some() => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        self.finish_create::<City>(tx, row.id, row.id, &fields.profile(), user_id, now)
            .await?;
        Ok(Some(row.id))
    }
}
