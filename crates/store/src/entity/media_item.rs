//! An item of a city's media library: the original and what is known of it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "media_items")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub city_id: i32,
    pub kind: String,
    pub status: String,
    pub error: Option<String>,
    /// The failure's class (`damaged`, `timeout`, ...): what the editor is told, and
    /// whether a retry is offered.
    pub failure: Option<String>,
    pub original_name: String,
    pub original_key: String,
    pub original_bytes: i64,
    pub sha256: String,
    #[sea_orm(column_type = "Json")]
    pub alt: Json,
    pub credit: String,
    pub licence: String,
    pub sample: bool,
    pub focal_x: Option<f64>,
    pub focal_y: Option<f64>,
    pub width: Option<i32>,
    pub height: Option<i32>,
    pub duration_ms: Option<i64>,
    pub placeholder: Option<String>,
    /// A video with a sound track (an audio item always has one).
    pub has_audio: bool,
    /// A picture's colours on a 32 × 18 grid (RGB), for the editor's contrast warning.
    pub samples: Option<Vec<u8>>,
    pub created_at: i64,
    pub created_by: Option<i32>,
    pub version: i32,
    pub deleted_at: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
