//! Observations stored compactly, so a million-row import costs what loading the file
//! into a plain table costs, give or take the one index it needs (issue 11's target).
//!
//! m0006 keyed a value by its period's first day as text and its breakdown as text
//! (`sex=F|urbanisation=R`), behind a surrogate id, with a foreign key to its series.
//! Measured on a million rows, each of those cost more than the insert itself: the
//! text key doubled the bytes written (row and index), the id added a second index and
//! a sequence, and PostgreSQL checks a foreign key row by row (3.4 s of 4.7 s).
//!
//! Now a period is a month number (`year × 12 + month − 1`) and a length in months, a
//! breakdown is an id in `breakdowns` (its canonical text once), and the key itself is
//! the primary key: SQLite stores the table in it (`WITHOUT ROWID`). There is no foreign
//! key to `series`: series are never deleted (cities and indicators are not either);
//! whatever deletes one must delete its observations first. `import_changes` follows
//! the same key. The data already stored is carried over.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// A stored first day (`2023-09-01`) as a month number.
const MONTH: &str = "CAST(substr(period_start, 1, 4) AS integer) * 12 + CAST(substr(period_start, 6, 2) AS integer) - 1";

fn observations(backend: DbBackend) -> String {
    let tail = if backend == DbBackend::Sqlite {
        " WITHOUT ROWID"
    } else {
        ""
    };
    format!(
        "CREATE TABLE observations_v2 (
            series_id integer NOT NULL,
            period integer NOT NULL,
            months integer NOT NULL,
            breakdown_id integer NOT NULL,
            value double precision NOT NULL,
            status varchar NOT NULL,
            note text NULL,
            source text NULL,
            sample boolean NOT NULL DEFAULT FALSE,
            import_id integer NULL,
            created_import_id integer NULL,
            PRIMARY KEY (series_id, period, months, breakdown_id)
        ){tail}"
    )
}

fn import_changes(backend: DbBackend) -> String {
    // The column types sea-query gave m0006's json columns on each database.
    let (id, json) = match backend {
        DbBackend::Sqlite => ("integer NOT NULL PRIMARY KEY AUTOINCREMENT", "json_text"),
        _ => ("serial PRIMARY KEY", "json"),
    };
    format!(
        "CREATE TABLE import_changes_v2 (
            id {id},
            import_id integer NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
            series_id integer NOT NULL REFERENCES series (id) ON DELETE CASCADE,
            period integer NOT NULL,
            months integer NOT NULL,
            breakdown_id integer NOT NULL,
            previous {json} NOT NULL
        )"
    )
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// All or nothing, on one connection: the data is moved between tables.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        let backend = db.get_database_backend();
        let id = match backend {
            DbBackend::Sqlite => "integer NOT NULL PRIMARY KEY AUTOINCREMENT",
            _ => "serial PRIMARY KEY",
        };
        let steps = [
            format!("CREATE TABLE breakdowns (id {id}, key varchar NOT NULL)"),
            "CREATE UNIQUE INDEX ux_breakdowns_key ON breakdowns (key)".to_owned(),
            "INSERT INTO breakdowns (key) SELECT '' UNION SELECT dims FROM observations \
             UNION SELECT dims FROM import_changes"
                .to_owned(),
            observations(backend),
            format!(
                "INSERT INTO observations_v2 SELECT o.series_id, {MONTH}, o.months, b.id, o.value, \
                 o.status, o.note, o.source, o.sample, o.import_id, o.created_import_id \
                 FROM observations o JOIN breakdowns b ON b.key = o.dims"
            ),
            "DROP TABLE observations".to_owned(),
            "ALTER TABLE observations_v2 RENAME TO observations".to_owned(),
            import_changes(backend),
            format!(
                "INSERT INTO import_changes_v2 (id, import_id, series_id, period, months, breakdown_id, previous) \
                 SELECT c.id, c.import_id, c.series_id, {MONTH}, c.months, b.id, c.previous \
                 FROM import_changes c JOIN breakdowns b ON b.key = c.dims"
            ),
            "DROP TABLE import_changes".to_owned(),
            "ALTER TABLE import_changes_v2 RENAME TO import_changes".to_owned(),
            "CREATE INDEX ix_import_changes_import_id ON import_changes (import_id)".to_owned(),
        ];
        for sql in steps {
            db.execute_unprepared(&sql).await?;
        }
        if backend == DbBackend::Postgres {
            // The carried-over ids must not be handed out again.
            db.execute_unprepared(
                "SELECT setval(pg_get_serial_sequence('import_changes', 'id'), \
                 COALESCE((SELECT max(id) FROM import_changes), 0) + 1, false)",
            )
            .await?;
        }
        Ok(())
    }
}
