//! Saving edits with history that loses nothing. Every save is a compare-and-set on the
//! row's `version` inside one transaction that also writes the revision, so two editors
//! can never silently overwrite each other, and a row never changes without its
//! revision. Deletes set `deleted_at` (restorable); restores are new revisions.

use forja_core::LocalizedText;
use forja_core::edit::ProgrammeFields;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};
use serde_json::{Value as Json, json};

use crate::entity::{programme, revision};
use crate::{Store, StoreError};

type R<T> = Result<T, StoreError>;

/// The outcome of a save, delete or restore.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    /// Stored as this new version.
    Ok { version: i32 },
    /// Someone saved in between; this is the version now stored.
    Conflict { current_version: i32 },
    /// No such thing (or no such revision to restore).
    Missing,
}

pub const PROGRAMME: &str = "programme";

fn text(value: &Json) -> LocalizedText {
    serde_json::from_value(value.clone()).unwrap_or_default()
}

/// The editable fields of a stored programme row.
pub fn programme_fields(p: &programme::Model) -> ProgrammeFields {
    ProgrammeFields {
        title: text(&p.title),
        summary: text(&p.summary),
        description: text(&p.description),
        status: p.status.clone(),
        start_on: p.start_on,
        end_on: p.end_on,
        progress: p.progress,
        weight: p.weight,
    }
}

/// Whether the progress figure and the dates are illustrative (demo data). A person who
/// saves vouches for what they saved, so an edit clears both; a restore brings back the
/// flags of the version it restores.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Samples {
    pub progress: bool,
    pub dates: bool,
}

fn samples_of(snapshot: &Json) -> Samples {
    let flag = |k: &str| snapshot.get(k).and_then(Json::as_bool).unwrap_or(false);
    Samples {
        progress: flag("progress_sample"),
        dates: flag("dates_sample"),
    }
}

fn snapshot(
    fields: &ProgrammeFields,
    deleted: bool,
    restored_from: Option<i32>,
    samples: Samples,
) -> Json {
    let mut value = serde_json::to_value(fields).unwrap_or(Json::Null);
    if let Json::Object(map) = &mut value {
        map.insert("deleted".into(), json!(deleted));
        map.insert("progress_sample".into(), json!(samples.progress));
        map.insert("dates_sample".into(), json!(samples.dates));
        if let Some(v) = restored_from {
            map.insert("restored_from".into(), json!(v));
        }
    }
    value
}

pub(crate) async fn add_revision(
    tx: &DatabaseTransaction,
    entity: &str,
    id: i32,
    city_id: i32,
    version: i32,
    op: &str,
    user_id: Option<i32>,
    now: i64,
    snapshot: Json,
) -> R<()> {
    revision::ActiveModel {
        entity: Set(entity.into()),
        entity_id: Set(id),
        city_id: Set(Some(city_id)),
        version: Set(version),
        op: Set(op.into()),
        user_id: Set(user_id),
        at: Set(now),
        snapshot: Set(snapshot),
        ..Default::default()
    }
    .insert(tx)
    .await?;
    Ok(())
}

/// Whether a thing has any revision yet.
pub(crate) async fn has_revisions(tx: &DatabaseTransaction, entity: &str, id: i32) -> R<bool> {
    Ok(revision::Entity::find()
        .filter(revision::Column::Entity.eq(entity))
        .filter(revision::Column::EntityId.eq(id))
        .count(tx)
        .await?
        > 0)
}

/// Imported content has no revision yet: record what it was before its first change,
/// so the original can always be restored.
async fn ensure_baseline(tx: &DatabaseTransaction, before: &programme::Model, now: i64) -> R<()> {
    if !has_revisions(tx, PROGRAMME, before.id).await? {
        let samples = Samples {
            progress: before.progress_sample,
            dates: before.dates_sample,
        };
        let snap = snapshot(
            &programme_fields(before),
            before.deleted_at.is_some(),
            None,
            samples,
        );
        add_revision(
            tx,
            PROGRAMME,
            before.id,
            before.city_id,
            before.version,
            "import",
            None,
            now,
            snap,
        )
        .await?;
    }
    Ok(())
}

