//! Discussions and their posts. A post takes its place by a write to its discussion
//! first (the count, the time of the last post, and only while the discussion is
//! open), so a post never lands in a discussion a moderator closed meanwhile, and on
//! SQLite concurrent posts wait for the lock instead of failing. Reports count once per
//! person; the third hides the post until a moderator decides, and every decision is
//! written to the audit log in the same transaction.

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    TransactionTrait,
};

use crate::accounts::AuditEntry;
use crate::entity::{discussion, post, post_report};
use crate::notify::Notice;
use crate::{Store, StoreError};

type R<T> = Result<T, StoreError>;

/// Reports that hide a post until a moderator decides.
pub const HIDE_AFTER_REPORTS: i32 = 3;

/// A discussion to open, already checked.
#[derive(Debug, Clone)]
pub struct NewDiscussion {
    pub slug: String,
    pub subject_kind: String,
    pub subject: String,
    pub title: String,
    pub body: String,
    pub asks_position: bool,
    pub user_id: Option<i32>,
    pub city_id: Option<i32>,
}

/// A post to add, already checked, and whom to tell of it.
#[derive(Debug, Clone)]
pub struct NewPost<'a> {
    pub discussion_id: i32,
    pub parent_id: Option<i32>,
    pub depth: i32,
    pub user_id: Option<i32>,
    pub body: &'a str,
    pub position: Option<&'a str>,
    pub tell: &'a [i32],
    pub notice: &'a Notice,
}

/// What became of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reported {
    /// Counted; `hidden` when it was the one that hid the post.
    Counted { hidden: bool },
    /// This person had reported it already.
    Already,
}

impl Store {
    /// Opens a discussion; `None` when the slug is taken.
    pub async fn create_discussion(&self, new: &NewDiscussion, now: i64) -> R<Option<i32>> {
        if self.discussion_row(&new.slug).await?.is_some() {
            return Ok(None);
        }
        let tx = self.connection().begin().await?;
        let made = discussion::ActiveModel {
            slug: Set(new.slug.clone()),
            subject_kind: Set(new.subject_kind.clone()),
            subject: Set(new.subject.clone()),
            title: Set(new.title.clone()),
            body: Set(new.body.clone()),
            asks_position: Set(new.asks_position),
            user_id: Set(new.user_id),
            city_id: Set(new.city_id),
            created_at: Set(now),
            last_post_at: Set(now),
            post_count: Set(0),
            closed_at: Set(None),
            summary: Set(None),
            ..Default::default()
        }
        .insert(&tx)
        .await;
        match made {
            Ok(row) => {
                Store::bump_generation(&tx).await?;
                tx.commit().await?;
                Ok(Some(row.id))
            }
            Err(e) => {
                tx.rollback().await?;
                match self.discussion_row(&new.slug).await? {
                    Some(_) => Ok(None),
                    None => Err(e.into()),
                }
            }
        }
    }

    pub async fn discussion_row(&self, slug: &str) -> R<Option<discussion::Model>> {
        Ok(discussion::Entity::find()
            .filter(discussion::Column::Slug.eq(slug))
            .one(self.connection())
            .await?)
    }

    pub async fn discussion_by_id(&self, id: i32) -> R<Option<discussion::Model>> {
        Ok(discussion::Entity::find_by_id(id)
            .one(self.connection())
            .await?)
    }

    /// Every discussion, the most recently active first; only those on one subject
    /// when `on` names it (kind, subject).
    pub async fn discussions(&self, on: Option<(&str, &str)>) -> R<Vec<discussion::Model>> {
        let mut q = discussion::Entity::find();
        if let Some((kind, subject)) = on {
            q = q
                .filter(discussion::Column::SubjectKind.eq(kind))
                .filter(discussion::Column::Subject.eq(subject));
        }
        Ok(q.order_by_desc(discussion::Column::LastPostAt)
            .order_by_desc(discussion::Column::Id)
            .all(self.connection())
            .await?)
    }

    /// A discussion's posts, oldest first.
    pub async fn posts(&self, discussion_id: i32) -> R<Vec<post::Model>> {
        Ok(post::Entity::find()
            .filter(post::Column::DiscussionId.eq(discussion_id))
            .order_by_asc(post::Column::Id)
            .all(self.connection())
            .await?)
    }

    pub async fn post_row(&self, id: i32) -> R<Option<post::Model>> {
        Ok(post::Entity::find_by_id(id).one(self.connection()).await?)
    }

    /// Posts hidden by reports, waiting for a moderator, oldest first.
    pub async fn hidden_posts(&self) -> R<Vec<post::Model>> {
        Ok(post::Entity::find()
            .filter(post::Column::State.eq("hidden"))
            .order_by_asc(post::Column::Id)
            .all(self.connection())
            .await?)
    }

