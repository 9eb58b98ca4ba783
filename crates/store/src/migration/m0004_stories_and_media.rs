//! Stories (one versioned document each; publishing points at a version), the media
//! library (originals and their renditions) and the background jobs that make the
//! renditions, which survive a crash because they live here.

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
                .table("stories")
                .col(pk_auto("id"))
                .col(integer("city_id"))
                .col(string("slug"))
                .col(json("document"))
                .col(integer("version").default(1))
                .col(big_integer_null("deleted_at"))
                // The version readers see; none until a coordinator publishes.
                .col(integer_null("published_version"))
                .col(big_integer_null("published_at"))
                .foreign_key(&mut fk("stories", "city_id", "cities", Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(index("stories", &["city_id", "slug"], true))
            .await?;

        m.create_table(
            Table::create()
                .table("media_items")
                .col(pk_auto("id"))
                .col(integer("city_id"))
                // image, video, audio or captions.
                .col(string("kind"))
                // queued, processing, ready or failed.
                .col(string("status"))
                .col(text_null("error"))
                .col(string("original_name"))
                // Where the original is kept, relative to the media store.
                .col(string("original_key"))
                .col(big_integer("original_bytes"))
                .col(string("sha256"))
                .col(json("alt"))
                .col(string("credit"))
                .col(string("licence"))
                .col(boolean("sample").default(false))
                .col(double_null("focal_x"))
                .col(double_null("focal_y"))
                .col(integer_null("width"))
                .col(integer_null("height"))
                .col(big_integer_null("duration_ms"))
                // A tiny blurred preview as a data: URI, shown while the image loads.
                .col(text_null("placeholder"))
                .col(big_integer("created_at"))
                .col(integer_null("created_by"))
                .col(integer("version").default(1))
                .col(big_integer_null("deleted_at"))
                .foreign_key(&mut fk("media_items", "city_id", "cities", Cascade))
                .foreign_key(&mut fk("media_items", "created_by", "users", SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(index("media_items", &["city_id"], false))
            .await?;

        m.create_table(
            Table::create()
                .table("media_renditions")
                .col(pk_auto("id"))
                .col(integer("item_id"))
                // What it is for: `w480.webp`, `720p.mp4`, `hls/master.m3u8`, `poster.jpg`.
                .col(string("role"))
                .col(string("content_type"))
                .col(integer_null("width"))
                .col(integer_null("height"))
                .col(big_integer("bytes"))
                .col(string("key"))
                .foreign_key(&mut fk(
                    "media_renditions",
                    "item_id",
                    "media_items",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("media_renditions", &["item_id", "role"], true))
            .await?;

        m.create_table(
            Table::create()
                .table("jobs")
                .col(pk_auto("id"))
                .col(string("kind"))
                .col(integer("item_id"))
                // queued, running, done or failed.
                .col(string("state"))
                .col(integer("attempts").default(0))
                // 0 to 1, written as the work goes.
                .col(double("progress").default(0.0))
                .col(text_null("message"))
                // A running job whose lease ran out is taken up again (the worker died).
                .col(big_integer_null("lease_until"))
                .col(big_integer("created_at"))
                .col(big_integer("updated_at"))
                .foreign_key(&mut fk("jobs", "item_id", "media_items", Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(index("jobs", &["state"], false)).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in ["jobs", "media_renditions", "media_items", "stories"] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
