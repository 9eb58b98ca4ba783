//! Programmes as a versioned kind: their fields, target groups, objectives, partners,
//! funding, milestones and outputs read and written as one document (see
//! [`crate::versioned`]); references are stored by id and snapshotted by code or slug.

use std::collections::HashMap;

use forja_core::LocalizedText;
use forja_core::edit::{Funding, Milestone, Output, Partner, ProgrammeFields};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use serde_json::Value as Json;

use crate::codes::{code_of, id_of, node_codes};
use crate::entity::{
    funding, milestone, objective, organisation, output, programme, programme_objective,
    programme_partner, programme_target_group, strategy,
};
use crate::versioned::{Current, Versioned};
use crate::{Store, StoreError};

type R<T> = Result<T, StoreError>;

pub const PROGRAMME: &str = "programme";

/// The versioned kind for programmes.
pub struct Programme;

fn text(value: &Json) -> LocalizedText {
    serde_json::from_value(value.clone()).unwrap_or_default()
}

fn opt_text(value: &Option<Json>) -> LocalizedText {
    value.as_ref().map(text).unwrap_or_default()
}

fn json(t: &LocalizedText) -> Json {
    serde_json::to_value(t).unwrap_or(Json::Null)
}

fn opt_json(t: &LocalizedText) -> Option<Json> {
    (!t.is_empty()).then(|| json(t))
}

/// Slugs of organisations by id (deleted ones too: old snapshots name them).
async fn organisation_slugs(
    db: &impl sea_orm::ConnectionTrait,
    ids: impl IntoIterator<Item = i32>,
) -> R<HashMap<i32, String>> {
    Ok(organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.slug))
        .collect())
}