    /// When a person wrote each post since `since`, oldest first (for the limits on
    /// new accounts: how many, and when the oldest leaves the window).
    pub async fn posts_since(&self, user_id: i32, since: i64) -> R<Vec<i64>> {
        Ok(post::Entity::find()
            .select_only()
            .column(post::Column::CreatedAt)
            .filter(post::Column::UserId.eq(user_id))
            .filter(post::Column::CreatedAt.gte(since))
            .order_by_asc(post::Column::CreatedAt)
            .into_tuple()
            .all(self.connection())
            .await?)
    }

    /// When a person opened each discussion since `since`, oldest first.
    pub async fn discussions_since(&self, user_id: i32, since: i64) -> R<Vec<i64>> {
        Ok(discussion::Entity::find()
            .select_only()
            .column(discussion::Column::CreatedAt)
            .filter(discussion::Column::UserId.eq(user_id))
            .filter(discussion::Column::CreatedAt.gte(since))
            .order_by_asc(discussion::Column::CreatedAt)
            .into_tuple()
            .all(self.connection())
            .await?)
    }

    /// Adds a post and tells `tell`; `None` when the discussion was closed meanwhile.
    pub async fn add_post(&self, new: &NewPost<'_>, now: i64) -> R<Option<i32>> {
        let tx = self.connection().begin().await?;
        let open = discussion::Entity::update_many()
            .col_expr(
                discussion::Column::PostCount,
                Expr::col(discussion::Column::PostCount).add(1),
            )
            .col_expr(discussion::Column::LastPostAt, Expr::value(now))
            .filter(discussion::Column::Id.eq(new.discussion_id))
            .filter(discussion::Column::ClosedAt.is_null())
            .exec(&tx)
            .await?;
        if open.rows_affected != 1 {
            return Ok(None);
        }
        let row = post::ActiveModel {
            discussion_id: Set(new.discussion_id),
            parent_id: Set(new.parent_id),
            depth: Set(new.depth),
            user_id: Set(new.user_id),
            body: Set(new.body.to_owned()),
            position: Set(new.position.map(str::to_owned)),
            created_at: Set(now),
            report_count: Set(0),
            state: Set("visible".into()),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        Store::notify_in(&tx, new.tell, new.notice, now).await?;
        Store::bump_generation(&tx).await?;
        tx.commit().await?;
        Ok(Some(row.id))
    }

    /// Counts one person's report of a post; the report that reaches
    /// [`HIDE_AFTER_REPORTS`] hides a visible post. A post a moderator kept stays.
    pub async fn report_post(&self, post_id: i32, user_id: i32, now: i64) -> R<Reported> {
        let tx = self.connection().begin().await?;
        let first = post_report::ActiveModel {
            post_id: Set(post_id),
            user_id: Set(user_id),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&tx)
        .await;
        if let Err(e) = first {
            tx.rollback().await?;
            // The unique index: this person reported it before. Nothing is counted.
            return match e.sql_err() {
                Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => Ok(Reported::Already),
                _ => Err(e.into()),
            };
        }
        post::Entity::update_many()
            .col_expr(
                post::Column::ReportCount,
                Expr::col(post::Column::ReportCount).add(1),
            )
            .filter(post::Column::Id.eq(post_id))
            .exec(&tx)
            .await?;
        let hidden = post::Entity::update_many()
            .col_expr(post::Column::State, Expr::value("hidden"))
            .filter(post::Column::Id.eq(post_id))
            .filter(post::Column::State.eq("visible"))
            .filter(post::Column::ReportCount.gte(HIDE_AFTER_REPORTS))
            .exec(&tx)
            .await?;
        Store::bump_generation(&tx).await?;
        tx.commit().await?;
        Ok(Reported::Counted {
            hidden: hidden.rows_affected == 1,
        })
    }

    /// A moderator's decision on a post (`kept` or `removed`), with its audit event.
    pub async fn moderate_post(
        &self,
        post_id: i32,
        decision: &str,
        audit: AuditEntry<'_>,
        now: i64,
    ) -> R<bool> {
        let tx = self.connection().begin().await?;
        let done = post::Entity::update_many()
            .col_expr(post::Column::State, Expr::value(decision))
            .filter(post::Column::Id.eq(post_id))
            .exec(&tx)
            .await?;
        if done.rows_affected != 1 {
            return Ok(false);
        }
        Store::audit_in(&tx, audit, now).await?;
        Store::bump_generation(&tx).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Closes a discussion with the moderator's summary, with its audit event; false
    /// when it was closed already.
    pub async fn close_discussion(
        &self,
        id: i32,
        summary: &str,
        audit: AuditEntry<'_>,
        now: i64,
    ) -> R<bool> {
        let tx = self.connection().begin().await?;
        let done = discussion::Entity::update_many()
            .col_expr(discussion::Column::ClosedAt, Expr::value(now))
            .col_expr(discussion::Column::Summary, Expr::value(summary))
            .filter(discussion::Column::Id.eq(id))
            .filter(discussion::Column::ClosedAt.is_null())
            .exec(&tx)
            .await?;
        if done.rows_affected != 1 {
            return Ok(false);
        }
        Store::audit_in(&tx, audit, now).await?;
        Store::bump_generation(&tx).await?;
        tx.commit().await?;
        Ok(true)
    }
}
