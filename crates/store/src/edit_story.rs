//! Stories as a versioned kind (see [`crate::versioned`]): the whole document is one
//! JSON value. Readers see the published version, which is one of the revisions.

use forja_core::story::StoryFields;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use serde_json::Value as Json;

use crate::entity::{revision, story};
use crate::versioned::{Current, Versioned};
use crate::{Store, StoreError};

type R<T> = Result<T, StoreError>;

pub const STORY: &str = "story";

/// The versioned kind for stories.
pub struct Story;

fn document(s: &story::Model) -> Option<StoryFields> {
    serde_json::from_value(s.document.clone()).ok()
}

impl Versioned for Story {
    const ENTITY: &'static str = STORY;
    const TABLE: &'static str = "stories";
    const DELETABLE: bool = true;
    type Fields = StoryFields;

    async fn read(store: &Store, id: i32) -> R<Option<Current<StoryFields>>> {
        let Some(s) = story::Entity::find_by_id(id)
            .one(store.connection())
            .await?
        else {
            return Ok(None);
        };
        Ok(document(&s).map(|fields| Current {
            fields,
            version: s.version,
            city_id: s.city_id,
            deleted: s.deleted_at.is_some(),
        }))
    }

    async fn write(tx: &DatabaseTransaction, id: i32, _: i32, f: &StoryFields) -> R<()> {
        story::Entity::update_many()
            .col_expr(
                story::Column::Document,
                Expr::value(serde_json::to_value(f).unwrap_or(Json::Null)),
            )
            .filter(story::Column::Id.eq(id))
            .exec(tx)
            .await?;
        Ok(())
    }
}

impl Store {
    /// A story by city and slug (deleted ones too when `deleted`).
    pub async fn story_row(
        &self,
        city_id: i32,
        slug: &str,
        deleted: bool,
    ) -> R<Option<story::Model>> {
        let mut q = story::Entity::find()
            .filter(story::Column::CityId.eq(city_id))
            .filter(story::Column::Slug.eq(slug));
        if !deleted {
            q = q.filter(story::Column::DeletedAt.is_null());
        }
        Ok(q.one(self.connection()).await?)
    }

    /// Every story of a city, drafts and deleted ones too (for its history).
    pub async fn stories_of(&self, city_id: i32) -> R<Vec<story::Model>> {
        Ok(story::Entity::find()
            .filter(story::Column::CityId.eq(city_id))
            .order_by_asc(story::Column::Id)
            .all(self.connection())
            .await?)
    }

    /// A city's stories that readers can see.
    pub async fn published_stories(&self, city_id: i32) -> R<Vec<story::Model>> {
        Ok(story::Entity::find()
            .filter(story::Column::CityId.eq(city_id))
            .filter(story::Column::DeletedAt.is_null())
            .filter(story::Column::PublishedVersion.is_not_null())
            .order_by_asc(story::Column::Id)
            .all(self.connection())
            .await?)
    }

    /// The document readers see: the published version's.
    pub async fn published_document(&self, s: &story::Model) -> R<Option<StoryFields>> {
        let Some(v) = s.published_version else {
            return Ok(None);
        };
        if v == s.version {
            return Ok(document(s));
        }
        Ok(revision::Entity::find()
            .filter(revision::Column::Entity.eq(STORY))
            .filter(revision::Column::EntityId.eq(s.id))
            .filter(revision::Column::Version.eq(v))
            .one(self.connection())
            .await?
            .and_then(|r| serde_json::from_value(r.snapshot).ok()))
    }

    /// Creates a story as version 1; `None` when the slug is taken in this city.
    pub async fn create_story(
        &self,
        city_id: i32,
        slug: &str,
        fields: &StoryFields,
        user_id: Option<i32>,
        now: i64,
    ) -> R<Option<i32>> {
        if self.story_row(city_id, slug, true).await?.is_some() {
            return Ok(None);
        }
        let tx = self.connection().begin().await?;
        let row = story::ActiveModel {
            city_id: Set(city_id),
            slug: Set(slug.to_owned()),
            document: Set(serde_json::to_value(fields).unwrap_or(Json::Null)),
            version: Set(1),
            deleted_at: Set(None),
            published_version: Set(None),
            published_at: Set(None),
            ..Default::default()
        }
        .insert(&tx)
        .await;
        let row = match row {
            Ok(row) => row,
            Err(_) if self.story_row(city_id, slug, true).await?.is_some() => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        self.finish_create::<Story>(tx, row.id, city_id, fields, user_id, now)
            .await?;
        Ok(Some(row.id))
    }

    /// Takes a story away from readers (it keeps every version).
    pub async fn unpublish_story(&self, id: i32) -> R<()> {
        let tx = self.connection().begin().await?;
        story::Entity::update_many()
            .col_expr(
                story::Column::PublishedVersion,
                Expr::value(Option::<i32>::None),
            )
            .col_expr(story::Column::PublishedAt, Expr::value(Option::<i64>::None))
            .filter(story::Column::Id.eq(id))
            .exec(&tx)
            .await?;
        Store::bump_generation(&tx).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Makes `version` (a stored revision, or the current one) what readers see.
    pub async fn publish_story(&self, id: i32, version: i32, now: i64) -> R<bool> {
        let Some(s) = story::Entity::find_by_id(id).one(self.connection()).await? else {
            return Ok(false);
        };
        let known = version == s.version
            || revision::Entity::find()
                .filter(revision::Column::Entity.eq(STORY))
                .filter(revision::Column::EntityId.eq(id))
                .filter(revision::Column::Version.eq(version))
                .one(self.connection())
                .await?
                .is_some();
        if !known {
            return Ok(false);
        }
        let tx = self.connection().begin().await?;
        story::Entity::update_many()
            .col_expr(story::Column::PublishedVersion, Expr::value(version))
            .col_expr(story::Column::PublishedAt, Expr::value(now))
            .filter(story::Column::Id.eq(id))
            .exec(&tx)
            .await?;
        Store::bump_generation(&tx).await?;
        tx.commit().await?;
        Ok(true)
    }
}
