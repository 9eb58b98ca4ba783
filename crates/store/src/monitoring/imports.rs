//! Observations brought in from a file, batch by batch as the file is read, so a large
//! file is never held whole. A dry run only reads: it says what each row would do. A
//! commit writes everything in one transaction and keeps the import (who, when, file,
//! hash, counts) with what it replaced, so it can be undone as a whole; an import that
//! would change nothing is not recorded at all. New values, nearly all of a large
//! import, go in by the driver's bulk path (`bulk.rs`); the few it replaces or removes
//! one by one, each with what it held before.

use rustc_hash::FxHashMap as HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use forja_core::monitoring::indicator::ObsStatus;
use forja_core::monitoring::rows::{Action, Reason, Reject, Row};
use sea_orm::sqlx::{self, types::Json};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::bulk::{NewValue, Tx, db, on};
use super::period_cols;
use crate::{Store, StoreError};

type R<T> = Result<T, StoreError>;

/// New values written at once: on PostgreSQL one COPY each.
const INSERT_BATCH: usize = 20_000;

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
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
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
pub(super) struct Previous {
    pub value: f64,
    pub status: String,
    pub note: Option<String>,
    pub source: Option<String>,
    pub sample: bool,
    pub import_id: Option<i32>,
    pub created_import_id: Option<i32>,
    /// The import removed it (SDMX `D`), rather than changing it.
    #[serde(default)]
    pub removed: bool,
}

/// A value's key within its series: period, length in months, breakdown.
type Key = (i32, i32, i32);

/// What tells "unchanged" from "updated": the value, status and sample flag exactly;
/// a note and source by a hash (most values have neither: then 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Content {
    value: u64,
    status: u8,
    sample: bool,
    texts: u64,
}

/// A status as a number: its place in `ObsStatus::ALL` (`u8::MAX` for none of them).
fn status_code(status: &str) -> u8 {
    ObsStatus::ALL
        .iter()
        .position(|s| s.code() == status)
        .map_or(u8::MAX, |i| i as u8)
}

/// `status_code` in SQL, so stored rows are read as numbers, not a text each.
fn status_code_sql() -> String {
    let mut sql = String::from("CASE status");
    for (i, s) in ObsStatus::ALL.iter().enumerate() {
        sql.push_str(&format!(" WHEN '{}' THEN {i}", s.code()));
    }
    sql.push_str(" ELSE 255 END");
    sql
}

fn content(
    value: f64,
    status: u8,
    note: Option<&str>,
    source: Option<&str>,
    sample: bool,
) -> Content {
    let texts = if note.is_none() && source.is_none() {
        0
    } else {
        let mut h = DefaultHasher::new();
        (note, source).hash(&mut h);
        h.finish() | 1
    };
    Content {
        value: value.to_bits(),
        status,
        sample,
        texts,
    }
}

#[derive(Default)]
struct SeriesState {
    id: Option<i32>,
    /// What is stored, by key.
    rows: HashMap<Key, Content>,
    touched: bool,
}

/// An import under way: a transaction, what each series holds, and the counts so far.
pub struct ImportPlan {
    /// None while a write of new values has it (`writing`).
    tx: Option<Tx>,
    writing: Option<tokio::task::JoinHandle<R<Tx>>>,
    city_id: i32,
    /// None: a dry run.
    import_id: Option<i32>,
    record: Option<ImportRecord>,
    series: HashMap<i32, SeriesState>,
    /// Every breakdown's id by its canonical text. A dry run gives new ones a negative
    /// stand-in: it writes nothing.
    breakdowns: HashMap<String, i32>,
    /// Each (indicator, key) seen in the file, with its line, to find duplicates.
    seen: HashMap<(i32, Key), usize>,
    inserts: Vec<NewValue>,
    pub counts: Counts,
    /// A write that names the version it is based on: (indicator, the series' version).
    expect: Option<(i32, i32)>,
}

