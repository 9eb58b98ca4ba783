//! What each programme status says about progress, as the network sets it: the list
//! for everyone, and for network administrators open, save, restore and history.

use super::*;
use forja_core::edit::StatusFields;
use forja_store::edit_status::ProgrammeStatusKind;
use forja_store::entity::programme_status;

/// A status as its list shows it.
#[derive(Debug, Clone, Serialize)]
pub struct StatusView {
    pub code: String,
    pub default_progress: Option<f64>,
}

/// Every status with what it says, in order.
pub async fn programme_statuses(store: &Store) -> Result<Vec<StatusView>> {
    Ok(store
        .programme_statuses()
        .await?
        .into_iter()
        .map(|s| StatusView {
            code: s.code,
            default_progress: s.default_progress,
        })
        .collect())
}

async fn load(store: &Store, actor: &Actor, code: &str) -> Result<programme_status::Model> {
    authorize(actor, &Action::ManageNetwork)?;
    store
        .programme_statuses()
        .await?
        .into_iter()
        .find(|s| s.code == code)
        .ok_or(ServiceError::NotFound)
}

pub async fn status_for_edit(
    store: &Store,
    actor: &Actor,
    code: &str,
) -> Result<ForEdit<StatusFields>> {
    let s = load(store, actor, code).await?;
    let now = current::<ProgrammeStatusKind>(store, s.id).await?;
    Ok(ForEdit {
        fields: now.fields,
        version: now.version,
        choices: (),
    })
}

/// Validates and saves; returns the new version.
pub async fn edit_status(
    store: &Store,
    actor: &Actor,
    code: &str,
    input: &RawInput,
    writing: Writing,
    version: i32,
) -> Result<i32> {
    let s = load(store, actor, code).await?;
    let fields = StatusFields::parse(input, writing).map_err(ServiceError::Invalid)?;
    let merging = Merging {
        to_input: &StatusFields::to_input,
        parse: &|i, _| StatusFields::parse(i, Writing::Machine),
        groups: &[],
        comparable: &always_comparable,
    };
    update::<ProgrammeStatusKind>(store, actor, s.id, version, fields, merging).await
}

pub async fn restore_status(
    store: &Store,
    actor: &Actor,
    code: &str,
    to_version: i32,
) -> Result<i32> {
    let s = load(store, actor, code).await?;
    apply::<ProgrammeStatusKind>(store, actor, s.id, s.version, Change::Restore(to_version)).await
}

pub async fn status_history(store: &Store, actor: &Actor, code: &str) -> Result<History> {
    let s = load(store, actor, code).await?;
    history_of::<ProgrammeStatusKind>(store, s.id, "programme-statuses", code).await
}