/// Writes fields (and the deleted mark) if the stored version is still `expected`.
async fn compare_and_set(
    tx: &DatabaseTransaction,
    id: i32,
    expected: i32,
    fields: &ProgrammeFields,
    deleted_at: Option<i64>,
    samples: Samples,
) -> R<bool> {
    let json = |t: &LocalizedText| serde_json::to_value(t).unwrap_or(Json::Null);
    let result = programme::Entity::update_many()
        .col_expr(programme::Column::Title, Expr::value(json(&fields.title)))
        .col_expr(
            programme::Column::Summary,
            Expr::value(json(&fields.summary)),
        )
        .col_expr(
            programme::Column::Description,
            Expr::value(json(&fields.description)),
        )
        .col_expr(
            programme::Column::Status,
            Expr::value(fields.status.clone()),
        )
        .col_expr(programme::Column::StartOn, Expr::value(fields.start_on))
        .col_expr(programme::Column::EndOn, Expr::value(fields.end_on))
        .col_expr(programme::Column::Progress, Expr::value(fields.progress))
        .col_expr(programme::Column::Weight, Expr::value(fields.weight))
        .col_expr(programme::Column::DeletedAt, Expr::value(deleted_at))
        .col_expr(
            programme::Column::ProgressSample,
            Expr::value(samples.progress),
        )
        .col_expr(programme::Column::DatesSample, Expr::value(samples.dates))
        .col_expr(programme::Column::Version, Expr::value(expected + 1))
        .filter(programme::Column::Id.eq(id))
        .filter(programme::Column::Version.eq(expected))
        .exec(tx)
        .await?;
    Ok(result.rows_affected == 1)
}

impl Store {
    /// A programme row by city and slug; `deleted` includes deleted ones.
    pub async fn programme_row(
        &self,
        city_id: i32,
        slug: &str,
        deleted: bool,
    ) -> R<Option<programme::Model>> {
        let mut q = programme::Entity::find()
            .filter(programme::Column::CityId.eq(city_id))
            .filter(programme::Column::Slug.eq(slug));
        if !deleted {
            q = q.filter(programme::Column::DeletedAt.is_null());
        }
        Ok(q.one(self.connection()).await?)
    }

    /// Deleted programmes of a city, newest first.
    pub async fn deleted_programmes(&self, city_id: i32) -> R<Vec<programme::Model>> {
        Ok(programme::Entity::find()
            .filter(programme::Column::CityId.eq(city_id))
            .filter(programme::Column::DeletedAt.is_not_null())
            .order_by_desc(programme::Column::DeletedAt)
            .all(self.connection())
            .await?)
    }

    /// Saves new fields over `expected_version`.
    pub async fn save_programme(
        &self,
        id: i32,
        expected_version: i32,
        fields: &ProgrammeFields,
        user_id: Option<i32>,
        now: i64,
    ) -> R<Saved> {
        self.change_programme(id, expected_version, user_id, now, |_| {
            (fields.clone(), None, "update", None, Samples::default())
        })
        .await
    }

    /// Marks a programme deleted (restorable).
    pub async fn delete_programme(
        &self,
        id: i32,
        expected_version: i32,
        user_id: Option<i32>,
        now: i64,
    ) -> R<Saved> {
        self.change_programme(id, expected_version, user_id, now, |before| {
            let samples = Samples {
                progress: before.progress_sample,
                dates: before.dates_sample,
            };
            (programme_fields(before), Some(now), "delete", None, samples)
        })
        .await
    }

    /// Brings back the fields of revision `version` (and undeletes) as a new revision.
    pub async fn restore_programme(
        &self,
        id: i32,
        version: i32,
        expected_version: i32,
        user_id: Option<i32>,
        now: i64,
    ) -> R<Saved> {
        let Some(rev) = revision::Entity::find()
            .filter(revision::Column::Entity.eq(PROGRAMME))
            .filter(revision::Column::EntityId.eq(id))
            .filter(revision::Column::Version.eq(version))
            .one(self.connection())
            .await?
        else {
            return Ok(Saved::Missing);
        };
        let Ok(fields) = serde_json::from_value::<ProgrammeFields>(rev.snapshot.clone()) else {
            return Ok(Saved::Missing);
        };
        let samples = samples_of(&rev.snapshot);
        self.change_programme(id, expected_version, user_id, now, |_| {
            (fields.clone(), None, "restore", Some(version), samples)
        })
        .await
    }

