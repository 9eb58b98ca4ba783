//! A city's monitoring data as editors change it: importing a file (dry run first,
//! then commit), the list of imports and undoing one, and who reports an indicator.
//! Every right is asked of the policy here, before anything is read from the file: a
//! city's editors write all its data, a partner editor what their organisation reports.

use std::path::PathBuf;

use forja_core::ids::OrganisationId;
use forja_core::policy::{Action, Actor, allowed};
use forja_store::entity::data_import;
use forja_store::monitoring::{Counts, ImportRecord, UndoOutcome};

use super::import::{ReadOptions, Summary};
use crate::{Result, ServiceError, Store};

fn enter_data(city: &forja_store::entity::city::Model, reporters: Vec<OrganisationId>) -> Action {
    Action::EnterData {
        city: crate::city_id(city),
        reporters,
    }
}

/// Which of a city's indicators someone may write.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Writable {
    #[default]
    Nothing,
    /// These (by id): those their organisation reports (a partner editor).
    Only(Vec<i32>),
    All,
}

impl Writable {
    pub fn any(&self) -> bool {
        !matches!(self, Writable::Nothing)
    }
    pub fn includes(&self, indicator_id: i32) -> bool {
        match self {
            Writable::Nothing => false,
            Writable::Only(ids) => ids.contains(&indicator_id),
            Writable::All => true,
        }
    }
}

/// What the actor may write of the city's data. The policy decides; this only finds
/// which organisations report what.
pub(crate) async fn writable(
    store: &Store,
    actor: &Actor,
    city: &forja_store::entity::city::Model,
) -> Result<Writable> {
    if allowed(actor, &enter_data(city, Vec::new())) {
        return Ok(Writable::All);
    }
    let Some(org) = actor.organisation else {
        return Ok(Writable::Nothing);
    };
    let ids = store.reported_by(city.id, org.0 as i32).await?;
    Ok(
        if !ids.is_empty() && allowed(actor, &enter_data(city, vec![org])) {
            Writable::Only(ids)
        } else {
            Writable::Nothing
        },
    )
}

/// Refuses unless the actor may write the city's values of the indicator.
pub(crate) async fn authorize_indicator(
    store: &Store,
    actor: &Actor,
    city: &forja_store::entity::city::Model,
    indicator_id: i32,
) -> Result<()> {
    let (_, reporters) = store.reporters(indicator_id, city.id).await?;
    let reporters = reporters
        .into_iter()
        .map(|id| OrganisationId(i64::from(id)))
        .collect();
    if allowed(actor, &enter_data(city, reporters)) {
        Ok(())
    } else {
        Err(ServiceError::Forbidden)
    }
}

/// What a reader may do with a city's monitoring: one city lookup for every right.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DataRights {
    /// See small counts as they are (the public sees them protected).
    pub true_values: bool,
    /// Which indicators they may enter, import and undo (the pages show those links).
    pub writable: Writable,
    /// Codes of the indicators in `writable` (for pages, which name indicators by code).
    codes: Vec<String>,
}

impl DataRights {
    /// Whether they may write anything of the city's data (the import page).
    pub fn enter(&self) -> bool {
        self.writable.any()
    }
    /// Whether they may write the indicator's values.
    pub fn enter_code(&self, code: &str) -> bool {
        match self.writable {
            Writable::All => true,
            _ => self.codes.iter().any(|c| c == code),
        }
    }
}

/// The rights of `actor` (none when nobody is signed in) over the city's data.
pub async fn rights(store: &Store, actor: Option<&Actor>, city_slug: &str) -> Result<DataRights> {
    let Some(actor) = actor else {
        return Ok(DataRights::default());
    };
    let city = crate::city(store, city_slug).await?;
    let writable = writable(store, actor, &city).await?;
    let codes = match &writable {
        Writable::Only(ids) => store
            .indicators(Some(city.id))
            .await?
            .into_iter()
            .filter(|i| ids.contains(&i.row.id))
            .map(|i| i.row.code)
            .collect(),
        _ => Vec::new(),
    };
    Ok(DataRights {
        true_values: allowed(
            actor,
            &Action::SeeTrueValues {
                city: crate::city_id(&city),
            },
        ),
        writable,
        codes,
    })
}

