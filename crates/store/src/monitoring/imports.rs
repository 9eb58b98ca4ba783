//! Observations brought in from a file, batch by batch as the file is read, so a large
//! file is never held whole. A dry run only reads: it says what each row would do. A
//! commit writes everything in one transaction and keeps the import (who, when, file,
//! hash, counts) with what it replaced, so it can be undone as a whole; an import that
//! would change nothing is not recorded at all.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use forja_core::monitoring::rows::{Action, Reason, Reject, Row};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter, Set, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::period_cols;
use crate::entity::{data_import, import_change, observation, revision, series};
use crate::{Store, StoreError};

type R<T> = Result<T, StoreError>;

/// How many rows one INSERT carries (11 values each: well under both databases' limits).
const INSERT_BATCH: usize = 1000;

/// Who brings which file in.
#[derive(Debug, Clone)]
pub struct ImportRecord {
    pub file_name: String,
    pub sha256: String,
    pub format: String,
    pub user_id: Option<i32>,
    pub at: i64,
}

/// What the rows of an import do (or would do).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub deleted: u64,
}

impl Counts {
    pub fn changes(&self) -> u64 {
        self.created + self.updated + self.deleted
    }
}

/// What one row does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Planned {
    Create,
    Update,
    Unchanged,
    Delete,
    /// A delete for a value that is not stored: nothing to do.
    NothingToDelete,
}

/// An observation's columns, as an import replaced them (for undo).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Previous {
    value: f64,
    status: String,
    note: Option<String>,
    source: Option<String>,
    sample: bool,
    import_id: Option<i32>,
    created_import_id: Option<i32>,
    /// The import removed it (SDMX `D`), rather than changing it.
    #[serde(default)]
    removed: bool,
}

/// What is stored for one key: its row, a hash of its content, who wrote it.
#[derive(Debug, Clone, Copy)]
struct Stored {
    id: i32,
    content: u64,
}

/// Keys are hashes already: a map keyed by them need not hash them again.
#[derive(Clone, Copy, Default)]
struct Prehashed(u64);

impl std::hash::Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(*b);
        }
    }
    fn write_u128(&mut self, n: u128) {
        self.0 = n as u64 ^ (n >> 64) as u64;
    }
}

type ByKey<V> = HashMap<u128, V, std::hash::BuildHasherDefault<Prehashed>>;

#[derive(Default)]
struct SeriesState {
    id: Option<i32>,
    rows: ByKey<Stored>,
    touched: bool,
}

fn key_hash(indicator: i32, start: &str, months: i32, dims: &str) -> u128 {
    let half = |salt: u8| {
        let mut h = DefaultHasher::new();
        (salt, indicator, start, months, dims).hash(&mut h);
        h.finish()
    };
    (u128::from(half(1)) << 64) | u128::from(half(2))
}

fn content_hash(
    value: f64,
    status: &str,
    note: Option<&str>,
    source: Option<&str>,
    sample: bool,
) -> u64 {
    let mut h = DefaultHasher::new();
    (value.to_bits(), status, note, source, sample).hash(&mut h);
    h.finish()
}

/// A text as an SQL string literal (standard quoting, read alike by SQLite and
/// PostgreSQL). Texts here never hold NUL: the file reader refuses binary bytes.
fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// An import under way: a transaction, what each series holds, and the counts so far.
pub struct ImportPlan {
    tx: DatabaseTransaction,
    city_id: i32,
    /// None: a dry run.
    import_id: Option<i32>,
    record: Option<ImportRecord>,
    series: HashMap<i32, SeriesState>,
    /// Each key seen in the file, with its line, to find duplicates.
    seen: ByKey<usize>,
    inserts: Vec<(i32, String, i32, String, &'static str, Row)>,
    pub counts: Counts,
}

impl Store {
    /// Starts an import for `city_id`: a dry run when `record` is none.
    pub async fn begin_import(&self, city_id: i32, record: Option<ImportRecord>) -> R<ImportPlan> {
        let tx = self.connection().begin().await?;
        let import_id = match &record {
            Some(r) => Some(
                data_import::ActiveModel {
                    city_id: Set(city_id),
                    user_id: Set(r.user_id),
                    at: Set(r.at),
                    file_name: Set(r.file_name.clone()),
                    sha256: Set(r.sha256.clone()),
                    format: Set(r.format.clone()),
                    created: Set(0),
                    updated: Set(0),
                    unchanged: Set(0),
                    deleted: Set(0),
                    undone_at: Set(None),
                    undone_by: Set(None),
                    ..Default::default()
                }
                .insert(&tx)
                .await?
                .id,
            ),
            None => None,
        };
        Ok(ImportPlan {
            tx,
            city_id,
            import_id,
            record,
            series: HashMap::new(),
            seen: ByKey::default(),
            inserts: Vec::new(),
            counts: Counts::default(),
        })
    }
}

impl ImportPlan {
    async fn load_series(&mut self, indicator: i32) -> R<()> {
        if self.series.contains_key(&indicator) {
            return Ok(());
        }
        let mut state = SeriesState::default();
        if let Some(s) = series::Entity::find()
            .filter(series::Column::IndicatorId.eq(indicator))
            .filter(series::Column::CityId.eq(self.city_id))
            .one(&self.tx)
            .await?
        {
            state.id = Some(s.id);
            for o in observation::Entity::find()
                .filter(observation::Column::SeriesId.eq(s.id))
                .all(&self.tx)
                .await?
            {
                state.rows.insert(
                    key_hash(indicator, &o.period_start, o.months, &o.dims),
                    Stored {
                        id: o.id,
                        content: content_hash(
                            o.value,
                            &o.status,
                            o.note.as_deref(),
                            o.source.as_deref(),
                            o.sample,
                        ),
                    },
                );
            }
        }
        self.series.insert(indicator, state);
        Ok(())
    }

