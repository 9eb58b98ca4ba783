//! Use-cases shared by the web layer, the CLI and (later) jobs: loading the built-in
//! frameworks and demo network, and building the read models that pages and the JSON
//! API render. Handlers call one function here and never touch the store directly.

pub mod auth;
pub mod builtin;
pub mod catalogue;
pub mod dashboard;
pub mod demo_media;
pub mod discussions;
pub mod editing;
pub mod media;
pub mod monitoring;
pub mod notices;
pub mod peers;
pub mod people;
pub mod places;
pub mod practices;
mod queries;
pub mod requests;
pub mod resources;
mod roster;
pub mod search;
pub mod views;

pub use forja_store::{DatabaseUrl, Store};
pub use queries::*;

/// One error type for the services layer; the web layer maps it to HTTP in one place.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// The thing asked for does not exist (or is not public).
    #[error("not found")]
    NotFound,
    #[error(transparent)]
    Store(#[from] forja_store::StoreError),
    /// A data file is malformed; every problem is listed.
    #[error("invalid data in {file}: {}", problems.join("; "))]
    InvalidData { file: String, problems: Vec<String> },
    /// The actor's role does not allow this.
    #[error("not allowed")]
    Forbidden,
    /// Saved over a version that is no longer current.
    #[error("conflict: the stored version is {current_version}")]
    Conflict { current_version: i32 },
    /// Saved over a version others changed since, and both changed the same fields:
    /// a person has to choose (everything else is already merged).
    #[error("conflict: {} changed by both, the stored version is {}", .0.fields.join(", "), .0.current_version)]
    EditConflict(Box<editing::EditConflict>),
    /// The input has problems, each naming its field.
    #[error("invalid input")]
    Invalid(Vec<forja_core::edit::FieldProblem>),
    /// A data file that cannot be imported at all (encoding, columns, decimal mark).
    #[error("the data file cannot be read: {0:?}")]
    DataFile(Box<monitoring::import::FileProblem>),
    /// Something that should not fail did (no randomness, a thread panicked).
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<forja_store::DatabaseError> for ServiceError {
    fn from(e: forja_store::DatabaseError) -> Self {
        ServiceError::Store(e.into())
    }
}

pub type Result<T, E = ServiceError> = std::result::Result<T, E>;

/// A city by slug, or `NotFound`: the first step of almost every use-case.
pub(crate) async fn city(store: &Store, slug: &str) -> Result<forja_store::entity::city::Model> {
    store
        .city_by_slug(slug)
        .await?
        .ok_or(ServiceError::NotFound)
}

/// The typed id the policy speaks of.
pub(crate) fn city_id(city: &forja_store::entity::city::Model) -> forja_core::ids::CityId {
    forja_core::ids::CityId(i64::from(city.id))
}
