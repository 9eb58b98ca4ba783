//! A city's monitoring data as editors change it: importing a file (dry run first,
//! then commit), the list of imports and undoing one. Every right is asked of the
//! policy here, before anything is read from the file.

use std::path::PathBuf;

use forja_core::policy::{Action, Actor, allowed};
use forja_store::entity::data_import;
use forja_store::monitoring::{Counts, ImportRecord, UndoOutcome};

use super::import::{ReadOptions, Summary};
use crate::{Result, ServiceError, Store};

fn enter_data(city: &forja_store::entity::city::Model) -> Action {
    Action::EnterData {
        city: crate::city_id(city),
        reporters: Vec::new(),
    }
}

/// What a reader may do with a city's monitoring: one city lookup for both rights.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DataRights {
    /// See small counts as they are (the public sees them protected).
    pub true_values: bool,
    /// Enter, import and undo (the page shows those links).
    pub enter: bool,
}

/// The rights of `actor` (none when nobody is signed in) over the city's data.
pub async fn rights(store: &Store, actor: Option<&Actor>, city_slug: &str) -> Result<DataRights> {
    let Some(actor) = actor else {
        return Ok(DataRights::default());
    };
    let city = crate::city(store, city_slug).await?;
    Ok(DataRights {
        true_values: allowed(
            actor,
            &Action::SeeTrueValues {
                city: crate::city_id(&city),
            },
        ),
        enter: allowed(actor, &enter_data(&city)),
    })
}

/// Whether `actor` may enter data for the city.
pub async fn may_enter_data(store: &Store, actor: Option<&Actor>, city_slug: &str) -> Result<bool> {
    Ok(rights(store, actor, city_slug).await?.enter)
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
    if !allowed(actor, &enter_data(&city)) {
        return Err(ServiceError::Forbidden);
    }
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
    if !allowed(actor, &enter_data(&city)) {
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
    if !allowed(actor, &enter_data(&city)) {
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
