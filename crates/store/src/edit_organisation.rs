//! Organisations as a versioned kind (see [`crate::versioned`]).

use forja_core::LocalizedText;
use forja_core::edit::OrganisationFields;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set,
    TransactionTrait,
};
use serde_json::Value as Json;

use crate::edit_programme::live_programme_titles;
use crate::entity::{funding, organisation, programme_partner};
use crate::versioned::{Current, Versioned};
use crate::{Store, StoreError};

type R<T> = Result<T, StoreError>;

pub const ORGANISATION: &str = "organisation";

/// The versioned kind for organisations. Those of the whole network (no city) are kept
/// under city id 0 in revisions.
pub struct Organisation;

impl Versioned for Organisation {
    const ENTITY: &'static str = ORGANISATION;
    const TABLE: &'static str = "organisations";
    const DELETABLE: bool = true;
    type Fields = OrganisationFields;

    async fn read(store: &Store, id: i32) -> R<Option<Current<OrganisationFields>>> {
        Ok(organisation::Entity::find_by_id(id)
            .one(store.connection())
            .await?
            .map(|o| Current {
                fields: OrganisationFields {
                    name: serde_json::from_value(o.name.clone()).unwrap_or_default(),
                    kind: o.kind.clone(),
                    website: o.website.clone(),
                    collective: o.collective,
                },
                version: o.version,
                city_id: o.city_id.unwrap_or(0),
                deleted: o.deleted_at.is_some(),
            }))
    }

    /// The live programmes that name it as partner or funder.
    async fn in_use(tx: &DatabaseTransaction, id: i32) -> R<Vec<String>> {
        let partners = programme_partner::Entity::find()
            .filter(programme_partner::Column::OrganisationId.eq(id))
            .all(tx)
            .await?
            .into_iter()
            .map(|p| p.programme_id);
        let funders = funding::Entity::find()
            .filter(funding::Column::OrganisationId.eq(id))
            .all(tx)
            .await?
            .into_iter()
            .map(|f| f.programme_id);
        live_programme_titles(tx, partners.chain(funders)).await
    }

    async fn write(tx: &DatabaseTransaction, id: i32, _: i32, f: &OrganisationFields) -> R<()> {
        organisation::Entity::update_many()
            .col_expr(
                organisation::Column::Name,
                Expr::value(serde_json::to_value(&f.name).unwrap_or(Json::Null)),
            )
            .col_expr(organisation::Column::Kind, Expr::value(f.kind.clone()))
            .col_expr(
                organisation::Column::Website,
                Expr::value(f.website.clone()),
            )
            .col_expr(organisation::Column::Collective, Expr::value(f.collective))
            .filter(organisation::Column::Id.eq(id))
            .exec(tx)
            .await?;
        Ok(())
    }
}

impl Store {
    /// An organisation by its slug (deleted ones too when `deleted`).
    pub async fn organisation_row(
        &self,
        slug: &str,
        deleted: bool,
    ) -> R<Option<organisation::Model>> {
        let mut q = organisation::Entity::find().filter(organisation::Column::Slug.eq(slug));
        if !deleted {
            q = q.filter(organisation::Column::DeletedAt.is_null());
        }
        Ok(q.one(self.connection()).await?)
    }

    /// Deleted organisations of a city.
    pub async fn deleted_organisations(&self, city_id: i32) -> R<Vec<organisation::Model>> {
        Ok(organisation::Entity::find()
            .filter(organisation::Column::CityId.eq(city_id))
            .filter(organisation::Column::DeletedAt.is_not_null())
            .all(self.connection())
            .await?)
    }

    /// Creates an organisation of a city as version 1 with its first revision; `None`
    /// when the slug is taken (slugs are unique across the network).
    pub async fn create_organisation(
        &self,
        city_id: i32,
        slug: &str,
        fields: &OrganisationFields,
        user_id: Option<i32>,
        now: i64,
    ) -> R<Option<i32>> {
        if self.organisation_row(slug, true).await?.is_some() {
            return Ok(None);
        }
        let name = |t: &LocalizedText| serde_json::to_value(t).unwrap_or(Json::Null);
        let tx = self.connection().begin().await?;
        let row = organisation::ActiveModel {
            city_id: Set(Some(city_id)),
            slug: Set(slug.to_owned()),
            name: Set(name(&fields.name)),
            kind: Set(fields.kind.clone()),
            website: Set(fields.website.clone()),
            collective: Set(fields.collective),
            version: Set(1),
            deleted_at: Set(None),
            ..Default::default()
        }
        .insert(&tx)
        .await;
        let row = match row {
            Ok(row) => row,
            // Created at the same moment by someone else (unique index).
            Err(_) if self.organisation_row(slug, true).await?.is_some() => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        self.finish_create::<Organisation>(tx, row.id, city_id, fields, user_id, now)
            .await?;
        Ok(Some(row.id))
    }
}
