//! An import of observations, kept so it can be undone.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "imports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub city_id: i32,
    pub user_id: Option<i32>,
    pub at: i64,
    pub file_name: String,
    pub sha256: String,
    pub format: String,
    pub created: i32,
    pub updated: i32,
    pub unchanged: i32,
    pub deleted: i32,
    pub undone_at: Option<i64>,
    pub undone_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
