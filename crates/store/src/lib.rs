//! Persistence for Forja. One code base serves SQLite (the embedded default) and
//! PostgreSQL (scale-out) through sea-orm; the few things that differ between the two
//! live in [`backend`]. Repositories return entity models; services shape them.

pub mod accounts;
pub mod backend;
mod codes;
pub mod discussions;
pub mod edit_city;
pub mod edit_framework;
pub mod edit_indicator;
pub mod edit_organisation;
pub mod edit_practice;
pub mod edit_programme;
pub mod edit_request;
pub mod edit_resource;
pub mod edit_status;
pub mod edit_story;
pub mod edit_strategy;
pub mod entity;
pub mod import;
pub mod media;
pub mod migration;
pub mod monitoring;
pub mod notify;
pub mod read;
pub mod versioned;

use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, Set};
use sea_orm_migration::MigratorTrait;

pub use backend::DatabaseUrl;
pub use sea_orm::DbErr as DatabaseError;

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error")]
    Database(#[from] DbErr),
    #[error("cannot prepare the data directory {path}")]
    DataDir {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// A document refers to something that does not exist (a framework code, an
    /// organisation); the strings say which and where.
    #[error("the data refers to things that do not exist: {0:?}")]
    BrokenReferences(Vec<String>),
    /// A write named the version it was based on, and the stored one is another.
    #[error("the stored version is {current}")]
    VersionMoved { current: i32 },
}

/// A handle on the database, cheap to clone (the pool is shared).
#[derive(Clone, Debug)]
pub struct Store {
    db: DatabaseConnection,
}

impl Store {
    /// Connects and brings the schema up to date.
    pub async fn open(url: &DatabaseUrl) -> Result<Self, StoreError> {
        let db = backend::connect(url).await?;
        migration::Migrator::up(&db, None).await?;
        let store = Self { db };
        store.ensure_generation_row().await?;
        Ok(store)
    }

    /// Runs pending migrations only (the `forja migrate` command).
    pub async fn migrate(url: &DatabaseUrl) -> Result<Vec<String>, StoreError> {
        let db = backend::connect(url).await?;
        let pending: Vec<String> = migration::Migrator::get_pending_migrations(&db)
            .await?
            .iter()
            .map(|m| m.name().to_owned())
            .collect();
        migration::Migrator::up(&db, None).await?;
        Ok(pending)
    }

    pub fn connection(&self) -> &DatabaseConnection {
        &self.db
    }

    /// Answers when the database does (`/readyz`).
    pub async fn ping(&self) -> Result<(), StoreError> {
        self.db.ping().await?;
        Ok(())
    }

    pub fn backend_name(&self) -> &'static str {
        match self.db.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => "postgresql",
            sea_orm::DatabaseBackend::Sqlite => "sqlite",
            _ => "other",
        }
    }

    async fn ensure_generation_row(&self) -> Result<(), StoreError> {
        use entity::content_generation as cg;
        if cg::Entity::find_by_id(1).one(&self.db).await?.is_none() {
            cg::ActiveModel {
                id: Set(1),
                generation: Set(0),
                search_epoch: Set(0),
            }
            .insert(&self.db)
            .await?;
        }
        Ok(())
    }

    /// The content generation: changes whenever any content changes, so a cache entry
    /// made at generation N is valid while the generation is still N.
    pub async fn generation(&self) -> Result<i64, StoreError> {
        use entity::content_generation as cg;
        Ok(cg::Entity::find_by_id(1)
            .one(&self.db)
            .await?
            .map_or(0, |row| row.generation))
    }

    /// The content generation and the search epoch, read together.
    pub async fn generation_and_epoch(&self) -> Result<(i64, i64), StoreError> {
        use entity::content_generation as cg;
        Ok(cg::Entity::find_by_id(1)
            .one(&self.db)
            .await?
            .map_or((0, 0), |row| (row.generation, row.search_epoch)))
    }

    /// Asks every process to rebuild its search index (and bumps the generation, which
    /// processes watch).
    pub async fn bump_search_epoch(&self) -> Result<(), StoreError> {
        use entity::content_generation as cg;
        use sea_orm::{
            ColumnTrait, QueryFilter,
            sea_query::{Expr, ExprTrait},
        };
        cg::Entity::update_many()
            .col_expr(
                cg::Column::SearchEpoch,
                Expr::col(cg::Column::SearchEpoch).add(1),
            )
            .col_expr(
                cg::Column::Generation,
                Expr::col(cg::Column::Generation).add(1),
            )
            .filter(cg::Column::Id.eq(1))
            .exec(&self.db)
            .await?;
        Ok(())
    }

    /// The cities any revision since `at` (unix seconds) belongs to: what a search
    /// index following the changes must read again.
    pub async fn cities_revised_since(&self, at: i64) -> Result<Vec<i32>, StoreError> {
        use entity::revision;
        use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter, QuerySelect};
        let ids: Vec<Option<i32>> = revision::Entity::find()
            .select_only()
            .column(revision::Column::CityId)
            .distinct()
            .filter(revision::Column::At.gte(at))
            .into_tuple()
            .all(&self.db)
            .await?;
        let mut cities: std::collections::BTreeSet<i32> = ids.into_iter().flatten().collect();
        // Publishing writes no revision (the published version is one already): the
        // stories and practices published since count as changes of their city.
        let stories: Vec<i32> = entity::story::Entity::find()
            .select_only()
            .column(entity::story::Column::CityId)
            .filter(entity::story::Column::PublishedAt.gte(at))
            .into_tuple()
            .all(&self.db)
            .await?;
        let practices: Vec<i32> = entity::practice::Entity::find()
            .select_only()
            .column(entity::practice::Column::CityId)
            .filter(entity::practice::Column::PublishedAt.gte(at))
            .into_tuple()
            .all(&self.db)
            .await?;
        cities.extend(stories.into_iter().chain(practices));
        // Discussions are the network's: opened or closed since, its group changed.
        let discussions = entity::discussion::Entity::find()
            .filter(
                sea_orm::Condition::any()
                    .add(entity::discussion::Column::CreatedAt.gte(at))
                    .add(entity::discussion::Column::ClosedAt.gte(at)),
            )
            .count(&self.db)
            .await?;
        if discussions > 0 {
            cities.insert(edit_resource::NETWORK);
        }
        Ok(cities.into_iter().collect())
    }

    /// Bumps the content generation inside the caller's transaction.
    pub(crate) async fn bump_generation(conn: &impl ConnectionTrait) -> Result<(), DbErr> {
        use entity::content_generation as cg;
        use sea_orm::{
            ColumnTrait, QueryFilter,
            sea_query::{Expr, ExprTrait},
        };
        cg::Entity::update_many()
            .col_expr(
                cg::Column::Generation,
                Expr::col(cg::Column::Generation).add(1),
            )
            .filter(cg::Column::Id.eq(1))
            .exec(conn)
            .await?;
        Ok(())
    }
}
