//! Undoing an import as a whole: what it created is removed, what it changed or removed
//! is put back, unless something it wrote was changed since.

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter,
    Set, TransactionTrait,
};
use serde_json::json;

use super::imports::{Counts, ImportRecord, Previous};
use crate::entity::{data_import, import_change, observation, revision, series};
use crate::{Store, StoreError};

type R<T> = Result<T, StoreError>;

/// What undoing an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UndoOutcome {
    Done(Counts),
    Missing,
    AlreadyUndone,
    /// Values it wrote were changed since (by a later import or an editor): undo those
    /// first. The number of such values.
    ChangedSince(u64),
}

impl Store {
    /// The imports of a city, newest first.
    pub async fn imports(&self, city_id: i32) -> R<Vec<data_import::Model>> {
        use sea_orm::QueryOrder;
        Ok(data_import::Entity::find()
            .filter(data_import::Column::CityId.eq(city_id))
            .order_by_desc(data_import::Column::Id)
            .all(self.connection())
            .await?)
    }

    /// Undoes an import of `city_id` as a whole: what it created is removed, what it
    /// changed or removed is put back; refused when anything it wrote changed since.
    pub async fn undo_import(
        &self,
        city_id: i32,
        import_id: i32,
        user_id: Option<i32>,
        at: i64,
    ) -> R<UndoOutcome> {
        let tx = self.connection().begin().await?;
        let Some(import) = data_import::Entity::find_by_id(import_id)
            .filter(data_import::Column::CityId.eq(city_id))
            .one(&tx)
            .await?
        else {
            return Ok(UndoOutcome::Missing);
        };
        if import.undone_at.is_some() {
            return Ok(UndoOutcome::AlreadyUndone);
        }
        // Created by it and since rewritten by someone else.
        let mut changed = observation::Entity::find()
            .filter(observation::Column::CreatedImportId.eq(import_id))
            .filter(
                observation::Column::ImportId
                    .is_null()
                    .or(observation::Column::ImportId.ne(import_id)),
            )
            .count(&tx)
            .await?;
        // Created by it and since removed (by a later import's delete): undoing it would
        // leave the later import holding a value this one no longer vouches for.
        let still_there = observation::Entity::find()
            .filter(observation::Column::CreatedImportId.eq(import_id))
            .count(&tx)
            .await?;
        changed += (import.created as u64).saturating_sub(still_there);
        let replaced = import_change::Entity::find()
            .filter(import_change::Column::ImportId.eq(import_id))
            .all(&tx)
            .await?;
        let mut restore = Vec::new();
        for change in &replaced {
            let now = observation::Entity::find_by_id((
                change.series_id,
                change.period,
                change.months,
                change.breakdown_id,
            ))
            .one(&tx)
            .await?;
            let Ok(previous) = serde_json::from_value::<Previous>(change.previous.clone()) else {
                changed += 1;
                continue;
            };
            // An update left the row with this import's id; a removal left no row.
            match &now {
                Some(o) if previous.removed || o.import_id != Some(import_id) => changed += 1,
                None if !previous.removed => changed += 1,
                _ => restore.push((previous, change, now)),
            }
        }
        if changed > 0 {
            return Ok(UndoOutcome::ChangedSince(changed));
        }
        let mut touched: Vec<i32> = replaced.iter().map(|c| c.series_id).collect();
        let created: Vec<observation::Model> = observation::Entity::find()
            .filter(observation::Column::CreatedImportId.eq(import_id))
            .all(&tx)
            .await?;
        touched.extend(created.iter().map(|o| o.series_id));
        observation::Entity::delete_many()
            .filter(observation::Column::CreatedImportId.eq(import_id))
            .exec(&tx)
            .await?;
        for (p, change, now) in restore {
            match now {
                Some(o) => {
                    observation::Entity::update_many()
                        .col_expr(observation::Column::Value, Expr::value(p.value))
                        .col_expr(observation::Column::Status, Expr::value(p.status))
                        .col_expr(observation::Column::Note, Expr::value(p.note))
                        .col_expr(observation::Column::Source, Expr::value(p.source))
                        .col_expr(observation::Column::Sample, Expr::value(p.sample))
                        .col_expr(observation::Column::ImportId, Expr::value(p.import_id))
                        .filter(observation::Column::SeriesId.eq(o.series_id))
                        .filter(observation::Column::Period.eq(o.period))
                        .filter(observation::Column::Months.eq(o.months))
                        .filter(observation::Column::BreakdownId.eq(o.breakdown_id))
                        .exec(&tx)
                        .await?;
                }
                None => {
                    observation::ActiveModel {
                        series_id: Set(change.series_id),
                        period: Set(change.period),
                        months: Set(change.months),
                        breakdown_id: Set(change.breakdown_id),
                        value: Set(p.value),
                        status: Set(p.status),
                        note: Set(p.note),
                        source: Set(p.source),
                        sample: Set(p.sample),
                        import_id: Set(p.import_id),
                        created_import_id: Set(p.created_import_id),
                    }
                    .insert(&tx)
                    .await?;
                }
            }
        }
        touched.sort_unstable();
        touched.dedup();
        for id in touched {
            bump_series(&tx, id, at).await?;
        }
        data_import::Entity::update_many()
            .col_expr(data_import::Column::UndoneAt, Expr::value(at))
            .col_expr(data_import::Column::UndoneBy, Expr::value(user_id))
            .filter(data_import::Column::Id.eq(import_id))
            .exec(&tx)
            .await?;
        let counts = Counts {
            created: import.created as u64,
            updated: import.updated as u64,
            unchanged: import.unchanged as u64,
            deleted: import.deleted as u64,
        };
        let record = ImportRecord {
            file_name: import.file_name.clone(),
            sha256: import.sha256.clone(),
            format: import.format.clone(),
            user_id: import.user_id,
            at: import.at,
        };
        add_import_revision(
            &tx, import_id, city_id, 2, "undo", &record, user_id, at, counts,
        )
        .await?;
        Store::bump_generation(&tx).await?;
        tx.commit().await?;
        Ok(UndoOutcome::Done(counts))
    }
}

async fn bump_series(tx: &DatabaseTransaction, id: i32, at: i64) -> R<()> {
    series::Entity::update_many()
        .col_expr(
            series::Column::Version,
            Expr::col(series::Column::Version).add(1),
        )
        .col_expr(series::Column::UpdatedAt, Expr::value(at))
        .filter(series::Column::Id.eq(id))
        .exec(tx)
        .await?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn add_import_revision(
    tx: &DatabaseTransaction,
    import_id: i32,
    city_id: i32,
    version: i32,
    op: &str,
    record: &ImportRecord,
    user_id: Option<i32>,
    at: i64,
    counts: Counts,
) -> R<()> {
    revision::ActiveModel {
        entity: Set("import".into()),
        entity_id: Set(import_id),
        city_id: Set(Some(city_id)),
        version: Set(version),
        op: Set(op.into()),
        user_id: Set(user_id),
        at: Set(at),
        snapshot: Set(json!({
            "file_name": record.file_name,
            "sha256": record.sha256,
            "format": record.format,
            "counts": counts,
        })),
        ..Default::default()
    }
    .insert(tx)
    .await?;
    Ok(())
}
