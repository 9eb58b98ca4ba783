//! An output of a programme, expected versus reported.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "outputs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub programme_id: i32,
    pub code: String,
    #[sea_orm(column_type = "Json")]
    pub label: Json,
    #[sea_orm(column_type = "Json", nullable)]
    pub unit: Option<Json>,
    pub period: Option<String>,
    pub expected: Option<f64>,
    pub reported: Option<f64>,
    pub sample: bool,
    #[sea_orm(column_type = "Json", nullable)]
    pub source: Option<Json>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
