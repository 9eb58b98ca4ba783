//! A breakdown's canonical text (`sex=F|urbanisation=R`; empty for the total), once:
//! observations refer to it by id. Never deleted, so an id once given stays valid.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "breakdowns")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub key: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
