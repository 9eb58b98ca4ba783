//! Strategies and their objectives as versioned kinds (see [`crate::versioned`]). An
//! objective's framework links and local targets are part of its document.

use forja_core::LocalizedText;
use forja_core::edit::{LocalTarget, ObjectiveFields, StrategyFields};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use serde_json::Value as Json;

use crate::codes::{code_of, id_of, node_codes};
use crate::entity::{local_target, objective, objective_node, programme_objective, strategy};
use crate::versioned::{Current, Versioned};
use crate::{Store, StoreError};

type R<T> = Result<T, StoreError>;

pub const STRATEGY: &str = "strategy";
pub const OBJECTIVE: &str = "objective";

/// The frameworks an objective may be linked to, as its fields name them.
const LINKED: [&str; 3] = ["kflc", "guidelines", "sdg"];

fn text(value: &Json) -> LocalizedText {
    serde_json::from_value(value.clone()).unwrap_or_default()
}

fn json(t: &LocalizedText) -> Json {
    serde_json::to_value(t).unwrap_or(Json::Null)
}

/// The versioned kind for strategies.
pub struct Strategy;

impl Versioned for Strategy {
    const ENTITY: &'static str = STRATEGY;
    const TABLE: &'static str = "strategies";
    const DELETABLE: bool = false;
    type Fields = StrategyFields;

    async fn read(store: &Store, id: i32) -> R<Option<Current<StrategyFields>>> {
        Ok(strategy::Entity::find_by_id(id)
            .one(store.connection())
            .await?
            .map(|s| Current {
                fields: StrategyFields {
                    title: text(&s.title),
                    vision: text(&s.vision),
                    period_start: s.period_start,
                    period_end: s.period_end,
                    status: s.status.clone(),
                    period_sample: s.period_sample,
                },
                version: s.version,
                city_id: s.city_id,
                deleted: false,
            }))
    }

    async fn write(tx: &DatabaseTransaction, id: i32, _: i32, f: &StrategyFields) -> R<()> {
        strategy::Entity::update_many()
            .col_expr(strategy::Column::Title, Expr::value(json(&f.title)))
            .col_expr(strategy::Column::Vision, Expr::value(json(&f.vision)))
            .col_expr(strategy::Column::PeriodStart, Expr::value(f.period_start))
            .col_expr(strategy::Column::PeriodEnd, Expr::value(f.period_end))
            .col_expr(strategy::Column::PeriodSample, Expr::value(f.period_sample))
            .col_expr(strategy::Column::Status, Expr::value(f.status.clone()))
            .filter(strategy::Column::Id.eq(id))
            .exec(tx)
            .await?;
        Ok(())
    }

    fn carry(fields: &mut StrategyFields, before: &StrategyFields) {
        fields.keep_samples(before);
    }
}

/// The versioned kind for objectives.
pub struct Objective;

impl Versioned for Objective {
    const ENTITY: &'static str = OBJECTIVE;
    const TABLE: &'static str = "objectives";
    const DELETABLE: bool = true;
    type Fields = ObjectiveFields;

    async fn read(store: &Store, id: i32) -> R<Option<Current<ObjectiveFields>>> {
        let db = store.connection();
        let Some(o) = objective::Entity::find_by_id(id).one(db).await? else {
            return Ok(None);
        };
        let Some(s) = strategy::Entity::find_by_id(o.strategy_id).one(db).await? else {
            return Ok(None);
        };
        let links: Vec<i32> = store
            .objective_links(&[id])
            .await?
            .into_iter()
            .map(|l| l.node_id)
            .collect();
        let mut linked: [Vec<String>; 3] = Default::default();
        for (framework, codes) in LINKED.iter().zip(linked.iter_mut()) {
            let nodes = node_codes(db, framework).await?;
            codes.extend(links.iter().filter_map(|id| code_of(&nodes, *id)));
        }
        let sdg = node_codes(db, "sdg").await?;
        let [kflc, guidelines, sdg_links] = linked;
        let fields = ObjectiveFields {
            code: o.code.clone(),
            title: text(&o.title),
            description: o.description.as_ref().map(text).unwrap_or_default(),
            kflc,
            guidelines,
            sdg: sdg_links,
            local_targets: store
                .local_targets(&[id])
                .await?
                .into_iter()
                .map(|t| LocalTarget {
                    code: t.code,
                    sdg_target: code_of(&sdg, t.sdg_node_id).unwrap_or_default(),
                    title: text(&t.title),
                })
                .collect(),
        };
        Ok(Some(Current {
            fields,
            version: o.version,
            city_id: s.city_id,
            deleted: o.deleted_at.is_some(),
        }))
    }

    /// The live programmes that serve it.
    async fn in_use(tx: &DatabaseTransaction, id: i32) -> R<Vec<String>> {
        let links = programme_objective::Entity::find()
            .filter(programme_objective::Column::ObjectiveId.eq(id))
            .all(tx)
            .await?
            .into_iter()
            .map(|l| l.programme_id);
        crate::edit_programme::live_programme_titles(tx, links).await
    }

