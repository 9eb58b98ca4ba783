//! A good practice of a city: one versioned document; readers see its published
//! version once network staff publish it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "practices")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub city_id: i32,
    pub slug: String,
    #[sea_orm(column_type = "Json")]
    pub document: Json,
    pub version: i32,
    pub deleted_at: Option<i64>,
    pub published_version: Option<i32>,
    pub published_at: Option<i64>,
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
