//! Accounts, sessions, API tokens, login throttling, the audit log, and revision history
//! with optimistic concurrency (`version`) and restorable deletes (`deleted_at`).
//! Times are Unix seconds in BIGINT columns: portable, and compared as plain numbers.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

// Each migration keeps its own small helpers (these repeat m0001's on purpose): a
// released migration must produce the same schema forever, so it may not depend on code
// that later changes.
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
                .table("users")
                .col(pk_auto("id"))
                .col(string_uniq("email"))
                .col(string("display_name"))
                .col(string("locale"))
                .col(string("password_hash"))
                .col(string("role"))
                .col(integer_null("city_id"))
                .col(integer_null("organisation_id"))
                .col(boolean("disabled").default(false))
                .col(big_integer("created_at"))
                .foreign_key(&mut fk("users", "city_id", "cities", SetNull))
                .foreign_key(&mut fk(
                    "users",
                    "organisation_id",
                    "organisations",
                    SetNull,
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("sessions")
                .col(pk_auto("id"))
                // Only a hash of the cookie's token is stored: a leaked table opens no session.
                .col(string_uniq("token_hash"))
                .col(integer("user_id"))
                .col(string("csrf_token"))
                .col(big_integer("created_at"))
                .col(big_integer("last_seen_at"))
                .col(big_integer("expires_at"))
                .foreign_key(&mut fk("sessions", "user_id", "users", Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(index("sessions", &["user_id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("api_tokens")
                .col(pk_auto("id"))
                .col(integer("user_id"))
                .col(string("name"))
                .col(string_uniq("token_hash"))
                .col(string("scope"))
                .col(big_integer("created_at"))
                .col(big_integer_null("last_used_at"))
                .col(big_integer_null("revoked_at"))
                .foreign_key(&mut fk("api_tokens", "user_id", "users", Cascade))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("login_throttle")
                .col(string("key").primary_key())
                .col(integer("failures"))
                .col(big_integer("locked_until"))
                .col(big_integer("updated_at"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("audit_log")
                .col(pk_auto("id"))
                .col(big_integer("at"))
                .col(string("event"))
                .col(integer_null("user_id"))
                .col(string_null("subject"))
                .col(string_null("client"))
                .col(json_null("detail"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("audit_log", &["at"], false)).await?;
        m.create_table(
            Table::create()
                .table("revisions")
                .col(pk_auto("id"))
                .col(string("entity"))
                .col(integer("entity_id"))
                .col(integer_null("city_id"))
                .col(integer("version"))
                .col(string("op"))
                .col(integer_null("user_id"))
                .col(big_integer("at"))
                .col(json("snapshot"))
                .foreign_key(&mut fk("revisions", "user_id", "users", SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "revisions",
            &["entity", "entity_id", "version"],
            true,
        ))
        .await?;
        for table in [
            "cities",
            "strategies",
            "objectives",
            "programmes",
            "organisations",
        ] {
            m.alter_table(
                Table::alter()
                    .table(table)
                    .add_column(integer("version").default(1))
                    .to_owned(),
            )
            .await?;
        }
        for table in ["objectives", "programmes", "organisations"] {
            m.alter_table(
                Table::alter()
                    .table(table)
                    .add_column(big_integer_null("deleted_at"))
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in ["objectives", "programmes", "organisations"] {
            m.alter_table(
                Table::alter()
                    .table(table)
                    .drop_column("deleted_at")
                    .to_owned(),
            )
            .await?;
        }
        for table in [
            "cities",
            "strategies",
            "objectives",
            "programmes",
            "organisations",
        ] {
            m.alter_table(
                Table::alter()
                    .table(table)
                    .drop_column("version")
                    .to_owned(),
            )
            .await?;
        }
        for table in [
            "revisions",
            "audit_log",
            "login_throttle",
            "api_tokens",
            "sessions",
            "users",
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
