//! A city's target for an indicator (and breakdown).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "targets")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub series_id: i32,
    pub dims: String,
    pub base_year: i32,
    pub target_year: Option<i32>,
    pub value: Option<f64>,
    pub natural_limit: Option<f64>,
    pub local_target: Option<String>,
    pub sample: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
