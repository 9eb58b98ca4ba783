//! A node of a framework tree (section, area, feature, goal, target, ...).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "framework_nodes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub framework_id: i32,
    pub code: String,
    pub parent_id: Option<i32>,
    pub kind: String,
    pub draft: bool,
    pub position: i32,
    #[sea_orm(column_type = "Json")]
    pub title: Json,
    #[sea_orm(column_type = "Json", nullable)]
    pub summary: Option<Json>,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
