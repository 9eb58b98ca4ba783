//! Notifications: what happened that a person should know (a reply to their city's
//! partner request, later to a discussion), shown in their inbox and, when the server
//! sends mail, as an e-mail. The mail columns make the table its own outbox: a
//! notification and its mail are written together, and a worker takes pending mails by
//! compare-and-set, as media jobs are taken.
//!
//! `mail_settings` holds each person's unsubscribe token (the secret in every mail's
//! unsubscribe link) and whether they said no to mail.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("notifications")
                .col(pk_auto("id"))
                .col(integer("user_id"))
                .col(string("kind"))
                .col(json("document"))
                .col(string("link"))
                .col(big_integer("created_at"))
                .col(big_integer_null("read_at"))
                // pending, sent, failed, or off (no mail for this one).
                .col(string("mail_state"))
                .col(integer("mail_attempts").default(0))
                .col(big_integer_null("mail_lease_until"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_notifications_user_id")
                        .from("notifications", "user_id")
                        .to("users", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_notifications_user_id")
                .table("notifications")
                .col("user_id")
                .col("id")
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_notifications_mail_state")
                .table("notifications")
                .col("mail_state")
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("mail_settings")
                .col(integer("user_id").primary_key())
                .col(string("token"))
                .col(big_integer_null("unsubscribed_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_mail_settings_user_id")
                        .from("mail_settings", "user_id")
                        .to("users", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_mail_settings_token")
                .table("mail_settings")
                .col("token")
                .unique()
                .to_owned(),
        )
        .await
    }
}
