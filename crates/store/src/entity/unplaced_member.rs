//! A member the roster names whose place could not be found: kept with the reason,
//! listed apart from the map, never placed by a guess.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "unplaced_members")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub network_id: i32,
    pub name: String,
    pub country: String,
    pub region: String,
    pub joined_year: i32,
    pub source: String,
    /// Places GeoNames has of that name in that country: 0, or several.
    pub candidates: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