impl Store {
    /// Starts an import for `city_id`: a dry run when `record` is none.
    pub async fn begin_import(&self, city_id: i32, record: Option<ImportRecord>) -> R<ImportPlan> {
        let mut tx = Tx::begin(self.connection()).await?;
        let import_id = match &record {
            Some(r) => Some(on!(&mut tx, c => sqlx::query_scalar::<_, i32>(
                "INSERT INTO imports (city_id, user_id, at, file_name, sha256, format, created, \
                 updated, unchanged, deleted) VALUES ($1, $2, $3, $4, $5, $6, 0, 0, 0, 0) RETURNING id",
            )
            .bind(city_id)
            .bind(r.user_id)
            .bind(r.at)
            .bind(&r.file_name)
            .bind(&r.sha256)
            .bind(&r.format)
            .fetch_one(&mut **c)
            .await
            .map_err(db)?)),
            None => None,
        };
        let breakdowns: Vec<(i32, String)> = on!(&mut tx, c => sqlx::query_as(
            "SELECT id, key FROM breakdowns"
        )
        .fetch_all(&mut **c)
        .await
        .map_err(db)?);
        Ok(ImportPlan {
            tx: Some(tx),
            writing: None,
            city_id,
            import_id,
            record,
            series: HashMap::default(),
            breakdowns: breakdowns.into_iter().map(|(id, key)| (key, id)).collect(),
            seen: HashMap::default(),
            inserts: Vec::new(),
            counts: Counts::default(),
            expect: None,
        })
    }
}

/// A stored observation as the plan reads it.
type StoredRow = (
    i32,
    i32,
    i32,
    f64,
    i32,
    Option<String>,
    Option<String>,
    bool,
);

impl ImportPlan {
    /// Refuses the write (`StoreError::VersionMoved`) unless the city's series of
    /// `indicator` is at `version` (0: it has none yet) when read and when committed.
    pub fn expect_version(&mut self, indicator: i32, version: i32) {
        self.expect = Some((indicator, version));
    }

    /// The series' version now (0: none), read in the plan's transaction. On PostgreSQL
    /// the row stays locked to the end of it, so no other write to the series lands
    /// between this check and the commit (SQLite holds its one writer lock already).
    async fn series_version(&mut self, indicator: i32) -> R<i32> {
        let city_id = self.city_id;
        let tx = self.tx().await?;
        let sql = match tx {
            Tx::Pg(_) => {
                "SELECT version FROM series WHERE indicator_id = $1 AND city_id = $2 FOR UPDATE"
            }
            Tx::Sqlite(_) => "SELECT version FROM series WHERE indicator_id = $1 AND city_id = $2",
        };
        let version: Option<i32> = on!(tx, c => sqlx::query_scalar(
            sqlx::AssertSqlSafe(sql)
        )
        .bind(indicator)
        .bind(city_id)
        .fetch_optional(&mut **c)
        .await
        .map_err(db)?);
        Ok(version.unwrap_or(0))
    }

