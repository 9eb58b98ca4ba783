//! Policy dialogue: discussions attached to a practice, a city's strategy or a theme
//! (a framework node), with posts threaded three levels deep, a position per post when
//! the discussion asks for one, reports that hide a post after three until a moderator
//! decides, and a moderator's closing summary.

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
                .table("discussions")
                .col(pk_auto("id"))
                .col(string("slug"))
                // practice, strategy or theme; `subject` names it (a practice's slug,
                // a city's slug, a framework node as `kflc:2.3`).
                .col(string("subject_kind"))
                .col(string("subject"))
                .col(string("title"))
                .col(text("body"))
                .col(boolean("asks_position").default(false))
                .col(integer_null("user_id"))
                .col(integer_null("city_id"))
                .col(big_integer("created_at"))
                .col(big_integer("last_post_at"))
                .col(integer("post_count").default(0))
                .col(big_integer_null("closed_at"))
                .col(text_null("summary"))
                .foreign_key(&mut fk("discussions", "user_id", "users", SetNull))
                .foreign_key(&mut fk("discussions", "city_id", "cities", SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_discussions_slug")
                .table("discussions")
                .col("slug")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_discussions_subject")
                .table("discussions")
                .col("subject_kind")
                .col("subject")
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("posts")
                .col(pk_auto("id"))
                .col(integer("discussion_id"))
                .col(integer_null("parent_id"))
                // 0 for an answer to the discussion, 1 and 2 for replies under it.
                .col(integer("depth"))
                .col(integer_null("user_id"))
                .col(text("body"))
                // for, neutral or against, when the discussion asks.
                .col(string_null("position"))
                .col(big_integer("created_at"))
                .col(integer("report_count").default(0))
                // visible, hidden (three reports, waiting for a moderator), kept
                // (a moderator read it and kept it), removed.
                .col(string("state"))
                .foreign_key(&mut fk("posts", "discussion_id", "discussions", Cascade))
                .foreign_key(&mut fk("posts", "parent_id", "posts", Cascade))
                .foreign_key(&mut fk("posts", "user_id", "users", SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_posts_discussion_id")
                .table("posts")
                .col("discussion_id")
                .col("id")
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_posts_user_id_created_at")
                .table("posts")
                .col("user_id")
                .col("created_at")
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("post_reports")
                .col(pk_auto("id"))
                .col(integer("post_id"))
                .col(integer("user_id"))
                .col(big_integer("created_at"))
                .foreign_key(&mut fk("post_reports", "post_id", "posts", Cascade))
                .foreign_key(&mut fk("post_reports", "user_id", "users", Cascade))
                .to_owned(),
        )
        .await?;
        // One report per person and post: reporting twice counts once.
        m.create_index(
            Index::create()
                .name("ux_post_reports_post_id_user_id")
                .table("post_reports")
                .col("post_id")
                .col("user_id")
                .unique()
                .to_owned(),
        )
        .await
    }
}
