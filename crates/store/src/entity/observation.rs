//! One value: indicator × city (the series) × period × breakdown.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "observations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub series_id: i32,
    pub period_start: String,
    pub months: i32,
    pub dims: String,
    pub value: f64,
    pub status: String,
    pub note: Option<String>,
    pub source: Option<String>,
    pub sample: bool,
    pub import_id: Option<i32>,
    pub created_import_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
