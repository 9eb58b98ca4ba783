//! The import's own transaction, on the database driver itself rather than through
//! sea-orm: the bulk path needs what only the driver offers (PostgreSQL's `COPY`; on
//! SQLite one prepared many-row insert run again and again), and a transaction must
//! stay on one connection. The plan's other statements (`imports.rs`) are plain SQL
//! with `$n` parameters, which both drivers read; the bulk insert on SQLite uses `?`.

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
            DbBackend::Postgres => Tx::Pg(
                conn.get_postgres_connection_pool()
                    .begin()
                    .await
                    .map_err(db)?,
            ),
            _ => Tx::Sqlite(
                conn.get_sqlite_connection_pool()
                    .begin()
                    .await
                    .map_err(db)?,
            ),
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
                let data = copy_binary(import_id, rows);
                let mut copy = c
                    .copy_in_raw(
                        "COPY observations (series_id, period, months, breakdown_id, value, status, \
                         note, source, sample, import_id, created_import_id) FROM STDIN (FORMAT binary)",
                    )
                    .await
                    .map_err(db)?;
                copy.send(data).await.map_err(db)?;
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

/// `rows` in COPY's binary format: numbers as they are in memory (big-endian), so
/// neither side writes or parses them as text.
fn copy_binary(import_id: i32, rows: &[NewValue]) -> Vec<u8> {
    let mut out = Vec::with_capacity(19 + rows.len() * 110 + 2);
    out.extend_from_slice(b"PGCOPY\n\xff\r\n\0");
    out.extend_from_slice(&0i32.to_be_bytes()); // flags
    out.extend_from_slice(&0i32.to_be_bytes()); // header extension
    let int = |out: &mut Vec<u8>, n: i32| {
        out.extend_from_slice(&4i32.to_be_bytes());
        out.extend_from_slice(&n.to_be_bytes());
    };
    let text = |out: &mut Vec<u8>, t: Option<&str>| match t {
        None => out.extend_from_slice(&(-1i32).to_be_bytes()),
        Some(t) => {
            out.extend_from_slice(&(t.len() as i32).to_be_bytes());
            out.extend_from_slice(t.as_bytes());
        }
    };
    for r in rows {
        out.extend_from_slice(&11i16.to_be_bytes());
        int(&mut out, r.series_id);
        int(&mut out, r.period);
        int(&mut out, r.months);
        int(&mut out, r.breakdown_id);
        out.extend_from_slice(&8i32.to_be_bytes());
        out.extend_from_slice(&r.value.to_be_bytes());
        text(&mut out, Some(r.status));
        text(&mut out, r.note.as_deref());
        text(&mut out, r.source.as_deref());
        out.extend_from_slice(&1i32.to_be_bytes());
        out.push(u8::from(r.sample));
        int(&mut out, import_id);
        int(&mut out, import_id);
    }
    out.extend_from_slice(&(-1i16).to_be_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_binary_frames_each_field_with_its_length() {
        let row = NewValue {
            series_id: 1,
            period: 2,
            months: 12,
            breakdown_id: 3,
            value: 1.5,
            status: "normal",
            note: Some("ș".into()),
            source: None,
            sample: true,
        };
        let data = copy_binary(9, &[row]);
        assert!(data.starts_with(b"PGCOPY\n\xff\r\n\0\0\0\0\0\0\0\0\0"));
        let tuple = &data[19..data.len() - 2];
        assert_eq!(&tuple[..2], &11i16.to_be_bytes());
        assert_eq!(&tuple[2..10], &[0, 0, 0, 4, 0, 0, 0, 1]);
        // ... value as 8 bytes, status, the note in UTF-8 (2 bytes), no source (-1).
        let note = 2 + 4 * 8 + 12 + 4 + 6;
        assert_eq!(&tuple[note..note + 6], &[0, 0, 0, 2, 0xc8, 0x99]);
        assert_eq!(&tuple[note + 6..note + 10], &(-1i32).to_be_bytes());
        assert_eq!(&data[data.len() - 2..], &(-1i16).to_be_bytes());
    }

    #[test]
    fn sqlite_insert_has_nine_parameters_a_row() {
        let sql = sqlite_insert(7, 2);
        assert!(sql.ends_with(" VALUES (?,?,?,?,?,?,?,?,?,7,7),(?,?,?,?,?,?,?,?,?,7,7)"));
    }
}
