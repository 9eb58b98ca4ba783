//! An indicator: the network's or a city's own.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "indicators")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub code: String,
    pub city_id: Option<i32>,
    #[sea_orm(column_type = "Json")]
    pub name: Json,
    #[sea_orm(column_type = "Json")]
    pub definition: Json,
    #[sea_orm(column_type = "Json")]
    pub period_note: Json,
    #[sea_orm(column_type = "Json")]
    pub source: Json,
    #[sea_orm(column_type = "Json")]
    pub methodology: Json,
    pub unit: String,
    pub currency: Option<String>,
    pub decimals: i32,
    pub direction: String,
    pub periodicity: String,
    pub numerator_id: Option<i32>,
    pub denominator_id: Option<i32>,
    pub factor: Option<f64>,
    pub disclosure_threshold: Option<i32>,
    pub disclosure_round: Option<i32>,
    pub version: i32,
    pub deleted_at: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
