//! Framework nodes become editable by network administrators, with the same history as
//! everything else: a `version` for compare-and-set.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("framework_nodes")
                .add_column(integer("version").default(1))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("framework_nodes")
                .drop_column("version")
                .to_owned(),
        )
        .await
    }
}
