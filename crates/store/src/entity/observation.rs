//! One value: indicator × city (the series) × period × breakdown, which together are
//! its key. A period is a month number (`year × 12 + month − 1`) and a length in
//! months; a breakdown is an id in `breakdowns` (see migration m0007 for why).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "observations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub series_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub period: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub months: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub breakdown_id: i32,
    pub value: f64,
    pub status: String,
    pub note: Option<String>,
    pub source: Option<String>,
    pub sample: bool,
    pub import_id: Option<i32>,
    pub created_import_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