/// Whether `actor` may enter any of the city's data.
pub async fn may_enter_data(store: &Store, actor: Option<&Actor>, city_slug: &str) -> Result<bool> {
    Ok(rights(store, actor, city_slug).await?.enter())
}

/// A file to import, kept under the data directory while the person decides.
#[derive(Debug, Clone)]
pub struct Upload {
    pub path: PathBuf,
    pub file_name: String,
    pub sha256: String,
}

/// Imports `upload` into the city: a dry run unless `commit`.
pub async fn import_file(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    upload: &Upload,
    options: ReadOptions,
    commit: bool,
) -> Result<Summary> {
    let city = crate::city(store, city_slug).await?;
    let only = match writable(store, actor, &city).await? {
        Writable::Nothing => return Err(ServiceError::Forbidden),
        Writable::Only(ids) => Some(ids),
        Writable::All => None,
    };
    let options = ReadOptions { only, ..options };
    let record = commit.then(|| ImportRecord {
        file_name: upload.file_name.clone(),
        sha256: upload.sha256.clone(),
        format: String::new(),
        user_id: Some(actor.user.0 as i32),
        at: crate::auth::now(),
    });
    super::import::run(store, city.id, upload.path.clone(), options, record, |_| {}).await
}

/// An import as its list shows it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ImportView {
    pub id: i32,
    pub at: i64,
    pub file_name: String,
    pub sha256: String,
    pub format: String,
    pub counts: Counts,
    /// Who imported it (their name), if their account still exists.
    pub by: Option<String>,
    pub undone_at: Option<i64>,
}

fn counts(i: &data_import::Model) -> Counts {
    Counts {
        created: i.created as u64,
        updated: i.updated as u64,
        unchanged: i.unchanged as u64,
        deleted: i.deleted as u64,
    }
}

/// The city's imports, newest first.
pub async fn imports(store: &Store, actor: &Actor, city_slug: &str) -> Result<Vec<ImportView>> {
    let city = crate::city(store, city_slug).await?;
    if !writable(store, actor, &city).await?.any() {
        return Err(ServiceError::Forbidden);
    }
    let mut names: std::collections::HashMap<i32, Option<String>> = Default::default();
    let mut out = Vec::new();
    for i in store.imports(city.id).await? {
        let by = match i.user_id {
            Some(id) => match names.get(&id) {
                Some(n) => n.clone(),
                None => {
                    let n = store.user_by_id(id).await?.map(|u| u.display_name);
                    names.insert(id, n.clone());
                    n
                }
            },
            None => None,
        };
        out.push(ImportView {
            id: i.id,
            at: i.at,
            counts: counts(&i),
            file_name: i.file_name,
            sha256: i.sha256,
            format: i.format,
            by,
            undone_at: i.undone_at,
        });
    }
    Ok(out)
}

/// Undoes one of the city's imports as a whole.
pub async fn undo(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    import_id: i32,
) -> Result<UndoOutcome> {
    let city = crate::city(store, city_slug).await?;
    // A partner editor undoes an import only when it changed nothing but what their
    // organisation reports.
    let writable = writable(store, actor, &city).await?;
    if !writable.any() {
        return Err(ServiceError::Forbidden);
    }
    if let Writable::Only(_) = writable
        && !store
            .import_indicators(import_id)
            .await?
            .into_iter()
            .all(|i| writable.includes(i))
    {
        return Err(ServiceError::Forbidden);
    }
    match store
        .undo_import(
            city.id,
            import_id,
            Some(actor.user.0 as i32),
            crate::auth::now(),
        )
        .await?
    {
        UndoOutcome::Missing => Err(ServiceError::NotFound),
        other => Ok(other),
    }
}
