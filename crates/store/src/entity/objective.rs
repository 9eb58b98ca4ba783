//! An objective of a strategy.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "objectives")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub strategy_id: i32,
    pub code: String,
    pub position: i32,
    #[sea_orm(column_type = "Json")]
    pub title: Json,
    #[sea_orm(column_type = "Json", nullable)]
    pub description: Option<Json>,
    pub version: i32,
    pub deleted_at: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
