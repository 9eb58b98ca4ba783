//! A failed media item records why in a word, not only in the pipeline's sentence: the
//! editor is told in their language, and offered "retry" only where retrying can help
//! (a tool that timed out or crashed, storage that was away), not for a damaged file.
//! A video records whether it has sound, so a background clip can offer a sound toggle.
//! A picture (or a video's poster) keeps a small grid of its colours, so the story
//! editor can warn when words over it would be hard to read.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("media_items")
                .add_column(string_null("failure"))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("media_items")
                .add_column(boolean("has_audio").default(false))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("media_items")
                .add_column(binary_null("samples"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("media_items")
                .drop_column("failure")
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("media_items")
                .drop_column("has_audio")
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("media_items")
                .drop_column("samples")
                .to_owned(),
        )
        .await
    }
}
