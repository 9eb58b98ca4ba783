//! Peer matching: a city's own challenge may name the common challenge it is (a node
//! of the `challenges` taxonomy), so cities can be compared on it; and a city may ask
//! never to be suggested as another's peer.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

// SQLite alters one column per statement.
async fn add(m: &SchemaManager<'_>, table: &str, column: ColumnDef) -> Result<(), DbErr> {
    m.alter_table(
        Table::alter()
            .table(table.to_owned())
            .add_column(column)
            .to_owned(),
    )
    .await
}

async fn drop(m: &SchemaManager<'_>, table: &str, column: &str) -> Result<(), DbErr> {
    m.alter_table(
        Table::alter()
            .table(table.to_owned())
            .drop_column(column.to_owned())
            .to_owned(),
    )
    .await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // No foreign key: SQLite cannot add one to an existing table, and framework
        // nodes are never deleted (updated in place by code).
        add(m, "city_challenges", integer_null("theme_node_id")).await?;
        add(
            m,
            "cities",
            boolean("hidden_from_peers").default(false).to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        drop(m, "cities", "hidden_from_peers").await?;
        drop(m, "city_challenges", "theme_node_id").await
    }
}
