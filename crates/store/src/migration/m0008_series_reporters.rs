//! Organisations that report an indicator for a city (a school network reporting its
//! learners, a statistics office its population): their partner editors may enter and
//! import that indicator's values, and nothing else of the city's data. Kept per
//! series, so setting them is versioned and in the history like the values.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

// Each migration keeps its own small helpers (see m0002 for why).
fn fk(table: &str, column: &str, target: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{column}"))
        .from(table.to_owned(), column.to_owned())
        .to(target.to_owned(), "id")
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("series_reporters")
                .col(integer("series_id"))
                .col(integer("organisation_id"))
                .primary_key(Index::create().col("series_id").col("organisation_id"))
                .foreign_key(&mut fk("series_reporters", "series_id", "series"))
                .foreign_key(&mut fk(
                    "series_reporters",
                    "organisation_id",
                    "organisations",
                ))
                .to_owned(),
        )
        .await?;
        // A partner editor's rights are looked up by organisation.
        m.create_index(
            Index::create()
                .name("ix_series_reporters_organisation_id")
                .table("series_reporters")
                .col("organisation_id")
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("series_reporters").to_owned())
            .await
    }
}
