//! Good practices: one versioned document each (its review status travels in it, so
//! every step of the review is a revision), written by a city and reviewed by network
//! staff; readers see the published version, as with stories. Adoptions record that another city took a
//! practice up, with what it changed and what came of it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

// Each migration keeps its own small helpers (see m0002 for why).
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

fn index(table: &str, columns: &[&str], unique: bool) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(format!(
        "{}_{table}_{}",
        if unique { "ux" } else { "ix" },
        columns.join("_")
    ))
    .table(table.to_owned());
    if unique {
        i.unique();
    }
    for c in columns {
        i.col(String::from(*c));
    }
    i.to_owned()
}

use ForeignKeyAction::{Cascade, SetNull};

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("practices")
                .col(pk_auto("id"))
                .col(integer("city_id"))
                // Unique across the network: a practice is cited by its address.
                .col(string("slug"))
                .col(json("document"))
                .col(integer("version").default(1))
                .col(big_integer_null("deleted_at"))
                .col(integer_null("published_version"))
                .col(big_integer_null("published_at"))
                .col(big_integer("created_at"))
                .foreign_key(&mut fk("practices", "city_id", "cities", Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(index("practices", &["slug"], true)).await?;
        m.create_index(index("practices", &["city_id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("practice_adoptions")
                .col(pk_auto("id"))
                .col(integer("practice_id"))
                .col(integer("city_id"))
                .col(integer("year"))
                // What the city changed, and what came of it, per language.
                .col(json("note"))
                .col(boolean("sample").default(false))
                .col(big_integer("created_at"))
                .col(integer_null("created_by"))
                .foreign_key(&mut fk(
                    "practice_adoptions",
                    "practice_id",
                    "practices",
                    Cascade,
                ))
                .foreign_key(&mut fk("practice_adoptions", "city_id", "cities", Cascade))
                .foreign_key(&mut fk(
                    "practice_adoptions",
                    "created_by",
                    "users",
                    SetNull,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "practice_adoptions",
            &["practice_id", "city_id"],
            true,
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("practice_adoptions").to_owned())
            .await?;
        m.drop_table(Table::drop().table("practices").to_owned())
            .await
    }
}
