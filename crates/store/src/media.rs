//! The media library and its job queue. A job is claimed with a lease: a worker that
//! dies leaves a lease that runs out, and the job is taken up again on the next start.

use forja_core::LocalizedText;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    Set, TransactionTrait,
};
use serde_json::Value as Json;

use crate::entity::{job, media_item, media_rendition};
use crate::{Store, StoreError};

type R<T> = Result<T, StoreError>;

/// What is known of a new item when it arrives.
#[derive(Debug, Clone)]
pub struct NewItem {
    pub city_id: i32,
    pub kind: String,
    pub original_name: String,
    pub original_key: String,
    pub original_bytes: i64,
    pub sha256: String,
    pub alt: LocalizedText,
    pub credit: String,
    pub licence: String,
    pub sample: bool,
    pub created_by: Option<i32>,
}

/// A rendition as recorded.
#[derive(Debug, Clone)]
pub struct NewRendition {
    pub role: String,
    pub content_type: String,
    pub width: Option<i32>,
    pub height: Option<i32>,
    pub bytes: i64,
    pub key: String,
}

/// What processing learned of the original.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub kind: String,
    pub width: Option<i32>,
    pub height: Option<i32>,
    pub duration_ms: Option<i64>,
    pub placeholder: Option<String>,
    pub has_audio: bool,
    pub samples: Option<Vec<u8>>,
}

/// How long a claimed job is a worker's before another may take it up.
pub const LEASE_SECONDS: i64 = 120;

