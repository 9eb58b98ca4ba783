//! A programme or project of a city.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "programmes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub city_id: i32,
    pub slug: String,
    pub parent_id: Option<i32>,
    pub weight: f64,
    pub status: String,
    pub start_on: Option<Date>,
    pub end_on: Option<Date>,
    pub dates_sample: bool,
    pub progress: Option<f64>,
    pub progress_sample: bool,
    pub position: i32,
    #[sea_orm(column_type = "Json")]
    pub title: Json,
    #[sea_orm(column_type = "Json")]
    pub summary: Json,
    #[sea_orm(column_type = "Json")]
    pub description: Json,
    #[sea_orm(column_type = "Json", nullable)]
    pub place_name: Option<Json>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub place_sample: bool,
    pub sample: bool,
    pub version: i32,
    pub deleted_at: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