    async fn series_id(&mut self, indicator: i32) -> R<i32> {
        let city_id = self.city_id;
        let at = self.record.as_ref().map_or(0, |r| r.at);
        let state = self
            .series
            .get_mut(&indicator)
            .expect("series loaded first");
        state.touched = true;
        if let Some(id) = state.id {
            return Ok(id);
        }
        let id = series::ActiveModel {
            indicator_id: Set(indicator),
            city_id: Set(city_id),
            version: Set(0),
            updated_at: Set(at),
            ..Default::default()
        }
        .insert(&self.tx)
        .await?
        .id;
        state.id = Some(id);
        Ok(id)
    }

    /// Plans (and in a commit, writes) a batch of rows read from the file; returns the
    /// rows refused as duplicates of earlier ones.
    pub async fn add(&mut self, rows: Vec<Row>) -> R<Vec<Reject>> {
        let mut rejects = Vec::new();
        for row in rows {
            self.load_series(row.indicator_id).await?;
            let (start, months) = period_cols(row.period);
            let dims = row.dims.key();
            let key = key_hash(row.indicator_id, &start, months, &dims);
            if let Some(first) = self.seen.insert(key, row.line) {
                self.seen.insert(key, first);
                rejects.push(Reject {
                    line: row.line,
                    column: String::new(),
                    reason: Reason::Duplicate { first_line: first },
                });
                continue;
            }
            let status = row.status.code();
            let content = content_hash(
                row.value,
                status,
                row.note.as_deref(),
                row.source.as_deref(),
                row.sample,
            );
            let stored = self.series[&row.indicator_id].rows.get(&key).copied();
            let planned = match (row.action, stored) {
                (Action::Delete, Some(_)) => Planned::Delete,
                (Action::Delete, None) => Planned::NothingToDelete,
                (Action::Put, None) => Planned::Create,
                (Action::Put, Some(s)) if s.content == content => Planned::Unchanged,
                (Action::Put, Some(_)) => Planned::Update,
            };
            match planned {
                Planned::Create => self.counts.created += 1,
                Planned::Update => self.counts.updated += 1,
                Planned::Unchanged | Planned::NothingToDelete => self.counts.unchanged += 1,
                Planned::Delete => self.counts.deleted += 1,
            }
            let Some(import_id) = self.import_id else {
                continue;
            };
            if matches!(planned, Planned::Unchanged | Planned::NothingToDelete) {
                continue;
            }
            let series_id = self.series_id(row.indicator_id).await?;
            match (planned, stored) {
                (Planned::Create, _) => {
                    self.inserts
                        .push((series_id, start, months, dims, status, row));
                    if self.inserts.len() >= INSERT_BATCH {
                        self.flush().await?;
                    }
                }
                (Planned::Update | Planned::Delete, Some(s)) => {
                    self.replace(
                        import_id,
                        series_id,
                        s.id,
                        (start, months, dims),
                        planned,
                        &row,
                    )
                    .await?;
                }
                _ => {}
            }
        }
        Ok(rejects)
    }

    /// Records what an update or delete replaces, then does it.
    async fn replace(
        &mut self,
        import_id: i32,
        series_id: i32,
        id: i32,
        (start, months, dims): (String, i32, String),
        planned: Planned,
        row: &Row,
    ) -> R<()> {
        let Some(old) = observation::Entity::find_by_id(id).one(&self.tx).await? else {
            return Ok(());
        };
        let previous = Previous {
            value: old.value,
            status: old.status,
            note: old.note,
            source: old.source,
            sample: old.sample,
            import_id: old.import_id,
            created_import_id: old.created_import_id,
            removed: planned == Planned::Delete,
        };
        import_change::ActiveModel {
            import_id: Set(import_id),
            series_id: Set(series_id),
            period_start: Set(start),
            months: Set(months),
            dims: Set(dims),
            previous: Set(serde_json::to_value(&previous).unwrap_or_default()),
            ..Default::default()
        }
        .insert(&self.tx)
        .await?;
        if planned == Planned::Delete {
            observation::Entity::delete_by_id(id).exec(&self.tx).await?;
        } else {
            observation::Entity::update_many()
                .col_expr(observation::Column::Value, Expr::value(row.value))
                .col_expr(observation::Column::Status, Expr::value(row.status.code()))
                .col_expr(observation::Column::Note, Expr::value(row.note.clone()))
                .col_expr(observation::Column::Source, Expr::value(row.source.clone()))
                .col_expr(observation::Column::Sample, Expr::value(row.sample))
                .col_expr(observation::Column::ImportId, Expr::value(import_id))
                .filter(observation::Column::Id.eq(id))
                .exec(&self.tx)
                .await?;
        }
        Ok(())
    }

