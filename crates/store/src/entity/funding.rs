//! A funding source of a programme; amounts in minor units.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "funding")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub programme_id: i32,
    #[sea_orm(column_type = "Json")]
    pub source: Json,
    pub organisation_id: Option<i32>,
    pub amount_minor: Option<i64>,
    pub currency: String,
    pub sample: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
