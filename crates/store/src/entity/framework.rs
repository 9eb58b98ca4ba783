//! A framework or taxonomy, loaded from `data/frameworks/` and versioned.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "frameworks")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub code: String,
    pub kind: String,
    pub version: String,
    pub draft: bool,
    pub position: i32,
    #[sea_orm(column_type = "Json")]
    pub title: Json,
    #[sea_orm(column_type = "Json")]
    pub summary: Json,
    #[sea_orm(column_type = "Json")]
    pub source: Json,
    #[sea_orm(column_type = "Json", nullable)]
    pub draft_note: Option<Json>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