    /// Writes the pending new values as one multi-row INSERT. Written as SQL text with
    /// quoted literals (both databases read them alike) rather than bound parameters:
    /// binding eleven thousand parameters per statement costs more than the insert.
    async fn flush(&mut self) -> R<()> {
        use std::fmt::Write as _;
        if self.inserts.is_empty() {
            return Ok(());
        }
        let import = self.import_id.map_or("NULL".to_owned(), |i| i.to_string());
        let mut sql = String::with_capacity(self.inserts.len() * 96);
        sql.push_str(
            "INSERT INTO observations (series_id, period_start, months, dims, value, status, note, source, sample, import_id, created_import_id) VALUES ",
        );
        for (i, (series_id, start, months, dims, status, row)) in self.inserts.drain(..).enumerate()
        {
            if i > 0 {
                sql.push(',');
            }
            let _ = write!(
                sql,
                "({series_id},{},{months},{},{},{},{},{},{},{import},{import})",
                literal(&start),
                literal(&dims),
                row.value,
                literal(status),
                row.note.as_deref().map_or("NULL".into(), literal),
                row.source.as_deref().map_or("NULL".into(), literal),
                if row.sample { "TRUE" } else { "FALSE" },
            );
        }
        self.tx.execute_unprepared(&sql).await?;
        Ok(())
    }

    /// Names the file's format once it is known (the reader finds it).
    pub fn set_format(&mut self, format: &str) {
        if let Some(r) = &mut self.record {
            r.format = format.to_owned();
        }
    }

    /// Ends the import: a dry run or an import with `rejected` rows writes nothing; a
    /// commit that changes nothing is not kept either. Returns the counts and, when
    /// kept, the import's id.
    pub async fn finish(mut self, rejected: bool) -> R<(Counts, Option<i32>)> {
        let counts = self.counts;
        let Some(import_id) = self.import_id else {
            self.tx.rollback().await?;
            return Ok((counts, None));
        };
        if rejected || counts.changes() == 0 {
            self.tx.rollback().await?;
            return Ok((counts, None));
        }
        self.flush().await?;
        let record = self.record.clone().expect("a commit has its record");
        let touched: Vec<i32> = self
            .series
            .values()
            .filter(|s| s.touched)
            .filter_map(|s| s.id)
            .collect();
        for id in &touched {
            bump_series(&self.tx, *id, record.at).await?;
        }
        data_import::Entity::update_many()
            .col_expr(
                data_import::Column::Created,
                Expr::value(counts.created as i32),
            )
            .col_expr(
                data_import::Column::Updated,
                Expr::value(counts.updated as i32),
            )
            .col_expr(
                data_import::Column::Unchanged,
                Expr::value(counts.unchanged as i32),
            )
            .col_expr(
                data_import::Column::Deleted,
                Expr::value(counts.deleted as i32),
            )
            .filter(data_import::Column::Id.eq(import_id))
            .exec(&self.tx)
            .await?;
        add_import_revision(
            &self.tx,
            import_id,
            self.city_id,
            1,
            "import",
            &record,
            record.user_id,
            record.at,
            counts,
        )
        .await?;
        Store::bump_generation(&self.tx).await?;
        self.tx.commit().await?;
        Ok((counts, Some(import_id)))
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
            let now = observation::Entity::find()
                .filter(observation::Column::SeriesId.eq(change.series_id))
                .filter(observation::Column::PeriodStart.eq(&change.period_start))
                .filter(observation::Column::Months.eq(change.months))
                .filter(observation::Column::Dims.eq(&change.dims))
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
                        .filter(observation::Column::Id.eq(o.id))
                        .exec(&tx)
                        .await?;
                }
                None => {
                    observation::ActiveModel {
                        series_id: Set(change.series_id),
                        period_start: Set(change.period_start.clone()),
                        months: Set(change.months),
                        dims: Set(change.dims.clone()),
                        value: Set(p.value),
                        status: Set(p.status),
                        note: Set(p.note),
                        source: Set(p.source),
                        sample: Set(p.sample),
                        import_id: Set(p.import_id),
                        created_import_id: Set(p.created_import_id),
                        ..Default::default()
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
