//! Capacity-development resources as a versioned kind (see [`crate::versioned`]). They
//! belong to the network, not to a city: their revisions carry city 0, as framework
//! nodes' do, and search keeps them in the network's group.

use forja_core::edit::ResourceFields;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use serde_json::Value as Json;

use crate::entity::resource;
use crate::versioned::{Current, Versioned};
use crate::{Store, StoreError};

type R<T> = Result<T, StoreError>;

pub const RESOURCE: &str = "resource";

/// The city id the network's own things are recorded under.
pub const NETWORK: i32 = 0;

/// The versioned kind for resources.
pub struct Resource;

pub fn resource_document(r: &resource::Model) -> Option<ResourceFields> {
    serde_json::from_value(r.document.clone()).ok()
}

impl Versioned for Resource {
    const ENTITY: &'static str = RESOURCE;
    const TABLE: &'static str = "resources";
    const DELETABLE: bool = true;
    type Fields = ResourceFields;

    /// Demo entries stay marked: a person's edit does not make them published works.
    /// The file too: the form does not carry it, uploading does.
    fn carry(fields: &mut ResourceFields, before: &ResourceFields) {
        fields.sample = before.sample;
        if fields.file.is_none() {
            fields.file.clone_from(&before.file);
        }
    }

    async fn read(store: &Store, id: i32) -> R<Option<Current<ResourceFields>>> {
        let Some(r) = resource::Entity::find_by_id(id)
            .one(store.connection())
            .await?
        else {
            return Ok(None);
        };
        Ok(resource_document(&r).map(|fields| Current {
            fields,
            version: r.version,
            city_id: NETWORK,
            deleted: r.deleted_at.is_some(),
        }))
    }

    async fn write(tx: &DatabaseTransaction, id: i32, _: i32, f: &ResourceFields) -> R<()> {
        resource::Entity::update_many()
            .col_expr(
                resource::Column::Document,
                Expr::value(serde_json::to_value(f).unwrap_or(Json::Null)),
            )
            .filter(resource::Column::Id.eq(id))
            .exec(tx)
            .await?;
        Ok(())
    }
}

impl Store {
    /// A resource by its slug (deleted ones too when `deleted`).
    pub async fn resource_row(&self, slug: &str, deleted: bool) -> R<Option<resource::Model>> {
        let mut q = resource::Entity::find().filter(resource::Column::Slug.eq(slug));
        if !deleted {
            q = q.filter(resource::Column::DeletedAt.is_null());
        }
        Ok(q.one(self.connection()).await?)
    }

    /// Every live resource, oldest first (a library of hundreds).
    pub async fn resources(&self) -> R<Vec<resource::Model>> {
        Ok(resource::Entity::find()
            .filter(resource::Column::DeletedAt.is_null())
            .order_by_asc(resource::Column::Id)
            .all(self.connection())
            .await?)
    }

    /// The resources taken out, most recently first.
    pub async fn deleted_resources(&self) -> R<Vec<resource::Model>> {
        Ok(resource::Entity::find()
            .filter(resource::Column::DeletedAt.is_not_null())
            .order_by_desc(resource::Column::DeletedAt)
            .all(self.connection())
            .await?)
    }

    /// Creates a resource as version 1; `None` when the slug is taken.
    pub async fn create_resource(
        &self,
        slug: &str,
        fields: &ResourceFields,
        user_id: Option<i32>,
        now: i64,
    ) -> R<Option<i32>> {
        if self.resource_row(slug, true).await?.is_some() {
            return Ok(None);
        }
        let tx = self.connection().begin().await?;
        let row = resource::ActiveModel {
            slug: Set(slug.to_owned()),
            document: Set(serde_json::to_value(fields).unwrap_or(Json::Null)),
            version: Set(1),
            deleted_at: Set(None),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&tx)
        .await;
        let row = match row {
            Ok(row) => row,
            // Created at the same moment by someone else (unique index).
            Err(_) if self.resource_row(slug, true).await?.is_some() => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        self.finish_create::<Resource>(tx, row.id, NETWORK, fields, user_id, now)
            .await?;
        Ok(Some(row.id))
    }
}
