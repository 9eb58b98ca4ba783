//! A network of learning cities.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "networks")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub slug: String,
    #[sea_orm(column_type = "Json")]
    pub name: Json,
    #[sea_orm(column_type = "Json")]
    pub summary: Json,
    /// What the network itself announced, when the roster here may be partial.
    pub announced_cities: Option<i32>,
    pub announced_countries: Option<i32>,
    /// `YYYY-MM`.
    pub announced_as_of: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
