//! Notifications and their mail. A notification is written in the transaction of what
//! it tells (a reply, a post), so nobody is told of something that was not saved and
//! nothing saved goes untold. Its mail waits in the same row: `pending` until a worker
//! takes it by compare-and-set on the lease, then `sent`, or `failed` after
//! [`MAIL_ATTEMPTS`] tries, or `off` when the person said no to mail.

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use serde_json::Value as Json;

use crate::entity::{mail_setting, notification};
use crate::{Store, StoreError};

type R<T> = Result<T, StoreError>;

/// Tries before a mail is given up (the notification stays in the inbox).
pub const MAIL_ATTEMPTS: i32 = 5;
/// How long a worker holds a mail it took before another may take it again.
pub const MAIL_LEASE_SECONDS: i64 = 120;

/// What to tell: a kind (a Fluent message), the words it needs, and where it leads.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub kind: String,
    pub document: Json,
    pub link: String,
}

impl Store {
    /// Writes `notice` for each of `users` on `db` (the caller's transaction).
    pub(crate) async fn notify_in<C: ConnectionTrait>(
        db: &C,
        users: &[i32],
        notice: &Notice,
        now: i64,
    ) -> R<()> {
        for &user_id in users {
            let refused = mail_setting::Entity::find_by_id(user_id)
                .one(db)
                .await?
                .is_some_and(|s| s.unsubscribed_at.is_some());
            notification::ActiveModel {
                user_id: Set(user_id),
                kind: Set(notice.kind.clone()),
                document: Set(notice.document.clone()),
                link: Set(notice.link.clone()),
                created_at: Set(now),
                read_at: Set(None),
                mail_state: Set(if refused { "off" } else { "pending" }.into()),
                mail_attempts: Set(0),
                mail_lease_until: Set(None),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
        Ok(())
    }

    /// Writes `notice` for each of `users`, in a transaction of its own.
    pub async fn notify(&self, users: &[i32], notice: &Notice, now: i64) -> R<()> {
        let tx = self.connection().begin().await?;
        Self::notify_in(&tx, users, notice, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// A person's newest notifications, at most `limit`.
    pub async fn inbox(&self, user_id: i32, limit: u64) -> R<Vec<notification::Model>> {
        Ok(notification::Entity::find()
            .filter(notification::Column::UserId.eq(user_id))
            .order_by_desc(notification::Column::Id)
            .limit(limit)
            .all(self.connection())
            .await?)
    }

    pub async fn unread_count(&self, user_id: i32) -> R<u64> {
        Ok(notification::Entity::find()
            .filter(notification::Column::UserId.eq(user_id))
            .filter(notification::Column::ReadAt.is_null())
            .count(self.connection())
            .await?)
    }

    /// Marks every unread notification of a person as read; returns how many.
    pub async fn mark_read(&self, user_id: i32, now: i64) -> R<u64> {
        Ok(notification::Entity::update_many()
            .col_expr(notification::Column::ReadAt, Expr::value(now))
            .filter(notification::Column::UserId.eq(user_id))
            .filter(notification::Column::ReadAt.is_null())
            .exec(self.connection())
            .await?
            .rows_affected)
    }

    /// Takes the oldest mail that is due, for [`MAIL_LEASE_SECONDS`]. Mails of
    /// notifications older than `oldest` are given up unsent (`expired`): a server that
    /// starts sending mail does not flood people with old news.
    pub async fn claim_mail(&self, now: i64, oldest: i64) -> R<Option<notification::Model>> {
        notification::Entity::update_many()
            .col_expr(notification::Column::MailState, Expr::value("expired"))
            .filter(notification::Column::MailState.eq("pending"))
            .filter(notification::Column::CreatedAt.lt(oldest))
            .exec(self.connection())
            .await?;
        let due = || {
            Condition::all()
                .add(notification::Column::MailState.eq("pending"))
                .add(
                    Condition::any()
                        .add(notification::Column::MailLeaseUntil.is_null())
                        .add(notification::Column::MailLeaseUntil.lt(now)),
                )
        };
        let candidates = notification::Entity::find()
            .filter(due())
            .order_by_asc(notification::Column::Id)
            .limit(5)
            .all(self.connection())
            .await?;
        for n in candidates {
            let taken = notification::Entity::update_many()
                .col_expr(
                    notification::Column::MailLeaseUntil,
                    Expr::value(now + MAIL_LEASE_SECONDS),
                )
                .col_expr(
                    notification::Column::MailAttempts,
                    Expr::col(notification::Column::MailAttempts).add(1),
                )
                .filter(notification::Column::Id.eq(n.id))
                .filter(notification::Column::MailAttempts.eq(n.mail_attempts))
                .filter(due())
                .exec(self.connection())
                .await?;
            if taken.rows_affected == 1 {
                return Ok(notification::Entity::find_by_id(n.id)
                    .one(self.connection())
                    .await?);
            }
        }
        Ok(None)
    }

    /// Records what became of a mail taken by [`Store::claim_mail`]: sent, or tried
    /// again later (a minute, then two, four...) until [`MAIL_ATTEMPTS`] run out.
    pub async fn mail_done(&self, n: &notification::Model, sent: bool, now: i64) -> R<()> {
        let (state, lease) = if sent {
            ("sent", None)
        } else if n.mail_attempts >= MAIL_ATTEMPTS {
            ("failed", None)
        } else {
            ("pending", Some(now + (60 << n.mail_attempts.clamp(0, 10))))
        };
        notification::Entity::update_many()
            .col_expr(notification::Column::MailState, Expr::value(state))
            .col_expr(notification::Column::MailLeaseUntil, Expr::value(lease))
            .filter(notification::Column::Id.eq(n.id))
            .exec(self.connection())
            .await?;
        Ok(())
    }

    /// Settles a mail that has nobody to go to (the person is gone, disabled or said no
    /// meanwhile) as `off`, so it is not taken again.
    pub async fn mail_off(&self, id: i32) -> R<()> {
        notification::Entity::update_many()
            .col_expr(notification::Column::MailState, Expr::value("off"))
            .filter(notification::Column::Id.eq(id))
            .exec(self.connection())
            .await?;
        Ok(())
    }

    /// A person's mail settings, made with `fresh` as their token the first time.
    pub async fn mail_setting(&self, user_id: i32, fresh: &str) -> R<mail_setting::Model> {
        if let Some(s) = mail_setting::Entity::find_by_id(user_id)
            .one(self.connection())
            .await?
        {
            return Ok(s);
        }
        let made = mail_setting::ActiveModel {
            user_id: Set(user_id),
            token: Set(fresh.to_owned()),
            unsubscribed_at: Set(None),
        }
        .insert(self.connection())
        .await;
        match made {
            Ok(s) => Ok(s),
            // Made by another worker meanwhile: theirs stands.
            Err(e) => mail_setting::Entity::find_by_id(user_id)
                .one(self.connection())
                .await?
                .ok_or(e.into()),
        }
    }

    pub async fn mail_setting_by_token(&self, token: &str) -> R<Option<mail_setting::Model>> {
        Ok(mail_setting::Entity::find()
            .filter(mail_setting::Column::Token.eq(token))
            .one(self.connection())
            .await?)
    }

    /// Turns a person's mail on or off. Off also stops the mails still waiting.
    pub async fn set_mail(&self, user_id: i32, on: bool, fresh: &str, now: i64) -> R<()> {
        self.mail_setting(user_id, fresh).await?;
        let tx = self.connection().begin().await?;
        mail_setting::Entity::update_many()
            .col_expr(
                mail_setting::Column::UnsubscribedAt,
                Expr::value(if on { None } else { Some(now) }),
            )
            .filter(mail_setting::Column::UserId.eq(user_id))
            .exec(&tx)
            .await?;
        if !on {
            notification::Entity::update_many()
                .col_expr(notification::Column::MailState, Expr::value("off"))
                .filter(notification::Column::UserId.eq(user_id))
                .filter(notification::Column::MailState.eq("pending"))
                .exec(&tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
