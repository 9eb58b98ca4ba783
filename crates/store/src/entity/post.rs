//! A post in a discussion.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "posts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub discussion_id: i32,
    pub parent_id: Option<i32>,
    pub depth: i32,
    pub user_id: Option<i32>,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    pub position: Option<String>,
    pub created_at: i64,
    pub report_count: i32,
    pub state: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