/// The objectives of a city's strategies, as (id, code).
async fn objectives_of_city(
    db: &impl sea_orm::ConnectionTrait,
    city_id: i32,
) -> R<Vec<(i32, String)>> {
    let strategies: Vec<i32> = strategy::Entity::find()
        .filter(strategy::Column::CityId.eq(city_id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    Ok(objective::Entity::find()
        .filter(objective::Column::StrategyId.is_in(strategies))
        .filter(objective::Column::DeletedAt.is_null())
        .order_by_asc(objective::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.code))
        .collect())
}

impl Versioned for Programme {
    const ENTITY: &'static str = PROGRAMME;
    const TABLE: &'static str = "programmes";
    const DELETABLE: bool = true;
    type Fields = ProgrammeFields;

    async fn read(store: &Store, id: i32) -> R<Option<Current<ProgrammeFields>>> {
        let db = store.connection();
        let Some(p) = programme::Entity::find_by_id(id).one(db).await? else {
            return Ok(None);
        };
        let parent = match p.parent_id {
            Some(pid) => programme::Entity::find_by_id(pid)
                .one(db)
                .await?
                .map(|x| x.slug),
            None => None,
        };
        let objectives = objectives_of_city(db, p.city_id).await?;
        let groups = node_codes(db, "target-groups").await?;
        let partners = store.partners(id).await?;
        let funding = store.funding(id).await?;
        let orgs = organisation_slugs(
            db,
            partners
                .iter()
                .map(|x| x.organisation_id)
                .chain(funding.iter().filter_map(|f| f.organisation_id)),
        )
        .await?;
        let fields = ProgrammeFields {
            title: text(&p.title),
            summary: text(&p.summary),
            description: text(&p.description),
            status: p.status.clone(),
            start_on: p.start_on,
            end_on: p.end_on,
            progress: p.progress,
            weight: p.weight,
            parent,
            objectives: store
                .programme_objectives(&[id])
                .await?
                .into_iter()
                .filter_map(|o| code_of(&objectives, o.objective_id))
                .collect(),
            target_groups: store
                .programme_target_groups(&[id])
                .await?
                .into_iter()
                .filter_map(|t| code_of(&groups, t.node_id))
                .collect(),
            partners: partners
                .iter()
                .filter_map(|x| {
                    Some(Partner {
                        organisation: orgs.get(&x.organisation_id)?.clone(),
                        role: x.role.clone(),
                        contribution: opt_text(&x.contribution),
                    })
                })
                .collect(),
            funding: funding
                .iter()
                .map(|f| Funding {
                    source: text(&f.source),
                    organisation: f.organisation_id.and_then(|o| orgs.get(&o).cloned()),
                    amount_minor: f.amount_minor,
                    currency: f.currency.clone(),
                    sample: f.sample,
                })
                .collect(),
            milestones: store
                .milestones(id)
                .await?
                .into_iter()
                .map(|m| Milestone {
                    title: text(&m.title),
                    due_on: m.due_on,
                    done: m.done,
                    sample: m.sample,
                })
                .collect(),
            outputs: store
                .outputs(id)
                .await?
                .into_iter()
                .map(|o| Output {
                    code: o.code,
                    label: text(&o.label),
                    unit: opt_text(&o.unit),
                    period: o.period,
                    expected: o.expected,
                    reported: o.reported,
                    source: opt_text(&o.source),
                    sample: o.sample,
                })
                .collect(),
            progress_sample: p.progress_sample,
            dates_sample: p.dates_sample,
        };
        Ok(Some(Current {
            fields,
            version: p.version,
            city_id: p.city_id,
            deleted: p.deleted_at.is_some(),
        }))
    }

    async fn write(tx: &DatabaseTransaction, id: i32, city_id: i32, f: &ProgrammeFields) -> R<()> {
        let parent_id = match &f.parent {
            // Only a live programme can be a parent (services refuse cycles before).
            Some(slug) => programme::Entity::find()
                .filter(programme::Column::CityId.eq(city_id))
                .filter(programme::Column::Slug.eq(slug.as_str()))
                .filter(programme::Column::DeletedAt.is_null())
                .one(tx)
                .await?
                .map(|p| p.id)
                .filter(|p| *p != id),
            None => None,
        };
        programme::Entity::update_many()
            .col_expr(programme::Column::Title, Expr::value(json(&f.title)))
            .col_expr(programme::Column::Summary, Expr::value(json(&f.summary)))
            .col_expr(
                programme::Column::Description,
                Expr::value(json(&f.description)),
            )
            .col_expr(programme::Column::Status, Expr::value(f.status.clone()))
            .col_expr(programme::Column::StartOn, Expr::value(f.start_on))
            .col_expr(programme::Column::EndOn, Expr::value(f.end_on))
            .col_expr(programme::Column::Progress, Expr::value(f.progress))
            .col_expr(programme::Column::Weight, Expr::value(f.weight))
            .col_expr(programme::Column::ParentId, Expr::value(parent_id))
            .col_expr(
                programme::Column::ProgressSample,
                Expr::value(f.progress_sample),
            )
            .col_expr(programme::Column::DatesSample, Expr::value(f.dates_sample))
            .filter(programme::Column::Id.eq(id))
            .exec(tx)
            .await?;

        // The parts are replaced as a whole: they have no identity of their own.
        programme_objective::Entity::delete_many()
            .filter(programme_objective::Column::ProgrammeId.eq(id))
            .exec(tx)
            .await?;
        let objectives = objectives_of_city(tx, city_id).await?;
        for code in &f.objectives {
            if let Some(objective_id) = id_of(&objectives, code) {
                programme_objective::ActiveModel {
                    programme_id: Set(id),
                    objective_id: Set(objective_id),
                }
                .insert(tx)
                .await?;
            }
        }
        programme_target_group::Entity::delete_many()
            .filter(programme_target_group::Column::ProgrammeId.eq(id))
            .exec(tx)
            .await?;
        let groups = node_codes(tx, "target-groups").await?;
        for code in &f.target_groups {
            if let Some(node_id) = id_of(&groups, code) {
                programme_target_group::ActiveModel {
                    programme_id: Set(id),
                    node_id: Set(node_id),
                }
                .insert(tx)
                .await?;
            }
        }
        // Live organisations of this city or of the whole network only.
        let slugs: Vec<&str> = f
            .partners
            .iter()
            .map(|p| p.organisation.as_str())
            .chain(f.funding.iter().filter_map(|x| x.organisation.as_deref()))
            .collect();
        let orgs: HashMap<String, i32> = organisation::Entity::find()
            .filter(organisation::Column::Slug.is_in(slugs))
            .filter(organisation::Column::DeletedAt.is_null())
            .all(tx)
            .await?
            .into_iter()
            .filter(|o| o.city_id.is_none_or(|c| c == city_id))
            .map(|o| (o.slug, o.id))
            .collect();
        programme_partner::Entity::delete_many()
            .filter(programme_partner::Column::ProgrammeId.eq(id))
            .exec(tx)
            .await?;
        for p in &f.partners {
            if let Some(org) = orgs.get(&p.organisation) {
                programme_partner::ActiveModel {
                    programme_id: Set(id),
                    organisation_id: Set(*org),
                    role: Set(p.role.clone()),
                    contribution: Set(opt_json(&p.contribution)),
                    ..Default::default()
                }
                .insert(tx)
                .await?;
            }
        }
        funding::Entity::delete_many()
            .filter(funding::Column::ProgrammeId.eq(id))
            .exec(tx)
            .await?;
        for x in &f.funding {
            funding::ActiveModel {
                programme_id: Set(id),
                source: Set(json(&x.source)),
                organisation_id: Set(x.organisation.as_ref().and_then(|o| orgs.get(o).copied())),
                amount_minor: Set(x.amount_minor),
                currency: Set(x.currency.clone()),
                sample: Set(x.sample),
                ..Default::default()
            }
            .insert(tx)
            .await?;
        }
        milestone::Entity::delete_many()
            .filter(milestone::Column::ProgrammeId.eq(id))
            .exec(tx)
            .await?;
        for (position, m) in f.milestones.iter().enumerate() {
            milestone::ActiveModel {
                programme_id: Set(id),
                position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
                title: Set(json(&m.title)),
                due_on: Set(m.due_on),
                done: Set(m.done),
                sample: Set(m.sample),
                ..Default::default()
            }
            .insert(tx)
            .await?;
        }
        output::Entity::delete_many()
            .filter(output::Column::ProgrammeId.eq(id))
            .exec(tx)
            .await?;
        for o in &f.outputs {
            output::ActiveModel {
                programme_id: Set(id),
                code: Set(o.code.clone()),
                label: Set(json(&o.label)),
                unit: Set(opt_json(&o.unit)),
                period: Set(o.period.clone()),
                expected: Set(o.expected),
                reported: Set(o.reported),
                sample: Set(o.sample),
                source: Set(opt_json(&o.source)),
                ..Default::default()
            }
            .insert(tx)
            .await?;
        }
        Ok(())
    }

    fn carry(fields: &mut ProgrammeFields, before: &ProgrammeFields) {
        fields.keep_samples(before);
    }
}

/// The titles of the live programmes among `ids`, for "still used by" messages.
pub(crate) async fn live_programme_titles(
    db: &impl sea_orm::ConnectionTrait,
    ids: impl IntoIterator<Item = i32>,
) -> R<Vec<String>> {
    let mut ids: Vec<i32> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(programme::Entity::find()
        .filter(programme::Column::Id.is_in(ids))
        .filter(programme::Column::DeletedAt.is_null())
        .order_by_asc(programme::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|p| {
            let t = text(&p.title);
            t.get_exact("en")
                .or(t.get_exact("ro"))
                .unwrap_or(&p.slug)
                .to_owned()
        })
        .collect())
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
        if self.programme_row(city_id, slug, true).await?.is_some() {
            return Ok(None);
        }
        let position = programme::Entity::find()
            .filter(programme::Column::CityId.eq(city_id))
            .order_by_desc(programme::Column::Position)
            .one(self.connection())
            .await?
            .map_or(0, |p| p.position + 1);
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
        self.finish_create::<Programme>(tx, inserted.id, city_id, fields, user_id, now)
            .await?;
        Ok(Some(inserted.id))
    }
}
