//! Partner requests: what a city seeks, as one versioned document (theme, kind of
//! partner, countries, languages, call, deadline, cap on replies), and the replies of
//! other cities. `reply_count` is taken by compare-and-set when a reply arrives, so two
//! replies at once can never pass the cap the requester chose.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(
    table: &str,
    column: &str,
    target: &str,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{column}"))
        .from(table.to_owned(), column.to_owned())
        .to(target.to_owned(), "id")
        .on_delete(on_delete)
        .to_owned()
}

use ForeignKeyAction::{Cascade, SetNull};

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("partner_requests")
                .col(pk_auto("id"))
                .col(integer("city_id"))
                .col(string("slug"))
                .col(json("document"))
                .col(integer("version").default(1))
                .col(big_integer_null("deleted_at"))
                // Closed by its city before the deadline (found partners enough).
                .col(big_integer_null("closed_at"))
                .col(integer("reply_count").default(0))
                .col(big_integer("created_at"))
                .foreign_key(&mut fk("partner_requests", "city_id", "cities", Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_partner_requests_slug")
                .table("partner_requests")
                .col("slug")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("partner_replies")
                .col(pk_auto("id"))
                .col(integer("request_id"))
                .col(integer("city_id"))
                .col(integer_null("user_id"))
                .col(text("message"))
                .col(big_integer("created_at"))
                .foreign_key(&mut fk(
                    "partner_replies",
                    "request_id",
                    "partner_requests",
                    Cascade,
                ))
                .foreign_key(&mut fk("partner_replies", "city_id", "cities", Cascade))
                .foreign_key(&mut fk("partner_replies", "user_id", "users", SetNull))
                .to_owned(),
        )
        .await?;
        // One reply per city and request: sent again, it is updated.
        m.create_index(
            Index::create()
                .name("ux_partner_replies_request_id_city_id")
                .table("partner_replies")
                .col("request_id")
                .col("city_id")
                .unique()
                .to_owned(),
        )
        .await
    }
}
