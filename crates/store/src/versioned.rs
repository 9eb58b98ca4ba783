//! History that loses nothing, for every editable kind. A save is a compare-and-set on
//! the row's `version` inside one transaction that also writes the kind's fields and the
//! revision, so two editors can never silently overwrite each other and a row never
//! changes without its revision. Deletes set `deleted_at` (restorable); restores are new
//! revisions. A kind only says how its fields are read and written ([`Versioned`]).

use std::future::Future;

use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value as Json, json};

use crate::entity::revision;
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
    /// Not deleted: still used by these (their names), which must let go first.
    InUse(Vec<String>),
    /// Not saved: stored data depends on what the change would alter, by field (what
    /// depends on it, in words for a person).
    WouldBreak(Vec<(String, Vec<String>)>),
}

/// What is stored now for one thing.
#[derive(Debug, Clone)]
pub struct Current<F> {
    pub fields: F,
    pub version: i32,
    pub city_id: i32,
    pub deleted: bool,
}

/// A kind of thing people edit: its table and how its fields are read and written.
pub trait Versioned {
    /// The kind's name in revisions (`programme`, `city`, ...).
    const ENTITY: &'static str;
    /// Its table, which has `id` and `version` columns.
    const TABLE: &'static str;
    /// Whether the table has `deleted_at` (restorable deletes).
    const DELETABLE: bool;
    /// The fields, which are also the revision snapshot.
    type Fields: Serialize + DeserializeOwned + Clone + Send + Sync;

    fn read(
        store: &Store,
        id: i32,
    ) -> impl Future<Output = R<Option<Current<Self::Fields>>>> + Send;

    /// Writes every field (the version and delete mark are written for it).
    fn write(
        tx: &DatabaseTransaction,
        id: i32,
        city_id: i32,
        fields: &Self::Fields,
    ) -> impl Future<Output = R<()>> + Send;

    /// Carries over from `before` what an edit does not vouch for (sample marks).
    fn carry(_fields: &mut Self::Fields, _before: &Self::Fields) {}

    /// What stored data an update or restore to `fields` would corrupt, by field (read
    /// inside the change's transaction, after the version is taken, so nothing slips in
    /// between): an indicator losing a dimension its values are broken down by.
    fn breaks(
        _tx: &DatabaseTransaction,
        _id: i32,
        _before: &Self::Fields,
        _fields: &Self::Fields,
    ) -> impl Future<Output = R<Vec<(String, Vec<String>)>>> + Send {
        async { Ok(Vec::new()) }
    }

    /// What still uses the thing and would break if it were deleted (read inside the
    /// delete's transaction, after the version is taken, so nothing slips in between).
    fn in_use(_tx: &DatabaseTransaction, _id: i32) -> impl Future<Output = R<Vec<String>>> + Send {
        async { Ok(Vec::new()) }
    }
}

/// What a change does.
#[derive(Debug, Clone)]
pub enum Change<F> {
    Update(F),
    Delete,
    /// Bring back the fields of this version (undeleting).
    Restore(i32),
}

fn snapshot<F: Serialize>(fields: &F, deleted: bool, restored_from: Option<i32>) -> Json {
    let mut value = serde_json::to_value(fields).unwrap_or(Json::Null);
    if let Json::Object(map) = &mut value {
        map.insert("deleted".into(), json!(deleted));
        if let Some(v) = restored_from {
            map.insert("restored_from".into(), json!(v));
        }
    }
    value
}