impl Store {
    /// Records a new item (queued) and its processing job, in one transaction.
    pub async fn add_media(&self, item: &NewItem, now: i64) -> R<i32> {
        let tx = self.connection().begin().await?;
        let row = media_item::ActiveModel {
            city_id: Set(item.city_id),
            kind: Set(item.kind.clone()),
            status: Set("queued".into()),
            error: Set(None),
            failure: Set(None),
            original_name: Set(item.original_name.clone()),
            original_key: Set(item.original_key.clone()),
            original_bytes: Set(item.original_bytes),
            sha256: Set(item.sha256.clone()),
            alt: Set(serde_json::to_value(&item.alt).unwrap_or(Json::Null)),
            credit: Set(item.credit.clone()),
            licence: Set(item.licence.clone()),
            sample: Set(item.sample),
            focal_x: Set(None),
            focal_y: Set(None),
            width: Set(None),
            height: Set(None),
            duration_ms: Set(None),
            placeholder: Set(None),
            has_audio: Set(false),
            samples: Set(None),
            created_at: Set(now),
            created_by: Set(item.created_by),
            version: Set(1),
            deleted_at: Set(None),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        job::ActiveModel {
            kind: Set("process".into()),
            item_id: Set(row.id),
            state: Set("queued".into()),
            attempts: Set(0),
            progress: Set(0.0),
            message: Set(None),
            lease_until: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        tx.commit().await?;
        Ok(row.id)
    }

    /// Takes the oldest job that is queued, or running with a lease that ran out (its
    /// worker died). The update is conditional, so two workers never take the same job.
    pub async fn claim_job(&self, now: i64) -> R<Option<job::Model>> {
        let candidates = job::Entity::find()
            .filter(
                Condition::any().add(job::Column::State.eq("queued")).add(
                    Condition::all()
                        .add(job::Column::State.eq("running"))
                        .add(job::Column::LeaseUntil.lt(now)),
                ),
            )
            .order_by_asc(job::Column::Id)
            .limit(5)
            .all(self.connection())
            .await?;
        for j in candidates {
            let taken = job::Entity::update_many()
                .col_expr(job::Column::State, Expr::value("running"))
                .col_expr(job::Column::Attempts, Expr::value(j.attempts + 1))
                .col_expr(job::Column::LeaseUntil, Expr::value(now + LEASE_SECONDS))
                .col_expr(job::Column::UpdatedAt, Expr::value(now))
                .filter(job::Column::Id.eq(j.id))
                .filter(job::Column::State.eq(j.state.clone()))
                .filter(job::Column::Attempts.eq(j.attempts))
                .exec(self.connection())
                .await?;
            if taken.rows_affected == 1 {
                media_item::Entity::update_many()
                    .col_expr(media_item::Column::Status, Expr::value("processing"))
                    .filter(media_item::Column::Id.eq(j.item_id))
                    .exec(self.connection())
                    .await?;
                return Ok(job::Entity::find_by_id(j.id).one(self.connection()).await?);
            }
        }
        Ok(None)
    }

    /// Records progress (0 to 1) and renews the lease.
    pub async fn job_progress(&self, job_id: i32, progress: f64, now: i64) -> R<()> {
        job::Entity::update_many()
            .col_expr(job::Column::Progress, Expr::value(progress.clamp(0.0, 1.0)))
            .col_expr(job::Column::LeaseUntil, Expr::value(now + LEASE_SECONDS))
            .col_expr(job::Column::UpdatedAt, Expr::value(now))
            .filter(job::Column::Id.eq(job_id))
            .exec(self.connection())
            .await?;
        Ok(())
    }

    /// The item is ready: its facts and renditions recorded and the job done, together,
    /// so an item is never ready with half its renditions.
    pub async fn finish_job(
        &self,
        job: &job::Model,
        facts: &Facts,
        renditions: &[NewRendition],
        now: i64,
    ) -> R<()> {
        let tx = self.connection().begin().await?;
        media_rendition::Entity::delete_many()
            .filter(media_rendition::Column::ItemId.eq(job.item_id))
            .exec(&tx)
            .await?;
        for r in renditions {
            media_rendition::ActiveModel {
                item_id: Set(job.item_id),
                role: Set(r.role.clone()),
                content_type: Set(r.content_type.clone()),
                width: Set(r.width),
                height: Set(r.height),
                bytes: Set(r.bytes),
                key: Set(r.key.clone()),
                ..Default::default()
            }
            .insert(&tx)
            .await?;
        }
        media_item::Entity::update_many()
            .col_expr(media_item::Column::Status, Expr::value("ready"))
            .col_expr(
                media_item::Column::Error,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                media_item::Column::Failure,
                Expr::value(Option::<String>::None),
            )
            .col_expr(media_item::Column::Kind, Expr::value(facts.kind.clone()))
            .col_expr(media_item::Column::Width, Expr::value(facts.width))
            .col_expr(media_item::Column::Height, Expr::value(facts.height))
            .col_expr(
                media_item::Column::DurationMs,
                Expr::value(facts.duration_ms),
            )
            .col_expr(
                media_item::Column::Placeholder,
                Expr::value(facts.placeholder.clone()),
            )
            .col_expr(media_item::Column::HasAudio, Expr::value(facts.has_audio))
            .col_expr(
                media_item::Column::Samples,
                Expr::value(facts.samples.clone()),
            )
            .filter(media_item::Column::Id.eq(job.item_id))
            .exec(&tx)
            .await?;
        job::Entity::update_many()
            .col_expr(job::Column::State, Expr::value("done"))
            .col_expr(job::Column::Progress, Expr::value(1.0))
            .col_expr(job::Column::Message, Expr::value(Option::<String>::None))
            .col_expr(job::Column::LeaseUntil, Expr::value(Option::<i64>::None))
            .col_expr(job::Column::UpdatedAt, Expr::value(now))
            .filter(job::Column::Id.eq(job.id))
            .exec(&tx)
            .await?;
        Store::bump_generation(&tx).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The job failed: the reason on the item and the job, the original kept, nothing
    /// published; `retry_job` queues it again.
    pub async fn fail_job(&self, job: &job::Model, failure: &str, reason: &str, now: i64) -> R<()> {
        let tx = self.connection().begin().await?;
        media_item::Entity::update_many()
            .col_expr(media_item::Column::Status, Expr::value("failed"))
            .col_expr(media_item::Column::Error, Expr::value(reason.to_owned()))
            .col_expr(media_item::Column::Failure, Expr::value(failure.to_owned()))
            .filter(media_item::Column::Id.eq(job.item_id))
            .exec(&tx)
            .await?;
        job::Entity::update_many()
            .col_expr(job::Column::State, Expr::value("failed"))
            .col_expr(job::Column::Message, Expr::value(reason.to_owned()))
            .col_expr(job::Column::LeaseUntil, Expr::value(Option::<i64>::None))
            .col_expr(job::Column::UpdatedAt, Expr::value(now))
            .filter(job::Column::Id.eq(job.id))
            .exec(&tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Queues a failed job again.
    pub async fn retry_job(&self, job_id: i32, now: i64) -> R<bool> {
        let r = job::Entity::update_many()
            .col_expr(job::Column::State, Expr::value("queued"))
            .col_expr(job::Column::Progress, Expr::value(0.0))
            .col_expr(job::Column::UpdatedAt, Expr::value(now))
            .filter(job::Column::Id.eq(job_id))
            .filter(job::Column::State.eq("failed"))
            .exec(self.connection())
            .await?;
        if r.rows_affected == 1
            && let Some(j) = job::Entity::find_by_id(job_id)
                .one(self.connection())
                .await?
        {
            media_item::Entity::update_many()
                .col_expr(media_item::Column::Status, Expr::value("queued"))
                .filter(media_item::Column::Id.eq(j.item_id))
                .exec(self.connection())
                .await?;
        }
        Ok(r.rows_affected == 1)
    }

    /// Every job, newest first (for `forja media jobs` and the editor).
    pub async fn jobs(&self, limit: u64) -> R<Vec<job::Model>> {
        Ok(job::Entity::find()
            .order_by_desc(job::Column::Id)
            .limit(limit)
            .all(self.connection())
            .await?)
    }

    pub async fn media_item(&self, id: i32) -> R<Option<media_item::Model>> {
        Ok(media_item::Entity::find_by_id(id)
            .one(self.connection())
            .await?)
    }

    pub async fn renditions(&self, item_id: i32) -> R<Vec<media_rendition::Model>> {
        Ok(media_rendition::Entity::find()
            .filter(media_rendition::Column::ItemId.eq(item_id))
            .order_by_asc(media_rendition::Column::Id)
            .all(self.connection())
            .await?)
    }

    /// The newest job of each of these items.
    pub async fn latest_jobs(&self, item_ids: &[i32]) -> R<Vec<job::Model>> {
        let mut jobs = job::Entity::find()
            .filter(job::Column::ItemId.is_in(item_ids.iter().copied()))
            .order_by_desc(job::Column::Id)
            .all(self.connection())
            .await?;
        let mut seen = std::collections::HashSet::new();
        jobs.retain(|j| seen.insert(j.item_id));
        Ok(jobs)
    }

    /// Sets the point of a picture that crops keep in view (0–100 % across and down),
    /// or clears it; readers see it at once.
    pub async fn set_focal_point(&self, item_id: i32, point: Option<(f64, f64)>) -> R<bool> {
        let tx = self.connection().begin().await?;
        let r = media_item::Entity::update_many()
            .col_expr(media_item::Column::FocalX, Expr::value(point.map(|p| p.0)))
            .col_expr(media_item::Column::FocalY, Expr::value(point.map(|p| p.1)))
            .col_expr(
                media_item::Column::Version,
                Expr::col(media_item::Column::Version).add(1),
            )
            .filter(media_item::Column::Id.eq(item_id))
            .exec(&tx)
            .await?;
        Store::bump_generation(&tx).await?;
        tx.commit().await?;
        Ok(r.rows_affected == 1)
    }

    /// A city's library, newest first.
    pub async fn media_of(&self, city_id: i32) -> R<Vec<media_item::Model>> {
        Ok(media_item::Entity::find()
            .filter(media_item::Column::CityId.eq(city_id))
            .filter(media_item::Column::DeletedAt.is_null())
            .order_by_desc(media_item::Column::Id)
            .all(self.connection())
            .await?)
    }
}
