//! One version of an edited thing: who, when, what it was.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "revisions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub entity: String,
    pub entity_id: i32,
    pub city_id: Option<i32>,
    pub version: i32,
    pub op: String,
    pub user_id: Option<i32>,
    pub at: i64,
    #[sea_orm(column_type = "Json")]
    pub snapshot: Json,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