#[allow(clippy::too_many_arguments)]
async fn add_revision(
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

/// One revision's snapshot.
async fn revision_snapshot(
    db: &impl ConnectionTrait,
    entity: &str,
    id: i32,
    version: i32,
) -> R<Option<Json>> {
    Ok(revision::Entity::find()
        .filter(revision::Column::Entity.eq(entity))
        .filter(revision::Column::EntityId.eq(id))
        .filter(revision::Column::Version.eq(version))
        .one(db)
        .await?
        .map(|r| r.snapshot))
}

impl Store {
    /// Applies a change over `expected_version`, with its revision.
    pub async fn change<K: Versioned>(
        &self,
        id: i32,
        expected_version: i32,
        change: Change<K::Fields>,
        user_id: Option<i32>,
        now: i64,
    ) -> R<Saved> {
        // Read first, outside the transaction: the compare-and-set below only succeeds if
        // this is still the stored version, and every change bumps the version, so what
        // was read is exactly what gets overwritten. The transaction then starts with its
        // write, which on SQLite waits for the lock (busy timeout) instead of failing the
        // way a read-then-write upgrade does under concurrency.
        let Some(before) = K::read(self, id).await? else {
            return Ok(Saved::Missing);
        };
        if before.version != expected_version {
            return Ok(Saved::Conflict {
                current_version: before.version,
            });
        }
        let (fields, deleted, op, restored_from) = match change {
            Change::Update(mut fields) => {
                K::carry(&mut fields, &before.fields);
                (fields, false, "update", None)
            }
            Change::Delete if K::DELETABLE => (before.fields.clone(), true, "delete", None),
            Change::Delete => return Ok(Saved::Missing),
            Change::Restore(version) => {
                let snap = revision_snapshot(self.connection(), K::ENTITY, id, version).await?;
                match snap.map(serde_json::from_value::<K::Fields>) {
                    Some(Ok(fields)) => (fields, false, "restore", Some(version)),
                    _ => return Ok(Saved::Missing),
                }
            }
        };
        let tx = self.connection().begin().await?;
        let mut bump = Query::update();
        bump.table(Alias::new(K::TABLE))
            .value(Alias::new("version"), expected_version + 1)
            .and_where(Expr::col(Alias::new("id")).eq(id))
            .and_where(Expr::col(Alias::new("version")).eq(expected_version));
        if K::DELETABLE {
            bump.value(Alias::new("deleted_at"), deleted.then_some(now));
        }
        if tx.execute(&bump).await?.rows_affected() != 1 {
            tx.rollback().await?;
            return Ok(match K::read(self, id).await? {
                Some(c) => Saved::Conflict {
                    current_version: c.version,
                },
                None => Saved::Missing,
            });
        }
        if deleted {
            let users = K::in_use(&tx, id).await?;
            if !users.is_empty() {
                tx.rollback().await?;
                return Ok(Saved::InUse(users));
            }
        } else {
            let broken = K::breaks(&tx, id, &before.fields, &fields).await?;
            if !broken.is_empty() {
                tx.rollback().await?;
                return Ok(Saved::WouldBreak(broken));
            }
            K::write(&tx, id, before.city_id, &fields).await?;
        }
        // Imported content has no revision yet: record what it was before its first
        // change, so the original can always be restored.
        let has_revisions = revision::Entity::find()
            .filter(revision::Column::Entity.eq(K::ENTITY))
            .filter(revision::Column::EntityId.eq(id))
            .count(&tx)
            .await?
            > 0;
        if !has_revisions {
            let snap = snapshot(&before.fields, before.deleted, None);
            add_revision(
                &tx,
                K::ENTITY,
                id,
                before.city_id,
                before.version,
                "import",
                None,
                now,
                snap,
            )
            .await?;
        }
        let snap = snapshot(&fields, deleted, restored_from);
        add_revision(
            &tx,
            K::ENTITY,
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

    /// The fields a revision holds, to check before restoring them.
    pub async fn revision_fields<K: Versioned>(
        &self,
        id: i32,
        version: i32,
    ) -> R<Option<K::Fields>> {
        Ok(revision_snapshot(self.connection(), K::ENTITY, id, version)
            .await?
            .and_then(|snap| serde_json::from_value(snap).ok()))
    }

    /// Records the first revision of a thing `insert` just created in `tx` (version 1),
    /// writes its fields and commits.
    pub(crate) async fn finish_create<K: Versioned>(
        &self,
        tx: DatabaseTransaction,
        id: i32,
        city_id: i32,
        fields: &K::Fields,
        user_id: Option<i32>,
        now: i64,
    ) -> R<()> {
        K::write(&tx, id, city_id, fields).await?;
        let snap = snapshot(fields, false, None);
        add_revision(&tx, K::ENTITY, id, city_id, 1, "create", user_id, now, snap).await?;
        Store::bump_generation(&tx).await?;
        tx.commit().await?;
        Ok(())
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

    /// The revisions of some kinds in a city, newest first (a city's data history).
    pub async fn revisions_of_kinds(
        &self,
        city_id: i32,
        entities: &[&str],
        limit: u64,
    ) -> R<Vec<revision::Model>> {
        use sea_orm::QuerySelect;
        Ok(revision::Entity::find()
            .filter(revision::Column::CityId.eq(city_id))
            .filter(revision::Column::Entity.is_in(entities.iter().copied()))
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

/// Records a change made outside the editors (a newer framework file loaded on start) on
/// a thing that already has history: its version moves on and the new state becomes a
/// revision, so the history still shows every state it had.
pub(crate) async fn record_outside_change<K: Versioned>(
    tx: &DatabaseTransaction,
    id: i32,
    city_id: i32,
    fields: &K::Fields,
    now: i64,
) -> R<()> {
    let has_revisions = revision::Entity::find()
        .filter(revision::Column::Entity.eq(K::ENTITY))
        .filter(revision::Column::EntityId.eq(id))
        .count(tx)
        .await?
        > 0;
    if !has_revisions {
        return Ok(());
    }
    let mut bump = Query::update();
    bump.table(Alias::new(K::TABLE))
        .value(
            Alias::new("version"),
            Expr::col(Alias::new("version")).add(1),
        )
        .and_where(Expr::col(Alias::new("id")).eq(id));
    tx.execute(&bump).await?;
    let version = revision::Entity::find()
        .filter(revision::Column::Entity.eq(K::ENTITY))
        .filter(revision::Column::EntityId.eq(id))
        .all(tx)
        .await?
        .iter()
        .map(|r| r.version)
        .max()
        .unwrap_or(0)
        + 1;
    let snap = snapshot(fields, false, None);
    add_revision(
        tx,
        K::ENTITY,
        id,
        city_id,
        version,
        "import",
        None,
        now,
        snap,
    )
    .await
}
