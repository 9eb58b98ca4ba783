//! A challenge a city rated for itself, 1–5.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "city_challenges")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub city_id: i32,
    pub position: i32,
    #[sea_orm(column_type = "Json")]
    pub topic: Json,
    pub rating: i16,
    pub sample: bool,
    /// The common challenge (`challenges` taxonomy node) this one is, when the city said.
    pub theme_node_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
