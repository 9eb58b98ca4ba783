//! Search is an index each process keeps in memory and feeds from the database. Every
//! process rebuilds its index whole when this number moves (`forja search reindex`),
//! and otherwise follows the revisions, by time.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("content_generation")
                .add_column(big_integer("search_epoch").default(0))
                .to_owned(),
        )
        .await?;
        // The follower asks for the revisions of the last seconds.
        m.create_index(
            Index::create()
                .name("ix_revisions_at")
                .table("revisions")
                .col("at")
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("ix_revisions_at")
                .table("revisions")
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("content_generation")
                .drop_column("search_epoch")
                .to_owned(),
        )
        .await
    }
}
