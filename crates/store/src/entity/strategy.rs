//! A city's learning strategy for one plan period.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "strategies")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub city_id: i32,
    #[sea_orm(column_type = "Json")]
    pub title: Json,
    pub period_start: i32,
    pub period_end: Option<i32>,
    pub period_sample: bool,
    pub status: String,
    #[sea_orm(column_type = "Json")]
    pub vision: Json,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
