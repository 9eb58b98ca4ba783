//! The network's member roster as public announcements give it: each city's UNESCO
//! region and the source naming it a member, the totals the network announced (the
//! roster may be partial), and the members no place could be found for, kept with the
//! reason rather than placed by a guess.

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
        add(m, "cities", string_null("region")).await?;
        add(m, "cities", string_null("membership_source")).await?;
        add(m, "networks", integer_null("announced_cities")).await?;
        add(m, "networks", integer_null("announced_countries")).await?;
        add(m, "networks", string_null("announced_as_of")).await?;
        m.create_table(
            Table::create()
                .table("unplaced_members")
                .col(pk_auto("id"))
                .col(integer("network_id"))
                .col(string("name"))
                .col(string("country"))
                .col(string("region"))
                .col(integer("joined_year"))
                .col(string("source"))
                // How many places GeoNames has of that name there: 0 (none) or more
                // than one (which one is not ours to guess).
                .col(integer("candidates"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_unplaced_members_network_id")
                        .from("unplaced_members", "network_id")
                        .to("networks", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("unplaced_members").to_owned())
            .await?;
        for c in ["announced_as_of", "announced_countries", "announced_cities"] {
            drop(m, "networks", c).await?;
        }
        for c in ["membership_source", "region"] {
            drop(m, "cities", c).await?;
        }
        Ok(())
    }
}
