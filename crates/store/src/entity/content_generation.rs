//! A counter bumped on every content write, for cache invalidation across processes.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "content_generation")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub generation: i64,
    /// Moved by `forja search reindex`: every process rebuilds its search index.
    pub search_epoch: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
