//! Good practices as a versioned kind (see [`crate::versioned`]): the whole document,
//! review status included, is one JSON value, so every step of the review is a
//! revision. Readers see the published version, which is one of the revisions.

use forja_core::LocalizedText;
use forja_core::edit::PracticeFields;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use serde_json::Value as Json;

use crate::entity::{practice, practice_adoption, revision};
use crate::versioned::{Current, Versioned};
use crate::{Store, StoreError};

type R<T> = Result<T, StoreError>;

pub const PRACTICE: &str = "practice";

/// The versioned kind for practices.
pub struct Practice;

pub fn practice_document(p: &practice::Model) -> Option<PracticeFields> {
    serde_json::from_value(p.document.clone()).ok()
}

impl Versioned for Practice {
    const ENTITY: &'static str = PRACTICE;
    const TABLE: &'static str = "practices";
    const DELETABLE: bool = true;
    type Fields = PracticeFields;

    /// Demo figures stay marked: a person's edit does not vouch for them.
    fn carry(fields: &mut PracticeFields, before: &PracticeFields) {
        fields.sample = before.sample;
    }

    async fn read(store: &Store, id: i32) -> R<Option<Current<PracticeFields>>> {
        let Some(p) = practice::Entity::find_by_id(id)
            .one(store.connection())
            .await?
        else {
            return Ok(None);
        };
        Ok(practice_document(&p).map(|fields| Current {
            fields,
            version: p.version,
            city_id: p.city_id,
            deleted: p.deleted_at.is_some(),
        }))
    }

    async fn write(tx: &DatabaseTransaction, id: i32, _: i32, f: &PracticeFields) -> R<()> {
        practice::Entity::update_many()
            .col_expr(
                practice::Column::Document,
                Expr::value(serde_json::to_value(f).unwrap_or(Json::Null)),
            )
            .filter(practice::Column::Id.eq(id))
            .exec(tx)
            .await?;
        Ok(())
    }
}

/// A city that took a practice up.
#[derive(Debug, Clone)]
pub struct NewAdoption {
    pub practice_id: i32,
    pub city_id: i32,
    pub year: i32,
    pub note: LocalizedText,
    pub sample: bool,
}

impl Store {
    /// A practice by its slug (deleted ones too when `deleted`).
    pub async fn practice_row(&self, slug: &str, deleted: bool) -> R<Option<practice::Model>> {
        let mut q = practice::Entity::find().filter(practice::Column::Slug.eq(slug));
        if !deleted {
            q = q.filter(practice::Column::DeletedAt.is_null());
        }
        Ok(q.one(self.connection()).await?)
    }

    /// Every live practice, oldest first (the network's repository is small next to
    /// its observations: hundreds, not millions).
    pub async fn practices(&self) -> R<Vec<practice::Model>> {
        Ok(practice::Entity::find()
            .filter(practice::Column::DeletedAt.is_null())
            .order_by_asc(practice::Column::Id)
            .all(self.connection())
            .await?)
    }

    /// The document readers see: the published version's.
    pub async fn published_practice(&self, p: &practice::Model) -> R<Option<PracticeFields>> {
        let Some(v) = p.published_version else {
            return Ok(None);
        };
        if v == p.version {
            return Ok(practice_document(p));
        }
        Ok(revision::Entity::find()
            .filter(revision::Column::Entity.eq(PRACTICE))
            .filter(revision::Column::EntityId.eq(p.id))
            .filter(revision::Column::Version.eq(v))
            .one(self.connection())
            .await?
            .and_then(|r| serde_json::from_value(r.snapshot).ok()))
    }

    /// Creates a practice as version 1; `None` when the slug is taken.
    pub async fn create_practice(
        &self,
        city_id: i32,
        slug: &str,
        fields: &PracticeFields,
        user_id: Option<i32>,
        now: i64,
    ) -> R<Option<i32>> {
        if self.practice_row(slug, true).await?.is_some() {
            return Ok(None);
        }
        let tx = self.connection().begin().await?;
        let row = practice::ActiveModel {
            city_id: Set(city_id),
            slug: Set(slug.to_owned()),
            document: Set(serde_json::to_value(fields).unwrap_or(Json::Null)),
            version: Set(1),
            deleted_at: Set(None),
            published_version: Set(None),
            published_at: Set(None),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&tx)
        .await;
        let row = match row {
            Ok(row) => row,
            // Created at the same moment by someone else (unique index).
            Err(_) if self.practice_row(slug, true).await?.is_some() => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        self.finish_create::<Practice>(tx, row.id, city_id, fields, user_id, now)
            .await?;
        Ok(Some(row.id))
    }

    /// Makes `version` (the current one, which the caller checked is reviewed) what
    /// readers see; false when the practice moved on meanwhile.
    pub async fn publish_practice(&self, id: i32, version: i32, now: i64) -> R<bool> {
        let tx = self.connection().begin().await?;
        let done = practice::Entity::update_many()
            .col_expr(practice::Column::PublishedVersion, Expr::value(version))
            .col_expr(practice::Column::PublishedAt, Expr::value(now))
            .filter(practice::Column::Id.eq(id))
            .filter(practice::Column::Version.eq(version))
            .exec(&tx)
            .await?;
        if done.rows_affected == 1 {
            Store::bump_generation(&tx).await?;
            tx.commit().await?;
        }
        Ok(done.rows_affected == 1)
    }

    /// Records an adoption, or updates the city's record of it (its year and its
    /// words: a city adds its results as they come).
    pub async fn add_adoption(&self, a: &NewAdoption, user_id: Option<i32>, now: i64) -> R<()> {
        let tx = self.connection().begin().await?;
        let note = serde_json::to_value(&a.note).unwrap_or(Json::Null);
        let existing = practice_adoption::Entity::find()
            .filter(practice_adoption::Column::PracticeId.eq(a.practice_id))
            .filter(practice_adoption::Column::CityId.eq(a.city_id))
            .one(&tx)
            .await?;
        match existing {
            Some(row) => {
                let mut row: practice_adoption::ActiveModel = row.into();
                row.year = Set(a.year);
                row.note = Set(note);
                row.sample = Set(a.sample);
                row.update(&tx).await?;
            }
            None => {
                practice_adoption::ActiveModel {
                    practice_id: Set(a.practice_id),
                    city_id: Set(a.city_id),
                    year: Set(a.year),
                    note: Set(note),
                    sample: Set(a.sample),
                    created_at: Set(now),
                    created_by: Set(user_id),
                    ..Default::default()
                }
                .insert(&tx)
                .await?;
            }
        }
        Store::bump_generation(&tx).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Adoptions of the given practices, oldest first.
    pub async fn adoptions(&self, practice_ids: &[i32]) -> R<Vec<practice_adoption::Model>> {
        Ok(practice_adoption::Entity::find()
            .filter(practice_adoption::Column::PracticeId.is_in(practice_ids.iter().copied()))
            .order_by_asc(practice_adoption::Column::Year)
            .order_by_asc(practice_adoption::Column::Id)
            .all(self.connection())
            .await?)
    }
}
