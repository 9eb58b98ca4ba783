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
            return Ok(Self::Postgres(raw.to_owned()));
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
    }
}
