//! The network's library of capacity-development resources: one versioned document
//! each (kind, language, level, collections and link travel in it), written by network
//! staff and public as soon as saved.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("resources")
                .col(pk_auto("id"))
                // Unique across the network: a resource is cited by its address.
                .col(string("slug"))
                .col(json("document"))
                .col(integer("version").default(1))
                .col(big_integer_null("deleted_at"))
                .col(big_integer("created_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_resources_slug")
                .table("resources")
                .col("slug")
                .unique()
                .to_owned(),
        )
        .await
    }
}
