//! A member city and its profile.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "cities")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub network_id: i32,
    pub slug: String,
    #[sea_orm(column_type = "Json")]
    pub name: Json,
    pub country: String,
    pub latitude: f64,
    pub longitude: f64,
    pub population: Option<i64>,
    pub population_year: Option<i32>,
    pub population_source: Option<String>,
    pub geonames_id: Option<i64>,
    pub area_km2: Option<f64>,
    #[sea_orm(column_type = "Json")]
    pub languages: Json,
    pub default_locale: String,
    pub joined_year: i32,
    pub joined_on: Option<Date>,
    pub clusters_sample: bool,
    pub website: Option<String>,
    #[sea_orm(column_type = "Json", nullable)]
    pub history: Option<Json>,
    #[sea_orm(column_type = "Json", nullable)]
    pub context: Option<Json>,
    pub version: i32,
    /// UNESCO region code (`core::roster::Region`).
    pub region: Option<String>,
    /// The address of the announcement naming the city a member.
    pub membership_source: Option<String>,
    /// The city asked never to be suggested as another city's peer.
    pub hidden_from_peers: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
