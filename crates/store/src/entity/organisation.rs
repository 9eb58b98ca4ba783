//! An organisation that takes part in programmes.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "organisations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub city_id: Option<i32>,
    pub slug: String,
    #[sea_orm(column_type = "Json")]
    pub name: Json,
    pub kind: String,
    pub website: Option<String>,
    pub collective: bool,
    pub version: i32,
    pub deleted_at: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
