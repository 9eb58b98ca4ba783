//! A discussion of policy, attached to a practice, a strategy or a theme.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "discussions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub slug: String,
    pub subject_kind: String,
    pub subject: String,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    pub asks_position: bool,
    pub user_id: Option<i32>,
    pub city_id: Option<i32>,
    pub created_at: i64,
    pub last_post_at: i64,
    pub post_count: i32,
    pub closed_at: Option<i64>,
    #[sea_orm(column_type = "Text", nullable)]
    pub summary: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