    async fn write(tx: &DatabaseTransaction, id: i32, _: i32, f: &ObjectiveFields) -> R<()> {
        objective::Entity::update_many()
            .col_expr(objective::Column::Code, Expr::value(f.code.clone()))
            .col_expr(objective::Column::Title, Expr::value(json(&f.title)))
            .col_expr(
                objective::Column::Description,
                Expr::value((!f.description.is_empty()).then(|| json(&f.description))),
            )
            .filter(objective::Column::Id.eq(id))
            .exec(tx)
            .await?;
        objective_node::Entity::delete_many()
            .filter(objective_node::Column::ObjectiveId.eq(id))
            .exec(tx)
            .await?;
        for (framework, codes) in LINKED.iter().zip([&f.kflc, &f.guidelines, &f.sdg]) {
            let nodes = node_codes(tx, framework).await?;
            let mut ids: Vec<i32> = codes.iter().filter_map(|c| id_of(&nodes, c)).collect();
            ids.dedup();
            for node_id in ids {
                objective_node::ActiveModel {
                    objective_id: Set(id),
                    node_id: Set(node_id),
                }
                .insert(tx)
                .await?;
            }
        }
        local_target::Entity::delete_many()
            .filter(local_target::Column::ObjectiveId.eq(id))
            .exec(tx)
            .await?;
        let sdg = node_codes(tx, "sdg").await?;
        for t in &f.local_targets {
            if let Some(sdg_node_id) = id_of(&sdg, &t.sdg_target) {
                local_target::ActiveModel {
                    objective_id: Set(id),
                    code: Set(t.code.clone()),
                    sdg_node_id: Set(sdg_node_id),
                    title: Set(json(&t.title)),
                    ..Default::default()
                }
                .insert(tx)
                .await?;
            }
        }
        Ok(())
    }
}

impl Store {
    /// An objective of a strategy by code (deleted ones too when `deleted`).
    pub async fn objective_row(
        &self,
        strategy_id: i32,
        code: &str,
        deleted: bool,
    ) -> R<Option<objective::Model>> {
        let mut q = objective::Entity::find()
            .filter(objective::Column::StrategyId.eq(strategy_id))
            .filter(objective::Column::Code.eq(code));
        if !deleted {
            q = q.filter(objective::Column::DeletedAt.is_null());
        }
        Ok(q.one(self.connection()).await?)
    }

    /// Every objective of a strategy, deleted ones included (for codes in use).
    pub async fn all_objectives(&self, strategy_id: i32) -> R<Vec<objective::Model>> {
        Ok(objective::Entity::find()
            .filter(objective::Column::StrategyId.eq(strategy_id))
            .order_by_asc(objective::Column::Position)
            .all(self.connection())
            .await?)
    }

    /// Adds an objective at the end of a strategy, as version 1 with its first revision;
    /// `None` when its code is taken.
    pub async fn create_objective(
        &self,
        strategy_id: i32,
        city_id: i32,
        fields: &ObjectiveFields,
        user_id: Option<i32>,
        now: i64,
    ) -> R<Option<i32>> {
        let existing = self.all_objectives(strategy_id).await?;
        if existing
            .iter()
            .any(|o| o.code.eq_ignore_ascii_case(&fields.code))
        {
            return Ok(None);
        }
        let position = existing.last().map_or(0, |o| o.position + 1);
        let tx = self.connection().begin().await?;
        let row = objective::ActiveModel {
            strategy_id: Set(strategy_id),
            code: Set(fields.code.clone()),
            position: Set(position),
            title: Set(json(&fields.title)),
            description: Set(None),
            version: Set(1),
            deleted_at: Set(None),
            ..Default::default()
        }
        .insert(&tx)
        .await;
        let row = match row {
            Ok(row) => row,
            // The same code added at the same moment (unique index).
            Err(_)
                if self
                    .objective_row(strategy_id, &fields.code, true)
                    .await?
                    .is_some() =>
            {
                return Ok(None);
            }
            Err(e) => return Err(e.into()),
        };
        self.finish_create::<Objective>(tx, row.id, city_id, fields, user_id, now)
            .await?;
        Ok(Some(row.id))
    }
}

impl Store {
    /// Gives a city its first strategy, as version 1 with its first revision; `None` when
    /// it has one already (someone saved first).
    pub async fn create_strategy(
        &self,
        city_id: i32,
        fields: &StrategyFields,
        user_id: Option<i32>,
        now: i64,
    ) -> R<Option<i32>> {
        let tx = self.connection().begin().await?;
        // Writing the city's row first takes its lock (SQLite: the database's), so two
        // first saves cannot both find no strategy and both add one.
        crate::entity::city::Entity::update_many()
            .col_expr(
                crate::entity::city::Column::Version,
                Expr::col(crate::entity::city::Column::Version),
            )
            .filter(crate::entity::city::Column::Id.eq(city_id))
            .exec(&tx)
            .await?;
        let exists = strategy::Entity::find()
            .filter(strategy::Column::CityId.eq(city_id))
            .one(&tx)
            .await?
            .is_some();
        if exists {
            tx.rollback().await?;
            return Ok(None);
        }
        let row = strategy::ActiveModel {
            city_id: Set(city_id),
            title: Set(json(&fields.title)),
            period_start: Set(fields.period_start),
            period_end: Set(fields.period_end),
            period_sample: Set(false),
            status: Set(fields.status.clone()),
            vision: Set(json(&fields.vision)),
            version: Set(1),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        self.finish_create::<Strategy>(tx, row.id, city_id, fields, user_id, now)
            .await?;
        Ok(Some(row.id))
    }
}