    async fn load_series(&mut self, indicator: i32) -> R<()> {
        if self.series.contains_key(&indicator) {
            return Ok(());
        }
        if let Some((expected, version)) = self.expect
            && expected == indicator
        {
            let current = self.series_version(indicator).await?;
            if current != version {
                return Err(StoreError::VersionMoved { current });
            }
        }
        let mut state = SeriesState::default();
        let city_id = self.city_id;
        let id: Option<i32> = on!(self.tx().await?, c => sqlx::query_scalar(
            "SELECT id FROM series WHERE indicator_id = $1 AND city_id = $2"
        )
        .bind(indicator)
        .bind(city_id)
        .fetch_optional(&mut **c)
        .await
        .map_err(db)?);
        if let Some(id) = id {
            state.id = Some(id);
            let sql = format!(
                "SELECT period, months, breakdown_id, value, {}, note, source, sample \
                 FROM observations WHERE series_id = $1",
                status_code_sql()
            );
            let rows: Vec<StoredRow> = on!(self.tx().await?, c => sqlx::query_as(
                sqlx::AssertSqlSafe(sql.as_str())
            )
            .bind(id)
            .fetch_all(&mut **c)
            .await
            .map_err(db)?);
            state.rows.reserve(rows.len());
            for (period, months, breakdown, value, status, note, source, sample) in rows {
                state.rows.insert(
                    (period, months, breakdown),
                    content(
                        value,
                        u8::try_from(status).unwrap_or(u8::MAX),
                        note.as_deref(),
                        source.as_deref(),
                        sample,
                    ),
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
        let id: i32 = on!(self.tx().await?, c => sqlx::query_scalar(
            "INSERT INTO series (indicator_id, city_id, version, updated_at) VALUES ($1, $2, 0, $3) RETURNING id"
        )
        .bind(indicator)
        .bind(city_id)
        .bind(at)
        .fetch_one(&mut **c)
        .await
        .map_err(db)?);
        if let Some(state) = self.series.get_mut(&indicator) {
            state.id = Some(id);
        }
        Ok(id)
    }

    /// The id of a breakdown, added when new (in a commit; a dry run makes one up).
    async fn breakdown_id(&mut self, key: &str) -> R<i32> {
        if let Some(id) = self.breakdowns.get(key) {
            return Ok(*id);
        }
        let id = if self.import_id.is_none() {
            -(self.breakdowns.len() as i32) - 1
        } else {
            // Another import may add the same breakdown meanwhile: then the insert does
            // nothing and the select finds theirs.
            on!(self.tx().await?, c => {
                sqlx::query("INSERT INTO breakdowns (key) VALUES ($1) ON CONFLICT (key) DO NOTHING")
                    .bind(key)
                    .execute(&mut **c)
                    .await
                    .map_err(db)?;
                sqlx::query_scalar::<_, i32>("SELECT id FROM breakdowns WHERE key = $1")
                    .bind(key)
                    .fetch_one(&mut **c)
                    .await
                    .map_err(db)?
            })
        };
        self.breakdowns.insert(key.to_owned(), id);
        Ok(id)
    }

    /// Plans (and in a commit, writes) a batch of rows read from the file; returns the
    /// rows refused as duplicates of earlier ones.
    pub async fn add(&mut self, rows: Vec<Row>) -> R<Vec<Reject>> {
        let mut rejects = Vec::new();
        for row in rows {
            self.load_series(row.indicator_id).await?;
            let (period, months) = period_cols(row.period);
            let key = (period, months, self.breakdown_id(row.dims.key()).await?);
            if let Some(other) = self.seen.insert((row.indicator_id, key), row.line) {
                // A row that waited for the decimal mark comes after later ones: the
                // later line of the two is the duplicate either way.
                let (first, later) = (other.min(row.line), other.max(row.line));
                self.seen.insert((row.indicator_id, key), first);
                rejects.push(Reject {
                    line: later,
                    column: String::new(),
                    reason: Reason::Duplicate { first_line: first },
                });
                continue;
            }
            let status = row.status.code();
            let new = content(
                row.value,
                status_code(status),
                row.note.as_deref(),
                row.source.as_deref(),
                row.sample,
            );
            let stored = self.series[&row.indicator_id].rows.get(&key).copied();
            let planned = match (row.action, stored) {
                (Action::Delete, Some(_)) => Planned::Delete,
                (Action::Delete, None) => Planned::NothingToDelete,
                (Action::Put, None) => Planned::Create,
                (Action::Put, Some(s)) if s == new => Planned::Unchanged,
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
            if planned == Planned::Create {
                self.inserts.push(NewValue {
                    series_id,
                    period,
                    months,
                    breakdown_id: key.2,
                    value: row.value,
                    status,
                    note: row.note,
                    source: row.source,
                    sample: row.sample,
                });
                if self.inserts.len() >= INSERT_BATCH {
                    self.flush(import_id).await?;
                }
            } else {
                self.replace(import_id, series_id, key, planned, &row)
                    .await?;
            }
        }
        Ok(rejects)
    }

    /// Records what an update or delete replaces, then does it.
    async fn replace(
        &mut self,
        import_id: i32,
        series_id: i32,
        (period, months, breakdown): Key,
        planned: Planned,
        row: &Row,
    ) -> R<()> {
        type Old = (
            f64,
            String,
            Option<String>,
            Option<String>,
            bool,
            Option<i32>,
            Option<i32>,
        );
        let old: Option<Old> = on!(self.tx().await?, c => sqlx::query_as(
            "SELECT value, status, note, source, sample, import_id, created_import_id \
             FROM observations WHERE series_id = $1 AND period = $2 AND months = $3 AND breakdown_id = $4"
        )
        .bind(series_id)
        .bind(period)
        .bind(months)
        .bind(breakdown)
        .fetch_optional(&mut **c)
        .await
        .map_err(db)?);
        let Some((value, status, note, source, sample, old_import, created_import_id)) = old else {
            return Ok(());
        };
        let previous = serde_json::to_value(Previous {
            value,
            status,
            note,
            source,
            sample,
            import_id: old_import,
            created_import_id,
            removed: planned == Planned::Delete,
        })
        .unwrap_or_default();
        on!(self.tx().await?, c => {
            sqlx::query(
                "INSERT INTO import_changes (import_id, series_id, period, months, breakdown_id, previous) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(import_id)
            .bind(series_id)
            .bind(period)
            .bind(months)
            .bind(breakdown)
            .bind(Json(&previous))
            .execute(&mut **c)
            .await
            .map_err(db)?;
            if planned == Planned::Delete {
                sqlx::query(
                    "DELETE FROM observations \
                     WHERE series_id = $1 AND period = $2 AND months = $3 AND breakdown_id = $4",
                )
                    .bind(series_id)
                    .bind(period)
                    .bind(months)
                    .bind(breakdown)
                    .execute(&mut **c)
                    .await
                    .map_err(db)?;
            } else {
                sqlx::query(
                    "UPDATE observations SET value = $5, status = $6, note = $7, source = $8, \
                     sample = $9, import_id = $10 \
                     WHERE series_id = $1 AND period = $2 AND months = $3 AND breakdown_id = $4",
                )
                .bind(series_id)
                .bind(period)
                .bind(months)
                .bind(breakdown)
                .bind(row.value)
                .bind(row.status.code())
                .bind(row.note.as_deref())
                .bind(row.source.as_deref())
                .bind(row.sample)
                .bind(import_id)
                .execute(&mut **c)
                .await
                .map_err(db)?;
            }
        });
        Ok(())
    }

    /// The transaction, once the write under way (if any) is done.
    async fn tx(&mut self) -> R<&mut Tx> {
        if let Some(writing) = self.writing.take() {
            let tx = writing.await.map_err(|e| {
                StoreError::Database(sea_orm::DbErr::Custom(format!("the import's writer: {e}")))
            })??;
            self.tx = Some(tx);
        }
        Ok(self
            .tx
            .as_mut()
            .expect("the transaction is back once the write is done"))
    }

    /// Hands the pending new values to a task of their own, with the transaction: the
    /// database writes them while the next rows are planned (the plan needs the
    /// transaction only for a new series, a new breakdown or a replaced value).
    async fn flush(&mut self, import_id: i32) -> R<()> {
        if self.inserts.is_empty() {
            return Ok(());
        }
        self.tx().await?;
        let mut tx = self.tx.take().expect("the transaction is here");
        let rows = std::mem::replace(&mut self.inserts, Vec::with_capacity(INSERT_BATCH));
        self.writing = Some(tokio::spawn(async move {
            tx.insert_values(import_id, &rows).await?;
            Ok(tx)
        }));
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
            self.tx().await?;
            self.tx.take().expect("here").rollback().await?;
            return Ok((counts, None));
        };
        if rejected || counts.changes() == 0 {
            self.tx().await?;
            self.tx.take().expect("here").rollback().await?;
            return Ok((counts, None));
        }
        self.flush(import_id).await?;
        let record = self.record.clone().expect("a commit has its record");
        // Another write that landed since this one read the series: nothing stored.
        if let Some((indicator, version)) = self.expect {
            let current = self.series_version(indicator).await?;
            if current != version {
                self.tx.take().expect("here").rollback().await?;
                return Err(StoreError::VersionMoved { current });
            }
        }
        let touched: Vec<i32> = self
            .series
            .values()
            .filter(|s| s.touched)
            .filter_map(|s| s.id)
            .collect();
        let snapshot = json!({
            "file_name": record.file_name,
            "sha256": record.sha256,
            "format": record.format,
            "counts": counts,
        });
        let city_id = self.city_id;
        on!(self.tx().await?, c => {
            for id in &touched {
                sqlx::query("UPDATE series SET version = version + 1, updated_at = $1 WHERE id = $2")
                    .bind(record.at)
                    .bind(id)
                    .execute(&mut **c)
                    .await
                    .map_err(db)?;
            }
            sqlx::query(
                "UPDATE imports SET format = $1, created = $2, updated = $3, unchanged = $4, \
                 deleted = $5 WHERE id = $6",
            )
            .bind(&record.format)
            .bind(counts.created as i32)
            .bind(counts.updated as i32)
            .bind(counts.unchanged as i32)
            .bind(counts.deleted as i32)
            .bind(import_id)
            .execute(&mut **c)
            .await
            .map_err(db)?;
            sqlx::query(
                "INSERT INTO revisions (entity, entity_id, city_id, version, op, user_id, at, snapshot) \
                 VALUES ('import', $1, $2, 1, 'import', $3, $4, $5)",
            )
            .bind(import_id)
            .bind(city_id)
            .bind(record.user_id)
            .bind(record.at)
            .bind(Json(&snapshot))
            .execute(&mut **c)
            .await
            .map_err(db)?;
            sqlx::query("UPDATE content_generation SET generation = generation + 1 WHERE id = 1")
                .execute(&mut **c)
                .await
                .map_err(db)?;
        });
        self.tx().await?;
        self.tx.take().expect("here").commit().await?;
        Ok((counts, Some(import_id)))
    }
}
