//! A city that took up another city's practice.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "practice_adoptions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub practice_id: i32,
    pub city_id: i32,
    pub year: i32,
    #[sea_orm(column_type = "Json")]
    pub note: Json,
    pub sample: bool,
    pub created_at: i64,
    pub created_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
