//! Programme statuses become something a network edits (what each says about a
//! programme's progress): versioned like every edited thing, with history.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("programme_statuses")
                .add_column(integer("version").default(1))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("programme_statuses")
                .drop_column("version")
                .to_owned(),
        )
        .await
    }
}
