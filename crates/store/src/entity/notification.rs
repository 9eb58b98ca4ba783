//! Something a person should know, for their inbox and (when mail is on) an e-mail.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "notifications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: i32,
    pub kind: String,
    pub document: Json,
    pub link: String,
    pub created_at: i64,
    pub read_at: Option<i64>,
    pub mail_state: String,
    pub mail_attempts: i32,
    pub mail_lease_until: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