    async fn change_programme(
        &self,
        id: i32,
        expected_version: i32,
        user_id: Option<i32>,
        now: i64,
        change: impl FnOnce(
            &programme::Model,
        ) -> (
            ProgrammeFields,
            Option<i64>,
            &'static str,
            Option<i32>,
            Samples,
        ),
    ) -> R<Saved> {
        // Read first, outside the transaction: the compare-and-set below only succeeds if
        // this is still the stored version, and every change bumps the version, so what
        // was read is exactly what gets overwritten. The transaction then starts with its
        // write, which on SQLite waits for the lock (busy timeout) instead of failing the
        // way a read-then-write upgrade does under concurrency.
        let Some(before) = programme::Entity::find_by_id(id)
            .one(self.connection())
            .await?
        else {
            return Ok(Saved::Missing);
        };
        if before.version != expected_version {
            return Ok(Saved::Conflict {
                current_version: before.version,
            });
        }
        let (fields, deleted_at, op, restored_from, samples) = change(&before);
        let tx = self.connection().begin().await?;
        if !compare_and_set(&tx, id, expected_version, &fields, deleted_at, samples).await? {
            tx.rollback().await?;
            let current = programme::Entity::find_by_id(id)
                .one(self.connection())
                .await?;
            return Ok(current.map_or(Saved::Missing, |c| Saved::Conflict {
                current_version: c.version,
            }));
        }
        ensure_baseline(&tx, &before, now).await?;
        let snap = snapshot(&fields, deleted_at.is_some(), restored_from, samples);
        add_revision(
            &tx,
            PROGRAMME,
            id,
            before.city_id,
            expected_version + 1,
            op,
            user_id,
            now,
            snap,
        )
        .await?;
        Store::bump_generation(&tx).await?;
        tx.commit().await?;
        Ok(Saved::Ok {
            version: expected_version + 1,
        })
    }

    /// Creates a programme as version 1, with its first revision, in one transaction.
    /// `Ok(None)` when the slug is taken in this city.
    pub async fn create_programme(
        &self,
        city_id: i32,
        slug: &str,
        fields: &ProgrammeFields,
        user_id: Option<i32>,
        now: i64,
    ) -> R<Option<i32>> {
        use sea_orm::ActiveModelTrait;
        if self.programme_row(city_id, slug, true).await?.is_some() {
            return Ok(None);
        }
        let position = programme::Entity::find()
            .filter(programme::Column::CityId.eq(city_id))
            .order_by_desc(programme::Column::Position)
            .one(self.connection())
            .await?
            .map_or(0, |p| p.position + 1);
        let json = |t: &LocalizedText| serde_json::to_value(t).unwrap_or(Json::Null);
        let tx = self.connection().begin().await?;
        let inserted = programme::ActiveModel {
            city_id: Set(city_id),
            slug: Set(slug.to_owned()),
            parent_id: Set(None),
            weight: Set(fields.weight),
            status: Set(fields.status.clone()),
            start_on: Set(fields.start_on),
            end_on: Set(fields.end_on),
            dates_sample: Set(false),
            progress: Set(fields.progress),
            progress_sample: Set(false),
            position: Set(position),
            title: Set(json(&fields.title)),
            summary: Set(json(&fields.summary)),
            description: Set(json(&fields.description)),
            place_name: Set(None),
            latitude: Set(None),
            longitude: Set(None),
            place_sample: Set(false),
            sample: Set(false),
            version: Set(1),
            deleted_at: Set(None),
            ..Default::default()
        }
        .insert(&tx)
        .await;
        let inserted = match inserted {
            Ok(row) => row,
            // Someone created the same slug at the same moment (unique index).
            Err(_) if self.programme_row(city_id, slug, true).await?.is_some() => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        let snap = snapshot(fields, false, None, Samples::default());
        add_revision(
            &tx,
            PROGRAMME,
            inserted.id,
            city_id,
            1,
            "create",
            user_id,
            now,
            snap,
        )
        .await?;
        Store::bump_generation(&tx).await?;
        tx.commit().await?;
        Ok(Some(inserted.id))
    }

    /// Every revision of a thing, oldest first.
    pub async fn revisions_of(&self, entity: &str, id: i32) -> R<Vec<revision::Model>> {
        Ok(revision::Entity::find()
            .filter(revision::Column::Entity.eq(entity))
            .filter(revision::Column::EntityId.eq(id))
            .order_by_asc(revision::Column::Version)
            .all(self.connection())
            .await?)
    }

    /// Every revision in a city, newest first.
    pub async fn revisions_in_city(&self, city_id: i32, limit: u64) -> R<Vec<revision::Model>> {
        use sea_orm::QuerySelect;
        Ok(revision::Entity::find()
            .filter(revision::Column::CityId.eq(city_id))
            .order_by_desc(revision::Column::Id)
            .limit(limit)
            .all(self.connection())
            .await?)
    }

    /// Display names of users by id (for history views).
    pub async fn user_names(
        &self,
        ids: impl IntoIterator<Item = i32>,
    ) -> R<std::collections::HashMap<i32, String>> {
        use crate::entity::user;
        Ok(user::Entity::find()
            .filter(user::Column::Id.is_in(ids))
            .all(self.connection())
            .await?
            .into_iter()
            .map(|u| (u.id, u.display_name))
            .collect())
    }
}
