//! The import's own transaction, on the database driver itself rather than through
//! sea-orm: the bulk path needs what only the driver offers (PostgreSQL's `COPY`; on
//! SQLite one prepared many-row insert run again and again), and a transaction must
//! stay on one connection. Every statement here is plain SQL with `$n` parameters,
//! which both drivers read.

use std::fmt::Write as _;
use std::sync::Arc;

use sea_orm::sqlx::{self, AssertSqlSafe, Postgres, Sqlite, Transaction};
use sea_orm::{DatabaseConnection, DbBackend, DbErr, RuntimeErr};

use crate::StoreError;

type R<T> = Result<T, StoreError>;

/// A driver error as the store reports every database error.
pub(super) fn db(e: sqlx::Error) -> StoreError {
    StoreError::Database(DbErr::Exec(RuntimeErr::SqlxError(Arc::new(e))))
}

/// Rows sent in one SQLite statement (9 parameters each, far below SQLite's limit).
const SQLITE_ROWS: usize = 100;

pub(super) enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Pg(Transaction<'static, Postgres>),
}

/// Runs the same code on either transaction (`$c` is `&mut Transaction<_>`).
macro_rules! on {
    ($tx:expr, $c:ident => $body:expr) => {
        match $tx {
            Tx::Sqlite($c) => $body,
            Tx::Pg($c) => $body,
        }
    };
}
pub(super) use on;

/// A value to create.
#[derive(Debug, Clone)]
pub(super) struct NewValue {
    pub series_id: i32,
    pub period: i32,
    pub months: i32,
    pub breakdown_id: i32,
    pub value: f64,
    pub status: &'static str,
    pub note: Option<String>,
    pub source: Option<String>,
    pub sample: bool,
}

impl Tx {
    pub async fn begin(conn: &DatabaseConnection) -> R<Self> {
        Ok(match conn.get_database_backend() {
            DbBackend::Postgres => Tx::Pg(conn.get_postgres_connection_pool().begin().await.map_err(db)?),
            _ => Tx::Sqlite(conn.get_sqlite_connection_pool().begin().await.map_err(db)?),
        })
    }

    pub async fn commit(self) -> R<()> {
        on!(self, c => c.commit().await.map_err(db))
    }

    pub async fn rollback(self) -> R<()> {
        on!(self, c => c.rollback().await.map_err(db))
    }

    /// Inserts `rows`, all new (the plan checked), written by import `import_id`.
    pub async fn insert_values(&mut self, import_id: i32, rows: &[NewValue]) -> R<()> {
        if rows.is_empty() {
            return Ok(());
        }
        match self {
            Tx::Sqlite(c) => {
                // Built from numbers only (placeholders and the import's id); the same
                // text each time, so the driver prepares it once.
                let full: Arc<str> = sqlite_insert(import_id, SQLITE_ROWS).into();
                for chunk in rows.chunks(SQLITE_ROWS) {
                    let sql = if chunk.len() == SQLITE_ROWS {
                        full.clone()
                    } else {
                        sqlite_insert(import_id, chunk.len()).into()
                    };
                    let mut q = sqlx::query(AssertSqlSafe(sql));
                    for r in chunk {
                        q = q
                            .bind(r.series_id)
                            .bind(r.period)
                            .bind(r.months)
                            .bind(r.breakdown_id)
                            .bind(r.value)
                            .bind(r.status)
                            .bind(r.note.as_deref())
                            .bind(r.source.as_deref())
                            .bind(r.sample);
                    }
                    q.execute(&mut **c).await.map_err(db)?;
                }
            }
            Tx::Pg(c) => {
                let mut text = String::with_capacity(rows.len() * 48);
                for r in rows {
                    let _ = write!(
                        text,
                        "{}\t{}\t{}\t{}\t{}\t{}\t",
                        r.series_id, r.period, r.months, r.breakdown_id, r.value, r.status
                    );
                    copy_text(&mut text, r.note.as_deref());
                    text.push('\t');
                    copy_text(&mut text, r.source.as_deref());
                    let _ = writeln!(
                        text,
                        "\t{}\t{import_id}\t{import_id}",
                        if r.sample { 't' } else { 'f' }
                    );
                }
                let mut copy = c
                    .copy_in_raw(
                        "COPY observations (series_id, period, months, breakdown_id, value, status, \
                         note, source, sample, import_id, created_import_id) FROM STDIN",
                    )
                    .await
                    .map_err(db)?;
                copy.send(text.as_bytes()).await.map_err(db)?;
                copy.finish().await.map_err(db)?;
            }
        }
        Ok(())
    }
}

/// An insert of `rows` rows; the import's id is the same for all, so it is written in.
/// Plain `?` parameters: SQLite looks a named one (`$n`) up by a linear search, which
/// over 900 of them per statement cost more than the insert.
fn sqlite_insert(import_id: i32, rows: usize) -> String {
    let mut sql = String::from(
        "INSERT INTO observations (series_id, period, months, breakdown_id, value, status, \
         note, source, sample, import_id, created_import_id) VALUES ",
    );
    for i in 0..rows {
        if i > 0 {
            sql.push(',');
        }
        let _ = write!(sql, "(?,?,?,?,?,?,?,?,?,{import_id},{import_id})");
    }
    sql
}

/// A text in COPY's text format: `\N` for none, backslash, tab and line breaks escaped.
fn copy_text(out: &mut String, text: Option<&str>) {
    let Some(text) = text else {
        out.push_str("\\N");
        return;
    };
    for ch in text.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_text_escapes_what_copy_reads_specially() {
        let mut s = String::new();
        copy_text(&mut s, Some("a\\b\tc\nd\re"));
        s.push('|');
        copy_text(&mut s, None);
        assert_eq!(s, "a\\\\b\\tc\\nd\\re|\\N");
    }

    #[test]
    fn sqlite_insert_has_nine_parameters_a_row() {
        let sql = sqlite_insert(7, 2);
        assert!(sql.ends_with(" VALUES (?,?,?,?,?,?,?,?,?,7,7),(?,?,?,?,?,?,?,?,?,7,7)"));
    }
}
