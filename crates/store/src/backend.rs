//! Everything that differs between SQLite and PostgreSQL: how a URL is recognised and
//! how a connection is tuned. Queries elsewhere stay portable.

use std::path::{Path, PathBuf};
use std::time::Duration;

use sea_orm::{ConnectOptions, Database, DatabaseConnection};

use crate::StoreError;

/// A database location, validated when configuration is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// An SQLite file, created when missing.
    Sqlite(PathBuf),
    /// A PostgreSQL URL (`postgres://` or `postgresql://`).
    Postgres(String),
}

impl DatabaseUrl {
    /// The embedded default: `forja.db` inside the data directory.
    pub fn default_in(data_dir: &Path) -> Self {
        Self::Sqlite(data_dir.join("forja.db"))
    }

    /// Parses `sqlite://PATH`, `sqlite:PATH` or `postgres[ql]://...`.
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let raw = raw.trim();
        if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            // Parse it fully now, so a malformed URL stops start-up with a clear message
            // instead of a driver error later (which could print the password).
            return match <sea_orm::sqlx::postgres::PgConnectOptions as std::str::FromStr>::from_str(
                raw,
            ) {
                Ok(_) => Ok(Self::Postgres(raw.to_owned())),
                Err(_) => Err("a well-formed postgres://USER:PASSWORD@HOST:PORT/DATABASE URL"),
            };
        }
        if let Some(path) = raw
            .strip_prefix("sqlite://")
            .or_else(|| raw.strip_prefix("sqlite:"))
        {
            let path = path.split('?').next().unwrap_or("");
            if path.is_empty() {
                return Err("an sqlite URL names a file, e.g. sqlite://forja-data/forja.db");
            }
            return Ok(Self::Sqlite(PathBuf::from(path)));
        }
        Err("a database URL starts with sqlite:// or postgres://")
    }

    /// Shown in logs: never includes a password.
    pub fn redacted(&self) -> String {
        match self {
            Self::Sqlite(path) => format!("sqlite://{}", path.display()),
            Self::Postgres(url) => match (url.find("://"), url.rfind('@')) {
                (Some(scheme), Some(at)) if at > scheme => {
                    format!("{}://…@{}", &url[..scheme], &url[at + 1..])
                }
                _ => url.clone(),
            },
        }
    }
}

/// A database URL with any credentials replaced, safe for messages and logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            format!("{}://…@{}", &url[..scheme], &url[at + 1..])
        }
        _ => url.to_owned(),
    }
}

pub(crate) async fn connect(url: &DatabaseUrl) -> Result<DatabaseConnection, StoreError> {
    let options = match url {
        DatabaseUrl::Sqlite(path) => {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|source| StoreError::DataDir {
                    path: dir.display().to_string(),
                    source,
                })?;
            }
            let mut o = ConnectOptions::new(format!("sqlite://{}?mode=rwc", path.display()));
            // WAL lets readers run beside a writer; foreign keys are off by default in
            // SQLite and our deletes rely on them.
            o.map_sqlx_sqlite_opts(|opts| {
                opts.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                    .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(5))
            });
            o.max_connections(8).min_connections(1);
            o
        }
        DatabaseUrl::Postgres(raw) => {
            let mut o = ConnectOptions::new(raw.clone());
            o.max_connections(16).min_connections(1);
            o
        }
    };
    let mut options = options;
    options
        .connect_timeout(Duration::from_secs(10))
        .sqlx_logging(false);
    Ok(Database::connect(options).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_kinds_and_redacts_passwords() {
        assert_eq!(
            DatabaseUrl::parse("sqlite://x/f.db"),
            Ok(DatabaseUrl::Sqlite("x/f.db".into()))
        );
        let pg = DatabaseUrl::parse("postgres://u:secret@127.0.0.1:5432/db").unwrap();
        assert_eq!(pg.redacted(), "postgres://…@127.0.0.1:5432/db");
        assert!(DatabaseUrl::parse("mysql://x").is_err());
        assert!(DatabaseUrl::parse("sqlite://").is_err());
        assert!(DatabaseUrl::parse("postgres://u:secret@[bad").is_err());
        assert_eq!(redact("postgres://u:secret@[bad"), "postgres://…@[bad");
    }
}

/// Test support: a fresh, empty database for one test. SQLite gets a new file in a temp
/// directory; PostgreSQL gets `CREATE DATABASE` on the server named by `admin_url`.
pub mod scratch {
    use std::sync::atomic::{AtomicU32, Ordering};

    use sea_orm::{ConnectionTrait, Database};

    use super::DatabaseUrl;
    use crate::StoreError;

    static COUNTER: AtomicU32 = AtomicU32::new(0);

    fn unique(prefix: &str) -> String {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        format!(
            "{prefix}_{}_{}_{nanos}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        )
    }

    /// A new SQLite file under the system temp directory.
    pub fn sqlite() -> DatabaseUrl {
        let dir = std::env::temp_dir().join(unique("forja_test"));
        DatabaseUrl::Sqlite(dir.join("forja.db"))
    }

    /// A connection to `url` with only the first `migrations` migrations run: a test
    /// writes data as an older Forja did, then opens the store to migrate it.
    pub async fn migrated_to(
        url: &DatabaseUrl,
        migrations: u32,
    ) -> Result<sea_orm::DatabaseConnection, StoreError> {
        use sea_orm_migration::MigratorTrait;
        let db = super::connect(url).await?;
        crate::migration::Migrator::up(&db, Some(migrations)).await?;
        Ok(db)
    }

    /// A new database on the PostgreSQL server of `admin_url`.
    pub async fn postgres(admin_url: &str) -> Result<DatabaseUrl, StoreError> {
        let name = unique("forja_test");
        let admin = Database::connect(admin_url).await?;
        admin
            .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
            .await?;
        admin.close().await?;
        // Replace the database name: everything after the last '/' before any '?'.
        let (base, query) = admin_url
            .split_once('?')
            .map_or((admin_url, None), |(b, q)| (b, Some(q)));
        let base = base.rsplit_once('/').map_or(base, |(b, _)| b);
        let url = match query {
            Some(q) => format!("{base}/{name}?{q}"),
            None => format!("{base}/{name}"),
        };
        Ok(DatabaseUrl::Postgres(url))
    }
}
