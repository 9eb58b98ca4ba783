//! A city's partner request: one versioned document, and how many replies it took.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "partner_requests")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub city_id: i32,
    pub slug: String,
    #[sea_orm(column_type = "Json")]
    pub document: Json,
    pub version: i32,
    pub deleted_at: Option<i64>,
    pub closed_at: Option<i64>,
    pub reply_count: i32,
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
